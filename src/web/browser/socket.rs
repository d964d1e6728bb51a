//! The one browser driver of TAU's sockets: a [`SocketMachine`] (of either endpoint), its socket
//! (gloo-net's [`WebSocket`]) and its timer (an [`Alarm`] of gloo-timers' `Timeout`s).
//! ([MDN](https://developer.mozilla.org/docs/Web/API/WebSocket))
//!
//! Each socket is read by one task that reports to the machine, tagged with the socket's
//! generation (the machine ignores older generations, STYLE.md 13). Closing the socket in its
//! [`SocketSlot`] drops it, which ends the task: nothing is reported after that.

use super::{page, timer};
use crate::tau::connection::{Endpoint, Input, LinkState, SocketAction, SocketMachine};
use crate::util::alarm::Alarm;
use crate::util::clock::Instant;
use futures_util::future::{poll_fn, FutureExt};
use futures_util::{SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::{Message, State, WebSocketError};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use std::task::Poll;

/// Why a socket could not be opened or written to.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SocketError {
    /// The browser refused the URL (malformed, or a blocked port): fix the `tau=` setting. The
    /// machine sees a close 1006 and retries with backoff.
    #[error("the browser refused to open a websocket to {url}: {reason}")]
    BadUrl {
        /// The socket URL (it never holds the token).
        url: String,
        /// The browser's message.
        reason: String,
    },
    /// There is no open socket of that generation (closed, replaced, or still connecting): the
    /// frame is dropped; the machine sends again after it reconnects.
    #[error("no open websocket of generation {0}: frame dropped")]
    NotOpen(u64),
    /// The browser would not take the frame: the machine sends again after it reconnects.
    #[error("the websocket did not take a frame: {0}")]
    SendFailed(String),
}

