//! State shared by the handle, the websocket tasks and the HTTP handlers: the token, the event
//! store, the socket registry (channels' groups) and the counters tests read.

use super::chat;
use super::json::Json;
use super::store::{self, Store};
use super::FakeTauOptions;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, AtomicU16, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;
use tokio::sync::mpsc::UnboundedSender;

/// Which route a socket came in on.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SocketKind {
    /// `/ws/twitch-events/` (group `twitchevents`).
    TwitchEvents,
    /// `/ws/chat-bots/<login>/` (group `chat_bot__<login as typed>`).
    ChatBot(String),
}

impl SocketKind {
    pub fn path(&self) -> String {
        match self {
            SocketKind::TwitchEvents => "/ws/twitch-events/".to_string(),
            SocketKind::ChatBot(login) => format!("/ws/chat-bots/{login}/"),
        }
    }
}

/// An order for a socket task.
#[derive(Debug)]
pub(crate) enum Out {
    /// Send a text frame.
    Text(String),
    /// Send a close frame with this code and an empty reason, then end.
    Close(u16),
    /// Drop the connection without a close frame.
    Kill,
}

pub(crate) struct SocketEntry {
    pub id: u64,
    pub kind: SocketKind,
    pub authed: bool,
    /// Opened or alive during a stall: the server sends it nothing and ignores what it sends.
    pub stalled: bool,
    /// Crashed consumer waiting for daphne to close it (1011): receives nothing more.
    pub dying: bool,
    pub tx: UnboundedSender<Out>,
}

impl SocketEntry {
    fn reachable(&self) -> bool {
        !self.stalled && !self.dying
    }
}

/// One REST request (`/api/…`) as the fake saw it.
#[derive(Clone, Debug)]
pub struct RestRequest {
    /// When it arrived.
    pub at: Instant,
    /// Method and path with query, e.g. `GET /api/v1/twitch-events/?cursor=…`.
    pub target: String,
    /// The `Authorization` header, if any (tests check the token never went elsewhere).
    pub authorization: Option<String>,
}

#[derive(Default)]
pub(crate) struct Stats {
    pub auth_attempts: Vec<(Instant, bool)>,
    pub rest_requests: Vec<RestRequest>,
    pub connections_total: usize,
    pub chat_sent: Vec<Value>,
}

pub(crate) struct Shared {
    pub opts: FakeTauOptions,
    pub port: AtomicU16,
    token: Mutex<String>,
    pub store: Mutex<Store>,
    sockets: Mutex<Vec<SocketEntry>>,
    next_socket_id: AtomicU64,
    stalled: AtomicBool,
    pub stats: Mutex<Stats>,
    /// `scheme://host:port` that replaces the origin of every `next` link (a proxy rewriting
    /// `Host`, or an attacker); `None` builds it from the request as TAU does.
    pub next_origin: Mutex<Option<String>>,
}

