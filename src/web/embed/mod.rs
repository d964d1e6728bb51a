//! Embedding the widgets in any page: [`mount`] puts the widgets an [`EmbedOptions`] names into
//! an element and returns a [`Mounted`] handle ([`Mounted::unmount`], [`Mounted::on`]). The
//! overlay binary exports it to JavaScript as `mount(element, options)` (options: a JS object
//! with the URL fragment's keys, read by [`options_from_js`]), and `www/tau-elements.js`
//! defines the custom elements (`<tau-alerts>`, `<tau-chat>`, `<tau-event-list>`,
//! `<tau-labels>`) on top of it, each in its own shadow root.
//!
//! Every mount on a page with the same TAU origin and token (or the demo) shares **one** feed:
//! one events socket and one backfill, however many elements; the feed closes when the last
//! mount using it is unmounted.
//!
//! ```no_run
//! use tau_overlay::settings::parse_fragment;
//! use tau_overlay::web::embed::{mount, EmbedOptions};
//! let document = web_sys::window().unwrap().document().unwrap();
//! let element = document.get_element_by_id("events").unwrap();
//! let mounted = mount(element, EmbedOptions::from(parse_fragment("#demo&widgets=events,labels")));
//! mounted.on("channel-follow", |event| web_sys::console::log_1(event));
//! // Later: the widgets, their listeners, timers and (if it was the last user) the socket go.
//! mounted.unmount();
//! ```

mod options;
mod shared;

pub use options::{options_from_js, OptionsError};
pub use shared::live_feeds;

use crate::settings::{OverlayConfig, ParsedFragment, Widget};
use crate::tau::backfill::Delivery;
use crate::web::browser::page;
use crate::web::components::alert_box::UseHelixImagesOptions;
use crate::web::components::alert_box::{use_alert_engine, use_helix_images, AlertBox, UseAlertEngineOptions};
use crate::web::components::chat::{use_chat, ChatList, UseChatOptions};
use crate::web::components::feed::TauFeed;
use crate::web::components::overlay::{alert_input, engine_config};
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::JsCast;

/// What to mount: the settings of a URL fragment (`widgets=` chooses the widgets).
pub struct EmbedOptions {
    /// The parsed settings; their problems are logged once as warnings.
    pub parsed: ParsedFragment,
}

impl From<ParsedFragment> for EmbedOptions {
    fn from(parsed: ParsedFragment) -> EmbedOptions {
        EmbedOptions { parsed }
    }
}

/// The widgets [`mount`] can embed: all of them. A new widget that needs only the feed is one
/// arm in `overlay::live::feed_widget`, which the overlay page and [`mount`] share.
pub const EMBEDDABLE: [Widget; 8] = Widget::ALL;

/// A mount: dropping it (or [`Mounted::unmount`]) removes the widgets and releases everything
/// they hold.
pub struct Mounted {
    /// The Leptos mount (an `UnmountHandle`); dropped first.
    view: Option<Box<dyn Any>>,
    /// Owns the [`Mounted::on`] subscriptions.
    owner: Owner,
    feed: shared::Lease,
}

/// Mounts the widgets of `options` into `element`, on the page's shared feed for its settings.
pub fn mount(element: web_sys::Element, options: EmbedOptions) -> Mounted {
    let ParsedFragment { config, problems, .. } = options.parsed;
    for problem in &problems {
        page::warn(&problem.to_string());
    }
    // The feed spawns tasks at once: the executor must run before the first `mount_to` (a page
    // whose first Leptos call is this mount panicked here).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let feed = shared::lease(&config);
    let handle = feed.feed();
    let parent: web_sys::HtmlElement = element.unchecked_into();
    let view = leptos::mount::mount_to(parent, move || {
        config
            .widgets()
            .into_iter()
            .filter_map(|widget| widget_view(widget, &config, handle))
            .collect_view()
    });
    Mounted {
        view: Some(Box::new(view)),
        owner: Owner::new(),
        feed,
    }
}

/// The view of one widget on `feed`, or `None` (with a warning) when it cannot be shown.
fn widget_view(widget: Widget, config: &OverlayConfig, feed: TauFeed) -> Option<AnyView> {
    let broadcaster = config.broadcaster.clone().unwrap_or_default();
    let origin = config.origin();
    let live = match (&config.token, config.demo, &origin) {
        (Some(token), false, Some(origin)) => Some((token.clone(), origin.clone())),
        _ => None,
    };
    let view = match widget {
        Widget::Alerts => {
            let engine = engine_config(config, Default::default());
            let lang = engine.lang.unwrap_or_default();
            let alerts = use_alert_engine(UseAlertEngineOptions { config: engine });
            feed.subscribe_batches(move |deliveries| {
                alerts.push_all(deliveries.iter().filter_map(|d| alert_input(d, &broadcaster, lang)))
            });
            let images = live.map(|(token, origin)| use_helix_images(UseHelixImagesOptions { origin, token }));
            view! { <AlertBox alerts=alerts images=images /> }.into_any()
        }
        Widget::Chat => {
            let (Some(login), Some((token, origin))) = (config.chat.clone(), live) else {
                page::warn("widget `chat` needs chat=<login>, a token and a tau origin (not shown)");
                return None;
            };
            let chat = use_chat(UseChatOptions {
                config: config.clone(),
                origin,
                login,
                token,
            });
            view! { <ChatList chat=chat /> }.into_any()
        }
        other => return crate::web::components::overlay::live::feed_widget(other, config, feed),
    };
    Some(view)
}

impl Mounted {
    /// Calls `callback` with each event of TAU type `event` (e.g. `channel-follow`; `*` for all,
    /// including the `offline-summary` of a long gap), live or backfilled, as a plain JS object
    /// `{type, id, event_id, source, origin, created, user}` (`text` for a summary). The
    /// subscription ends at [`Mounted::unmount`].
    pub fn on(&self, event: &str, callback: impl Fn(&wasm_bindgen::JsValue) + 'static) {
        let event = event.to_owned();
        let feed = self.feed.feed();
        self.owner.with(|| {
            feed.subscribe(move |delivery| {
                if let Some(object) = options::event_object(delivery, &event) {
                    callback(&object);
                }
            })
        });
    }

    /// Removes the widgets and ends their listeners, timers and fetches; the shared feed (socket,
    /// backfill) closes when this was its last mount.
    pub fn unmount(self) {
        drop(self);
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.view.take();
        self.owner.cleanup();
        // `self.feed` drops after this: the feed outlives the widgets that subscribed to it.
    }
}

/// Whether `delivery` is an event `event` names (`*` for any).
fn matches(delivery: &Delivery, event: &str) -> bool {
    event == "*"
        || match delivery {
            Delivery::Alert(envelope) => envelope.event_type == event,
            Delivery::Summary(_) => event == "offline-summary",
        }
}
