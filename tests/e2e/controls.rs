//! Issue 7 point 1: the operator controls of the JS API, called the way a user calls them —
//! `window.wasmBindings.alert_control(…)` on the served overlay page.

use super::browser::Browser;
use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::json;
use std::time::Duration;

fn cheer(name: &str) -> serde_json::Value {
    json!({"is_anonymous": false, "user_id": "1", "user_login": name, "user_name": name,
           "broadcaster_user_id": "12345", "broadcaster_user_login": "teststreamer", "broadcaster_user_name": "TestStreamer",
           "message": "", "bits": 100})
}

/// Calls `window.wasmBindings.alert_control(args…)`; `Err` with the thrown message.
async fn control(browser: &Browser, args: &[&str]) -> Result<(), String> {
    let script = "try { window.wasmBindings.alert_control(...arguments); return null; } \
                  catch (e) { return String(e && e.message !== undefined ? e.message : e); }";
    let args = args.iter().map(|a| json!(a)).collect();
    let thrown = browser.client.execute(script, args).await.expect("the script runs");
    match thrown.as_str() {
        None => Ok(()),
        Some(message) => Err(message.to_string()),
    }
}

async fn state(browser: &Browser) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('[data-testid=alert]')).map(e => e.dataset.state)";
    let value = browser.client.execute(script, vec![]).await.unwrap_or_default();
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

async fn wait_state(browser: &Browser, what: &str, want: &[&str]) {
    let started = std::time::Instant::now();
    loop {
        let now = state(browser).await;
        if now == want {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}: alert states {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alert_control_on_the_served_overlay_has_an_engine_mounted() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&debug&duration=30", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    browser.record_alerts().await;

    tau.fire("channel-cheer", cheer("ana"));
    wait_state(&browser, "ana's alert", &["shown"]).await;
    control(&browser, &["skip"]).await.expect("skip");
    wait_state(&browser, "skip to end the alert now", &["exiting"]).await;
    wait_state(&browser, "the skipped alert to leave", &[]).await;

    control(&browser, &["pause"]).await.expect("pause");
    tau.fire("channel-cheer", cheer("bo"));
    browser
        .wait_for("[data-testid=queue-depth]", Duration::from_secs(5), "bo queued", |t| {
            t == ["1"]
        })
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        state(&browser).await,
        Vec::<String>::new(),
        "paused: nothing new starts"
    );
    control(&browser, &["resume"]).await.expect("resume");
    wait_state(&browser, "bo's alert after resume", &["shown"]).await;

    control(&browser, &["skip"]).await.expect("skip");
    wait_state(&browser, "bo's alert to leave", &[]).await;
    control(&browser, &["replay"]).await.expect("replay");
    wait_state(&browser, "the replayed alert", &["shown"]).await;
    control(&browser, &["clear"]).await.expect("clear");
    control(&browser, &["panic", "15"]).await.expect("panic");
    control(&browser, &["unmute"]).await.expect("unmute");
    control(&browser, &["delay", "0"]).await.expect("delay");
    control(&browser, &["interrupt", "on"]).await.expect("interrupt");

    let headlines: Vec<String> = browser.recorded_alerts().await.into_iter().map(|(_, _, h)| h).collect();
    assert_eq!(
        headlines,
        ["ana cheered 100 bits!", "bo cheered 100 bits!", "bo cheered 100 bits!"],
        "ana, bo, then bo replayed"
    );
    assert_eq!(
        control(&browser, &["dance"]).await,
        Err("unknown control dance".to_string())
    );
    assert_eq!(
        control(&browser, &["delay", "soon"]).await,
        Err("delay: bad number soon".to_string())
    );
    browser.close().await;
}
