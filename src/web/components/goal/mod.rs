//! [`GoalBar`]: the creator goal (`channel-goal-*`) as a bar, and [`use_goal`], which turns the
//! TAU event stream into its state.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::web::components::goal::{use_goal, GoalBar, UseGoalOptions};
//!
//! #[component]
//! fn MyGoal() -> impl IntoView {
//!     let goal = use_goal(UseGoalOptions { broadcaster: Some("12345".into()) });
//!     // Feed it from the TAU link: `goal.apply_deliveries(&deliveries)` or `goal.apply(&envelope)`.
//!     view! { <GoalBar state=goal.state /> }
//! }
//! ```

use crate::tau::backfill::Delivery;
use crate::tau::protocol::Envelope;
use crate::widgets::{css_fraction, GoalState, GoalView, Scope};
use leptos::prelude::*;

/// Options for [`use_goal`].
#[derive(Clone, Debug, Default)]
pub struct UseGoalOptions {
    /// The streamer's Twitch user id: other channels' goals are ignored. `None` takes all.
    pub broadcaster: Option<String>,
}

/// What [`use_goal`] returns: the goal's state and the way in for events (`Copy`).
#[derive(Clone, Copy, Debug)]
pub struct UseGoalReturn {
    /// The state to give [`GoalBar`].
    pub state: RwSignal<GoalState>,
}

impl UseGoalReturn {
    /// Applies one TAU event (other types are ignored); the bar updates only if it changed.
    pub fn apply(&self, envelope: &Envelope) {
        self.state.try_maybe_update(|s| (s.apply(envelope), ()));
    }

    /// Applies a batch from the TAU link (offline summaries carry no goal and are skipped).
    pub fn apply_deliveries(&self, deliveries: &[Delivery]) {
        self.state.try_maybe_update(|s| {
            let changed = deliveries.iter().fold(false, |changed, d| match d {
                Delivery::Alert(e) => s.apply(e) | changed,
                Delivery::Summary(_) => changed,
            });
            (changed, ())
        });
    }
}

/// A goal state owned by the current component, for [`GoalBar`].
pub fn use_goal(options: UseGoalOptions) -> UseGoalReturn {
    UseGoalReturn {
        state: RwSignal::new(GoalState::new(Scope::new(options.broadcaster))),
    }
}

/// The goal bar: the description, a bar filled to `current / target`, the amounts. Hidden
/// before the first goal event; `data-state` is `active` or `ended`, `data-achieved` is set
/// once the target is reached, `data-preview` on test and replay goals. The description is a
/// text node.
#[component]
pub fn GoalBar(
    /// The goal's state, e.g. [`UseGoalReturn::state`].
    #[prop(into)]
    state: Signal<GoalState>,
) -> impl IntoView {
    let goal = Memo::new(move |_| state.with(GoalState::view));
    let id = Memo::new(move |_| goal.with(|g| g.as_ref().map(|g| g.id.clone())));
    let field = move |f: fn(&GoalView) -> String| move || goal.with(|g| g.as_ref().map(f).unwrap_or_default());
    let flag = move |f: fn(&GoalView) -> bool| move || goal.with(|g| g.as_ref().is_some_and(f).then_some(""));
    move || {
        id.get()?;
        Some(view! {
            <section
                class="tau-widget tau-goal"
                data-testid="goal"
                data-kind=field(|g| g.kind.clone())
                data-state=field(|g| if g.ended { "ended" } else { "active" }.into())
                data-over=flag(|g| g.ended)
                data-achieved=flag(|g| g.achieved)
                data-preview=flag(|g| g.preview)
            >
                <div class="tau-goal__description" data-testid="goal-description">
                    {field(|g| g.description.clone())}
                </div>
                <div class="tau-widget__track">
                    <div
                        class="tau-widget__bar"
                        data-testid="goal-fill"
                        style=("--tau-fill", field(|g| css_fraction(g.fraction)))
                    ></div>
                </div>
                <div class="tau-goal__numbers tau-widget__small">
                    <span class="tau-goal__amount" data-testid="goal-amount">
                        {field(|g| g.current.to_string())}
                        " / "
                        {field(|g| g.target.to_string())}
                    </span>
                    <span class="tau-goal__percent" data-testid="goal-percent">
                        {field(|g| format!("{}%", g.percent))}
                    </span>
                </div>
            </section>
        })
    }
}
