//! Helpers shared by the browser test files (each file runs in a page of its own).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A fresh `<div>` appended to `<body>`, to mount a component into.
pub fn test_root() -> web_sys::HtmlElement {
    let doc = document();
    let root = doc
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

/// Waits `ms` milliseconds (a `setTimeout`).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Text content of every element matching `css` under `root`.
pub fn texts(root: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// Attribute `name` of the first element matching `css` under `root`.
pub fn attr(root: &web_sys::HtmlElement, css: &str, name: &str) -> Option<String> {
    root.query_selector(css).unwrap().and_then(|e| e.get_attribute(name))
}
