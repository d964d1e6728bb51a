//! [`AlertBox`]: shows the alert on screen, and [`use_alert_queue`], which drives the pure
//! [`AlertQueue`](crate::queue::AlertQueue) with one browser timer.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::alert::{AlertKind, TextPart};
//! use tau_overlay::components::alert_box::{use_alert_queue, AlertBox, UseAlertQueueOptions};
//!
//! #[component]
//! fn MyOverlay() -> impl IntoView {
//!     let alerts = use_alert_queue(UseAlertQueueOptions::default());
//!     alerts.push(AlertKind::Follow, vec![TextPart::Name("ana".into()), TextPart::Text(" is now following!".into())]);
//!     view! { <AlertBox alerts=alerts /> }
//! }
//! ```

mod queue_driver;

pub use queue_driver::{use_alert_queue, AlertQueueHandle, ShownAlert, UseAlertQueueOptions};

use crate::alert::TextPart;
use leptos::prelude::*;

/// Renders the alerts of `alerts` (at most the current one and the one leaving). All viewer
/// text is rendered as text nodes. Theme it with the `--tau-*` custom properties of
/// `alert_box.css`; `data-kind` and `data-state` select per-type and per-phase styles.
#[component]
pub fn AlertBox(
    /// The queue to show, from [`use_alert_queue`].
    alerts: AlertQueueHandle,
) -> impl IntoView {
    let shown = alerts.shown();
    view! {
        <div class="tau-alert-box" data-testid="alert-box">
            <For
                each=move || shown.get()
                key=|s: &ShownAlert| s.alert.key
                children=move |s: ShownAlert| {
                    let key = s.alert.key;
                    let state = move || {
                        shown.with(|v| v.iter().find(|x| x.alert.key == key).map(|x| x.phase.name()).unwrap_or("exiting"))
                    };
                    let parts = s
                        .alert
                        .headline
                        .into_iter()
                        .map(|part| match part {
                            TextPart::Name(n) => view! { <span class="tau-alert__name">{n}</span> }.into_any(),
                            TextPart::Text(t) => view! { <span>{t}</span> }.into_any(),
                        })
                        .collect_view();
                    view! {
                        <div
                            class="tau-alert"
                            data-testid="alert"
                            data-kind=s.alert.kind.name()
                            data-state=state
                            on:animationend=move |_| alerts.animation_ended(key)
                        >
                            <div class="tau-alert__headline">{parts}</div>
                        </div>
                    }
                }
            />
        </div>
    }
}
