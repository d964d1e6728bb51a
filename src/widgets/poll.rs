//! The poll panel's state: `channel-poll-begin`, `-progress` and `-end`.

use super::{fraction, judge, percent, Meta, Scope, Verdict};
use crate::tau::protocol::events::Poll;
use crate::tau::protocol::{Envelope, TauEvent};

const END: u8 = 3;

/// The poll a panel shows (see the [module rules](super)).
///
/// ```
/// use tau_overlay::tau::protocol::Frame;
/// use tau_overlay::widgets::{PollPhase, PollState, Scope};
///
/// let frame = r#"{"id": "row", "event_type": "channel-poll-end", "origin": "twitch",
///   "event_data": {"id": "p1", "title": "Which game?", "status": "completed", "choices": [
///     {"id": "a", "title": "Rust", "votes": 31}, {"id": "b", "title": "Zig", "votes": 12}]}}"#;
/// let Ok(Frame::Event(envelope)) = Frame::parse(frame) else { panic!() };
/// let mut poll = PollState::new(Scope::default());
/// assert!(poll.apply(&envelope), "an end without a begin shows its result");
/// let view = poll.view().unwrap();
/// assert_eq!(view.phase, PollPhase::Ended);
/// assert_eq!((view.choices[0].percent, view.choices[0].winner), (72, true));
/// assert_eq!((view.choices[1].percent, view.choices[1].winner), (28, false));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PollState {
    scope: Scope,
    current: Option<(Meta, Poll)>,
}

/// Where a poll is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollPhase {
    /// Votes are coming in.
    Active,
    /// Over (`completed`, or `terminated` early): the result.
    Ended,
}

impl PollPhase {
    /// The `data-state` value: `active` or `ended`.
    pub fn label(self) -> &'static str {
        match self {
            PollPhase::Active => "active",
            PollPhase::Ended => "ended",
        }
    }
}

/// One choice as the panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceView {
    /// The choice text (viewer-facing: render as text).
    pub title: String,
    /// Its votes.
    pub votes: u64,
    /// Its share of all votes, `0.0..=1.0` (the bar's length).
    pub fraction: f64,
    /// The same as a whole percentage.
    pub percent: u32,
    /// It has the most votes (ties lead together); none leads before the first vote.
    pub leading: bool,
    /// It won: leading when the poll ended.
    pub winner: bool,
}

/// What a poll panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PollView {
    /// The poll's id (a new one restarts the panel).
    pub id: String,
    /// The question (viewer-facing: render as text).
    pub title: String,
    /// The choices, in Twitch's order.
    pub choices: Vec<ChoiceView>,
    /// All votes.
    pub total_votes: u64,
    /// Running or over.
    pub phase: PollPhase,
    /// Twitch's end status (`completed`, `terminated`), once ended.
    pub status: Option<String>,
    /// Shown from a test or replay event.
    pub preview: bool,
}

fn total(poll: &Poll) -> u64 {
    poll.choices.iter().map(|c| c.votes).sum()
}

impl PollState {
    /// An empty panel taking the events `scope` admits.
    pub fn new(scope: Scope) -> PollState {
        PollState { scope, current: None }
    }

    /// Applies a TAU event; returns whether what the panel shows changed. A progress with fewer
    /// votes than shown arrived late and is ignored. Other events are ignored.
    pub fn apply(&mut self, envelope: &Envelope) -> bool {
        let (poll, phase) = match &envelope.event {
            TauEvent::PollBegin(p) => (p, 0),
            TauEvent::PollProgress(p) => (p, 1),
            TauEvent::PollEnd(p) => (p, END),
            _ => return false,
        };
        let meta = self.current.as_ref().map(|(m, _)| m);
        match judge(&self.scope, meta, envelope, &poll.id, &poll.started_at, phase) {
            Verdict::Ignore => false,
            Verdict::Replace => {
                let meta = Meta::new(envelope, &poll.id, &poll.started_at, phase, END);
                self.current = Some((meta, poll.clone()));
                true
            }
            Verdict::Update => {
                let Some((meta, shown)) = &mut self.current else {
                    return false;
                };
                if phase < END && total(poll) < total(shown) {
                    return false;
                }
                let changed = shown != poll || phase == END;
                meta.advance(phase, END);
                *shown = poll.clone();
                changed
            }
        }
    }

    /// What the panel shows; `None` before any poll event, and once a poll was `archived`
    /// (Twitch hides those).
    pub fn view(&self) -> Option<PollView> {
        let (meta, poll) = self.current.as_ref()?;
        if poll.status.as_deref() == Some("archived") {
            return None;
        }
        let total_votes = total(poll);
        let most = poll.choices.iter().map(|c| c.votes).max().unwrap_or(0);
        let phase = match meta.ended {
            true => PollPhase::Ended,
            false => PollPhase::Active,
        };
        let choices = poll
            .choices
            .iter()
            .map(|c| {
                let fraction = fraction(c.votes as f64, total_votes as f64);
                let leading = most > 0 && c.votes == most;
                ChoiceView {
                    title: c.title.clone(),
                    votes: c.votes,
                    fraction,
                    percent: percent(fraction),
                    leading,
                    winner: leading && phase == PollPhase::Ended,
                }
            })
            .collect();
        Some(PollView {
            id: poll.id.clone(),
            title: poll.title.clone(),
            choices,
            total_votes,
            phase,
            status: poll.status.clone().filter(|_| meta.ended),
            preview: meta.preview,
        })
    }
}
