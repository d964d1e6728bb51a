//! [`LatestLabels`]: the latest follower, subscriber, cheerer and raider, and the session's top
//! cheerer, from stored events (seeded over REST on load) and live ones.

use crate::engine::{AlertClass, AlertInput};
use crate::tau::protocol::{Envelope, Origin, TauEvent, UnixMillis};
use crate::text::{clean_name, NAME_MAX};
use crate::util::bounded_set::BoundedSet;
use std::collections::VecDeque;

/// Most pages (10 rows each) of one event type read on load.
pub const SEED_PAGES: usize = 5;

/// The stored event types read on load, one `?event_type=` query each, in this order (the
/// session start first, so the cheers' paging knows where to stop).
pub const SEED_TYPES: [&str; 6] = [
    "stream-online",
    "channel-follow",
    "channel-subscribe",
    "channel-subscription-message",
    "channel-raid",
    "channel-cheer",
];

/// Cheers remembered for the top cheerer (the oldest are forgotten first).
const CHEERS_KEPT: usize = 1000;

/// Which label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// The latest `channel-follow`.
    Follower,
    /// The latest `channel-subscribe` (gift recipients included) or resub.
    Subscriber,
    /// The latest `channel-cheer`; the amount is its bits.
    Cheerer,
    /// The latest incoming `channel-raid`; the amount is its viewers.
    Raider,
    /// Who cheered the most bits this session (since the newest `stream-online`); the amount is
    /// their total.
    TopCheerer,
}

impl LabelKind {
    /// All five, in display order.
    pub const ALL: [LabelKind; 5] = [
        LabelKind::Follower,
        LabelKind::Subscriber,
        LabelKind::Cheerer,
        LabelKind::Raider,
        LabelKind::TopCheerer,
    ];

    /// Stable name for CSS and `data-kind`: `follower`, `subscriber`, `cheerer`, `raider`,
    /// `top-cheerer`.
    pub fn name(self) -> &'static str {
        match self {
            LabelKind::Follower => "follower",
            LabelKind::Subscriber => "subscriber",
            LabelKind::Cheerer => "cheerer",
            LabelKind::Raider => "raider",
            LabelKind::TopCheerer => "top-cheerer",
        }
    }
}

/// One label's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Display name, cleaned and capped at [`NAME_MAX`] characters; `None` for an anonymous
    /// cheer. Viewer text: render it as a text node only.
    pub name: Option<String>,
    /// Bits for cheers (the total for the top cheerer), viewers for raids, months for resubs,
    /// else 0.
    pub amount: u64,
    /// When the event happened (TAU's `created`), if known.
    pub at: Option<UnixMillis>,
}

/// The labels after a list of envelopes, in any order: each label keeps the newest event by
/// `created` (an event without `created` counts as newest), so stored rows read after live
/// events never replace them.
///
/// * Only live events (`origin` `twitch`) count: **test and replay events never change a
///   label**, and each stored row (by `id`) counts once, however often it arrives.
/// * With a broadcaster id, events about other channels (the streamer's own outgoing raids) do
///   not count.
/// * The top cheerer sums a named viewer's bits since the newest `stream-online` seen (all the
///   cheers seen, while none was); anonymous cheers update the latest cheerer only.
///
/// ```
/// use tau_overlay::session::{LabelKind, LatestLabels};
/// use tau_overlay::tau::protocol::Envelope;
/// let cheer = |id: &str, origin: &str, name: &str, bits: u64| Envelope::from_value(serde_json::json!({
///     "id": id, "event_type": "channel-cheer", "origin": origin, "created": "2024-03-09T19:00:00+0000",
///     "event_data": {"user_name": name, "user_login": name, "bits": bits}})).unwrap();
/// let mut labels = LatestLabels::new("");
/// labels.apply(&cheer("a", "twitch", "Ana", 100));
/// labels.apply(&cheer("a", "replay", "Ana", 100));
/// labels.apply(&cheer("b", "test", "Tester", 5000));
/// assert_eq!(labels.get(LabelKind::TopCheerer).unwrap().amount, 100);
/// assert_eq!(labels.get(LabelKind::Cheerer).unwrap().name.as_deref(), Some("Ana"));
/// ```
#[derive(Clone, Debug)]
pub struct LatestLabels {
    broadcaster: String,
    follower: Option<Label>,
    subscriber: Option<Label>,
    cheerer: Option<Label>,
    raider: Option<Label>,
    cheers: VecDeque<Label>,
    session_start: Option<UnixMillis>,
    seen: BoundedSet,
}

impl PartialEq for LatestLabels {
    /// Equal when every label is (what a view shows).
    fn eq(&self, other: &Self) -> bool {
        LabelKind::ALL.iter().all(|k| self.get(*k) == other.get(*k))
    }
}

