//! The event list's and latest labels' pure state (`src/session/`), on TAU's fixtures and
//! hand-made sequences.

use serde_json::{json, Value};
use tau_overlay::engine::InputOrigin;
use tau_overlay::session::{EventLog, LabelKind, LatestLabels};
use tau_overlay::tau::backfill::{Delivery, OfflineSummary};
use tau_overlay::tau::protocol::Envelope;

fn fixture(name: &str) -> Envelope {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Envelope::from_value(serde_json::from_str(&text).unwrap()).unwrap()
}

fn event(id: &str, origin: &str, event_type: &str, created: &str, data: Value) -> Envelope {
    Envelope::from_value(json!({
        "id": id, "event_id": null, "event_type": event_type, "event_source": "EventSub",
        "event_data": data, "created": created, "origin": origin,
    }))
    .unwrap()
}

fn at(second: u32) -> String {
    format!("2024-03-09T19:00:{second:02}+0000")
}

fn follow(id: &str, origin: &str, second: u32, name: &str) -> Envelope {
    event(
        id,
        origin,
        "channel-follow",
        &at(second),
        json!({"user_name": name, "user_login": name.to_lowercase(), "broadcaster_user_id": "12345"}),
    )
}

fn cheer(id: &str, second: u32, name: &str, bits: u64) -> Envelope {
    event(
        id,
        "twitch",
        "channel-cheer",
        &at(second),
        json!({"is_anonymous": false, "user_name": name, "user_login": name.to_lowercase(), "bits": bits, "broadcaster_user_id": "12345"}),
    )
}

fn online(id: &str, second: u32) -> Envelope {
    event(
        id,
        "twitch",
        "stream-online",
        &at(second),
        json!({"broadcaster_user_id": "12345", "type": "live"}),
    )
}

fn name(labels: &LatestLabels, kind: LabelKind) -> Option<String> {
    labels.get(kind).and_then(|l| l.name)
}

#[test]
fn every_label_is_set_from_the_fixtures() {
    let mut labels = LatestLabels::new("12345");
    for f in ["channel-follow", "channel-subscribe", "channel-cheer", "channel-raid"] {
        assert!(labels.apply(&fixture(f)), "{f} counted");
    }
    for kind in LabelKind::ALL {
        assert!(labels.get(kind).is_some(), "{kind:?} is set");
    }
    assert_eq!(name(&labels, LabelKind::Cheerer).as_deref(), Some("TestCheerer"));
    assert_eq!(labels.get(LabelKind::Cheerer).unwrap().amount, 100);
    assert_eq!(labels.get(LabelKind::TopCheerer).unwrap().amount, 100);
}

#[test]
fn test_and_replay_events_never_change_a_label() {
    let mut labels = LatestLabels::new("");
    labels.apply(&follow("a", "twitch", 1, "Ana"));
    let before = labels.clone();
    assert!(!labels.apply(&follow("b", "replay", 2, "Replayed")));
    assert!(!labels.apply(&follow("c", "test", 3, "Tester")));
    let mut no_id = follow("x", "twitch", 4, "NoId");
    no_id.id = None;
    assert!(!labels.apply(&no_id), "an event without a row id is a test event");
    assert_eq!(labels, before);
    assert_eq!(name(&labels, LabelKind::Follower).as_deref(), Some("Ana"));
}

#[test]
fn stored_rows_read_after_live_events_do_not_replace_them() {
    let mut labels = LatestLabels::new("");
    labels.apply(&follow("live", "twitch", 30, "LiveFollower"));
    // The seed's page arrives later, newest first, with older rows.
    let more = labels.seed_page(&[
        follow("old2", "twitch", 20, "Older"),
        follow("old1", "twitch", 10, "Oldest"),
    ]);
    assert!(!more, "the follower is known");
    assert_eq!(name(&labels, LabelKind::Follower).as_deref(), Some("LiveFollower"));
}

