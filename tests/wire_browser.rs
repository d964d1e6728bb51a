//! The browser's decoding path against the host's, on every fixture, in headless Chromium.
//!
//! In wasm, [`Frame::parse`] and [`wire::parse`] go through `JSON.parse` and
//! `serde_wasm_bindgen`; the native tests decode with `serde_json`. Both feed the same derived
//! `Deserialize` impls, and these tests check that the two paths give the same frames.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use tau_overlay::tau::chat::line::{AuthFrame, SayFrame};
use tau_overlay::tau::protocol::{Envelope, Frame, TauEvent};
use tau_overlay::tau::wire::{self, Json};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `(name, text)` of each named fixture, embedded at compile time (the browser has no files).
macro_rules! fixtures {
    ($($name:literal,)*) => {
        &[$(($name, include_str!(concat!("fixtures/", $name)))),*]
    };
}

/// Every `.json` fixture in `tests/fixtures/`.
const FIXTURES: &[(&str, &str)] = fixtures![
    "channel-ban.json",
    "channel-channel_points_custom_reward-add.json",
    "channel-channel_points_custom_reward-remove.json",
    "channel-channel_points_custom_reward-update.json",
    "channel-channel_points_custom_reward_redemption-add.json",
    "channel-channel_points_custom_reward_redemption-add.use_irc.json",
    "channel-channel_points_custom_reward_redemption-update.json",
    "channel-charity_campaign-donate.json",
    "channel-charity_campaign-progress.json",
    "channel-charity_campaign-start.json",
    "channel-charity_campaign-stop.json",
    "channel-cheer.json",
    "channel-follow.json",
    "channel-goal-begin.json",
    "channel-goal-end.json",
    "channel-goal-progress.json",
    "channel-hype_train-begin.json",
    "channel-hype_train-end.json",
    "channel-hype_train-progress.json",
    "channel-moderator-add.json",
    "channel-moderator-remove.json",
    "channel-poll-begin.json",
    "channel-poll-end.json",
    "channel-poll-progress.json",
    "channel-prediction-begin.json",
    "channel-prediction-end.json",
    "channel-prediction-lock.json",
    "channel-prediction-progress.json",
    "channel-raid.json",
    "channel-shield_mode-begin.json",
    "channel-shield_mode-end.json",
    "channel-shoutout-create.json",
    "channel-shoutout-receive.json",
    "channel-subscribe.json",
    "channel-subscription-end.json",
    "channel-subscription-gift.json",
    "channel-subscription-message.json",
    "channel-unban.json",
    "channel-update.json",
    "chat_error.json",
    "chat_message.json",
    "chat_send.json",
    "client_auth.json",
    "keep_alive.json",
    "replay_event.channel-raid.json",
    "rest_twitch_events_list.json",
    "stream-offline.json",
    "stream-online.json",
    "subscribe.json",
    "tau_status_snapshot.json",
    "test_event.channel-follow.json",
];

/// What the native tests get: `serde_json`'s parse, then the shared decoder.
fn native(text: &str) -> Frame {
    Frame::from_value(serde_json::from_str(text).expect("fixture is JSON")).expect("fixture decodes")
}

#[wasm_bindgen_test]
fn every_fixture_decodes_through_json_parse_as_it_does_natively() {
    let mut typed = 0;
    for (name, text) in FIXTURES {
        let browser = Frame::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(browser, native(text), "{name}");
        assert_eq!(
            wire::parse(text).ok(),
            serde_json::from_str::<Value>(text).ok(),
            "{name}"
        );
        if let Frame::Event(envelope) = &browser {
            // A fixture named after its event type must decode to that type, on both paths.
            let kind = name.trim_end_matches(".json").rsplit('.').next().unwrap_or_default();
            if TauEvent::EVENT_TYPES.contains(&kind) {
                assert_eq!(envelope.event.kind_name(), kind, "{name}");
                typed += 1;
            }
        }
    }
    assert!(typed >= 33, "only {typed} typed fixtures");
}

