//! [`PollPanel`]: the poll (`channel-poll-*`) with a live bar per choice and the result, and
//! [`use_poll`], which turns the TAU event stream into its state.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::web::components::poll::{use_poll, PollPanel, UsePollOptions};
//!
//! #[component]
//! fn MyPoll() -> impl IntoView {
//!     let poll = use_poll(UsePollOptions::default());
//!     // Feed it from the TAU link: `poll.apply_deliveries(&deliveries)` or `poll.apply(&envelope)`.
//!     view! { <PollPanel state=poll.state /> }
//! }
//! ```

use crate::web::components::live::{use_live, UseLiveOptions, UseLiveReturn};
use crate::widgets::{css_fraction, ChoiceView, PollPhase, PollState, PollView};
use leptos::prelude::*;

/// Options for [`use_poll`].
pub type UsePollOptions = UseLiveOptions;

/// What [`use_poll`] returns: the poll's state (for [`PollPanel`]) and the way in for events
/// (`apply`, `apply_deliveries`; `Copy`).
pub type UsePollReturn = UseLiveReturn<PollState>;

/// A poll state owned by the current component, for [`PollPanel`].
pub fn use_poll(options: UsePollOptions) -> UsePollReturn {
    use_live(options)
}

/// The poll panel: the question, then per choice its text, votes, share and a bar of that
/// share. Hidden before the first poll event and after an `archived` end; `data-state` is
/// `active` or `ended`, choices carry `data-leading` and, at the end, `data-winner`. The
/// question and the choices are text nodes.
#[component]
pub fn PollPanel(
    /// The poll's state, e.g. [`UsePollReturn::state`].
    #[prop(into)]
    state: Signal<PollState>,
) -> impl IntoView {
    let poll = Memo::new(move |_| state.with(PollState::view));
    let id = Memo::new(move |_| poll.with(|p| p.as_ref().map(|p| p.id.clone())));
    let count = Memo::new(move |_| poll.with(|p| p.as_ref().map_or(0, |p| p.choices.len())));
    let field = move |f: fn(&PollView) -> String| move || poll.with(|p| p.as_ref().map(f).unwrap_or_default());
    let flag = move |f: fn(&PollView) -> bool| move || poll.with(|p| p.as_ref().is_some_and(f).then_some(""));
    let choice = move |i: usize| {
        let with = move |p: &Option<PollView>| p.as_ref().and_then(|p| p.choices.get(i)).cloned();
        let part =
            move |f: fn(&ChoiceView) -> String| move || poll.with(|p| with(p).map(|c| f(&c)).unwrap_or_default());
        let mark =
            move |f: fn(&ChoiceView) -> bool| move || poll.with(|p| with(p).is_some_and(|c| f(&c)).then_some(""));
        view! {
            <li
                class="tau-widget__row"
                data-testid="poll-choice"
                data-leading=mark(|c| c.leading)
                data-winner=mark(|c| c.winner)
            >
                <div class="tau-widget__bar" data-testid="poll-bar" style=("--tau-fill", part(|c| css_fraction(c.fraction)))></div>
                <span data-testid="poll-choice-title">{part(|c| c.title.clone())}</span>
                <span data-testid="poll-votes">{part(|c| c.votes.to_string())}</span>
                <span data-testid="poll-percent">{part(|c| format!("{}%", c.percent))}</span>
            </li>
        }
    };
    move || {
        id.get()?;
        Some(view! {
            <section
                class="tau-widget tau-poll"
                data-testid="poll"
                data-state=field(|p| p.phase.label().into())
                data-over=flag(|p| p.phase == PollPhase::Ended)
                data-preview=flag(|p| p.preview)
            >
                <h2 data-testid="poll-title">{field(|p| p.title.clone())}</h2>
                <ol>
                    {(0..count.get_untracked()).map(choice).collect_view()}
                </ol>
                <div class="tau-poll__total tau-widget__small" data-testid="poll-total">{field(|p| p.total_votes.to_string())}</div>
            </section>
        })
    }
}
