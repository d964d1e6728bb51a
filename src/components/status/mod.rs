//! [`StatusPanel`]: connection diagnostics, shown in preview (outside OBS) or with `#debug`.
//! It never shows the token.

use crate::components::overlay::LinkStatus;
use leptos::prelude::*;

/// Shows the link state and counters.
#[component]
pub fn StatusPanel(
    /// The link's status; `None` when not connecting (demo mode or no token).
    link: Option<ReadSignal<LinkStatus>>,
    /// Whether the demo feed is running.
    demo: bool,
) -> impl IntoView {
    let state = move || match (link, demo) {
        (Some(s), _) => s.with(|s| s.state.label()),
        (None, true) => "demo feed",
        (None, false) => "not connected",
    };
    let reconnects = move || link.map(|s| s.with(|s| s.stats.reconnects)).unwrap_or(0);
    view! {
        <aside class="tau-status" data-testid="status">
            <div>"TAU: " <span data-testid="link-state">{state}</span></div>
            <div>"reconnects: " <span data-testid="reconnects">{reconnects}</span></div>
            <div class="tau-status__build">"build " {env!("CARGO_PKG_VERSION")}</div>
        </aside>
    }
}
