//! Media, sound and text-to-speech in headless Chromium, in a page of their own: these tests
//! stub browser globals (`play`, `AudioContext.prototype.resume`, `speechSynthesis`) and share the
//! page's audio, so no other component test may run beside them.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/support.rs"]
mod support;
use support::{attr, sleep, test_root, texts};

#[path = "browser/media.rs"]
mod media;
