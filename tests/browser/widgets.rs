//! The event list and latest labels widgets, rendered from TAU's fixtures, and the shared feed
//! (`use_tau`) with many subscribers.

use super::support::{attr, sleep, test_root, texts};
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::RefCell;
use std::rc::Rc;
use tau_overlay::session::{EventLog, LatestLabels};
use tau_overlay::settings::parse_fragment;
use tau_overlay::tau::backfill::Delivery;
use tau_overlay::tau::protocol::Envelope;
use tau_overlay::web::components::event_list::EventList;
use tau_overlay::web::components::feed::{use_tau, UseTauOptions};
use tau_overlay::web::components::labels::Labels;
use tau_overlay::Overlay;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn fixture(json: &str, origin: &str) -> Envelope {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["origin"] = origin.into();
    Envelope::from_value(value).unwrap()
}

fn follow_named(name: &str) -> Envelope {
    let mut e = fixture(include_str!("../fixtures/channel-follow.json"), "twitch");
    if let tau_overlay::tau::protocol::TauEvent::Follow(f) = &mut e.event {
        f.user_name = name.into();
    }
    e
}

#[wasm_bindgen_test]
async fn event_list_renders_fixture_events_with_an_icon_each_and_marks_test_and_replay() {
    let root = test_root();
    let mut log = EventLog::new(8, "12345");
    log.apply_envelope(&follow_named("<b>ana</b>"));
    log.apply_envelope(&fixture(include_str!("../fixtures/channel-cheer.json"), "test"));
    log.apply_envelope(&fixture(include_str!("../fixtures/channel-raid.json"), "replay"));
    let log = RwSignal::new(log);
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <EventList log=log.into() /> });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=event-action]"),
        ["raided with 42 viewers", "cheered 100 bits", "followed"].map(String::from),
        "newest first"
    );
    assert_eq!(texts(&root, "[data-testid=event-name]")[2], "<b>ana</b>");
    assert_eq!(
        root.query_selector_all("b").unwrap().length(),
        0,
        "a name never becomes markup"
    );
    assert_eq!(
        root.query_selector_all("svg[data-testid=event-icon] path")
            .unwrap()
            .length(),
        3
    );
    assert_eq!(root.query_selector_all("img").unwrap().length(), 0, "no network images");
    assert_eq!(
        texts(&root, "[data-testid=event-mark]"),
        ["REPLAY", "TEST"].map(String::from)
    );
    assert_eq!(
        attr(&root, "[data-testid=event]", "data-origin").as_deref(),
        Some("replay")
    );
    assert_eq!(attr(&root, "[data-testid=event]", "data-kind").as_deref(), Some("raid"));

    // A hype train is about no one: its line names nobody (not "Anonymous").
    log.update(|l| {
        l.apply_envelope(&fixture(
            include_str!("../fixtures/channel-hype_train-begin.json"),
            "twitch",
        ));
    });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=event-name]")[0],
        "",
        "a hype train names nobody"
    );

    // A new event goes on top and the list keeps its length limit.
    log.update(|l| {
        for i in 0..10 {
            l.apply_envelope(&follow_named(&format!("v{i}")));
        }
    });
    tick().await;
    let names = texts(&root, "[data-testid=event-name]");
    assert_eq!(names.len(), 8);
    assert_eq!(names[0], "v9");
    drop(handle);
}

