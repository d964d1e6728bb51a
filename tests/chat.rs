#![cfg(not(target_arch = "wasm32"))]
//! Chat-bot sockets (PROTOCOL.md §5, §10 item 14): frames parse to safe, display-ready lines; the
//! outbox never lets CR/LF through and keeps Twitch's limits; the connection machine recognises
//! TAU's auth failures and refusals.

use core::time::Duration;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::Path;
use tau_overlay::settings::Token;
use tau_overlay::tau::chat::outbox::{sanitize, split};
use tau_overlay::tau::chat::{
    self, emote_url, ChatAction, ChatConnection, ChatFrame, ChatLine, ChatOutbox, ChatPart, ChatState, EmoteSpan,
    OutboxOptions, SendError,
};
use tau_overlay::tau::connection::{ConnectionOptions, Input};
use tau_overlay::util::clock::Instant;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn line_of(frame: &str) -> ChatLine {
    match ChatFrame::parse(frame) {
        Ok(ChatFrame::Line(line)) => *line,
        other => panic!("expected a line, got {other:?}"),
    }
}

/// A chat frame like TAU's, with `text` as message and the given emotes and extra tags.
fn frame(text: &str, emotes: Value, extra_tags: Value) -> String {
    let mut tags = json!({ "display-name": "Viewer", "emotes": emotes, "id": "m1" });
    for (k, v) in extra_tags.as_object().unwrap() {
        tags[k] = v.clone();
    }
    json!({
        "irc_username": "testbot",
        "data": {
            "raw": format!("@x=y :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #chan :{text}\r\n"),
            "tags": tags,
            "prefix": ":viewer!viewer@viewer.tmi.twitch.tv",
            "command": "PRIVMSG",
            "params": ["PRIVMSG", "#chan", format!(":{text}\r\n")],
            "message-text": text,
        }
    })
    .to_string()
}

fn emote(id: &str, name: &str) -> ChatPart {
    ChatPart::Emote {
        id: id.into(),
        name: name.into(),
    }
}

fn text(t: &str) -> ChatPart {
    ChatPart::Text(t.into())
}

// ---- frames ----------------------------------------------------------------------------------

#[test]
fn fixture_chat_message_parses_to_a_display_ready_line() {
    let line = line_of(&fixture("chat_message.json"));
    assert_eq!(line.channel, "teststreamer");
    assert_eq!(line.login, "testchatter");
    assert_eq!(line.display_name, "TestChatter");
    assert_eq!(line.text, "hello Kappa");
    assert!(!line.action);
    assert_eq!(line.color.as_deref(), Some("#1E90FF"));
    assert_eq!(line.badges, ["subscriber/12", "premium/1"]);
    assert!(line.has_badge("subscriber") && !line.has_badge("moderator"));
    assert_eq!(line.id.as_deref(), Some("0b3c6e8a-2f41-4c7d-9a5e-1d2c3b4a5f60"));
    assert_eq!(
        line.emotes,
        [EmoteSpan {
            id: "25".into(),
            start: 6,
            end: 10
        }]
    );
    assert_eq!(line.parts(), [text("hello "), emote("25", "Kappa")]);
    assert_eq!(
        emote_url("25"),
        "https://static-cdn.jtvnw.net/emoticons/v2/25/default/dark/1.0"
    );
}

