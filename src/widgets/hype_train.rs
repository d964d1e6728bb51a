//! The hype-train meter's state: `channel-hype_train-begin`, `-progress` (a level-up when its
//! `level` grows) and `-end`, with the time left until `expires_at`.

use super::{fraction, judge, percent, Meta, Scope, Verdict};
use crate::tau::protocol::events::{Contribution, HypeTrain};
use crate::tau::protocol::{Envelope, TauEvent, UnixMillis};

const END: u8 = 3;

/// The hype train a meter shows (see the [module rules](super)).
///
/// ```
/// use tau_overlay::tau::protocol::{Frame, UnixMillis};
/// use tau_overlay::widgets::{countdown_label, HypeTrainPhase, HypeTrainState, Scope};
///
/// let frame = r#"{"id": "row", "event_type": "channel-hype_train-begin", "origin": "twitch",
///   "event_data": {"id": "t1", "level": 1, "total": 300, "progress": 300, "goal": 1000,
///   "started_at": "2024-03-09T19:06:00Z", "expires_at": "2024-03-09T19:11:00Z"}}"#;
/// let Ok(Frame::Event(envelope)) = Frame::parse(frame) else { panic!() };
/// let mut train = HypeTrainState::new(Scope::default());
/// train.apply(&envelope);
/// let now = UnixMillis::parse("2024-03-09T19:10:18.5Z").unwrap();
/// let view = train.view(now).unwrap();
/// assert_eq!((view.level, view.percent), (1, 30));
/// assert_eq!(countdown_label(view.remaining_ms.unwrap()), "0:42");
/// let later = UnixMillis::parse("2024-03-09T19:11:00Z").unwrap();
/// assert_eq!(train.view(later).unwrap().phase, HypeTrainPhase::Expired);
/// assert!(!train.is_counting_down(later));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HypeTrainState {
    scope: Scope,
    current: Option<(Meta, HypeTrain)>,
    /// The last event applied raised the level.
    leveled_up: bool,
}

/// Where a hype train is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HypeTrainPhase {
    /// Running: the countdown runs until `expires_at`.
    Active,
    /// `expires_at` passed without an `end` (it was lost): over, as far as the meter is concerned.
    Expired,
    /// Its `end` arrived.
    Ended,
}

impl HypeTrainPhase {
    /// The `data-state` value: `active`, `expired` or `ended`.
    pub fn label(self) -> &'static str {
        match self {
            HypeTrainPhase::Active => "active",
            HypeTrainPhase::Expired => "expired",
            HypeTrainPhase::Ended => "ended",
        }
    }
}

/// A contributor as the meter shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributorView {
    /// Display name, else login (viewer text: render as text).
    pub name: String,
    /// `bits`, `subscription` or `other`.
    pub kind: String,
    /// Their points.
    pub total: u64,
}

/// What a hype-train meter shows.
#[derive(Clone, Debug, PartialEq)]
pub struct HypeTrainView {
    /// The train's id (a new one restarts the meter).
    pub id: String,
    /// The current level (1 when a `begin` omits it).
    pub level: u64,
    /// The last event raised the level.
    pub leveled_up: bool,
    /// Points in total.
    pub total: u64,
    /// Points towards the next level (the last known value after the `end`).
    pub progress: u64,
    /// Points the level needs.
    pub goal: u64,
    /// `progress / goal`, `0.0..=1.0`.
    pub fraction: f64,
    /// The same as a whole percentage.
    pub percent: u32,
    /// Running, expired or ended.
    pub phase: HypeTrainPhase,
    /// Milliseconds until `expires_at` while active; `None` otherwise or when it is unknown.
    pub remaining_ms: Option<u64>,
    /// The top contributors, as Twitch sent them.
    pub top: Vec<ContributorView>,
    /// The latest contribution.
    pub last: Option<ContributorView>,
    /// Shown from a test or replay event.
    pub preview: bool,
}

