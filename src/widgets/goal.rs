//! The goal bar's state: `channel-goal-begin`, `-progress` and `-end`.

use super::{fraction, judge, percent, Meta, Scope, Verdict};
use crate::tau::protocol::events::Goal;
use crate::tau::protocol::{Envelope, TauEvent};

const END: u8 = 3;

/// The creator goal a goal bar shows (see the [module rules](super)).
///
/// ```
/// use tau_overlay::tau::protocol::Frame;
/// use tau_overlay::widgets::{GoalState, Scope};
///
/// let frame = r#"{"id": "row", "event_type": "channel-goal-progress", "origin": "twitch",
///   "created": "2024-03-09T19:02:01+0000", "event_data": {"id": "g1", "broadcaster_user_id": "12345",
///   "type": "follow", "description": "Road to 1000", "current_amount": 977, "target_amount": 1000}}"#;
/// let Ok(Frame::Event(envelope)) = Frame::parse(frame) else { panic!() };
/// let mut goal = GoalState::new(Scope::new(Some("12345".into())));
/// assert!(goal.apply(&envelope));
/// let view = goal.view().unwrap();
/// assert_eq!((view.current, view.target, view.percent), (977, 1000, 98));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalState {
    scope: Scope,
    current: Option<(Meta, Goal)>,
}

/// What a goal bar shows.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalView {
    /// The goal's id (a new one restarts the bar).
    pub id: String,
    /// The streamer's description (viewer-facing text: render as text).
    pub description: String,
    /// Twitch's goal type: `follow`, `subscription`, `subscription_count`, `new_subscription`, …
    pub kind: String,
    /// The current amount (it can go down, e.g. unfollows).
    pub current: i64,
    /// The target.
    pub target: i64,
    /// How full the bar is, `0.0..=1.0`.
    pub fraction: f64,
    /// The same as a whole percentage (capped at 100).
    pub percent: u32,
    /// The goal ended (its `end` arrived).
    pub ended: bool,
    /// The target was reached: at the end as Twitch says, before it when `current >= target`.
    pub achieved: bool,
    /// Shown from a test or replay event.
    pub preview: bool,
}

impl GoalState {
    /// An empty goal bar taking the events `scope` admits.
    pub fn new(scope: Scope) -> GoalState {
        GoalState { scope, current: None }
    }

    /// Applies a TAU event; returns whether what the bar shows changed. Events other than
    /// `channel-goal-*` are ignored.
    pub fn apply(&mut self, envelope: &Envelope) -> bool {
        let (goal, phase) = match &envelope.event {
            TauEvent::GoalBegin(g) => (g, 0),
            TauEvent::GoalProgress(g) => (g, 1),
            TauEvent::GoalEnd(g) => (g, END),
            _ => return false,
        };
        let meta = self.current.as_ref().map(|(m, _)| m);
        match judge(&self.scope, meta, envelope, &goal.id, &goal.started_at, phase) {
            Verdict::Ignore => false,
            Verdict::Replace => {
                let meta = Meta::new(envelope, &goal.id, &goal.started_at, phase, END);
                self.current = Some((meta, goal.clone()));
                true
            }
            Verdict::Update => {
                let Some((meta, shown)) = &mut self.current else {
                    return false;
                };
                meta.advance(phase, END);
                let changed = shown != goal;
                *shown = goal.clone();
                changed || phase == END
            }
        }
    }

    /// What the bar shows; `None` before any goal event.
    pub fn view(&self) -> Option<GoalView> {
        let (meta, goal) = self.current.as_ref()?;
        let fraction = fraction(goal.current_amount as f64, goal.target_amount as f64);
        let achieved = match meta.ended {
            true => goal.is_achieved,
            false => goal.target_amount > 0 && goal.current_amount >= goal.target_amount,
        };
        Some(GoalView {
            id: goal.id.clone(),
            description: goal.description.clone(),
            kind: goal.kind.clone(),
            current: goal.current_amount,
            target: goal.target_amount,
            fraction,
            percent: percent(fraction),
            ended: meta.ended,
            achieved,
            preview: meta.preview,
        })
    }
}