#[wasm_bindgen_test]
async fn labels_render_from_fixtures_and_test_events_leave_them_alone() {
    let root = test_root();
    let mut labels = LatestLabels::new("12345");
    labels.apply(&follow_named("<i>first</i>"));
    labels.apply(&fixture(include_str!("../fixtures/channel-cheer.json"), "twitch"));
    let labels = RwSignal::new(labels);
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Labels labels=labels.into() /> });
    tick().await;
    let kinds: Vec<String> = {
        let list = root.query_selector_all("[data-testid=label]").unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("data-kind")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(
        kinds,
        ["follower", "subscriber", "cheerer", "raider", "top-cheerer"].map(String::from)
    );
    assert_eq!(
        texts(&root, "[data-testid=label-name]"),
        ["<i>first</i>", "—", "TestCheerer", "—", "TestCheerer"].map(String::from)
    );
    assert_eq!(
        root.query_selector_all("i").unwrap().length(),
        0,
        "a name never becomes markup"
    );
    assert_eq!(texts(&root, "[data-testid=label-amount]")[2], "100 bits");

    labels.update(|l| {
        l.apply(&fixture(include_str!("../fixtures/channel-raid.json"), "test"));
        l.apply(&fixture(include_str!("../fixtures/channel-subscribe.json"), "replay"));
    });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=label-name]")[1],
        "—",
        "a replayed sub is no new subscriber"
    );
    assert_eq!(
        texts(&root, "[data-testid=label-name]")[3],
        "—",
        "a test raid is no raider"
    );
    labels.update(|l| {
        l.apply(&fixture(include_str!("../fixtures/channel-raid.json"), "twitch"));
    });
    tick().await;
    assert_ne!(texts(&root, "[data-testid=label-name]")[3], "—", "a live raid is");
    drop(handle);
}

#[wasm_bindgen_test]
async fn three_subscribers_of_one_feed_each_get_every_demo_event_once_in_order() {
    let root = test_root();
    let seen: Rc<RefCell<[Vec<String>; 3]>> = Rc::default();
    let record = seen.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let feed = use_tau(UseTauOptions::new(parse_fragment("#demo").config));
        for i in 0..3 {
            let record = record.clone();
            feed.subscribe(move |d: &Delivery| {
                if let Delivery::Alert(e) = d {
                    record.borrow_mut()[i].push(format!(
                        "{}:{}",
                        e.event_type,
                        e.event.user_display().unwrap_or_default()
                    ));
                }
            });
        }
        view! { <p /> }
    });
    // The demo's first batch comes 0.5 s after the start.
    for _ in 0..40 {
        if !seen.borrow()[0].is_empty() {
            break;
        }
        sleep(100).await;
    }
    let [a, b, c] = seen.borrow().clone();
    assert!(!a.is_empty(), "the demo feed delivered");
    assert_eq!(a, b);
    assert_eq!(a, c);
    drop(handle);
    let after = seen.borrow()[0].len();
    sleep(1500).await;
    assert_eq!(seen.borrow()[0].len(), after, "nothing is delivered after unmount");
}

#[wasm_bindgen_test]
async fn overlay_shows_only_the_widgets_of_the_fragment_and_names_unknown_ones() {
    let root = test_root();
    let parsed = parse_fragment("#demo&debug&widgets=events,labels,evnts,chat,goal");
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Overlay parsed=parsed /> });
    tick().await;
    assert!(root.query_selector("[data-testid=event-list]").unwrap().is_some());
    assert!(root.query_selector("[data-testid=labels]").unwrap().is_some());
    assert!(root
        .query_selector(".tau-alert-box, [data-testid=alert-box]")
        .unwrap()
        .is_none());
    let notes = texts(&root, "[data-testid=config-problems] li");
    assert!(notes.iter().any(|n| n.contains("unknown widget `evnts`")), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.contains("widget `chat` needs chat=<login>")),
        "{notes:?}"
    );
    assert!(
        !notes.iter().any(|n| n.contains("`goal`")),
        "goal is a widget: {notes:?}"
    );
    assert!(root.query_selector("[data-testid=chat]").unwrap().is_none());
    for _ in 0..40 {
        if !texts(&root, "[data-testid=event]").is_empty() {
            break;
        }
        sleep(100).await;
    }
    assert!(
        !texts(&root, "[data-testid=event]").is_empty(),
        "demo events reach the event list"
    );
    drop(handle);
}
