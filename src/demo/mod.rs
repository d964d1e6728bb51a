//! The built-in demo feed (`#demo`): sample events paced to the alert engine, no server needed.
//!
//! Pure: the shell asks [`DemoFeed::next_events`] at [`DemoFeed::next_at`]. Events are written as
//! the text of real TAU frames (`origin: "test"`, `id: null`) and decoded by [`Frame::parse`] like
//! live ones, so the demo exercises the whole real path (JSON text, envelope, typed payload).
//!
//! Pacing: each batch is followed by a pause as long as the engine will keep its alerts on
//! screen (duration + `slack_ms` + `exit_ms` per alert, read from the [`EngineConfig`]), so the
//! queue never grows. The feed opens with a tour of every kind of alert, shortest first (a
//! follow, a redemption, a sub, a cheer, a resub, a raid and a gift bomb, so every class shows
//! in the first minute; then stream online, a Prime sub, a single gift, a hype train's begin,
//! level-up and end, a goal reached, poll and prediction results, a charity donation, a
//! shoutout and a follow flood: every type within two and a half minutes), then continues with weighted random
//! picks: follows mostly, now and then any other kind. A gift bomb is one gift event plus its
//! recipients' subs, a flood a burst of follows at once: the engine turns them into one
//! gift-bomb alert and a "+N new followers" summary, as it does live.

mod events;

use crate::engine::{AlertClass, EngineConfig};
use crate::tau::protocol::{Envelope, Frame};
use crate::util::clock::{Instant, Rng};
use core::time::Duration;
use events as ev;

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

/// One demo batch: what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Follow,
    /// Several follows at once (beyond the follow flood budget: a summary alert).
    FollowFlood,
    Sub,
    PrimeSub,
    Resub,
    Cheer,
    Raid,
    Redemption,
    /// One gift event for one sub, plus its recipient's sub.
    GiftOne,
    /// One gift event plus its recipients' subs.
    GiftBomb,
    /// The next step of the current hype train: begin, a level-up, or its end.
    HypeTrain,
    Goal,
    Poll,
    Prediction,
    Charity,
    Shoutout,
    StreamOnline,
}

/// The opening tour: every kind, shortest default alerts first so several show early.
const OPENING: [Kind; 19] = [
    Kind::Follow,
    Kind::Redemption,
    Kind::Sub,
    Kind::Cheer,
    Kind::Resub,
    Kind::Raid,
    Kind::GiftBomb,
    Kind::StreamOnline,
    Kind::PrimeSub,
    Kind::GiftOne,
    Kind::HypeTrain,
    Kind::HypeTrain,
    Kind::HypeTrain,
    Kind::Goal,
    Kind::Poll,
    Kind::Prediction,
    Kind::Charity,
    Kind::Shoutout,
    Kind::FollowFlood,
];

/// After the tour: (kind, weight out of 100). A stream goes online once: only in the tour.
const WEIGHTS: [(Kind, u64); 16] = [
    (Kind::Follow, 34),
    (Kind::FollowFlood, 4),
    (Kind::Sub, 8),
    (Kind::PrimeSub, 2),
    (Kind::Resub, 8),
    (Kind::Cheer, 10),
    (Kind::Raid, 5),
    (Kind::Redemption, 8),
    (Kind::GiftOne, 2),
    (Kind::GiftBomb, 4),
    (Kind::HypeTrain, 4),
    (Kind::Goal, 2),
    (Kind::Poll, 2),
    (Kind::Prediction, 2),
    (Kind::Charity, 3),
    (Kind::Shoutout, 2),
];

/// Rewards a demo viewer redeems: (title, cost, the viewer's input).
const REWARDS: [(&str, u64, &str); 3] = [
    ("Hydrate!", 500, ""),
    ("Song request", 1000, "Never Gonna Give You Up"),
    ("Pick my next emote", 2500, "a dancing cat"),
];

/// The classes the demo shows; every [`AlertClass::Other`] shares the last slot.
const PACED: [AlertClass; 8] = [
    AlertClass::Follow,
    AlertClass::Sub,
    AlertClass::Resub,
    AlertClass::Cheer,
    AlertClass::Raid,
    AlertClass::Redemption,
    AlertClass::GiftBomb,
    AlertClass::Other("other"),
];

