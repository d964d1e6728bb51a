//! The overlay, built by Trunk into `dist/`, in real Chromium against the fake TAU.

use super::browser::Browser;
use super::fake_tau::{FakeTau, FakeTauOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The release bundle; the test command builds it (`trunk build --release`) before this runs.
pub fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").exists(),
        "no dist/index.html: run `trunk build --release` first (the test command does)"
    );
    dist
}

/// Serves `dist/` from a fake TAU with `opts` and opens the overlay with `fragment`.
pub async fn open_overlay(opts: FakeTauOptions, fragment: impl Fn(&FakeTau) -> String) -> (FakeTau, Browser) {
    let tau = FakeTau::start(FakeTauOptions {
        dist: Some(dist_dir()),
        ..opts
    })
    .await;
    let browser = Browser::start().await;
    let url = format!("{}/{}", tau.base_url(), fragment(&tau));
    browser.client.goto(&url).await.expect("page loads");
    (tau, browser)
}

/// Waits until the fake TAU has seen `n` valid token frames.
pub async fn wait_for_auth(tau: &FakeTau, n: usize, within: Duration) {
    let started = Instant::now();
    while tau.auth_attempts().iter().filter(|(_, ok)| *ok).count() < n {
        assert!(
            started.elapsed() < within,
            "overlay did not authenticate {n} time(s) within {within:?}: {:?}",
            tau.auth_attempts()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_alert_appears_with_the_name_then_is_removed_and_the_token_leaves_the_address_bar() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;

    let href = browser.href().await;
    assert!(
        !href.contains(&tau.token()) && !href.contains("token="),
        "token still in the address bar: {href}"
    );
    assert!(
        href.contains(&format!("tau={}", tau.host_port())),
        "non-secret settings stay: {href}"
    );

    let fired = tau.fire_fixture("channel-follow");
    let name = fired["event_data"]["user_name"].as_str().unwrap().to_string();
    let expected = format!("{name} is now following!");
    browser
        .wait_for("[data-testid=alert]", Duration::from_secs(5), "the follow alert", |t| {
            t == [expected.clone()]
        })
        .await;
    // Default hold 5 s + exit 0.6 s, then it is gone from the DOM.
    browser
        .wait_for(
            "[data-testid=alert]",
            Duration::from_secs(10),
            "the alert to be removed",
            |t| t.is_empty(),
        )
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_feed_shows_alerts_without_any_server_traffic() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |_| "#demo".into()).await;
    browser.record_alerts().await;
    let started = Instant::now();
    let alerts = loop {
        let alerts = browser.recorded_alerts().await;
        if alerts.len() >= 2 {
            break alerts;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the demo showed {alerts:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let kinds = ["follow", "sub", "resub", "cheer", "raid", "redemption", "gift-bomb"];
    for (kind, _, text) in &alerts {
        assert!(kinds.contains(&kind.as_str()) && !text.trim().is_empty(), "{alerts:?}");
    }
    assert_eq!(tau.connections_total(), 0, "the demo opens no websocket");
    browser.close().await;
}
