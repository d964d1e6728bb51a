//! Issue 10 point 1 on the served overlay page: the chat box hides `!commands` and listed bots,
//! waits out `chat_delay`, and a `channel-ban` from the event socket removes the user's lines,
//! also the one still waiting.

use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_banned_chatters_lines_leave_the_chat_box_and_their_delayed_line_never_shows() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!(
            "#token={}&tau={}&chat=testbot&chat_hide=NightBot&chat_delay=2",
            t.token(),
            t.host_port()
        )
    })
    .await;
    let started = Instant::now();
    while !(tau.live_socket_paths().iter().any(|p| p == "/ws/chat-bots/testbot/")
        && tau.live_socket_paths().iter().any(|p| p == "/ws/twitch-events/"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            tau.live_socket_paths()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    wait_for_auth(&tau, 1, Duration::from_secs(20)).await;

    tau.chat_line("testbot", "hello everyone", "testchatter");
    tau.chat_line("testbot", "!uptime", "testchatter");
    tau.chat_line("testbot", "Follow the channel", "nightbot");
    tau.chat_line("testbot", "buy followers", "testtroll");
    browser
        .wait_for(
            "[data-testid=chat-line]",
            Duration::from_secs(10),
            "the delayed lines",
            |t| t.len() == 2,
        )
        .await;
    let shown = browser.texts("[data-testid=chat-line]").await;
    assert!(
        shown[0].contains("hello everyone") && shown[1].contains("buy followers"),
        "no !command, no bot: {shown:?}"
    );

    // testtroll's second line waits out the delay while the moderator bans them.
    tau.chat_line("testbot", "more spam", "testtroll");
    tau.fire_fixture("channel-ban");
    browser
        .wait_for("[data-testid=chat-line]", Duration::from_secs(10), "the ban", |t| {
            t.len() == 1 && t[0].contains("hello everyone")
        })
        .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let shown = browser.texts("[data-testid=chat-line]").await;
    assert_eq!(
        shown.len(),
        1,
        "the banned user's delayed line never appears: {shown:?}"
    );
    browser.close().await;
}
