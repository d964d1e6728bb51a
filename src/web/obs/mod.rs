//! OBS browser-source integration, feature-detected through `window.obsstudio` (a normal
//! browser is unaffected): [`use_obs_integration`] pauses the alert queue while the source is
//! hidden, lets sound and speech through only while the source is on program output and this
//! copy is the elected sounder ([`use_sounder_election`]), and takes operator controls sent
//! through obs-websocket as a [`CONTROL_EVENT`] event.
//! ([OBS browser source JS bindings](https://github.com/obsproject/obs-browser#js-bindings))

mod election;

pub use election::{use_sounder_election, Election, CHANNEL};

use crate::engine::Control;
use crate::session::Role;
use crate::web::browser::page;
use crate::web::components::alert_box::{self, AlertEngineHandle};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The event name obs-websocket clients emit to control the overlay: `CallVendorRequest` to
/// vendor `obs-browser`, request `emit_event`, `{"event_name": "tau-overlay", "event_data":
/// {"control": "skip"}}` (obs-browser dispatches it as a `window` `CustomEvent` whose `detail`
/// is `event_data`). `control` is any name of the JS API `alert_control`, `arg` its argument.
pub const CONTROL_EVENT: &str = "tau-overlay";

/// What OBS said about this source (`None`: not yet, or not in OBS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObsSource {
    /// Shown in some scene on some view (`obsSourceVisibleChanged`).
    pub visible: Option<bool>,
    /// On program output (`obsSourceActiveChanged`).
    pub active: Option<bool>,
}

impl ObsSource {
    /// Whether this copy may play sound: not known to be hidden or off program output.
    pub fn may_sound(&self) -> bool {
        self.visible != Some(false) && self.active != Some(false)
    }
}

/// What [`use_obs_integration`] returns: `None` fields outside OBS.
#[derive(Clone, Copy, Debug)]
pub struct ObsIntegration {
    /// Visibility and program output of the source.
    pub source: Option<ReadSignal<ObsSource>>,
    /// This copy's place in the sounder election.
    pub election: Option<ReadSignal<Option<Election>>>,
}

/// Wires `alerts` to OBS (see the [module docs](self)) for as long as the current owner lives.
/// Outside OBS it does nothing and returns no signals.
pub fn use_obs_integration(alerts: AlertEngineHandle) -> ObsIntegration {
    if !page::in_obs() {
        return ObsIntegration {
            source: None,
            election: None,
        };
    }
    let source = RwSignal::new(ObsSource::default());
    let flag = |event: &web_sys::Event, key: &str| {
        js_sys::Reflect::get(event, &JsValue::from_str("detail"))
            .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str(key)))
            .ok()
            .and_then(|v| v.as_bool())
    };
    let visible = window_event_listener_untyped("obsSourceVisibleChanged", move |event| {
        if let Some(visible) = flag(&event, "visible") {
            source.try_update(|s| s.visible = Some(visible));
            alerts.control(Control::SetHidden(!visible));
        }
    });
    let active = window_event_listener_untyped("obsSourceActiveChanged", move |event| {
        if let Some(active) = flag(&event, "active") {
            source.try_update(|s| s.active = Some(active));
        }
    });
    let controls = window_event_listener_untyped(CONTROL_EVENT, move |event| {
        let detail = js_sys::Reflect::get(&event, &JsValue::from_str("detail")).unwrap_or(JsValue::UNDEFINED);
        let field = |key: &str| {
            let v = js_sys::Reflect::get(&detail, &JsValue::from_str(key)).ok()?;
            // A number (`"arg": 15`) as the browser writes it: no float formatting in the wasm.
            let number = v
                .dyn_ref::<js_sys::Number>()
                .and_then(|n| n.to_string_with_radix(10).ok());
            v.as_string().or_else(|| number.map(String::from))
        };
        let Some(name) = field("control") else {
            page::warn("obs: a tau-overlay event without a \"control\" name (ignored)");
            return;
        };
        if let Err(e) = alert_box::control(&name, field("arg").as_deref()) {
            page::warn(&format!("obs: {e}"));
        }
    });
    let eligible = Signal::derive(move || source.with(ObsSource::may_sound));
    let election = use_sounder_election(eligible);
    let media = alerts.media();
    Effect::new(move |_| {
        let on_program = source.with(|s| s.active) != Some(false) && source.with(|s| s.visible) != Some(false);
        let role = election.get().map(|e| e.role);
        let why = match (on_program, role) {
            (false, _) => Some("off program output"),
            (true, Some(Role::Standby | Role::Ineligible)) => Some("standby"),
            (true, Some(Role::Sounder) | None) => None,
        };
        media.set_gate(why);
    });
    on_cleanup(move || {
        visible.remove();
        active.remove();
        controls.remove();
    });
    ObsIntegration {
        source: Some(source.read_only()),
        election: Some(election),
    }
}
