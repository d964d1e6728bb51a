#![cfg(not(target_arch = "wasm32"))]
//! Gap-free backfill (PROTOCOL.md §9) against synthetic TAU pages and the REST fixture: paging,
//! stop rule, merging with buffered live frames, deduplication, test events, replays, the offline
//! summary, fetch errors and the first page load.

#[path = "support/created.rs"]
mod created;
use core::time::Duration;
use created::created;
use serde_json::{json, Value};
use std::path::Path;
use tau_overlay::tau::backfill::{
    Backfill, BackfillOptions, Checkpoint, Delivery, OfflineSummary, PageOutcome, FIRST_PAGE,
};
use tau_overlay::tau::protocol::{Envelope, Frame, TauEvent, UnixMillis};

const BASE: &str = "http://localhost:8000/api/v1/twitch-events/";
/// 2024-03-09T18:00:00Z, in seconds.
const T0: i64 = 1_709_997_200;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// `event_data` of the fixture for `event_type`.
fn data(event_type: &str) -> Value {
    fixture(&format!("{event_type}.json"))["event_data"].clone()
}

/// A stored row as REST returns it.
fn row(id: &str, event_type: &str, at: i64) -> Value {
    row_with(id, event_type, at, data(event_type))
}

fn row_with(id: &str, event_type: &str, at: i64, event_data: Value) -> Value {
    json!({
        "id": id, "event_id": null, "event_type": event_type, "event_source": "EventSub",
        "event_data": event_data, "created": created(at), "origin": "twitch",
    })
}

/// `n` follows, one a second from `T0 + from`, ids `e<second>`, oldest first.
fn follows(from: i64, n: i64) -> Vec<Value> {
    (from..from + n)
        .map(|s| row(&format!("e{s}"), "channel-follow", T0 + s))
        .collect()
}

fn envelope(value: &Value) -> Box<Envelope> {
    Box::new(Envelope::from_value(value.clone()).unwrap())
}

/// A live websocket frame for a stored row (`origin` overridden).
fn live(row: &Value, origin: &str) -> Box<Envelope> {
    let mut v = row.clone();
    v["origin"] = json!(origin);
    envelope(&v)
}

/// A dashboard test event (`id` null, isoformat `created`).
fn test_event() -> Box<Envelope> {
    let frame = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/test_event.channel-follow.json"),
    )
    .unwrap();
    match Frame::parse(&frame).unwrap() {
        Frame::Event(e) => {
            assert!(e.id.is_none() && e.is_test());
            e
        }
        other => panic!("{other:?}"),
    }
}

/// A fake `GET /api/v1/twitch-events/`: rows newest first, 10 a page, `next` as TAU builds it.
struct Tau {
    pages: Vec<Value>,
    fetched: Vec<String>,
}

impl Tau {
    /// `rows` oldest first, as they happened.
    fn new(rows: &[Value]) -> Tau {
        let newest_first: Vec<Value> = rows.iter().rev().cloned().collect();
        let chunks: Vec<&[Value]> = newest_first.chunks(10).collect();
        let pages = chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                let next = (i + 1 < chunks.len()).then(|| format!("{BASE}?cursor=page{}", i + 1));
                let previous = (i > 0).then(|| format!("{BASE}?cursor=back{i}"));
                json!({"next": next, "previous": previous, "results": chunk})
            })
            .collect();
        Tau {
            pages,
            fetched: Vec::new(),
        }
    }

    fn get(&mut self, url: &str) -> &Value {
        self.fetched.push(url.to_string());
        if url == FIRST_PAGE {
            return &self.pages[0];
        }
        let n: usize = url
            .strip_prefix(&format!("{BASE}?cursor=page"))
            .unwrap_or_else(|| panic!("not a `next` URL: {url}"))
            .parse()
            .unwrap();
        &self.pages[n]
    }
}