#[test]
fn a_stored_row_also_delivered_live_counts_once_for_the_top_cheerer() {
    let mut labels = LatestLabels::new("");
    labels.apply(&cheer("row-1", 5, "Ana", 100));
    labels.seed_page(&[cheer("row-1", 5, "Ana", 100)]);
    assert_eq!(labels.get(LabelKind::TopCheerer).unwrap().amount, 100);
}

#[test]
fn top_cheerer_sums_bits_per_viewer_since_the_newest_stream_online() {
    let mut labels = LatestLabels::new("");
    // Newest first: Bo's cheers before the stream went online belong to the last session.
    let page = [
        cheer("c4", 40, "Ana", 300),
        cheer("c3", 35, "Bo", 100),
        cheer("c2", 30, "Ana", 200),
        online("on", 20),
        cheer("c1", 10, "Bo", 10_000),
    ];
    labels.seed_page(&page);
    let top = labels.get(LabelKind::TopCheerer).unwrap();
    assert_eq!((top.name.as_deref(), top.amount), (Some("Ana"), 500));
    // A live Bo cheer makes Bo the top cheerer: 100 + 450 this session.
    labels.apply(&cheer("c5", 50, "Bo", 450));
    let top = labels.get(LabelKind::TopCheerer).unwrap();
    assert_eq!((top.name.as_deref(), top.amount), (Some("Bo"), 550));
    assert_eq!(labels.get(LabelKind::Cheerer).unwrap().amount, 450);
}

#[test]
fn a_new_stream_online_starts_a_new_session_for_the_top_cheerer() {
    let mut labels = LatestLabels::new("");
    labels.apply(&cheer("c1", 10, "Ana", 100));
    labels.apply(&online("on", 20));
    assert_eq!(labels.get(LabelKind::TopCheerer), None);
    assert_eq!(
        name(&labels, LabelKind::Cheerer).as_deref(),
        Some("Ana"),
        "the latest cheerer stays"
    );
}

#[test]
fn anonymous_cheers_update_the_latest_cheerer_but_not_the_top_cheerer() {
    let mut labels = LatestLabels::new("");
    labels.apply(&cheer("c1", 10, "Ana", 100));
    let anon = event(
        "c2",
        "twitch",
        "channel-cheer",
        &at(20),
        json!({"is_anonymous": true, "bits": 5000}),
    );
    assert!(labels.apply(&anon));
    let latest = labels.get(LabelKind::Cheerer).unwrap();
    assert_eq!((latest.name, latest.amount), (None, 5000));
    assert_eq!(labels.get(LabelKind::TopCheerer).unwrap().amount, 100);
}

#[test]
fn the_streamers_own_outgoing_raid_is_not_the_latest_raider() {
    let mut labels = LatestLabels::new("12345");
    let outgoing = event(
        "r1",
        "twitch",
        "channel-raid",
        &at(1),
        json!({
        "from_broadcaster_user_id": "12345", "from_broadcaster_user_name": "TestStreamer",
        "to_broadcaster_user_id": "999", "to_broadcaster_user_name": "Friend", "viewers": 50}),
    );
    assert!(!labels.apply(&outgoing));
    assert_eq!(labels.get(LabelKind::Raider), None);
    assert!(labels.apply(&fixture("channel-raid")));
}

#[test]
fn seeding_reads_further_cheers_only_back_to_the_session_start() {
    let mut labels = LatestLabels::new("");
    assert!(
        !labels.seed_page(&[online("on", 20)]),
        "the newest stream-online is enough"
    );
    assert!(
        labels.seed_page(&[cheer("c3", 40, "A", 1), cheer("c2", 30, "B", 1)]),
        "all in the session: read on"
    );
    assert!(
        !labels.seed_page(&[cheer("c1", 25, "A", 1), cheer("c0", 10, "C", 1)]),
        "this page reaches back before it"
    );
    assert!(!labels.seed_page(&[]), "an empty page ends the read");
}

