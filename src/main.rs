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
/// 20 messages go out per 30 s, and an exact repeat within 30 s is refused (the call throws).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn chat_say(channel: &str, message: &str) -> Result<(), wasm_bindgen::JsValue> {
    tau_overlay::components::chat::say(channel, message).map_err(|e| wasm_bindgen::JsValue::from_str(&e))
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tau-overlay is a browser app: build it with `trunk build` (see README.md).");
    std::process::exit(2);
}