/// Runs a whole pass against `tau`; `during(page_number, backfill)` runs before each page is
/// handed over (to feed live frames).
fn pass_with(
    backfill: &mut Backfill,
    checkpoint: Option<Checkpoint>,
    tau: &mut Tau,
    now: UnixMillis,
    mut during: impl FnMut(usize, &mut Backfill),
) -> Vec<Delivery> {
    let mut url = backfill.start(checkpoint, now).expect("a pass starts");
    for page in 0.. {
        during(page, backfill);
        let body = tau.get(&url).clone();
        match backfill.on_page(&body, now) {
            PageOutcome::Fetch(next) => url = next,
            PageOutcome::Done(deliveries) => return deliveries,
        }
    }
    unreachable!()
}

fn pass(backfill: &mut Backfill, checkpoint: Option<Checkpoint>, tau: &mut Tau, now: UnixMillis) -> Vec<Delivery> {
    pass_with(backfill, checkpoint, tau, now, |_, _| {})
}

/// The ids of alert deliveries (`"test"` for test events), panicking on a summary.
fn ids(deliveries: &[Delivery]) -> Vec<String> {
    deliveries
        .iter()
        .map(|d| match d {
            Delivery::Alert(e) => e.id.clone().unwrap_or_else(|| "test".into()),
            Delivery::Summary(s) => panic!("unexpected summary {s:?}"),
        })
        .collect()
}

fn names(range: std::ops::Range<i64>) -> Vec<String> {
    range.map(|s| format!("e{s}")).collect()
}

fn checkpoint_of(row: &Value) -> Checkpoint {
    Checkpoint::of(&envelope(row)).unwrap()
}

fn at(secs: i64) -> UnixMillis {
    UnixMillis((T0 + secs) * 1_000)
}

fn new_backfill() -> Backfill {
    Backfill::new(BackfillOptions::default())
}

#[test]
fn twenty_events_missed_across_three_pages_are_delivered_once_in_order() {
    // e0..e4 were processed before the outage (e4 is the checkpoint); e5..e24 were missed.
    let rows = follows(0, 25);
    let mut tau = Tau::new(&rows);
    let mut backfill = new_backfill();
    let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[4])), &mut tau, at(30));
    assert_eq!(ids(&deliveries), names(5..25));
    assert_eq!(
        tau.fetched,
        [
            FIRST_PAGE.to_string(),
            format!("{BASE}?cursor=page1"),
            format!("{BASE}?cursor=page2")
        ],
        "`next` on TAU's origin is followed, and paging stops at the checkpoint"
    );
    assert_eq!(backfill.checkpoint(), Some(&checkpoint_of(&rows[24])));
    let stats = backfill.stats();
    assert_eq!(
        (stats.pages, stats.delivered, stats.summarized, stats.truncated),
        (3, 20, 0, false)
    );
    assert!(!backfill.is_running());
    // Once more: the same events are not delivered again.
    assert_eq!(backfill.start(None, at(31)).as_deref(), Some(FIRST_PAGE));
    let again = backfill.on_page(&tau.pages[0].clone(), at(31));
    assert_eq!(again, PageOutcome::Done(vec![]));
}

#[test]
fn paging_stops_at_the_first_older_row_without_fetching_further() {
    // 15 missed + checkpoint + 14 older rows: the checkpoint is on page 2 and page 3 is never read.
    let rows = follows(0, 30);
    let mut tau = Tau::new(&rows);
    let mut backfill = new_backfill();
    let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[14])), &mut tau, at(40));
    assert_eq!(ids(&deliveries), names(15..30));
    assert_eq!(tau.fetched.len(), 2);
}

