//! Timers are gloo-timers' [`Timeout`] (a `setTimeout` owned by a value: dropping it cancels it).
//! ([MDN](https://developer.mozilla.org/docs/Web/API/Window/setTimeout))

use crate::util::alarm::Alarm;
use crate::util::clock::Instant;
use gloo_timers::callback::Timeout;

/// Calls `f` once after `delay_ms` (clamped to the browser's range); drop the result to cancel.
///
/// Boxed on purpose: `Timeout::new` is generic over the callback, and one closure type means one
/// copy of the wasm-bindgen glue for every caller instead of one per call site.
pub fn timeout(delay_ms: u64, f: Box<dyn FnOnce()>) -> Timeout {
    Timeout::new(delay_ms.min(i32::MAX as u64) as u32, f)
}

/// Points `alarm` at `deadline` (see [`Alarm::set`]): a new `setTimeout` only when the pending
/// one would fire too late. `f` must call [`Alarm::fired`] before feeding its machine.
pub fn rearm(alarm: &mut Alarm<Timeout>, deadline: Option<Instant>, now: Instant, f: impl FnOnce() + 'static) {
    alarm.set(deadline, |at| timeout((at - now).as_millis() as u64, Box::new(f)));
}
