//! The fake TAU reproduces the quirks PROTOCOL.md documents; each test pins one and would fail
//! if the fake drifted from it.

use super::fake_tau::client::{http, ConnectError, HttpResponse, Received, WsClient};
use super::fake_tau::{FakeTau, FakeTauOptions, Json};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::Duration;

const KEEP_ALIVE: &str = r#"{"event": "keep_alive"}"#;
const GOOD_AUTH: &str = r#"{"token": "test-token"}"#;
const EVENTS: &str = "/ws/twitch-events/";

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

async fn connect(tau: &FakeTau, path: &str) -> WsClient {
    match WsClient::connect(tau.addr(), path).await {
        Ok(ws) => ws,
        Err(e) => panic!("connect {path}: {e:?}"),
    }
}

/// An authenticated `/ws/twitch-events/` socket; asserts the server stays silent after the token.
async fn authed_events_socket(tau: &FakeTau) -> WsClient {
    let mut ws = connect(tau, EVENTS).await;
    ws.send_text(GOOD_AUTH).await;
    assert_eq!(
        ws.recv_within(ms(300)).await,
        Received::Timeout,
        "auth must get no reply"
    );
    ws
}

fn text(r: Received) -> String {
    match r {
        Received::Text(t) => t,
        other => panic!("expected a text frame, got {other:?}"),
    }
}

async fn get_auth(tau: &FakeTau, target: &str) -> HttpResponse {
    http(tau.addr(), "GET", target, &[("Authorization", "Token test-token")], "").await
}

fn is_drf_created(s: &str) -> bool {
    s.len() == 24 && s.as_bytes()[10] == b'T' && s.ends_with("+0000")
}

#[tokio::test]
async fn fake_tau_good_token_gets_no_reply_and_events_arrive_as_python_json_bytes() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let mut ws = authed_events_socket(&tau).await;

    // The fixture's bytes, with only the per-row values changed.
    let env = tau.fire_fixture("channel-follow");
    let got = text(ws.recv_within(ms(2000)).await);
    let path = format!("{}/tests/fixtures/channel-follow.json", env!("CARGO_MANIFEST_DIR"));
    let fixture_text = std::fs::read_to_string(path).unwrap();
    let fixture: Value = serde_json::from_str(&fixture_text).unwrap();
    let mut expected = fixture_text.trim_end().to_string();
    for key in ["id", "event_id", "created"] {
        expected = expected.replace(fixture[key].as_str().unwrap(), env[key].as_str().unwrap());
    }
    assert_eq!(got, expected);
    assert!(is_drf_created(env["created"].as_str().unwrap()));

    // Non-ASCII as \uXXXX (surrogate pairs), Python's separators and escapes.
    let env = tau.fire("channel-cheer", json!({"user_name": "Jürgen 🎉", "message": "a\"b\n"}));
    let got = text(ws.recv_within(ms(2000)).await);
    let expected = format!(
        r#"{{"id": "{}", "event_id": "{}", "event_type": "channel-cheer", "event_source": "EventSub", "event_data": {{"message": "a\"b\n", "user_name": "J\u00fcrgen \ud83c\udf89"}}, "created": "{}", "origin": "twitch"}}"#,
        env["id"].as_str().unwrap(),
        env["event_id"].as_str().unwrap(),
        env["created"].as_str().unwrap()
    );
    assert_eq!(got, expected);

    // Anything after auth is ignored, even a bad token.
    ws.send_text(r#"{"token": "nope"}"#).await;
    assert_eq!(ws.recv_within(ms(400)).await, Received::Timeout);
    tau.send_raw("raw frame");
    assert_eq!(text(ws.recv_within(ms(2000)).await), "raw frame");
    let attempts = tau.auth_attempts();
    assert_eq!(attempts.len(), 1);
    assert!(attempts[0].1);
}

#[tokio::test]
async fn fake_tau_bad_token_closes_1011_without_message() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    for frame in [r#"{"token": "nope"}"#, r#"{"token": null}"#, r#"{"token": 42}"#] {
        let mut ws = connect(&tau, EVENTS).await;
        ws.send_text(frame).await;
        assert_eq!(
            ws.recv_within(ms(1500)).await,
            Received::Close(Some(1011), String::new()),
            "{frame}"
        );
    }
    let attempts = tau.auth_attempts();
    assert_eq!(attempts.len(), 3);
    assert!(attempts.iter().all(|(_, ok)| !ok));
}

