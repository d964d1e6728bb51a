#![cfg(not(target_arch = "wasm32"))]
//! The poll panel's state (issue 10 point 1): the fixtures in order and out of order, results,
//! ties, archived polls, other channels, tests and replays.

#[path = "support/widgets.rs"]
mod support;

use serde_json::json;
use support::{event, patched, replay, test_event};
use tau_overlay::widgets::{PollPhase, PollState, PollView, Scope};

fn mine() -> PollState {
    PollState::new(Scope::new(Some("12345".into())))
}

fn votes(v: &PollView) -> Vec<(String, u64, u32, bool, bool)> {
    v.choices
        .iter()
        .map(|c| (c.title.clone(), c.votes, c.percent, c.leading, c.winner))
        .collect()
}

fn row(title: &str, votes: u64, percent: u32, leading: bool, winner: bool) -> (String, u64, u32, bool, bool) {
    (title.to_string(), votes, percent, leading, winner)
}

#[test]
fn begin_progress_end_show_live_shares_then_the_winner() {
    let mut poll = mine();
    assert!(poll.apply(&event("channel-poll-begin")));
    let v = poll.view().unwrap();
    assert_eq!(
        (v.title.as_str(), v.phase, v.total_votes),
        ("Which language next stream?", PollPhase::Active, 0)
    );
    assert_eq!(
        votes(&v),
        [
            row("Rust", 0, 0, false, false),
            row("Zig", 0, 0, false, false),
            row("C++", 0, 0, false, false)
        ],
        "no one leads before the first vote"
    );
    assert!(poll.apply(&event("channel-poll-progress")));
    let v = poll.view().unwrap();
    assert_eq!(
        votes(&v),
        [
            row("Rust", 15, 65, true, false),
            row("Zig", 6, 26, false, false),
            row("C++", 2, 9, false, false)
        ]
    );
    assert!(poll.apply(&event("channel-poll-end")));
    let v = poll.view().unwrap();
    assert_eq!(
        (v.phase, v.status.as_deref(), v.total_votes),
        (PollPhase::Ended, Some("completed"), 47)
    );
    assert_eq!(
        votes(&v),
        [
            row("Rust", 31, 66, true, true),
            row("Zig", 12, 26, false, false),
            row("C++", 4, 9, false, false)
        ]
    );
}

#[test]
fn late_progress_and_anything_after_the_end_are_ignored() {
    let mut poll = mine();
    poll.apply(&event("channel-poll-progress"));
    assert!(!poll.apply(&event("channel-poll-begin")), "a begin after a progress");
    let fewer = patched(
        "channel-poll-progress",
        json!({"choices": [{"id": "a", "title": "Rust", "votes": 3}]}),
    );
    assert!(!poll.apply(&fewer), "fewer votes: an older progress");
    poll.apply(&event("channel-poll-end"));
    let ended = poll.view();
    assert!(!poll.apply(&event("channel-poll-progress")));
    assert!(!poll.apply(&event("channel-poll-end")), "the same end twice");
    assert_eq!(poll.view(), ended);
}

#[test]
fn an_end_without_a_begin_shows_the_result_ties_win_together_and_archived_hides() {
    let mut poll = mine();
    let tie = json!({"choices": [{"id": "a", "title": "A", "votes": 5}, {"id": "b", "title": "B", "votes": 5}, {"id": "c", "title": "C", "votes": 0}]});
    assert!(poll.apply(&patched("channel-poll-end", tie)));
    let v = poll.view().unwrap();
    assert_eq!(
        votes(&v),
        [
            row("A", 5, 50, true, true),
            row("B", 5, 50, true, true),
            row("C", 0, 0, false, false)
        ]
    );

    let mut archived = mine();
    archived.apply(&event("channel-poll-progress"));
    assert!(archived.apply(&patched("channel-poll-end", json!({"status": "archived"}))));
    assert_eq!(archived.view(), None, "Twitch hides archived polls");

    let mut terminated = mine();
    terminated.apply(&patched("channel-poll-end", json!({"status": "terminated"})));
    assert_eq!(terminated.view().unwrap().status.as_deref(), Some("terminated"));
}

#[test]
fn a_new_poll_replaces_the_old_and_an_older_polls_late_end_does_not() {
    let mut poll = mine();
    poll.apply(&event("channel-poll-progress"));
    let next = json!({"id": "p2", "title": "Next?", "started_at": "2024-03-09T19:00:00Z"});
    assert!(poll.apply(&patched("channel-poll-begin", next)));
    assert!(!poll.apply(&event("channel-poll-end")), "the old poll's late end");
    assert_eq!(poll.view().unwrap().title, "Next?");
}

#[test]
fn other_channels_polls_and_other_events_are_ignored() {
    let mut poll = mine();
    assert!(!poll.apply(&patched("channel-poll-begin", json!({"broadcaster_user_id": "999"}))));
    assert!(!poll.apply(&event("channel-prediction-begin")));
    assert_eq!(poll.view(), None);
}

#[test]
fn test_and_replay_polls_preview_only_while_no_live_poll_runs() {
    let mut poll = mine();
    assert!(poll.apply(&replay("channel-poll-end", json!({}))), "a replay previews");
    assert!(poll.view().unwrap().preview);
    assert!(poll.apply(&event("channel-poll-begin")));
    assert!(!poll.view().unwrap().preview);
    assert!(!poll.apply(&test_event("channel-poll-progress", json!({"id": "t"}))));
    assert!(!poll.apply(&replay("channel-poll-end", json!({}))));
    assert_eq!(poll.view().unwrap().phase, PollPhase::Active);
}
