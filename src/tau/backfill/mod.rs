//! Gap-free backfill after a reconnect or a page load (PROTOCOL.md §9), as a sans-IO machine.
//!
//! TAU delivers at most once and has no resume token, so after every [`Action::WentLive`] the
//! shell runs a *pass*: [`Backfill::start`] gives the first page to `GET` (with
//! `Authorization: Token …`), each body goes to [`Backfill::on_page`], which answers with the
//! next URL to fetch or with the events to show, and a failed fetch goes to
//! [`Backfill::on_error`]. Every live event goes through [`Backfill::on_live`]: during a pass it
//! is buffered, otherwise it is delivered at once unless it was seen already. After deliveries the
//! shell stores [`Backfill::checkpoint`] (see [`Checkpoint::to_storage_string`]) so that the next
//! page load backfills too.
//!
//! Rules:
//!
//! * Paging stops at the first row older than the checkpoint's `created` second (rows in the same
//!   second are kept, §9), when `next` is null, or after [`BackfillOptions::max_pages`].
//! * `next` is followed only on TAU's own origin ([`BackfillOptions::origin`], see
//!   [`TauOrigin::resolve`]): a link to another scheme, host or port would carry the token there.
//!   Such a link ends paging as `max_pages` does (what was fetched is delivered) and
//!   [`BackfillStats::stopped`] says why.
//! * The checkpoint row itself is never delivered again.
//! * Deduplication is by `(id, event_type)`: replays and USE_IRC re-broadcasts reuse both, while a
//!   `…redemption-update` is a row of its own. Test events (`id` null) are never deduplicated and
//!   never move the checkpoint; replays always play.
//! * Delivery order: one [`OfflineSummary`] for backfilled events older than
//!   [`BackfillOptions::summary_after`], the other backfilled events oldest first, then the live
//!   events buffered meanwhile in arrival order. A stored event both fetched and buffered plays
//!   once, from the live copy (it may carry USE_IRC's `user_input_emotes`).
//! * With no checkpoint yet (first page load ever), a pass reads one page only to set the
//!   checkpoint and delivers nothing old. If TAU has stored no event at all, the checkpoint is
//!   [`Checkpoint::empty_store`], so that events missed later are backfilled.
//! * After a failed fetch the checkpoint stays where it was until a pass succeeds, so the next
//!   [`Backfill::start`] retries the whole gap.
//! * If [`Backfill::start`] is called during a pass (the socket dropped and came back), the pass
//!   goes round once more from the first page, down to the newest row it already has.
//!
//! [`Action::WentLive`]: crate::tau::connection::Action::WentLive
//!
//! ```
//! use tau_overlay::tau::backfill::{Backfill, BackfillOptions, Checkpoint, Delivery, PageOutcome};
//! use tau_overlay::tau::protocol::UnixMillis;
//!
//! let stored = Checkpoint::from_storage_string("v1|1710010800000|old-row");
//! let mut backfill = Backfill::new(BackfillOptions::default());
//! let now = UnixMillis(1_710_011_000_000);
//! assert_eq!(backfill.start(stored, now).as_deref(), Some("/api/v1/twitch-events/"));
//! let page = serde_json::json!({"next": null, "previous": null, "results": [
//!     {"id": "new-row", "event_id": null, "event_type": "channel-follow", "event_source": "EventSub",
//!      "event_data": {"user_name": "Ana"}, "created": "2024-03-09T19:02:00+0000", "origin": "twitch"},
//!     {"id": "old-row", "event_id": null, "event_type": "channel-follow", "event_source": "EventSub",
//!      "event_data": {"user_name": "Bo"}, "created": "2024-03-09T19:00:00+0000", "origin": "twitch"},
//! ]});
//! let PageOutcome::Done(deliveries) = backfill.on_page(&page, now) else { panic!() };
//! assert!(matches!(&deliveries[..], [Delivery::Alert(e)] if e.id.as_deref() == Some("new-row")));
//! assert_eq!(backfill.checkpoint().unwrap().id, "new-row");
//! ```

mod checkpoint;
mod seen;
mod summary;

pub use checkpoint::Checkpoint;
pub use summary::OfflineSummary;

use crate::settings::origin::{LinkRefused, TauOrigin};
use crate::tau::protocol::{Envelope, Origin, UnixMillis};
use crate::tau::wire::Json;
use crate::util::bounded_set::BoundedSet;
use core::time::Duration;
use seen::key;
use summary::Tally;

