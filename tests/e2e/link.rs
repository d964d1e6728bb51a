//! Issue 3 scenarios: the link to TAU survives TAU's quirks and loses nothing.

use super::browser::Browser;
use super::fake_tau::{FakeTau, FakeTauOptions};
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::json;
use std::time::{Duration, Instant};

fn cheer(name: &str) -> serde_json::Value {
    json!({"is_anonymous": false, "user_id": "1", "user_login": name, "user_name": name,
           "broadcaster_user_id": "12345", "broadcaster_user_login": "teststreamer", "broadcaster_user_name": "TestStreamer",
           "message": "", "bits": 100})
}

async fn wait_until(what: &str, within: Duration, mut check: impl FnMut() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(
            started.elapsed() < within,
            "timed out after {within:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn headlines(browser: &Browser) -> Vec<String> {
    browser
        .recorded_alerts()
        .await
        .into_iter()
        .map(|(_, _, text)| text)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_events_fired_during_a_ten_second_outage_all_play_after_the_reconnect_in_order_once() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=0.3", t.token(), t.host_port())
    })
    .await;
    browser.record_alerts().await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // One live event first, so the overlay has a checkpoint to backfill from.
    tau.fire("channel-cheer", cheer("before_outage"));
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(10),
            "the first alert",
            |t| !t.is_empty(),
        )
        .await;

    tau.stop().await;
    let outage = Instant::now();
    for i in 0..20 {
        tau.store_only("channel-cheer", cheer(&format!("viewer{i:02}")));
        tokio::time::sleep(Duration::from_millis(450)).await;
    }
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(outage.elapsed())).await;
    tau.restart().await;

    let expected: Vec<String> = (0..20).map(|i| format!("viewer{i:02} cheered 100 bits!")).collect();
    let started = Instant::now();
    loop {
        let seen = headlines(&browser).await;
        let after: Vec<String> = seen.iter().filter(|h| h.starts_with("viewer")).cloned().collect();
        if after.len() >= 20 {
            assert_eq!(after, expected, "all 20 alerts, in order, none twice");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "only {} of 20 alerts after the reconnect: {seen:?}",
            after.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let seen = headlines(&browser).await;
    assert_eq!(
        seen.iter().filter(|h| h.starts_with("before_outage")).count(),
        1,
        "the pre-outage alert is not replayed: {seen:?}"
    );
    assert_eq!(seen.len(), 21, "{seen:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_token_says_token_rejected_and_is_not_retried_within_thirty_seconds() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token=wrong-token&tau={}", t.host_port())
    })
    .await;
    // The first rejection: the socket's token frame, or the REST check's 401 (which may come
    // first and close the socket before it sends the token). One of them must happen.
    let rejected_at = || {
        let socket = tau.auth_attempts().first().map(|(at, _)| *at);
        let rest = tau
            .rest_requests()
            .into_iter()
            .find(|r| r.authorization.as_deref() == Some("Token wrong-token"))
            .map(|r| r.at);
        socket.into_iter().chain(rest).min()
    };
    wait_until(
        "the overlay's first attempt with the token",
        Duration::from_secs(20),
        || rejected_at().is_some(),
    )
    .await;
    let first = rejected_at().unwrap();
    browser
        .wait_for(
            "[data-testid=link-state]",
            Duration::from_secs(15),
            "token rejected",
            |t| t == ["token rejected"],
        )
        .await;
    // Both first attempts race each other for ~1 s; from then on, 30 s of quiet.
    tokio::time::sleep((first + Duration::from_secs(3)).saturating_duration_since(Instant::now())).await;
    let (connections, attempts) = (tau.connections_total(), tau.auth_attempts());
    assert!(attempts.len() <= 1, "{attempts:?}");
    tokio::time::sleep((first + Duration::from_secs(30)).saturating_duration_since(Instant::now())).await;
    assert_eq!(
        (tau.connections_total(), tau.auth_attempts().len()),
        (connections, attempts.len()),
        "a rejected token is not retried within 30 s"
    );
    assert!(
        tau.auth_attempts().iter().all(|(_, ok)| !ok),
        "only the wrong token was ever sent: {:?}",
        tau.auth_attempts()
    );
    assert_eq!(browser.text("[data-testid=token-status]").await, "token rejected");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_socket_is_replaced_after_the_watchdog() {
    let tau = FakeTau::start(FakeTauOptions {
        dist: Some(super::overlay::dist_dir()),
        ..Default::default()
    })
    .await;
    tau.stall(true);
    let browser = Browser::start().await;
    let url = format!(
        "{}/#token={}&tau={}&watchdog=3",
        tau.base_url(),
        tau.token(),
        tau.host_port()
    );
    browser.client.goto(&url).await.unwrap();
    browser.record_alerts().await;
    wait_until("the overlay's first socket", Duration::from_secs(20), || {
        tau.connections_total() >= 1
    })
    .await;
    tau.stall(false);
    assert!(tau.auth_attempts().is_empty(), "a stalled socket swallows the token");
    // Grace (2 s) + watchdog (3 s) without a frame, then a new socket that authenticates.
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    assert!(tau.connections_total() >= 2);
    browser
        .wait_for("[data-testid=reconnects]", Duration::from_secs(5), "a reconnect", |t| {
            t != ["0"]
        })
        .await;
    tau.fire("channel-cheer", cheer("after_stall"));
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(10),
            "the alert",
            |t| t == ["after_stall cheered 100 bits!"],
        )
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_lines_show_up_and_sent_chat_arrives_without_line_breaks() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&chat=TestBot", t.token(), t.host_port())
    })
    .await;
    wait_until("the chat socket", Duration::from_secs(20), || {
        tau.live_socket_paths().iter().any(|p| p == "/ws/chat-bots/testbot/")
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    tau.chat_line("testbot", "hello <b>chat</b>", "testchatter");
    browser
        .wait_for(
            "[data-testid=chat-line]",
            Duration::from_secs(10),
            "the chat line",
            |t| t.len() == 1 && t[0].contains("hello <b>chat</b>"),
        )
        .await;
    assert!(
        browser
            .client
            .find_all(fantoccini::Locator::Css("[data-testid=chat-line] b"))
            .await
            .unwrap()
            .is_empty(),
        "chat text is never markup"
    );

    let sent = browser
        .client
        .execute(
            "return window.wasmBindings.chat_say('#TestStreamer', 'hi\\r\\nPRIVMSG #x :pwned\\u0007')",
            vec![],
        )
        .await;
    assert!(sent.is_ok(), "{sent:?}");
    wait_until("the sent chat", Duration::from_secs(10), || !tau.chat_sent().is_empty()).await;
    let frame = &tau.chat_sent()[0];
    assert_eq!(frame["irc_channel"], "teststreamer");
    let message = frame["message"].as_str().unwrap();
    assert!(
        message.starts_with("hi") && message.ends_with("PRIVMSG #x :pwned"),
        "{message:?}"
    );
    assert!(
        !message.chars().any(char::is_control),
        "CR, LF and other controls are stripped: {message:?}"
    );
    browser.close().await;
}

/// Found by tests/fuzz_backfill.rs: on a fresh TAU (nothing stored yet) the first pass set no
/// checkpoint, so the pass after an outage primed again and skipped every event it found.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_missed_after_a_first_load_on_an_empty_tau_play_after_the_reconnect() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=0.3", t.token(), t.host_port())
    })
    .await;
    browser.record_alerts().await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    assert_eq!(tau.stored_events(), 0, "a fresh TAU");
    // Two reads of the list: the token check, then the first backfill pass.
    let backfilled = || {
        let reads = tau.rest_requests();
        reads
            .iter()
            .filter(|r| r.target.contains("/api/v1/twitch-events/"))
            .count()
            >= 2
    };
    wait_until("the first backfill pass", Duration::from_secs(10), backfilled).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    tau.stop().await;
    for i in 0..3 {
        tau.store_only("channel-cheer", cheer(&format!("missed{i}")));
    }
    tau.restart().await;
    let expected: Vec<String> = (0..3).map(|i| format!("missed{i} cheered 100 bits!")).collect();
    let started = Instant::now();
    loop {
        let seen = headlines(&browser).await;
        if seen.len() >= 3 {
            assert_eq!(seen, expected, "all three, in order, once");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "after the reconnect only {seen:?}; requests {:?}",
            tau.rest_requests().into_iter().map(|r| r.target).collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    browser.close().await;
}

/// The first pass on a page load only primes the checkpoint and shows nothing; the shell saved
/// the checkpoint only after showing something, so when OBS closed and reopened the source
/// before any alert, the new page primed again and skipped what TAU stored meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_stored_while_obs_was_closed_play_on_the_next_load_even_if_nothing_played_before() {
    // The demo page connects nowhere: the fake TAU is up, the overlay has never seen it.
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |_| "#demo".to_string()).await;
    tau.store_only("channel-cheer", cheer("long_ago"));
    let url = format!(
        "{}/#token={}&tau={}&duration=0.3",
        tau.base_url(),
        tau.token(),
        tau.host_port()
    );
    browser.client.goto("about:blank").await.unwrap();
    let reads = || {
        let list = tau.rest_requests();
        list.iter()
            .filter(|r| r.target.contains("/api/v1/twitch-events/"))
            .count()
    };
    let before = reads();
    // First load with something stored: the pass primes the checkpoint, nothing plays.
    browser.client.goto(&url).await.unwrap();
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // Two reads of the list: the token check, then the priming pass.
    wait_until("the priming pass", Duration::from_secs(10), || reads() >= before + 2).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    // OBS closes the source; events happen; OBS opens it again.
    browser.client.goto("about:blank").await.unwrap();
    for i in 0..3 {
        tau.store_only("channel-cheer", cheer(&format!("while_closed{i}")));
    }
    browser.client.goto(&url).await.unwrap();
    browser.record_alerts().await;
    let expected: Vec<String> = (0..3).map(|i| format!("while_closed{i} cheered 100 bits!")).collect();
    let started = Instant::now();
    loop {
        let seen = headlines(&browser).await;
        if seen.len() >= 3 {
            assert_eq!(
                seen, expected,
                "the three, in order, once, and nothing from before the first load"
            );
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "after reopening only {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    browser.close().await;
}
