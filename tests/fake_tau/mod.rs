//! A fake TAU ("Twitch API Unifier") server on 127.0.0.1 that reproduces what a client can
//! observe of the real one (see `/work/shared/tau/PROTOCOL.md`, §2–§5, §7–§10):
//!
//! * `/ws/twitch-events/`: accepted unconditionally; `{"token": <valid>}` authenticates with no
//!   reply; a wrong token, `null` or a number, a non-object JSON frame or a binary frame close the
//!   socket with 1011 (empty reason) 20–200 ms later; malformed JSON or an object without `token`
//!   leave it open and deaf (keep-alives but no events). Every frame on an anonymous socket is an
//!   auth attempt; frames after auth are ignored. Frames are Python `json.dumps` bytes.
//! * `/ws/chat-bots/<login>/`: 403 unless `<login>` is the streamer's lowercase login or a bot
//!   (iexact); malformed or token-less first frames get the `{"error": …}` frame and stay open;
//!   chat lines reach authenticated and anonymous sockets; sends after auth are recorded, and
//!   malformed ones close with 1011.
//! * One keep-alive timer for all sockets; daphne's forced close (1000) after `max_socket_age`.
//! * REST: DRF token auth (401 bodies, `WWW-Authenticate: Token`), CORS for any origin, cursor
//!   pagination (10 per page, newest first, absolute `next` from the `Host` header, stable
//!   against inserts; the browsable-API HTML for `Accept: text/html` on the list), test events,
//!   replays (HTML 500 for an unknown id), heartbeat, a helix
//!   `users` stub with `/fake-avatar/<name>.png`.
//!
//! Control endpoints (not TAU; no auth), for driving the fake by hand:
//!
//! | request | effect |
//! |---|---|
//! | `POST /_fake/fire/<event_type>` (body = `event_data`) | a live EventSub event: stored and broadcast |
//! | `POST /_fake/store/<event_type>` (body = `event_data`) | stored only, never delivered |
//! | `POST /_fake/fixture/<name>` | fires `tests/fixtures/<name>.json` live |
//! | `POST /_fake/raw` (body = any text) | that text frame to every authenticated twitch-events socket |
//! | `POST /_fake/keep-alive` | `{"event": "keep_alive"}` to every socket, as the worker's timer |
//! | `POST /_fake/drop` | closes every websocket with 1000 |
//! | `POST /_fake/stall/on`, `POST /_fake/stall/off` | sockets go silent and deaf (see [`FakeTau::stall`]) |
//! | `POST /_fake/chat/<login>` (body `{"sender": …, "text": …}`) | a chat line on `/ws/chat-bots/<login>/` |
//! | `POST /_fake/token` (body `{"token": …}`) | rotates the valid token |
//! | `POST /_fake/next-origin` (body `{"origin": "http://host:port"}`, `{}` to undo) | every REST `next` link points there (see [`FakeTau::rewrite_next`]) |
//! | `GET /_fake/stats` | auth attempts and failures, connections, live sockets and their paths, stored events, stall, chat sent, REST requests |
//!
//! Bodies are read as JSON whatever their content type, so `curl -d '{…}'` works.

// The e2e tests and the example binary each use a different part of this module.
#![allow(dead_code)]

mod chat;
#[cfg(test)]
pub mod client;
mod control;
pub mod json;
mod net;
mod rest;
mod state;
mod store;
mod util;
mod ws;

use serde_json::Value;
use state::{lock, Shared};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use json::Json;
pub use state::RestRequest;

/// How to run a [`FakeTau`]. Builder-style: `FakeTauOptions { port: 8000, ..Default::default() }`.
#[derive(Clone, Debug)]
pub struct FakeTauOptions {
    /// Port on 127.0.0.1; 0 picks a free one (kept across [`FakeTau::restart`]).
    pub port: u16,
    /// The one valid token (`Authorization: Token …` and `{"token": …}`).
    pub token: String,
    /// Serve static files from this folder at `/` (`index.html` for `/`).
    pub dist: Option<PathBuf>,
    /// The worker's keep-alive period (TAU: 120 s).
    pub keepalive_every: Duration,
    /// daphne closes every websocket with 1000 once it is this old (TAU: 24 h).
    pub max_socket_age: Option<Duration>,
    /// Registered chat bots' logins, lowercase.
    pub chat_bots: Vec<String>,
    /// The streamer's login; `/ws/chat-bots/<it, lowercase>/` is the streamer socket.
    pub streamer_login: String,
}

