//! Issue 7 point 7: inside OBS (no `debug`) a bad token, TAU down or a missing fragment is
//! shown to the streamer in a small corner notice — only while the source is off program
//! output (or in the first seconds, while OBS has not said) — and never on program output.
//!
//! OBS is simulated by serving a copy of `dist/` whose `index.html` defines `window.obsstudio`
//! before the wasm starts, the way OBS's browser source does; tests fire `obsSourceActiveChanged`
//! as OBS does (a `window` `CustomEvent` with `detail.active`).

use super::browser::Browser;
use super::fake_tau::{FakeTau, FakeTauOptions};
use super::overlay::dist_dir;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A stand-in for OBS's `window.obsstudio`: `getStatus` reports streaming when `streaming`.
fn obs_stub(streaming: bool) -> String {
    format!(
        "<script>window.obsstudio = {{ pluginVersion: '2.21.0', \
         getControlLevel: function (cb) {{ cb(2); }}, \
         getStatus: function (cb) {{ cb({{ recording: false, recordingPaused: false, streaming: {streaming}, \
         replaybuffer: false, virtualcam: false }}); }} }};</script>"
    )
}

pub(super) struct TempDist(PathBuf);

impl Drop for TempDist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `dist/` with the OBS stub as the first script of the page.
fn obs_dist(streaming: bool) -> TempDist {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = TempDist(std::env::temp_dir().join(format!("tau-overlay-obs-{}-{n}", std::process::id())));
    copy_dir(&dist_dir(), &dir.0);
    let index = dir.0.join("index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    // Before the page's first script (the release build's minified HTML has no `<head>` tag).
    let html = html.replacen("<script", &format!("{}<script", obs_stub(streaming)), 1);
    assert!(html.contains("window.obsstudio"), "index.html has a <script>");
    std::fs::write(index, html).unwrap();
    dir
}

/// Opens the overlay "inside OBS" at `fragment`.
pub(super) async fn open_in_obs(
    streaming: bool,
    fragment: impl Fn(&FakeTau) -> String,
) -> (FakeTau, Browser, TempDist) {
    let dist = obs_dist(streaming);
    let tau = FakeTau::start(FakeTauOptions {
        dist: Some(dist.0.clone()),
        ..FakeTauOptions::default()
    })
    .await;
    let browser = Browser::start().await;
    let url = format!("{}/{}", tau.base_url(), fragment(&tau));
    browser.client.goto(&url).await.expect("page loads");
    (tau, browser, dist)
}

pub(super) async fn set_active(browser: &Browser, active: bool) {
    let script =
        "window.dispatchEvent(new CustomEvent('obsSourceActiveChanged', { detail: { active: arguments[0] } }))";
    browser
        .client
        .execute(script, vec![serde_json::json!(active)])
        .await
        .expect("dispatch obsSourceActiveChanged");
}

async fn notice(browser: &Browser) -> Vec<String> {
    browser.texts("[data-testid=setup-notice]").await
}

async fn assert_no_notice_for(browser: &Browser, how_long: Duration, why: &str) {
    let started = Instant::now();
    while started.elapsed() < how_long {
        let shown = notice(browser).await;
        assert!(shown.is_empty(), "{why}, yet the notice shows {shown:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn wait_notice(browser: &Browser, what: &str, part: &str) -> String {
    let texts = browser
        .wait_for("[data-testid=setup-notice]", Duration::from_secs(8), what, |t| {
            t.len() == 1 && t[0].contains(part)
        })
        .await;
    texts[0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_bad_token_is_shown_off_program_output_and_hidden_on_it() {
    let (tau, browser, _dist) = open_in_obs(false, |t| format!("#token=wrong-token&tau={}", t.host_port())).await;
    let text = wait_notice(&browser, "the notice in the first seconds", "token rejected").await;
    assert!(!text.contains("wrong-token"), "never the token: {text}");
    assert!(
        browser.texts("[data-testid=status]").await.is_empty(),
        "inside OBS without debug: no diagnostics panel"
    );

    set_active(&browser, true).await;
    assert_no_notice_for(&browser, Duration::from_millis(500), "the source is on program output").await;
    set_active(&browser, false).await;
    wait_notice(&browser, "the notice off program output", "token rejected").await;
    set_active(&browser, true).await;
    assert_no_notice_for(&browser, Duration::from_millis(300), "back on program output").await;
    drop(tau);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_missing_fragment_is_shown_for_the_first_seconds_only() {
    let (_tau, browser, _dist) = open_in_obs(false, |_| String::new()).await;
    let loaded = Instant::now();
    let text = wait_notice(&browser, "the missing-token notice", "no token").await;
    assert!(text.contains("not connected"), "{text}");
    // OBS never said where the source is: the notice goes once the first seconds are over.
    browser
        .wait_for(
            "[data-testid=setup-notice]",
            Duration::from_secs(15),
            "the notice to go",
            |t| t.is_empty(),
        )
        .await;
    assert!(
        loaded.elapsed() >= Duration::from_secs(8),
        "gone too early: {:?}",
        loaded.elapsed()
    );
    set_active(&browser, false).await;
    wait_notice(&browser, "the notice off program output", "no token").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_tau_down_is_shown_as_unreachable() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (_tau, browser, _dist) = open_in_obs(false, |_| format!("#token=some-token&tau=127.0.0.1:{closed}")).await;
    wait_notice(&browser, "the TAU-down notice", "TAU unreachable").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obs_notice_never_shows_on_program_output_while_streaming() {
    // Streaming, and OBS has not said where the source is: it may be on program output.
    // (Any link state would show in the notice, so 3 s without one is meaningful.)
    let (_tau, browser, _dist) = open_in_obs(true, |t| format!("#token=wrong-token&tau={}", t.host_port())).await;
    browser
        .wait_for(
            "[data-testid=alert-box]",
            Duration::from_secs(20),
            "the overlay to start",
            |t| t.len() == 1,
        )
        .await;
    assert_no_notice_for(
        &browser,
        Duration::from_secs(3),
        "streaming with the source maybe on program output",
    )
    .await;
    set_active(&browser, false).await;
    wait_notice(&browser, "the notice off program output", "token rejected").await;
    set_active(&browser, true).await;
    assert_no_notice_for(&browser, Duration::from_millis(300), "on program output").await;
    browser.close().await;
}
