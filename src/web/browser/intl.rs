//! Language-aware numbers and the browser's language, for the alert texts.

use crate::engine::{Lang, Number};
use js_sys::{Array, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// The browser's language (`navigator.language`), if it is one of the overlay's.
/// ([MDN](https://developer.mozilla.org/docs/Web/API/Navigator/language))
pub fn browser_lang() -> Option<Lang> {
    let tag = web_sys::window()?.navigator().language()?;
    Lang::from_tag(&tag)
}

/// Formats `number` for `lang` with `Intl.NumberFormat`: `1.000` in German, `1 000` in French,
/// donations with their currency (`15,00 $`). A [`crate::engine::FormatNumber`].
/// ([MDN](https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Intl/NumberFormat))
pub fn format_number(lang: Lang, number: Number<'_>) -> String {
    let options = Object::new();
    let value = match number {
        Number::Count(n) => n as f64,
        Number::Money(money) => {
            let code: String = money.currency.chars().filter(char::is_ascii_alphabetic).collect();
            // Intl throws on a malformed currency code: show those as the plain text.
            if code.len() != 3 {
                return money.text();
            }
            let _ = Reflect::set(&options, &"style".into(), &"currency".into());
            let _ = Reflect::set(&options, &"currency".into(), &code.to_ascii_uppercase().into());
            money.value as f64 / 10f64.powi(i32::from(money.decimal_places.min(18)))
        }
    };
    let locales = Array::of1(&JsValue::from_str(lang.tag()));
    let format: Function = Intl::NumberFormat::new(&locales, &options).format();
    format
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| crate::engine::plain_number(lang, number))
}
