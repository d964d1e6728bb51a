#![cfg(not(target_arch = "wasm32"))]
//! Long-running property test ("fuzz target") for the backfill merge (PROTOCOL.md §9): a
//! simulated TAU stores events while the socket drops and comes back, pages are fetched (or
//! fail) interleaved with live frames, USE_IRC duplicates, replays, test events and page
//! reloads. Invariants:
//! * one machine never delivers the same stored event twice (replays and test events aside);
//! * replays and test events always play: at once, or when the pass ends (unless the page is
//!   reloaded while they wait);
//! * nothing is lost: after a final reconnect and a pass without errors, every event TAU stored
//!   after the first checkpoint has been delivered.
//!
//! `FUZZ_CASES` sets the case count (default 300, about two seconds); see the README for an
//! hour-long run. cargo-fuzz needs a nightly toolchain, which these machines cannot install.

#[path = "support/created.rs"]
mod created;
#[path = "support/fuzz.rs"]
mod fuzz;
use core::time::Duration;
use created::created;
use fuzz::cases;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashSet;
use tau_overlay::tau::backfill::{Backfill, BackfillOptions, Checkpoint, Delivery, PageOutcome, FIRST_PAGE};
use tau_overlay::tau::protocol::{Envelope, UnixMillis};

const BASE: &str = "http://localhost:8000/api/v1/twitch-events/";
/// 2024-03-09T18:00:00Z.
const T0: i64 = 1_709_997_200;
const TYPES: [&str; 3] = ["channel-follow", "channel-cheer", "channel-subscribe"];

#[derive(Clone, Debug)]
enum Op {
    /// TAU stores an event `dt` seconds after the previous one (0 = the same second); its live
    /// frame arrives when the socket is up.
    Event {
        dt: i64,
        kind: usize,
    },
    /// A USE_IRC re-broadcast of a stored event (same id and type).
    Duplicate(prop::sample::Index),
    /// A dashboard replay of a stored event.
    Replay(prop::sample::Index),
    /// A dashboard test event.
    Test,
    Disconnect,
    /// The socket (re)opens and the shell starts a pass.
    Connect,
    /// The outstanding page fetch completes (or fails).
    Fetch {
        fail: bool,
    },
    /// OBS reloads the page: a new machine with the stored checkpoint.
    Reload,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (prop_oneof![2 => Just(0i64), 3 => 1i64..3, 1 => 3i64..700], 0..TYPES.len())
            .prop_map(|(dt, kind)| Op::Event { dt, kind }),
        1 => any::<prop::sample::Index>().prop_map(Op::Duplicate),
        1 => any::<prop::sample::Index>().prop_map(Op::Replay),
        1 => Just(Op::Test),
        2 => Just(Op::Disconnect),
        2 => Just(Op::Connect),
        6 => prop_oneof![5 => Just(false), 1 => Just(true)].prop_map(|fail| Op::Fetch { fail }),
        1 => Just(Op::Reload),
    ]
}

/// The simulated TAU, the overlay's machine and what the overlay showed.
struct World {
    /// Stored rows, oldest first.
    store: Vec<Value>,
    now: i64,
    connected: bool,
    backfill: Backfill,
    /// The page to fetch next, while a pass runs.
    url: Option<String>,
    /// What the shell saved in `localStorage` (after every delivery).
    saved: Option<Checkpoint>,
    /// Stored events delivered by the current machine, and by any machine.
    delivered_here: HashSet<String>,
    delivered_ever: HashSet<String>,
    /// Replays and test events sent that the current machine has not played yet.
    waiting_extras: usize,
}

fn options() -> BackfillOptions {
    // Nothing is folded into the offline summary: every delivery is an alert to account for.
    BackfillOptions {
        summary_after: Duration::from_secs(1 << 40),
        max_pages: 1000,
        ..BackfillOptions::default()
    }
}

fn envelope(row: &Value, origin: &str) -> Box<Envelope> {
    let mut v = row.clone();
    v["origin"] = json!(origin);
    Box::new(Envelope::from_value(v).expect("a valid row"))
}

impl World {
    fn wall(&self) -> UnixMillis {
        UnixMillis((T0 + self.now) * 1_000 + 500)
    }

    fn store_event(&mut self, dt: i64, kind: usize) -> Value {
        self.now += dt;
        let n = self.store.len();
        let row = json!({
            "id": format!("row-{n}"), "event_id": null, "event_type": TYPES[kind], "event_source": "EventSub",
            "event_data": {"user_name": format!("viewer{n}"), "user_login": format!("viewer{n}"), "bits": 100},
            "created": created(T0 + self.now), "origin": "twitch",
        });
        self.store.push(row.clone());
        row
    }

    /// Page `n` (1-based) as TAU's page-number pagination serves it now: rows newest first, ten
    /// a page, so rows stored during a pass shift older rows onto later pages.
    fn page(&self, url: &str) -> Value {
        let n: usize = if url == FIRST_PAGE {
            1
        } else {
            url.strip_prefix(&format!("{BASE}?page="))
                .and_then(|n| n.parse().ok())
                .expect("TAU's own next link")
        };
        let newest_first: Vec<&Value> = self.store.iter().rev().collect();
        let results: Vec<&Value> = newest_first.iter().skip((n - 1) * 10).take(10).copied().collect();
        let next = (newest_first.len() > n * 10).then(|| format!("{BASE}?page={}", n + 1));
        json!({"next": next, "previous": null, "results": results})
    }