#[test]
fn the_rest_fixture_is_backfilled_following_its_next_url() {
    let list = fixture("rest_twitch_events_list.json");
    let results = list["results"].as_array().unwrap();
    // The checkpoint is the fixture's oldest row; page 2 has an older row that ends paging.
    let checkpoint = checkpoint_of(&results[9]);
    let page2 = json!({"next": null, "previous": null, "results": [
        row_with("older", "channel-goal-begin", 1_710_010_000, json!({})),
    ]});
    let now = UnixMillis::parse("2024-03-09T19:36:00+0000").unwrap();
    let mut backfill = Backfill::new(BackfillOptions {
        summary_after: Duration::from_secs(3_600),
        ..BackfillOptions::default()
    });
    assert_eq!(backfill.start(Some(checkpoint), now).as_deref(), Some(FIRST_PAGE));
    let next = list["next"].as_str().unwrap();
    assert_eq!(backfill.on_page(&list, now), PageOutcome::Fetch(next.to_string()));
    let PageOutcome::Done(deliveries) = backfill.on_page(&page2, now) else {
        panic!("two pages")
    };
    let expected: Vec<String> = results[..9]
        .iter()
        .rev()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids(&deliveries), expected, "oldest first, the checkpoint row excluded");
    assert_eq!(backfill.checkpoint().unwrap(), &checkpoint_of(&results[0]));
}

#[test]
fn live_frames_buffered_during_the_pass_that_are_also_in_rest_play_once() {
    let mut rows = follows(0, 15);
    // The newest stored row arrived live during the pass with USE_IRC's emotes; REST has it plain.
    let mut redemption = data("channel-channel_points_custom_reward_redemption-add");
    rows.push(row_with(
        "r15",
        "channel-channel_points_custom_reward_redemption-add",
        T0 + 15,
        redemption.clone(),
    ));
    redemption["user_input_emotes"] = json!([{"id": "25", "positions": [[11, 15]]}]);
    let live_copy = row_with(
        "r15",
        "channel-channel_points_custom_reward_redemption-add",
        T0 + 15,
        redemption,
    );
    let newer = row("e16", "channel-follow", T0 + 16);
    let mut tau = Tau::new(&rows);
    let mut backfill = new_backfill();
    // Page 1: r15, e14..e6; page 2: e5..e0, with the checkpoint e3.
    let deliveries = pass_with(
        &mut backfill,
        Some(checkpoint_of(&rows[3])),
        &mut tau,
        at(20),
        |page, b| {
            if page == 0 {
                assert!(b.on_live(live(&rows[12], "twitch")).is_empty(), "buffered");
                assert!(b.on_live(live(&live_copy, "twitch")).is_empty());
            }
            if page == 1 {
                assert!(b.on_live(live(&newer, "twitch")).is_empty());
                assert!(b.on_live(live(&rows[13], "twitch")).is_empty());
            }
        },
    );
    let got = ids(&deliveries);
    let mut expected = names(4..15);
    expected.retain(|id| id != "e12" && id != "e13");
    expected.extend(["e12", "r15", "e16", "e13"].map(String::from));
    assert_eq!(got, expected, "backfill oldest first, then the buffer in arrival order");
    let Delivery::Alert(r15) = &deliveries[10] else {
        panic!()
    };
    let TauEvent::RedemptionAdd(r15) = &r15.event else {
        panic!("{r15:?}")
    };
    assert!(
        r15.user_input_emotes.is_some(),
        "the live copy, with USE_IRC's emotes, plays"
    );
    assert_eq!(backfill.stats().delivered, 13);
    assert_eq!(backfill.checkpoint().unwrap().id, "e16");
    // After the pass, a late duplicate frame is dropped.
    assert!(backfill.on_live(live(&newer, "twitch")).is_empty());
    assert_eq!(backfill.stats().live_deduped, 1);
}