fn slot(class: AlertClass) -> usize {
    PACED.iter().position(|&c| c == class).unwrap_or(PACED.len() - 1)
}

/// Pause added after each batch's screen time, so alerts do not touch: 200–600 ms.
const GAP_MS: (u64, u64) = (200, 400);

/// Produces sample events, one batch once the previous one has left the screen.
#[derive(Debug)]
pub struct DemoFeed {
    rng: Rng,
    next_at: Instant,
    /// Time on screen per class slot (duration + slack + exit), from the engine's config.
    screen: [Duration; PACED.len()],
    /// The follow flood budget, if any.
    flood_max: Option<u32>,
    serial: u64,
    /// The current hype train: (level, top level).
    hype: Option<(u64, u64)>,
}

impl DemoFeed {
    /// A feed whose first batch is due at `start`, paced to an engine running `config`.
    pub fn new(seed: u64, start: Instant, config: &EngineConfig) -> Self {
        DemoFeed {
            rng: Rng::new(seed),
            next_at: start,
            screen: PACED.map(|class| {
                config
                    .duration(class)
                    .min(Duration::from_millis(config.max_duration_ms))
                    + Duration::from_millis(config.slack_ms + config.exit_ms)
            }),
            flood_max: config.flood(AlertClass::Follow).map(|f| f.max),
            serial: 0,
            hype: None,
        }
    }

    /// When the next batch is due.
    pub fn next_at(&self) -> Instant {
        self.next_at
    }

    /// The next sample event(s) — several for a gift bomb or a flood — and schedules the next
    /// batch for when their alerts will have left the screen.
    pub fn next_events(&mut self, now: Instant) -> Vec<Envelope> {
        let kind = match OPENING.get(self.serial as usize) {
            Some(&kind) => kind,
            None => self.weighted(),
        };
        self.serial += 1;
        let (events, (class, alerts)) = self.batch(kind);
        let gap = GAP_MS.0 + self.rng.below_inclusive(GAP_MS.1);
        let screen = self.screen[slot(class)] * alerts;
        self.next_at = now + screen + Duration::from_millis(gap);
        events
            .into_iter()
            .filter_map(|(kind, data)| envelope(kind, &data))
            .collect()
    }

    fn weighted(&mut self) -> Kind {
        let mut roll = self.rng.below_inclusive(WEIGHTS.iter().map(|w| w.1).sum::<u64>() - 1);
        for (kind, weight) in WEIGHTS {
            if roll < weight {
                return kind;
            }
            roll -= weight;
        }
        Kind::Follow
    }