/// One page of `GET /api/v1/twitch-events/` (DRF pagination, PROTOCOL.md §7): the rows stay raw
/// JSON and are decoded one by one, so a bad row only costs itself.
struct Page<J> {
    results: Vec<J>,
    /// The next (older) page's URL; `null` on the last page.
    next: Option<String>,
}

impl<J: Json> Page<J> {
    /// `None` unless `body` is an object with a `results` array and a string, `null` or no `next`.
    fn read(body: &J) -> Option<Page<J>> {
        let results = body.member("results")?.elements()?;
        let next = match body.member("next") {
            Some(next) => next.decode::<Option<String>>().ok()?,
            None => None,
        };
        Some(Page { results, next })
    }
}

/// The path of the first page of stored events (newest first); later pages come from `next`.
pub const FIRST_PAGE: &str = "/api/v1/twitch-events/";

/// Tunables; [`Default`] gives 10 minutes, 50 pages, 2000 remembered ids and TAU at
/// `http://localhost:8000`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackfillOptions {
    /// TAU's origin: `next` links are followed only there (the requests carry the token).
    pub origin: TauOrigin,
    /// Backfilled events older than this (against the wall clock) are only counted in the
    /// offline summary.
    pub summary_after: Duration,
    /// Most pages per pass (TAU serves 10 rows a page).
    pub max_pages: usize,
    /// How many delivered ids are remembered for deduplication.
    pub seen_capacity: usize,
}

impl Default for BackfillOptions {
    fn default() -> Self {
        BackfillOptions {
            origin: TauOrigin::default(),
            summary_after: Duration::from_secs(600),
            max_pages: 50,
            seen_capacity: 2000,
        }
    }
}

/// Something to show.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    /// One event, to be turned into an alert (e.g. with [`crate::engine::AlertInput::from_envelope`]).
    Alert(Box<Envelope>),
    /// Old backfilled events, as one alert.
    Summary(OfflineSummary),
}

/// What to do after a page.
#[derive(Clone, Debug, PartialEq)]
pub enum PageOutcome {
    /// Fetch this URL and pass the body to [`Backfill::on_page`]: [`FIRST_PAGE`] (a path on TAU),
    /// or TAU's `next` link, absolute and checked to be on [`BackfillOptions::origin`].
    Fetch(String),
    /// The pass is over: show these, in order.
    Done(Vec<Delivery>),
}

/// Counters for the debug panel. `passes`, `errors` and `live_deduped` count since the page
/// loaded; the others describe the last (or running) pass.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackfillStats {
    /// Passes started.
    pub passes: u32,
    /// Passes ended by a failed fetch or an unreadable page.
    pub errors: u32,
    /// Live events dropped as duplicates outside passes.
    pub live_deduped: u32,
    /// Wall time the last pass started.
    pub started: Option<UnixMillis>,
    /// Pages fetched.
    pub pages: u32,
    /// Rows read, including the rows that ended paging and rows that did not decode.
    pub rows: u32,
    /// Rows that did not decode as events.
    pub bad_rows: u32,
    /// Alerts delivered (backfilled and buffered live events).
    pub delivered: u32,
    /// Events dropped as already seen.
    pub deduped: u32,
    /// Backfilled events folded into the offline summary.
    pub summarized: u32,
    /// Paging stopped at `max_pages` before reaching the checkpoint.
    pub truncated: bool,
    /// Paging stopped before the checkpoint because TAU's `next` link was refused (it pointed
    /// away from TAU's origin); events older than the fetched pages were not backfilled.
    pub stopped: Option<LinkRefused>,
}

/// One running pass.
#[derive(Debug)]
struct Pass {
    /// Where paging stops; `None` primes the checkpoint from the newest row.
    stop: Option<Checkpoint>,
    /// Rows kept: earlier rounds oldest first, then the current round newest first.
    rows: Vec<Envelope>,
    /// Where the current round's rows begin in `rows`.
    round_start: usize,
    /// Pages fetched in the current round.
    pages: usize,
    /// Live events that arrived during the pass.
    #[allow(clippy::vec_box)] // The boxes move on into `Delivery::Alert` without reallocating.
    buffer: Vec<Box<Envelope>>,
    /// `start` was called again during the pass: go round once more.
    again: bool,
}