#[wasm_bindgen_test]
fn rest_rows_decode_through_json_parse_as_they_do_natively() {
    let (_, text) = FIXTURES
        .iter()
        .find(|(n, _)| *n == "rest_twitch_events_list.json")
        .unwrap();
    // The overlay's path: the rows of the object `JSON.parse` returned, each decoded from JS.
    let page = wire::parse_document(text).unwrap();
    let browser = page.member("results").and_then(|r| r.elements()).unwrap();
    let host: Value = serde_json::from_str(text).unwrap();
    let host = host["results"].as_array().cloned().unwrap();
    assert!(!browser.is_empty());
    assert_eq!(browser.len(), host.len());
    for (b, h) in browser.into_iter().zip(host) {
        assert_eq!(Envelope::from_document(b).unwrap(), Envelope::from_value(h).unwrap());
    }
}

#[wasm_bindgen_test]
fn hand_made_payloads_decode_from_js_objects_as_they_do_natively() {
    let payloads = [
        (
            "channel-cheer",
            r#"{"bits": "100", "is_anonymous": "false", "user_name": "Ana"}"#,
        ),
        ("channel-cheer", r#"{"bits": "lots", "user_name": "Ana"}"#),
        ("channel-follow", r#"{"user_name": null}"#),
        ("channel-follow", r#"{"followed_at": null, "user_id": ""}"#),
        ("channel-follow", r#"[]"#),
        ("channel-subscribe", r#"{"tier": 3000}"#),
        (
            "channel-charity_campaign-donate",
            r#"{"broadcaster_id": "9", "broadcaster_user_id": "1",
            "broadcaster_name": "Tau", "amount": {"value": "1500", "decimal_places": 2, "currency": "USD"}}"#,
        ),
        (
            "channel-charity_campaign-start",
            r#"{"broadcaster_user_id": null, "broadcaster_id": "1"}"#,
        ),
        (
            "channel-prediction-progress",
            r#"{"outcomes": [{"id": "a", "top_predictors": {"user_name": "Ana",
            "channel_points_used": "50"}}, {"id": "b", "top_predictors": {}}, {"id": "c", "top_predictors": null}]}"#,
        ),
        ("channel-prediction-end", r#"{"outcomes": {"id": "a"}}"#),
        ("channel-prediction-end", r#"{"outcomes": ["a"]}"#),
        (
            "channel-channel_points_custom_reward_redemption-add",
            r#"{"user_input_emotes": [{"id": "25",
            "positions": [[0, 4], [6, 10]]}]}"#,
        ),
        (
            "channel-channel_points_custom_reward_redemption-add",
            r#"{"user_input_emotes": [{"id": "25",
            "positions": [[0, -4]]}]}"#,
        ),
        (
            "channel-channel_points_custom_reward_redemption-add",
            r#"{"user_input_emotes": [{"id": "25", "positions": [[0, 4, 5]]}]}"#,
        ),
        (
            "channel-channel_points_custom_reward_redemption-add",
            r#"{"user_input_emotes": [{"id": "25", "positions": [[0]]}]}"#,
        ),
        (
            "channel-channel_points_custom_reward_redemption-add",
            r#"{"reward": null}"#,
        ),
        ("channel-update", r#"{"title": "kept raw"}"#),
    ];
    for (event_type, data) in payloads {
        let frame = format!(r#"{{"id": "x", "event_type": "{event_type}", "event_data": {data}}}"#);
        assert_eq!(Frame::parse(&frame).unwrap(), native(&frame), "{event_type} {data}");
    }
}

#[wasm_bindgen_test]
fn outgoing_frames_are_the_json_serde_json_writes() {
    let auth = AuthFrame { token: "t\"ok\u{1}é" };
    assert_eq!(wire::to_string(&auth), serde_json::to_string(&auth).unwrap());
    let say = SayFrame {
        irc_channel: "chan",
        message: "hi \\ there",
    };
    assert_eq!(wire::to_string(&say), serde_json::to_string(&say).unwrap());
}

#[wasm_bindgen_test]
fn text_that_is_not_json_is_refused_by_json_parse() {
    for bad in ["", "{", "{\"a\":}", "[1,]", "nul"] {
        assert!(Frame::parse(bad).is_err(), "{bad:?}");
    }
}