#[tokio::test]
async fn fake_tau_non_object_or_binary_first_frame_closes_1011() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    for frame in ["[1]", r#""x""#] {
        let mut ws = connect(&tau, EVENTS).await;
        ws.send_text(frame).await;
        assert_eq!(
            ws.recv_within(ms(1500)).await,
            Received::Close(Some(1011), String::new())
        );
    }
    let mut ws = connect(&tau, EVENTS).await;
    ws.send_binary(b"{\"token\": \"test-token\"}").await;
    assert_eq!(
        ws.recv_within(ms(1500)).await,
        Received::Close(Some(1011), String::new())
    );
}

#[tokio::test]
async fn fake_tau_tokenless_or_malformed_auth_stays_open_and_deaf_but_gets_keep_alives() {
    let tau = FakeTau::start(FakeTauOptions {
        keepalive_every: ms(200),
        ..Default::default()
    })
    .await;
    let mut no_token = connect(&tau, EVENTS).await;
    no_token.send_text(r#"{"hello": 1}"#).await;
    let mut malformed = connect(&tau, EVENTS).await;
    malformed.send_text("{bad json").await;
    let mut chat = connect(&tau, "/ws/chat-bots/testbot/").await;
    tokio::time::sleep(ms(100)).await;
    tau.fire("channel-follow", json!({"user_name": "Nobody"}));
    for ws in [&mut no_token, &mut malformed] {
        let texts = ws.texts_within(ms(700)).await;
        assert!(!texts.is_empty(), "no keep-alive within 700 ms");
        assert!(texts.iter().all(|t| t == KEEP_ALIVE), "{texts:?}");
        // Still open: the REST keep-alive probe reaches it.
        let r = http(
            tau.addr(),
            "POST",
            "/api/v1/twitch-events/keep-alive/",
            &[("Authorization", "Token test-token")],
            "",
        )
        .await;
        assert_eq!(r.text(), r#"{"sent":true}"#);
        assert_eq!(text(ws.recv_within(ms(1000)).await), KEEP_ALIVE);
    }
    // The worker's timer reaches chat-bot sockets too.
    assert_eq!(text(chat.recv_within(ms(1000)).await), KEEP_ALIVE);
    assert!(tau.auth_attempts().is_empty());
}

#[tokio::test]
async fn fake_tau_rest_pagination_is_cursor_based_newest_first_and_stable() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    for n in 0..13 {
        tau.store_only("channel-follow", json!({"n": n}));
    }
    tau.store_only("channel-cheer", json!({"n": 100}));
    let first = get_auth(&tau, "/api/v1/twitch-events/?event_type=channel-follow").await;
    assert_eq!(first.status, 200);
    let first = first.json();
    assert!(first.get("count").is_none());
    assert_eq!(first["previous"], Value::Null);
    let ns = |page: &Value| -> Vec<i64> {
        page["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["event_data"]["n"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ns(&first), (3..13).rev().collect::<Vec<_>>());
    let next = first["next"].as_str().unwrap().to_string();
    let prefix = format!("http://{}/api/v1/twitch-events/?cursor=", tau.host_port());
    assert!(next.starts_with(&prefix), "{next}");
    assert!(next.ends_with("&event_type=channel-follow"), "{next}");

    // A new event between pages does not shift the second page.
    tau.fire("channel-follow", json!({"n": 99}));
    let second = get_auth(&tau, &next).await.json();
    assert_eq!(ns(&second), vec![2, 1, 0]);
    assert_eq!(second["next"], Value::Null);
    assert!(second["previous"].is_string());
    let ids: HashSet<String> = [&first, &second]
        .iter()
        .flat_map(|p| p["results"].as_array().unwrap().clone())
        .map(|r| {
            assert_eq!(r["origin"], "twitch");
            assert!(is_drf_created(r["created"].as_str().unwrap()));
            r["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 13);

    // `next` is built from the request's Host header; a bad cursor is a 404.
    let r = http(
        tau.addr(),
        "GET",
        "/api/v1/twitch-events",
        &[("Authorization", "Token test-token"), ("Host", "tau.local:8000")],
        "",
    )
    .await;
    assert!(r.json()["next"]
        .as_str()
        .unwrap()
        .starts_with("http://tau.local:8000/api/v1/twitch-events?cursor="));
    let r = get_auth(&tau, "/api/v1/twitch-events/?cursor=garbage").await;
    assert_eq!(
        (r.status, r.text()),
        (404, r#"{"detail":"Invalid cursor"}"#.to_string())
    );
}

#[tokio::test]
async fn fake_tau_rest_auth_errors_are_drf_401s() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let r = http(tau.addr(), "GET", "/api/v1/twitch-events/", &[], "").await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.text(),
        r#"{"detail":"Authentication credentials were not provided."}"#
    );
    assert_eq!(r.header("www-authenticate"), Some("Token"));
    let wrong = [("Authorization", "Token wrong")];
    let r = http(tau.addr(), "GET", "/api/v1/twitch-events/", &wrong, "").await;
    assert_eq!(
        (r.status, r.text()),
        (401, r#"{"detail":"Invalid token."}"#.to_string())
    );
    assert_eq!(r.header("www-authenticate"), Some("Token"));

    // The AllowAny test endpoint: fine without a header, 401 with a wrong one.
    let json_ct = ("Content-Type", "application/json");
    let path = "/api/v1/twitch-events/channel-follow/test/";
    let r = http(tau.addr(), "POST", path, &[wrong[0], json_ct], r#"{"a": 1}"#).await;
    assert_eq!(r.status, 401);
    let r = http(tau.addr(), "POST", path, &[json_ct], r#"{"a": 1}"#).await;
    assert_eq!(r.status, 200);
    let env = r.json();
    assert_eq!(env["id"], Value::Null);
    assert_eq!(
        (env["origin"].as_str(), env["event_source"].as_str()),
        (Some("test"), Some("TestCall"))
    );
    let created = env["created"].as_str().unwrap();
    assert!(created.ends_with("+00:00") && created.len() >= 25, "{created}");
    assert!(env["event_id"].is_string());
    assert_eq!(tau.fire_test("subscribe", json!({}))["event_id"], Value::Null);
    assert_eq!(tau.stored_events(), 0, "test events are not stored");

    let r = http(tau.addr(), "GET", "/api/v1/heartbeat/", &[], "").await;
    assert_eq!((r.status, r.text()), (200, r#"{"message":"pong"}"#.to_string()));
}

#[tokio::test]
async fn fake_tau_replay_rebroadcasts_with_origin_replay_and_unknown_id_is_html_500() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let mut ws = authed_events_socket(&tau).await;
    let live = tau.fire_fixture("channel-raid");
    let _ = ws.recv_within(ms(2000)).await;
    let id = live["id"].as_str().unwrap();
    let r = http(
        tau.addr(),
        "POST",
        &format!("/api/v1/twitch-events/{id}/replay/"),
        &[("Authorization", "Token test-token")],
        "",
    )
    .await;
    assert_eq!(r.status, 200);
    let got = text(ws.recv_within(ms(2000)).await);
    // Same bytes as the replay fixture, jsonb key order included.
    let path = format!(
        "{}/tests/fixtures/replay_event.channel-raid.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let fixture_text = std::fs::read_to_string(path).unwrap();
    let fixture: Value = serde_json::from_str(&fixture_text).unwrap();
    let mut expected = fixture_text.trim_end().to_string();
    for key in ["id", "event_id", "created"] {
        expected = expected.replace(fixture[key].as_str().unwrap(), live[key].as_str().unwrap());
    }
    assert_eq!(got, expected);

    let r = http(
        tau.addr(),
        "POST",
        "/api/v1/twitch-events/00000000-0000-4000-8000-000000000000/replay/",
        &[("Authorization", "Token test-token")],
        "",
    )
    .await;
    assert_eq!(r.status, 500);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
}

#[tokio::test]
async fn fake_tau_cors_allows_any_origin_and_answers_preflight() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let r = http(
        tau.addr(),
        "OPTIONS",
        "/api/v1/twitch-events/",
        &[("Origin", "null"), ("Access-Control-Request-Method", "GET")],
        "",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("DELETE, GET, OPTIONS, PATCH, POST, PUT")
    );
    assert_eq!(r.header("access-control-max-age"), Some("86400"));
    let r = http(tau.addr(), "GET", "/api/v1/twitch-events/", &[("Origin", "null")], "").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn fake_tau_socket_paths_need_the_slash_and_chat_bots_need_a_known_login() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    for (path, status) in [
        ("/ws/twitch-events", 404),
        ("/ws/chat-bots/nobody/", 403),
        ("/ws/chat-bots/TestStreamer/", 403),
    ] {
        match WsClient::connect(tau.addr(), path).await {
            Err(ConnectError::Status(s)) => assert_eq!(s, status, "{path}"),
            other => panic!("{path}: expected HTTP {status}, got {:?}", other.map(|_| ())),
        }
    }
    let _streamer = connect(&tau, "/ws/chat-bots/teststreamer/").await;
    // A mixed-case bot URL passes the iexact lookup but joins a group nobody publishes to.
    let mut mixed = connect(&tau, "/ws/chat-bots/TestBot/").await;
    let mut exact = connect(&tau, "/ws/chat-bots/testbot/").await;
    tokio::time::sleep(ms(50)).await;
    assert_eq!(tau.chat_line("testbot", "hi", "Viewer"), 1);
    assert!(text(exact.recv_within(ms(1000)).await).contains("\"message-text\": \"hi\""));
    assert_eq!(mixed.recv_within(ms(300)).await, Received::Timeout);
}

#[tokio::test]
async fn fake_tau_chat_lines_reach_unauthenticated_sockets_in_fixture_shape() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let mut ws = connect(&tau, "/ws/chat-bots/testbot/").await;
    ws.send_text("{bad").await;
    assert_eq!(
        text(ws.recv_within(ms(1000)).await),
        r#"{"error": "the provided token does not match any users."}"#
    );
    ws.send_text(r#"{"x": 1}"#).await;
    assert_eq!(
        text(ws.recv_within(ms(1000)).await),
        r#"{"error": "the provided token does not match any users."}"#
    );
    assert_eq!(tau.chat_line("testbot", "hello there", "SomeViewer"), 1);
    let got = text(ws.recv_within(ms(1000)).await);
    let v: Value = serde_json::from_str(&got).unwrap();
    assert_eq!(v["irc_username"], "testbot");
    let d = &v["data"];
    assert_eq!(d["command"], "PRIVMSG");
    assert_eq!(d["params"], json!(["PRIVMSG", "#teststreamer", ":hello there\r\n"]));
    assert_eq!(d["message-text"], "hello there");
    assert_eq!(d["prefix"], ":someviewer!someviewer@someviewer.tmi.twitch.tv");
    assert_eq!(d["tags"]["display-name"], "SomeViewer");
    assert_eq!(d["tags"]["emotes"], json!([]));
    let raw = d["raw"].as_str().unwrap();
    assert!(raw.starts_with("@badge-info="));
    assert!(raw.ends_with(" :someviewer!someviewer@someviewer.tmi.twitch.tv PRIVMSG #teststreamer :hello there\r\n"));
    assert!(got.contains(r#"\r\n", "tags": {"#), "python-style escapes: {got}");

    // Same key order as the fixture, for the frame, `data` and `tags`.
    let keys = |j: &Json| -> Vec<String> {
        match j {
            Json::Object(o) => o.iter().map(|(k, _)| k.clone()).collect(),
            _ => panic!("not an object"),
        }
    };
    let ours = Json::parse(got.as_bytes()).unwrap();
    let path = format!("{}/tests/fixtures/chat_message.json", env!("CARGO_MANIFEST_DIR"));
    let fixture = Json::parse(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(keys(&ours), keys(&fixture));
    let data = |j: &Json| j.get("data").unwrap().clone();
    assert_eq!(keys(&data(&ours)), keys(&data(&fixture)));
    assert_eq!(
        keys(data(&ours).get("tags").unwrap()),
        keys(data(&fixture).get("tags").unwrap())
    );
}

#[tokio::test]
async fn fake_tau_chat_sends_after_auth_are_recorded_and_malformed_ones_close_1011() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let mut bad = connect(&tau, "/ws/chat-bots/testbot/").await;
    bad.send_text(r#"{"token": "nope"}"#).await;
    assert_eq!(
        bad.recv_within(ms(1500)).await,
        Received::Close(Some(1011), String::new())
    );

    let mut ws = connect(&tau, "/ws/chat-bots/testbot/").await;
    ws.send_text(GOOD_AUTH).await;
    assert_eq!(ws.recv_within(ms(300)).await, Received::Timeout);
    ws.send_text(r#"{"irc_channel": "teststreamer", "message": "Thanks!"}"#)
        .await;
    ws.send_text(r#"{"message": "no channel"}"#).await;
    let deadline = tokio::time::Instant::now() + ms(2000);
    while tau.chat_sent().len() < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(ms(10)).await;
    }
    assert_eq!(
        tau.chat_sent(),
        vec![
            json!({"irc_channel": "teststreamer", "message": "Thanks!"}),
            json!({"irc_channel": "", "message": "no channel"}),
        ]
    );
    ws.send_text("{bad").await;
    assert_eq!(
        ws.recv_within(ms(1500)).await,
        Received::Close(Some(1011), String::new())
    );
}

#[tokio::test]
async fn fake_tau_stop_and_restart_keep_the_port_and_the_store() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let addr = tau.addr();
    let mut ws = authed_events_socket(&tau).await;
    tau.fire("channel-follow", json!({"n": 1}));
    let _ = text(ws.recv_within(ms(2000)).await);

    tau.stop().await;
    assert_eq!(
        ws.recv_within(ms(1000)).await,
        Received::Eof,
        "stop is abrupt: no close frame"
    );
    assert!(!tau.is_running());
    assert!(matches!(
        WsClient::connect(addr, EVENTS).await,
        Err(ConnectError::Io(_))
    ));
    for n in 0..20 {
        tau.store_only("channel-follow", json!({"outage": n}));
    }
    tau.fire("channel-cheer", json!({"bits": 100}));

    tau.restart().await;
    assert_eq!(tau.addr(), addr);
    assert_eq!(tau.stored_events(), 22);
    let page = get_auth(&tau, "/api/v1/twitch-events/").await.json();
    assert_eq!(page["results"][0]["event_type"], "channel-cheer");
    let mut ws = authed_events_socket(&tau).await;
    tau.fire("channel-follow", json!({"n": 2}));
    assert!(text(ws.recv_within(ms(2000)).await).contains(r#""event_data": {"n": 2}"#));
}

#[tokio::test]
async fn fake_tau_closes_sockets_with_1000_after_max_age_and_on_drop_all() {
    let tau = FakeTau::start(FakeTauOptions {
        max_socket_age: Some(ms(400)),
        ..Default::default()
    })
    .await;
    let mut ws = connect(&tau, EVENTS).await;
    assert_eq!(ws.recv_within(ms(250)).await, Received::Timeout);
    assert_eq!(
        ws.recv_within(ms(2000)).await,
        Received::Close(Some(1000), String::new())
    );

    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let mut a = authed_events_socket(&tau).await;
    let mut b = connect(&tau, "/ws/chat-bots/testbot/").await;
    tau.drop_all();
    for ws in [&mut a, &mut b] {
        assert_eq!(
            ws.recv_within(ms(2000)).await,
            Received::Close(Some(1000), String::new())
        );
    }
}

#[tokio::test]
async fn fake_tau_stall_silences_sockets_until_a_new_one_is_opened_after_it() {
    let tau = FakeTau::start(FakeTauOptions::default()).await;
    let mut before = authed_events_socket(&tau).await;
    tau.stall(true);
    let mut during = connect(&tau, EVENTS).await; // the handshake still completes
    during.send_text(GOOD_AUTH).await;
    tokio::time::sleep(ms(100)).await;
    tau.fire("channel-follow", json!({}));
    tau.keep_alive_now();
    assert_eq!(before.recv_within(ms(400)).await, Received::Timeout);
    assert_eq!(during.recv_within(ms(100)).await, Received::Timeout);
    assert_eq!(tau.auth_attempts().len(), 1, "stalled sockets' frames are ignored");

    tau.stall(false);
    let mut after = authed_events_socket(&tau).await;
    tau.fire("channel-follow", json!({}));
    assert!(text(after.recv_within(ms(2000)).await).contains("channel-follow"));
    assert_eq!(before.recv_within(ms(300)).await, Received::Timeout);
    assert_eq!(during.recv_within(ms(100)).await, Received::Timeout);
}