/// The backfill machine (see the [module docs](self)).
#[derive(Debug)]
pub struct Backfill {
    options: BackfillOptions,
    checkpoint: Option<Checkpoint>,
    /// A pass failed: the checkpoint must not move until one succeeds.
    frozen: bool,
    seen: BoundedSet,
    pass: Option<Pass>,
    stats: BackfillStats,
}

impl Backfill {
    /// A machine with no checkpoint and nothing seen.
    pub fn new(options: BackfillOptions) -> Self {
        Backfill {
            seen: BoundedSet::new(options.seen_capacity),
            options,
            checkpoint: None,
            frozen: false,
            pass: None,
            stats: BackfillStats::default(),
        }
    }

    /// Begins a pass from `checkpoint` (the stored one on page load) or the machine's own, if
    /// newer. Returns the first page to fetch, or `None` if a pass is already running (it will
    /// go round once more instead).
    pub fn start(&mut self, checkpoint: Option<Checkpoint>, wall_now: UnixMillis) -> Option<String> {
        if let Some(c) = checkpoint {
            if self.checkpoint.as_ref().is_none_or(|own| c.is_after(own)) {
                self.checkpoint = Some(c);
            }
        }
        if let Some(pass) = &mut self.pass {
            pass.again = true;
            return None;
        }
        self.stats = BackfillStats {
            passes: self.stats.passes + 1,
            errors: self.stats.errors,
            live_deduped: self.stats.live_deduped,
            started: Some(wall_now),
            ..BackfillStats::default()
        };
        self.pass = Some(Pass {
            stop: self.checkpoint.clone(),
            rows: Vec::new(),
            round_start: 0,
            pages: 0,
            buffer: Vec::new(),
            again: false,
        });
        Some(FIRST_PAGE.to_string())
    }

    /// True while a pass is running (live events are being buffered).
    pub fn is_running(&self) -> bool {
        self.pass.is_some()
    }

    /// A live frame: buffered during a pass, otherwise delivered unless already seen.
    pub fn on_live(&mut self, envelope: Box<Envelope>) -> Vec<Delivery> {
        if let Some(pass) = &mut self.pass {
            pass.buffer.push(envelope);
            return Vec::new();
        }
        let mut out = Vec::new();
        if !self.admit(envelope, &mut out) {
            self.stats.live_deduped += 1;
        }
        out
    }

    /// One page body of `GET /api/v1/twitch-events/`. `wall_now` (`Date.now()`) decides which
    /// backfilled events are old enough for the summary. A body that is not a page ends the
    /// pass as [`Backfill::on_error`] does.
    ///
    /// `body` is any parsed document: a [`Value`](serde_json::Value) on the host, the object
    /// `JSON.parse` returned in the browser ([`crate::tau::wire::parse_document`]).
    pub fn on_page<J: Json>(&mut self, body: &J, wall_now: UnixMillis) -> PageOutcome {
        let Some(mut pass) = self.pass.take() else {
            return PageOutcome::Done(Vec::new());
        };
        let Some(Page { results, next }) = Page::read(body) else {
            self.pass = Some(pass);
            return PageOutcome::Done(self.on_error());
        };
        self.stats.pages += 1;
        pass.pages += 1;
        let mut reached = false;
        for row in results {
            self.stats.rows += 1;
            let Ok(envelope) = Envelope::from_document(row) else {
                self.stats.bad_rows += 1;
                continue;
            };
            match &pass.stop {
                None => {
                    // Priming: the newest stored row becomes the checkpoint; nothing is shown.
                    if let Some(c) = Checkpoint::of(&envelope) {
                        self.advance(c);
                        reached = true;
                        break;
                    }
                }
                Some(stop) if envelope.created.is_some_and(|c| c < stop.created) => {
                    reached = true;
                    break;
                }
                Some(stop) if envelope.id.as_deref() == Some(stop.id.as_str()) => self.stats.deduped += 1,
                Some(_) => pass.rows.push(envelope),
            }
        }
        if let (None, false, None) = (&pass.stop, reached, &next) {
            // Priming read the whole store and it holds no event (a fresh TAU): everything
            // stored from now on is new, so the checkpoint is the beginning of time rather than
            // none (with none, the next pass would prime again and skip what it finds).
            self.advance(Checkpoint::empty_store());
        }
        if let (false, Some(next)) = (reached, next) {
            match self.options.origin.resolve(&next) {
                Err(refused) => self.stats.stopped = Some(refused),
                Ok(next) if pass.pages < self.options.max_pages => {
                    self.pass = Some(pass);
                    return PageOutcome::Fetch(next);
                }
                Ok(_) => self.stats.truncated = true,
            }
        }
        // End of a round: its rows go oldest first.
        let newest = pass.rows.get(pass.round_start).and_then(Checkpoint::of);
        pass.rows[pass.round_start..].reverse();
        pass.round_start = pass.rows.len();
        if pass.again {
            pass.again = false;
            pass.pages = 0;
            pass.stop = newest.or(pass.stop).or_else(|| self.checkpoint.clone());
            self.pass = Some(pass);
            return PageOutcome::Fetch(FIRST_PAGE.to_string());
        }
        self.frozen = false;
        PageOutcome::Done(self.merge(pass, wall_now))
    }