impl Default for FakeTauOptions {
    fn default() -> Self {
        FakeTauOptions {
            port: 0,
            token: "test-token".to_string(),
            dist: None,
            keepalive_every: Duration::from_secs(120),
            max_socket_age: Some(Duration::from_secs(24 * 60 * 60)),
            chat_bots: vec!["testbot".to_string()],
            streamer_login: "teststreamer".to_string(),
        }
    }
}

struct Server {
    kill: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// A running fake TAU. Dropping it stops everything.
pub struct FakeTau {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: Mutex<Option<Server>>,
    keepalive: JoinHandle<()>,
}

impl FakeTau {
    /// Binds 127.0.0.1:`opts.port` and starts serving. Panics if the port cannot be bound
    /// (see [`FakeTau::try_start`]).
    pub async fn start(opts: FakeTauOptions) -> FakeTau {
        match FakeTau::try_start(opts).await {
            Ok(tau) => tau,
            Err(e) => panic!("fake TAU could not bind: {e}"),
        }
    }

    /// [`FakeTau::start`], returning the bind error instead of panicking.
    pub async fn try_start(opts: FakeTauOptions) -> std::io::Result<FakeTau> {
        let listener = net::bind(opts.port)?;
        let addr = listener.local_addr()?;
        let every = opts.keepalive_every.max(Duration::from_millis(1));
        let shared = Arc::new(Shared::new(opts));
        shared.port.store(addr.port(), Ordering::Relaxed);
        let timer_shared = shared.clone();
        let keepalive = tokio::spawn(async move {
            let mut interval = tokio::time::interval(every);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            interval.tick().await; // the first tick is immediate; TAU's first comes after a period
            loop {
                interval.tick().await;
                timer_shared.keep_alive(true);
            }
        });
        let server = serve(&shared, listener);
        Ok(FakeTau {
            shared,
            addr,
            server: Mutex::new(Some(server)),
            keepalive,
        })
    }

    /// `127.0.0.1:PORT` as a socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn host_port(&self) -> String {
        self.addr.to_string()
    }

    /// `ws://127.0.0.1:PORT`.
    pub fn ws_base_url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    /// The currently valid token.
    pub fn token(&self) -> String {
        self.shared.token()
    }

    /// Rotates the valid token (as `POST /api/v1/tau-user-token/refresh/`). Sockets already
    /// authenticated stay authenticated.
    pub fn set_token(&self, token: &str) {
        self.shared.set_token(token);
    }

    /// A live EventSub event: stored (new `id`, new `event_id`, `created` now) and broadcast
    /// with `origin: "twitch"` to every authenticated `/ws/twitch-events/` socket. While
    /// stopped, nothing is connected, so it is only stored. Returns the envelope.
    pub fn fire(&self, event_type: &str, event_data: Value) -> Value {
        self.shared.fire(event_type, Json::from(&event_data)).to_value()
    }

    /// [`FakeTau::fire`] with `tests/fixtures/<name>.json`'s `event_type` and `event_data`
    /// (its key order kept on the wire). Panics if the fixture is missing or has no `event_type`.
    pub fn fire_fixture(&self, name: &str) -> Value {
        match self.shared.fire_fixture(name) {
            Ok(envelope) => envelope.to_value(),
            Err(e) => panic!("fire_fixture({name:?}): {e}"),
        }
    }

    /// A test event as `POST /api/v1/twitch-events/<type>/test/` makes it: `id: null`, a fresh
    /// `event_id` (null for `subscribe`), `TestCall`, `origin: "test"`, isoformat `created`;
    /// broadcast, not stored. Returns the envelope.
    pub fn fire_test(&self, event_type: &str, event_data: Value) -> Value {
        self.shared.fire_test(event_type, Json::from(&event_data)).to_value()
    }

    /// Re-broadcasts a stored row with `origin: "replay"` and its original `created`
    /// (`event_data` in jsonb order). `None` if no row has that id.
    pub fn replay(&self, id: &str) -> Option<Value> {
        self.shared.replay(id).map(|e| e.to_value())
    }

    /// Stores an event without delivering it (redis dropped it, or TAU is stopped).
    pub fn store_only(&self, event_type: &str, event_data: Value) -> Value {
        self.shared.store_only(event_type, Json::from(&event_data)).to_value()
    }

    /// Sends `text` as-is to every authenticated `/ws/twitch-events/` socket.
    pub fn send_raw(&self, text: &str) {
        self.shared.send_to_event_sockets(text);
    }

    /// `{"event": "keep_alive"}` now, to every twitch-events socket (authenticated or not) and
    /// every chat-bot socket, as the worker's timer does.
    pub fn keep_alive_now(&self) {
        self.shared.keep_alive(true);
    }

