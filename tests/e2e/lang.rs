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
