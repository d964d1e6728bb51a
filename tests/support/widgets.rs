//! Helpers shared by the live-widget tests: fixture envelopes and their variants.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::Path;
use tau_overlay::tau::protocol::{Envelope, Frame};

/// Fixture `name` (`tests/fixtures/<name>.json`) as JSON, to edit before parsing.
pub fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// `frame` through `Frame::parse`, as the overlay reads it.
pub fn envelope(frame: &Value) -> Envelope {
    match Frame::parse(&frame.to_string()) {
        Ok(Frame::Event(e)) => *e,
        other => panic!("expected an event, got {other:?}"),
    }
}

/// The envelope of fixture `name`, unchanged.
pub fn event(name: &str) -> Envelope {
    envelope(&fixture(name))
}

/// Fixture `name` with `event_data` keys set from `patch`.
pub fn patched(name: &str, patch: Value) -> Envelope {
    let mut frame = fixture(name);
    for (k, v) in patch.as_object().unwrap() {
        frame["event_data"][k] = v.clone();
    }
    envelope(&frame)
}

/// Fixture `name` as the TAU dashboard's test button sends it (`id` null, `origin: "test"`).
pub fn test_event(name: &str, patch: Value) -> Envelope {
    let mut frame = fixture(name);
    for (k, v) in patch.as_object().unwrap() {
        frame["event_data"][k] = v.clone();
    }
    frame["id"] = Value::Null;
    frame["origin"] = json!("test");
    frame["event_source"] = json!("TestCall");
    envelope(&frame)
}

/// Fixture `name` as a replay of its stored row (`origin: "replay"`).
pub fn replay(name: &str, patch: Value) -> Envelope {
    let mut frame = fixture(name);
    for (k, v) in patch.as_object().unwrap() {
        frame["event_data"][k] = v.clone();
    }
    frame["origin"] = json!("replay");
    envelope(&frame)
}
