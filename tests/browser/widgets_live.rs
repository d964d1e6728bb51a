//! Issue 10 point 1: the goal bar, hype-train meter, poll and prediction panels render from the
//! TAU fixtures (begin, progress, lock, end), the hype-train countdown's one timer stops at the
//! end and at expiry, and viewer text stays text.

use super::{attr, sleep, test_root, texts};
use leptos::prelude::*;
use leptos::task::tick;
use serde_json::{json, Value};
use tau_overlay::tau::protocol::{Envelope, Frame};
use tau_overlay::web::components::goal::{use_goal, GoalBar, UseGoalOptions};
use tau_overlay::web::components::hype_train::{use_hype_train, HypeTrainMeter, UseHypeTrainOptions};
use tau_overlay::web::components::poll::{use_poll, PollPanel, UsePollOptions};
use tau_overlay::web::components::prediction::{use_prediction, PredictionPanel, UsePredictionOptions};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn fixture(name: &str) -> Value {
    let text = match name {
        "channel-goal-begin" => include_str!("../fixtures/channel-goal-begin.json"),
        "channel-goal-progress" => include_str!("../fixtures/channel-goal-progress.json"),
        "channel-goal-end" => include_str!("../fixtures/channel-goal-end.json"),
        "channel-hype_train-begin" => include_str!("../fixtures/channel-hype_train-begin.json"),
        "channel-hype_train-progress" => include_str!("../fixtures/channel-hype_train-progress.json"),
        "channel-hype_train-end" => include_str!("../fixtures/channel-hype_train-end.json"),
        "channel-poll-begin" => include_str!("../fixtures/channel-poll-begin.json"),
        "channel-poll-progress" => include_str!("../fixtures/channel-poll-progress.json"),
        "channel-poll-end" => include_str!("../fixtures/channel-poll-end.json"),
        "channel-prediction-begin" => include_str!("../fixtures/channel-prediction-begin.json"),
        "channel-prediction-progress" => include_str!("../fixtures/channel-prediction-progress.json"),
        "channel-prediction-lock" => include_str!("../fixtures/channel-prediction-lock.json"),
        "channel-prediction-end" => include_str!("../fixtures/channel-prediction-end.json"),
        other => panic!("no fixture {other}"),
    };
    serde_json::from_str(text).unwrap()
}

/// Fixture `name` with `event_data` keys from `patch`, through `Frame::parse` (`JSON.parse`).
fn event(name: &str, patch: Value) -> Envelope {
    let mut frame = fixture(name);
    for (k, v) in patch.as_object().unwrap() {
        frame["event_data"][k] = v.clone();
    }
    match Frame::parse(&frame.to_string()) {
        Ok(Frame::Event(e)) => *e,
        other => panic!("{name}: {other:?}"),
    }
}

/// RFC 3339 for `Date.now() + offset_ms`.
fn iso_in(offset_ms: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + offset_ms))
        .to_iso_string()
        .into()
}

/// Wraps `setInterval`/`clearInterval` to track live intervals; returns a reader of the count.
fn live_intervals() -> impl Fn() -> u32 {
    js_sys::Function::new_no_args(
        "if (!window.__liveIntervals) {
             window.__liveIntervals = new Set();
             const set = window.setInterval, clear = window.clearInterval;
             window.setInterval = function (...args) {
                 const id = set.apply(window, args);
                 window.__liveIntervals.add(id);
                 return id;
             };
             window.clearInterval = function (id) {
                 window.__liveIntervals.delete(id);
                 return clear.call(window, id);
             };
         }",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    || {
        let set = js_sys::Reflect::get(&window(), &JsValue::from_str("__liveIntervals")).unwrap();
        js_sys::Reflect::get(&set, &JsValue::from_str("size"))
            .unwrap()
            .as_f64()
            .unwrap() as u32
    }
}

