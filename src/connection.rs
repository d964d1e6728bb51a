//! The `/ws/twitch-events/` connection as a sans-IO state machine (PROTOCOL.md §2, §3, §11).
//!
//! The browser driver feeds [`Input`]s with the current time and performs the returned
//! [`Action`]s; it calls [`Connection::handle`] with [`Input::Timer`] when the clock reaches
//! [`Connection::next_deadline`]. Every socket gets a generation number, and inputs carrying an
//! older generation are ignored, so late callbacks from a dead socket cannot disturb a new one.
//!
//! TAU never acknowledges the token. The machine therefore treats silence as success (after
//! `auth_grace`, or at the first event), and a close with code 1011 shortly after sending the
//! token as *token rejected*, after which it retries only slowly.

use crate::clock::{Instant, Rng};
use crate::config::Token;
use crate::protocol::{Envelope, Frame};
use core::time::Duration;

/// Tunables; [`Default`] follows PROTOCOL.md's recommendations.
#[derive(Clone, Debug)]
pub struct ConnectionOptions {
    /// First backoff ceiling; doubles per failed attempt.
    pub backoff_base: Duration,
    /// Largest backoff ceiling.
    pub backoff_cap: Duration,
    /// A connection live this long resets the backoff.
    pub stable_after: Duration,
    /// Silence after the token that counts as accepted.
    pub auth_grace: Duration,
    /// A 1011 close this soon after sending the token means the token was rejected.
    pub reject_window: Duration,
    /// Minimum wait before retrying with a rejected token.
    pub rejected_retry: Duration,
    /// Reconnect when no frame at all arrived for this long (keep-alives come every 120 s).
    pub watchdog: Duration,
    /// Give up on a socket that has not opened after this long.
    pub connect_timeout: Duration,
}

impl Default for ConnectionOptions {
    fn default() -> Self {
        ConnectionOptions {
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(30),
            stable_after: Duration::from_secs(60),
            auth_grace: Duration::from_secs(2),
            reject_window: Duration::from_secs(3),
            rejected_retry: Duration::from_secs(30),
            watchdog: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

/// Full-jitter exponential backoff, shared by the event socket and the chat socket: the delay
/// before attempt `n` is uniform in `0..=min(cap, base·2ⁿ)`, reset after a stable connection; a
/// rejected token waits at least `rejected_retry` plus up to half of it as jitter.
#[derive(Debug)]
pub struct Backoff {
    rng: Rng,
    /// Consecutive failed attempts (drives the ceiling).
    attempt: u32,
}

impl Backoff {
    /// A backoff whose jitter is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Backoff {
            rng: Rng::new(seed),
            attempt: 0,
        }
    }

    /// The wait before the next attempt. `stable`: the connection that just ended had been live
    /// for at least `stable_after`, which starts the sequence over.
    pub fn next_delay(&mut self, options: &ConnectionOptions, stable: bool) -> Duration {
        if stable {
            self.attempt = 0;
        }
        let ceiling = options
            .backoff_base
            .saturating_mul(1u32 << self.attempt.min(16))
            .min(options.backoff_cap);
        self.attempt = self.attempt.saturating_add(1);
        Duration::from_millis(self.rng.below_inclusive(ceiling.as_millis() as u64))
    }

    /// The wait after a rejected token (or a refused socket): slow, jittered.
    pub fn slow_delay(&mut self, options: &ConnectionOptions) -> Duration {
        let base = options.rejected_retry;
        base + Duration::from_millis(self.rng.below_inclusive(base.as_millis() as u64 / 2))
    }
}

/// Where the connection is, for people (the debug panel) and for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// Not started.
    Idle,
    /// Socket opening.
    Connecting,
    /// Token sent, waiting out the grace period (TAU sends no acknowledgement).
    Authenticating,
    /// Receiving events.
    Live,
    /// Waiting to retry after a close or failure.
    Waiting,
    /// TAU closed with 1011 right after the token (or REST said 401): retrying slowly.
    TokenRejected,
}

