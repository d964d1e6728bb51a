//! The chat box in the browser, in a page of its own (it replaces `window.WebSocket`, which would
//! change what the other browser tests' sockets see: wasm-bindgen-test interleaves the async
//! tests of one file), fed by a scripted chat-bot socket (a fake `window.WebSocket`):
//! emotes as CDN images falling back to their name, hidden `!commands` and bots, the line cap,
//! the display delay, and a ban removing a user's lines.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use serde_json::json;
use tau_overlay::settings::parse_fragment;
use tau_overlay::web::components::chat::{use_chat, ChatList, UseChatOptions};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/support.rs"]
#[allow(dead_code)] // the helpers every browser page shares; this one uses three
mod support;
use support::{sleep, test_root, texts};

/// Replaces `window.WebSocket` with a scripted socket that opens at once and records what is
/// sent; `window.__chatLine(frame)` delivers a frame to the open chat-bot socket.
fn fake_websocket() {
    js_sys::Function::new_no_args(
        "window.__realWebSocket = window.__realWebSocket || window.WebSocket;
         class FakeSocket extends EventTarget {
             constructor(url) {
                 super();
                 this.url = url; this.readyState = 0; this.binaryType = 'blob'; this.sent = [];
                 window.__fakeSockets.push(this);
                 setTimeout(() => { this.readyState = 1; this.dispatchEvent(new Event('open')); }, 0);
             }
             send(data) { this.sent.push(data); }
             close() { this.readyState = 3; }
         }
         for (const [k, v] of [['CONNECTING', 0], ['OPEN', 1], ['CLOSING', 2], ['CLOSED', 3]]) FakeSocket[k] = v;
         window.__fakeSockets = [];
         window.WebSocket = FakeSocket;
         window.__chatLine = (frame) => {
             for (const s of window.__fakeSockets)
                 if (s.readyState === 1 && s.url.includes('/ws/chat-bots/'))
                     s.dispatchEvent(new MessageEvent('message', { data: frame }));
         };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

/// A chat line frame as TAU forwards it (PROTOCOL.md §5.3).
fn say(login: &str, text: &str, emotes: serde_json::Value) {
    let frame = json!({
        "irc_username": "testbot",
        "data": {
            "raw": format!(":{login}!{login}@{login}.tmi.twitch.tv PRIVMSG #chan :{text}\r\n"),
            "tags": { "display-name": login, "emotes": emotes, "color": "#000080" },
            "prefix": format!(":{login}!{login}@{login}.tmi.twitch.tv"),
            "command": "PRIVMSG",
            "params": ["PRIVMSG", "#chan", format!(":{text}\r\n")],
            "message-text": text,
        }
    });
    let deliver = js_sys::Reflect::get(&window(), &JsValue::from_str("__chatLine")).unwrap();
    let deliver: js_sys::Function = deliver.into();
    deliver
        .call1(&JsValue::NULL, &JsValue::from_str(&frame.to_string()))
        .unwrap();
}

/// Puts the browser's `WebSocket` back for the other tests of this page.
fn real_websocket() {
    js_sys::Function::new_no_args("window.WebSocket = window.__realWebSocket || window.WebSocket;")
        .call0(&JsValue::NULL)
        .unwrap();
}

fn lines(root: &web_sys::HtmlElement) -> Vec<String> {
    texts(root, "[data-testid=chat-line]")
}

#[wasm_bindgen_test]
async fn chat_box_shows_emotes_hides_commands_and_bots_caps_and_drops_banned_lines() {
    fake_websocket();
    let parsed =
        parse_fragment("#token=secret&tau=127.0.0.1:9&chat=testbot&chat_hide=NightBot&chat_max=3&chat_delay=0.4");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let config = parsed.config;
    let root = test_root();
    let chat = StoredValue::new(None);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let handle = use_chat(UseChatOptions {
            origin: config.origin().unwrap(),
            login: config.chat.clone().unwrap(),
            token: config.token.clone().unwrap(),
            config,
        });
        chat.set_value(Some(handle));
        view! { <ChatList chat=handle /> }
    });
    sleep(50).await;

    say(
        "viewer",
        "hi Kappa there",
        json!([{ "id": "25", "positions": [[3, 7]] }]),
    );
    say("viewer", "!uptime", json!([]));
    say("nightbot", "Follow the channel", json!([]));
    say("troll", "spam one", json!([]));
    tick().await;
    assert!(lines(&root).is_empty(), "chat_delay holds every line back");
    sleep(600).await;
    assert_eq!(lines(&root), ["viewer: hi Kappa there", "troll: spam one"]);
    // The emote is an image from Twitch's CDN, or (no network here) its name once it failed.
    let img = root.query_selector("[data-testid=chat-emote]").unwrap();
    let fallback = texts(&root, "[data-testid=chat-emote-name]");
    match img {
        Some(img) => assert_eq!(
            img.get_attribute("src").as_deref(),
            Some("https://static-cdn.jtvnw.net/emoticons/v2/25/default/dark/1.0")
        ),
        None => assert_eq!(fallback, ["Kappa"]),
    }
    for _ in 0..50 {
        if !texts(&root, "[data-testid=chat-emote-name]").is_empty() {
            break;
        }
        sleep(100).await;
    }
    assert_eq!(
        texts(&root, "[data-testid=chat-emote-name]"),
        ["Kappa"],
        "a broken emote reads as its name"
    );
    assert!(root.query_selector("[data-testid=chat-emote]").unwrap().is_none());
    // The dark blue name is lightened on the dark chat background.
    let name = root.query_selector(".tau-chat__name").unwrap().unwrap();
    let style = name.get_attribute("style").unwrap_or_default();
    assert!(style.contains("color") && !style.contains("#000080"), "{style}");

    // A ban removes the shown line and the one still waiting out the delay.
    say("troll", "spam two", json!([]));
    tick().await;
    chat.get_value().unwrap().ban("troll");
    tick().await;
    assert_eq!(lines(&root), ["viewer: hi Kappa there"]);
    sleep(600).await;
    assert_eq!(
        lines(&root),
        ["viewer: hi Kappa there"],
        "the banned user's delayed line never shows"
    );

    // At most chat_max lines, the newest.
    for i in 0..4 {
        say("viewer", &format!("line {i}"), json!([]));
    }
    sleep(600).await;
    assert_eq!(lines(&root), ["viewer: line 1", "viewer: line 2", "viewer: line 3"]);
    drop(handle);
    real_websocket();
}