/// The `--tau-fill` each element matching `css` sets in its `style` attribute.
fn fill(root: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .map(|i| {
            use wasm_bindgen::JsCast;
            let el = list.item(i).unwrap().unchecked_into::<web_sys::Element>();
            let style = el.get_attribute("style").unwrap_or_default();
            let value = style.split("--tau-fill:").nth(1).unwrap_or_default();
            value.split(';').next().unwrap().trim().to_string()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn goal_bar_renders_begin_progress_and_end_from_the_fixtures() {
    let root = test_root();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let goal = use_goal(UseGoalOptions {
            broadcaster: Some("12345".into()),
        });
        out.set(Some(goal));
        view! { <GoalBar state=goal.state /> }
    });
    let goal = slot.get().unwrap();
    tick().await;
    assert!(texts(&root, "[data-testid=goal]").is_empty(), "hidden before a goal");
    goal.apply(&event("channel-goal-begin", json!({})));
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=goal-description]"),
        ["Road to 1000 followers"]
    );
    assert_eq!(texts(&root, "[data-testid=goal-amount]"), ["950 / 1000"]);
    assert_eq!(texts(&root, "[data-testid=goal-percent]"), ["95%"]);
    assert_eq!(fill(&root, "[data-testid=goal-fill]"), ["0.950"]);
    assert_eq!(
        attr(&root, "[data-testid=goal]", "data-state").as_deref(),
        Some("active")
    );
    assert_eq!(
        attr(&root, "[data-testid=goal]", "data-kind").as_deref(),
        Some("follow")
    );

    goal.apply(&event("channel-goal-progress", json!({})));
    tick().await;
    assert_eq!(texts(&root, "[data-testid=goal-amount]"), ["977 / 1000"]);
    assert_eq!(fill(&root, "[data-testid=goal-fill]"), ["0.977"]);
    assert_eq!(attr(&root, "[data-testid=goal]", "data-achieved"), None);
    assert_eq!(
        attr(&root, "[data-testid=goal]", "data-over"),
        None,
        "no fade while it runs"
    );

    goal.apply(&event("channel-goal-end", json!({})));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=goal]", "data-state").as_deref(),
        Some("ended")
    );
    assert_eq!(attr(&root, "[data-testid=goal]", "data-achieved").as_deref(), Some(""));
    assert_eq!(
        attr(&root, "[data-testid=goal]", "data-over").as_deref(),
        Some(""),
        "ended: it fades after the hold"
    );
    assert_eq!(fill(&root, "[data-testid=goal-fill]"), ["1.000"]);

    goal.apply(&event(
        "channel-goal-begin",
        json!({"id": "other", "broadcaster_user_id": "999", "started_at": iso_in(0.0)}),
    ));
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=goal-amount]"),
        ["1003 / 1000"],
        "another channel's goal is ignored"
    );
}

