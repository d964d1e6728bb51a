//! One sans-IO machine for both TAU sockets (PROTOCOL.md §2, §3, §5, §11):
//! `/ws/twitch-events/` ([`Connection`]) and `/ws/chat-bots/<login>/`
//! ([`crate::tau::chat::ChatConnection`]). They differ only in their [`Endpoint`]: the URL the driver
//! is given and how a text frame decodes.
//!
//! The browser driver feeds [`Input`]s with the current time and performs the returned
//! [`SocketAction`]s; it calls [`SocketMachine::handle`] with [`Input::Timer`] when the clock
//! reaches [`SocketMachine::next_deadline`]. Every socket gets a generation number, and inputs
//! carrying an older generation are ignored, so late callbacks from a dead socket cannot disturb a
//! new one.
//!
//! TAU never acknowledges the token. The machine therefore treats silence as success (after
//! `auth_grace`, or at the first event on the event socket), and a close with code 1011 shortly
//! after sending the token as *token rejected*, after which it retries only slowly.

mod backoff;
mod machine;

pub use backoff::{Backoff, ConnectionOptions};
pub use machine::SocketMachine;

use crate::tau::protocol::{Envelope, Frame};
use crate::util::clock::Instant;

/// What differs between TAU's sockets: how a text frame decodes, and two policies.
pub trait Endpoint {
    /// What a frame delivers to the overlay (an event, a chat line).
    type Item: core::fmt::Debug + Clone + PartialEq;
    /// Consecutive closes without `open` after which the socket counts as
    /// [`LinkState::Refused`] (retried slowly); `None`: never.
    const REFUSED_AFTER: Option<u32>;
    /// Whether a delivered item proves the token was accepted (TAU sends events only to
    /// authenticated sockets, but chat to every socket).
    const DELIVERY_PROVES_AUTH: bool;
    /// Decodes one text frame. This is the one place each socket's frame parser is called.
    fn decode(text: &str) -> Decoded<Self::Item>;
}

/// A text frame, as far as the machine cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded<T> {
    /// `{"event": "keep_alive"}`.
    KeepAlive,
    /// Something to deliver.
    Item(T),
    /// `{"error": …}`: TAU did not understand the auth frame.
    AuthError,
    /// Not JSON, or JSON the socket does not carry: counted and dropped.
    Unusable,
}

/// The `/ws/twitch-events/` socket: frames are event envelopes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Events;

impl Endpoint for Events {
    type Item = Box<Envelope>;
    const REFUSED_AFTER: Option<u32> = None;
    const DELIVERY_PROVES_AUTH: bool = true;

    fn decode(text: &str) -> Decoded<Box<Envelope>> {
        match Frame::parse(text) {
            Ok(Frame::KeepAlive) => Decoded::KeepAlive,
            Ok(Frame::Event(envelope)) => Decoded::Item(envelope),
            Ok(Frame::Other(_)) | Err(_) => Decoded::Unusable,
        }
    }
}

/// The event socket's machine.
pub type Connection = SocketMachine<Events>;

/// The event socket's actions.
pub type Action = SocketAction<Box<Envelope>>;

/// Where a connection is, for people (the debug panel) and for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// Not started.
    Idle,
    /// Socket opening.
    Connecting,
    /// Token sent, waiting out the grace period (TAU sends no acknowledgement). Chat already
    /// flows; sending waits.
    Authenticating,
    /// Receiving (and, on the chat socket, able to send).
    Live,
    /// Waiting to retry after a close or failure.
    Waiting,
    /// TAU closed with 1011 right after the token (or REST said 401): retrying slowly.
    TokenRejected,
    /// TAU answered the auth frame with `{"error": …}`: chat is received, sending is impossible.
    BadAuthFrame,
    /// The socket never opened [`Endpoint::REFUSED_AFTER`] times in a row: unknown chat bot,
    /// wrong login, or TAU unreachable. Retrying slowly.
    Refused,
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
            LinkState::BadAuthFrame => "auth frame not understood",
            LinkState::Refused => "refused: unknown chat bot or TAU unreachable",
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
    /// The clock reached [`SocketMachine::next_deadline`].
    Timer,
}

/// What the driver must do; `T` is what the socket delivers ([`Endpoint::Item`]).
#[derive(Clone, Debug, PartialEq)]
pub enum SocketAction<T> {
    /// Open a websocket to `url`, tagging its callbacks with `generation`.
    Open {
        /// Socket generation.
        generation: u64,
        /// `ws(s)://host:port/ws/…/`.
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
    /// The connection is (again) live: backfill what was missed, send what waited.
    WentLive,
    /// An event or chat line to process.
    Deliver(T),
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
