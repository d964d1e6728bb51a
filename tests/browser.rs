//! Component tests in headless Chromium (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, EngineConfig};
use tau_overlay::settings::parse_fragment;
use tau_overlay::web::components::alert_box::{use_alert_engine, AlertBox, UseAlertEngineOptions};
use tau_overlay::Overlay;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/support.rs"]
mod support;
use support::{attr, sleep, test_root, texts};

#[path = "browser/corpus.rs"]
mod corpus;
#[path = "browser/lang.rs"]
mod lang;
#[path = "browser/lifetime.rs"]
mod lifetime;
#[path = "browser/obs.rs"]
mod obs;
#[path = "browser/widgets.rs"]
mod widgets;
#[path = "browser/widgets_live.rs"]
mod widgets_live;

#[wasm_bindgen_test]
async fn alert_box_shows_the_follow_text_then_removes_it_after_its_duration() {
    let root = test_root();
    // Follow alerts on screen for 300 ms (+ 0 slack), then a 150 ms exit animation.
    let mut config = EngineConfig {
        exit_ms: 150,
        slack_ms: 0,
        ..EngineConfig::default()
    };
    config.classes.follow.duration_ms = Some(300);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        let follow = |name: &str| AlertInput {
            user: Some(name.into()),
            ..AlertInput::new(AlertClass::Follow)
        };
        alerts.push(follow("<b>ana</b>"));
        alerts.push(follow("bo"));
        view! { <AlertBox alerts=alerts /> }
    });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=alert]"),
        vec!["<b>ana</b> is now following!".to_string()]
    );
    assert_eq!(
        root.query_selector_all("b").unwrap().length(),
        0,
        "viewer text must never become markup"
    );
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("shown")
    );
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-kind").as_deref(),
        Some("follow")
    );

    sleep(360).await;
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("exiting")
    );

    sleep(200).await;
    assert_eq!(
        texts(&root, "[data-testid=alert]"),
        vec!["bo is now following!".to_string()],
        "second alert follows the first"
    );

    sleep(600).await;
    assert!(
        texts(&root, "[data-testid=alert]").is_empty(),
        "the last alert is removed after its duration"
    );
    drop(handle);
    assert_eq!(root.child_element_count(), 0, "unmounting removes everything");
}

#[wasm_bindgen_test]
async fn overlay_shows_config_problems_in_preview_instead_of_panicking() {
    let root = test_root();
    let parsed = parse_fragment("#tau=bad/host&colour=red");
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <Overlay parsed=parsed /> });
    tick().await;
    let problems = texts(&root, "[data-testid=config-problems] li");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("`colour`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("no token")), "{problems:?}");
    assert_eq!(
        texts(&root, "[data-testid=link-state]"),
        vec!["not connected".to_string()]
    );
}

#[wasm_bindgen_test]
fn take_config_removes_the_token_from_the_address_bar() {
    let history = window().history().unwrap();
    let path = window().location().pathname().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}#token=hunter2&demo")),
        )
        .unwrap();
    let parsed = tau_overlay::web::browser::page::take_config();
    assert_eq!(parsed.config.token.as_ref().map(|t| t.expose()), Some("hunter2"));
    let href = window().location().href().unwrap();
    assert!(!href.contains("hunter2"), "{href}");
    assert!(href.ends_with("#demo"), "{href}");
}

#[wasm_bindgen_test]
async fn operator_controls_skip_pause_and_resume_the_queue() {
    let root = test_root();
    let alerts_slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = alerts_slot.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let mut config = EngineConfig {
            exit_ms: 100,
            slack_ms: 0,
            ..EngineConfig::default()
        };
        config.classes.follow.duration_ms = Some(10_000);
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        tau_overlay::web::components::alert_box::register(alerts);
        slot.set(Some(alerts));
        view! { <AlertBox alerts=alerts /> }
    });
    let alerts = alerts_slot.get().unwrap();
    let follow = |name: &str| AlertInput {
        user: Some(name.into()),
        ..AlertInput::new(AlertClass::Follow)
    };
    alerts.push(follow("ana"));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("shown")
    );

    tau_overlay::web::components::alert_box::control("skip", None).unwrap();
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("exiting"),
        "skip ends the alert now"
    );

    tau_overlay::web::components::alert_box::control("pause", None).unwrap();
    alerts.push(follow("bo"));
    sleep(300).await;
    assert!(
        texts(&root, "[data-testid=alert]").is_empty(),
        "paused: nothing new starts"
    );

    tau_overlay::web::components::alert_box::control("resume", None).unwrap();
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=alert-headline]"),
        vec!["bo is now following!".to_string()]
    );
    assert!(tau_overlay::web::components::alert_box::control("dance", None).is_err());
}
