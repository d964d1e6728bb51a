#![cfg(not(target_arch = "wasm32"))]
//! The goal bar's state (issue 10 point 1): the fixtures in order and out of order, other
//! channels, tests and replays.

#[path = "support/widgets.rs"]
mod support;

use serde_json::json;
use support::{event, patched, replay, test_event};
use tau_overlay::widgets::{GoalState, Scope};

fn mine() -> GoalState {
    GoalState::new(Scope::new(Some("12345".into())))
}

#[test]
fn begin_progress_end_fill_the_bar_and_end_achieved() {
    let mut goal = mine();
    assert_eq!(goal.view(), None, "nothing before the first event");
    assert!(goal.apply(&event("channel-goal-begin")));
    let v = goal.view().unwrap();
    assert_eq!(
        (v.description.as_str(), v.kind.as_str(), v.current, v.target, v.percent),
        ("Road to 1000 followers", "follow", 950, 1000, 95)
    );
    assert!(!v.ended && !v.achieved && !v.preview);
    assert!(goal.apply(&event("channel-goal-progress")));
    assert_eq!(goal.view().unwrap().current, 977);
    assert!(goal.apply(&event("channel-goal-end")));
    let v = goal.view().unwrap();
    assert!(v.ended && v.achieved);
    assert_eq!((v.current, v.fraction, v.percent), (1003, 1.0, 100), "capped at full");
}

#[test]
fn progress_can_go_down_but_late_events_after_the_end_change_nothing() {
    let mut goal = mine();
    goal.apply(&event("channel-goal-progress"));
    assert!(goal.apply(&patched("channel-goal-progress", json!({"current_amount": 960}))));
    assert_eq!(goal.view().unwrap().current, 960, "unfollows lower a goal");
    goal.apply(&event("channel-goal-end"));
    let ended = goal.view();
    assert!(!goal.apply(&event("channel-goal-progress")), "a progress after the end");
    assert!(!goal.apply(&event("channel-goal-begin")), "a begin after the end");
    assert!(!goal.apply(&event("channel-goal-end")), "the same end twice");
    assert_eq!(goal.view(), ended);
}

#[test]
fn a_begin_arriving_after_its_progress_is_stale() {
    let mut goal = mine();
    goal.apply(&event("channel-goal-progress"));
    assert!(!goal.apply(&event("channel-goal-begin")));
    assert_eq!(goal.view().unwrap().current, 977);
}

#[test]
fn an_end_without_a_begin_shows_the_result_and_a_missed_goal_is_not_achieved() {
    let mut goal = mine();
    assert!(goal.apply(&patched(
        "channel-goal-end",
        json!({"is_achieved": false, "current_amount": 990})
    )));
    let v = goal.view().unwrap();
    assert!(v.ended && !v.achieved);
    assert_eq!(v.percent, 99);
}

#[test]
fn a_new_goal_replaces_the_old_but_an_older_goals_late_event_does_not() {
    let mut goal = mine();
    goal.apply(&event("channel-goal-end"));
    let next = json!({"id": "g2", "description": "Subs", "started_at": "2024-03-09T20:00:00Z", "current_amount": 1, "target_amount": 10});
    assert!(goal.apply(&patched("channel-goal-begin", next)));
    assert_eq!(goal.view().unwrap().description, "Subs");
    assert!(
        !goal.apply(&event("channel-goal-progress")),
        "the old goal's late progress"
    );
    assert_eq!(goal.view().unwrap().id, "g2");
}

#[test]
fn other_channels_goals_are_ignored_when_the_broadcaster_is_known() {
    let other = patched("channel-goal-begin", json!({"broadcaster_user_id": "999"}));
    let mut goal = mine();
    assert!(!goal.apply(&other));
    assert_eq!(goal.view(), None);
    let mut anyone = GoalState::new(Scope::new(None));
    assert!(anyone.apply(&other), "no broadcaster id: every channel");
    let mut empty = GoalState::new(Scope::new(Some(String::new())));
    assert!(empty.apply(&other), "an empty id is no id");
}

#[test]
fn test_and_replay_events_preview_only_while_no_live_goal_runs() {
    let mut goal = mine();
    assert!(goal.apply(&test_event("channel-goal-begin", json!({"id": "t"}))));
    assert!(goal.view().unwrap().preview, "a test shows, marked");
    assert!(goal.apply(&event("channel-goal-progress")), "live replaces the preview");
    assert!(!goal.view().unwrap().preview);
    assert!(!goal.apply(&test_event(
        "channel-goal-begin",
        json!({"id": "t2", "current_amount": 1})
    )));
    assert!(
        !goal.apply(&replay("channel-goal-end", json!({}))),
        "a replay does not end it"
    );
    assert_eq!(goal.view().unwrap().current, 977);
    goal.apply(&event("channel-goal-end"));
    assert!(
        goal.apply(&test_event("channel-goal-begin", json!({"id": "t3"}))),
        "after the end it may"
    );
    assert!(goal.view().unwrap().preview);
}

#[test]
fn other_event_types_are_ignored() {
    let mut goal = mine();
    for name in ["channel-poll-begin", "channel-follow", "channel-hype_train-begin"] {
        assert!(!goal.apply(&event(name)), "{name}");
    }
    assert_eq!(goal.view(), None);
}