#[wasm_bindgen_test]
async fn hype_train_countdown_ticks_with_one_timer_that_stops_at_the_end_and_at_expiry() {
    let intervals = live_intervals();
    let before = intervals();
    let root = test_root();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let train = use_hype_train(UseHypeTrainOptions::default());
        out.set(Some(train));
        view! { <HypeTrainMeter state=train.state /> }
    });
    let train = slot.get().unwrap();
    tick().await;
    assert!(
        texts(&root, "[data-testid=hype-train]").is_empty(),
        "hidden before a train"
    );
    assert_eq!(intervals(), before, "no timer while idle");

    let started = iso_in(-60_000.0);
    train.apply(&event(
        "channel-hype_train-begin",
        json!({"started_at": started, "expires_at": iso_in(5_000.0)}),
    ));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=hype-train]", "data-state").as_deref(),
        Some("active")
    );
    assert_eq!(texts(&root, "[data-testid=hype-level]"), ["1"]);
    assert_eq!(texts(&root, "[data-testid=hype-countdown]"), ["0:05"]);
    assert_eq!(texts(&root, "[data-testid=hype-progress]"), ["3000 / 3300"]);
    assert_eq!(texts(&root, ".tau-hype__name"), ["TestGifter", "TestCheerer"]);
    assert_eq!(intervals(), before + 1, "one timer while a train runs");
    sleep(2_100).await;
    let left = texts(&root, "[data-testid=hype-countdown]");
    assert!(left == ["0:03"] || left == ["0:02"], "the countdown ticks: {left:?}");

    train.apply(&event(
        "channel-hype_train-progress",
        json!({"started_at": started, "expires_at": iso_in(5_000.0)}),
    ));
    tick().await;
    assert_eq!(texts(&root, "[data-testid=hype-level]"), ["2"]);
    assert_eq!(
        attr(&root, "[data-testid=hype-level]", "data-level-up").as_deref(),
        Some("")
    );
    assert_eq!(fill(&root, "[data-testid=hype-fill]"), ["0.194"]);
    assert_eq!(intervals(), before + 1, "still one timer");

    train.apply(&event("channel-hype_train-end", json!({"started_at": started})));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=hype-train]", "data-state").as_deref(),
        Some("ended")
    );
    assert_eq!(texts(&root, "[data-testid=hype-countdown]"), [""]);
    assert_eq!(intervals(), before, "the timer stops at the end");

    // A train whose end never comes: the timer stops when it expires.
    train.apply(&event(
        "channel-hype_train-begin",
        json!({"id": "next", "started_at": iso_in(0.0), "expires_at": iso_in(1_500.0)}),
    ));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=hype-train]", "data-state").as_deref(),
        Some("active")
    );
    assert_eq!(intervals(), before + 1);
    sleep(2_600).await;
    assert_eq!(
        attr(&root, "[data-testid=hype-train]", "data-state").as_deref(),
        Some("expired")
    );
    assert_eq!(intervals(), before, "the timer stops at expiry");

    train.apply(&event(
        "channel-hype_train-begin",
        json!({"id": "third", "started_at": iso_in(0.0), "expires_at": iso_in(60_000.0)}),
    ));
    tick().await;
    assert_eq!(intervals(), before + 1);
    drop(handle);
    assert_eq!(intervals(), before, "unmounting stops the timer");
}

#[wasm_bindgen_test]
async fn poll_panel_shows_live_bars_then_the_winner() {
    let root = test_root();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let poll = use_poll(UsePollOptions::default());
        out.set(Some(poll));
        view! { <PollPanel state=poll.state /> }
    });
    let poll = slot.get().unwrap();
    poll.apply(&event("channel-poll-begin", json!({})));
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=poll-title]"),
        ["Which language next stream?"]
    );
    assert_eq!(texts(&root, "[data-testid=poll-choice-title]"), ["Rust", "Zig", "C++"]);
    assert_eq!(texts(&root, "[data-testid=poll-votes]"), ["0", "0", "0"]);
    assert_eq!(fill(&root, "[data-testid=poll-bar]"), ["0.000", "0.000", "0.000"]);

    poll.apply(&event("channel-poll-progress", json!({})));
    tick().await;
    assert_eq!(texts(&root, "[data-testid=poll-votes]"), ["15", "6", "2"]);
    assert_eq!(texts(&root, "[data-testid=poll-percent]"), ["65%", "26%", "9%"]);
    assert_eq!(fill(&root, "[data-testid=poll-bar]"), ["0.652", "0.261", "0.087"]);
    assert_eq!(
        attr(&root, "[data-testid=poll]", "data-state").as_deref(),
        Some("active")
    );
    assert_eq!(
        attr(&root, "[data-testid=poll-choice]", "data-leading").as_deref(),
        Some("")
    );
    assert_eq!(attr(&root, "[data-testid=poll-choice]", "data-winner"), None);

    poll.apply(&event("channel-poll-end", json!({})));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=poll]", "data-state").as_deref(),
        Some("ended")
    );
    assert_eq!(texts(&root, "[data-testid=poll-total]"), ["47"]);
    assert_eq!(root.query_selector_all("[data-winner]").unwrap().length(), 1);
    assert_eq!(texts(&root, "[data-winner] [data-testid=poll-choice-title]"), ["Rust"]);
}