#[test]
fn fixture_error_keep_alive_and_foreign_frames() {
    assert_eq!(
        ChatFrame::parse(&fixture("chat_error.json")),
        Ok(ChatFrame::Error("the provided token does not match any users.".into()))
    );
    assert_eq!(ChatFrame::parse(&fixture("keep_alive.json")), Ok(ChatFrame::KeepAlive));
    assert_eq!(ChatFrame::parse(&fixture("channel-follow.json")), Ok(ChatFrame::Other));
    assert_eq!(ChatFrame::parse("[1]"), Ok(ChatFrame::Other));
    assert_eq!(ChatFrame::parse(r#"{"data": 5}"#), Ok(ChatFrame::Other));
    assert_eq!(ChatFrame::parse(r#"{"error": 5}"#), Ok(ChatFrame::Error("5".into())));
    assert!(ChatFrame::parse("{bad").is_err());
    // Only PRIVMSG is a line.
    let notice = frame("x", json!([]), json!({})).replace("\"command\":\"PRIVMSG\"", "\"command\":\"NOTICE\"");
    assert_eq!(ChatFrame::parse(&notice), Ok(ChatFrame::Other));
}

#[test]
fn bad_emote_spans_stay_text() {
    let emotes = json!([
        { "id": "1", "positions": [[0, 1]] },              // "ab": kept
        { "id": "2", "positions": [[1, 3]] },              // overlaps "ab": dropped
        { "id": "3", "positions": [[5, 4]] },              // inverted: dropped
        { "id": "../../x", "positions": [[3, 4]] },        // id not whitelisted: text
        { "id": "4", "positions": [[6, 99]] },             // past the end: clamped to "gh"
        { "id": "5", "positions": [[50, 60], "junk", [1]] }, // outside / malformed: dropped
        { "positions": [[2, 2]] },                         // no id
        "junk",
    ]);
    let line = line_of(&frame("abcdefgh", emotes, json!({})));
    assert_eq!(line.parts(), [emote("1", "ab"), text("cdef"), emote("4", "gh")]);
    // A hand-built line with bad spans renders safely too.
    let mut forged = line.clone();
    forged.emotes = vec![EmoteSpan {
        id: "\" onerror=\"x".into(),
        start: 0,
        end: 2,
    }];
    assert_eq!(forged.parts(), [text("abcdefgh")]);
}

#[test]
fn emote_indices_count_code_points_not_bytes_or_utf16() {
    // "é" is 2 bytes, "😀" is 4 bytes and 2 UTF-16 units: indices count each as one.
    let emotes = json!([{ "id": "25", "positions": [[7, 11]] }, { "id": "emotesv2_ab12", "positions": [[0, 3]] }]);
    let line = line_of(&frame("héhé 😀 Kappa!", emotes, json!({})));
    assert_eq!(
        line.parts(),
        [
            emote("emotesv2_ab12", "héhé"),
            text(" 😀 "),
            emote("25", "Kappa"),
            text("!")
        ]
    );
}

#[test]
fn tags_are_unescaped_and_validated() {
    let line = line_of(&frame(
        "hi",
        json!([]),
        json!({ "display-name": r"Some\sName\:\r\n", "color": "red", "badges": true }),
    ));
    assert_eq!(line.display_name, "Some Name;");
    assert_eq!(line.color, None);
    assert!(line.badges.is_empty());
    for bad in ["#12345G", "#1234567", "1E90FF#", "#1E9"] {
        assert_eq!(
            line_of(&frame("hi", json!([]), json!({ "color": bad }))).color,
            None,
            "{bad}"
        );
    }
    // An empty display name falls back to the login.
    assert_eq!(
        line_of(&frame("hi", json!([]), json!({ "display-name": "" }))).display_name,
        "viewer"
    );
}

#[test]
fn message_text_merging_a_batch_is_cut_at_the_first_line() {
    // TAU strips CR/LF from the whole frame, so two batched lines arrive as one message-text.
    let mut value: Value = serde_json::from_str(&frame("first", json!([]), json!({}))).unwrap();
    value["data"]["raw"] =
        json!("@x=y :viewer!viewer@v PRIVMSG #chan :first\r\n@x=y :other!other@o PRIVMSG #chan :second\r\n");
    value["data"]["message-text"] = json!("first@x=y :other!other@o PRIVMSG #chan :second");
    assert_eq!(line_of(&value.to_string()).text, "first");
}

#[test]
fn missing_message_text_falls_back_to_params_and_cr_lf_never_survive() {
    let mut value: Value = serde_json::from_str(&frame("x", json!([]), json!({}))).unwrap();
    value["data"].as_object_mut().unwrap().remove("message-text");
    value["data"].as_object_mut().unwrap().remove("raw");
    value["data"]["params"] = json!(["PRIVMSG", "#chan", ":from params\r\n"]);
    assert_eq!(line_of(&value.to_string()).text, "from params");
}

#[test]
fn slash_me_is_an_action_with_emote_indices_relative_to_the_inner_text() {
    let emotes = json!([{ "id": "25", "positions": [[6, 10]] }]);
    let line = line_of(&frame("\u{1}ACTION waves Kappa\u{1}", emotes, json!({})));
    assert!(line.action);
    assert_eq!(line.parts(), [text("waves "), emote("25", "Kappa")]);
}

proptest! {
    #[test]
    fn parse_never_panics(input in ".{0,200}") {
        let _ = ChatFrame::parse(&input);
    }

    #[test]
    fn parts_always_rebuild_the_text(
        message in "\\PC{0,40}",
        spans in proptest::collection::vec((0usize..50, 0usize..50, "[a-z0-9_]{1,3}|[^a-z]{1,3}"), 0..8),
    ) {
        let emotes: Vec<Value> =
            spans.iter().map(|(s, e, id)| json!({ "id": id, "positions": [[s, e]] })).collect();
        let line = line_of(&frame(&message, Value::Array(emotes), json!({})));
        let rebuilt: String = line
            .parts()
            .iter()
            .map(|p| match p {
                ChatPart::Text(t) => t.as_str(),
                ChatPart::Emote { id, name } => {
                    assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                    name.as_str()
                }
            })
            .collect();
        prop_assert_eq!(rebuilt, line.text.clone());
        prop_assert!(!line.text.contains(['\r', '\n']));
    }
}

// ---- path --------------------------------------------------------------------------------------

#[test]
fn socket_path_is_lowercase_and_refuses_status() {
    assert_eq!(chat::path("TestStreamer").unwrap(), "/ws/chat-bots/teststreamer/");
    assert!(chat::path("status").is_err());
    assert!(chat::path("a/b").is_err());
}

// ---- outbox ------------------------------------------------------------------------------------

#[test]
fn send_frame_matches_the_fixture_without_hash_and_lower_case() {
    let mut outbox = ChatOutbox::default();
    let frames = outbox
        .send("#TestStreamer", "  Thanks for the follow, TestFollower!\n", Instant(0))
        .unwrap();
    let expected: Value = serde_json::from_str(&fixture("chat_send.json")).unwrap();
    assert_eq!(frames.len(), 1);
    assert_eq!(serde_json::from_str::<Value>(&frames[0]).unwrap(), expected);
}

#[test]
fn irc_injection_is_impossible() {
    let mut outbox = ChatOutbox::default();
    let frames = outbox.send("chan", "hi\r\nPRIVMSG #x :pwn", Instant(0)).unwrap();
    let message = serde_json::from_str::<Value>(&frames[0]).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!message.contains(['\r', '\n']), "{message:?}");
    assert_eq!(message, "hi  PRIVMSG #x :pwn");
    assert_eq!(sanitize("a\u{0}b\u{7}c\u{85}d\u{1b}[31me"), "abc d[31me");
    assert_eq!(outbox.send("chan", " \r\n\t\u{0} ", Instant(0)), Err(SendError::Empty));
    assert!(matches!(
        outbox.send("#a b", "hi", Instant(0)),
        Err(SendError::BadChannel(_))
    ));
}

#[test]
fn long_messages_split_at_whitespace_into_parts_of_at_most_500_chars() {
    let words: Vec<String> = (0..240).map(|i| format!("w{:03}é", i % 1000)).collect();
    let message = words.join(" "); // 240 * 5 + 239 = 1439 chars
    let message = &message[..message.char_indices().nth(1200).unwrap().0];
    assert_eq!(message.chars().count(), 1200);
    let message = message.trim_end(); // the sanitizer trims
    let mut outbox = ChatOutbox::default();
    let frames = outbox.send("chan", message, Instant(0)).unwrap();
    let parts: Vec<String> = frames
        .iter()
        .map(|f| {
            serde_json::from_str::<Value>(f).unwrap()["message"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(parts.len(), 3);
    assert!(parts.iter().all(|p| p.chars().count() <= 500 && !p.is_empty()));
    // Cut at whitespace only: joining with one space gives the original back, so no word broke.
    assert_eq!(parts.join(" "), message);
    // No whitespace at all: hard cuts at exactly 500.
    let blob = "x".repeat(1200);
    let hard = split(&blob, 500);
    assert_eq!(hard.iter().map(|p| p.len()).collect::<Vec<_>>(), [500, 500, 200]);
}

#[test]
fn rate_limit_sends_20_per_30_s_and_queues_the_rest() {
    let mut outbox = ChatOutbox::default();
    let mut now_frames = 0;
    for i in 0..25u64 {
        now_frames += outbox
            .send("chan", &format!("message {i}"), Instant(i * 40))
            .unwrap()
            .len();
    }
    assert_eq!(now_frames, 20);
    assert_eq!(outbox.queued(), 5);
    // The first frame left at t=0, so the first slot frees at t=30 s.
    assert_eq!(outbox.next_deadline(), Some(Instant(30_000)));
    assert!(outbox.poll(Instant(29_999)).is_empty());
    let released = outbox.poll(Instant(30_000));
    assert_eq!(released.len(), 1);
    assert!(released[0].contains("message 20"), "FIFO order: {released:?}");
    let rest = outbox.poll(Instant(31_000));
    assert_eq!(rest.len(), 4);
    assert!(rest[3].contains("message 24"));
    assert_eq!(outbox.queued(), 0);
    assert_eq!(outbox.next_deadline(), None);
}

#[test]
fn the_queue_is_bounded_and_a_refused_message_is_not_half_sent() {
    let mut outbox = ChatOutbox::new(OutboxOptions {
        max_queued: 3,
        per_window: 2,
        ..OutboxOptions::default()
    });
    let t = Instant(0);
    assert_eq!(outbox.send("c", "a", t).unwrap().len(), 1);
    // 1200 chars = 3 parts: 1 leaves now, 2 wait.
    assert_eq!(outbox.send("c", &"y".repeat(1200), t).unwrap().len(), 1);
    assert_eq!(outbox.queued(), 2);
    // 2 more parts would make 4 waiting: refused whole.
    assert_eq!(outbox.send("c", &"z".repeat(1000), t), Err(SendError::QueueFull));
    assert_eq!(outbox.queued(), 2);
    assert_eq!(outbox.send("c", "b", t), Ok(vec![]));
    assert_eq!(outbox.queued(), 3);
}

#[test]
fn duplicates_are_refused_within_30_s_and_allowed_after() {
    let mut outbox = ChatOutbox::default();
    assert!(outbox.send("chan", "GG", Instant(0)).is_ok());
    // Another channel or another text is fine.
    assert!(outbox.send("other", "GG", Instant(10_000)).is_ok());
    assert!(outbox.send("chan", "gg", Instant(10_000)).is_ok());
    // Same text after sanitizing, other spelling of the channel.
    assert_eq!(
        outbox.send("#CHAN", " GG\r\n", Instant(29_999)),
        Err(SendError::Duplicate)
    );
    assert!(outbox.send("chan", "GG", Instant(30_000)).is_ok());
}

proptest! {
    #[test]
    fn split_keeps_every_non_space_char_in_order(message in "[a-zé ]{0,1400}", max in 1usize..600) {
        let parts = split(&message, max);
        for part in &parts {
            prop_assert!(!part.is_empty() && part.chars().count() <= max);
            prop_assert_eq!(part.trim(), part.as_str());
        }
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squash(&parts.concat()), squash(&message));
    }
}

// ---- connection --------------------------------------------------------------------------------

const URL: &str = "ws://localhost:8000/ws/chat-bots/testbot/";

fn machine() -> ChatConnection {
    ChatConnection::new(URL.into(), Token::new("s3cret"), ConnectionOptions::default(), 7)
}

/// Starts (or fires the retry timer) and opens the socket; returns its generation.
fn open(c: &mut ChatConnection, now: Instant) -> u64 {
    let input = if c.state() == ChatState::Idle {
        Input::Start
    } else {
        Input::Timer
    };
    let actions = c.handle(input, now);
    let generation = c.generation();
    assert_eq!(
        actions,
        [ChatAction::Open {
            generation,
            url: URL.into()
        }]
    );
    let actions = c.handle(Input::Opened { generation }, now);
    assert_eq!(
        actions,
        [ChatAction::Send {
            generation,
            text: r#"{"token":"s3cret"}"#.into()
        }]
    );
    generation
}

#[test]
fn sends_the_token_first_goes_live_by_silence_and_delivers_lines() {
    let mut c = machine();
    let g = open(&mut c, Instant(0));
    assert_eq!(c.state(), ChatState::Authenticating);
    assert_eq!(c.send("{}".into()), None, "nothing but the token before auth settles");
    // Unauthenticated sockets get chat too: lines are delivered at once.
    let out = c.handle(
        Input::Text {
            generation: g,
            text: &fixture("chat_message.json"),
        },
        Instant(100),
    );
    assert!(matches!(&out[..], [ChatAction::Deliver(l)] if l.text == "hello Kappa"));
    assert_eq!(c.next_deadline(), Some(Instant(2_000)));
    c.handle(Input::Timer, Instant(2_000));
    assert_eq!(c.state(), ChatState::Live);
    assert_eq!(
        c.send("{}".into()),
        Some(ChatAction::Send {
            generation: g,
            text: "{}".into()
        })
    );
    // The watchdog is pushed back by every frame.
    c.handle(
        Input::Text {
            generation: g,
            text: &fixture("keep_alive.json"),
        },
        Instant(10_000),
    );
    assert_eq!(c.next_deadline(), Some(Instant(310_000)));
}

#[test]
fn error_frame_means_bad_auth_shape_and_chat_still_flows() {
    let mut c = machine();
    let g = open(&mut c, Instant(0));
    let error = fixture("chat_error.json");
    assert!(c
        .handle(
            Input::Text {
                generation: g,
                text: &error
            },
            Instant(50)
        )
        .is_empty());
    assert_eq!(c.state(), ChatState::BadAuthFrame);
    assert_eq!(c.send("{}".into()), None);
    c.handle(Input::Timer, Instant(2_000)); // the grace period does not make it live
    assert_eq!(c.state(), ChatState::BadAuthFrame);
    let line = fixture("chat_message.json");
    assert_eq!(
        c.handle(
            Input::Text {
                generation: g,
                text: &line
            },
            Instant(2_100)
        )
        .len(),
        1
    );
}

#[test]
fn close_1011_after_the_token_is_a_rejected_token_retried_slowly() {
    let mut c = machine();
    let g = open(&mut c, Instant(0));
    c.handle(
        Input::Closed {
            generation: g,
            code: 1011,
        },
        Instant(800),
    );
    assert_eq!(c.state(), ChatState::TokenRejected);
    let retry = c.next_deadline().unwrap();
    assert!(retry >= Instant(800) + Duration::from_secs(30), "{retry:?}");
    // A 1011 long after auth (a malformed send) is an ordinary close.
    let g = open(&mut c, retry);
    c.handle(Input::Timer, retry + Duration::from_secs(2));
    c.handle(
        Input::Closed {
            generation: g,
            code: 1011,
        },
        retry + Duration::from_secs(60),
    );
    assert_eq!(c.state(), ChatState::Waiting);
    // REST saying 401 closes the socket and waits slowly too.
    let retry = c.next_deadline().unwrap();
    let g = open(&mut c, retry);
    let out = c.handle(Input::TokenRejectedByRest, Instant(500_000));
    assert_eq!(out, [ChatAction::Close { generation: g }]);
    assert_eq!(c.state(), ChatState::TokenRejected);
}

#[test]
fn three_closes_without_open_mean_refused_and_slow_retries() {
    let mut c = machine();
    let mut now = Instant(0);
    c.handle(Input::Start, now);
    for attempt in 1..=3 {
        let g = c.generation();
        now = now + Duration::from_millis(20);
        c.handle(
            Input::Closed {
                generation: g,
                code: 1006,
            },
            now,
        );
        let wait = c.next_deadline().unwrap() - now;
        if attempt < 3 {
            assert_eq!(c.state(), ChatState::Waiting);
            assert!(wait <= Duration::from_secs(30));
        } else {
            assert_eq!(c.state(), ChatState::Refused);
            assert!(wait >= Duration::from_secs(30), "{wait:?}");
        }
        now = c.next_deadline().unwrap();
        assert!(matches!(&c.handle(Input::Timer, now)[..], [ChatAction::Open { .. }]));
    }
    // Still reported as refused while the slow retry connects, and refused again on failure.
    assert_eq!(c.state(), ChatState::Refused);
    let g = c.generation();
    c.handle(
        Input::Closed {
            generation: g,
            code: 1006,
        },
        now,
    );
    assert!(c.next_deadline().unwrap() - now >= Duration::from_secs(30));
    // One successful open clears it.
    c.handle(Input::Timer, c.next_deadline().unwrap());
    let g = c.generation();
    c.handle(Input::Opened { generation: g }, now + Duration::from_secs(60));
    assert_eq!(c.state(), ChatState::Authenticating);
    c.handle(
        Input::Closed {
            generation: g,
            code: 1006,
        },
        now + Duration::from_secs(70),
    );
    assert_eq!(c.state(), ChatState::Waiting);
}

#[test]
fn late_callbacks_from_an_old_socket_are_ignored() {
    let mut c = machine();
    let old = open(&mut c, Instant(0));
    c.handle(Input::Timer, Instant(2_000));
    c.handle(
        Input::Closed {
            generation: old,
            code: 1000,
        },
        Instant(5_000),
    );
    let retry = c.next_deadline().unwrap();
    let new = open(&mut c, retry);
    assert_ne!(old, new);
    let line = fixture("chat_message.json");
    assert!(c
        .handle(
            Input::Text {
                generation: old,
                text: &line
            },
            Instant(40_000)
        )
        .is_empty());
    assert!(c
        .handle(
            Input::Closed {
                generation: old,
                code: 1011
            },
            Instant(40_000)
        )
        .is_empty());
    assert!(c.handle(Input::Opened { generation: old }, Instant(40_000)).is_empty());
    assert_eq!(c.state(), ChatState::Authenticating);
    assert_eq!(c.generation(), new);
}

#[test]
fn backoff_is_capped_at_30_s_with_jitter() {
    let mut c = machine();
    c.handle(Input::Start, Instant(0));
    let mut now = Instant(0);
    let mut waits = Vec::new();
    for _ in 0..12 {
        let g = c.generation();
        // Open then close, so refusals do not kick in.
        c.handle(Input::Opened { generation: g }, now);
        c.handle(
            Input::Closed {
                generation: g,
                code: 1006,
            },
            now + Duration::from_secs(5),
        );
        now = now + Duration::from_secs(5);
        let deadline = c.next_deadline().unwrap();
        waits.push(deadline - now);
        now = deadline;
        c.handle(Input::Timer, now);
    }
    assert!(waits.iter().all(|w| *w <= Duration::from_secs(30)), "{waits:?}");
    assert!(waits.windows(2).any(|w| w[0] != w[1]), "jitter: {waits:?}");
}
