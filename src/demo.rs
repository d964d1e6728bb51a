//! The built-in demo feed (`#demo`): sample events paced to the alert engine, no server needed.
//!
//! Pure: the shell asks [`DemoFeed::next_events`] at [`DemoFeed::next_at`]. Events are written as
//! the text of real TAU frames (`origin: "test"`, `id: null`) and decoded by [`Frame::parse`] like
//! live ones, so the demo exercises the whole real path (JSON text, envelope, typed payload).
//!
//! Pacing: each batch is followed by a pause as long as the engine will keep its alerts on
//! screen (duration + `slack_ms` + `exit_ms` per alert, read from the [`EngineConfig`]), so the
//! queue never grows. The feed opens with a tour of every kind, shortest first (a follow, a
//! redemption, a sub, a cheer, a resub, a raid, a gift bomb, then a follow flood, so every class
//! shows in the first minute), then continues with weighted random picks: follows mostly, now
//! and then any other kind, including hype trains, charity donations and shoutouts. A gift bomb
//! is one gift event plus its recipients' subs, a flood a burst of follows at once: the engine
//! turns them into one gift-bomb alert and a "+N new followers" summary, as it does live.

use crate::engine::{AlertClass, EngineConfig};
use crate::tau::protocol::{Envelope, Frame};
use crate::tau::wire;
use crate::util::clock::{Instant, Rng};
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

/// One demo batch: what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Follow,
    /// Several follows at once (beyond the follow flood budget: a summary alert).
    FollowFlood,
    Sub,
    Resub,
    Cheer,
    Raid,
    Redemption,
    /// One gift event plus its recipients' subs.
    GiftBomb,
    HypeTrain,
    Charity,
    Shoutout,
}

/// The opening tour, shortest default alerts first so several kinds show early.
const OPENING: [Kind; 8] = [
    Kind::Follow,
    Kind::Redemption,
    Kind::Sub,
    Kind::Cheer,
    Kind::Resub,
    Kind::Raid,
    Kind::GiftBomb,
    Kind::FollowFlood,
];