/// Locks, ignoring poisoning (a panicking test thread must not wedge the server).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new(opts: FakeTauOptions) -> Shared {
        Shared {
            token: Mutex::new(opts.token.clone()),
            port: AtomicU16::new(opts.port),
            opts,
            store: Mutex::new(Store::default()),
            sockets: Mutex::new(Vec::new()),
            next_socket_id: AtomicU64::new(1),
            stalled: AtomicBool::new(false),
            stats: Mutex::new(Stats::default()),
            next_origin: Mutex::new(None),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port.load(Ordering::Relaxed))
    }

    // --- auth -----------------------------------------------------------------------------

    pub fn token(&self) -> String {
        lock(&self.token).clone()
    }

    pub fn set_token(&self, token: &str) {
        *lock(&self.token) = token.to_string();
    }

    pub fn token_is_valid(&self, candidate: &str) -> bool {
        *lock(&self.token) == candidate
    }

    // --- socket registry ------------------------------------------------------------------

    /// Adds a socket; it starts stalled when the server is stalled.
    pub fn register(&self, kind: SocketKind, tx: UnboundedSender<Out>) -> u64 {
        let id = self.next_socket_id.fetch_add(1, Ordering::Relaxed);
        let stalled = self.stalled.load(Ordering::SeqCst);
        lock(&self.sockets).push(SocketEntry {
            id,
            kind,
            authed: false,
            stalled,
            dying: false,
            tx,
        });
        lock(&self.stats).connections_total += 1;
        id
    }

    pub fn unregister(&self, id: u64) {
        lock(&self.sockets).retain(|s| s.id != id);
    }

    /// Runs `f` on one registered socket.
    pub fn with_socket<R>(&self, id: u64, f: impl FnOnce(&mut SocketEntry) -> R) -> Option<R> {
        lock(&self.sockets).iter_mut().find(|s| s.id == id).map(f)
    }

    pub fn live_sockets(&self) -> usize {
        lock(&self.sockets).len()
    }

    pub fn live_socket_paths(&self) -> Vec<String> {
        lock(&self.sockets).iter().map(|s| s.kind.path()).collect()
    }

    /// Sends `text` to every reachable socket `pick` selects; returns how many.
    fn send_where(&self, text: &str, pick: impl Fn(&SocketEntry) -> bool) -> usize {
        let sockets = lock(&self.sockets);
        let mut n = 0;
        for s in sockets.iter().filter(|s| s.reachable() && pick(s)) {
            if s.tx.send(Out::Text(text.to_string())).is_ok() {
                n += 1;
            }
        }
        n
    }

    /// The `twitchevents` group's `twitchevent` handler: authenticated sockets only.
    pub fn send_to_event_sockets(&self, text: &str) -> usize {
        self.send_where(text, |s| s.kind == SocketKind::TwitchEvents && s.authed)
    }

    /// `{"event": "keep_alive"}` to every twitch-events socket (authenticated or not) and, for the
    /// worker's timer, every chat-bot socket too.
    pub fn keep_alive(&self, chat_too: bool) -> usize {
        let frame = Json::object([("event", Json::str("keep_alive"))]).python();
        self.send_where(&frame, |s| {
            s.kind == SocketKind::TwitchEvents || (chat_too && matches!(s.kind, SocketKind::ChatBot(_)))
        })
    }

    /// A chat line seen by account `login`, to every socket on `/ws/chat-bots/<login>/`,
    /// authenticated or not. The worker publishes to the lowercase login's group, so a socket
    /// opened with a mixed-case URL never hears it.
    pub fn chat_line(&self, login: &str, text: &str, sender: &str) -> usize {
        let login = login.to_lowercase();
        let channel = self.opts.streamer_login.to_lowercase();
        let frame = chat::line_frame(&login, &channel, sender, text).python();
        self.send_where(&frame, |s| s.kind == SocketKind::ChatBot(login.clone()))
    }

    /// Closes every socket with 1000 (daphne's 24 h close); stalled ones are just dropped.
    pub fn drop_all(&self) -> usize {
        let sockets = lock(&self.sockets);
        for s in sockets.iter() {
            let _ = s.tx.send(if s.stalled { Out::Kill } else { Out::Close(1000) });
        }
        sockets.len()
    }

    /// Drops every socket without a close frame.
    pub fn kill_all(&self) {
        for s in lock(&self.sockets).iter() {
            let _ = s.tx.send(Out::Kill);
        }
    }

    pub fn set_stall(&self, on: bool) {
        self.stalled.store(on, Ordering::SeqCst);
        if on {
            for s in lock(&self.sockets).iter_mut() {
                s.stalled = true;
            }
        }
    }

    pub fn is_stalled(&self) -> bool {
        self.stalled.load(Ordering::SeqCst)
    }

    // --- events ---------------------------------------------------------------------------

    /// A live EventSub event: stored, then broadcast by the post_save signal.
    pub fn fire(&self, event_type: &str, event_data: Json) -> Json {
        let envelope = lock(&self.store)
            .insert(event_type, event_data)
            .envelope("twitch", false);
        self.send_to_event_sockets(&envelope.python());
        envelope
    }

    /// Stored but never delivered (redis dropped it, or nobody was connected).
    pub fn store_only(&self, event_type: &str, event_data: Json) -> Json {
        lock(&self.store)
            .insert(event_type, event_data)
            .envelope("twitch", false)
    }

    /// A test event: broadcast, not stored.
    pub fn fire_test(&self, event_type: &str, event_data: Json) -> Json {
        let envelope = store::test_envelope(event_type, event_data);
        self.send_to_event_sockets(&envelope.python());
        envelope
    }

    /// Re-broadcasts a stored row with `origin: "replay"`; `None` for an unknown id.
    pub fn replay(&self, id: &str) -> Option<Json> {
        let envelope = lock(&self.store).get(id)?.envelope("replay", true);
        self.send_to_event_sockets(&envelope.python());
        Some(envelope)
    }

    /// Loads `tests/fixtures/<name>.json` and fires its `event_type`/`event_data` live.
    pub fn fire_fixture(&self, name: &str) -> Result<Json, String> {
        if name.is_empty() || name.contains(['/', '\\']) || name.contains("..") {
            return Err(format!("bad fixture name {name:?}"));
        }
        let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
        let fixture = Json::parse(&bytes).map_err(|e| format!("{path}: {e}"))?;
        let event_type = fixture
            .get("event_type")
            .and_then(Json::as_str)
            .ok_or_else(|| format!("{path}: no event_type"))?
            .to_string();
        let data = fixture.get("event_data").cloned().unwrap_or(Json::Null);
        Ok(self.fire(&event_type, data))
    }

    pub fn record_auth_attempt(&self, valid: bool) {
        lock(&self.stats).auth_attempts.push((Instant::now(), valid));
    }

    pub fn record_chat_sent(&self, frame: Value) {
        lock(&self.stats).chat_sent.push(frame);
    }
}
