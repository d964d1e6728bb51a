#![cfg(not(target_arch = "wasm32"))]
//! Every alert the overlay shows has a complete default text (issue 7 points 6 and 10): real
//! fixtures through `Frame::parse`, the adapter and the engine, as the overlay does.

use std::path::Path;
use tau_overlay::engine::*;
use tau_overlay::tau::protocol::{Envelope, Frame, TauEvent};
use tau_overlay::text::parts::{MAX_MESSAGE_CHARS, MAX_NAME_CHARS};
use tau_overlay::util::clock::Instant;

fn fixture(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn parse(frame: &str) -> Envelope {
    match Frame::parse(frame) {
        Ok(Frame::Event(e)) => *e,
        other => panic!("expected an event, got {other:?}"),
    }
}

/// The alert the engine shows for `frame`, if any.
fn shown(frame: &serde_json::Value) -> Option<AlertView> {
    let input = AlertInput::from_envelope(&parse(&frame.to_string()))?;
    let mut engine = Engine::new(EngineConfig::default(), 1);
    engine.push(input, Instant(0));
    engine.poll(Instant(0)).into_iter().find_map(|a| match a {
        EngineAction::Show(view) => Some(*view),
        _ => None,
    })
}

fn headline(name: &str) -> String {
    shown(&fixture(name)).expect("an alert").headline_text()
}

#[test]
fn hype_train_begin_and_end_show_their_level_not_only_someone() {
    assert_eq!(
        headline("channel-hype_train-begin.json"),
        "A hype train started at level 1!"
    );
    assert_eq!(
        headline("channel-hype_train-end.json"),
        "The hype train ended at level 2!"
    );
}

#[test]
fn charity_donation_shows_the_amount_with_its_currency() {
    assert_eq!(
        headline("channel-charity_campaign-donate.json"),
        "TestFollower donated $15.00 to Example Charity!"
    );
    let mut frame = fixture("channel-charity_campaign-donate.json");
    frame["event_data"]["amount"] = serde_json::json!({"value": 505, "decimal_places": 2, "currency": "CHF"});
    frame["event_data"]["charity_name"] = "".into();
    assert_eq!(shown(&frame).unwrap().headline_text(), "TestFollower donated 5.05 CHF!");
}

#[test]
fn shoutout_received_shows_the_viewer_count() {
    assert_eq!(
        headline("channel-shoutout-receive.json"),
        "TestRaider shouted you out to 42 viewers!"
    );
}

#[test]
fn ten_kilobyte_name_and_message_are_cut_with_an_ellipsis() {
    let mut frame = fixture("channel-cheer.json");
    frame["event_data"]["user_name"] = "N".repeat(10_000).into();
    frame["event_data"]["message"] = format!("Cheer100 {}\u{202E}", "m".repeat(10_000)).into();
    let view = shown(&frame).expect("a cheer alert");
    let name = view.headline[0].text();
    assert_eq!(name.chars().count(), MAX_NAME_CHARS);
    assert!(name.ends_with('…'), "{name}");
    assert_eq!(view.user.as_deref(), Some(name));
    let message = view.message_text();
    assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
    assert!(message.ends_with('…') && !message.contains('\u{202E}'));
}

#[test]
fn frame_with_a_duplicate_event_type_key_is_no_someone_raiding_with_0_viewers() {
    // A follow's data under a second `event_type: channel-raid` key: the last key wins.
    let follow = fixture("channel-follow.json");
    let text = follow.to_string();
    let frame = format!("{},\"event_type\":\"channel-raid\"}}", &text[..text.len() - 1]);
    let envelope = parse(&frame);
    assert!(matches!(envelope.event, TauEvent::Raid(_)), "{:?}", envelope.event);
    assert_eq!(AlertInput::from_envelope(&envelope), None);
}

#[test]
fn raid_with_0_viewers_or_no_name_is_not_an_alert() {
    let mut frame = fixture("channel-raid.json");
    assert!(headline("channel-raid.json").contains("is raiding with"));
    frame["event_data"]["viewers"] = 0.into();
    assert!(shown(&frame).is_none(), "0 viewers");
    let mut frame = fixture("channel-raid.json");
    frame["event_data"]["from_broadcaster_user_name"] = "".into();
    frame["event_data"]["from_broadcaster_user_login"] = " ".into();
    assert!(shown(&frame).is_none(), "no name");
}
