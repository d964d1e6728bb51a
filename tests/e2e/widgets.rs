//! Issue 10: the event list, latest labels and live (goal, hype train, poll, prediction) widgets, the `widgets=` key and the widget pages,
//! live from the fake TAU, all fed by one shared link.

use super::browser::Browser;
use super::fake_tau::{FakeTau, FakeTauOptions};
use super::overlay::{dist_dir, open_overlay, wait_for_auth};
use serde_json::{json, Value};
use std::time::Duration;

fn follow(name: &str) -> Value {
    json!({"user_id": "1", "user_login": name.to_lowercase(), "user_name": name,
           "broadcaster_user_id": "12345", "followed_at": "2024-03-09T18:00:00Z"})
}

fn cheer(name: &str, bits: u64) -> Value {
    json!({"is_anonymous": false, "user_id": "2", "user_login": name.to_lowercase(), "user_name": name,
           "broadcaster_user_id": "12345", "message": "", "bits": bits})
}

fn raid(name: &str) -> Value {
    json!({"from_broadcaster_user_id": "3", "from_broadcaster_user_login": name.to_lowercase(),
           "from_broadcaster_user_name": name, "to_broadcaster_user_id": "12345", "viewers": 7})
}

const WAIT: Duration = Duration::from_secs(15);

/// The latest labels' names, in order: follower, subscriber, cheerer, raider, top cheerer.
async fn label_names(browser: &Browser) -> Vec<String> {
    browser.texts("[data-testid=label-name]").await
}

