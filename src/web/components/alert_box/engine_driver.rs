//! The browser driver of the pure alert [`Engine`]: one timer for all its deadlines, one signal
//! update per batch of actions.

use super::media::MediaHandle;
use crate::engine::{AlertInput, AlertView, Control, Engine, EngineAction, EngineConfig, Phase, Snapshot};
use crate::tau::protocol::Envelope;
use crate::util::alarm::Alarm;
use crate::web::browser::{page, timer};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// An alert on screen and its phase.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownAlert {
    /// The alert.
    pub view: AlertView,
    /// `shown` or `exiting`.
    pub phase: Phase,
}

/// Options for [`use_alert_engine`].
#[derive(Clone, Debug, Default)]
pub struct UseAlertEngineOptions {
    /// Durations, priorities, budgets, variations (see the README's config file format).
    pub config: EngineConfig,
}

struct Driver {
    engine: Engine,
    /// Re-armed only when the engine's next deadline moves earlier.
    alarm: Alarm<Timeout>,
}

/// A handle to an alert engine owned by the current component; `Copy`, cheap to pass around.
/// Everything it owns (engine, timer) is released when that component is unmounted, and calls
/// after that are no-ops.
#[derive(Clone, Copy)]
pub struct AlertEngineHandle {
    driver: StoredValue<Driver, LocalStorage>,
    shown: RwSignal<Vec<ShownAlert>>,
    snapshot: RwSignal<Option<Snapshot>>,
    media: MediaHandle,
}

/// What [`use_alert_engine`] returns: the engine's handle.
pub type UseAlertEngineReturn = AlertEngineHandle;

/// Creates an alert engine owned by the current reactive owner.
pub fn use_alert_engine(options: UseAlertEngineOptions) -> UseAlertEngineReturn {
    let media = MediaHandle::new(&options.config);
    let engine = Engine::new(options.config, page::random_seed());
    AlertEngineHandle {
        driver: StoredValue::new_local(Driver {
            engine,
            alarm: Alarm::default(),
        }),
        shown: RwSignal::new(Vec::new()),
        snapshot: RwSignal::new(None),
        media,
    }
}

impl AlertEngineHandle {
    /// The alerts on screen (the current one, and one still leaving).
    pub fn shown(&self) -> ReadSignal<Vec<ShownAlert>> {
        self.shown.read_only()
    }

    /// Queue depth and counters, refreshed after every change.
    pub fn snapshot(&self) -> ReadSignal<Option<Snapshot>> {
        self.snapshot.read_only()
    }

    /// The media player: sounds, videos and speech of the alerts, and their diagnostics.
    pub fn media(&self) -> MediaHandle {
        self.media
    }

    /// Replaces the engine with one built from `config` (used once the config file has loaded,
    /// before any event arrives).
    pub fn reconfigure(&self, config: EngineConfig) {
        self.media.reconfigure(&config);
        self.driver.try_update_value(|d| {
            d.engine = Engine::new(config, page::random_seed());
            d.alarm = Alarm::default();
        });
    }

    /// Feeds one TAU event; events that make no alert are ignored.
    pub fn push_envelope(&self, envelope: &Envelope) {
        self.push_all(AlertInput::from_envelope(envelope));
    }

    /// Feeds one alert input.
    pub fn push(&self, input: AlertInput) {
        self.push_all(Some(input));
    }

    /// Feeds a batch of inputs at once, so the engine picks the highest priority among them.
    pub fn push_all(&self, inputs: impl IntoIterator<Item = AlertInput>) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| {
            for input in inputs {
                d.engine.push(input, now);
            }
            d.engine.poll(now)
        }) {
            self.apply(actions);
        }
    }

    /// Pause, skip, replay, … (see [`Control`]).
    pub fn control(&self, control: Control) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| d.engine.control(control, now)) {
            self.apply(actions);
        }
    }

    fn pump(&self) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| d.engine.poll(now)) {
            self.apply(actions);
        }
    }

    fn apply(&self, actions: Vec<EngineAction>) {
        // Media follows the screen: sound starts with Show, and stops at the deadline.
        for action in &actions {
            match action {
                EngineAction::Show(view) => self.media.show(*self, view),
                EngineAction::Exit(key) | EngineAction::Remove(key) => self.media.stop(*key),
            }
        }
        if !actions.is_empty() {
            self.shown.try_update(|shown| {
                for action in actions {
                    match action {
                        EngineAction::Show(view) => shown.push(ShownAlert {
                            view: *view,
                            phase: Phase::Shown,
                        }),
                        EngineAction::Exit(key) => shown
                            .iter_mut()
                            .filter(|s| s.view.key == key)
                            .for_each(|s| s.phase = Phase::Exiting),
                        EngineAction::Remove(key) => shown.retain(|s| s.view.key != key),
                    }
                }
            });
        }
        let handle = *self;
        let now = page::now();
        let snapshot = self.driver.try_update_value(|d| {
            timer::rearm(&mut d.alarm, d.engine.next_deadline(), now, move || {
                handle.driver.try_update_value(|d| d.alarm.fired());
                handle.pump();
            });
            d.engine.debug_snapshot(now)
        });
        if let Some(snapshot) = snapshot {
            self.snapshot.try_set(Some(snapshot));
        }
    }
}
