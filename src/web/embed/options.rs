//! The JS side of [`mount`](super::mount): an options object read onto the URL fragment's
//! settings, and the plain JS objects [`Mounted::on`](super::Mounted::on) hands out.

use crate::settings::{parse_fragment, ParsedFragment};
use crate::tau::backfill::Delivery;
use crate::tau::protocol::Origin;
use js_sys::{Object, Reflect};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;

/// Why a JS options object was refused (`mount` throws the message).
#[derive(Debug, thiserror::Error)]
pub enum OptionsError {
    /// Not an object of strings, numbers and booleans: pass e.g. `{ demo: true, widgets: "events" }`.
    #[error("mount options: {0}")]
    NotSettings(String),
}

/// One option's value.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Value {
    Flag(bool),
    Text(String),
    Number(f64),
}

/// Reads a JS object whose keys are the URL fragment's (`{ tau: "localhost:8000", token,
/// widgets: "alerts,events", events_max: 5, demo: true }`) over the settings of the fragment
/// `base` (`""` for none): `true` is a bare flag, `false`, `null` and `undefined` leave a key out.
/// `undefined` or `null` options read as none.
pub fn options_from_js(options: &JsValue, base: &str) -> Result<ParsedFragment, OptionsError> {
    let map: BTreeMap<String, Option<Value>> = if options.is_undefined() || options.is_null() {
        BTreeMap::new()
    } else {
        serde_wasm_bindgen::from_value(options.clone()).map_err(|e| OptionsError::NotSettings(e.to_string()))?
    };
    let mut fragment = base.strip_prefix('#').unwrap_or(base).to_owned();
    for (key, value) in map {
        let value = match value {
            None | Some(Value::Flag(false)) => continue,
            Some(Value::Flag(true)) => None,
            Some(Value::Text(text)) => Some(text),
            // The browser's number formatting: no float formatter in the wasm.
            Some(Value::Number(n)) => Some(String::from(
                js_sys::Number::from(n).to_string_with_radix(10).unwrap_or_default(),
            )),
        };
        if !fragment.is_empty() {
            fragment.push('&');
        }
        fragment.extend(utf8_percent_encode(&key, NON_ALPHANUMERIC));
        if let Some(value) = value {
            fragment.push('=');
            fragment.extend(utf8_percent_encode(&value, NON_ALPHANUMERIC));
        }
    }
    Ok(parse_fragment(&fragment))
}

/// The JS object for `delivery` when `event` names it (see [`Mounted::on`](super::Mounted::on)).
pub(super) fn event_object(delivery: &Delivery, event: &str) -> Option<JsValue> {
    if !super::matches(delivery, event) {
        return None;
    }
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&object, &key.into(), &value);
    };
    let text = |value: Option<&str>| value.map_or(JsValue::NULL, JsValue::from);
    match delivery {
        Delivery::Alert(e) => {
            set("type", e.event_type.as_str().into());
            set("id", text(e.id.as_deref()));
            set("event_id", text(e.event_id.as_deref()));
            set("source", e.event_source.as_str().into());
            let origin = match &e.origin {
                Origin::Twitch => "twitch",
                Origin::Test => "test",
                Origin::Replay => "replay",
                Origin::Other(other) => other,
            };
            set("origin", origin.into());
            set("created", e.created_raw.as_str().into());
            set("user", text(e.event.user_display()));
        }
        Delivery::Summary(summary) => {
            set("type", "offline-summary".into());
            set("text", summary.text().into());
        }
    }
    Some(object.into())
}