async fn wait_for_label(browser: &Browser, index: usize, name: &str) {
    browser
        .wait_for(
            "[data-testid=label-name]",
            WAIT,
            &format!("label {index} to show {name}"),
            |t| t.get(index).is_some_and(|n| n == name),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_widgets_on_one_page_open_one_events_socket_and_one_backfill() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!(
            "#token={}&tau={}&widgets=alerts,events,labels&duration=0.5",
            t.token(),
            t.host_port()
        )
    })
    .await;
    wait_for_auth(&tau, 1, WAIT).await;
    tau.fire("channel-follow", follow("LiveFollower"));
    // Every widget gets the event from the one link.
    browser
        .wait_for("[data-testid=event-name]", WAIT, "the event list", |t| {
            t.first().is_some_and(|n| n == "LiveFollower")
        })
        .await;
    wait_for_label(&browser, 0, "LiveFollower").await;
    browser
        .wait_for("[data-testid=alert]", WAIT, "the alert", |t| {
            t == ["LiveFollower is now following!"]
        })
        .await;
    // Let any late socket or backfill of a second link show up before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(tau.connections_total(), 1, "one events socket for three widgets");
    assert_eq!(tau.live_socket_paths(), ["/ws/twitch-events/"]);
    let unfiltered: Vec<String> = tau
        .rest_requests()
        .into_iter()
        .map(|r| r.target)
        .filter(|t| t == "GET /api/v1/twitch-events/")
        .collect();
    // The token check and the one backfill pass's first page (the labels' seed reads by
    // `event_type`, so it is told apart).
    assert_eq!(
        unfiltered.len(),
        2,
        "{:?}",
        tau.rest_requests().iter().map(|r| &r.target).collect::<Vec<_>>()
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn labels_are_seeded_from_stored_events_and_test_or_replay_events_never_change_them() {
    let tau = FakeTau::start(FakeTauOptions {
        dist: Some(dist_dir()),
        ..FakeTauOptions::default()
    })
    .await;
    let old_follow = tau.store_only("channel-follow", follow("OldFollower"));
    tau.store_only("channel-cheer", cheer("BigCheerer", 500));
    tau.store_only("channel-follow", follow("SeededFollower"));
    tau.store_only("channel-cheer", cheer("SmallCheerer", 50));
    let browser = Browser::start().await;
    let url = format!(
        "{}/#token={}&tau={}&widgets=labels",
        tau.base_url(),
        tau.token(),
        tau.host_port()
    );
    browser.client.goto(&url).await.expect("page loads");
    wait_for_auth(&tau, 1, WAIT).await;
    wait_for_label(&browser, 0, "SeededFollower").await;
    wait_for_label(&browser, 2, "SmallCheerer").await;
    wait_for_label(&browser, 4, "BigCheerer").await;
    assert_eq!(label_names(&browser).await[3], "—", "no raid stored");
    let seeded = label_names(&browser).await;

    tau.fire_test("channel-follow", follow("TestFollower"));
    tau.fire_test("channel-raid", raid("TestRaider"));
    tau.replay(old_follow["id"].as_str().unwrap())
        .expect("the row is stored");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        label_names(&browser).await,
        seeded,
        "test and replay events change nothing"
    );

    tau.fire("channel-cheer", cheer("SmallCheerer", 600));
    tau.fire("channel-raid", raid("LiveRaider"));
    wait_for_label(&browser, 3, "LiveRaider").await;
    wait_for_label(&browser, 4, "SmallCheerer").await;
    assert_eq!(browser.texts("[data-testid=label-amount]").await[4], "650 bits");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn widget_pages_open_the_overlay_with_their_widget_and_the_token_stays_in_the_fragment() {
    let tau = FakeTau::start(FakeTauOptions {
        dist: Some(dist_dir()),
        ..FakeTauOptions::default()
    })
    .await;
    let browser = Browser::start().await;
    let fragment = format!("#token={}&tau={}", tau.token(), tau.host_port());
    browser
        .client
        .goto(&format!("{}/widgets/events.html{fragment}", tau.base_url()))
        .await
        .expect("page loads");
    wait_for_auth(&tau, 1, WAIT).await;
    browser
        .wait_for("[data-testid=event-list]", WAIT, "the event list", |t| t.len() == 1)
        .await;
    assert!(
        browser.texts("[data-testid=alert-box]").await.is_empty(),
        "only the event list"
    );
    let href = browser.href().await;
    assert!(!href.contains(&tau.token()), "the token left the address bar: {href}");
    assert!(!href.contains('?'), "nothing went to a query string: {href}");
    assert!(href.contains("#widgets=events&"), "{href}");

    tau.fire("channel-cheer", cheer("Cheerful", 100));
    tau.fire_test("channel-follow", follow("Tester"));
    let lines = browser
        .wait_for("[data-testid=event]", WAIT, "two events", |t| t.len() == 2)
        .await;
    assert!(
        lines[0].starts_with("Tester followed") && lines[0].ends_with("TEST"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "Cheerful cheered 100 bits");
    for request in tau.rest_requests() {
        assert!(
            !request.target.contains(&tau.token()),
            "the token in a URL: {}",
            request.target
        );
    }

    // The labels page shows the labels and nothing else.
    browser
        .client
        .goto(&format!("{}/widgets/labels.html{fragment}", tau.base_url()))
        .await
        .expect("page loads");
    wait_for_label(&browser, 2, "Cheerful").await;
    assert!(browser.texts("[data-testid=event-list]").await.is_empty());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn goal_hype_train_poll_and_prediction_widgets_show_live_events_from_tau() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!(
            "#token={}&tau={}&widgets=goal,hype,poll,prediction",
            t.token(),
            t.host_port()
        )
    })
    .await;
    wait_for_auth(&tau, 1, WAIT).await;
    for fixture in [
        "channel-goal-begin",
        "channel-hype_train-begin",
        "channel-poll-begin",
        "channel-prediction-begin",
    ] {
        tau.fire_fixture(fixture);
    }
    let shows = |selector: &'static str, text: &'static str| {
        let browser = &browser;
        async move {
            browser
                .wait_for(selector, WAIT, &format!("{selector} to show {text}"), |t| {
                    t.first().is_some_and(|s| s.contains(text))
                })
                .await
        }
    };
    shows("[data-testid=goal-description]", "Road to 1000 followers").await;
    shows("[data-testid=hype-level]", "1").await;
    shows("[data-testid=poll-title]", "Which language next stream?").await;
    shows("[data-testid=prediction-title]", "Will the build pass first try?").await;
    // Live progress moves the goal bar: 950 of 1000, then the progress fixture's amount.
    let before = browser.texts("[data-testid=goal-amount]").await;
    tau.fire_fixture("channel-goal-progress");
    browser
        .wait_for("[data-testid=goal-amount]", WAIT, "the goal amount to change", |t| {
            t != &before[..]
        })
        .await;
    // One page, four widgets: one events socket.
    assert_eq!(tau.connections_total(), 1, "one socket for every widget");
    browser.close().await;
}
