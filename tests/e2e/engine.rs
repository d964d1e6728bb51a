//! Issue 4 scenario: a burst of a 20-sub gift bomb, 30 follows and a raid plays as: the raid,
//! one gift-bomb alert, the follows up to the flood budget, one flood summary — and the debug
//! panel's counts add up with nothing left pending.

use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::json;
use std::time::{Duration, Instant};

const B: (&str, &str, &str) = ("12345", "teststreamer", "TestStreamer");

fn user(name: &str) -> serde_json::Value {
    json!({"user_id": format!("u-{name}"), "user_login": name, "user_name": name,
           "broadcaster_user_id": B.0, "broadcaster_user_login": B.1, "broadcaster_user_name": B.2})
}

fn with(mut base: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
    base.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    base
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_plays_raid_then_one_gift_bomb_then_follows_then_one_flood_summary() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=0.4", t.token(), t.host_port())
    })
    .await;
    browser.record_alerts().await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    tau.fire(
        "channel-cheer",
        with(
            user("warmup"),
            json!({"is_anonymous": false, "message": "", "bits": 100}),
        ),
    );
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(10),
            "the warm-up alert",
            |t| !t.is_empty(),
        )
        .await;

    // The burst lands while the overlay is disconnected, so it arrives at once through backfill.
    tau.stop().await;
    tau.store_only(
        "channel-subscription-gift",
        with(
            user("generous"),
            json!({"total": 20, "tier": "1000", "cumulative_total": 40, "is_anonymous": false}),
        ),
    );
    for i in 0..20 {
        tau.store_only(
            "channel-subscribe",
            with(user(&format!("lucky{i}")), json!({"tier": "1000", "is_gift": true})),
        );
    }
    for i in 0..30 {
        tau.store_only(
            "channel-follow",
            with(user(&format!("fan{i}")), json!({"followed_at": "2024-03-09T18:14:01Z"})),
        );
    }
    tau.store_only("channel-raid", json!({"from_broadcaster_user_id": "999", "from_broadcaster_user_login": "raider", "from_broadcaster_user_name": "Raider",
        "to_broadcaster_user_id": B.0, "to_broadcaster_user_login": B.1, "to_broadcaster_user_name": B.2, "viewers": 42}));
    tau.restart().await;

    let started = Instant::now();
    let alerts = loop {
        let alerts = browser.recorded_alerts().await;
        if alerts.iter().any(|(_, shape, _)| shape == "flood") {
            break alerts;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no flood summary yet: {alerts:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let burst: Vec<(String, String, String)> = alerts.into_iter().skip(1).collect();
    let kinds: Vec<(&str, &str)> = burst.iter().map(|(k, s, _)| (k.as_str(), s.as_str())).collect();
    let mut expected = vec![("raid", "single"), ("gift-bomb", "single")];
    expected.extend([("follow", "single"); 5]);
    expected.push(("follow", "flood"));
    assert_eq!(kinds, expected, "{burst:?}");
    assert_eq!(burst[0].2, "Raider is raiding with 42 viewers!");
    assert_eq!(burst[1].2, "generous gifted 20 subs!");
    assert_eq!(burst[7].2, "+25 new followers");

    // Nothing pending, and the panel's counts add up: 53 accepted events, all accounted for.
    let count = |id: &'static str| {
        let browser = &browser;
        async move {
            browser
                .text(&format!("[data-testid={id}]"))
                .await
                .parse::<u64>()
                .unwrap_or(u64::MAX)
        }
    };
    browser
        .wait_for(
            "[data-testid=queue-depth]",
            Duration::from_secs(10),
            "an empty queue",
            |t| t == ["0"],
        )
        .await;
    let accepted = count("count-accepted").await;
    let sum = count("count-shown").await
        + count("count-merged").await
        + count("count-expired").await
        + count("count-filtered").await
        + count("count-dropped").await;
    assert_eq!(accepted, 53, "1 warm-up + 1 gift + 20 recipients + 30 follows + 1 raid");
    assert_eq!(
        sum, accepted,
        "every accepted event is shown, merged, expired, filtered or dropped"
    );
    assert_eq!(count("count-shown").await, 9);
    browser.close().await;
}
