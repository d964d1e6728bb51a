//! The standalone OBS overlay: mounts [`tau_overlay::Overlay`] on the page body and exposes a
//! small JS API on `window.wasmBindings` (Trunk's loader puts the exports there).

#[cfg(target_arch = "wasm32")]
fn main() {
    // The page lives as long as the browser source: keeping the mount forever is intended.
    tau_overlay::mount_overlay().forget();
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
