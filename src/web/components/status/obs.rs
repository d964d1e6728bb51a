//! Where OBS shows this browser source, from the `obsstudio` page API: whether the source is on
//! program output (`obsSourceActiveChanged`) and whether any output that viewers could see
//! runs (`obsstudio.getStatus`, the `obs*Starting` / `obs*Stopped` events).
//! ([OBS browser source JS bindings](https://github.com/obsproject/obs-browser#js-bindings))

use core::time::Duration;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long after load the setup notice shows while OBS has not yet said whether the source is
/// on program output (OBS only reports changes, not the state at load).
pub const STARTUP_NOTICE: Duration = Duration::from_secs(10);

/// What the page knows about where OBS shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObsView {
    /// On program output (`true`) or not, from the last `obsSourceActiveChanged`; `None` before
    /// the first one.
    pub active: Option<bool>,
    /// Whether streaming, recording, the replay buffer or the virtual camera runs; `None` while
    /// unknown (no `getStatus`, or no permission to call it).
    pub outputs_live: Option<bool>,
    /// Still within [`STARTUP_NOTICE`] of the page load.
    pub starting: bool,
}

impl ObsView {
    /// Whether the streamer-only setup notice may show: while the source is known to be off
    /// program output, or in the first seconds while that is unknown and no output runs.
    /// Never while the source is known to be on program output.
    pub fn notice_visible(&self) -> bool {
        match self.active {
            Some(active) => !active,
            None => self.starting && self.outputs_live != Some(true),
        }
    }
}

/// Output events after which OBS may be sending frames to viewers.
const STARTING: [&str; 4] = [
    "obsStreamingStarting",
    "obsRecordingStarting",
    "obsReplaybufferStarting",
    "obsVirtualcamStarted",
];
/// Output events after which the output state is asked again.
const STOPPED: [&str; 4] = [
    "obsStreamingStopped",
    "obsRecordingStopped",
    "obsReplaybufferStopped",
    "obsVirtualcamStopped",
];

/// Follows where OBS shows this page, for as long as the current owner lives (listeners,
/// the startup timer and the `getStatus` callback are released on cleanup).
pub fn use_obs_view() -> ReadSignal<ObsView> {
    let view = RwSignal::new(ObsView {
        starting: true,
        ..ObsView::default()
    });
    let startup = set_timeout_with_handle(
        move || {
            view.try_update(|v| v.starting = false);
        },
        STARTUP_NOTICE,
    )
    .ok();
    let on_status = Closure::<dyn FnMut(JsValue)>::new(move |status: JsValue| {
        let on = |key: &str| {
            js_sys::Reflect::get(&status, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        };
        let live = ["streaming", "recording", "replaybuffer", "virtualcam"]
            .into_iter()
            .any(on);
        view.try_update(|v| v.outputs_live = Some(live));
    });
    let on_status = StoredValue::new_local(on_status);
    let ask_status = move || {
        on_status.with_value(|cb| {
            let obs = js_sys::Reflect::get(&window(), &JsValue::from_str("obsstudio")).ok();
            let get = obs
                .as_ref()
                .and_then(|o| js_sys::Reflect::get(o, &JsValue::from_str("getStatus")).ok())
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            if let (Some(obs), Some(get)) = (obs, get) {
                let _ = get.call1(&obs, cb.as_ref());
            }
        });
    };
    ask_status();
    let mut listeners = vec![window_event_listener_untyped("obsSourceActiveChanged", move |event| {
        let active = js_sys::Reflect::get(&event, &JsValue::from_str("detail"))
            .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str("active")))
            .ok()
            .and_then(|a| a.as_bool());
        if let Some(active) = active {
            view.try_update(|v| v.active = Some(active));
        }
    })];
    listeners.extend(STARTING.into_iter().map(|name| {
        window_event_listener_untyped(name, move |_| {
            view.try_update(|v| v.outputs_live = Some(true));
        })
    }));
    listeners.extend(
        STOPPED
            .into_iter()
            .map(|name| window_event_listener_untyped(name, move |_| ask_status())),
    );
    on_cleanup(move || {
        listeners.into_iter().for_each(|l| l.remove());
        if let Some(t) = startup {
            t.clear();
        }
    });
    view.read_only()
}
