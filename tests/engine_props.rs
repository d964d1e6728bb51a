#![cfg(not(target_arch = "wasm32"))]
//! Property tests for the alert engine over random configurations, event sequences, controls
//! and clocks (polls at deadlines and late polls).
//!
//! Invariants, checked after every step:
//! * accounting: `accepted == shown + merged + expired + filtered + dropped + pending`;
//! * no stall: queued alerts and no pause means an alert is on screen, and pending events always
//!   come with a deadline (or a pause that explains the wait); no deadline is already due;
//! * the screen protocol: `Show` only on an empty screen, then `Exit`, then `Remove`, keys rising;
//! * hard deadline: an alert is gone by `shown + max_duration + slack + exit`.
//!
//! After the sequence, draining the engine leaves nothing pending. A second property shows the
//! highest class waits at most one deadline (one exit animation with interrupt mode).

use core::time::Duration;
use proptest::prelude::*;
use std::collections::HashMap;
use tau_overlay::engine::*;
use tau_overlay::util::clock::Instant;

#[derive(Clone, Debug)]
struct Event {
    class: u8,
    origin: u8,
    id: Option<u8>,
    amount: u64,
    tier: u8,
    is_gift: bool,
    anonymous: bool,
    redemption: (u8, u8, bool),
}

#[derive(Clone, Debug)]
enum Op {
    Push(Event),
    Control(u8, u8),
    /// Jump to the next deadline (if any) and poll there.
    AtDeadline,
    /// Poll after `dt` ms, possibly late for several deadlines.
    Late,
}