    fn pick(&mut self, from: &[&'static str]) -> &'static str {
        from[self.rng.below_inclusive(from.len() as u64 - 1) as usize]
    }

    /// The frames of one batch (event type, `event_data` JSON) and the alerts it will show (all
    /// of one class).
    fn batch(&mut self, kind: Kind) -> (Vec<(&'static str, String)>, (AlertClass, u32)) {
        let name = self.pick(NAMES);
        let one = |frame, class| (vec![frame], (class, 1));
        let other = AlertClass::Other("other");
        match kind {
            Kind::Follow => one(ev::follow(name), AlertClass::Follow),
            Kind::FollowFlood => {
                let n = 7 + self.rng.below_inclusive(5);
                let follows: Vec<_> = (0..n).map(|_| ev::follow(self.pick(NAMES))).collect();
                let shown = match self.flood_max.map(u64::from) {
                    Some(max) if n > max => max + 1,
                    _ => n,
                };
                (follows, (AlertClass::Follow, shown as u32))
            }
            Kind::Sub => {
                let tier = ["1000", "1000", "2000", "3000"][self.rng.below_inclusive(3) as usize];
                one(ev::sub(name, tier), AlertClass::Sub)
            }
            Kind::PrimeSub => one(ev::sub(name, "Prime"), AlertClass::Sub),
            Kind::Resub => {
                let months = 2 + self.rng.below_inclusive(40);
                let streak = (self.rng.below_inclusive(1) == 0).then(|| 1 + self.rng.below_inclusive(months - 1));
                one(ev::resub(name, months, streak), AlertClass::Resub)
            }
            Kind::Cheer => {
                let bits = [100, 250, 500, 1000][self.rng.below_inclusive(3) as usize];
                one(ev::cheer(name, bits), AlertClass::Cheer)
            }
            Kind::Raid => one(ev::raid(name, 5 + self.rng.below_inclusive(200)), AlertClass::Raid),
            Kind::Redemption => {
                let reward = REWARDS[self.rng.below_inclusive(REWARDS.len() as u64 - 1) as usize];
                one(ev::redemption(name, self.serial, reward), AlertClass::Redemption)
            }
            Kind::GiftOne | Kind::GiftBomb => {
                let total = if kind == Kind::GiftOne {
                    1
                } else {
                    3 + self.rng.below_inclusive(7)
                };
                let mut batch = vec![ev::gift(name, total)];
                batch.extend((0..total).map(|_| ev::gift_recipient(self.pick(NAMES))));
                (batch, (AlertClass::GiftBomb, 1))
            }
            Kind::HypeTrain => one(self.hype_step(), other),
            Kind::Goal => one(
                ev::goal_end([100, 250, 500][self.rng.below_inclusive(2) as usize]),
                other,
            ),
            Kind::Poll => {
                let votes = [0; 3].map(|_: u64| 1 + self.rng.below_inclusive(60));
                one(ev::poll_end(votes), other)
            }
            Kind::Prediction => {
                let yes = self.rng.below_inclusive(1) == 0;
                one(
                    ev::prediction_end(yes, 1000 * (1 + self.rng.below_inclusive(20))),
                    other,
                )
            }
            Kind::Charity => {
                let cents = [500, 1000, 2500][self.rng.below_inclusive(2) as usize];
                one(ev::charity(name, self.serial, cents), other)
            }
            Kind::Shoutout => one(ev::shoutout(name, 10 + self.rng.below_inclusive(500)), other),
            Kind::StreamOnline => one(ev::stream_online(), other),
        }
    }

    /// The current hype train's next frame: it begins at level 1, levels up to its top level
    /// (2 during the tour, 2–4 later), then ends.
    fn hype_step(&mut self) -> (&'static str, String) {
        match self.hype {
            None => {
                let top = if self.serial <= OPENING.len() as u64 {
                    2
                } else {
                    2 + self.rng.below_inclusive(2)
                };
                self.hype = Some((1, top));
                ev::hype_train("channel-hype_train-begin", 1)
            }
            Some((level, top)) if level < top => {
                self.hype = Some((level + 1, top));
                ev::hype_train("channel-hype_train-progress", level + 1)
            }
            Some((level, _)) => {
                self.hype = None;
                ev::hype_train("channel-hype_train-end", level)
            }
        }
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
    use crate::engine::AlertInput;
    use crate::tau::protocol::TauEvent;
    use std::collections::HashSet;

    #[test]
    fn demo_emits_typed_alertable_events_of_every_kind() {
        let mut feed = DemoFeed::new(1, Instant(0), &EngineConfig::default());
        let mut now = feed.next_at();
        let mut kinds = HashSet::new();
        for _ in 0..600 {
            let batch = feed.next_events(now);
            assert!(!batch.is_empty());
            for e in &batch {
                assert!(!matches!(e.event, TauEvent::Unknown { .. }), "{e:?}");
                assert!(e.is_test());
                let input = AlertInput::from_envelope(e).expect("every demo event makes an alert");
                kinds.insert(input.class.name());
            }
            let gap = feed.next_at() - now;
            assert!(
                gap >= Duration::from_secs(4) && gap <= Duration::from_secs(80),
                "{gap:?}"
            );
            now = feed.next_at();
        }
        for kind in crate::engine::KIND_NAMES {
            assert!(kinds.contains(kind), "{kinds:?} lacks {kind}");
        }
    }
}
