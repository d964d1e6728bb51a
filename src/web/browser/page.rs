//! Page-level browser APIs: the URL fragment, the clock, OBS detection, logging.

use crate::settings::{parse_fragment, ParsedFragment};
use crate::util::clock::Instant;
use wasm_bindgen::JsValue;

/// Reads the configuration from `location.hash` and immediately replaces the address with one
/// that no longer contains the token in any spelling (`token=`, `TOKEN=`, `%74oken=`,
/// `token%3D…`) nor anything else that looks like a secret (`history.replaceState`, so no history
/// entry keeps it). ([MDN](https://developer.mozilla.org/docs/Web/API/History/replaceState))
pub fn take_config() -> ParsedFragment {
    let Some(window) = web_sys::window() else {
        return parse_fragment("");
    };
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    let parsed = parse_fragment(&hash);
    // Whatever the parser kept is what may stay; anything else is rewritten, not only a literal
    // `token`, which misses `%74oken=` and `TOKEN=`.
    if parsed.scrubbed != hash {
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        let clean = format!("{path}{search}{}", parsed.scrubbed);
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
        }
    }
    parsed
}

/// Monotonic milliseconds (`performance.now()`).
/// ([MDN](https://developer.mozilla.org/docs/Web/API/Performance/now))
pub fn now() -> Instant {
    let ms = web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0);
    Instant(ms.max(0.0) as u64)
}

/// Wall-clock time (`Date.now()`), for comparing with TAU's `created` timestamps.
pub fn wall_now() -> crate::tau::protocol::UnixMillis {
    crate::tau::protocol::UnixMillis(js_sys::Date::now() as i64)
}

/// A random seed for jitter (`Math.random`).
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * (u64::MAX as f64)) as u64 ^ now().as_millis()
}

/// True inside an OBS browser source (OBS defines `window.obsstudio`).
pub fn in_obs() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("obsstudio")).ok())
        .is_some_and(|v| !v.is_undefined())
}

/// Logs a warning to the console. Callers never pass the token.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(message));
}
