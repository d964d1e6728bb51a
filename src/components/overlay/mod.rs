//! [`Overlay`]: the whole OBS overlay — reads the URL fragment, connects to TAU (or runs the
//! demo feed), and shows alerts. [`mount_overlay`] mounts it on the page body.

mod demo;
mod link;

pub use demo::use_demo_feed;
pub use link::{use_tau_link, LinkStatus, TauLinkHandle};

use crate::alert::alert_for;
use crate::browser::page;
use crate::components::alert_box::{use_alert_queue, AlertBox, UseAlertQueueOptions};
use crate::components::status::StatusPanel;
use crate::config::ParsedFragment;
use crate::protocol::Envelope;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::tachys::view::Mountable;

/// The overlay for a parsed URL fragment.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::{config::parse_fragment, Overlay};
/// let parsed = parse_fragment("#demo");
/// let _handle = leptos::mount::mount_to_body(move || view! { <Overlay parsed=parsed /> });
/// ```
#[component]
pub fn Overlay(
    /// The configuration, from [`crate::browser::page::take_config`] or
    /// [`crate::config::parse_fragment`].
    parsed: ParsedFragment,
) -> impl IntoView {
    let ParsedFragment { config, problems, .. } = parsed;
    let alerts = use_alert_queue(UseAlertQueueOptions::default());
    let on_event = move |envelope: Envelope| {
        if let Some((kind, headline)) = alert_for(&envelope) {
            alerts.push(kind, headline);
        }
    };
    let link = match (&config.token, config.demo) {
        (_, true) => {
            use_demo_feed(on_event);
            None
        }
        (Some(token), false) => Some(use_tau_link(&config, token.clone(), on_event)),
        (None, false) => None,
    };
    for problem in &problems {
        page::warn(&problem.to_string());
    }
    let preview = config.debug || !page::in_obs();
    let notes = (preview && !problems.is_empty()).then(|| {
        view! {
            <ul class="tau-notice" data-testid="config-problems">
                {problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
            </ul>
        }
    });
    let panel = preview.then(|| view! { <StatusPanel link=link.map(|l| l.status()) demo=config.demo /> });
    view! {
        <main class="tau-overlay">
            <AlertBox alerts=alerts />
            {notes}
            {panel}
        </main>
    }
}

/// Reads the configuration from the address bar (removing the token from it) and mounts the
/// [`Overlay`] on `<body>`. Keep the handle: dropping it unmounts the overlay.
pub fn mount_overlay() -> leptos::mount::UnmountHandle<impl Mountable> {
    let parsed = page::take_config();
    let body = document().body().expect("an HTML page has a <body>");
    mount_to(body, move || view! { <Overlay parsed=parsed /> })
}