#[test]
fn seeding_reads_more_raids_only_while_there_is_no_incoming_one() {
    let mut labels = LatestLabels::new("12345");
    let raid = |id: &str, from: &str, to: &str| {
        event(
            id,
            "twitch",
            "channel-raid",
            &at(1),
            json!({
        "from_broadcaster_user_id": from, "from_broadcaster_user_name": "X", "to_broadcaster_user_id": to, "viewers": 5}),
        )
    };
    assert!(
        labels.seed_page(&[raid("r2", "12345", "9")]),
        "only the streamer's own raid so far"
    );
    assert!(!labels.seed_page(&[raid("r1", "9", "12345")]));
    assert!(labels.get(LabelKind::Raider).is_some());
}

#[test]
fn viewer_names_are_cleaned_and_capped() {
    let mut labels = LatestLabels::new("");
    labels.apply(&follow("a", "twitch", 1, &format!("\u{202e}{}", "x".repeat(60))));
    let shown = name(&labels, LabelKind::Follower).unwrap();
    assert_eq!(shown.chars().count(), 40);
    assert!(!shown.contains('\u{202e}'));
}

#[test]
fn event_log_keeps_the_last_n_newest_first_with_test_and_replay_marked() {
    let mut log = EventLog::new(3, "");
    for (i, origin) in ["twitch", "test", "replay", "twitch"].iter().enumerate() {
        log.apply_envelope(&follow(&format!("f{i}"), origin, i as u32, &format!("V{i}")));
    }
    let shown: Vec<_> = log.entries().map(|e| (e.name.clone().unwrap(), e.origin)).collect();
    assert_eq!(
        shown,
        [
            ("V3".into(), InputOrigin::Live),
            ("V2".into(), InputOrigin::Replay),
            ("V1".into(), InputOrigin::Test)
        ]
    );
    let keys: Vec<u64> = log.entries().map(|e| e.key).collect();
    assert!(
        keys.windows(2).all(|w| w[0] > w[1]),
        "stable, increasing keys: {keys:?}"
    );
}

#[test]
fn event_log_has_a_line_per_fixture_kind() {
    let mut log = EventLog::new(20, "12345");
    let kinds = [
        ("channel-follow", "follow"),
        ("channel-subscribe", "sub"),
        ("channel-subscription-message", "resub"),
        ("channel-subscription-gift", "gift-bomb"),
        ("channel-cheer", "cheer"),
        ("channel-raid", "raid"),
        ("channel-channel_points_custom_reward_redemption-add", "redemption"),
    ];
    for (fixture_name, _) in kinds {
        assert!(log.apply_envelope(&fixture(fixture_name)), "{fixture_name}");
    }
    let mut shown: Vec<&str> = log.entries().map(|e| e.kind).collect();
    shown.reverse();
    assert_eq!(shown, kinds.map(|(_, k)| k));
    let redemption = log.entries().next().unwrap();
    assert!(redemption.detail.is_some(), "the reward title");
}

#[test]
fn event_log_skips_gift_recipients_and_redemption_updates() {
    let mut log = EventLog::new(5, "");
    let gifted = event(
        "g",
        "twitch",
        "channel-subscribe",
        &at(1),
        json!({"user_name": "Lucky", "tier": "1000", "is_gift": true}),
    );
    assert!(!log.apply_envelope(&gifted));
    assert!(!log.apply_envelope(&fixture("channel-channel_points_custom_reward_redemption-update")));
    assert!(log.is_empty());
}

#[test]
fn event_log_shows_an_offline_summary_as_one_line() {
    let mut log = EventLog::new(5, "");
    let summary = OfflineSummary {
        counts: vec![("follow".into(), 3)],
    };
    assert!(log.apply(&Delivery::Summary(summary)));
    let line = log.entries().next().unwrap();
    assert_eq!(
        (line.kind, line.amount, line.detail.as_deref()),
        ("offline-summary", 3, Some("While offline: 3 follows"))
    );
}
