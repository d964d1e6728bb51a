//! What viewers see, in real Chromium on the served overlay (issue 7 points 5, 6, 9, 10): the
//! chat box stays inside the canvas with its newest line visible, alerts have complete texts
//! with capped names, and the demo shows many kinds early.

use super::browser::Browser;
use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// `getBoundingClientRect()` of the last element matching `css`, relative to the 1920x1080
/// canvas (`.tau-overlay`): `[left, top, right, bottom]`.
async fn rect_in_canvas(browser: &Browser, css: &str) -> [f64; 4] {
    let script = r#"
        const all = document.querySelectorAll(arguments[0]);
        const el = all[all.length - 1];
        const c = document.querySelector('.tau-overlay').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top];
    "#;
    let v = browser.client.execute(script, vec![json!(css)]).await.expect("measure");
    let n = |i: usize| v[i].as_f64().expect("a number");
    [n(0), n(1), n(2), n(3)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_with_40_lines_keeps_the_newest_line_inside_the_1080_canvas() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&chat=testbot", t.token(), t.host_port())
    })
    .await;
    let started = Instant::now();
    while !tau.live_socket_paths().iter().any(|p| p.starts_with("/ws/chat-bots/")) {
        assert!(started.elapsed() < Duration::from_secs(20), "no chat socket");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for i in 1..=40 {
        tau.chat_line(
            "testbot",
            &format!("line number {i} with a few words to wrap maybe"),
            "Viewer",
        );
    }
    browser
        .wait_for(
            "[data-testid=chat-line]",
            Duration::from_secs(10),
            "the 40th line",
            |t| t.last().is_some_and(|l| l.contains("line number 40 ")),
        )
        .await;
    let [left, top, right, bottom] = rect_in_canvas(&browser, "[data-testid=chat]").await;
    assert!(
        left >= 0.0 && top >= 0.0 && right <= 1920.0 && bottom <= 1080.0,
        "chat box {:?} leaves the 1920x1080 canvas",
        [left, top, right, bottom]
    );
    let [_, line_top, _, line_bottom] = rect_in_canvas(&browser, "[data-testid=chat-line]").await;
    assert!(
        line_top >= top && line_bottom <= bottom && line_bottom <= 1080.0,
        "newest line spans y {line_top}..{line_bottom}, box {top}..{bottom}"
    );
    browser.close().await;
}

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hype_train_charity_and_shoutout_alerts_have_complete_texts_and_long_names_are_cut() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=1", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    browser.record_alerts().await;
    // A duplicate `event_type` key turning a follow's data into a "raid": no alert.
    let mut bogus = fixture("channel-follow");
    bogus["id"] = "dup-key-frame".into();
    let text = bogus.to_string();
    tau.send_raw(&format!(
        "{},\"event_type\":\"channel-raid\"}}",
        &text[..text.len() - 1]
    ));
    for name in [
        "channel-hype_train-begin",
        "channel-hype_train-end",
        "channel-charity_campaign-donate",
    ] {
        tau.fire_fixture(name);
    }
    tau.fire_fixture("channel-shoutout-receive");
    let mut cheer = fixture("channel-cheer")["event_data"].clone();
    cheer["user_name"] = "W".repeat(10_000).into();
    tau.fire("channel-cheer", cheer);
    let long = format!("{}…", "W".repeat(39));
    let expected = [
        "A hype train started at level 1!".to_string(),
        "The hype train ended at level 2!".into(),
        "TestFollower donated $15.00 to Example Charity!".into(),
        "TestRaider shouted you out to 42 viewers!".into(),
    ];
    let started = Instant::now();
    let alerts = loop {
        let alerts = browser.recorded_alerts().await;
        if alerts.len() >= 5 {
            break alerts;
        }
        assert!(started.elapsed() < Duration::from_secs(40), "only {alerts:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Priorities may reorder them (a cheer outranks the others): compare as a set.
    let texts: Vec<&str> = alerts.iter().map(|(_, _, t)| t.as_str()).collect();
    for want in &expected {
        assert!(texts.contains(&want.as_str()), "{want:?} not in {texts:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(&long) && t.ends_with(" cheered 100 bits!")),
        "no capped cheer name in {texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("raiding")), "{texts:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_shows_four_distinct_kinds_in_its_first_20_seconds() {
    let (_tau, browser) = open_overlay(FakeTauOptions::default(), |_| "#demo".into()).await;
    browser.record_alerts().await;
    let started = Instant::now();
    let kinds = loop {
        let mut kinds: Vec<String> = browser.recorded_alerts().await.into_iter().map(|(k, _, _)| k).collect();
        kinds.dedup();
        kinds.sort();
        kinds.dedup();
        if kinds.len() >= 4 {
            break kinds;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the demo showed only {kinds:?} in 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(kinds.iter().all(|k| !k.is_empty()), "{kinds:?}");
    browser.close().await;
}