impl LinkState {
    /// Short human label.
    pub fn label(self) -> &'static str {
        match self {
            LinkState::Idle => "idle",
            LinkState::Connecting => "connecting",
            LinkState::Authenticating => "authenticating",
            LinkState::Live => "live",
            LinkState::Waiting => "waiting to reconnect",
            LinkState::TokenRejected => "token rejected",
        }
    }
}

/// What happened to the socket, or that time passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input<'a> {
    /// Begin connecting.
    Start,
    /// The socket of `generation` opened.
    Opened {
        /// Socket generation.
        generation: u64,
    },
    /// A text frame arrived on the socket of `generation`.
    Text {
        /// Socket generation.
        generation: u64,
        /// The frame.
        text: &'a str,
    },
    /// The socket of `generation` closed (or failed: code 1006).
    Closed {
        /// Socket generation.
        generation: u64,
        /// The close code.
        code: u16,
    },
    /// The REST token check answered 401: the token is wrong.
    TokenRejectedByRest,
    /// The clock reached [`Connection::next_deadline`].
    Timer,
}

/// What the driver must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a websocket to `url`, tagging its callbacks with `generation`.
    Open {
        /// Socket generation.
        generation: u64,
        /// `ws(s)://host:port/ws/twitch-events/`.
        url: String,
    },
    /// Send this text on the socket of `generation`.
    Send {
        /// Socket generation.
        generation: u64,
        /// The frame (the auth frame contains the token: never log it).
        text: String,
    },
    /// Close the socket of `generation` and drop its callbacks.
    Close {
        /// Socket generation.
        generation: u64,
    },
    /// The connection is (again) live: backfill what was missed.
    WentLive,
    /// An event to process.
    Deliver(Box<Envelope>),
}

/// Counters and timestamps for the debug panel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Sockets opened after the first.
    pub reconnects: u32,
    /// When the last frame of any kind arrived.
    pub last_frame: Option<Instant>,
    /// When the last keep-alive arrived.
    pub last_keep_alive: Option<Instant>,
    /// Frames that could not be decoded.
    pub bad_frames: u32,
    /// Times the watchdog fired.
    pub watchdog_fired: u32,
}

/// The connection machine.
#[derive(Debug)]
pub struct Connection {
    url: String,
    token: Token,
    options: ConnectionOptions,
    backoff: Backoff,
    state: LinkState,
    generation: u64,
    /// When the current state began (socket opened, token sent, went live, …).
    since: Instant,
    token_sent_at: Option<Instant>,
    deadline: Option<Instant>,
    stats: LinkStats,
}

impl Connection {
    /// A machine for `url` (see [`crate::config::OverlayConfig::ws_url`]); `seed` drives jitter.
    pub fn new(url: String, token: Token, options: ConnectionOptions, seed: u64) -> Self {
        Connection {
            url,
            token,
            options,
            backoff: Backoff::new(seed),
            state: LinkState::Idle,
            generation: 0,
            since: Instant::ZERO,
            token_sent_at: None,
            deadline: None,
            stats: LinkStats::default(),
        }
    }

    /// The current state.
    pub fn state(&self) -> LinkState {
        self.state
    }

    /// The generation of the current socket.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Counters for diagnostics.
    pub fn stats(&self) -> &LinkStats {
        &self.stats
    }

