//! [`EventLog`]: the last N events for the event list widget, newest first.

use crate::engine::{AlertInput, InputOrigin};
use crate::tau::backfill::Delivery;
use crate::tau::protocol::Envelope;
use crate::text::{clean_name, NAME_MAX};
use std::collections::VecDeque;

/// How many events the list shows unless told otherwise (`events_max=`).
pub const DEFAULT_EVENTS: usize = 8;

/// One line of the event list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Stable, increasing id (for keyed lists).
    pub key: u64,
    /// The alert class name (`follow`, `sub`, `resub`, `gift-bomb`, `cheer`, `raid`,
    /// `redemption`, `hype-train-begin`, …) or `offline-summary`: picks the icon.
    pub kind: &'static str,
    /// The viewer's display name, cleaned and capped at [`NAME_MAX`] characters; `None` when
    /// anonymous or unknown. Viewer text: render it as a text node only.
    pub name: Option<String>,
    /// The class's amount (bits, viewers, gift total, months, reward cost); 0 if none.
    pub amount: u64,
    /// A second text: the reward title for redemptions, the summary for `offline-summary`.
    /// Viewer or streamer text: a text node only.
    pub detail: Option<String>,
    /// Live, test or replay: test and replay lines are marked.
    pub origin: InputOrigin,
}

impl LogEntry {
    /// What happened, after the name: `followed`, `subscribed (tier 2)`, `resubscribed: 14
    /// months`, `gifted 5 subs`, `cheered 100 bits`, `raided with 42 viewers`, the reward title for
    /// a redemption, the summary text for `offline-summary`, else the kind with `-` as spaces.
    ///
    /// ```
    /// use tau_overlay::engine::InputOrigin;
    /// use tau_overlay::session::LogEntry;
    /// let entry = |kind, amount| LogEntry { key: 1, kind, name: None, amount, detail: None, origin: InputOrigin::Live };
    /// assert_eq!(entry("cheer", 1).action(), "cheered 1 bit");
    /// assert_eq!(entry("raid", 42).action(), "raided with 42 viewers");
    /// assert_eq!(entry("hype-train-begin", 0).action(), "hype train begin");
    /// ```
    pub fn action(&self) -> String {
        let n = self.amount;
        let s = |one: &str, many: &str| if n == 1 { one.to_string() } else { many.to_string() };
        match (self.kind, &self.detail) {
            ("follow", _) => "followed".into(),
            ("sub", _) => "subscribed".into(),
            ("resub", _) if n > 0 => format!("resubscribed: {n} {}", s("month", "months")),
            ("resub", _) => "resubscribed".into(),
            ("gift-bomb", _) => format!("gifted {n} {}", s("sub", "subs")),
            ("cheer", _) => format!("cheered {n} {}", s("bit", "bits")),
            ("raid", _) => format!("raided with {n} {}", s("viewer", "viewers")),
            (_, Some(detail)) => detail.clone(),
            ("redemption", None) => "redeemed a reward".into(),
            (kind, None) => kind.replace('-', " "),
        }
    }
}

/// The last `max` events, newest first.
///
/// Every alert-worthy event gets a line, test and replay events included (marked by
/// [`LogEntry::origin`]); a gift bomb's recipients and redemption status updates do not (the
/// bomb and the redemption have their own line), and with a broadcaster id neither do events about
/// other channels. A backfill's offline summary is one line.
///
/// ```
/// use tau_overlay::session::EventLog;
/// use tau_overlay::tau::protocol::Envelope;
/// let follow = Envelope::from_value(serde_json::json!({
///     "id": "row-1", "event_type": "channel-follow", "origin": "twitch",
///     "event_data": {"user_name": "Ana", "user_login": "ana"}})).unwrap();
/// let mut log = EventLog::new(3, "");
/// assert!(log.apply_envelope(&follow));
/// assert_eq!(log.entries().next().unwrap().name.as_deref(), Some("Ana"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLog {
    max: usize,
    broadcaster: String,
    next_key: u64,
    entries: VecDeque<LogEntry>,
}

impl EventLog {
    /// An empty log keeping at most `max` lines (at least 1); `broadcaster` is the streamer's
    /// Twitch user id, or empty to keep every channel's events.
    pub fn new(max: usize, broadcaster: &str) -> EventLog {
        EventLog {
            max: max.max(1),
            broadcaster: broadcaster.to_string(),
            next_key: 0,
            entries: VecDeque::new(),
        }
    }

    /// The lines, newest first.
    pub fn entries(&self) -> impl Iterator<Item = &LogEntry> {
        self.entries.iter()
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True before the first line.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a delivery from the link; returns whether a line was added.
    pub fn apply(&mut self, delivery: &Delivery) -> bool {
        match delivery {
            Delivery::Alert(envelope) => self.apply_envelope(envelope),
            Delivery::Summary(summary) => {
                self.push(
                    "offline-summary",
                    None,
                    u64::from(summary.total()),
                    Some(summary.text()),
                    InputOrigin::Live,
                );
                true
            }
        }
    }

    /// Adds one event; returns whether a line was added.
    pub fn apply_envelope(&mut self, envelope: &Envelope) -> bool {
        let Some(input) = AlertInput::from_envelope_for(envelope, &self.broadcaster) else {
            return false;
        };
        if input.is_gift_recipient() || input.redemption.as_ref().is_some_and(|r| r.is_update) {
            return false;
        }
        let name = input
            .user
            .as_deref()
            .map(|n| clean_name(n, NAME_MAX))
            .filter(|n| !n.is_empty());
        let detail = input
            .redemption
            .as_ref()
            .map(|r| clean_name(&r.title, 60))
            .filter(|t| !t.is_empty());
        self.push(input.class.name(), name, input.amount, detail, input.origin);
        true
    }

    fn push(
        &mut self,
        kind: &'static str,
        name: Option<String>,
        amount: u64,
        detail: Option<String>,
        origin: InputOrigin,
    ) {
        self.next_key += 1;
        self.entries.push_front(LogEntry {
            key: self.next_key,
            kind,
            name,
            amount,
            detail,
            origin,
        });
        self.entries.truncate(self.max);
    }
}
