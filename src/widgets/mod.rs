//! The state of the live widgets — goal bar, hype-train meter, poll and prediction panels — as
//! pure types fed with TAU envelopes (no browser imports; tested natively with a virtual clock).
//!
//! Each widget state has `apply(&mut self, &Envelope) -> bool` (true when what it shows changed)
//! and a pure `view` (percentages, labels, for the hype train the time left from a given `now`).
//! The components in `web::components::{goal,hype_train,poll,prediction}` render those views.
//!
//! The rules every widget shares (see [`Scope`]):
//!
//! * **Other channels.** When the broadcaster id is known, events about another channel are
//!   ignored; an event without a broadcaster id is taken.
//! * **One instance at a time.** A widget shows one goal, train, poll or prediction. An event for
//!   another id replaces it, unless that id started earlier (a late event of an older instance).
//! * **Out of order.** An event of an earlier phase than the one shown (a `begin` after a
//!   `progress`, anything after the `end`) is ignored; so is a progress whose running count
//!   went backwards where the count only grows (hype-train points, poll votes, prediction points).
//!   A `progress` or `end` without a `begin` (the page loaded mid-poll) shows what it carries.
//! * **Test and replay events are previews.** A dashboard test or a replay shows in a widget
//!   (marked `data-preview`) only while no live instance is running, so a streamer can try the
//!   widget out, and never covers or changes a live one; the next live event replaces a preview.

pub mod goal;
pub mod hype_train;
pub mod poll;
pub mod prediction;

pub use goal::{GoalState, GoalView};
pub use hype_train::{countdown_label, ContributorView, HypeTrainPhase, HypeTrainState, HypeTrainView};
pub use poll::{ChoiceView, PollPhase, PollState, PollView};
pub use prediction::{OutcomeView, PredictionPhase, PredictionState, PredictionView};

use crate::tau::protocol::{Envelope, Origin, UnixMillis};

/// A live widget's state: made for a [`Scope`], then fed every TAU event in order.
pub trait LiveState {
    /// An empty state that takes `scope`'s events.
    fn for_scope(scope: Scope) -> Self;
    /// Applies one event (others are ignored); true when what the widget shows changed.
    fn apply_event(&mut self, envelope: &Envelope) -> bool;
}

/// Implements [`LiveState`] with a state type's own `new` and `apply`.
macro_rules! live_state {
    ($($state:ty),*) => {$(
        impl LiveState for $state {
            fn for_scope(scope: Scope) -> Self {
                <$state>::new(scope)
            }
            fn apply_event(&mut self, envelope: &Envelope) -> bool {
                self.apply(envelope)
            }
        }
    )*};
}
live_state!(GoalState, HypeTrainState, PollState, PredictionState);

/// Which events a widget takes: those of one channel, when its broadcaster id is known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// The streamer's numeric Twitch user id (the `broadcaster` setting); `None` takes every
    /// channel's events.
    pub broadcaster: Option<String>,
}

impl Scope {
    /// A scope for `broadcaster` (an empty id counts as unknown).
    pub fn new(broadcaster: Option<String>) -> Scope {
        Scope {
            broadcaster: broadcaster.filter(|b| !b.is_empty()),
        }
    }

    /// Whether `envelope` is about this channel (or names no channel).
    pub fn admits(&self, envelope: &Envelope) -> bool {
        match (&self.broadcaster, envelope.event.broadcaster_user_id()) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => true,
        }
    }
}

/// True for events that only preview a widget: dashboard tests and replays.
pub(crate) fn is_preview(envelope: &Envelope) -> bool {
    envelope.is_test() || envelope.origin == Origin::Replay
}

/// What a widget knows about the instance it shows, to judge the next event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Meta {
    /// Twitch's id of the goal, train, poll or prediction.
    pub id: String,
    /// Its `started_at`, parsed.
    pub started: Option<UnixMillis>,
    /// Shown from a test or replay event.
    pub preview: bool,
    /// The phase of the latest event applied (begin 0, progress 1, lock 2, end 3).
    pub phase: u8,
    /// The instance is over (its end arrived).
    pub ended: bool,
}

/// What to do with an incoming event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Drop it.
    Ignore,
    /// It is the instance shown: update it.
    Update,
    /// It starts showing another instance.
    Replace,
}

/// The rules of the [module docs](self) for an event of `phase` about instance `id`.
pub(crate) fn judge(
    scope: &Scope,
    current: Option<&Meta>,
    envelope: &Envelope,
    id: &str,
    started_at: &str,
    phase: u8,
) -> Verdict {
    if !scope.admits(envelope) {
        return Verdict::Ignore;
    }
    let Some(current) = current else {
        return Verdict::Replace;
    };
    let preview = is_preview(envelope);
    if preview && !current.preview && !current.ended {
        return Verdict::Ignore;
    }
    if !preview && current.preview {
        return Verdict::Replace;
    }
    if id == current.id {
        return match current.ended || phase < current.phase {
            true => Verdict::Ignore,
            false => Verdict::Update,
        };
    }
    match (UnixMillis::parse(started_at), current.started) {
        (Some(theirs), Some(mine)) if theirs < mine => Verdict::Ignore,
        _ => Verdict::Replace,
    }
}

impl Meta {
    /// The meta of a newly shown instance.
    pub(crate) fn new(envelope: &Envelope, id: &str, started_at: &str, phase: u8, end: u8) -> Meta {
        Meta {
            id: id.to_string(),
            started: UnixMillis::parse(started_at),
            preview: is_preview(envelope),
            phase,
            ended: phase >= end,
        }
    }

    /// Records an applied event of `phase`.
    pub(crate) fn advance(&mut self, phase: u8, end: u8) {
        self.phase = phase;
        self.ended = phase >= end;
    }
}

/// `part / whole` in `0.0..=1.0` (0 when `whole` is 0).
pub(crate) fn fraction(part: f64, whole: f64) -> f64 {
    if whole <= 0.0 || part <= 0.0 {
        0.0
    } else {
        (part / whole).min(1.0)
    }
}

/// A fraction as a whole percentage, rounded to nearest.
pub(crate) fn percent(fraction: f64) -> u32 {
    (fraction * 100.0).round() as u32
}

/// A fraction as a CSS number with three decimals (`"0.955"`), for a bar's `scaleX`; integer
/// arithmetic only (no float formatting in the bundle).
pub fn css_fraction(fraction: f64) -> String {
    let thousandths = (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32;
    format!("{}.{:03}", thousandths / 1000, thousandths % 1000)
}
