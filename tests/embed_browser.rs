//! The embedding paths in headless Chromium, in a page of their own (wasm-bindgen-test runs a
//! file's tests concurrently, so the one test that counts the page's resources is the only one
//! here that holds any): `embed::mount` (what the JS `mount()` and the custom elements call),
//! its JS options, `on()` raw events, one events socket for many widgets, and that an unmount
//! leaves no listener, timer or socket behind — counted by wrapping `addEventListener`, the
//! timer functions and `WebSocket`.
#![cfg(target_arch = "wasm32")]

#[path = "browser/support.rs"]
#[allow(dead_code)]
mod support;

use std::cell::RefCell;
use std::rc::Rc;
use support::{sleep, test_root, texts};
use tau_overlay::settings::{parse_fragment, Widget};
use tau_overlay::web::embed::{live_feeds, mount, options_from_js};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Wraps the browser's resource APIs (once per page) so `globalThis.__tauLive()` returns
/// `[listeners, timers, open sockets, events sockets ever opened, most sockets open at once]`.
fn instrument() {
    js_sys::Function::new_no_args(
        r#"
        if (globalThis.__tauLive) return;
        const listeners = new Set(), timers = new Set(), sockets = new Set();
        let opened = 0, most = 0;
        const key = (t, type, f, o) => [type, f, typeof o === "boolean" ? o : !!(o && o.capture)];
        const all = [];
        const Ws = globalThis.WebSocket;
        const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
        EventTarget.prototype.addEventListener = function (type, f, o) {
          const [ty, fn, c] = key(this, type, f, o);
          if (!all.some((e) => e[0] === this && e[1] === ty && e[2] === fn && e[3] === c)) all.push([this, ty, fn, c]);
          return add.call(this, type, f, o);
        };
        EventTarget.prototype.removeEventListener = function (type, f, o) {
          const [ty, fn, c] = key(this, type, f, o);
          const at = all.findIndex((e) => e[0] === this && e[1] === ty && e[2] === fn && e[3] === c);
          if (at >= 0) all.splice(at, 1);
          return remove.call(this, type, f, o);
        };
        const wrapTimer = (set, clear, once) => {
          const s = globalThis[set], c = globalThis[clear];
          globalThis[set] = function (f, ...rest) {
            let id;
            const g = typeof f === "function" ? function (...a) { if (once) timers.delete(set + id); return f.apply(this, a); } : f;
            id = s.call(globalThis, g, ...rest);
            timers.add(set + id);
            return id;
          };
          globalThis[clear] = function (id) { timers.delete(set + id); return c.call(globalThis, id); };
        };
        wrapTimer("setTimeout", "clearTimeout", true);
        wrapTimer("setInterval", "clearInterval", false);
        wrapTimer("requestAnimationFrame", "cancelAnimationFrame", true);
        globalThis.WebSocket = class extends Ws {
          constructor(...a) {
            super(...a);
            if (String(a[0]).includes("/ws/twitch-events/")) opened += 1;
            sockets.add(this);
            most = Math.max(most, sockets.size);
            add.call(this, "close", () => sockets.delete(this));
          }
          close(...a) { sockets.delete(this); return super.close(...a); }
        };
        // A closed socket fires nothing more: its own listeners are not left behind.
        const alive = () => all.filter((e) => !(e[0] instanceof Ws && e[0].readyState === Ws.CLOSED));
        globalThis.__tauLive = () => [alive().length, timers.size, sockets.size, opened, most];
        globalThis.__tauListeners = () => alive().map((e) => (e[0].constructor.name + ":" + e[1])).join(",");
        "#,
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap();
}

/// `[listeners, timers, open sockets, events sockets ever opened, most sockets open at once]`.
fn live() -> Vec<u32> {
    let f: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"__tauLive".into())
        .unwrap()
        .into();
    let list: js_sys::Array = f.call0(&JsValue::UNDEFINED).unwrap().into();
    list.iter().map(|v| v.as_f64().unwrap() as u32).collect()
}

fn options(code: &str) -> JsValue {
    js_sys::Function::new_no_args(&format!("return {code};"))
        .call0(&JsValue::UNDEFINED)
        .unwrap()
}

#[wasm_bindgen_test]
fn mount_options_map_onto_the_fragment_settings_with_the_token_as_a_property() {
    let parsed = options_from_js(
        &options(r#"{ tau: "localhost:8000", token: "s3cr&t", widgets: "events,labels", events_max: 5, tls: false, demo: null }"#),
        "",
    )
    .unwrap();
    let config = parsed.config;
    assert_eq!(config.widgets(), vec![Widget::Events, Widget::Labels]);
    assert_eq!(config.events_max, 5);
    assert!(!config.demo);
    assert_eq!(config.token, Some(tau_overlay::settings::Token::new("s3cr&t")));
    assert_eq!(config.origin(), parse_fragment("#tau=localhost:8000").config.origin());
    // Options override the base fragment (the page's own, for the custom elements).
    let over = options_from_js(&options("{ events_max: 3, demo: true }"), "#events_max=9").unwrap();
    assert_eq!((over.config.events_max, over.config.demo), (3, true));
    assert!(options_from_js(&options("{ widgets: { no: 1 } }"), "").is_err());
    assert!(options_from_js(&JsValue::UNDEFINED, "#demo").unwrap().config.demo);
}

#[wasm_bindgen_test]
async fn embed_unmount_leaves_no_listeners_timers_or_sockets_and_widgets_share_one_socket() {
    instrument();
    sleep(50).await;
    let before = live();
    let root = test_root();
    let demo = mount(
        root.clone().into(),
        parse_fragment("#demo&widgets=alerts,events,labels").into(),
    );
    // Three widgets on an unreachable TAU: one socket (then reconnect timers), one feed.
    let linked: Vec<_> = ["alerts", "events", "labels"]
        .into_iter()
        .map(|w| {
            mount(
                test_root().into(),
                parse_fragment(&format!("#tau=127.0.0.1:9&token=t&widgets={w}")).into(),
            )
        })
        .collect();
    assert_eq!(
        live_feeds(),
        2,
        "one feed for the demo, one for the three linked widgets"
    );
    let heard = Rc::new(RefCell::new(0));
    let count = heard.clone();
    demo.on("*", move |_| *count.borrow_mut() += 1);
    sleep(300).await;
    // A refused socket closes at once and the link retries: never more than one open at a time.
    let now = live();
    assert!(
        now[3] > before[3],
        "the linked widgets opened an events socket: {now:?}"
    );
    assert_eq!(now[4], 1, "three widgets, one events socket at a time: {now:?}");
    sleep(3700).await;
    let during = live();
    assert!(
        during[1] > before[1],
        "the widgets hold timers while mounted: {during:?}"
    );
    assert!(*heard.borrow() > 0, "on(\"*\") heard the demo's events");
    assert!(
        !texts(&root, "[data-testid=event]").is_empty(),
        "the event list shows demo events"
    );
    assert!(
        !texts(&root, "[data-testid=label]").is_empty(),
        "the latest labels are shown"
    );
    demo.unmount();
    drop(linked);
    assert_eq!(root.child_element_count(), 0, "unmount removes the widgets");
    assert_eq!(live_feeds(), 0);
    sleep(50).await;
    let after = live();
    let names = js_sys::eval("__tauListeners()").unwrap().as_string().unwrap();
    assert_eq!(
        after[..3],
        before[..3],
        "listeners, timers, open sockets: before {before:?}, after {after:?}; {names}"
    );
    let heard_at_unmount = *heard.borrow();
    sleep(1500).await;
    assert_eq!(*heard.borrow(), heard_at_unmount, "no event after unmount");
}
