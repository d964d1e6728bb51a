//! Issue 9 point 5 on the served overlay: alerts play their chimes through a real
//! `AudioContext`; one that cannot start (no user gesture in a plain browser) never holds the
//! queue, and the diagnostics panel says what the audio is doing.

use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_overlay_plays_alerts_whatever_the_audio_state_and_the_panel_shows_it() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=0.3", t.token(), t.host_port())
    })
    .await;
    browser.record_alerts().await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    for name in ["ana", "bo"] {
        tau.fire(
            "channel-follow",
            json!({"user_id": format!("u-{name}"), "user_login": name, "user_name": name,
                   "broadcaster_user_id": "1", "broadcaster_user_login": "s", "broadcaster_user_name": "S",
                   "followed_at": "2024-03-09T18:14:01Z"}),
        );
    }
    let started = Instant::now();
    loop {
        let alerts = browser.recorded_alerts().await;
        if alerts.len() == 2 {
            assert_eq!(alerts[1].2, "bo is now following!", "{alerts:?}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "alerts stalled: {alerts:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let audio = browser.text("[data-testid=audio-state]").await;
    assert!(
        ["running", "suspended"].contains(&audio.as_str()),
        "the chimes made an AudioContext, and the panel names its state: {audio:?}"
    );
    assert_eq!(browser.text("[data-testid=media-failed]").await, "none");
    println!("audio state on the served overlay: {audio}");
    browser.close().await;
}
