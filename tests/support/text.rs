//! Helpers shared by the viewer-text tests: fixture events and fragment shorthands.
#![allow(dead_code)]

use std::path::Path;
use tau_overlay::tau::protocol::events::TauEvent;
use tau_overlay::tau::protocol::Frame;
use tau_overlay::text::{EmotePosition, Fragment};

/// The event of fixture `name` (from `tests/fixtures/`).
pub fn event(name: &str) -> TauEvent {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    match Frame::parse(&text) {
        Ok(Frame::Event(e)) => e.event,
        other => panic!("{name}: {other:?}"),
    }
}

pub fn text(s: &str) -> Fragment {
    Fragment::Text(s.into())
}

pub fn emote(id: &str, alt: &str) -> Fragment {
    Fragment::Emote {
        id: id.into(),
        alt: alt.into(),
    }
}

pub fn at(begin: usize, end: usize, id: &str) -> EmotePosition {
    EmotePosition {
        begin,
        end,
        id: id.into(),
    }
}
