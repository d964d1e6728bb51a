//! [`use_tau`]: the one TAU link of a page (or the demo feed), shared by every widget on it.
//!
//! A page opens **one** `/ws/twitch-events/` socket and runs **one** backfill, however many
//! widgets it shows: the feed owns the link, and each widget subscribes to its deliveries — every
//! event, live or backfilled, each once, in order (test and replay events arrive too, flagged in
//! the [`Envelope`]'s `origin`), and the offline summary of a long gap.
//!
//! Wiring a widget whose state is a pure type with `apply(&mut self, &Envelope)`:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tau_overlay::settings::parse_fragment;
//! use tau_overlay::tau::backfill::Delivery;
//! use tau_overlay::session::EventLog;
//! use tau_overlay::web::components::feed::{use_tau, UseTauOptions};
//!
//! #[component]
//! fn LastEvents() -> impl IntoView {
//!     let feed = use_tau(UseTauOptions::new(parse_fragment("#demo").config));
//!     let log = RwSignal::new(EventLog::new(5, ""));
//!     // Called for every delivery, in order; cleaned up with this component.
//!     feed.subscribe(move |d: &Delivery| {
//!         log.update(|log| {
//!             log.apply(d);
//!         })
//!     });
//!     view! { <p>{move || log.with(|l| l.len())} " events"</p> }
//! }
//! ```
//!
//! Create the feed once per page (e.g. in the root component) and hand the `Copy` handle to the
//! widgets; subscribe while the widget is created (before the first delivery, which always comes
//! from a later task). A subscription ends when the subscribing component is cleaned up.
//!
//! [`Envelope`]: crate::tau::protocol::Envelope

mod demo;
mod link;
mod stored;

pub use demo::{use_demo_feed, UseDemoFeedOptions};
pub use link::{use_tau_link, LinkStatus, TauLinkHandle, UseTauLinkOptions, UseTauLinkReturn};

use crate::engine::EngineConfig;
use crate::settings::OverlayConfig;
use crate::tau::backfill::Delivery;
use leptos::prelude::*;
use std::rc::Rc;

/// Options for [`use_tau`].
pub struct UseTauOptions {
    /// The page's settings: `token`, `tau`, `tls`, `demo`, `watchdog`, `offline_summary`.
    pub config: OverlayConfig,
    /// What the demo feed is paced to (its alerts' time on screen); unused without `demo`.
    pub demo_engine: EngineConfig,
    /// Do not connect yet: [`TauFeed::start`] does, e.g. once a config file is loaded, so no
    /// event arrives before the settings it needs.
    pub deferred: bool,
}

impl UseTauOptions {
    /// Connect at once, with the default demo pacing.
    pub fn new(config: OverlayConfig) -> UseTauOptions {
        UseTauOptions {
            config,
            demo_engine: EngineConfig::default(),
            deferred: false,
        }
    }
}

/// What [`use_tau`] returns: the feed's handle.
pub type UseTauReturn = TauFeed;

type OnBatch = Rc<dyn Fn(&[Delivery])>;

struct Hub {
    config: OverlayConfig,
    demo_engine: EngineConfig,
    started: bool,
    next_id: u64,
    subscribers: Vec<(u64, OnBatch)>,
}

/// The shared feed (`Copy`): link status, subscriptions, and the stored events read over REST.
/// Its socket, timers and fetches end when the component that called [`use_tau`] is unmounted.
#[derive(Clone, Copy)]
pub struct TauFeed {
    hub: StoredValue<Hub, LocalStorage>,
    link: RwSignal<Option<TauLinkHandle>>,
}

/// Creates the page's one feed, owned by the current component: the TAU link for a `token`
/// (every request carrying it goes to the `tau` origin only), the demo feed for `demo`, and
/// nothing when neither is usable (a malformed `tau` or `tls` connects nowhere).
pub fn use_tau(options: UseTauOptions) -> UseTauReturn {
    let UseTauOptions {
        config,
        demo_engine,
        deferred,
    } = options;
    let feed = TauFeed {
        hub: StoredValue::new_local(Hub {
            config,
            demo_engine,
            started: false,
            next_id: 0,
            subscribers: Vec::new(),
        }),
        link: RwSignal::new(None),
    };
    if !deferred {
        feed.start(None);
    }
    feed
}

impl TauFeed {
    /// The TAU link's status; `None` for the demo feed or when nothing connects.
    pub fn status(&self) -> Signal<Option<LinkStatus>> {
        let link = self.link;
        Signal::derive(move || link.get().map(|l| l.status().get()))
    }

    /// Calls `on_delivery` with every delivery, in order. See the [module docs](self).
    pub fn subscribe(&self, on_delivery: impl Fn(&Delivery) + 'static) {
        self.subscribe_batches(move |batch| batch.iter().for_each(&on_delivery));
    }

    /// Calls `on_batch` with the deliveries in the batches the link hands them over: a backfill
    /// pass is one batch (the alert engine orders it by priority), a live event a batch of one.
    pub fn subscribe_batches(&self, on_batch: impl Fn(&[Delivery]) + 'static) {
        let hub = self.hub;
        let id = hub.try_update_value(|h| {
            h.next_id += 1;
            h.subscribers.push((h.next_id, Rc::new(on_batch)));
            h.next_id
        });
        if let (Some(id), Some(_)) = (id, Owner::current()) {
            on_cleanup(move || {
                hub.try_update_value(|h| h.subscribers.retain(|(i, _)| *i != id));
            });
        }
    }

    /// Connects a [deferred](UseTauOptions::deferred) feed (once; later calls do nothing), with
    /// `demo_engine` as the demo feed's pacing when given. Call it under the feed's owner.
    pub fn start(&self, demo_engine: Option<EngineConfig>) {
        let feed = *self;
        let started = self.hub.try_update_value(|h| {
            if std::mem::replace(&mut h.started, true) {
                return None;
            }
            if let Some(engine) = demo_engine {
                h.demo_engine = engine;
            }
            Some((h.config.clone(), h.demo_engine.clone()))
        });
        let Some(Some((config, engine))) = started else { return };
        if config.demo {
            use_demo_feed(UseDemoFeedOptions {
                engine,
                on_event: Box::new(move |envelope| feed.dispatch(&[Delivery::Alert(Box::new(envelope))])),
            });
        } else if let (Some(token), Some(origin)) = (&config.token, config.origin()) {
            self.link.set(Some(use_tau_link(UseTauLinkOptions {
                config: config.clone(),
                origin,
                token: token.clone(),
                on_deliveries: Box::new(move |deliveries| feed.dispatch(&deliveries)),
            })));
        }
    }

    /// Hands a batch to every subscriber (outside any borrow, so a subscriber may subscribe).
    fn dispatch(&self, batch: &[Delivery]) {
        let subscribers = self
            .hub
            .try_with_value(|h| h.subscribers.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>());
        for on_batch in subscribers.unwrap_or_default() {
            on_batch(batch);
        }
    }
}
