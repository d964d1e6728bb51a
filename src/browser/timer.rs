//! A one-shot `setTimeout` owned by a value: dropping the [`Timer`] cancels it.
//! ([MDN](https://developer.mozilla.org/docs/Web/API/Window/setTimeout))

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A pending timeout. Drop it to cancel.
pub struct Timer {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    /// Calls `f` once after `delay_ms` (clamped to the browser's range). `None` without a window.
    pub fn once(delay_ms: u64, f: impl FnOnce() + 'static) -> Option<Timer> {
        Timer::once_boxed(delay_ms, Box::new(f))
    }

    /// [`once`](Self::once) without generics: one `Closure` type and one copy of the wasm-bindgen
    /// glue for every caller (a generic closure cost a copy of both per call site).
    fn once_boxed(delay_ms: u64, f: Box<dyn FnOnce()>) -> Option<Timer> {
        let mut f = Some(f);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let delay = delay_ms.min(i32::MAX as u64) as i32;
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), delay)
            .ok()?;
        Some(Timer {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}
