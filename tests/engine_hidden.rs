#![cfg(not(target_arch = "wasm32"))]
//! A hidden OBS source (issue 11 point 2): `Control::SetHidden` stops new alerts, queued ones
//! age, stale low-priority ones expire and are counted; on a virtual clock.

use tau_overlay::engine::*;
use tau_overlay::util::clock::Instant;

fn named(class: AlertClass, name: &str) -> AlertInput {
    AlertInput {
        user: Some(name.into()),
        amount: 10,
        ..AlertInput::new(class)
    }
}

fn shown(actions: &[EngineAction]) -> Vec<String> {
    actions
        .iter()
        .filter_map(|a| match a {
            EngineAction::Show(v) => Some(v.user.clone().unwrap_or_default()),
            _ => None,
        })
        .collect()
}

/// Polls at every deadline up to `t`; the names shown.
fn run(engine: &mut Engine, from: u64, t: u64) -> Vec<String> {
    let mut names = Vec::new();
    let mut now = from;
    while let Some(d) = engine.next_deadline().filter(|d| d.0 <= t) {
        now = now.max(d.0);
        names.extend(shown(&engine.poll(Instant(now))));
    }
    names.extend(shown(&engine.poll(Instant(t))));
    names
}

const QUICK: &str = r#"{"exit_ms": 0, "slack_ms": 0, "classes": {"follow": {"duration_ms": 1000, "flood": {"max": 0}},
    "raid": {"duration_ms": 1000}}}"#;

#[test]
fn hidden_source_plays_nothing_and_expires_stale_follows_on_show() {
    let mut e = Engine::new(EngineConfig::from_json(QUICK).unwrap(), 1);
    assert!(shown(&e.control(Control::SetHidden(true), Instant(0))).is_empty());
    e.push(named(AlertClass::Follow, "fan"), Instant(0));
    e.push(named(AlertClass::Raid, "raider"), Instant(0));
    // Ten minutes hidden minus a bit: nothing plays; the follow (max age 60 s) goes stale.
    let during = run(&mut e, 0, 590_000);
    assert!(during.is_empty(), "nothing plays into a hidden scene: {during:?}");
    assert_eq!(e.counts().expired, 1, "the stale follow expired and was counted");
    assert!(e.is_hidden() && e.debug_snapshot(Instant(590_000)).hidden);
    let mut after = shown(&e.control(Control::SetHidden(false), Instant(590_000)));
    after.extend(run(&mut e, 590_000, 600_000));
    assert_eq!(after, ["raider"], "the raid (max age 10 min) still plays");
    let c = e.counts();
    assert_eq!((c.accepted, c.shown, c.expired, c.pending), (2, 1, 1, 0));
}

#[test]
fn showing_the_source_does_not_undo_an_operator_pause() {
    let mut e = Engine::new(EngineConfig::from_json(QUICK).unwrap(), 1);
    e.control(Control::Pause, Instant(0));
    e.control(Control::SetHidden(true), Instant(0));
    e.push(named(AlertClass::Raid, "raider"), Instant(0));
    e.control(Control::SetHidden(false), Instant(1_000));
    assert!(run(&mut e, 1_000, 5_000).is_empty(), "still paused by the operator");
    let resumed = shown(&e.control(Control::Resume, Instant(5_000)));
    assert_eq!(resumed, ["raider"]);
}

#[test]
fn resuming_an_operator_pause_plays_nothing_while_hidden() {
    let mut e = Engine::new(EngineConfig::from_json(QUICK).unwrap(), 1);
    e.control(Control::SetHidden(true), Instant(0));
    e.control(Control::Pause, Instant(0));
    e.push(named(AlertClass::Raid, "raider"), Instant(0));
    assert!(shown(&e.control(Control::Resume, Instant(10))).is_empty());
    assert_eq!(shown(&e.control(Control::SetHidden(false), Instant(20))), ["raider"]);
}
