//! `localStorage`, failing soft: a browser source without storage simply forgets.
//! ([MDN](https://developer.mozilla.org/docs/Web/API/Window/localStorage))

/// The stored value of `key`, if any.
pub fn get(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Stores `value` under `key`; errors (quota, private mode) are ignored.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(key, value);
    }
}
