//! JSON text in and out, one way per platform.
//!
//! In the browser the text goes through the browser's own `JSON.parse` and `JSON.stringify`
//! (js-sys) and crosses into Rust with `serde-wasm-bindgen`, so no JSON parser or writer is
//! compiled into the wasm bundle. On the host (tests, the fake TAU, benches) the same functions
//! use `serde_json`. Either way the result is a [`serde_json::Value`] (or a derived type), and
//! every typed decoder in the crate is a `#[derive(Deserialize)]` read from that value, so the
//! native tests exercise the very `Deserialize` impls the overlay runs.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Parses one JSON text into a [`Value`]; the error says why the text is not JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    platform::parse(text)
}

/// Parses one JSON text into `T` (through [`parse`] and `T`'s derived `Deserialize`).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    T::deserialize(parse(text)?).map_err(|e| e.to_string())
}

/// `value` as compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    platform::to_string(value)
}

#[cfg(target_arch = "wasm32")]
mod platform {
    use serde::Serialize;
    use serde_json::Value;
    use wasm_bindgen::JsValue;

    /// `JSON.parse`, then `serde_wasm_bindgen::from_value`.
    pub(super) fn parse(text: &str) -> Result<Value, String> {
        let parsed = js_sys::JSON::parse(text).map_err(|e| {
            js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "not JSON".into())
        })?;
        from_js(parsed)
    }

    /// A value the browser parsed (or built) as a [`Value`].
    pub(super) fn from_js(value: JsValue) -> Result<Value, String> {
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }

    /// `serde_wasm_bindgen::to_value` (plain objects, not `Map`s), then `JSON.stringify`.
    pub(super) fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        value
            .serialize(&serializer)
            .ok()
            .and_then(|js| js_sys::JSON::stringify(&js).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use serde::Serialize;
    use serde_json::Value;

    /// `serde_json::from_str`.
    pub(super) fn parse(text: &str) -> Result<Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// `serde_json::to_string`.
    pub(super) fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }
}

/// Decodes a value the browser already holds (e.g. `JSON.parse`d elsewhere) as a [`Value`].
#[cfg(target_arch = "wasm32")]
pub fn from_js(value: wasm_bindgen::JsValue) -> Result<Value, String> {
    platform::from_js(value)
}