    /// Closes every websocket with code 1000, as daphne's 24 h timeout does. Stalled sockets are
    /// dropped without a close frame.
    pub fn drop_all(&self) {
        self.shared.drop_all();
    }

    /// While on, new sockets still complete the handshake but get nothing (no keep-alives, no
    /// events, no closes) and what they send is ignored; sockets already open go silent too.
    /// Turning it off only helps sockets opened afterwards: the stalled ones stay dead until the
    /// client gives up on them (or [`FakeTau::drop_all`] / [`FakeTau::stop`]).
    pub fn stall(&self, on: bool) {
        self.shared.set_stall(on);
    }

    /// Stops listening and cuts every connection without a close frame (like a killed
    /// container). The port is released; the store, token and counters are kept.
    pub async fn stop(&self) {
        let server = lock(&self.server).take();
        if let Some(server) = server {
            let _ = server.kill.send(true);
            server.task.abort();
            let _ = server.task.await;
        }
        self.shared.kill_all();
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.shared.live_sockets() > 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Listens again on the same port, with the same store. A no-op while running. Panics if the
    /// port stays taken for 5 s.
    pub async fn restart(&self) {
        if self.is_running() {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        let listener = loop {
            match net::bind(self.addr.port()) {
                Ok(l) => break l,
                Err(e) if Instant::now() > deadline => {
                    panic!("fake TAU could not rebind {}: {e}", self.addr)
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        };
        let server = serve(&self.shared, listener);
        *lock(&self.server) = Some(server);
    }

    /// Whether it is listening (between [`FakeTau::stop`] and [`FakeTau::restart`] it is not).
    pub fn is_running(&self) -> bool {
        lock(&self.server).is_some()
    }

    /// Every token attempt on `/ws/twitch-events/` (a frame with a `token` key on an anonymous
    /// socket), with whether the token was valid.
    pub fn auth_attempts(&self) -> Vec<(Instant, bool)> {
        lock(&self.shared.stats).auth_attempts.clone()
    }

    /// Every REST request (`/api/…`, preflights included) in arrival order, with its
    /// `Authorization` header.
    pub fn rest_requests(&self) -> Vec<RestRequest> {
        lock(&self.shared.stats).rest_requests.clone()
    }

    /// Makes every REST `next` link start with `origin` (`http://host:port`) instead of the
    /// request's own scheme and `Host`, as a proxy that rewrites `Host` (or an attacker) would;
    /// `None` goes back to TAU's behaviour.
    pub fn rewrite_next(&self, origin: Option<&str>) {
        *lock(&self.shared.next_origin) = origin.map(str::to_string);
    }

    /// Websocket connections accepted so far, on every path (see [`FakeTau::live_socket_paths`]).
    pub fn connections_total(&self) -> usize {
        lock(&self.shared.stats).connections_total
    }

    /// Websockets open right now, on every path.
    pub fn live_sockets(&self) -> usize {
        self.shared.live_sockets()
    }

    /// The paths of the websockets open right now (`/ws/twitch-events/`, `/ws/chat-bots/x/`).
    pub fn live_socket_paths(&self) -> Vec<String> {
        self.shared.live_socket_paths()
    }

    /// How many rows are stored.
    pub fn stored_events(&self) -> usize {
        lock(&self.shared.store).len()
    }

    /// A chat line (shaped like `fixtures/chat_message.json`) from `sender` in the streamer's
    /// channel, seen by account `login`: sent to every socket on `/ws/chat-bots/<login>/`,
    /// authenticated or not. Returns how many sockets got it.
    pub fn chat_line(&self, login: &str, text: &str, sender: &str) -> usize {
        self.shared.chat_line(login, text, sender)
    }

    /// Every `{"irc_channel", "message"}` an authenticated chat-bot socket sent.
    pub fn chat_sent(&self) -> Vec<Value> {
        lock(&self.shared.stats).chat_sent.clone()
    }
}

impl Drop for FakeTau {
    fn drop(&mut self) {
        self.keepalive.abort();
        if let Some(server) = lock(&self.server).take() {
            let _ = server.kill.send(true);
            server.task.abort();
        }
        self.shared.kill_all();
    }
}

fn serve(shared: &Arc<Shared>, listener: tokio::net::TcpListener) -> Server {
    let (kill, kill_rx) = watch::channel(false);
    let listener = net::KillableListener {
        inner: listener,
        kill: kill_rx,
    };
    let app = rest::router(shared.clone());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Server { kill, task }
}
