//! Issue 9 point 2 on the served overlay: `lang=` in the fragment picks the alert texts, and the
//! browser writes numbers the language's way.

use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lang_fr_shows_a_french_follow_and_lang_de_a_german_cheer_of_1_000_bits() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&lang=fr", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    let fired = tau.fire_fixture("channel-follow");
    let name = fired["event_data"]["user_name"].as_str().unwrap().to_string();
    let expected = format!("{name} suit maintenant la chaîne\u{a0}!");
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(5),
            "the French follow",
            |t| t == [expected.clone()],
        )
        .await;
    assert!(browser.href().await.contains("lang=fr"), "lang stays in the address");
    browser.close().await;

    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&lang=de", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/channel-cheer.json"
    ))
    .unwrap();
    let mut data: serde_json::Value = serde_json::from_str::<serde_json::Value>(&text).unwrap()["event_data"].clone();
    data["bits"] = 1000.into();
    tau.fire("channel-cheer", data.clone());
    let expected = format!("{} hat 1.000 Bits gecheert!", data["user_name"].as_str().unwrap());
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(5),
            "the German cheer",
            |t| t == [expected.clone()],
        )
        .await;
    browser.close().await;
}

/// The "While offline: …" summary of backfilled events used to be English whatever `lang` said.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_summary_is_written_in_the_chosen_language() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!(
            "#token={}&tau={}&lang=de&offline_summary=0&duration=1",
            t.token(),
            t.host_port()
        )
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // A live event first, so the overlay has a checkpoint to backfill from.
    tau.fire_fixture("channel-raid");
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(10),
            "the live raid",
            |t| !t.is_empty(),
        )
        .await;
    let data = |name: &str| {
        let text =
            std::fs::read_to_string(format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["event_data"].clone()
    };
    for viewer in ["ana", "bo", "cy"] {
        let mut follow = data("channel-follow");
        follow["user_login"] = viewer.into();
        follow["user_name"] = viewer.into();
        tau.store_only("channel-follow", follow);
    }
    tau.store_only("channel-subscribe", data("channel-subscribe"));
    // offline_summary=0: everything created before the backfill is summed up (TAU's `created`
    // has whole seconds).
    tokio::time::sleep(Duration::from_millis(1100)).await;
    tau.drop_all();
    browser
        .wait_for(
            "[data-testid=alert-message]",
            Duration::from_secs(30),
            "the German offline summary",
            |t| t == ["3 neue Follower, 1 Abo"],
        )
        .await;
    assert_eq!(
        browser.text("[data-testid=alert-headline]").await,
        "Während du offline warst"
    );
    browser.close().await;
}
