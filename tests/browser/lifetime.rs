//! Issue 8 point 5: the overlay's async work, JS API registries and animation events are tied to
//! the component that owns them.

use super::{attr, sleep, test_root, texts};
use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, Control, EngineConfig};
use tau_overlay::settings::parse_fragment;
use tau_overlay::web::components::alert_box::{self, use_alert_engine, AlertBox, ControlError, UseAlertEngineOptions};
use tau_overlay::web::components::chat::{self, SayError};
use tau_overlay::Overlay;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// Replaces `window.WebSocket` with a counting wrapper; returns a reader of the count.
fn count_websockets() -> impl Fn() -> u32 {
    js_sys::Function::new_no_args(
        "if (!window.__realWebSocket) {
             window.__realWebSocket = window.WebSocket;
             window.WebSocket = function (url, protocols) {
                 window.__sockets = (window.__sockets || 0) + 1;
                 return new window.__realWebSocket(url, protocols);
             };
             window.WebSocket.prototype = window.__realWebSocket.prototype;
             for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) window.WebSocket[k] = window.__realWebSocket[k];
         }
         window.__sockets = 0;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    || {
        js_sys::Reflect::get(&window(), &JsValue::from_str("__sockets"))
            .unwrap()
            .as_f64()
            .unwrap_or(0.0) as u32
    }
}

#[wasm_bindgen_test]
async fn unmount_during_config_file_load_opens_no_socket() {
    let sockets = count_websockets();
    // TAU on a closed port; the config file is fetched from the test server (a 404, later).
    let fragment = "#token=secret&tau=127.0.0.1:9&config=/no-such-config.json";

    // Control: left mounted, the overlay opens its socket once the load has finished.
    let parsed = parse_fragment(fragment);
    let root = test_root();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Overlay parsed=parsed /> });
    sleep(1000).await;
    assert!(sockets() >= 1, "a mounted overlay connects after the config load");
    drop(handle);
    sleep(300).await;

    let before = sockets();
    let parsed = parse_fragment(fragment);
    let root = test_root();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Overlay parsed=parsed /> });
    tick().await;
    drop(handle);
    sleep(1000).await;
    assert_eq!(sockets(), before, "unmounted during the config load: no socket opened");
}

#[wasm_bindgen_test]
async fn js_api_registries_are_cleared_on_unmount() {
    let parsed = parse_fragment("#token=secret&tau=127.0.0.1:9&chat=testbot");
    let root = test_root();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Overlay parsed=parsed /> });
    tick().await;
    assert_eq!(
        alert_box::control("pause", None),
        Ok(()),
        "the overlay registered its engine"
    );
    assert_ne!(
        chat::say("testbot", "hello"),
        Err(SayError::NotMounted),
        "the overlay registered its chat link"
    );
    drop(handle);
    tick().await;
    assert_eq!(alert_box::control("pause", None), Err(ControlError::NotMounted));
    assert_eq!(chat::say("testbot", "hello again"), Err(SayError::NotMounted));
}

#[wasm_bindgen_test]
async fn child_animationend_does_not_end_the_exiting_alert() {
    let root = test_root();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let inner = slot.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        // A long exit, so only an animationend can end it within the test.
        let mut config = EngineConfig {
            exit_ms: 20_000,
            slack_ms: 0,
            ..EngineConfig::default()
        };
        config.classes.follow.duration_ms = Some(20_000);
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        inner.set(Some(alerts));
        alerts.push(AlertInput {
            user: Some("ana".into()),
            ..AlertInput::new(AlertClass::Follow)
        });
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    slot.get().unwrap().control(Control::Skip);
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("exiting")
    );

    let animation_end = |css: &str| {
        let target = root.query_selector(css).unwrap().unwrap();
        js_sys::Function::new_with_args("el", "el.dispatchEvent(new Event('animationend', { bubbles: true }))")
            .call1(&JsValue::NULL, &target)
            .unwrap();
    };
    animation_end("[data-testid=alert-headline] span");
    sleep(50).await;
    assert_eq!(
        texts(&root, "[data-testid=alert-headline]"),
        vec!["ana is now following!".to_string()],
        "a child's animation ending leaves the alert on screen"
    );
    animation_end("[data-testid=alert]");
    sleep(50).await;
    assert!(
        texts(&root, "[data-testid=alert]").is_empty(),
        "the alert's own exit animation ending removes it"
    );
}

#[wasm_bindgen_test]
async fn an_unmounted_link_never_reconnects_and_its_fetches_do_nothing() {
    let sockets = count_websockets();
    // Nothing listens on port 9: every socket closes at once and the link retries within 1 s,
    // then 2 s (full jitter); the REST token check fails the same way.
    let fragment = "#token=secret&tau=127.0.0.1:9&chat=testbot";

    // Control: mounted, the link reconnects.
    let parsed = parse_fragment(fragment);
    let handle = leptos::mount::mount_to(test_root(), move || view! { <Overlay parsed=parsed /> });
    sleep(3500).await;
    let mounted = sockets();
    assert!(mounted >= 4, "events and chat sockets, each reconnected: {mounted}");

    // Unmounted while its retries and the token check are pending: nothing more happens.
    drop(handle);
    let after_unmount = sockets();
    sleep(4000).await;
    assert_eq!(sockets(), after_unmount, "an unmounted link opened another socket");
}