    fn deliver(&mut self, deliveries: Vec<Delivery>, pass_ended: bool) -> Result<(), TestCaseError> {
        let mut extras = 0;
        for d in deliveries {
            let Delivery::Alert(e) = d else {
                return Err(TestCaseError::fail(format!("a summary with summary_after = ∞: {d:?}")));
            };
            if e.is_test() || e.origin == tau_overlay::tau::protocol::Origin::Replay {
                // A replay of an event fetched in the same pass is that event's one showing
                // (the live copy wins the merge), so it counts as delivered too.
                self.delivered_ever.extend(e.id.clone());
                extras += 1;
                continue;
            }
            let id = e.id.clone().expect("stored events have ids");
            prop_assert!(
                self.delivered_here.insert(id.clone()),
                "{} delivered twice by one machine",
                id
            );
            self.delivered_ever.insert(id);
        }
        prop_assert!(extras <= self.waiting_extras, "more replays/tests played than sent");
        self.waiting_extras -= extras;
        if !self.backfill.is_running() || pass_ended {
            prop_assert_eq!(self.waiting_extras, 0, "a replay or test event was not played");
        }
        self.saved = self.backfill.checkpoint().cloned().or(self.saved.take());
        Ok(())
    }

    fn live(&mut self, envelope: Box<Envelope>) -> Result<(), TestCaseError> {
        let out = self.backfill.on_live(envelope);
        self.deliver(out, false)
    }

    fn connect(&mut self) -> Result<(), TestCaseError> {
        self.connected = true;
        let checkpoint = self.backfill.checkpoint().cloned().or(self.saved.clone());
        if let Some(url) = self.backfill.start(checkpoint, self.wall()) {
            self.url = Some(url);
        }
        Ok(())
    }

    fn fetch(&mut self, fail: bool) -> Result<(), TestCaseError> {
        let Some(url) = self.url.take() else { return Ok(()) };
        if fail {
            let out = self.backfill.on_error();
            return self.deliver(out, true);
        }
        let body = self.page(&url);
        match self.backfill.on_page(&body, self.wall()) {
            PageOutcome::Fetch(next) => {
                self.url = Some(next);
                Ok(())
            }
            PageOutcome::Done(out) => self.deliver(out, true),
        }
    }

    fn apply(&mut self, op: Op) -> Result<(), TestCaseError> {
        match op {
            Op::Event { dt, kind } => {
                let row = self.store_event(dt, kind);
                if self.connected {
                    return self.live(envelope(&row, "twitch"));
                }
            }
            Op::Duplicate(i) if self.connected && !self.store.is_empty() => {
                let row = i.get(&self.store).clone();
                return self.live(envelope(&row, "twitch"));
            }
            Op::Replay(i) if self.connected && !self.store.is_empty() => {
                let row = i.get(&self.store).clone();
                self.waiting_extras += 1;
                return self.live(envelope(&row, "replay"));
            }
            Op::Test if self.connected => {
                let mut row = self.store_event(0, 0);
                self.store.pop();
                row["id"] = Value::Null;
                row["created"] = json!("2024-03-09T19:40:12.401873+00:00");
                self.waiting_extras += 1;
                return self.live(envelope(&row, "test"));
            }
            Op::Disconnect => self.connected = false,
            Op::Connect => return self.connect(),
            Op::Fetch { fail } => return self.fetch(fail),
            Op::Reload => {
                self.backfill = Backfill::new(options());
                self.url = None;
                self.connected = false;
                self.delivered_here.clear();
                self.waiting_extras = 0;
            }
            _ => {}
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn backfill_never_loses_or_repeats_an_event(
        initial in 0usize..25,
        ops in prop::collection::vec(op(), 1..160),
    ) {
        let mut world = fresh_world();
        for _ in 0..initial {
            world.store_event(1, 0);
        }
        // First page load ever: one page primes the checkpoint and shows nothing old.
        world.connect()?;
        world.fetch(false)?;
        prop_assert!(world.url.is_none() && world.delivered_ever.is_empty());
        for op in ops {
            world.apply(op)?;
        }
        // The socket comes back once more and a pass runs without errors.
        if !world.connected || world.url.is_none() {
            world.connect()?;
        }
        let mut guard = 0;
        while world.url.is_some() {
            world.fetch(false)?;
            guard += 1;
            prop_assert!(guard < 10_000, "the pass never ends");
        }
        prop_assert!(!world.backfill.stats().truncated);
        let lost: Vec<&str> = world.store[initial..]
            .iter()
            .filter_map(|r| r["id"].as_str())
            .filter(|id| !world.delivered_ever.contains(*id))
            .collect();
        prop_assert!(lost.is_empty(), "never delivered: {:?} of {} stored", lost, world.store.len());
    }
}

/// A world whose first page load found TAU's store empty (a fresh TAU install).
fn fresh_world() -> World {
    World {
        store: Vec::new(),
        now: 0,
        connected: false,
        backfill: Backfill::new(options()),
        url: None,
        saved: None,
        delivered_here: HashSet::new(),
        delivered_ever: HashSet::new(),
        waiting_extras: 0,
    }
}

#[test]
fn events_missed_after_a_first_load_on_an_empty_tau_are_backfilled() {
    for reload in [false, true] {
        let mut world = fresh_world();
        world.connect().unwrap();
        world.fetch(false).unwrap();
        assert!(world.url.is_none());
        if reload {
            world.apply(Op::Reload).unwrap();
        }
        world.apply(Op::Disconnect).unwrap();
        world.apply(Op::Event { dt: 5, kind: 0 }).unwrap();
        world.apply(Op::Event { dt: 0, kind: 1 }).unwrap();
        world.connect().unwrap();
        while world.url.is_some() {
            world.fetch(false).unwrap();
        }
        let mut got: Vec<_> = world.delivered_ever.iter().cloned().collect();
        got.sort();
        assert_eq!(got, ["row-0", "row-1"], "reload: {reload}");
    }
}
