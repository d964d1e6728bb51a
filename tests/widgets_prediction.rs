#![cfg(not(target_arch = "wasm32"))]
//! The prediction panel's state (issue 10 point 1): the fixtures in order and out of order,
//! lock, result, cancel, other channels, tests and replays.

#[path = "support/widgets.rs"]
mod support;

use serde_json::json;
use support::{event, patched, replay, test_event};
use tau_overlay::widgets::{PredictionPhase, PredictionState, PredictionView, Scope};

fn mine() -> PredictionState {
    PredictionState::new(Scope::new(Some("12345".into())))
}

fn rows(v: &PredictionView) -> Vec<(String, u64, u32, String, bool)> {
    v.outcomes
        .iter()
        .map(|o| (o.title.clone(), o.points, o.percent, o.payout.clone(), o.winner))
        .collect()
}

fn row(title: &str, points: u64, percent: u32, payout: &str, winner: bool) -> (String, u64, u32, String, bool) {
    (title.to_string(), points, percent, payout.to_string(), winner)
}

#[test]
fn begin_progress_lock_end_go_open_locked_resolved() {
    let mut p = mine();
    assert!(p.apply(&event("channel-prediction-begin")));
    let v = p.view().unwrap();
    assert_eq!(
        (v.title.as_str(), v.phase, v.total_points),
        ("Will the build pass first try?", PredictionPhase::Open, 0)
    );
    assert_eq!(rows(&v), [row("Yes", 0, 0, "", false), row("No", 0, 0, "", false)]);
    assert_eq!(v.outcomes[1].color, "pink");

    assert!(p.apply(&event("channel-prediction-progress")));
    let v = p.view().unwrap();
    assert_eq!(
        rows(&v),
        [
            row("Yes", 15000, 65, "1:1.53", false),
            row("No", 8000, 35, "1:2.88", false)
        ]
    );
    assert_eq!(v.outcomes[0].users, 12);
    assert_eq!(v.outcomes[0].top_predictor.as_deref(), Some("TestPredictor"));

    assert!(p.apply(&event("channel-prediction-lock")), "the lock changes the phase");
    assert_eq!(p.view().unwrap().phase, PredictionPhase::Locked);
    assert!(
        !p.apply(&event("channel-prediction-progress")),
        "no progress after the lock"
    );

    assert!(p.apply(&event("channel-prediction-end")));
    let v = p.view().unwrap();
    assert_eq!(v.phase, PredictionPhase::Resolved);
    assert_eq!(
        rows(&v),
        [
            row("Yes", 15000, 65, "1:1.53", true),
            row("No", 8000, 35, "1:2.88", false)
        ]
    );
    assert!(!p.apply(&event("channel-prediction-lock")), "nothing after the end");
}

#[test]
fn a_canceled_prediction_has_no_winner() {
    let mut p = mine();
    p.apply(&event("channel-prediction-lock"));
    assert!(p.apply(&patched(
        "channel-prediction-end",
        json!({"status": "canceled", "winning_outcome_id": null})
    )));
    let v = p.view().unwrap();
    assert_eq!(v.phase, PredictionPhase::Canceled);
    assert!(v.outcomes.iter().all(|o| !o.winner));
}

#[test]
fn fewer_points_is_an_older_progress_and_a_begin_after_progress_is_stale() {
    let mut p = mine();
    p.apply(&event("channel-prediction-progress"));
    let older = patched(
        "channel-prediction-progress",
        json!({"outcomes": [{"id": "y", "title": "Yes", "channel_points": 100}, {"id": "n", "title": "No", "channel_points": 50}]}),
    );
    assert!(!p.apply(&older));
    assert!(!p.apply(&event("channel-prediction-begin")));
    assert_eq!(p.view().unwrap().total_points, 23000);
}

#[test]
fn an_end_without_a_begin_shows_the_result_and_older_predictions_do_not_return() {
    let mut p = mine();
    assert!(p.apply(&event("channel-prediction-end")));
    assert_eq!(p.view().unwrap().phase, PredictionPhase::Resolved);
    let next = json!({"id": "p2", "title": "Boss down?", "started_at": "2024-03-09T20:00:00Z"});
    assert!(p.apply(&patched("channel-prediction-begin", next)));
    assert!(
        !p.apply(&event("channel-prediction-lock")),
        "the old prediction's late lock"
    );
    assert_eq!(p.view().unwrap().title, "Boss down?");
}

#[test]
fn other_channels_predictions_and_other_events_are_ignored() {
    let mut p = mine();
    assert!(!p.apply(&patched(
        "channel-prediction-begin",
        json!({"broadcaster_user_id": "999"})
    )));
    assert!(!p.apply(&event("channel-poll-begin")));
    assert_eq!(p.view(), None);
}

#[test]
fn test_and_replay_predictions_preview_only_while_no_live_one_runs() {
    let mut p = mine();
    assert!(p.apply(&test_event("channel-prediction-begin", json!({"id": "t"}))));
    assert!(p.view().unwrap().preview);
    assert!(p.apply(&event("channel-prediction-progress")));
    assert!(!p.apply(&replay("channel-prediction-end", json!({}))));
    assert!(!p.apply(&test_event("channel-prediction-lock", json!({}))));
    let v = p.view().unwrap();
    assert_eq!((v.phase, v.preview), (PredictionPhase::Open, false));
    p.apply(&event("channel-prediction-end"));
    assert!(
        p.apply(&test_event("channel-prediction-begin", json!({"id": "t2"}))),
        "after the end a preview may show"
    );
}
