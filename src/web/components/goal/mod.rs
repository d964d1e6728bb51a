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

use crate::web::components::live::{use_live, UseLiveOptions, UseLiveReturn};
use crate::widgets::{css_fraction, GoalState, GoalView};
use leptos::prelude::*;

/// Options for [`use_goal`].
pub type UseGoalOptions = UseLiveOptions;

/// What [`use_goal`] returns: the goal's state (for [`GoalBar`]) and the way in for events
/// (`apply`, `apply_deliveries`; `Copy`).
pub type UseGoalReturn = UseLiveReturn<GoalState>;

/// A goal state owned by the current component, for [`GoalBar`].
pub fn use_goal(options: UseGoalOptions) -> UseGoalReturn {
    use_live(options)
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
