//! The `/ws/chat-bots/<login>/` connection as a sans-IO state machine (PROTOCOL.md §2.1, §5).
//!
//! It takes the same [`Input`]s and [`ConnectionOptions`] as [`crate::connection::Connection`]
//! and follows the same rules: generation numbers, full-jitter backoff, a 1011 close soon after
//! the token means *token rejected* (slow retry). Chat adds two outcomes:
//!
//! * an `{"error": …}` frame means TAU did not understand the auth frame: the socket stays open
//!   and still hears chat (TAU does not gate chat on auth), but cannot send;
//! * an unknown bot or a mixed-case login is refused with HTTP 403, which a browser reports as a
//!   close 1006 without `open`. After [`REFUSED_AFTER`] such closes in a row the state is
//!   [`ChatState::Refused`] and retries slow down. TAU being down looks the same to a browser;
//!   the REST token check tells the two apart.

use super::line::{ChatFrame, ChatLine};
use crate::clock::Instant;
use crate::config::Token;
use crate::connection::{Backoff, ConnectionOptions, Input};

/// Consecutive closes without `open` after which the socket counts as refused.
pub const REFUSED_AFTER: u32 = 3;

/// Where the chat connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChatState {
    /// Not started.
    Idle,
    /// Socket opening.
    Connecting,
    /// Token sent; chat already flows, sending waits for the grace period.
    Authenticating,
    /// Authenticated (by silence): chat flows and sending works.
    Live,
    /// Waiting to retry after a close.
    Waiting,
    /// TAU closed with 1011 right after the token (or REST said 401): retrying slowly.
    TokenRejected,
    /// TAU answered the auth frame with `{"error": …}`: chat is received, sending is impossible.
    BadAuthFrame,
    /// The socket never opened [`REFUSED_AFTER`] times in a row: unknown bot, wrong login, or TAU
    /// unreachable. Retrying slowly.
    Refused,
}

impl ChatState {
    /// Short human label.
    pub fn label(self) -> &'static str {
        match self {
            ChatState::Idle => "idle",
            ChatState::Connecting => "connecting",
            ChatState::Authenticating => "authenticating",
            ChatState::Live => "live",
            ChatState::Waiting => "waiting to reconnect",
            ChatState::TokenRejected => "token rejected",
            ChatState::BadAuthFrame => "auth frame not understood",
            ChatState::Refused => "refused: unknown chat bot or TAU unreachable",
        }
    }
}

/// What the driver must do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChatAction {
    /// Open a websocket to `url`, tagging its callbacks with `generation`.
    Open {
        /// Socket generation.
        generation: u64,
        /// `ws(s)://host:port/ws/chat-bots/<login>/`.
        url: String,
    },
    /// Send this text on the socket of `generation` (the auth frame holds the token: never log it).
    Send {
        /// Socket generation.
        generation: u64,
        /// The frame.
        text: String,
    },
    /// Close the socket of `generation` and drop its callbacks.
    Close {
        /// Socket generation.
        generation: u64,
    },
    /// A chat line to show.
    Line(Box<ChatLine>),
}

/// The chat connection machine.
#[derive(Debug)]
pub struct ChatConnection {
    url: String,
    token: Token,
    options: ConnectionOptions,
    backoff: Backoff,
    state: ChatState,
    generation: u64,
    since: Instant,
    token_sent_at: Option<Instant>,
    deadline: Option<Instant>,
    unopened: u32,
}

impl ChatConnection {
    /// A machine for `url` (from [`super::path`] and [`crate::config::OverlayConfig::ws_url`]).
    pub fn new(url: String, token: Token, options: ConnectionOptions, seed: u64) -> Self {
        ChatConnection {
            url,
            token,
            options,
            backoff: Backoff::new(seed),
            state: ChatState::Idle,
            generation: 0,
            since: Instant::ZERO,
            token_sent_at: None,
            deadline: None,
            unopened: 0,
        }
    }

    /// The current state; stays [`ChatState::Refused`] while a retry after refusals is pending.
    pub fn state(&self) -> ChatState {
        match self.state {
            ChatState::Connecting if self.unopened >= REFUSED_AFTER => ChatState::Refused,
            state => state,
        }
    }

