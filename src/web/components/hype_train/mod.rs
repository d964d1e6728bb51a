//! [`HypeTrainMeter`]: the hype train (`channel-hype_train-*`) as a level, a bar to the next
//! level, the time left and the top contributors; [`use_hype_train`] turns the TAU event stream
//! into its state.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::web::components::hype_train::{use_hype_train, HypeTrainMeter, UseHypeTrainOptions};
//!
//! #[component]
//! fn MyTrain() -> impl IntoView {
//!     let train = use_hype_train(UseHypeTrainOptions::default());
//!     // Feed it from the TAU link: `train.apply_deliveries(&deliveries)` or `train.apply(&envelope)`.
//!     view! { <HypeTrainMeter state=train.state /> }
//! }
//! ```

use crate::web::browser::page;
use crate::web::components::live::{use_live, UseLiveOptions, UseLiveReturn};
use crate::widgets::{countdown_label, css_fraction, HypeTrainPhase, HypeTrainState, HypeTrainView};
use gloo_timers::callback::Interval;
use leptos::prelude::*;

/// Options for [`use_hype_train`].
pub type UseHypeTrainOptions = UseLiveOptions;

/// What [`use_hype_train`] returns: the hype train's state (for [`HypeTrainMeter`]) and the way
/// in for events (`apply`, `apply_deliveries`; `Copy`).
pub type UseHypeTrainReturn = UseLiveReturn<HypeTrainState>;

/// A hype train state owned by the current component, for [`HypeTrainMeter`].
pub fn use_hype_train(options: UseHypeTrainOptions) -> UseHypeTrainReturn {
    use_live(options)
}

/// The hype-train meter. Hidden before the first hype-train event; `data-state` is `active`,
/// `expired` (its time ran out without an `end`) or `ended`; the level badge is made anew on
/// every level, so its animation plays once per level-up. The countdown ticks with one 1 s
/// timer (`setInterval`) that runs only while a train is active and stops at its end or expiry.
/// Contributor names are text nodes.
#[component]
pub fn HypeTrainMeter(
    /// The train's state, e.g. [`UseHypeTrainReturn::state`].
    #[prop(into)]
    state: Signal<HypeTrainState>,
) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let train = Memo::new(move |_| {
        tick.track();
        state.with(|s| s.view(page::wall_now()))
    });
    let counting = Memo::new(move |_| train.with(|t| t.as_ref().is_some_and(|t| t.remaining_ms.is_some())));
    // The one timer: made when a countdown starts, dropped (clearInterval) when it stops.
    let timer = StoredValue::new_local(None::<Interval>);
    Effect::new(move |_| {
        let on = counting.get();
        timer.update_value(|t| match (on, t.is_some()) {
            (true, false) => {
                *t = Some(Interval::new(1000, move || {
                    _ = tick.try_update(|n| *n = n.wrapping_add(1))
                }))
            }
            (false, true) => *t = None,
            _ => {}
        });
    });
    on_cleanup(move || timer.update_value(|t| *t = None));

    let id = Memo::new(move |_| train.with(|t| t.as_ref().map(|t| t.id.clone())));
    let level = Memo::new(move |_| train.with(|t| t.as_ref().map(|t| t.level)));
    let top_count = Memo::new(move |_| train.with(|t| t.as_ref().map_or(0, |t| t.top.len())));
    let field = move |f: fn(&HypeTrainView) -> String| move || train.with(|t| t.as_ref().map(f).unwrap_or_default());
    let flag = move |f: fn(&HypeTrainView) -> bool| move || train.with(|t| t.as_ref().is_some_and(f).then_some(""));
    move || {
        id.get()?;
        let badge = move || {
            let level = level.get().unwrap_or(1);
            let up = train.with_untracked(|t| t.as_ref().is_some_and(|t| t.leveled_up));
            view! {
                <span class="tau-hype__level" data-testid="hype-level" data-level-up=up.then_some("")>
                    {level.to_string()}
                </span>
            }
        };
        let contributor = move |i: usize| {
            let part = move |f: fn(&crate::widgets::ContributorView) -> String| {
                move || train.with(|t| t.as_ref().and_then(|t| t.top.get(i)).map(f).unwrap_or_default())
            };
            view! {
                <li class="tau-hype__contributor" data-testid="hype-contributor" data-kind=part(|c| c.kind.clone())>
                    <span class="tau-hype__name">{part(|c| c.name.clone())}</span>
                    <span class="tau-hype__points">{part(|c| c.total.to_string())}</span>
                </li>
            }
        };
        Some(view! {
            <section
                class="tau-widget tau-hype"
                data-testid="hype-train"
                data-state=field(|t| t.phase.label().into())
                data-over=flag(|t| t.phase != HypeTrainPhase::Active)
                data-preview=flag(|t| t.preview)
            >
                <div class="tau-hype__head">
                    <span class="tau-hype__title"></span>
                    {badge}
                    <span class="tau-hype__countdown" data-testid="hype-countdown">
                        {field(|t| t.remaining_ms.map(countdown_label).unwrap_or_default())}
                    </span>
                </div>
                <div class="tau-widget__track">
                    <div
                        class="tau-widget__bar"
                        data-testid="hype-fill"
                        style=("--tau-fill", field(|t| css_fraction(t.fraction)))
                    ></div>
                </div>
                <div class="tau-widget__small" data-testid="hype-progress">
                    {field(|t| t.progress.to_string())}
                    " / "
                    {field(|t| t.goal.to_string())}
                </div>
                <ol class="tau-hype__top tau-widget__small">
                    {move || (0..top_count.get()).map(contributor).collect_view()}
                </ol>
            </section>
        })
    }
}