#[test]
fn test_events_during_a_pass_are_delivered_even_when_identical() {
    let rows = follows(0, 12);
    let mut tau = Tau::new(&rows);
    let mut backfill = new_backfill();
    let checkpoint = checkpoint_of(&rows[5]);
    let deliveries = pass_with(&mut backfill, Some(checkpoint), &mut tau, at(20), |page, b| {
        if page == 0 {
            assert!(b.on_live(test_event()).is_empty());
            assert!(b.on_live(test_event()).is_empty());
        }
    });
    let mut expected = names(6..12);
    expected.extend(["test", "test"].map(String::from));
    assert_eq!(ids(&deliveries), expected);
    assert_eq!(
        backfill.checkpoint().unwrap().id,
        "e11",
        "test events never move the checkpoint"
    );
    // Outside a pass too.
    assert_eq!(ids(&backfill.on_live(test_event())), ["test"]);
    assert_eq!(ids(&backfill.on_live(test_event())), ["test"]);
    assert_eq!(backfill.checkpoint().unwrap().id, "e11");
}

#[test]
fn rows_in_the_checkpoint_second_are_delivered_but_the_checkpoint_row_is_not() {
    let t = T0 + 100;
    let rows = vec![
        row("older", "channel-follow", t - 1),
        row("same-before", "channel-follow", t),
        row("checkpoint", "channel-follow", t),
        row("same-after-1", "channel-follow", t),
        row("same-after-2", "channel-cheer", t),
        row("newer", "channel-follow", t + 1),
    ];
    let mut tau = Tau::new(&rows);
    let mut backfill = new_backfill();
    let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[2])), &mut tau, at(110));
    // REST's second precision cannot order same-second rows against the checkpoint (§9): all of
    // them are shown, except the checkpoint row itself; older seconds end the pass.
    assert_eq!(
        ids(&deliveries),
        ["same-before", "same-after-1", "same-after-2", "newer"]
    );
    assert_eq!(backfill.stats().deduped, 1);
}

#[test]
fn events_older_than_summary_after_become_one_summary() {
    let mut gift_recipient = data("channel-subscribe");
    gift_recipient["is_gift"] = json!(true);
    let rows = vec![
        row("cp", "channel-follow", T0),
        row("f1", "channel-follow", T0 + 60),
        row("s1", "channel-subscribe", T0 + 61),
        row_with("g1", "channel-subscribe", T0 + 62, gift_recipient),
        row("f2", "channel-follow", T0 + 63),
        row("on", "stream-online", T0 + 64),
        row("ru", "channel-channel_points_custom_reward_redemption-update", T0 + 65),
        row("f3", "channel-follow", T0 + 66),
        // Recent: within 10 minutes of now.
        row("c1", "channel-cheer", T0 + 3_000),
        row("f4", "channel-follow", T0 + 3_100),
    ];
    let mut tau = Tau::new(&rows);
    let mut backfill = new_backfill();
    let now = at(3_600);
    let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[0])), &mut tau, now);
    let [Delivery::Summary(summary), rest @ ..] = &deliveries[..] else {
        panic!("summary first: {deliveries:?}")
    };
    assert_eq!(
        summary,
        &OfflineSummary {
            counts: vec![("follow".into(), 3), ("sub".into(), 1)]
        }
    );
    assert_eq!(summary.text(), "While offline: 3 follows, 1 sub");
    assert_eq!(ids(rest), ["c1", "f4"]);
    assert_eq!(backfill.stats().summarized, 4);
    assert_eq!(backfill.checkpoint().unwrap().id, "f4");
    // Summarised events count as seen: a late frame for one of them does not play.
    assert!(backfill.on_live(live(&rows[1], "twitch")).is_empty());
    // The boundary: exactly summary_after old still plays on its own.
    let mut backfill = new_backfill();
    let mut tau = Tau::new(&rows[..3]);
    let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[0])), &mut tau, at(61 + 600));
    assert!(matches!(&deliveries[..], [Delivery::Summary(_), Delivery::Alert(e)] if e.id.as_deref() == Some("s1")));
}