impl LatestLabels {
    /// No labels yet; `broadcaster` is the streamer's Twitch user id, or empty to count every
    /// channel's events.
    pub fn new(broadcaster: &str) -> LatestLabels {
        LatestLabels {
            broadcaster: broadcaster.to_string(),
            follower: None,
            subscriber: None,
            cheerer: None,
            raider: None,
            cheers: VecDeque::new(),
            session_start: None,
            seen: BoundedSet::new(2 * CHEERS_KEPT),
        }
    }

    /// A label's value, if there was such an event.
    pub fn get(&self, kind: LabelKind) -> Option<Label> {
        match kind {
            LabelKind::Follower => self.follower.clone(),
            LabelKind::Subscriber => self.subscriber.clone(),
            LabelKind::Cheerer => self.cheerer.clone(),
            LabelKind::Raider => self.raider.clone(),
            LabelKind::TopCheerer => self.top_cheerer(),
        }
    }

    /// Applies one event; returns whether it counted.
    pub fn apply(&mut self, envelope: &Envelope) -> bool {
        if envelope.origin != Origin::Twitch || envelope.is_test() {
            return false;
        }
        let Some(input) = AlertInput::from_envelope_for(envelope, &self.broadcaster) else {
            return false;
        };
        let id = format!("{}|{}", envelope.event_type, envelope.id.as_deref().unwrap_or_default());
        if self.seen.contains(&id) {
            return false;
        }
        let at = envelope.created;
        if let TauEvent::StreamOnline(_) = envelope.event {
            self.seen.insert(&id);
            self.session_start = self.session_start.max(at);
            return true;
        }
        let name = input
            .user
            .as_deref()
            .map(|n| clean_name(n, NAME_MAX))
            .filter(|n| !n.is_empty());
        let label = Label {
            name,
            amount: input.amount,
            at,
        };
        let slot = match input.class {
            AlertClass::Follow => &mut self.follower,
            AlertClass::Sub | AlertClass::Resub => &mut self.subscriber,
            AlertClass::Cheer => &mut self.cheerer,
            AlertClass::Raid => &mut self.raider,
            _ => return false,
        };
        self.seen.insert(&id);
        if slot.as_ref().is_none_or(|old| newer(at, old.at)) {
            *slot = Some(label.clone());
        }
        if input.class == AlertClass::Cheer && label.name.is_some() {
            self.cheers.push_back(label);
            if self.cheers.len() > CHEERS_KEPT {
                self.cheers.pop_front();
            }
        }
        true
    }

    /// Applies one page of stored events of one [`SEED_TYPES`] type (newest first, as TAU lists
    /// them); returns whether the next page of that type is worth reading: for cheers, while
    /// the page reaches back no further than the session start (or none is known yet); for the
    /// other types, while their label is still unset (a page of only outgoing raids, say).
    pub fn seed_page(&mut self, rows: &[Envelope]) -> bool {
        for row in rows.iter().rev() {
            self.apply(row);
        }
        let Some(oldest) = rows.last() else {
            return false;
        };
        match &oldest.event {
            TauEvent::StreamOnline(_) => false,
            TauEvent::Cheer(_) => match (self.session_start, oldest.created) {
                (Some(start), Some(at)) => at >= start,
                _ => true,
            },
            TauEvent::Follow(_) => self.follower.is_none(),
            TauEvent::Subscribe(_) | TauEvent::SubscriptionMessage(_) => self.subscriber.is_none(),
            TauEvent::Raid(_) => self.raider.is_none(),
            _ => false,
        }
    }

    fn top_cheerer(&self) -> Option<Label> {
        let in_session = |c: &&Label| match (self.session_start, c.at) {
            (Some(start), Some(at)) => at >= start,
            _ => true,
        };
        // By display name (Twitch keeps one per user; counting by name needs no id in the input).
        let mut totals: Vec<Label> = Vec::new();
        for cheer in self.cheers.iter().filter(in_session) {
            match totals.iter_mut().find(|t| t.name == cheer.name) {
                Some(total) => {
                    total.amount += cheer.amount;
                    total.at = total.at.max(cheer.at);
                }
                None => totals.push(cheer.clone()),
            }
        }
        // Most bits; on a tie, who got there first.
        totals
            .into_iter()
            .reduce(|best, l| if l.amount > best.amount { l } else { best })
    }
}

/// Whether an event at `at` is at least as new as one at `old` (unknown times count as newest).
fn newer(at: Option<UnixMillis>, old: Option<UnixMillis>) -> bool {
    match (at, old) {
        (Some(at), Some(old)) => at >= old,
        (None, _) => true,
        (Some(_), None) => false,
    }
}
