//! Issue 11 point 2: the overlay as a citizen of OBS, on the served page with `window.obsstudio`
//! simulated (see [`super::obs`]): a hidden source plays no alert, a source off program output
//! (Studio-Mode preview) stays silent, obs-websocket's `emit_event` controls the overlay, and two
//! copies of the overlay on one origin elect one sounder and hand over.

use super::browser::Browser;
use super::fake_tau::FakeTau;
use super::obs::{open_in_obs, set_active};
use super::overlay::wait_for_auth;
use serde_json::{json, Value};
use std::time::Duration;

fn cheer(name: &str) -> Value {
    json!({"is_anonymous": false, "user_id": "1", "user_login": name, "user_name": name,
           "broadcaster_user_id": "12345", "broadcaster_user_login": "teststreamer", "broadcaster_user_name": "TestStreamer",
           "message": "", "bits": 100})
}

fn fragment(tau: &FakeTau) -> String {
    format!("#token={}&tau={}&debug&duration=30", tau.token(), tau.host_port())
}

/// Dispatches `name` on `window` as OBS (and obs-browser's `emit_event`) does.
async fn dispatch(browser: &Browser, name: &str, detail: Value) {
    browser
        .client
        .execute(
            "window.dispatchEvent(new CustomEvent(arguments[0], { detail: arguments[1] }))",
            vec![json!(name), detail],
        )
        .await
        .expect("dispatch the event");
}

async fn set_visible(browser: &Browser, visible: bool) {
    dispatch(browser, "obsSourceVisibleChanged", json!({ "visible": visible })).await;
}

async fn wait_text(browser: &Browser, css: &str, what: &str, want: &str) {
    browser
        .wait_for(css, Duration::from_secs(10), what, |t| t.len() == 1 && t[0] == want)
        .await;
}

async fn alerts(browser: &Browser) -> Vec<String> {
    browser.texts("[data-testid=alert]").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_hidden_source_plays_no_alert_until_shown_again() {
    let (tau, browser, _dist) = open_in_obs(true, fragment).await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    set_visible(&browser, false).await;
    tau.fire("channel-cheer", cheer("ana"));
    wait_text(&browser, "[data-testid=queue-depth]", "ana queued", "1").await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(alerts(&browser).await.is_empty(), "no alert plays into a hidden scene");
    set_visible(&browser, true).await;
    browser
        .wait_for(
            "[data-testid=alert]",
            Duration::from_secs(5),
            "ana's alert once shown",
            |t| t.len() == 1,
        )
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_preview_only_source_shows_alerts_without_sound() {
    let (tau, browser, _dist) = open_in_obs(true, fragment).await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    wait_text(&browser, "[data-testid=media-sound]", "sound on at first", "on").await;
    set_active(&browser, false).await;
    wait_text(
        &browser,
        "[data-testid=media-sound]",
        "no sound off program output",
        "off (off program output)",
    )
    .await;
    tau.fire("channel-cheer", cheer("ana"));
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "ana's alert", |t| {
            t.len() == 1
        })
        .await;
    wait_text(
        &browser,
        "[data-testid=media-silenced]",
        "the alert shown silenced",
        "1",
    )
    .await;
    set_active(&browser, true).await;
    wait_text(&browser, "[data-testid=media-sound]", "sound on program output", "on").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_websocket_emit_event_controls_the_overlay() {
    let (tau, browser, _dist) = open_in_obs(true, fragment).await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    browser.record_alerts().await;
    let control = |name: &'static str, arg: Option<&'static str>| {
        let mut detail = json!({ "control": name });
        if let Some(arg) = arg {
            detail["arg"] = json!(arg);
        }
        dispatch(&browser, "tau-overlay", detail)
    };
    tau.fire("channel-cheer", cheer("ana"));
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "ana's alert", |t| {
            t.len() == 1
        })
        .await;
    control("skip", None).await;
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "skip ends it", |t| {
            t.is_empty()
        })
        .await;
    control("pause", None).await;
    tau.fire("channel-cheer", cheer("bo"));
    wait_text(&browser, "[data-testid=queue-depth]", "bo queued while paused", "1").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(alerts(&browser).await.is_empty(), "paused through obs-websocket");
    control("mute", None).await;
    wait_text(&browser, "[data-testid=media-sound]", "muted", "off (muted)").await;
    control("resume", None).await;
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "bo after resume", |t| {
            t.len() == 1
        })
        .await;
    wait_text(&browser, "[data-testid=media-silenced]", "bo shown muted", "1").await;
    control("skip", None).await;
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "bo skipped", |t| {
            t.is_empty()
        })
        .await;
    control("mute", Some("off")).await;
    wait_text(&browser, "[data-testid=media-sound]", "unmuted", "on").await;
    control("replay", None).await;
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "the replay", |t| {
            t.len() == 1
        })
        .await;
    let headlines: Vec<String> = browser.recorded_alerts().await.into_iter().map(|(_, _, h)| h).collect();
    assert_eq!(
        headlines,
        ["ana cheered 100 bits!", "bo cheered 100 bits!", "bo cheered 100 bits!"]
    );
    browser.close().await;
}

async fn sounder(browser: &Browser) -> String {
    browser.text("[data-testid=sounder]").await
}

async fn wait_sounder(browser: &Browser, what: &str, want: &str) {
    wait_text(browser, "[data-testid=sounder]", what, want).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_two_sources_elect_one_sounder_and_hand_over() {
    let (tau, browser, _dist) = open_in_obs(true, fragment).await;
    let c = &browser.client;
    wait_sounder(&browser, "a lone copy sounds", "sounder · 0 other copies").await;
    let first = c.window().await.unwrap();
    let tab = c.new_window(true).await.expect("a second tab");
    c.switch_to_window(tab.handle.clone()).await.unwrap();
    c.goto(&format!("{}/{}", tau.base_url(), fragment(&tau))).await.unwrap();
    wait_sounder(&browser, "the later copy stands by", "standby · 1 other copy").await;
    wait_text(
        &browser,
        "[data-testid=media-sound]",
        "the standby is silent",
        "off (standby)",
    )
    .await;
    c.switch_to_window(first.clone()).await.unwrap();
    wait_sounder(&browser, "the first copy keeps the sound", "sounder · 1 other copy").await;

    // The sounding source turns invisible: the other takes over at once.
    set_visible(&browser, false).await;
    wait_sounder(&browser, "the hidden copy", "ineligible · 1 other copy").await;
    c.switch_to_window(tab.handle.clone()).await.unwrap();
    wait_sounder(&browser, "the hand-over", "sounder · 1 other copy").await;
    wait_text(&browser, "[data-testid=media-sound]", "the new sounder sounds", "on").await;

    // Shown again, the older copy takes the sound back; closed, it hands over for good.
    c.switch_to_window(first.clone()).await.unwrap();
    set_visible(&browser, true).await;
    wait_sounder(&browser, "the older copy again", "sounder · 1 other copy").await;
    c.close_window().await.unwrap();
    c.switch_to_window(tab.handle.clone()).await.unwrap();
    wait_sounder(&browser, "the goodbye", "sounder · 0 other copies").await;
    assert_eq!(sounder(&browser).await, "sounder · 0 other copies");
    browser.close().await;
}
