//! Issue 7: the token goes only to the TAU the streamer named, and never onto the screen.

use super::browser::Browser;
use super::fake_tau::{FakeTau, FakeTauOptions};
use super::overlay::{dist_dir, open_overlay, wait_for_auth};
use serde_json::json;
use std::time::{Duration, Instant};

fn cheer(name: &str) -> serde_json::Value {
    json!({"is_anonymous": false, "user_id": "1", "user_login": name, "user_name": name,
           "broadcaster_user_id": "12345", "broadcaster_user_login": "teststreamer", "broadcaster_user_name": "TestStreamer",
           "message": "", "bits": 100})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rest_next_link_to_another_port_never_gets_the_token() {
    let elsewhere = FakeTau::start(FakeTauOptions::default()).await;
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("#token={}&tau={}&duration=0.3", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;
    // A checkpoint first, so the next backfill pages back to it.
    tau.fire("channel-cheer", cheer("before"));
    browser
        .wait_for(
            "[data-testid=alert-headline]",
            Duration::from_secs(10),
            "the first alert",
            |t| !t.is_empty(),
        )
        .await;
    for i in 0..12 {
        tau.store_only("channel-cheer", cheer(&format!("missed{i:02}")));
    }
    // TAU's first page now says the rest is on another port; the reconnect backfills.
    tau.rewrite_next(Some(&elsewhere.base_url()));
    tau.drop_all();
    // The reconnect's pass fetches TAU's first page (after the token check and the first pass).
    let list_requests = || {
        tau.rest_requests()
            .into_iter()
            .filter(|r| r.target.starts_with("GET /api/v1/twitch-events/"))
            .count()
    };
    let started = Instant::now();
    while list_requests() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no backfill after the reconnect"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        elsewhere.rest_requests().is_empty(),
        "nothing, and certainly not the token, went to the other port: {:?}",
        elsewhere.rest_requests()
    );
    browser
        .wait_for(
            "[data-testid=backfill]",
            Duration::from_secs(5),
            "the diagnostics to say why the backfill stopped",
            |t| t.len() == 1 && t[0].contains("stopped: REST link to another host refused"),
        )
        .await;
    // What TAU itself served still plays.
    browser
        .wait_for(
            "[data-testid=count-accepted]",
            Duration::from_secs(5),
            "the first page's ten alerts",
            |t| t == ["11"],
        )
        .await;
    browser.close().await;
}

/// A fake TAU on 127.0.0.1:8000, where the old code fell back to (`localhost:8000`).
async fn tau_on_the_default_port() -> FakeTau {
    let started = Instant::now();
    loop {
        let opts = FakeTauOptions {
            port: 8000,
            dist: Some(dist_dir()),
            ..Default::default()
        };
        match FakeTau::try_start(opts).await {
            Ok(tau) => return tau,
            Err(e) if started.elapsed() > Duration::from_secs(30) => panic!("port 8000 stays busy: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_tau_setting_connects_nowhere() {
    let tau = tau_on_the_default_port().await;
    let browser = Browser::start().await;
    let url = format!("{}/#token={}&tau=bad/host", tau.base_url(), tau.token());
    browser.client.goto(&url).await.expect("page loads");
    browser
        .wait_for(
            "[data-testid=config-problems] li",
            Duration::from_secs(15),
            "the tau problem",
            |t| t.iter().any(|p| p.contains("`tau`")),
        )
        .await;
    // The old code connected to localhost:8000 (this fake) within a second.
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(tau.connections_total(), 0, "no websocket anywhere");
    assert!(tau.auth_attempts().is_empty(), "{:?}", tau.auth_attempts());
    assert!(
        tau.rest_requests().is_empty(),
        "no REST request: {:?}",
        tau.rest_requests()
    );
    assert_eq!(browser.text("[data-testid=link-state]").await, "not connected");
    let notices = browser.texts("[data-testid=config-problems] li").await;
    assert!(
        notices
            .iter()
            .any(|p| p.contains("`tau`") && p.contains("not connecting anywhere")),
        "the page says why: {notices:?}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_url_encoded_fragment_never_puts_the_token_on_screen() {
    let tau = FakeTau::start(FakeTauOptions {
        dist: Some(dist_dir()),
        token: "s3cret-tok-4242".into(),
        ..Default::default()
    })
    .await;
    let browser = Browser::start().await;
    let secret = tau.token();
    let spellings = [
        format!("token%3D{secret}&tau={}", tau.host_port()),
        format!("TOKEN={secret}&tau={}&colour=red", tau.host_port()),
        format!("%74oken={secret}&tau={}", tau.host_port()),
        format!("token%3D{secret}%26tau%3D{}", tau.host_port().replace(':', "%3A")),
    ];
    for (n, fragment) in spellings.iter().enumerate() {
        // A new query string makes every visit a real page load.
        let url = format!("{}/?visit={n}#{fragment}", tau.base_url());
        browser.client.goto(&url).await.expect("page loads");
        browser
            .wait_for("[data-testid=status]", Duration::from_secs(15), "the overlay", |t| {
                !t.is_empty()
            })
            .await;
        let href = browser.href().await;
        assert!(
            !href.contains(&secret),
            "{fragment}: token still in the address bar: {href}"
        );
        assert!(href.contains("tau="), "{fragment}: the other settings stay: {href}");
        let page = browser
            .client
            .execute("return document.documentElement.outerHTML", vec![])
            .await
            .unwrap();
        let page = page.as_str().unwrap_or_default();
        assert!(!page.contains(&secret), "{fragment}: token in the page: {page}");
        let notices = browser.texts("[data-testid=config-problems] li").await;
        assert!(
            notices.iter().all(|n| !n.contains("token=") && !n.contains(&secret)),
            "{fragment}: {notices:?}"
        );
        // The token was read, whatever its spelling.
        wait_for_auth(&tau, n + 1, Duration::from_secs(20)).await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fake_tau_rewrites_next_links_and_logs_rest_requests() {
    use super::fake_tau::client::http;
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    for i in 0..11 {
        tau.store_only("channel-cheer", cheer(&format!("v{i}")));
    }
    let auth = format!("Token {}", tau.token());
    let headers = [("Authorization", auth.as_str())];
    let get = || http(tau.addr(), "GET", "/api/v1/twitch-events/", &headers, "");
    let own = get().await.json();
    assert!(own["next"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}/api/v1/twitch-events/?cursor=", tau.base_url())));
    tau.rewrite_next(Some("http://127.0.0.1:9"));
    let moved = get().await.json();
    assert!(moved["next"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:9/api/v1/twitch-events/?cursor="));
    tau.rewrite_next(None);
    assert_eq!(get().await.json()["next"], own["next"]);
    let log = tau.rest_requests();
    assert_eq!(log.len(), 3, "{log:?}");
    assert!(log
        .iter()
        .all(|r| r.target == "GET /api/v1/twitch-events/" && r.authorization.as_deref() == Some(auth.as_str())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_say_refuses_chat_commands_unless_the_page_opts_in() {
    for (fragment, allowed) in [("", false), ("&chat_commands", true)] {
        let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
            format!("#token={}&tau={}&chat=TestBot{fragment}", t.token(), t.host_port())
        })
        .await;
        let started = Instant::now();
        while !tau.live_socket_paths().iter().any(|p| p == "/ws/chat-bots/testbot/") {
            assert!(started.elapsed() < Duration::from_secs(20), "no chat socket");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The chat socket authenticates after its grace period; a plain line goes through first.
        let say = |text: &str| {
            let script = format!("return window.wasmBindings.chat_say('#teststreamer', {})", json!(text));
            let client = browser.client.clone();
            async move { client.execute(&script, vec![]).await }
        };
        assert!(say("hello").await.is_ok());
        let started = Instant::now();
        while tau.chat_sent().is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "the plain line was not sent"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let refused = say("/ban someone").await;
        assert_eq!(refused.is_ok(), allowed, "{fragment}: {refused:?}");
        assert_eq!(say(".timeout someone 600").await.is_ok(), allowed, "{fragment}");
        tokio::time::sleep(Duration::from_secs(1)).await;
        let sent: Vec<String> = tau
            .chat_sent()
            .iter()
            .map(|f| f["message"].as_str().unwrap_or_default().to_string())
            .collect();
        let expected: Vec<&str> = if allowed {
            vec!["hello", "/ban someone", ".timeout someone 600"]
        } else {
            vec!["hello"]
        };
        assert_eq!(sent, expected, "{fragment}");
        browser.close().await;
    }
}
