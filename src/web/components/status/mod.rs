//! [`StatusPanel`]: diagnostics, shown in preview (outside OBS) or with `#debug`: the link to TAU,
//! the alert engine's queue and counters, and media (audio state, failed assets). [`SetupNotice`]: the small streamer-only notice
//! inside OBS (never on program output). Neither ever shows the token.

mod obs;

pub use crate::BUILD_ID;
pub use obs::{use_obs_view, ObsView, STARTUP_NOTICE};

use crate::engine::Snapshot;
use crate::tau::backfill::BackfillStats;
use crate::util::clock::Instant;
use crate::web::browser::page;
use crate::web::components::alert_box::MediaStatus;
use crate::web::components::feed::LinkStatus;
use leptos::prelude::*;

/// Shows the link state and the engine's counters.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::settings::parse_fragment;
/// use tau_overlay::web::components::alert_box::{use_alert_engine, UseAlertEngineOptions};
/// use tau_overlay::web::components::feed::{use_tau, UseTauOptions};
/// use tau_overlay::web::components::status::StatusPanel;
/// leptos::mount::mount_to_body(move || {
///     let feed = use_tau(UseTauOptions::new(parse_fragment("#demo").config));
///     let alerts = use_alert_engine(UseAlertEngineOptions { config: Default::default() });
///     view! { <StatusPanel link=feed.status() engine=alerts.snapshot() demo=true /> }
/// });
/// ```
#[component]
pub fn StatusPanel(
    /// The link's status; `None` when not connecting (demo mode or no token).
    link: Signal<Option<LinkStatus>>,
    /// The engine's state.
    engine: ReadSignal<Option<Snapshot>>,
    /// Whether the demo feed is running.
    demo: bool,
    /// Audio state and failed assets, from [`MediaHandle::status`](crate::web::components::alert_box::MediaHandle::status).
    #[prop(optional)]
    media: Option<ReadSignal<MediaStatus>>,
    /// Inside OBS: this copy's place in the one-sounder election
    /// ([`use_sounder_election`](crate::web::obs::use_sounder_election)).
    #[prop(default = None)]
    sounder: Option<ReadSignal<Option<crate::web::obs::Election>>>,
) -> impl IntoView {
    let state = move || match (link.get(), demo) {
        (Some(s), _) => s.state.label(),
        (None, true) => "demo feed",
        (None, false) => "not connected",
    };
    let reconnects = move || link.get().map(|s| s.stats.reconnects).unwrap_or(0);
    let count = move |f: fn(&Snapshot) -> usize| move || engine.with(|s| s.as_ref().map(f).unwrap_or(0));
    view! {
        <aside class="tau-status" data-testid="status">
            <div>"TAU: " <span data-testid="link-state">{state}</span></div>
            <div>"token: " <span data-testid="token-status">{move || link.get().map(|s| s.token.label()).unwrap_or_default()}</span></div>
            <div>"reconnects: " <span data-testid="reconnects">{reconnects}</span></div>
            <div>
                "last frame: " <span data-testid="last-frame">{move || ago(link.get().and_then(|s| s.stats.last_frame))}</span>
                " · keep-alive: " <span data-testid="last-keep-alive">{move || ago(link.get().and_then(|s| s.stats.last_keep_alive))}</span>
            </div>
            <div>
                "backfill: " <span data-testid="backfill">{move || link.get().map(|s| backfill_text(&s.backfill)).unwrap_or_default()}</span>
            </div>
            <div>
                "queue: " <span data-testid="queue-depth">{count(|s| s.queued)}</span>
                " · shown " <span data-testid="count-shown">{count(|s| s.counts.shown as usize)}</span>
                " · merged " <span data-testid="count-merged">{count(|s| s.counts.merged as usize)}</span>
                " · expired " <span data-testid="count-expired">{count(|s| s.counts.expired as usize)}</span>
                " · filtered " <span data-testid="count-filtered">{count(|s| s.counts.filtered as usize)}</span>
                " · dropped " <span data-testid="count-dropped">{count(|s| s.counts.dropped as usize)}</span>
                " · accepted " <span data-testid="count-accepted">{count(|s| s.counts.accepted as usize)}</span>
            </div>
            {media.map(|m| view! {
                <div>"media: audio " <span data-testid="audio-state">{move || m.with(|s| s.audio.label())}</span>
                    " · played " <span data-testid="media-played">{move || m.with(|s| s.played)}</span>
                    " · blocked " <span data-testid="media-blocked">{move || m.with(|s| s.blocked)}</span>
                    " · spoken " <span data-testid="media-spoken">{move || m.with(|s| s.spoken)}</span>
                    " · failed: " <span data-testid="media-failed">{move || m.with(|s| if s.failed.is_empty() { "none".to_string() } else { s.failed.join(", ") })}</span>
                    " · sound: " <span data-testid="media-sound">{move || m.with(|s| s.silent.map_or("on".to_string(), |why| format!("off ({why})")))}</span>
                    " · silenced " <span data-testid="media-silenced">{move || m.with(|s| s.silenced)}</span>
                </div>
            })}
            {sounder.map(|e| view! {
                <div>"OBS: " <span data-testid="sounder">{move || e.get().map_or("no election (sounds alone)".to_string(), |e| e.label())}</span></div>
            })}
            <div class="tau-status__build">"build " <span data-testid="build-id">{BUILD_ID}</span></div>
        </aside>
    }
}