fn event() -> impl Strategy<Value = Event> {
    (
        0u8..9,
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        proptest::option::of(0u8..48),
        prop_oneof![1 => Just(0u64), 1 => Just(1), 3 => 0u64..2000],
        0u8..4,
        any::<bool>(),
        any::<bool>(),
        (0u8..4, 0u8..3, any::<bool>()),
    )
        .prop_map(
            |(class, origin, id, amount, tier, is_gift, anonymous, redemption)| Event {
                class,
                origin,
                id,
                amount,
                tier,
                is_gift,
                anonymous,
                redemption,
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => event().prop_map(Op::Push),
        2 => (0u8..13, any::<u8>()).prop_map(|(c, x)| Op::Control(c, x)),
        4 => Just(Op::AtDeadline),
        2 => Just(Op::Late),
    ]
}

const CLASSES: [AlertClass; 8] = [
    AlertClass::Raid,
    AlertClass::GiftBomb,
    AlertClass::Sub,
    AlertClass::Resub,
    AlertClass::Cheer,
    AlertClass::Redemption,
    AlertClass::Follow,
    AlertClass::Other("hype-train"),
];

fn input(e: &Event) -> AlertInput {
    // Class 8 is a gift recipient, the most common frame in a gift bomb.
    let class = CLASSES[usize::from(e.class % 8)];
    let origin = [InputOrigin::Live, InputOrigin::Test, InputOrigin::Replay][usize::from(e.origin)];
    let (rid, status, is_update) = e.redemption;
    AlertInput {
        id: e.id.filter(|_| origin != InputOrigin::Test).map(|i| format!("row-{i}")),
        origin,
        user: (!e.anonymous).then(|| "viewer".to_string()),
        amount: e.amount,
        tier: e.tier,
        months: e.amount as u32 % 100,
        is_gift: e.class == 8 || (class == AlertClass::Sub && e.is_gift),
        anonymous: e.anonymous,
        message: e.is_gift.then(|| "hello".to_string()),
        redemption: (class == AlertClass::Redemption).then(|| RedemptionInfo {
            id: format!("red-{rid}"),
            title: "Hydrate".into(),
            status: [
                RedemptionStatus::Unfulfilled,
                RedemptionStatus::Fulfilled,
                RedemptionStatus::Canceled,
            ][usize::from(status)],
            is_update,
        }),
        ..AlertInput::new(if e.class == 8 { AlertClass::Sub } else { class })
    }
}

fn config() -> impl Strategy<Value = EngineConfig> {
    (
        (0u64..1500, 0u64..400, 0u64..300, 500u64..6000, 1usize..12),
        (any::<bool>(), any::<bool>(), 0usize..4, any::<bool>()),
        (0u64..3000, 0u64..4000, 0u64..6000, 0u64..20_000),
        proptest::collection::vec(
            (
                100u64..4000,
                0u64..15_000,
                0u32..4,
                prop_oneof![3 => Just(0u64), 1 => 0u64..300],
                any::<bool>(),
            ),
            8,
        ),
    )
        .prop_map(|(timing, flags, windows, classes)| {
            let (delay_ms, exit_ms, slack_ms, max_duration_ms, max_queue) = timing;
            let (interrupt, replay_seen, history, on_fulfilled) = flags;
            let (gift_window_ms, gift_orphan_interval_ms, redemption_hold_ms, _) = windows;
            let mut c = EngineConfig {
                delay_ms,
                exit_ms,
                slack_ms,
                max_duration_ms,
                max_queue,
                interrupt,
                replay_seen,
                history,
                redemptions: if on_fulfilled {
                    RedemptionMode::OnFulfilled
                } else {
                    RedemptionMode::Immediate
                },
                redemption_hold_ms,
                gift_window_ms,
                gift_orphan_interval_ms,
                ..EngineConfig::default()
            };
            for (class, (duration, max_age, flood, min, media)) in CLASSES.iter().zip(classes) {
                let cc = match class {
                    AlertClass::Raid => &mut c.classes.raid,
                    AlertClass::GiftBomb => &mut c.classes.gift_bomb,
                    AlertClass::Sub => &mut c.classes.sub,
                    AlertClass::Resub => &mut c.classes.resub,
                    AlertClass::Cheer => &mut c.classes.cheer,
                    AlertClass::Redemption => &mut c.classes.redemption,
                    AlertClass::Follow => &mut c.classes.follow,
                    AlertClass::Other(_) => &mut c.classes.other,
                };
                cc.duration_ms = Some(duration);
                cc.max_age_ms = Some(max_age);
                cc.flood = Some(FloodBudget {
                    max: flood,
                    per_ms: 5000,
                });
                cc.min_amount = min;
                cc.selection = Selection::Random;
                cc.variations = vec![
                    Variation {
                        amount: Some(Condition::AtLeast(500)),
                        media_ms: media.then_some(60_000),
                        ..Variation::default()
                    },
                    Variation {
                        weight: 2,
                        duration_ms: Some(duration / 2),
                        ..Variation::default()
                    },
                ];
            }
            c
        })
}

/// The shell's view of the screen, checking the action protocol.
#[derive(Default)]
struct Screen {
    current: Option<(u64, bool)>,
    last_key: u64,
    shown_at: HashMap<u64, u64>,
    shows: Vec<(u64, AlertView)>,
}

impl Screen {
    fn apply(&mut self, now: u64, actions: Vec<EngineAction>) -> Result<(), TestCaseError> {
        for a in actions {
            match a {
                EngineAction::Show(v) => {
                    prop_assert!(self.current.is_none(), "show {} over {:?}", v.key, self.current);
                    prop_assert!(v.key > self.last_key);
                    self.last_key = v.key;
                    self.current = Some((v.key, false));
                    self.shown_at.insert(v.key, now);
                    self.shows.push((now, *v));
                }
                EngineAction::Exit(k) => {
                    prop_assert_eq!(self.current, Some((k, false)));
                    self.current = Some((k, true));
                }
                EngineAction::Remove(k) => {
                    prop_assert_eq!(self.current, Some((k, true)));
                    self.current = None;
                }
            }
        }
        Ok(())
    }
}

fn control(c: u8, x: u8, screen: &Screen) -> Control {
    let key = screen.current.map_or(u64::from(x), |(k, _)| k);
    match c {
        0 => Control::Pause,
        1 => Control::Resume,
        2 => Control::Skip,
        3 => Control::Clear,
        4 => Control::ReplayLast,
        5 => Control::Replay(format!("row-{}", x % 48)),
        6 => Control::Panic {
            class: CLASSES[usize::from(x % 8)],
            mute: Duration::from_millis(u64::from(x) * 100),
        },
        7 => Control::Unmute(CLASSES[usize::from(x % 8)]),
        8 => Control::SetDelay(Duration::from_millis(u64::from(x) * 10)),
        9 => Control::SetInterrupt(x.is_multiple_of(2)),
        10 => Control::AnimationEnded(key),
        11 => Control::MediaEnded(key),
        _ => Control::MediaLength(key, Duration::from_millis(u64::from(x) * 300)),
    }
}

fn check(engine: &Engine, screen: &Screen, now: u64) -> Result<(), TestCaseError> {
    let c = engine.counts();
    prop_assert_eq!(
        c.accepted,
        c.shown + c.merged + c.expired + c.filtered + c.dropped + c.pending,
        "{:?}",
        c
    );
    if !engine.is_paused() && engine.queue_depth() > 0 {
        prop_assert!(engine.on_screen().is_some(), "queued alerts and an empty screen");
    }
    if c.pending > 0 && !engine.is_paused() {
        prop_assert!(engine.next_deadline().is_some(), "pending events and no deadline");
    }
    if let Some(d) = engine.next_deadline() {
        prop_assert!(d.0 > now, "deadline {} already due at {}", d.0, now);
    }
    prop_assert_eq!(engine.on_screen().map(|s| s.0), screen.current.map(|s| s.0));
    if let Some((key, _, _)) = engine.on_screen() {
        let cfg = engine.config();
        let bound = screen.shown_at[&key] + cfg.max_duration_ms + cfg.slack_ms + cfg.exit_ms;
        prop_assert!(bound > now, "alert {} still on screen past its hard deadline", key);
        prop_assert!(engine.next_deadline().is_some_and(|d| d.0 <= bound));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_stalls_never_loses_an_event(
        cfg in config(),
        seed in any::<u64>(),
        ops in proptest::collection::vec((0u64..2500, op()), 1..120),
    ) {
        let mut engine = Engine::new(cfg, seed);
        let mut screen = Screen::default();
        let mut now = 0u64;
        for (dt, op) in ops {
            let actions = match op {
                Op::Push(e) => {
                    now += dt / 8;
                    engine.push(input(&e), Instant(now));
                    engine.poll(Instant(now))
                }
                Op::Control(c, x) => engine.control(control(c, x, &screen), Instant(now)),
                Op::AtDeadline => {
                    now = engine.next_deadline().map_or(now + dt, |d| d.0.max(now));
                    engine.poll(Instant(now))
                }
                Op::Late => {
                    now += dt * 4;
                    engine.poll(Instant(now))
                }
            };
            screen.apply(now, actions)?;
            check(&engine, &screen, now)?;
        }
        // Drain: lift pause and mutes, then follow the deadlines until the engine is idle.
        let mut actions = engine.control(Control::Resume, Instant(now));
        for class in CLASSES {
            actions.extend(engine.control(Control::Unmute(class), Instant(now)));
        }
        screen.apply(now, actions)?;
        let mut guard = 0;
        while let Some(d) = engine.next_deadline() {
            now = d.0.max(now);
            let actions = engine.poll(Instant(now));
            screen.apply(now, actions)?;
            check(&engine, &screen, now)?;
            guard += 1;
            prop_assert!(guard < 10_000, "drain does not terminate");
        }
        let c = engine.counts();
        prop_assert_eq!(c.pending, 0, "{:?}", c);
        prop_assert!(screen.current.is_none() && engine.on_screen().is_none());
        prop_assert_eq!(c.shown as usize, screen.shows.len());
    }

    #[test]
    fn the_highest_class_waits_at_most_one_deadline(
        cfg in config(),
        seed in any::<u64>(),
        ops in proptest::collection::vec((0u64..3000, event(), 0u8..6), 1..100),
    ) {
        let mut cfg = cfg;
        cfg.classes.raid.max_age_ms = Some(0);
        cfg.classes.raid.min_amount = 0;
        cfg.classes.raid.flood = None;
        cfg.classes.raid.priority = Some(200);
        let interrupt = cfg.interrupt;
        let bound = if interrupt {
            cfg.exit_ms
        } else {
            cfg.max_duration_ms + cfg.slack_ms + cfg.exit_ms
        };
        let delay = cfg.delay_ms;
        let mut engine = Engine::new(cfg, seed);
        let mut screen = Screen::default();
        let mut now = 0u64;
        // The raid in flight: pushed at, id, and its key once shown. A new raid is pushed only
        // once the previous one left the screen, so no other raid is ever ahead of it.
        let mut raid: Option<(u64, String, Option<u64>)> = None;
        let track = |raid: &mut Option<(u64, String, Option<u64>)>, screen: &Screen, now: u64| {
            let Some((pushed, id, key)) = raid else { return Ok(()) };
            if key.is_none() {
                if let Some((t, v)) = screen.shows.iter().rev().find(|(_, v)| v.id.as_ref() == Some(id)) {
                    prop_assert!(*t <= *pushed + delay + bound, "raid pushed at {} shown at {}", pushed, t);
                    *key = Some(v.key);
                } else {
                    prop_assert!(now <= *pushed + delay + bound, "raid pushed at {} waiting at {}", pushed, now);
                }
            }
            if key.is_some() && screen.current.map(|c| c.0) != *key {
                *raid = None;
            }
            Ok(())
        };
        for (i, (dt, e, kind)) in ops.into_iter().enumerate() {
            let target = now + dt;
            while let Some(d) = engine.next_deadline().filter(|d| d.0 <= target) {
                now = d.0.max(now);
                let actions = engine.poll(Instant(now));
                screen.apply(now, actions)?;
                track(&mut raid, &screen, now)?;
            }
            now = target;
            let actions = engine.poll(Instant(now));
            screen.apply(now, actions)?;
            track(&mut raid, &screen, now)?;
            let mut input = input(&e);
            if kind == 0 && raid.is_none() {
                let id = format!("raid-{i}");
                input = AlertInput {
                    id: Some(id.clone()),
                    amount: 10,
                    ..AlertInput::new(AlertClass::Raid)
                };
                raid = Some((now, id, None));
            } else if input.class == AlertClass::Raid {
                continue;
            }
            engine.push(input, Instant(now));
            let actions = engine.poll(Instant(now));
            screen.apply(now, actions)?;
            track(&mut raid, &screen, now)?;
        }
    }
}