    /// The generation of the current socket.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// When to feed [`Input::Timer`] next.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Wraps an outgoing frame (from [`super::ChatOutbox`]) for the current socket, or `None`
    /// when not [`ChatState::Live`]: before auth is settled TAU would take it for the token.
    /// Call [`super::ChatOutbox::send`]/`poll` only while live, or keep the frames it returns.
    pub fn send(&self, frame: String) -> Option<ChatAction> {
        (self.state == ChatState::Live).then_some(ChatAction::Send {
            generation: self.generation,
            text: frame,
        })
    }

    /// Feeds one input; returns the actions to perform, in order.
    pub fn handle(&mut self, input: Input<'_>, now: Instant) -> Vec<ChatAction> {
        let mut out = Vec::new();
        let gen = self.generation;
        let connecting = self.state == ChatState::Connecting;
        let open = matches!(
            self.state,
            ChatState::Authenticating | ChatState::Live | ChatState::BadAuthFrame
        );
        match input {
            Input::Start if self.state == ChatState::Idle => self.open(now, &mut out),
            Input::Opened { generation } if generation == gen && connecting => {
                self.unopened = 0;
                let auth = crate::wire::to_string(&crate::chat::line::AuthFrame {
                    token: self.token.expose(),
                });
                out.push(ChatAction::Send { generation, text: auth });
                self.set(ChatState::Authenticating, now, now + self.options.auth_grace);
                self.token_sent_at = Some(now);
            }
            Input::Text { generation, text } if generation == gen && open => {
                match ChatFrame::parse(text) {
                    Ok(ChatFrame::Line(line)) => out.push(ChatAction::Line(line)),
                    Ok(ChatFrame::Error(_)) => self.state = ChatState::BadAuthFrame,
                    Ok(ChatFrame::KeepAlive | ChatFrame::Other) | Err(_) => {}
                }
                if self.state != ChatState::Authenticating {
                    // Any frame proves the socket alive: push the watchdog back.
                    self.deadline = Some(now + self.options.watchdog);
                }
            }
            Input::Closed { generation, code } if generation == gen && (open || connecting) => self.closed(code, now),
            Input::TokenRejectedByRest if self.state != ChatState::TokenRejected => {
                if open || connecting {
                    out.push(ChatAction::Close { generation: gen });
                }
                self.slow_retry(ChatState::TokenRejected, now);
            }
            Input::Timer if self.deadline.is_some_and(|d| now >= d) => match self.state {
                ChatState::Idle => self.deadline = None,
                ChatState::Authenticating => self.set(ChatState::Live, now, now + self.options.watchdog),
                ChatState::Connecting | ChatState::Live | ChatState::BadAuthFrame => {
                    // Connect timeout or watchdog: treat as a close without a code.
                    out.push(ChatAction::Close { generation: gen });
                    self.closed(1006, now);
                }
                ChatState::Waiting | ChatState::TokenRejected | ChatState::Refused => self.open(now, &mut out),
            },
            // Old sockets, inputs that do not fit the state, early timers: nothing to do.
            _ => {}
        }
        out
    }

    fn closed(&mut self, code: u16, now: Instant) {
        if self.state == ChatState::Connecting {
            self.unopened += 1;
        }
        let rejected = code == 1011
            && self
                .token_sent_at
                .is_some_and(|t| now - t <= self.options.reject_window);
        if self.unopened >= REFUSED_AFTER {
            self.slow_retry(ChatState::Refused, now);
        } else if rejected {
            self.slow_retry(ChatState::TokenRejected, now);
        } else {
            self.retry_later(now);
        }
    }

    fn set(&mut self, state: ChatState, now: Instant, deadline: Instant) {
        self.state = state;
        self.since = now;
        self.deadline = Some(deadline);
    }

    fn open(&mut self, now: Instant, out: &mut Vec<ChatAction>) {
        self.generation += 1;
        self.token_sent_at = None;
        self.set(ChatState::Connecting, now, now + self.options.connect_timeout);
        out.push(ChatAction::Open {
            generation: self.generation,
            url: self.url.clone(),
        });
    }

    /// Full-jitter exponential backoff (the policy of [`crate::connection::Connection`]).
    fn retry_later(&mut self, now: Instant) {
        let stable = self.state == ChatState::Live && now - self.since >= self.options.stable_after;
        let delay = self.backoff.next_delay(&self.options, stable);
        self.set(ChatState::Waiting, now, now + delay);
    }

    /// At least `rejected_retry`, plus up to half of it as jitter.
    fn slow_retry(&mut self, state: ChatState, now: Instant) {
        let delay = self.backoff.slow_delay(&self.options);
        self.set(state, now, now + delay);
    }
}
