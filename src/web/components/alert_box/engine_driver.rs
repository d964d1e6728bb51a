//! The browser driver of the pure alert [`Engine`]: one timer for all its deadlines, one signal
//! update per batch of actions.

use super::media::MediaHandle;
use crate::engine::{
    AlertInput, AlertView, Control, Engine, EngineAction, EngineConfig, FontConfig, Layout, Phase, Snapshot, ViewerText,
};
use crate::tau::protocol::Envelope;
use crate::text::{CheermoteSet, Normalize, WordFilter};
use crate::util::alarm::Alarm;
use crate::web::browser::{intl, page, theme, timer};
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
    /// Built from the config's `word_filter` with the browser's NFKC.
    filter: WordFilter,
    /// Cheermotes recognised in cheer messages (colours; images come from Helix at render).
    cheermotes: CheermoteSet,
    /// Re-armed only when the engine's next deadline moves earlier.
    alarm: Alarm<Timeout>,
    /// This engine's number in `FONT_OWNER`.
    font_owner: u64,
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
    layout: RwSignal<Option<Layout>>,
}

/// What [`use_alert_engine`] returns: the engine's handle.
pub type UseAlertEngineReturn = AlertEngineHandle;

/// Creates an alert engine owned by the current reactive owner.
pub fn use_alert_engine(options: UseAlertEngineOptions) -> UseAlertEngineReturn {
    let media = MediaHandle::new(&options.config);
    let filter = WordFilter::new(&options.config.word_filter, &BrowserNfkc);
    let layout = options.config.layout;
    // The configured font is the page's (chat and notices too); loading it never waits.
    let font_owner = FONT_OWNER.with(|o| {
        o.set(o.get() + 1);
        o.get()
    });
    apply_font(font_owner, options.config.font.as_ref());
    // Cleanups run late: one from an engine unmounted before this one was made does nothing.
    on_cleanup(move || apply_font(font_owner, None));
    let engine = Engine::new(options.config, page::random_seed()).with_number_format(intl::format_number);
    AlertEngineHandle {
        driver: StoredValue::new_local(Driver {
            engine,
            filter,
            cheermotes: CheermoteSet::builtin(),
            alarm: Alarm::default(),
            font_owner,
        }),
        shown: RwSignal::new(Vec::new()),
        snapshot: RwSignal::new(None),
        media,
        layout: RwSignal::new(layout),
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

    /// The configured layout (`layout`), over the theme's; `None` keeps the theme's.
    pub fn layout(&self) -> ReadSignal<Option<Layout>> {
        self.layout.read_only()
    }

    /// The media player: sounds, videos and speech of the alerts, and their diagnostics.
    pub fn media(&self) -> MediaHandle {
        self.media
    }

    /// Replaces the engine with one built from `config` (used once the config file has loaded,
    /// before any event arrives).
    pub fn reconfigure(&self, config: EngineConfig) {
        self.media.reconfigure(&config);
        self.layout.try_set(config.layout);
        if let Some(owner) = self.driver.try_with_value(|d| d.font_owner) {
            apply_font(owner, config.font.as_ref());
        }
        self.driver.try_update_value(|d| {
            d.filter = WordFilter::new(&config.word_filter, &BrowserNfkc);
            d.engine = Engine::new(config, page::random_seed()).with_number_format(intl::format_number);
            d.alarm = Alarm::default();
        });
    }

    /// Feeds one TAU event; events that make no alert are ignored.
    pub fn push_envelope(&self, envelope: &Envelope) {
        self.push_all(AlertInput::from_envelope(envelope));
    }

    /// Feeds one alert input (its viewer text is cleaned and word-filtered first, as for
    /// [`AlertEngineHandle::push_envelope`]).
    pub fn push(&self, input: AlertInput) {
        self.push_all(Some(input));
    }

    /// Feeds a batch of inputs at once, so the engine picks the highest priority among them.
    pub fn push_all(&self, inputs: impl IntoIterator<Item = AlertInput>) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| {
            for mut input in inputs {
                input.apply_viewer_text(&ViewerText {
                    filter: &d.filter,
                    nfkc: &BrowserNfkc,
                    cheermotes: &d.cheermotes,
                });
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

thread_local! {
    /// The engine whose `font` the page shows (the last one made).
    static FONT_OWNER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Makes the config file's `font` the page's (see [`theme::apply_font`]) when the engine `owner`
/// is the last one made; a failure is logged and the theme's fonts stay.
fn apply_font(owner: u64, font: Option<&FontConfig>) {
    if FONT_OWNER.with(|o| o.get()) != owner {
        return;
    }
    if let Err(e) = theme::apply_font(font) {
        page::warn(&format!("font: {e}"));
    }
}

/// Unicode NFKC and lower case by the browser, for the word filter: the wasm carries no Unicode
/// normalisation or case tables. [`String.prototype.normalize`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String/normalize),
/// [`String.prototype.toLowerCase`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/String/toLowerCase).
struct BrowserNfkc;

impl Normalize for BrowserNfkc {
    fn nfkc(&self, text: &str) -> String {
        String::from(js_sys::JsString::from(text).normalize("NFKC"))
    }

    fn nfkc_lower(&self, text: &str) -> String {
        String::from(js_sys::JsString::from(text).normalize("NFKC").to_lower_case())
    }
}
