//! [`PredictionPanel`]: the prediction (`channel-prediction-*`) with a live bar per outcome, the
//! lock and the result, and [`use_prediction`], which turns the TAU event stream into its state.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::web::components::prediction::{use_prediction, PredictionPanel, UsePredictionOptions};
//!
//! #[component]
//! fn MyPrediction() -> impl IntoView {
//!     let prediction = use_prediction(UsePredictionOptions::default());
//!     // Feed it from the TAU link: `prediction.apply_deliveries(&deliveries)` or `.apply(&envelope)`.
//!     view! { <PredictionPanel state=prediction.state /> }
//! }
//! ```

use crate::web::components::live::{use_live, UseLiveOptions, UseLiveReturn};
use crate::widgets::{css_fraction, OutcomeView, PredictionPhase, PredictionState, PredictionView};
use leptos::prelude::*;

/// Options for [`use_prediction`].
pub type UsePredictionOptions = UseLiveOptions;

/// What [`use_prediction`] returns: the prediction's state (for [`PredictionPanel`]) and the way in for events
/// (`apply`, `apply_deliveries`; `Copy`).
pub type UsePredictionReturn = UseLiveReturn<PredictionState>;

/// A prediction state owned by the current component, for [`PredictionPanel`].
pub fn use_prediction(options: UsePredictionOptions) -> UsePredictionReturn {
    use_live(options)
}

/// The prediction panel: the question, then per outcome its text, points, share, payout, top
/// bettor and a bar of its share. Hidden before the first prediction event; `data-state` is
/// `open`, `locked`, `resolved` or `canceled`; outcomes carry `data-color` (`blue`, `pink`) and,
/// when resolved, `data-winner`. The question, outcomes and names are text nodes.
#[component]
pub fn PredictionPanel(
    /// The prediction's state, e.g. [`UsePredictionReturn::state`].
    #[prop(into)]
    state: Signal<PredictionState>,
) -> impl IntoView {
    let prediction = Memo::new(move |_| state.with(PredictionState::view));
    let id = Memo::new(move |_| prediction.with(|p| p.as_ref().map(|p| p.id.clone())));
    let count = Memo::new(move |_| prediction.with(|p| p.as_ref().map_or(0, |p| p.outcomes.len())));
    let field =
        move |f: fn(&PredictionView) -> String| move || prediction.with(|p| p.as_ref().map(f).unwrap_or_default());
    let flag =
        move |f: fn(&PredictionView) -> bool| move || prediction.with(|p| p.as_ref().is_some_and(f).then_some(""));
    let outcome = move |i: usize| {
        let with = move |p: &Option<PredictionView>| p.as_ref().and_then(|p| p.outcomes.get(i)).cloned();
        let part = move |f: fn(&OutcomeView) -> String| {
            move || prediction.with(|p| with(p).map(|o| f(&o)).unwrap_or_default())
        };
        let winner = move || prediction.with(|p| with(p).is_some_and(|o| o.winner).then_some(""));
        view! {
            <li
                class="tau-widget__row"
                data-testid="prediction-outcome"
                data-color=part(|o| o.color.clone())
                data-winner=winner
            >
                <div
                    class="tau-widget__bar"
                    data-testid="prediction-bar"
                    style=("--tau-fill", part(|o| css_fraction(o.fraction)))
                ></div>
                <span data-testid="prediction-outcome-title">
                    {part(|o| o.title.clone())}
                </span>
                <span data-testid="prediction-points">{part(|o| o.points.to_string())}</span>
                <span data-testid="prediction-percent">
                    {part(|o| format!("{}%", o.percent))}
                </span>
                <span data-testid="prediction-payout">{part(|o| o.payout.clone())}</span>
                <span data-testid="prediction-users">{part(|o| o.users.to_string())}</span>
                <span class="tau-widget__small" data-testid="prediction-top">
                    {part(|o| o.top_predictor.clone().unwrap_or_default())}
                </span>
            </li>
        }
    };
    move || {
        id.get()?;
        Some(view! {
            <section
                class="tau-widget tau-prediction"
                data-testid="prediction"
                data-state=field(|p| p.phase.label().into())
                data-over=flag(|p| matches!(p.phase, PredictionPhase::Resolved | PredictionPhase::Canceled))
                data-preview=flag(|p| p.preview)
            >
                <h2 data-testid="prediction-title">{field(|p| p.title.clone())}</h2>
                <ol>
                    {(0..count.get_untracked()).map(outcome).collect_view()}
                </ol>
            </section>
        })
    }
}