    /// The fetch failed: ends the pass and delivers the buffered live events (still deduped),
    /// without moving the checkpoint, so the next pass covers the gap again.
    pub fn on_error(&mut self) -> Vec<Delivery> {
        let Some(pass) = self.pass.take() else {
            return Vec::new();
        };
        self.stats.errors += 1;
        self.frozen = self.checkpoint.is_some();
        let mut out = Vec::new();
        for envelope in pass.buffer {
            self.admit_counted(envelope, &mut out);
        }
        out
    }

    /// The newest stored event processed (by `created`, then `id`): store it after deliveries.
    pub fn checkpoint(&self) -> Option<&Checkpoint> {
        self.checkpoint.as_ref()
    }

    /// Counters for diagnostics.
    pub fn stats(&self) -> &BackfillStats {
        &self.stats
    }

    /// Summary, then backfilled rows oldest first, then the buffer in arrival order.
    fn merge(&mut self, pass: Pass, wall_now: UnixMillis) -> Vec<Delivery> {
        let old_before = wall_now.0.saturating_sub(self.options.summary_after.as_millis() as i64);
        let buffered: Vec<u64> = pass.buffer.iter().filter_map(|e| key(e)).collect();
        let mut tally = Tally::default();
        let mut out = vec![];
        for envelope in pass.rows {
            let k = key(&envelope);
            if k.is_some_and(|k| buffered.contains(&k)) {
                continue; // the live copy plays below
            }
            if envelope.created.is_some_and(|c| c.0 < old_before) {
                if let Some(c) = Checkpoint::of(&envelope) {
                    self.advance(c);
                }
                if k.is_some_and(|k| !self.seen.insert_hash(k)) {
                    self.stats.deduped += 1;
                } else if tally.add(&envelope) {
                    self.stats.summarized += 1;
                }
                continue;
            }
            self.admit_counted(Box::new(envelope), &mut out);
        }
        if let Some(summary) = tally.finish() {
            out.insert(0, Delivery::Summary(summary));
        }
        for envelope in pass.buffer {
            self.admit_counted(envelope, &mut out);
        }
        out
    }

    /// Delivers `envelope` unless it is a duplicate; returns whether it was delivered.
    fn admit(&mut self, envelope: Box<Envelope>, out: &mut Vec<Delivery>) -> bool {
        if let Some(k) = key(&envelope) {
            // A duplicate was processed before: it still counts for the checkpoint.
            if let Some(c) = Checkpoint::of(&envelope) {
                self.advance(c);
            }
            if !self.seen.insert_hash(k) && envelope.origin != Origin::Replay {
                return false;
            }
        }
        out.push(Delivery::Alert(envelope));
        true
    }

    /// [`Backfill::admit`], counted in the pass statistics.
    fn admit_counted(&mut self, envelope: Box<Envelope>, out: &mut Vec<Delivery>) {
        if self.admit(envelope, out) {
            self.stats.delivered += 1;
        } else {
            self.stats.deduped += 1;
        }
    }

    /// Moves the checkpoint forward (never back, never while a failed pass is pending).
    fn advance(&mut self, c: Checkpoint) {
        if self.frozen {
            return;
        }
        if self.checkpoint.as_ref().is_none_or(|own| c.is_after(own)) {
            self.checkpoint = Some(c);
        }
    }
}