#[wasm_bindgen_test]
async fn a_poll_title_with_markup_shows_as_text() {
    let root = test_root();
    let title = "<img src=x onerror=\"window.__pwned=1\"><b>Which?</b>";
    let choice = "<script>window.__pwned=1</script>Rust";
    let envelope = event(
        "channel-poll-progress",
        json!({"title": title, "choices": [{"id": "a", "title": choice, "votes": 3}, {"id": "b", "title": "<i>Zig</i>", "votes": 1}]}),
    );
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let poll = use_poll(UsePollOptions::default());
        poll.apply(&envelope);
        view! { <PollPanel state=poll.state /> }
    });
    tick().await;
    sleep(50).await;
    assert_eq!(texts(&root, "[data-testid=poll-title]"), [title]);
    assert_eq!(texts(&root, "[data-testid=poll-choice-title]"), [choice, "<i>Zig</i>"]);
    for tag in ["img", "b", "script", "i"] {
        assert_eq!(
            root.query_selector_all(tag).unwrap().length(),
            0,
            "no <{tag}> from viewer text"
        );
    }
    let pwned = js_sys::Reflect::get(&window(), &JsValue::from_str("__pwned")).unwrap();
    assert!(pwned.is_undefined(), "no script ran");
}

#[wasm_bindgen_test]
async fn prediction_panel_shows_open_locked_and_resolved_from_the_fixtures() {
    let root = test_root();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let prediction = use_prediction(UsePredictionOptions {
            broadcaster: Some("12345".into()),
        });
        out.set(Some(prediction));
        view! { <PredictionPanel state=prediction.state /> }
    });
    let prediction = slot.get().unwrap();
    prediction.apply(&event("channel-prediction-begin", json!({})));
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=prediction-title]"),
        ["Will the build pass first try?"]
    );
    assert_eq!(texts(&root, "[data-testid=prediction-outcome-title]"), ["Yes", "No"]);
    assert_eq!(
        attr(&root, "[data-testid=prediction]", "data-state").as_deref(),
        Some("open")
    );
    let colors: Vec<_> = ["blue", "pink"]
        .iter()
        .map(|c| root.query_selector_all(&format!("[data-color={c}]")).unwrap().length())
        .collect();
    assert_eq!(colors, [1, 1]);

    prediction.apply(&event("channel-prediction-progress", json!({})));
    tick().await;
    assert_eq!(texts(&root, "[data-testid=prediction-points]"), ["15000", "8000"]);
    assert_eq!(texts(&root, "[data-testid=prediction-percent]"), ["65%", "35%"]);
    assert_eq!(texts(&root, "[data-testid=prediction-payout]"), ["1:1.53", "1:2.88"]);
    assert_eq!(
        texts(&root, "[data-testid=prediction-top]"),
        ["TestPredictor", "TestDoubter"]
    );
    assert_eq!(fill(&root, "[data-testid=prediction-bar]"), ["0.652", "0.348"]);

    prediction.apply(&event("channel-prediction-lock", json!({})));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=prediction]", "data-state").as_deref(),
        Some("locked")
    );
    assert_eq!(root.query_selector_all("[data-winner]").unwrap().length(), 0);

    prediction.apply(&event("channel-prediction-end", json!({})));
    tick().await;
    assert_eq!(
        attr(&root, "[data-testid=prediction]", "data-state").as_deref(),
        Some("resolved")
    );
    assert_eq!(
        texts(&root, "[data-winner] [data-testid=prediction-outcome-title]"),
        ["Yes"]
    );
}
