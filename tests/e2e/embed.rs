//! Issue 10 point 2: the custom elements on an ordinary page (`www/embed.html`), live from the
//! fake TAU: both widgets work inside their shadow roots, on one events socket, and the page's
//! own CSS neither changes nor reaches inside.

use super::browser::Browser;
use super::fake_tau::FakeTauOptions;
use super::overlay::{open_overlay, wait_for_auth};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// Texts of `css` inside the shadow root of every `element` on the page.
async fn shadow_texts(browser: &Browser, element: &str, css: &str) -> Vec<String> {
    let script = "return [...document.querySelectorAll(arguments[0])].flatMap(e => e.shadowRoot ? \
                  [...e.shadowRoot.querySelectorAll(arguments[1])].map(n => n.textContent) : [])";
    let value = browser
        .client
        .execute(script, vec![json!(element), json!(css)])
        .await
        .unwrap_or_default();
    serde_json::from_value(value).unwrap_or_default()
}

async fn wait_shadow(browser: &Browser, element: &str, css: &str, what: &str, check: impl Fn(&[String]) -> bool) {
    let started = Instant::now();
    loop {
        let texts = shadow_texts(browser, element, css).await;
        if check(&texts) {
            return;
        }
        assert!(started.elapsed() < WAIT, "timed out waiting for {what}: {texts:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Computed styles the page's own CSS gives its elements, and what reaches the widgets' nodes.
async fn styles(browser: &Browser) -> Value {
    let script = r#"
        const css = (e, p) => e ? getComputedStyle(e).getPropertyValue(p) : null;
        const inner = (tag, sel) => { const h = document.querySelector(tag); return h && h.shadowRoot && h.shadowRoot.querySelector(sel); };
        return {
          body: [css(document.body, "background-color"), css(document.body, "margin-top"), css(document.body, "font-family"), css(document.body, "overflow")],
          title: [css(document.querySelector("h1"), "color"), css(document.querySelector("h1"), "font-size")],
          list: [css(document.querySelector("[data-testid=page-list]"), "color"), css(document.querySelector("[data-testid=page-list]"), "border-left-color")],
          events_display: css(inner("tau-event-list", ".tau-events"), "display"),
          event_border: css(inner("tau-event-list", "[data-testid=event]"), "border-left-style"),
          labels_display: css(inner("tau-labels", ".tau-labels"), "display"),
        };"#;
    browser.client.execute(script, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embed_page_shows_two_widgets_on_one_socket_and_page_css_stays_out() {
    let (tau, browser) = open_overlay(FakeTauOptions::default(), |t| {
        format!("embed.html#token={}&tau={}", t.token(), t.host_port())
    })
    .await;
    wait_for_auth(&tau, 1, WAIT).await;
    let href = browser.href().await;
    assert!(
        !href.contains(&tau.token()) && !href.contains("token="),
        "token left in the address bar: {href}"
    );
    tau.fire(
        "channel-follow",
        json!({"user_id": "1", "user_login": "embedfan", "user_name": "EmbedFan",
               "broadcaster_user_id": "12345", "followed_at": "2024-03-09T18:00:00Z"}),
    );
    wait_shadow(
        &browser,
        "tau-event-list",
        "[data-testid=event-name]",
        "the event list",
        |t| t.first().is_some_and(|n| n == "EmbedFan"),
    )
    .await;
    wait_shadow(
        &browser,
        "tau-labels",
        "[data-testid=label-name]",
        "the follower label",
        |t| t.first().is_some_and(|n| n == "EmbedFan"),
    )
    .await;
    // Nothing of the widgets is in the page's own DOM, and the token is in no attribute.
    assert!(browser.texts("[data-testid=event-name]").await.is_empty());
    let html: String = serde_json::from_value(
        browser
            .client
            .execute("return document.documentElement.outerHTML + [...document.querySelectorAll('tau-event-list,tau-labels')].map(e => e.shadowRoot.innerHTML).join('')", vec![])
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(!html.contains(&tau.token()), "the token is in the DOM");
    let s = styles(&browser).await;
    // The page's CSS, as written in embed.html: the widgets' stylesheets (overlay.css styles html
    // and body on the overlay page) did not reach it.
    assert_eq!(
        s["body"],
        json!(["rgb(253, 246, 227)", "32px", "Georgia, serif", "visible"]),
        "{s}"
    );
    assert_eq!(s["title"], json!(["rgb(200, 30, 30)", "32px"]), "{s}");
    assert_eq!(s["list"], json!(["rgb(0, 128, 0)", "rgb(0, 0, 255)"]), "{s}");
    // The page hides `.tau-events` / `.tau-labels` and borders every `li`: not inside the roots.
    assert_ne!(s["events_display"], json!("none"), "{s}");
    assert_ne!(s["labels_display"], json!("none"), "{s}");
    assert_ne!(s["event_border"], json!("solid"), "{s}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(tau.connections_total(), 1, "one events socket for two elements");
    browser.close().await;
}

/// The JS `mount()` of the built bundle: widgets render, `on()` hears raw events, and
/// `unmount()` leaves no listener, timer or socket behind (counted by wrapping the browser's
/// APIs in the page) and hears nothing more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_mount_renders_hears_events_and_unmount_leaves_no_listeners_timers_or_sockets() {
    // No fragment: the page's own elements connect nowhere and hold nothing.
    let (_tau, browser) = open_overlay(FakeTauOptions::default(), |_| "embed.html".into()).await;
    let script = r#"
        const done = arguments[arguments.length - 1];
        (async () => {
          const bindings = await (await import("/elements/tau-elements.js")).ready;
          const all = [], timers = new Set(), sockets = new Set();
          const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
          const same = (e, t, ty, f) => e[0] === t && e[1] === ty && e[2] === f;
          EventTarget.prototype.addEventListener = function (ty, f, o) { if (!all.some((e) => same(e, this, ty, f))) all.push([this, ty, f]); return add.call(this, ty, f, o); };
          EventTarget.prototype.removeEventListener = function (ty, f, o) { const i = all.findIndex((e) => same(e, this, ty, f)); if (i >= 0) all.splice(i, 1); return remove.call(this, ty, f, o); };
          for (const [set, clear, once] of [["setTimeout", "clearTimeout", true], ["setInterval", "clearInterval", false], ["requestAnimationFrame", "cancelAnimationFrame", true]]) {
            const s = globalThis[set], c = globalThis[clear];
            globalThis[set] = function (f, ...rest) { let id; const g = typeof f === "function" ? function (...a) { if (once) timers.delete(set + id); return f.apply(this, a); } : f; id = s.call(globalThis, g, ...rest); timers.add(set + id); return id; };
            globalThis[clear] = function (id) { timers.delete(set + id); return c.call(globalThis, id); };
          }
          const Ws = globalThis.WebSocket;
          let opened = 0;
          globalThis.WebSocket = class extends Ws {
            constructor(...a) { super(...a); opened += 1; sockets.add(this); add.call(this, "close", () => sockets.delete(this)); }
            close(...a) { sockets.delete(this); return super.close(...a); }
          };
          const live = () => [all.filter((e) => !(e[0] instanceof Ws && e[0].readyState === Ws.CLOSED)).length, timers.size, sockets.size];
          const wait = (ms) => new Promise((r) => setTimeout(r, ms));
          await wait(50);
          const before = live();
          const box = document.createElement("div"), linked = document.createElement("div");
          document.body.append(box, linked);
          const demo = bindings.mount(box, { demo: true, widgets: "alerts,events,labels" });
          const link = bindings.mount(linked, { tau: "127.0.0.1:9", token: "t", widgets: "events" });
          let heard = 0;
          demo.on("*", () => { heard += 1; });
          await wait(4000);
          const during = live(), rendered = box.querySelectorAll("[data-testid=event]").length;
          demo.unmount();
          link.unmount();
          await wait(100);
          const after = live(), heardAtUnmount = heard;
          await wait(1500);
          done({ before, during, after, opened, heard: heardAtUnmount, heardLater: heard - heardAtUnmount, rendered, left: box.childElementCount });
        })().catch((e) => done({ error: String(e) }));"#;
    let r = browser.client.execute_async(script, vec![]).await.expect("script runs");
    assert!(r.get("error").is_none(), "{r}");
    assert!(
        r["rendered"].as_u64() > Some(0),
        "the event list showed demo events: {r}"
    );
    assert!(r["heard"].as_u64() > Some(0), "on(\"*\") heard them: {r}");
    assert!(r["opened"].as_u64() >= Some(1), "the linked mount opened a socket: {r}");
    assert!(
        r["during"][1].as_u64() > r["before"][1].as_u64(),
        "timers while mounted: {r}"
    );
    assert_eq!(
        r["after"], r["before"],
        "listeners, timers, open sockets after unmount: {r}"
    );
    assert_eq!(r["heardLater"], json!(0), "no event after unmount: {r}");
    assert_eq!(r["left"], json!(0), "unmount removed the widgets: {r}");
    browser.close().await;
}
