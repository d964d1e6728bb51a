#![cfg(not(target_arch = "wasm32"))]
//! The hype-train meter's state (issue 10 point 1): the fixtures in order and out of order,
//! level-ups, the countdown on a virtual clock, tests and replays.

#[path = "support/widgets.rs"]
mod support;

use serde_json::json;
use support::{event, patched, replay, test_event};
use tau_overlay::tau::protocol::UnixMillis;
use tau_overlay::widgets::{countdown_label, HypeTrainPhase, HypeTrainState, Scope};

fn at(text: &str) -> UnixMillis {
    UnixMillis::parse(text).unwrap()
}

fn mine() -> HypeTrainState {
    HypeTrainState::new(Scope::new(Some("12345".into())))
}

#[test]
fn begin_progress_end_level_up_and_keep_the_last_progress() {
    let mut train = mine();
    let now = at("2024-03-09T19:07:00Z");
    assert_eq!(train.view(now), None);
    assert!(train.apply(&event("channel-hype_train-begin")));
    let v = train.view(now).unwrap();
    assert_eq!(
        (v.level, v.total, v.progress, v.goal, v.percent),
        (1, 3000, 3000, 3300, 91)
    );
    assert_eq!(
        (v.phase, v.leveled_up, v.preview),
        (HypeTrainPhase::Active, false, false)
    );
    let names: Vec<_> = v
        .top
        .iter()
        .map(|c| (c.name.as_str(), c.kind.as_str(), c.total))
        .collect();
    assert_eq!(
        names,
        [("TestGifter", "subscription", 2500), ("TestCheerer", "bits", 500)]
    );
    assert_eq!(v.last.unwrap().name, "TestCheerer");

    assert!(train.apply(&event("channel-hype_train-progress")));
    let v = train.view(now).unwrap();
    assert_eq!((v.level, v.leveled_up, v.progress, v.goal), (2, true, 700, 3600));

    assert!(train.apply(&event("channel-hype_train-end")));
    let v = train.view(now).unwrap();
    assert_eq!((v.phase, v.level, v.total), (HypeTrainPhase::Ended, 2, 4000));
    assert_eq!(
        (v.progress, v.goal),
        (700, 3600),
        "the end has no progress: the last one stays"
    );
    assert_eq!(v.remaining_ms, None, "no countdown after the end");
    assert!(!train.is_counting_down(now));
    assert!(!v.leveled_up, "the end is no level-up");
}

#[test]
fn the_countdown_runs_on_the_given_clock_and_stops_at_expiry() {
    let mut train = mine();
    train.apply(&event("channel-hype_train-begin")); // expires 19:11:00.225
    let view = |now: &str| train.view(at(now)).unwrap();
    assert_eq!(view("2024-03-09T19:06:00Z").remaining_ms, Some(300_225));
    assert_eq!(countdown_label(300_225), "5:01");
    assert_eq!(
        countdown_label(view("2024-03-09T19:10:19Z").remaining_ms.unwrap()),
        "0:42"
    );
    assert_eq!(
        countdown_label(view("2024-03-09T19:11:00Z").remaining_ms.unwrap()),
        "0:01"
    );
    assert!(train.is_counting_down(at("2024-03-09T19:11:00.224Z")));
    let expired = view("2024-03-09T19:11:00.225Z");
    assert_eq!((expired.phase, expired.remaining_ms), (HypeTrainPhase::Expired, None));
    assert!(
        !train.is_counting_down(at("2024-03-09T19:11:00.225Z")),
        "no tick after expiry"
    );
    assert!(!train.is_counting_down(at("2024-03-09T20:00:00Z")));
    assert_eq!(countdown_label(0), "0:00");
    assert_eq!(countdown_label(61_000), "1:01");
}

#[test]
fn a_progress_that_arrives_late_does_not_lower_the_meter() {
    let mut train = mine();
    train.apply(&event("channel-hype_train-progress"));
    let older = patched(
        "channel-hype_train-progress",
        json!({"total": 3500, "progress": 200, "level": 2}),
    );
    assert!(!train.apply(&older), "a lower total is an older progress");
    assert!(
        !train.apply(&event("channel-hype_train-begin")),
        "a begin after a progress"
    );
    let v = train.view(at("2024-03-09T19:09:00Z")).unwrap();
    assert_eq!((v.total, v.progress), (4000, 700));
    train.apply(&event("channel-hype_train-end"));
    assert!(
        !train.apply(&event("channel-hype_train-progress")),
        "nothing after the end"
    );
}

#[test]
fn an_end_without_a_begin_shows_the_final_level() {
    let mut train = mine();
    assert!(train.apply(&event("channel-hype_train-end")));
    let v = train.view(at("2024-03-09T19:13:01Z")).unwrap();
    assert_eq!(
        (v.phase, v.level, v.progress, v.goal, v.percent),
        (HypeTrainPhase::Ended, 2, 0, 0, 0)
    );
}

#[test]
fn a_new_train_replaces_an_old_one_but_not_the_other_way_round() {
    let mut train = mine();
    train.apply(&event("channel-hype_train-end"));
    let next =
        json!({"id": "t2", "level": 1, "started_at": "2024-03-09T21:00:00Z", "expires_at": "2024-03-09T21:05:00Z"});
    assert!(train.apply(&patched("channel-hype_train-begin", next)));
    assert!(
        !train.apply(&event("channel-hype_train-progress")),
        "the old train's late progress"
    );
    let v = train.view(at("2024-03-09T21:01:00Z")).unwrap();
    assert_eq!((v.id.as_str(), v.phase), ("t2", HypeTrainPhase::Active));
}

#[test]
fn other_channels_trains_and_other_events_are_ignored() {
    let mut train = mine();
    assert!(!train.apply(&patched(
        "channel-hype_train-begin",
        json!({"broadcaster_user_id": "999"})
    )));
    assert!(!train.apply(&event("channel-goal-begin")));
    assert_eq!(train.view(at("2024-03-09T19:07:00Z")), None);
}

#[test]
fn test_and_replay_trains_preview_only_while_no_live_train_runs() {
    let mut train = mine();
    assert!(train.apply(&test_event("channel-hype_train-begin", json!({"id": "test"}))));
    assert!(train.view(at("2024-03-09T19:07:00Z")).unwrap().preview);
    assert!(
        train.apply(&event("channel-hype_train-begin")),
        "the live train replaces the preview"
    );
    assert!(
        !train.apply(&replay("channel-hype_train-end", json!({}))),
        "a replayed end does not end it"
    );
    assert!(!train.apply(&test_event("channel-hype_train-progress", json!({"total": 9999}))));
    let v = train.view(at("2024-03-09T19:07:00Z")).unwrap();
    assert_eq!((v.phase, v.total, v.preview), (HypeTrainPhase::Active, 3000, false));
}