#[test]
fn a_fetch_error_flushes_the_buffer_and_keeps_the_checkpoint() {
    let rows = follows(0, 30);
    let checkpoint = checkpoint_of(&rows[4]);
    let mut backfill = new_backfill();
    let mut tau = Tau::new(&rows);
    let url = backfill.start(Some(checkpoint.clone()), at(40)).unwrap();
    let PageOutcome::Fetch(_) = backfill.on_page(&tau.get(&url).clone(), at(40)) else {
        panic!("more pages")
    };
    let l1 = row("l1", "channel-follow", T0 + 35);
    let l2 = row("l2", "channel-cheer", T0 + 36);
    assert!(backfill.on_live(live(&l1, "twitch")).is_empty());
    assert!(backfill.on_live(test_event()).is_empty());
    assert!(backfill.on_live(live(&l1, "twitch")).is_empty());
    assert!(backfill.on_live(live(&l2, "twitch")).is_empty());
    assert_eq!(
        ids(&backfill.on_error()),
        ["l1", "test", "l2"],
        "flushed, still deduped"
    );
    assert!(!backfill.is_running());
    assert_eq!(backfill.stats().errors, 1);
    assert_eq!(backfill.checkpoint(), Some(&checkpoint), "the gap is not papered over");
    // Live events after the failure do not move it either.
    let l3 = row("l3", "channel-follow", T0 + 37);
    assert_eq!(ids(&backfill.on_live(live(&l3, "twitch"))), ["l3"]);
    assert_eq!(backfill.checkpoint(), Some(&checkpoint));
    // The next pass fills the gap, without replaying what the live socket already showed.
    let mut all = rows.clone();
    all.extend([l1, l2, l3.clone()]);
    let mut tau = Tau::new(&all);
    let deliveries = pass(&mut backfill, None, &mut tau, at(41));
    assert_eq!(ids(&deliveries), names(5..30));
    assert_eq!(backfill.checkpoint(), Some(&checkpoint_of(&l3)));
    // An unreadable body (an HTML error page, `{"detail": "Invalid cursor"}`) is an error too.
    assert!(backfill.start(None, at(42)).is_some());
    assert!(backfill.on_live(test_event()).is_empty());
    let outcome = backfill.on_page(&json!({"detail": "Invalid cursor"}), at(42));
    assert_eq!(
        ids(&match outcome {
            PageOutcome::Done(d) => d,
            other => panic!("{other:?}"),
        }),
        ["test"]
    );
    assert_eq!(backfill.stats().errors, 2);
}

#[test]
fn without_a_checkpoint_nothing_old_is_delivered_and_one_page_sets_it() {
    let list = fixture("rest_twitch_events_list.json");
    let mut backfill = new_backfill();
    let now = UnixMillis::parse("2024-03-09T19:36:00+0000").unwrap();
    assert_eq!(backfill.start(None, now).as_deref(), Some(FIRST_PAGE));
    let fresh = row("fresh", "channel-follow", 1_710_012_961);
    assert!(backfill.on_live(live(&fresh, "twitch")).is_empty());
    // The fixture has a `next` page, but only one page is read.
    let PageOutcome::Done(deliveries) = backfill.on_page(&list, now) else {
        panic!("one page only")
    };
    assert_eq!(ids(&deliveries), ["fresh"], "only what arrived live");
    assert_eq!(backfill.checkpoint().unwrap().id, "fresh");
    // The same without live traffic: the newest stored row becomes the checkpoint.
    let mut backfill = new_backfill();
    backfill.start(None, now);
    assert_eq!(backfill.on_page(&list, now), PageOutcome::Done(vec![]));
    let newest = &list["results"][0];
    assert_eq!(backfill.checkpoint(), Some(&checkpoint_of(newest)));
    // An empty TAU: the checkpoint is the beginning of time, so events stored later are new
    // (tests/fuzz_backfill.rs: events_missed_after_a_first_load_on_an_empty_tau_are_backfilled).
    let mut backfill = new_backfill();
    backfill.start(None, now);
    let empty = json!({"next": null, "previous": null, "results": []});
    assert_eq!(backfill.on_page(&empty, now), PageOutcome::Done(vec![]));
    assert_eq!(backfill.checkpoint(), Some(&Checkpoint::empty_store()));
}

