//! JSON text in and out, one way per platform.
//!
//! In the browser the text goes through the browser's own `JSON.parse` and `JSON.stringify`
//! (js-sys) and crosses into Rust with `serde-wasm-bindgen`, so no JSON parser or writer is
//! compiled into the wasm bundle. On the host (tests, the fake TAU, benches) the same functions
//! use `serde_json`. Every typed decoder in the crate is a `#[derive(Deserialize)]`, so the
//! native tests exercise the very `Deserialize` impls the overlay runs.
//!
//! Event frames and REST pages are read as a [`Json`] document ([`parse_document`]): a
//! [`serde_json::Value`] on the host, the `JsValue` that `JSON.parse` returned in the browser, so
//! the browser decodes each payload straight from the JS object, with no `Value` in between
//! (building the `Value` first, then decoding every payload from it, cost ~10 KiB of gzipped
//! wasm).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// An already-parsed JSON document, read member by member so each part is decoded as its type
/// once the type is known (an envelope's `event_data` once `event_type` is read).
pub trait Json: Sized {
    /// True for a JSON object (not an array, not `null`).
    fn is_object(&self) -> bool;
    /// Member `key` of an object (`null` included); `None` when absent or not an object.
    fn member(&self, key: &str) -> Option<Self>;
    /// The elements of an array; `None` when not an array.
    fn elements(&self) -> Option<Vec<Self>>;
    /// Decodes the document as `T` (its derived `Deserialize`); the error says why it misfits.
    fn decode<T: DeserializeOwned>(&self) -> Result<T, String>;
    /// The document as a [`Value`], verbatim (for payloads kept raw).
    fn into_value(self) -> Value;
    /// A copy of this object with each `(from, to)` key moved to `to`, unless `to` is present
    /// (then `from` is dropped). Anything else is returned unchanged.
    fn with_keys_moved(&self, moves: &[(&str, &str)]) -> Self;
}

impl Json for Value {
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }

    fn member(&self, key: &str) -> Option<Value> {
        self.as_object()?.get(key).cloned()
    }

    fn elements(&self) -> Option<Vec<Value>> {
        self.as_array().cloned()
    }

    fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        T::deserialize(self).map_err(|e| e.to_string())
    }

    fn into_value(self) -> Value {
        self
    }

    fn with_keys_moved(&self, moves: &[(&str, &str)]) -> Value {
        let mut data = self.clone();
        if let Value::Object(map) = &mut data {
            for (from, to) in moves {
                if let Some(value) = map.remove(*from) {
                    map.entry(*to).or_insert(value);
                }
            }
        }
        data
    }
}

/// The platform's parsed JSON: the browser's `JsValue`, or a [`Value`] on the host.
#[cfg(target_arch = "wasm32")]
pub type Document = platform::Document;
/// The platform's parsed JSON: the browser's `JsValue`, or a [`Value`] on the host.
#[cfg(not(target_arch = "wasm32"))]
pub type Document = Value;

/// Parses one JSON text into the platform's [`Document`] (`JSON.parse`, or `serde_json`).
pub fn parse_document(text: &str) -> Result<Document, String> {
    platform::parse_document(text)
}

/// Parses one JSON text into a [`Value`]; the error says why the text is not JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    platform::parse(text)
}

/// Parses one JSON text into `T` (through [`parse`] and `T`'s derived `Deserialize`).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    T::deserialize(&parse(text)?).map_err(|e| e.to_string())
}

/// `value` as compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    platform::to_string(value)
}

/// In the browser the JSON backend is the browser's own, so it lives in the shell
/// (`src/web/browser/json.rs`: `JSON.parse`, `JSON.stringify`, serde-wasm-bindgen): the one
/// place where this pure module reaches the shell, and it names no browser crate itself.
#[cfg(target_arch = "wasm32")]
use crate::web::browser::json as platform;

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use serde::Serialize;
    use serde_json::Value;

    /// `serde_json::from_str`.
    pub(super) fn parse(text: &str) -> Result<Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// [`parse`], as the host's document.
    pub(super) fn parse_document(text: &str) -> Result<Value, String> {
        parse(text)
    }

    /// `serde_json::to_string`.
    pub(super) fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }
}
