//! [`EventList`]: the last N events with an icon per type, test and replay events marked, and
//! [`use_event_list`], which keeps its [`EventLog`] from the page's shared feed.

mod icons;

use crate::engine::InputOrigin;
use crate::session::{EventLog, LogEntry};
use crate::web::components::feed::TauFeed;
use leptos::prelude::*;

/// Options for [`use_event_list`].
pub struct UseEventListOptions {
    /// The page's feed, from [`use_tau`](crate::web::components::feed::use_tau).
    pub feed: TauFeed,
    /// How many events to keep (`events_max=`).
    pub max: usize,
    /// The streamer's Twitch user id (`broadcaster=`), or empty: other channels' events are left
    /// out when it is set.
    pub broadcaster: String,
}

/// What [`use_event_list`] returns: the log, for [`EventList`].
pub type UseEventListReturn = Signal<EventLog>;

/// Keeps an [`EventLog`] of the feed's deliveries (one update per batch, so a backfill burst is
/// one redraw).
pub fn use_event_list(options: UseEventListOptions) -> UseEventListReturn {
    let UseEventListOptions { feed, max, broadcaster } = options;
    let log = RwSignal::new(EventLog::new(max, &broadcaster));
    feed.subscribe_batches(move |batch| {
        log.try_update(|log| {
            for delivery in batch {
                log.apply(delivery);
            }
        });
    });
    log.into()
}

/// The event list: newest first, one line per event with its icon, the viewer's name (a text
/// node) and what they did; test and replay lines carry a `TEST` / `REPLAY` mark and
/// `data-origin`.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::session::EventLog;
/// use tau_overlay::web::components::event_list::EventList;
/// let log = RwSignal::new(EventLog::new(8, ""));
/// leptos::mount::mount_to_body(move || view! { <EventList log=log.into() /> });
/// ```
#[component]
pub fn EventList(
    /// The events, from [`use_event_list`] (or any [`EventLog`]).
    log: Signal<EventLog>,
) -> impl IntoView {
    let entries = move || log.with(|l| l.entries().cloned().collect::<Vec<_>>());
    view! {
        <ol class="tau-events" data-testid="event-list">
            <For each=entries key=|e: &LogEntry| e.key children=move |e: LogEntry| entry(e) />
        </ol>
    }
}

fn entry(e: LogEntry) -> impl IntoView {
    let (origin, mark) = match e.origin {
        InputOrigin::Live => ("live", None),
        InputOrigin::Test => ("test", Some("TEST")),
        InputOrigin::Replay => ("replay", Some("REPLAY")),
    };
    let action = e.action();
    // Only a viewer's event can be anonymous (a gift, a cheer); a hype train, goal, poll or the
    // offline summary is about no one, and reads as its action alone.
    let name = e.name.clone().unwrap_or_else(|| match e.kind {
        "sub" | "resub" | "gift-bomb" | "cheer" => "Anonymous".into(),
        _ => String::new(),
    });
    view! {
        <li class="tau-events__item" data-testid="event" data-kind=e.kind data-origin=origin>
            {icons::icon(e.kind)}
            <span class="tau-events__text">
                <span class="tau-events__name" data-testid="event-name">{name}</span>
                " "
                <span class="tau-events__action" data-testid="event-action">{action}</span>
            </span>
            {mark.map(|m| view! { <span class="tau-events__mark" data-testid="event-mark">{m}</span> })}
        </li>
    }
}
