//! The browser's JSON backend for [`crate::tau::wire`]: the browser's own `JSON.parse` and
//! `JSON.stringify` (js-sys), crossing into Rust with serde-wasm-bindgen, so no JSON parser or
//! writer is compiled into the wasm. ([MDN](https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/JSON))

use crate::tau::wire::Json;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// The browser's parsed JSON: what `JSON.parse` returned.
pub type Document = JsValue;

/// `JSON.parse`, then `serde_wasm_bindgen::from_value`.
pub(crate) fn parse(text: &str) -> Result<Value, String> {
    from_js(parse_document(text)?)
}

/// `JSON.parse`; the error is its message.
pub(crate) fn parse_document(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| {
        js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_else(|| "not JSON".into())
    })
}

/// `JSON.parse`'s output, read with `js_sys::Reflect` and `serde_wasm_bindgen`.
impl Json for JsValue {
    fn is_object(&self) -> bool {
        self.is_object() && !js_sys::Array::is_array(self)
    }

    fn member(&self, key: &str) -> Option<JsValue> {
        let key = JsValue::from_str(key);
        let object = Json::is_object(self).then_some(self)?;
        js_sys::Reflect::has(object, &key)
            .unwrap_or(false)
            .then(|| js_sys::Reflect::get(object, &key).ok())?
    }

    fn elements(&self) -> Option<Vec<JsValue>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).to_vec())
    }

    fn decode<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        serde_wasm_bindgen::from_value(self.clone()).map_err(|e| e.to_string())
    }

    fn into_value(self) -> Value {
        from_js(self).unwrap_or(Value::Null)
    }

    fn with_keys_moved(&self, moves: &[(&str, &str)]) -> JsValue {
        if !Json::is_object(self) {
            return self.clone();
        }
        let copy = js_sys::Object::assign(&js_sys::Object::new(), self.unchecked_ref());
        for (from, to) in moves {
            let (from, to) = (JsValue::from_str(from), JsValue::from_str(to));
            if let Ok(true) = js_sys::Reflect::has(&copy, &from) {
                let value = js_sys::Reflect::get(&copy, &from).unwrap_or(JsValue::NULL);
                let _ = js_sys::Reflect::delete_property(&copy, &from);
                if !js_sys::Reflect::has(&copy, &to).unwrap_or(false) {
                    let _ = js_sys::Reflect::set(&copy, &to, &value);
                }
            }
        }
        copy.into()
    }
}

/// A value the browser parsed (or built) as a [`Value`].
pub fn from_js(value: JsValue) -> Result<Value, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// `serde_wasm_bindgen::to_value` (plain objects, not `Map`s), then `JSON.stringify`.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .ok()
        .and_then(|js| js_sys::JSON::stringify(&js).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}