/// After the tour: (kind, weight out of 100).
const WEIGHTS: [(Kind, u64); 11] = [
    (Kind::Follow, 38),
    (Kind::FollowFlood, 4),
    (Kind::Sub, 10),
    (Kind::Resub, 8),
    (Kind::Cheer, 10),
    (Kind::Raid, 5),
    (Kind::Redemption, 8),
    (Kind::GiftBomb, 5),
    (Kind::HypeTrain, 4),
    (Kind::Charity, 4),
    (Kind::Shoutout, 4),
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
    hype_level: Option<u64>,
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
            hype_level: None,
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
        let user = user_fields(name);
        let with_user = |extra: &str| format!("{{{user},{extra},{BROADCASTER}}}");
        let one = |class| (class, 1);
        match kind {
            Kind::Follow => (vec![follow(name)], one(AlertClass::Follow)),
            Kind::FollowFlood => {
                let n = 7 + self.rng.below_inclusive(5);
                let follows: Vec<_> = (0..n).map(|_| follow(self.pick(NAMES))).collect();
                let shown = match self.flood_max.map(u64::from) {
                    Some(max) if n > max => max + 1,
                    _ => n,
                };
                (follows, (AlertClass::Follow, shown as u32))
            }
            Kind::Sub => (
                vec![("channel-subscribe", with_user(r#""tier":"1000","is_gift":false"#))],
                one(AlertClass::Sub),
            ),
            Kind::Resub => {
                let months = 2 + self.rng.below_inclusive(40);
                let data = with_user(&format!(
                    r#""tier":"1000","message":{{"text":"Love the streams!","emotes":null}},"cumulative_months":{months},"streak_months":null,"duration_months":1"#
                ));
                (vec![("channel-subscription-message", data)], one(AlertClass::Resub))
            }
            Kind::Cheer => {
                let bits = [100, 250, 500, 1000][self.rng.below_inclusive(3) as usize];
                let data = with_user(&format!(
                    r#""is_anonymous":false,"message":"Cheer{bits} great play","bits":{bits}"#
                ));
                (vec![("channel-cheer", data)], one(AlertClass::Cheer))
            }
            Kind::Raid => {
                let viewers = 5 + self.rng.below_inclusive(200);
                let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
                let data = format!(
                    r#"{{"from_broadcaster_user_id":"1","from_broadcaster_user_login":{login},"from_broadcaster_user_name":{quoted},"to_broadcaster_user_id":"0","to_broadcaster_user_login":"demo","to_broadcaster_user_name":"Demo","viewers":{viewers}}}"#
                );
                (vec![("channel-raid", data)], one(AlertClass::Raid))
            }
            Kind::Redemption => {
                let data = with_user(&format!(
                    r#""id":"demo-{}","user_input":"","status":"unfulfilled","reward":{{"id":"r1","title":"Hydrate!","cost":500,"prompt":""}},"redeemed_at":"2024-01-01T00:00:00Z""#,
                    self.serial
                ));
                (
                    vec![("channel-channel_points_custom_reward_redemption-add", data)],
                    one(AlertClass::Redemption),
                )
            }
            Kind::GiftBomb => {
                let total = 3 + self.rng.below_inclusive(7);
                let data = with_user(&format!(
                    r#""total":{total},"tier":"1000","cumulative_total":null,"is_anonymous":false"#
                ));
                let mut batch = vec![("channel-subscription-gift", data)];
                for _ in 0..total {
                    let to = user_fields(self.pick(NAMES));
                    batch.push(("channel-subscribe", format!(r#"{{{to},"tier":"1000","is_gift":true}}"#)));
                }
                (batch, one(AlertClass::GiftBomb))
            }
            Kind::HypeTrain => {
                let event = match self.hype_level.take() {
                    None => {
                        self.hype_level = Some(2 + self.rng.below_inclusive(3));
                        ("channel-hype_train-begin", hype_train(1, ""))
                    }
                    Some(level) => (
                        "channel-hype_train-end",
                        hype_train(level, r#","ended_at":"2024-01-01T00:05:00Z""#),
                    ),
                };
                (vec![event], one(AlertClass::Other("hype-train")))
            }
            Kind::Charity => {
                let cents = [500, 1000, 2500][self.rng.below_inclusive(2) as usize];
                let data = with_user(&format!(
                    r#""id":"d{}","campaign_id":"c1","charity_name":"Code Club","charity_description":"","charity_logo":"","charity_website":"","amount":{{"value":{cents},"decimal_places":2,"currency":"USD"}}"#,
                    self.serial
                ));
                (
                    vec![("channel-charity_campaign-donate", data)],
                    one(AlertClass::Other("charity")),
                )
            }
            Kind::Shoutout => {
                let viewers = 10 + self.rng.below_inclusive(500);
                let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
                let data = format!(
                    r#"{{{BROADCASTER},"from_broadcaster_user_id":"1","from_broadcaster_user_login":{login},"from_broadcaster_user_name":{quoted},"viewer_count":{viewers},"started_at":"2024-01-01T00:00:00Z"}}"#
                );
                (
                    vec![("channel-shoutout-receive", data)],
                    one(AlertClass::Other("shoutout")),
                )
            }
        }
    }
}

const BROADCASTER: &str = r#""broadcaster_user_id":"0","broadcaster_user_login":"demo","broadcaster_user_name":"Demo""#;

/// `"user_id":…,"user_login":…,"user_name":…` for `name`.
fn user_fields(name: &str) -> String {
    let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
    format!(r#""user_id":"0","user_login":{login},"user_name":{quoted}"#)
}

fn follow(name: &str) -> (&'static str, String) {
    let user = user_fields(name);
    (
        "channel-follow",
        format!(r#"{{{user},"followed_at":"2024-01-01T00:00:00Z",{BROADCASTER}}}"#),
    )
}

fn hype_train(level: u64, end: &str) -> String {
    format!(
        r#"{{"id":"demo-train",{BROADCASTER},"level":{level},"total":{},"top_contributions":[],"started_at":"2024-01-01T00:00:00Z"{end}}}"#,
        level * 1000
    )
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
        for kind in [
            "follow",
            "sub",
            "resub",
            "cheer",
            "raid",
            "redemption",
            "gift-bomb",
            "hype-train-begin",
            "hype-train-end",
            "charity-donate",
            "shoutout-receive",
        ] {
            assert!(kinds.contains(kind), "{kinds:?} lacks {kind}");
        }
    }
}
