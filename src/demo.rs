//! The built-in demo feed (`#demo`): sample events every few seconds, no server needed.
//!
//! Pure: the shell asks [`DemoFeed::next_event`] at [`DemoFeed::next_at`]. Events are built as
//! real TAU frames (`origin: "test"`, `id: null`) and decoded by the same parser as live ones, so
//! the demo exercises the real path.

use crate::clock::{Instant, Rng};
use crate::protocol::{Envelope, Frame};
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

/// Produces sample follows at jittered intervals.
#[derive(Debug)]
pub struct DemoFeed {
    rng: Rng,
    next_at: Instant,
    every: Duration,
}

impl DemoFeed {
    /// A feed whose first event is due at `start`, then about every `every` (±50 %).
    pub fn new(seed: u64, start: Instant, every: Duration) -> Self {
        DemoFeed {
            rng: Rng::new(seed),
            next_at: start,
            every,
        }
    }

    /// When the next event is due.
    pub fn next_at(&self) -> Instant {
        self.next_at
    }

    /// The next sample event, and schedules the one after it.
    pub fn next_event(&mut self, now: Instant) -> Envelope {
        let name = NAMES[self.rng.below_inclusive(NAMES.len() as u64 - 1) as usize];
        let half = self.every.as_millis() as u64 / 2;
        self.next_at = now + Duration::from_millis(half + self.rng.below_inclusive(self.every.as_millis() as u64));
        let frame = serde_json::json!({
            "id": null,
            "event_id": null,
            "event_type": "channel-follow",
            "event_source": "TestCall",
            "event_data": {
                "user_id": "0",
                "user_login": name.to_lowercase(),
                "user_name": name,
                "broadcaster_user_id": "0",
                "broadcaster_user_login": "demo",
                "broadcaster_user_name": "Demo",
                "followed_at": "2024-01-01T00:00:00Z"
            },
            "created": "2024-01-01T00:00:00+00:00",
            "origin": "test"
        });
        match Frame::from_value(frame) {
            Ok(Frame::Event(envelope)) => *envelope,
            other => unreachable!("demo frames are well-formed envelopes: {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::TauEvent;

    #[test]
    fn demo_emits_parsed_follows_at_jittered_intervals() {
        let mut feed = DemoFeed::new(1, Instant(0), Duration::from_secs(4));
        let mut now = feed.next_at();
        for _ in 0..50 {
            let e = feed.next_event(now);
            assert!(matches!(&e.event, TauEvent::Follow(f) if NAMES.contains(&f.user_name.as_str())));
            assert!(e.is_test());
            let gap = feed.next_at() - now;
            assert!(
                gap >= Duration::from_secs(2) && gap <= Duration::from_secs(6),
                "{gap:?}"
            );
            now = feed.next_at();
        }
    }
}
