//! The websocket consumers: `/ws/twitch-events/` (`TwitchEventConsumer`) and
//! `/ws/chat-bots/<login>/` (`ChatBotConsumer`), with TAU's handshake quirks (PROTOCOL.md §2.1,
//! §5) and daphne's connection rules (1011 after a crash, 1000 after `max_socket_age`).

use super::chat;
use super::state::{Out, Shared, SocketKind};
use super::util;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{sleep_until, timeout, Instant};

/// `GET /ws/twitch-events/`: accepted unconditionally, no Origin check.
pub(crate) async fn twitch_events(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| run(shared, socket, SocketKind::TwitchEvents))
}

/// `GET /ws/chat-bots/<login>/`: accepted for the streamer's lowercase login (compared
/// case-sensitively) or a bot whose login matches `iexact`; anything else is rejected before
/// `accept()`, which daphne turns into a 403. A mixed-case bot URL (`TestBot`) is accepted but
/// joins the group `chat_bot__TestBot`, which the worker never publishes to: it hears no chat.
pub(crate) async fn chat_bot(
    State(shared): State<Arc<Shared>>,
    Path(login): Path<String>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let known = login == shared.opts.streamer_login.to_lowercase()
        || shared.opts.chat_bots.iter().any(|b| b.eq_ignore_ascii_case(&login));
    if !known {
        return StatusCode::FORBIDDEN.into_response();
    }
    upgrade.on_upgrade(move |socket| run(shared, socket, SocketKind::ChatBot(login)))
}

/// What the consumer does with one client frame.
enum Reaction {
    Nothing,
    Reply(String),
    /// The consumer raised: daphne closes with 1011 a little later.
    Crash,
}

/// How a socket ends.
enum End {
    Close(u16),
    Drop,
}

async fn run(shared: Arc<Shared>, mut socket: WebSocket, kind: SocketKind) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = shared.register(kind.clone(), tx);
    let age_deadline = shared.opts.max_socket_age.map(|age| Instant::now() + age);
    let mut crash_close_at: Option<Instant> = None;
    let stalled = |shared: &Shared| shared.with_socket(id, |s| s.stalled).unwrap_or(true);

    let end = loop {
        tokio::select! {
            out = rx.recv() => match out {
                Some(Out::Text(text)) => {
                    if socket.send(Message::text(text)).await.is_err() {
                        break End::Drop;
                    }
                }
                Some(Out::Close(code)) => break End::Close(code),
                Some(Out::Kill) | None => break End::Drop,
            },
            msg = socket.recv() => match msg {
                Some(Ok(msg)) => {
                    if stalled(&shared) || crash_close_at.is_some() {
                        continue;
                    }
                    match react(&shared, id, &kind, msg) {
                        Reaction::Nothing => {}
                        Reaction::Reply(text) => {
                            if socket.send(Message::text(text)).await.is_err() {
                                break End::Drop;
                            }
                        }
                        Reaction::Crash => {
                            shared.with_socket(id, |s| s.dying = true);
                            // daphne reaps crashed applications on a timer (0.02–1.0 s in the lab).
                            let delay = Duration::from_millis(util::random_between(20, 200));
                            crash_close_at = Some(Instant::now() + delay);
                        }
                    }
                }
                Some(Err(_)) | None => break End::Drop,
            },
            () = maybe_sleep(crash_close_at) => {
                if stalled(&shared) {
                    crash_close_at = None;
                    continue;
                }
                break End::Close(1011);
            }
            () = maybe_sleep(age_deadline) => {
                break if stalled(&shared) { End::Drop } else { End::Close(1000) };
            }
        }
    };
    shared.unregister(id);
    if let End::Close(code) = end {
        let frame = CloseFrame {
            code,
            reason: Utf8Bytes::from_static(""),
        };
        if socket.send(Message::Close(Some(frame))).await.is_ok() {
            // Wait briefly for the client's close reply, then let the connection go.
            let _ = timeout(Duration::from_secs(2), async {
                while let Some(Ok(_)) = socket.recv().await {}
            })
            .await;
        }
    }
}

async fn maybe_sleep(at: Option<Instant>) {
    match at {
        Some(at) => sleep_until(at).await,
        None => std::future::pending().await,
    }
}

fn react(shared: &Shared, id: u64, kind: &SocketKind, msg: Message) -> Reaction {
    let text = match msg {
        Message::Text(t) => t.as_str().to_string(),
        // `json.loads(None)` raises TypeError.
        Message::Binary(_) => return Reaction::Crash,
        Message::Ping(_) | Message::Pong(_) | Message::Close(_) => return Reaction::Nothing,
    };
    let authed = shared.with_socket(id, |s| s.authed).unwrap_or(false);
    let is_chat = matches!(kind, SocketKind::ChatBot(_));
    if authed {
        if !is_chat {
            return Reaction::Nothing; // twitch-events ignores everything after auth
        }
        return match chat::parse_send(&text) {
            Some(frame) => {
                shared.record_chat_sent(frame);
                Reaction::Nothing
            }
            None => Reaction::Crash,
        };
    }
    // Every frame on an anonymous socket is an auth attempt.
    let chat_error = || Reaction::Reply(chat::error_frame().python());
    let parsed = match serde_json::from_str::<Value>(&text) {
        Ok(v) => v,
        // JSONDecodeError is caught: twitch-events stays open and deaf, chat-bots say why.
        Err(_) if is_chat => return chat_error(),
        Err(_) => return Reaction::Nothing,
    };
    let Value::Object(map) = parsed else {
        return Reaction::Crash; // `.keys()` on a list or string raises AttributeError
    };
    let Some(token) = map.get("token") else {
        // The un-awaited `self.close()`: the socket stays open, unauthenticated.
        return if is_chat { chat_error() } else { Reaction::Nothing };
    };
    let valid = django_key(token).is_some_and(|t| shared.token_is_valid(&t));
    if !is_chat {
        shared.record_auth_attempt(valid);
    }
    if valid {
        shared.with_socket(id, |s| s.authed = true);
        Reaction::Nothing
    } else {
        Reaction::Crash // Token.DoesNotExist is not caught
    }
}

/// What `Token.objects.get(key=value)` compares against: Django casts to `str` for a CharField,
/// and `None` matches nothing.
fn django_key(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        _ => None,
    }
}
