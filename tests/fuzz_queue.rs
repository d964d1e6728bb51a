#![cfg(not(target_arch = "wasm32"))]
//! Long-running property test ("fuzz target") for the alert queue fed the way the overlay feeds
//! it: TAU frames (the fixtures, with random fields replaced and origins switched) go through
//! `Frame::parse` and `AlertInput::from_envelope` into the engine, in bursts and trickles, with
//! the README's example config or the defaults, random operator controls and polls at deadlines
//! or late. `tests/engine_props.rs` covers the engine over synthetic inputs; this target covers
//! what real (and broken) frames make of it. Invariants, after every step:
//! * accounting: `accepted == shown + merged + expired + filtered + dropped + pending`, and
//!   every frame that maps to an alert input is accepted;
//! * the screen protocol: `Show` only on an empty screen, then `Exit`, then `Remove`;
//! * no stall: pending events come with a deadline unless paused, and no deadline is due;
//! * after the sequence, following the deadlines empties the engine.
//!
//! `FUZZ_CASES` sets the case count (default 200, a few seconds); see the README for an
//! hour-long run. cargo-fuzz needs a nightly toolchain, which these machines cannot install.

#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::cases;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::OnceLock;
use tau_overlay::engine::*;
use tau_overlay::tau::protocol::Frame;
use tau_overlay::util::clock::Instant;

/// Every websocket event frame among the fixtures.
fn frames() -> &'static [Value] {
    static FRAMES: OnceLock<Vec<Value>> = OnceLock::new();
    FRAMES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let frames: Vec<Value> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| serde_json::from_str::<Value>(&std::fs::read_to_string(p).unwrap()).ok())
            .filter(|v| v.get("event_data").is_some_and(Value::is_object))
            .collect();
        assert!(frames.len() > 30, "fixtures not found");
        frames
    })
}

fn example_config() -> EngineConfig {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine/example_config.json")).unwrap();
    EngineConfig::from_json(&text).expect("the README's example config is valid")
}

/// A change to a fixture frame before it is sent.
#[derive(Clone, Debug)]
enum Edit {
    None,
    /// Replace a top-level `event_data` field with another value.
    Field(Index, Value),
    /// Drop a top-level `event_data` field.
    Remove(Index),
}

#[derive(Clone, Debug)]
enum Op {
    /// `count` copies of a fixture frame (a burst when > 1), each with its own id drawn from
    /// `ids` (repeats are duplicates), with an origin and an edit.
    Frames {
        frame: Index,
        count: usize,
        ids: u8,
        origin: u8,
        edit: Edit,
    },
    Control(u8, u8),
    /// Jump to the next deadline and poll there.
    AtDeadline,
    /// Poll `ms` later, possibly past several deadlines.
    Late(u64),
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u64..5000).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        "[0-9]{1,6}".prop_map(Value::from),
        Just(json!([])),
        Just(json!({"x": 1})),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let edit = prop_oneof![
        3 => Just(Edit::None),
        2 => (any::<Index>(), value()).prop_map(|(i, v)| Edit::Field(i, v)),
        1 => any::<Index>().prop_map(Edit::Remove),
    ];
    prop_oneof![
        8 => (any::<Index>(), prop_oneof![4 => Just(1usize), 1 => 2usize..60], 1u8..40, 0u8..8, edit)
            .prop_map(|(frame, count, ids, origin, edit)| Op::Frames { frame, count, ids, origin, edit }),
        2 => (0u8..8, any::<u8>()).prop_map(|(c, x)| Op::Control(c, x)),
        4 => Just(Op::AtDeadline),
        2 => (0u64..20_000).prop_map(Op::Late),
    ]
}

fn control(c: u8, x: u8, on_screen: Option<u64>) -> Control {
    let key = on_screen.unwrap_or(u64::from(x));
    match c {
        0 => Control::Pause,
        1 => Control::Resume,
        2 => Control::Skip,
        3 => Control::ReplayLast,
        4 => Control::Replay(format!("id-{}", x % 40)),
        5 => Control::AnimationEnded(key),
        6 => Control::MediaEnded(key),
        _ => Control::Clear,
    }
}

/// The shell's view of the screen, checking the action protocol.
#[derive(Default)]
struct Screen {
    current: Option<(u64, bool)>,
    shows: u64,
}