/// How the socket task reports to its machine.
pub type Feed = Rc<dyn Fn(Input<'_>)>;

/// A socket shared by its driver (which sends and closes) and its reader task. Only borrowed
/// for a synchronous call, never across an `.await`.
type Shared = Rc<RefCell<Option<WebSocket>>>;

/// One socket of a given generation, as seen from its driver.
struct Current {
    generation: u64,
    ws: Shared,
}

impl Drop for Current {
    /// Drops the socket: gloo-net closes it and wakes the reader task, which then ends without
    /// reporting anything more.
    fn drop(&mut self) {
        let ws = self.ws.borrow_mut().take();
        drop(ws);
    }
}

/// The current socket of a connection machine, tagged with its generation: sends and closes
/// meant for another generation do nothing.
#[derive(Default)]
pub struct SocketSlot(Option<Current>);

impl SocketSlot {
    /// Opens `url` as the socket of `generation` (replacing and closing any other). Its events
    /// reach `feed` as [`Input`]s. A refused URL is an error here and also reaches `feed` as a
    /// close 1006, after this call (so the machine backs off as for any failed socket).
    pub fn open(&mut self, generation: u64, url: &str, feed: Feed) -> Result<(), SocketError> {
        self.0 = None;
        match WebSocket::open(url) {
            Ok(ws) => {
                let ws: Shared = Rc::new(RefCell::new(Some(ws)));
                self.0 = Some(Current {
                    generation,
                    ws: ws.clone(),
                });
                wasm_bindgen_futures::spawn_local(run(ws, generation, feed));
                Ok(())
            }
            Err(e) => {
                wasm_bindgen_futures::spawn_local(async move { feed(Input::Closed { generation, code: 1006 }) });
                Err(SocketError::BadUrl {
                    url: url.to_owned(),
                    reason: e.to_string(),
                })
            }
        }
    }

    /// Sends `text` on the current socket if it is of `generation` and open.
    pub fn send(&self, generation: u64, text: String) -> Result<(), SocketError> {
        let current = self.0.as_ref().filter(|c| c.generation == generation);
        let mut ws = current.ok_or(SocketError::NotOpen(generation))?.ws.borrow_mut();
        let ws = ws
            .as_mut()
            .filter(|ws| matches!(ws.state(), State::Open))
            .ok_or(SocketError::NotOpen(generation))?;
        // An open socket's sink is ready at once. (Never poll it while connecting: the reader
        // task's waker for `open` would be replaced.)
        match ws.send(Message::Text(text)).now_or_never() {
            Some(Ok(())) => Ok(()),
            // The message is the browser's, never the frame (which may hold the token).
            Some(Err(e)) => Err(SocketError::SendFailed(e.to_string())),
            None => Err(SocketError::NotOpen(generation)),
        }
    }

    /// Closes (drops) the current socket if it is of `generation`.
    pub fn close(&mut self, generation: u64) {
        if self.0.as_ref().is_some_and(|c| c.generation == generation) {
            self.0 = None;
        }
    }
}

/// What the reader task saw.
enum Step {
    Opened,
    Frame(Message),
    Closed(u16),
    /// The `error` event (a `close` follows).
    Failed,
}

/// Reads one socket until it closes or its [`Current`] is dropped, reporting to `feed` with
/// `generation`.
async fn run(ws: Shared, generation: u64, feed: Feed) {
    let mut opened = false;
    loop {
        let step = poll_fn(|cx| {
            let mut ws = ws.borrow_mut();
            let Some(ws) = ws.as_mut() else {
                return Poll::Ready(None); // dropped: nothing more to report
            };
            // gloo-net's stream does not report `open`, but its sink becomes ready at `open` (or
            // at a failure before it): the state tells which.
            if !opened && ws.poll_ready_unpin(cx).is_ready() && matches!(ws.state(), State::Open) {
                return Poll::Ready(Some(Step::Opened));
            }
            ws.poll_next_unpin(cx).map(|frame| {
                Some(match frame {
                    Some(Ok(message)) => Step::Frame(message),
                    // The close code reaches the machine: 1011 right after the token is a bad token.
                    Some(Err(WebSocketError::ConnectionClose(close))) => Step::Closed(close.code),
                    Some(Err(_)) => Step::Failed,
                    None => Step::Closed(1006),
                })
            })
        })
        .await;
        match step {
            None => return,
            Some(Step::Opened) => {
                opened = true;
                feed(Input::Opened { generation });
            }
            Some(Step::Frame(Message::Text(text))) => feed(Input::Text {
                generation,
                text: &text,
            }),
            // TAU sends no binary frames: an empty text frame, which the machine counts as bad.
            Some(Step::Frame(Message::Bytes(_))) => feed(Input::Text { generation, text: "" }),
            Some(Step::Failed) => {}
            Some(Step::Closed(code)) => return feed(Input::Closed { generation, code }),
        }
    }
}

/// A [`SocketMachine`] with its socket and its timer: the browser driver shared by the event
/// link and the chat link. Socket actions ([`SocketAction::Open`], `Send`, `Close`) are
/// performed here; the rest is handed back to the component's driver.
pub struct SocketDriver<E> {
    machine: SocketMachine<E>,
    socket: SocketSlot,
    alarm: Alarm<Timeout>,
    feed: Option<Feed>,
}

impl<E: Endpoint> SocketDriver<E> {
    /// A driver for `machine`; nothing happens until [`start`](Self::start).
    pub fn new(machine: SocketMachine<E>) -> Self {
        SocketDriver {
            machine,
            socket: SocketSlot::default(),
            alarm: Alarm::default(),
            feed: None,
        }
    }

    /// The machine (state, stats, deadline).
    pub fn machine(&self) -> &SocketMachine<E> {
        &self.machine
    }

    /// Starts connecting; socket events will be fed to `feed` (which should end up in
    /// [`handle`](Self::handle), outside any borrow of this driver).
    pub fn start(&mut self, now: Instant, feed: Feed) -> Vec<SocketAction<E::Item>> {
        self.feed = Some(feed);
        self.handle(Input::Start, now)
    }

    /// Feeds one input and performs the socket actions. Returns the others
    /// ([`SocketAction::WentLive`], [`SocketAction::Deliver`]) in order.
    pub fn handle(&mut self, input: Input<'_>, now: Instant) -> Vec<SocketAction<E::Item>> {
        let mut rest = Vec::new();
        for action in self.machine.handle(input, now) {
            match action {
                SocketAction::Open { generation, url } => {
                    if let Some(feed) = self.feed.clone() {
                        warn_on(self.socket.open(generation, &url, feed));
                    }
                }
                SocketAction::Send { generation, text } => warn_on(self.socket.send(generation, text)),
                SocketAction::Close { generation } => self.socket.close(generation),
                other => rest.push(other),
            }
        }
        rest
    }

    /// Sends `frame` if the machine can send (see [`SocketMachine::send`]); otherwise hands it
    /// back, to be sent once live.
    pub fn send(&mut self, frame: String) -> Result<(), String> {
        if self.machine.state() != LinkState::Live {
            return Err(frame);
        }
        if let Some(SocketAction::Send { generation, text }) = self.machine.send(frame) {
            warn_on(self.socket.send(generation, text));
        }
        Ok(())
    }

    /// Makes the timer fire by the machine's deadline or `also` (another deadline of the same
    /// driver), whichever is first, re-arming only when needed. `on_timer` must call
    /// [`timer_fired`](Self::timer_fired) and then feed [`Input::Timer`].
    pub fn schedule(&mut self, also: Option<Instant>, now: Instant, on_timer: impl FnOnce() + 'static) {
        let next = [self.machine.next_deadline(), also].into_iter().flatten().min();
        timer::rearm(&mut self.alarm, next, now, on_timer);
    }

    /// The timer fired (see [`Alarm::fired`]).
    pub fn timer_fired(&mut self) {
        self.alarm.fired();
    }
}

/// Socket errors are logged once and the machine carries on (it sees the close, and resends the
/// token on the next socket).
fn warn_on(result: Result<(), SocketError>) {
    if let Err(e) = result {
        page::warn(&e.to_string());
    }
}