    /// When to feed [`Input::Timer`] next.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Feeds one input; returns the actions to perform, in order.
    pub fn handle(&mut self, input: Input<'_>, now: Instant) -> Vec<Action> {
        let mut out = Vec::new();
        match input {
            Input::Start => {
                if self.state == LinkState::Idle {
                    self.open(now, &mut out);
                }
            }
            Input::Opened { generation } if generation == self.generation && self.state == LinkState::Connecting => {
                let auth = crate::wire::to_string(&crate::chat::line::AuthFrame {
                    token: self.token.expose(),
                });
                out.push(Action::Send { generation, text: auth });
                self.state = LinkState::Authenticating;
                self.since = now;
                self.token_sent_at = Some(now);
                self.deadline = Some(now + self.options.auth_grace);
            }
            Input::Text { generation, text } if generation == self.generation => {
                if matches!(self.state, LinkState::Authenticating | LinkState::Live) {
                    self.on_text(text, now, &mut out);
                }
            }
            Input::Closed { generation, code } if generation == self.generation => {
                if matches!(
                    self.state,
                    LinkState::Connecting | LinkState::Authenticating | LinkState::Live
                ) {
                    let rejected = code == 1011
                        && self
                            .token_sent_at
                            .is_some_and(|t| now - t <= self.options.reject_window);
                    if rejected {
                        self.reject(now);
                    } else {
                        self.retry_later(now);
                    }
                }
            }
            Input::TokenRejectedByRest => {
                if self.state != LinkState::TokenRejected {
                    if matches!(
                        self.state,
                        LinkState::Connecting | LinkState::Authenticating | LinkState::Live
                    ) {
                        out.push(Action::Close {
                            generation: self.generation,
                        });
                    }
                    self.reject(now);
                }
            }
            Input::Timer => self.on_timer(now, &mut out),
            // Inputs from an old socket, or that do not fit the state, change nothing.
            Input::Opened { .. } | Input::Text { .. } | Input::Closed { .. } => {}
        }
        out
    }

    fn on_text(&mut self, text: &str, now: Instant, out: &mut Vec<Action>) {
        self.stats.last_frame = Some(now);
        match Frame::parse(text) {
            Ok(Frame::KeepAlive) => self.stats.last_keep_alive = Some(now),
            Ok(Frame::Event(envelope)) => {
                if self.state == LinkState::Authenticating {
                    self.go_live(now, out);
                }
                // TAU sends events only to authenticated sockets: a later 1011 is not about the token.
                self.token_sent_at = None;
                out.push(Action::Deliver(envelope));
            }
            Ok(Frame::Other(_)) | Err(_) => self.stats.bad_frames += 1,
        }
        if self.state == LinkState::Live {
            self.deadline = Some(now + self.options.watchdog);
        }
    }

    fn on_timer(&mut self, now: Instant, out: &mut Vec<Action>) {
        let Some(deadline) = self.deadline else { return };
        if now < deadline {
            return;
        }
        match self.state {
            LinkState::Idle => self.deadline = None,
            LinkState::Connecting => {
                out.push(Action::Close {
                    generation: self.generation,
                });
                self.retry_later(now);
            }
            LinkState::Authenticating => self.go_live(now, out),
            LinkState::Live => {
                self.stats.watchdog_fired += 1;
                out.push(Action::Close {
                    generation: self.generation,
                });
                self.retry_later(now);
            }
            LinkState::Waiting | LinkState::TokenRejected => self.open(now, out),
        }
    }

    fn open(&mut self, now: Instant, out: &mut Vec<Action>) {
        if self.generation > 0 {
            self.stats.reconnects += 1;
        }
        self.generation += 1;
        self.state = LinkState::Connecting;
        self.since = now;
        self.token_sent_at = None;
        self.deadline = Some(now + self.options.connect_timeout);
        out.push(Action::Open {
            generation: self.generation,
            url: self.url.clone(),
        });
    }

    fn go_live(&mut self, now: Instant, out: &mut Vec<Action>) {
        self.state = LinkState::Live;
        self.since = now;
        self.deadline = Some(now + self.options.watchdog);
        out.push(Action::WentLive);
    }

    fn retry_later(&mut self, now: Instant) {
        let stable = self.state == LinkState::Live && now - self.since >= self.options.stable_after;
        let delay = self.backoff.next_delay(&self.options, stable);
        self.state = LinkState::Waiting;
        self.since = now;
        self.deadline = Some(now + delay);
    }

    fn reject(&mut self, now: Instant) {
        let delay = self.backoff.slow_delay(&self.options);
        self.state = LinkState::TokenRejected;
        self.since = now;
        self.deadline = Some(now + delay);
    }
}