#[test]
fn paging_stops_at_max_pages() {
    let rows = follows(0, 70);
    let mut tau = Tau::new(&rows);
    let mut backfill = Backfill::new(BackfillOptions {
        max_pages: 3,
        ..BackfillOptions::default()
    });
    let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[2])), &mut tau, at(80));
    assert_eq!(tau.fetched.len(), 3);
    assert_eq!(ids(&deliveries), names(40..70), "the newest 30, oldest first");
    assert!(backfill.stats().truncated);
    assert_eq!(backfill.checkpoint().unwrap().id, "e69");
}

#[test]
fn a_replay_of_a_seen_id_plays_but_a_plain_duplicate_does_not() {
    let mut backfill = new_backfill();
    let a = row("a", "channel-raid", T0 + 10);
    let b = row("b", "channel-follow", T0 + 20);
    assert_eq!(ids(&backfill.on_live(live(&a, "twitch"))), ["a"]);
    assert_eq!(ids(&backfill.on_live(live(&b, "twitch"))), ["b"]);
    assert!(backfill.on_live(live(&a, "twitch")).is_empty(), "duplicate dropped");
    assert_eq!(
        ids(&backfill.on_live(live(&a, "replay"))),
        ["a"],
        "the user asked for it"
    );
    assert_eq!(ids(&backfill.on_live(live(&a, "replay"))), ["a"]);
    assert_eq!(
        backfill.checkpoint().unwrap().id,
        "b",
        "a replay never moves the checkpoint back"
    );
    assert_eq!(backfill.stats().live_deduped, 1);
}

#[test]
fn dedupe_key_is_id_and_event_type() {
    let mut backfill = new_backfill();
    let add = row("x", "channel-channel_points_custom_reward_redemption-add", T0);
    let update = row("x", "channel-channel_points_custom_reward_redemption-update", T0);
    assert_eq!(ids(&backfill.on_live(live(&add, "twitch"))), ["x"]);
    assert_eq!(ids(&backfill.on_live(live(&update, "twitch"))), ["x"]);
    assert!(backfill.on_live(live(&add, "twitch")).is_empty());
    assert!(backfill.on_live(live(&update, "twitch")).is_empty());
}

#[test]
fn the_seen_set_is_bounded_and_forgets_the_oldest() {
    let mut backfill = Backfill::new(BackfillOptions {
        seen_capacity: 3,
        ..BackfillOptions::default()
    });
    let rows = follows(0, 4);
    for r in &rows {
        assert_eq!(backfill.on_live(live(r, "twitch")).len(), 1);
    }
    assert_eq!(backfill.on_live(live(&rows[0], "twitch")).len(), 1, "e0 was forgotten");
    assert!(backfill.on_live(live(&rows[3], "twitch")).is_empty());
}

#[test]
fn a_reconnect_during_a_pass_goes_round_once_more() {
    let rows = follows(0, 25);
    let mut tau = Tau::new(&rows[..20]);
    let mut backfill = new_backfill();
    let url = backfill.start(Some(checkpoint_of(&rows[4])), at(30)).unwrap();
    let PageOutcome::Fetch(next) = backfill.on_page(&tau.get(&url).clone(), at(30)) else {
        panic!()
    };
    // The socket dropped and came back while page 2 was loading; e20..e24 were missed meanwhile.
    assert_eq!(backfill.start(None, at(31)), None, "one pass at a time");
    let PageOutcome::Fetch(again) = backfill.on_page(&tau.get(&next).clone(), at(31)) else {
        panic!("goes round again")
    };
    assert_eq!(again, FIRST_PAGE);
    let mut tau = Tau::new(&rows);
    let PageOutcome::Done(deliveries) = backfill.on_page(&tau.get(&again).clone(), at(32)) else {
        panic!("round 2 stops at round 1's newest row, on its first page")
    };
    assert_eq!(ids(&deliveries), names(5..25));
    assert_eq!(backfill.checkpoint().unwrap().id, "e24");
}