/// `m:ss` for a time left, rounded up to the second (`42_001` ms is `0:43`).
pub fn countdown_label(remaining_ms: u64) -> String {
    let secs = remaining_ms.div_ceil(1000);
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn contributor(c: &Contribution) -> ContributorView {
    let name = [&c.user_name, &c.user_login]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    ContributorView {
        name,
        kind: c.kind.clone(),
        total: c.total,
    }
}

impl HypeTrainState {
    /// An empty meter taking the events `scope` admits.
    pub fn new(scope: Scope) -> HypeTrainState {
        HypeTrainState {
            scope,
            ..HypeTrainState::default()
        }
    }

    /// Applies a TAU event; returns whether what the meter shows changed. A progress whose
    /// `total` is below the one shown arrived late and is ignored. Other events are ignored.
    pub fn apply(&mut self, envelope: &Envelope) -> bool {
        let (train, phase) = match &envelope.event {
            TauEvent::HypeTrainBegin(t) => (t, 0),
            TauEvent::HypeTrainProgress(t) => (t, 1),
            TauEvent::HypeTrainEnd(t) => (t, END),
            _ => return false,
        };
        let meta = self.current.as_ref().map(|(m, _)| m);
        match judge(&self.scope, meta, envelope, &train.id, &train.started_at, phase) {
            Verdict::Ignore => false,
            Verdict::Replace => {
                let meta = Meta::new(envelope, &train.id, &train.started_at, phase, END);
                self.current = Some((meta, train.clone()));
                self.leveled_up = false;
                true
            }
            Verdict::Update => {
                let Some((meta, shown)) = &mut self.current else {
                    return false;
                };
                if phase < END && train.total < shown.total {
                    return false;
                }
                let level = |t: &HypeTrain| t.level.unwrap_or(1);
                self.leveled_up = level(train) > level(shown);
                let mut next = train.clone();
                // The `end` carries no progress, goal or expiry: keep the last known ones.
                next.progress = next.progress.or(shown.progress);
                next.goal = next.goal.or(shown.goal);
                next.last_contribution = next.last_contribution.or_else(|| shown.last_contribution.clone());
                next.level = next.level.or(shown.level);
                if phase == END {
                    next.expires_at = None;
                }
                let changed = *shown != next || phase == END && !meta.ended;
                meta.advance(phase, END);
                *shown = next;
                changed
            }
        }
    }

    /// What the meter shows at wall-clock time `now`; `None` before any hype-train event.
    pub fn view(&self, now: UnixMillis) -> Option<HypeTrainView> {
        let (meta, train) = self.current.as_ref()?;
        let progress = train.progress.unwrap_or(0);
        let goal = train.goal.unwrap_or(0);
        let fraction = fraction(progress as f64, goal as f64);
        let expires = train.expires_at.as_deref().and_then(UnixMillis::parse);
        let remaining_ms = expires.map(|at| at.0.saturating_sub(now.0).max(0) as u64);
        let phase = match (meta.ended, remaining_ms) {
            (true, _) => HypeTrainPhase::Ended,
            (false, Some(0)) => HypeTrainPhase::Expired,
            (false, _) => HypeTrainPhase::Active,
        };
        Some(HypeTrainView {
            id: train.id.clone(),
            level: train.level.unwrap_or(1),
            leveled_up: self.leveled_up,
            total: train.total,
            progress,
            goal,
            fraction,
            percent: percent(fraction),
            phase,
            remaining_ms: remaining_ms.filter(|_| phase == HypeTrainPhase::Active),
            top: train.top_contributions.iter().map(contributor).collect(),
            last: train.last_contribution.as_ref().map(contributor),
            preview: meta.preview,
        })
    }

    /// Whether the countdown needs a clock tick at `now`: a train is active and has an expiry
    /// still ahead. The meter's one 1 s timer runs only while this holds.
    pub fn is_counting_down(&self, now: UnixMillis) -> bool {
        self.view(now).is_some_and(|v| v.remaining_ms.is_some())
    }
}
