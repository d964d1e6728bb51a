//! Issue 11 point 2: the OBS integration with `window.obsstudio` simulated in the test page, and
//! OBS's events dispatched as OBS (and obs-browser's `emit_event`) dispatches them.

use super::{sleep, test_root, texts};
use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, EngineConfig};
use tau_overlay::web::components::alert_box::{self, use_alert_engine, AlertBox, MediaStatus, UseAlertEngineOptions};
use tau_overlay::web::obs::use_obs_integration;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn set_obsstudio(on: bool) {
    let value = if on {
        js_sys::Object::new().into()
    } else {
        JsValue::UNDEFINED
    };
    js_sys::Reflect::set(&window(), &"obsstudio".into(), &value).unwrap();
}

fn dispatch(name: &str, detail: &str) {
    js_sys::Function::new_with_args(
        "n, d",
        "window.dispatchEvent(new CustomEvent(n, { detail: JSON.parse(d) }))",
    )
    .call2(&JsValue::NULL, &name.into(), &detail.into())
    .unwrap();
}

fn follow(name: &str) -> AlertInput {
    AlertInput {
        user: Some(name.into()),
        ..AlertInput::new(AlertClass::Follow)
    }
}

/// Mounts an alert box wired to OBS; returns the mount and the media status.
fn mount() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable>,
    ReadSignal<MediaStatus>,
    tau_overlay::web::components::alert_box::AlertEngineHandle,
) {
    let root = test_root();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let mut config = EngineConfig::default();
        config.classes.follow.duration_ms = Some(5_000);
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        alert_box::register(alerts);
        let obs = use_obs_integration(alerts);
        tx.send((alerts, obs.source.is_some())).unwrap();
        view! { <AlertBox alerts=alerts /> }
    });
    let (alerts, in_obs) = rx.recv().unwrap();
    assert_eq!(in_obs, tau_overlay::web::browser::page::in_obs());
    (root, handle, alerts.media().status(), alerts)
}

#[wasm_bindgen_test]
async fn obs_hidden_source_starts_no_alert_until_visible() {
    set_obsstudio(true);
    let (root, handle, _, alerts) = mount();
    dispatch("obsSourceVisibleChanged", r#"{"visible": false}"#);
    alerts.push(follow("ana"));
    tick().await;
    assert!(texts(&root, "[data-testid=alert]").is_empty(), "hidden: nothing plays");
    dispatch("obsSourceVisibleChanged", r#"{"visible": true}"#);
    tick().await;
    assert_eq!(texts(&root, "[data-testid=alert]"), ["ana is now following!"]);
    drop(handle);
    set_obsstudio(false);
}

#[wasm_bindgen_test]
async fn obs_preview_and_mute_event_silence_the_alerts() {
    set_obsstudio(true);
    let (_root, handle, media, alerts) = mount();
    sleep(50).await;
    assert_eq!(
        media.get_untracked().silent,
        None,
        "a lone copy on program output sounds"
    );
    dispatch("obsSourceActiveChanged", r#"{"active": false}"#);
    tick().await;
    assert_eq!(media.get_untracked().silent, Some("off program output"));
    alerts.push(follow("ana"));
    tick().await;
    assert_eq!(media.get_untracked().silenced, 1);
    dispatch("obsSourceActiveChanged", r#"{"active": true}"#);
    tick().await;
    assert_eq!(media.get_untracked().silent, None);
    dispatch("tau-overlay", r#"{"control": "mute"}"#);
    assert_eq!(media.get_untracked().silent, Some("muted"));
    dispatch("tau-overlay", r#"{"control": "mute", "arg": "off"}"#);
    assert_eq!(media.get_untracked().silent, None);
    drop(handle);
    set_obsstudio(false);
}

#[wasm_bindgen_test]
async fn outside_obs_the_obs_events_change_nothing() {
    set_obsstudio(false);
    let (root, handle, media, alerts) = mount();
    dispatch("obsSourceVisibleChanged", r#"{"visible": false}"#);
    dispatch("obsSourceActiveChanged", r#"{"active": false}"#);
    alerts.push(follow("bo"));
    tick().await;
    assert_eq!(texts(&root, "[data-testid=alert]"), ["bo is now following!"]);
    assert_eq!(media.get_untracked().silent, None, "a normal browser is unaffected");
    drop(handle);
}
