//! The browser shell of TAU's sockets in headless Chromium: gloo-net's socket as driven by
//! `SocketSlot`, and gloo-timers' timeouts behind `Alarm` (`cargo test --target
//! wasm32-unknown-unknown --test socket_shell`). The handshake and frames need a TAU server:
//! those paths are covered end to end (tests/e2e/link.rs).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use tau_overlay::util::alarm::Alarm;
use tau_overlay::web::browser::socket::{Feed, SocketError, SocketSlot};
use tau_overlay::web::browser::{page, timer};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A feed that records every input it is given.
fn recorder() -> (Feed, Rc<RefCell<Vec<String>>>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    (Rc::new(move |input| log.borrow_mut().push(format!("{input:?}"))), seen)
}

/// Nothing listens on this loopback port.
const DEAD: &str = "ws://127.0.0.1:59999/ws/twitch-events/";

/// A URL every browser refuses to open a websocket to (not ws:, wss:, http: or https:).
const BAD_URL: &str = "ftp://127.0.0.1/";

#[wasm_bindgen_test]
async fn a_url_the_browser_refuses_reports_one_close_1006_after_the_call() {
    let (feed, seen) = recorder();
    let mut slot = SocketSlot::default();
    assert!(matches!(slot.open(7, BAD_URL, feed), Err(SocketError::BadUrl { .. })));
    // Reporting inside `open` would re-enter the driver that called it.
    assert!(seen.borrow().is_empty());
    sleep(50).await;
    assert_eq!(*seen.borrow(), ["Closed { generation: 7, code: 1006 }"]);
}

#[wasm_bindgen_test]
async fn a_server_that_is_not_there_reports_close_1006_and_never_opened() {
    let (feed, seen) = recorder();
    let mut slot = SocketSlot::default();
    slot.open(3, DEAD, feed).unwrap();
    // Frames for a socket that is not open are dropped, not thrown.
    assert_eq!(slot.send(3, "{}".into()), Err(SocketError::NotOpen(3)));
    assert_eq!(slot.send(2, "{}".into()), Err(SocketError::NotOpen(2)));
    for _ in 0..100 {
        if !seen.borrow().is_empty() {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(*seen.borrow(), ["Closed { generation: 3, code: 1006 }"]);
}

#[wasm_bindgen_test]
async fn a_socket_closed_by_its_driver_reports_nothing_more() {
    let (feed, seen) = recorder();
    let mut slot = SocketSlot::default();
    slot.open(4, DEAD, feed.clone()).unwrap();
    slot.close(3); // another generation: ignored
    slot.close(4);
    // Opening the next socket replaces (and closes) the current one too.
    slot.open(5, DEAD, feed.clone()).unwrap();
    let _ = slot.open(6, BAD_URL, feed);
    sleep(1_500).await;
    assert_eq!(*seen.borrow(), ["Closed { generation: 6, code: 1006 }"]);
}

#[wasm_bindgen_test]
async fn an_alarm_pushed_later_fires_once_and_a_cancelled_one_never() {
    let fired = Rc::new(RefCell::new(Vec::new()));
    let mut alarm = Alarm::default();
    let now = page::now();
    for (i, later) in [30u64, 60, 90].into_iter().enumerate() {
        let fired = fired.clone();
        timer::rearm(
            &mut alarm,
            Some(now + core::time::Duration::from_millis(later)),
            now,
            move || fired.borrow_mut().push(i),
        );
    }
    let mut cancelled = Alarm::default();
    let log = fired.clone();
    timer::rearm(&mut cancelled, Some(now), now, move || log.borrow_mut().push(99));
    timer::rearm(&mut cancelled, None, now, || unreachable!());
    sleep(200).await;
    // Only the first timer was ever armed: later deadlines keep it (it fires early, harmlessly).
    assert_eq!(*fired.borrow(), [0]);
}
