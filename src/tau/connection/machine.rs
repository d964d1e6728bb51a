//! The socket machine: states, handshake, backoff, 1011 rejection, refusal and watchdog.

use super::{Backoff, ConnectionOptions, Decoded, Endpoint, Input, LinkState, LinkStats, SocketAction};
use crate::settings::Token;
use crate::util::clock::Instant;
use core::marker::PhantomData;

/// The machine of one TAU socket; `E` says which ([`super::Events`], [`crate::tau::chat::Chat`]).
#[derive(Debug)]
pub struct SocketMachine<E> {
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
    /// Consecutive closes without `open` (only counted when [`Endpoint::REFUSED_AFTER`] is set).
    unopened: u32,
    stats: LinkStats,
    endpoint: PhantomData<E>,
}

impl<E: Endpoint> SocketMachine<E> {
    /// A machine for `url` (see [`crate::settings::TauOrigin::ws_url`]); `seed` drives jitter.
    pub fn new(url: String, token: Token, options: ConnectionOptions, seed: u64) -> Self {
        SocketMachine {
            url,
            token,
            options,
            backoff: Backoff::new(seed),
            state: LinkState::Idle,
            generation: 0,
            since: Instant::ZERO,
            token_sent_at: None,
            deadline: None,
            unopened: 0,
            stats: LinkStats::default(),
            endpoint: PhantomData,
        }
    }

    /// The current state; stays [`LinkState::Refused`] while a retry after refusals connects.
    pub fn state(&self) -> LinkState {
        match self.state {
            LinkState::Connecting if E::REFUSED_AFTER.is_some_and(|n| self.unopened >= n) => LinkState::Refused,
            state => state,
        }
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

    /// Wraps an outgoing frame (e.g. from [`crate::tau::chat::ChatOutbox`]) for the current socket, or
    /// `None` when not [`LinkState::Live`]: before auth is settled TAU would take it for the token.
    pub fn send(&self, frame: String) -> Option<SocketAction<E::Item>> {
        (self.state == LinkState::Live).then_some(SocketAction::Send {
            generation: self.generation,
            text: frame,
        })
    }

    /// Feeds one input; returns the actions to perform, in order.
    pub fn handle(&mut self, input: Input<'_>, now: Instant) -> Vec<SocketAction<E::Item>> {
        let mut out = Vec::new();
        let gen = self.generation;
        let connecting = self.state == LinkState::Connecting;
        let open = matches!(
            self.state,
            LinkState::Authenticating | LinkState::Live | LinkState::BadAuthFrame
        );
        match input {
            Input::Start if self.state == LinkState::Idle => self.open(now, &mut out),
            Input::Opened { generation } if generation == gen && connecting => {
                self.unopened = 0;
                let auth = crate::tau::wire::to_string(&crate::tau::chat::line::AuthFrame {
                    token: self.token.expose(),
                });
                out.push(SocketAction::Send { generation, text: auth });
                self.set(LinkState::Authenticating, now, now + self.options.auth_grace);
                self.token_sent_at = Some(now);
            }
            Input::Text { generation, text } if generation == gen && open => self.on_text(text, now, &mut out),
            Input::Closed { generation, code } if generation == gen && (open || connecting) => self.closed(code, now),
            Input::TokenRejectedByRest if self.state != LinkState::TokenRejected => {
                if open || connecting {
                    out.push(SocketAction::Close { generation: gen });
                }
                self.slow_retry(LinkState::TokenRejected, now);
            }
            Input::Timer if self.deadline.is_some_and(|d| now >= d) => match self.state {
                LinkState::Idle => self.deadline = None,
                LinkState::Authenticating => self.go_live(now, &mut out),
                LinkState::Connecting | LinkState::Live | LinkState::BadAuthFrame => {
                    // Connect timeout or watchdog: treat as a close without a code.
                    if !connecting {
                        self.stats.watchdog_fired += 1;
                    }
                    out.push(SocketAction::Close { generation: gen });
                    self.closed(1006, now);
                }
                LinkState::Waiting | LinkState::TokenRejected | LinkState::Refused => self.open(now, &mut out),
            },
            // Old sockets, inputs that do not fit the state, early timers: nothing to do.
            _ => {}
        }
        out
    }

    fn on_text(&mut self, text: &str, now: Instant, out: &mut Vec<SocketAction<E::Item>>) {
        self.stats.last_frame = Some(now);
        match E::decode(text) {
            Decoded::KeepAlive => self.stats.last_keep_alive = Some(now),
            Decoded::Item(item) => {
                if E::DELIVERY_PROVES_AUTH {
                    if self.state == LinkState::Authenticating {
                        self.go_live(now, out);
                    }
                    // The token is proven: a later 1011 is not about it.
                    self.token_sent_at = None;
                }
                out.push(SocketAction::Deliver(item));
            }
            Decoded::AuthError => self.state = LinkState::BadAuthFrame,
            Decoded::Unusable => self.stats.bad_frames += 1,
        }
        if self.state != LinkState::Authenticating {
            // Any frame proves the socket alive: push the watchdog back.
            self.deadline = Some(now + self.options.watchdog);
        }
    }

    fn closed(&mut self, code: u16, now: Instant) {
        if self.state == LinkState::Connecting && E::REFUSED_AFTER.is_some() {
            self.unopened += 1;
        }
        let rejected = code == 1011
            && self
                .token_sent_at
                .is_some_and(|t| now - t <= self.options.reject_window);
        if E::REFUSED_AFTER.is_some_and(|n| self.unopened >= n) {
            self.slow_retry(LinkState::Refused, now);
        } else if rejected {
            self.slow_retry(LinkState::TokenRejected, now);
        } else {
            self.retry_later(now);
        }
    }

    fn set(&mut self, state: LinkState, now: Instant, deadline: Instant) {
        self.state = state;
        self.since = now;
        self.deadline = Some(deadline);
    }

    fn open(&mut self, now: Instant, out: &mut Vec<SocketAction<E::Item>>) {
        if self.generation > 0 {
            self.stats.reconnects += 1;
        }
        self.generation += 1;
        self.token_sent_at = None;
        self.set(LinkState::Connecting, now, now + self.options.connect_timeout);
        out.push(SocketAction::Open {
            generation: self.generation,
            url: self.url.clone(),
        });
    }

    fn go_live(&mut self, now: Instant, out: &mut Vec<SocketAction<E::Item>>) {
        self.set(LinkState::Live, now, now + self.options.watchdog);
        out.push(SocketAction::WentLive);
    }

    /// Full-jitter exponential backoff; a minute live starts it over.
    fn retry_later(&mut self, now: Instant) {
        let stable = self.state == LinkState::Live && now - self.since >= self.options.stable_after;
        let delay = self.backoff.next_delay(&self.options, stable);
        self.set(LinkState::Waiting, now, now + delay);
    }

    /// At least `rejected_retry`, plus up to half of it as jitter.
    fn slow_retry(&mut self, state: LinkState, now: Instant) {
        let delay = self.backoff.slow_delay(&self.options);
        self.set(state, now, now + delay);
    }
}