#[test]
fn a_stored_checkpoint_survives_a_reload() {
    let rows = follows(0, 20);
    let mut tau = Tau::new(&rows[..12]);
    let mut first = new_backfill();
    let deliveries = pass(&mut first, Some(checkpoint_of(&rows[5])), &mut tau, at(30));
    assert_eq!(ids(&deliveries), names(6..12));
    let stored = first.checkpoint().unwrap().to_storage_string();
    // Reload: a new machine, nothing seen, the checkpoint read back from storage.
    let mut reloaded = new_backfill();
    let mut tau = Tau::new(&rows);
    let deliveries = pass(
        &mut reloaded,
        Checkpoint::from_storage_string(&stored),
        &mut tau,
        at(40),
    );
    assert_eq!(ids(&deliveries), names(12..20));
}

#[test]
fn pages_after_the_pass_ended_are_ignored() {
    let mut backfill = new_backfill();
    let page = json!({"next": null, "previous": null, "results": [row("a", "channel-follow", T0)]});
    assert_eq!(backfill.on_page(&page, at(0)), PageOutcome::Done(vec![]));
    assert!(backfill.on_error().is_empty());
    assert_eq!(backfill.stats().errors, 0);
    assert_eq!(backfill.checkpoint(), None);
}

#[test]
fn the_backfill_never_follows_a_next_link_to_another_host() {
    // e0..e4 were seen (e4 is the checkpoint); e5..e24 were missed: page 1 has e15..e24.
    let rows = follows(0, 25);
    for foreign in [
        "http://localhost:9999/api/v1/twitch-events/?cursor=page1",
        "http://evil.example:8000/api/v1/twitch-events/?cursor=page1",
        "https://localhost:8000/api/v1/twitch-events/?cursor=page1",
        "http://localhost:8000@evil.example/api/v1/twitch-events/?cursor=page1",
        "//evil.example/api/v1/twitch-events/?cursor=page1",
    ] {
        let mut tau = Tau::new(&rows);
        tau.pages[0]["next"] = json!(foreign);
        let mut backfill = new_backfill();
        let deliveries = pass(&mut backfill, Some(checkpoint_of(&rows[4])), &mut tau, at(30));
        assert_eq!(tau.fetched, [FIRST_PAGE.to_string()], "{foreign} is never fetched");
        // What TAU itself served is still shown; the diagnostics say why paging stopped.
        assert_eq!(ids(&deliveries), names(15..25), "{foreign}");
        let stopped = backfill.stats().stopped.expect("the refusal is reported");
        assert!(stopped.to_string().contains("refused"), "{stopped}");
    }
    let mut tau = Tau::new(&rows);
    tau.pages[0]["next"] = json!("http://localhost:9999/api/v1/twitch-events/?cursor=page1");
    let mut backfill = new_backfill();
    pass(&mut backfill, Some(checkpoint_of(&rows[4])), &mut tau, at(30));
    assert_eq!(
        backfill.stats().stopped.map(|s| s.to_string()).as_deref(),
        Some("REST link to another host refused (the token is only sent to TAU)")
    );
}

#[test]
fn a_relative_next_link_is_resolved_on_tau_s_origin() {
    let rows = follows(0, 15);
    let mut tau = Tau::new(&rows);
    tau.pages[0]["next"] = json!("/api/v1/twitch-events/?cursor=page1");
    let mut backfill = new_backfill();
    let url = backfill.start(Some(checkpoint_of(&rows[0])), at(30)).unwrap();
    let page = tau.get(&url).clone();
    assert_eq!(
        backfill.on_page(&page, at(30)),
        PageOutcome::Fetch(format!("{BASE}?cursor=page1"))
    );
}
