//! The prediction panel's state: `channel-prediction-begin`, `-progress`, `-lock` and `-end`.

use super::{fraction, judge, percent, Meta, Scope, Verdict};
use crate::tau::protocol::events::Prediction;
use crate::tau::protocol::{Envelope, TauEvent};

const END: u8 = 3;

/// The prediction a panel shows (see the [module rules](super)).
///
/// ```
/// use tau_overlay::tau::protocol::Frame;
/// use tau_overlay::widgets::{PredictionPhase, PredictionState, Scope};
///
/// let frame = r#"{"id": "row", "event_type": "channel-prediction-lock", "origin": "twitch",
///   "event_data": {"id": "p1", "title": "First try?", "outcomes": [
///     {"id": "y", "title": "Yes", "color": "blue", "users": 12, "channel_points": 15000},
///     {"id": "n", "title": "No", "color": "pink", "users": 9, "channel_points": 5000}]}}"#;
/// let Ok(Frame::Event(envelope)) = Frame::parse(frame) else { panic!() };
/// let mut prediction = PredictionState::new(Scope::default());
/// prediction.apply(&envelope);
/// let view = prediction.view().unwrap();
/// assert_eq!(view.phase, PredictionPhase::Locked);
/// assert_eq!((view.outcomes[0].percent, view.outcomes[0].payout.as_str()), (75, "1:1.33"));
/// assert_eq!(view.outcomes[1].payout, "1:4.00");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PredictionState {
    scope: Scope,
    current: Option<(Meta, Prediction)>,
}

/// Where a prediction is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PredictionPhase {
    /// Bets are open.
    Open,
    /// Betting closed; waiting for the result.
    Locked,
    /// Resolved: one outcome won.
    Resolved,
    /// Canceled: points refunded, no winner.
    Canceled,
}

impl PredictionPhase {
    /// The `data-state` value: `open`, `locked`, `resolved` or `canceled`.
    pub fn label(self) -> &'static str {
        match self {
            PredictionPhase::Open => "open",
            PredictionPhase::Locked => "locked",
            PredictionPhase::Resolved => "resolved",
            PredictionPhase::Canceled => "canceled",
        }
    }
}

/// One outcome as the panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeView {
    /// The outcome text (viewer-facing: render as text).
    pub title: String,
    /// `blue` or `pink` (Twitch's colour for it).
    pub color: String,
    /// Viewers who bet on it.
    pub users: u64,
    /// Points bet on it.
    pub points: u64,
    /// Its share of all points, `0.0..=1.0` (the bar's length).
    pub fraction: f64,
    /// The same as a whole percentage.
    pub percent: u32,
    /// What one point on it pays, `1:1.33` (all points over its points); `""` while no point
    /// is on it.
    pub payout: String,
    /// It won (resolved predictions only).
    pub winner: bool,
    /// The biggest bettor's name, if any.
    pub top_predictor: Option<String>,
}

/// What a prediction panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictionView {
    /// The prediction's id (a new one restarts the panel).
    pub id: String,
    /// The question (viewer-facing: render as text).
    pub title: String,
    /// The outcomes, in Twitch's order.
    pub outcomes: Vec<OutcomeView>,
    /// Points bet in all.
    pub total_points: u64,
    /// Open, locked, resolved or canceled.
    pub phase: PredictionPhase,
    /// Shown from a test or replay event.
    pub preview: bool,
}

fn total(p: &Prediction) -> u64 {
    p.outcomes.iter().map(|o| o.channel_points).sum()
}

/// `1:x.yy` for `total / part`, in integer arithmetic (no float formatting in the bundle).
fn payout(total: u64, part: u64) -> String {
    if part == 0 {
        return String::new();
    }
    let hundredths = (u128::from(total) * 100 + u128::from(part) / 2) / u128::from(part);
    format!("1:{}.{:02}", hundredths / 100, hundredths % 100)
}

impl PredictionState {
    /// An empty panel taking the events `scope` admits.
    pub fn new(scope: Scope) -> PredictionState {
        PredictionState { scope, current: None }
    }

    /// Applies a TAU event; returns whether what the panel shows changed. A progress with fewer
    /// points than shown arrived late and is ignored, as is a progress after the lock. Other
    /// events are ignored.
    pub fn apply(&mut self, envelope: &Envelope) -> bool {
        let (prediction, phase) = match &envelope.event {
            TauEvent::PredictionBegin(p) => (p, 0),
            TauEvent::PredictionProgress(p) => (p, 1),
            TauEvent::PredictionLock(p) => (p, 2),
            TauEvent::PredictionEnd(p) => (p, END),
            _ => return false,
        };
        let meta = self.current.as_ref().map(|(m, _)| m);
        match judge(
            &self.scope,
            meta,
            envelope,
            &prediction.id,
            &prediction.started_at,
            phase,
        ) {
            Verdict::Ignore => false,
            Verdict::Replace => {
                let meta = Meta::new(envelope, &prediction.id, &prediction.started_at, phase, END);
                self.current = Some((meta, prediction.clone()));
                true
            }
            Verdict::Update => {
                let Some((meta, shown)) = &mut self.current else {
                    return false;
                };
                if phase == 1 && total(prediction) < total(shown) {
                    return false;
                }
                let changed = shown != prediction || phase != meta.phase;
                meta.advance(phase, END);
                *shown = prediction.clone();
                changed
            }
        }
    }

    /// What the panel shows; `None` before any prediction event.
    pub fn view(&self) -> Option<PredictionView> {
        let (meta, p) = self.current.as_ref()?;
        let total_points = total(p);
        let canceled = p.status.as_deref() == Some("canceled") || meta.ended && p.winning_outcome_id.is_none();
        let phase = match meta.phase {
            _ if meta.ended && canceled => PredictionPhase::Canceled,
            _ if meta.ended => PredictionPhase::Resolved,
            2 => PredictionPhase::Locked,
            _ => PredictionPhase::Open,
        };
        let outcomes = p
            .outcomes
            .iter()
            .map(|o| {
                let fraction = fraction(o.channel_points as f64, total_points as f64);
                let top = o.top_predictors.iter().max_by_key(|t| t.channel_points_used);
                OutcomeView {
                    title: o.title.clone(),
                    color: o.color.clone(),
                    users: o.users,
                    points: o.channel_points,
                    fraction,
                    percent: percent(fraction),
                    payout: payout(total_points, o.channel_points),
                    winner: phase == PredictionPhase::Resolved && p.winning_outcome_id.as_deref() == Some(&o.id),
                    top_predictor: top
                        .map(|t| {
                            if t.user_name.trim().is_empty() {
                                &t.user_login
                            } else {
                                &t.user_name
                            }
                        })
                        .filter(|n| !n.trim().is_empty())
                        .cloned(),
                }
            })
            .collect();
        Some(PredictionView {
            id: p.id.clone(),
            title: p.title.clone(),
            outcomes,
            total_points,
            phase,
            preview: meta.preview,
        })
    }
}