impl Screen {
    fn apply(&mut self, actions: Vec<EngineAction>) -> Result<(), TestCaseError> {
        for a in actions {
            match a {
                EngineAction::Show(v) => {
                    prop_assert!(self.current.is_none(), "show {} over {:?}", v.key, self.current);
                    self.current = Some((v.key, false));
                    self.shows += 1;
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

fn check(engine: &Engine, now: u64) -> Result<(), TestCaseError> {
    let c = engine.counts();
    prop_assert_eq!(
        c.accepted,
        c.shown + c.merged + c.expired + c.filtered + c.dropped + c.pending,
        "{:?}",
        c
    );
    if c.pending > 0 && !engine.is_paused() {
        prop_assert!(
            engine.next_deadline().is_some(),
            "pending events and no deadline: {:?}",
            c
        );
    }
    if let Some(d) = engine.next_deadline() {
        prop_assert!(d.0 > now, "deadline {} already due at {}", d.0, now);
    }
    Ok(())
}

/// The frame as sent: `frame` with `edit` applied, id `id`, origin by `origin`.
fn build(frame: &Value, id: String, origin: u8, edit: &Edit) -> String {
    let mut v = frame.clone();
    v["id"] = json!(id);
    v["origin"] = json!(match origin {
        0 => "test",
        1 => "replay",
        _ => "twitch",
    });
    if let Some(data) = v["event_data"].as_object_mut() {
        let keys: Vec<String> = data.keys().cloned().collect();
        match edit {
            Edit::Field(i, value) if !keys.is_empty() => {
                data.insert(i.get(&keys).clone(), value.clone());
            }
            Edit::Remove(i) if !keys.is_empty() => {
                data.remove(i.get(&keys));
            }
            _ => {}
        }
    }
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn frames_through_the_queue_are_all_accounted_for_and_never_stall(
        example in any::<bool>(),
        seed in any::<u64>(),
        ops in prop::collection::vec((0u64..3000, op()), 1..80),
    ) {
        let mut engine = Engine::new(if example { example_config() } else { EngineConfig::default() }, seed);
        let mut screen = Screen::default();
        let mut now = 0u64;
        let mut inputs = 0u64;
        let mut replays_asked = 0u64;
        for (step, (dt, op)) in ops.into_iter().enumerate() {
            let actions = match op {
                Op::Frames { frame, count, ids, origin, edit } => {
                    now += dt / 10;
                    for n in 0..count {
                        let id = format!("id-{}", (step * 7 + n) % usize::from(ids));
                        let text = build(frame.get(frames()), id, origin, &edit);
                        let Ok(Frame::Event(envelope)) = Frame::parse(&text) else {
                            return Err(TestCaseError::fail(format!("a fixture edit is no event: {text}")));
                        };
                        if let Some(input) = AlertInput::from_envelope(&envelope) {
                            inputs += 1;
                            engine.push(input, Instant(now));
                        }
                    }
                    engine.poll(Instant(now))
                }
                Op::Control(c, x) => {
                    let control = control(c, x, screen.current.map(|s| s.0));
                    replays_asked += u64::from(matches!(control, Control::ReplayLast | Control::Replay(_)));
                    engine.control(control, Instant(now))
                }
                Op::AtDeadline => {
                    now = engine.next_deadline().map_or(now + dt, |d| d.0.max(now));
                    engine.poll(Instant(now))
                }
                Op::Late(ms) => {
                    now += ms;
                    engine.poll(Instant(now))
                }
            };
            screen.apply(actions)?;
            check(&engine, now)?;
            let accepted = engine.counts().accepted;
            prop_assert!(accepted >= inputs && accepted <= inputs + replays_asked, "{} inputs, {} accepted", inputs, accepted);
        }
        let actions = engine.control(Control::Resume, Instant(now));
        screen.apply(actions)?;
        let mut guard = 0;
        while let Some(d) = engine.next_deadline() {
            now = d.0.max(now);
            let actions = engine.poll(Instant(now));
            screen.apply(actions)?;
            check(&engine, now)?;
            guard += 1;
            prop_assert!(guard < 100_000, "draining never ends");
        }
        let c = engine.counts();
        prop_assert_eq!(c.pending, 0, "{:?}", c);
        prop_assert!(screen.current.is_none());
        prop_assert_eq!(c.shown, screen.shows);
    }
}