/// A small notice in the top-right corner inside OBS: the link state, the token check and the
/// setting problems, shown only while `view` allows it ([`ObsView::notice_visible`]), so the
/// streamer sees what is wrong in OBS's preview and viewers never see it.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::settings::parse_fragment;
/// use tau_overlay::web::components::feed::{use_tau, UseTauOptions};
/// use tau_overlay::web::components::status::{use_obs_view, SetupNotice};
/// leptos::mount::mount_to_body(move || {
///     let feed = use_tau(UseTauOptions::new(parse_fragment("#tau=localhost:8000&token=…").config));
///     let problems = Signal::derive(Vec::new);
///     view! { <SetupNotice view=use_obs_view() link=feed.status() problems=problems demo=false /> }
/// });
/// ```
#[component]
pub fn SetupNotice(
    /// Where OBS shows the page, from [`use_obs_view`].
    view: ReadSignal<ObsView>,
    /// The link's status; `None` when not connecting (demo mode or no token).
    link: Signal<Option<LinkStatus>>,
    /// Problems with the URL fragment or the config file.
    problems: Signal<Vec<String>>,
    /// Whether the demo feed is running.
    demo: bool,
) -> impl IntoView {
    move || {
        view.get().notice_visible().then(|| {
            let state = match (link.get(), demo) {
                (Some(s), _) => format!("TAU: {} · {}", s.state.label(), s.token.label()),
                (None, true) => "demo feed".into(),
                (None, false) => "TAU: not connected".into(),
            };
            view! {
                <aside class="tau-setup" data-testid="setup-notice">
                    <div data-testid="setup-state">{state}</div>
                    {problems.get().into_iter().map(|p| view! { <div data-testid="setup-problem">{p}</div> }).collect_view()}
                    <div class="tau-setup__hint">"only shown off program output"</div>
                </aside>
            }
        })
    }
}

/// "12 s ago" from a monotonic instant (refreshed whenever the link's status changes).
fn ago(at: Option<Instant>) -> String {
    match at {
        Some(at) => format!("{} s ago", (page::now() - at).as_secs()),
        None => "never".into(),
    }
}

fn backfill_text(b: &BackfillStats) -> String {
    let stopped = b.stopped.map(|why| format!("; stopped: {why}")).unwrap_or_default();
    format!(
        "{} passes, {} pages, {} delivered, {} deduped, {} errors{stopped}",
        b.passes, b.pages, b.delivered, b.deduped, b.errors
    )
}
