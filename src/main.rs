//! The standalone OBS overlay: mounts [`tau_overlay::Overlay`] on the page body and exposes a
//! small JS API on `window.wasmBindings` (Trunk's loader puts the exports there).

#[cfg(target_arch = "wasm32")]
fn main() {
    // A page that embeds widgets (www/tau-elements.js sets the flag before loading the bundle)
    // mounts them itself; the overlay page lives as long as the browser source, so keeping its
    // mount forever is intended.
    let embedding = js_sys::Reflect::get(&js_sys::global(), &"__TAU_EMBED__".into()).is_ok_and(|v| v.is_truthy());
    if !embedding {
        tau_overlay::mount_overlay().forget();
    }
}

/// JS API: mounts the widgets `options` chooses into `element` and returns a [`MountHandle`].
///
/// ```js
/// const handle = window.wasmBindings.mount(document.getElementById("box"), {
///   tau: "localhost:8000", token: myToken, widgets: "alerts,events", events_max: 5,
/// });
/// handle.on("channel-follow", (e) => console.log(e.user, "followed"));
/// handle.unmount(); // no listener, timer or socket of it is left
/// ```
///
/// `options` has the URL fragment's keys (README "Pointing the overlay at TAU"); `true` is a
/// bare flag. Mounts with the same `tau` and `token` share one events socket. A value that is
/// not a string, number or boolean throws an `Error`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(element: web_sys::Element, options: wasm_bindgen::JsValue) -> Result<MountHandle, wasm_bindgen::JsValue> {
    let parsed = tau_overlay::web::embed::options_from_js(&options, "").map_err(|e| js_error(&e))?;
    Ok(MountHandle(Some(tau_overlay::web::embed::mount(
        element,
        parsed.into(),
    ))))
}

/// JS API for the custom elements (`www/tau-elements.js`): [`mount`] over the settings of the
/// page's own URL fragment, which the first call reads and scrubs of the token (as the overlay
/// page does), so a token may come from the page's fragment instead of a JS property.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_element(
    element: web_sys::Element,
    options: wasm_bindgen::JsValue,
) -> Result<MountHandle, wasm_bindgen::JsValue> {
    thread_local! {
        // The raw fragment (kept in memory only), read before `take_config` scrubs the address.
        static PAGE: String = {
            let raw = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            tau_overlay::web::browser::page::take_config();
            raw
        };
    }
    let base = PAGE.with(Clone::clone);
    let parsed = tau_overlay::web::embed::options_from_js(&options, &base).map_err(|e| js_error(&e))?;
    Ok(MountHandle(Some(tau_overlay::web::embed::mount(
        element,
        parsed.into(),
    ))))
}

/// What [`mount`] returns to JavaScript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub struct MountHandle(Option<tau_overlay::web::embed::Mounted>);

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
impl MountHandle {
    /// Removes the widgets; their listeners, timers and fetches end, and the events socket
    /// closes when no other mount shares it. Later calls do nothing.
    pub fn unmount(&mut self) {
        self.0.take();
    }

    /// Calls `callback(event)` for each TAU event of type `event` (`"*"` for all), as a plain
    /// object `{type, id, event_id, source, origin, created, user}`, until `unmount()`.
    pub fn on(&self, event: &str, callback: js_sys::Function) {
        if let Some(mounted) = &self.0 {
            mounted.on(event, move |e| {
                let _ = callback.call1(&wasm_bindgen::JsValue::UNDEFINED, e);
            });
        }
    }
}

/// JS API: says `message` in `channel` through the overlay's chat-bot link (`chat=<login>`).
///
/// ```js
/// window.wasmBindings.chat_say("mychannel", "Thanks for the raid!");
/// ```
///
/// CR, LF and control characters are stripped, messages over 500 characters are split, at most
/// 20 messages go out per 30 s, and an exact repeat within 30 s is refused. Chat commands
/// (`/ban x`, `.timeout x 600`: a leading `/` or `.`) are refused too, unless the overlay URL has
/// `chat_commands` in its fragment. A refused message throws an `Error` whose message is the
/// [`SayError`](tau_overlay::web::components::chat::SayError) text.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn chat_say(channel: &str, message: &str) -> Result<(), wasm_bindgen::JsValue> {
    tau_overlay::web::components::chat::say(channel, message).map_err(|e| js_error(&e))
}

/// JS API: operator controls for the alert queue.
///
/// ```js
/// window.wasmBindings.alert_control("pause");        // finish the current alert, start no new one
/// window.wasmBindings.alert_control("resume");
/// window.wasmBindings.alert_control("skip");         // end the alert on screen now
/// window.wasmBindings.alert_control("replay");       // the last alert again
/// window.wasmBindings.alert_control("replay", id);   // the alert of this TAU event id again
/// window.wasmBindings.alert_control("clear");        // drop everything queued
/// window.wasmBindings.alert_control("panic", "15");  // drop queued follows, mute follows 15 min
/// window.wasmBindings.alert_control("unmute");
/// window.wasmBindings.alert_control("delay", "2.5"); // hold alerts back 2.5 s (stream delay)
/// window.wasmBindings.alert_control("interrupt", "on");
/// window.wasmBindings.alert_control("mute");         // alerts show without sound or speech
/// window.wasmBindings.alert_control("mute", "off");
/// ```
///
/// Inside OBS the same controls arrive as a `tau-overlay` event sent through obs-websocket
/// (`CallVendorRequest` to `obs-browser`, `emit_event`, `event_data` `{"control": "skip"}`):
/// see the README's OBS section.
///
/// An unknown control, a bad number or no mounted overlay throws an `Error` whose message is
/// the [`ControlError`](tau_overlay::web::components::alert_box::ControlError) text.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn alert_control(name: &str, arg: Option<String>) -> Result<(), wasm_bindgen::JsValue> {
    tau_overlay::web::components::alert_box::control(name, arg.as_deref()).map_err(|e| js_error(&e))
}

/// The JS `Error` an API call throws for `error`.
#[cfg(target_arch = "wasm32")]
fn js_error(error: &dyn std::error::Error) -> wasm_bindgen::JsValue {
    js_sys::Error::new(&error.to_string()).into()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tau-overlay is a browser app: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
