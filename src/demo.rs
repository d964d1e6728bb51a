//! The built-in demo feed (`#demo`): sample events every few seconds, no server needed.
//!
//! Pure: the shell asks [`DemoFeed::next_events`] at [`DemoFeed::next_at`]. Events are written as
//! the text of real TAU frames (`origin: "test"`, `id: null`) and decoded by [`Frame::parse`] like
//! live ones, so the demo exercises the whole real path (JSON text, envelope, typed payload):
//! follows mostly, and now and then a sub, a resub, a cheer, a raid, a redemption or a gift bomb
//! (one gift event plus its recipients' subs).

use crate::clock::{Instant, Rng};
use crate::protocol::{Envelope, Frame};
use crate::wire;
use core::time::Duration;

const NAMES: &[&str] = &[
    "PixelPanda",
    "night_owl_42",
    "CaptainCozy",
    "LunaLurker",
    "Büsra",
    "glitchgoblin",
    "SirSnacksAlot",
    "tea_and_tactics",
];

/// Produces sample events at jittered intervals.
#[derive(Debug)]
pub struct DemoFeed {
    rng: Rng,
    next_at: Instant,
    every: Duration,
    serial: u64,
}

impl DemoFeed {
    /// A feed whose first event is due at `start`, then about every `every` (±50 %).
    pub fn new(seed: u64, start: Instant, every: Duration) -> Self {
        DemoFeed {
            rng: Rng::new(seed),
            next_at: start,
            every,
            serial: 0,
        }
    }

    /// When the next event is due.
    pub fn next_at(&self) -> Instant {
        self.next_at
    }

    /// The next sample event(s) — several for a gift bomb — and schedules the next batch.
    pub fn next_events(&mut self, now: Instant) -> Vec<Envelope> {
        let half = self.every.as_millis() as u64 / 2;
        self.next_at = now + Duration::from_millis(half + self.rng.below_inclusive(self.every.as_millis() as u64));
        self.serial += 1;
        let name = self.pick(NAMES);
        let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
        let with_user = |extra: &str| {
            format!(
                r#"{{"user_id":"0","user_login":{login},"user_name":{quoted},{extra},"broadcaster_user_id":"0","broadcaster_user_login":"demo","broadcaster_user_name":"Demo"}}"#
            )
        };
        let roll = self.rng.below_inclusive(99);
        let events: Vec<(&str, String)> = match roll {
            0..=54 => vec![("channel-follow", with_user(r#""followed_at":"2024-01-01T00:00:00Z""#))],
            55..=64 => vec![("channel-subscribe", with_user(r#""tier":"1000","is_gift":false"#))],
            65..=72 => {
                let months = 2 + self.rng.below_inclusive(40);
                vec![(
                    "channel-subscription-message",
                    with_user(&format!(
                        r#""tier":"1000","message":{{"text":"Love the streams!","emotes":null}},"cumulative_months":{months},"streak_months":null,"duration_months":1"#
                    )),
                )]
            }
            73..=82 => {
                let bits = [100, 250, 500, 1000][self.rng.below_inclusive(3) as usize];
                vec![(
                    "channel-cheer",
                    with_user(&format!(
                        r#""is_anonymous":false,"message":"Cheer{bits} great play","bits":{bits}"#
                    )),
                )]
            }
            83..=88 => {
                let viewers = 5 + self.rng.below_inclusive(200);
                vec![(
                    "channel-raid",
                    format!(
                        r#"{{"from_broadcaster_user_id":"1","from_broadcaster_user_login":{login},"from_broadcaster_user_name":{quoted},"to_broadcaster_user_id":"0","to_broadcaster_user_login":"demo","to_broadcaster_user_name":"Demo","viewers":{viewers}}}"#
                    ),
                )]
            }
            89..=94 => vec![(
                "channel-channel_points_custom_reward_redemption-add",
                with_user(&format!(
                    r#""id":"demo-{}","user_input":"","status":"unfulfilled","reward":{{"id":"r1","title":"Hydrate!","cost":500,"prompt":""}},"redeemed_at":"2024-01-01T00:00:00Z""#,
                    self.serial
                )),
            )],
            _ => {
                let total = 3 + self.rng.below_inclusive(7);
                let mut batch = vec![(
                    "channel-subscription-gift",
                    with_user(&format!(
                        r#""total":{total},"tier":"1000","cumulative_total":null,"is_anonymous":false"#
                    )),
                )];
                for _ in 0..total {
                    let to = self.pick(NAMES);
                    batch.push((
                        "channel-subscribe",
                        format!(
                            r#"{{"user_id":"0","user_login":{},"user_name":{},"tier":"1000","is_gift":true}}"#,
                            wire::to_string(&to.to_ascii_lowercase()),
                            wire::to_string(to)
                        ),
                    ));
                }
                batch
            }
        };
        events
            .into_iter()
            .filter_map(|(kind, data)| envelope(kind, &data))
            .collect()
    }

    fn pick(&mut self, from: &[&'static str]) -> &'static str {
        from[self.rng.below_inclusive(from.len() as u64 - 1) as usize]
    }
}

/// Wraps `event_data` (JSON text) in a test-event frame and decodes it with [`Frame::parse`],
/// exactly as a frame from the socket is decoded.
fn envelope(event_type: &str, event_data: &str) -> Option<Envelope> {
    let frame = format!(
        r#"{{"id":null,"event_id":null,"event_type":"{event_type}","event_source":"TestCall","event_data":{event_data},"created":"2024-01-01T00:00:00+00:00","origin":"test"}}"#
    );
    // Demo frames are always well-formed envelopes (the tests check every kind).
    match Frame::parse(&frame) {
        Ok(Frame::Event(envelope)) => Some(*envelope),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{AlertClass, AlertInput};
    use crate::protocol::TauEvent;
    use std::collections::HashSet;

    #[test]
    fn demo_emits_typed_alertable_events_of_every_class_at_jittered_intervals() {
        let mut feed = DemoFeed::new(1, Instant(0), Duration::from_secs(4));
        let mut now = feed.next_at();
        let mut classes = HashSet::new();
        for _ in 0..400 {
            let batch = feed.next_events(now);
            assert!(!batch.is_empty());
            for e in &batch {
                assert!(!matches!(e.event, TauEvent::Unknown { .. }), "{e:?}");
                assert!(e.is_test());
                let input = AlertInput::from_envelope(e).expect("every demo event makes an alert");
                classes.insert(input.class.name());
            }
            let gap = feed.next_at() - now;
            assert!(
                gap >= Duration::from_secs(2) && gap <= Duration::from_secs(6),
                "{gap:?}"
            );
            now = feed.next_at();
        }
        for class in [
            AlertClass::Follow,
            AlertClass::Sub,
            AlertClass::Resub,
            AlertClass::Cheer,
            AlertClass::Raid,
            AlertClass::Redemption,
            AlertClass::GiftBomb,
        ] {
            assert!(classes.contains(class.name()), "{classes:?} lacks {}", class.name());
        }
    }
}
