//! The browser driver of the chat-bot socket: the pure [`ChatConnection`] and [`ChatOutbox`],
//! one socket and one timer.

use crate::browser::socket::{open_for_machine, SocketSlot};
use crate::browser::{page, timer::Timer};
use crate::chat::outbox::OutboxOptions;
use crate::chat::{ChatAction, ChatConnection, ChatLine, ChatOutbox, ChatState, SendError};
use crate::config::{OverlayConfig, Token};
use crate::connection::{ConnectionOptions, Input};
use crate::origin::TauOrigin;
use leptos::prelude::*;
use std::rc::Rc;

/// Lines kept on screen; older ones are dropped.
pub const MAX_LINES: usize = 30;

/// A chat line with a stable key for keyed lists.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyedLine {
    /// Unique within this page load.
    pub key: u64,
    /// The line.
    pub line: ChatLine,
}

struct ChatDriver {
    conn: ChatConnection,
    outbox: ChatOutbox,
    socket: SocketSlot,
    timer: Option<Timer>,
    next_key: u64,
    /// Frames the outbox released while the socket could not send yet (sent once live).
    unsent: Vec<String>,
}

/// A handle to the chat link owned by the current component (`Copy`).
#[derive(Clone, Copy)]
pub struct ChatHandle {
    driver: StoredValue<ChatDriver, LocalStorage>,
    lines: RwSignal<Vec<KeyedLine>>,
    state: RwSignal<ChatState>,
}

/// Connects to `/ws/chat-bots/<login>/` on TAU's `origin` (the login must already be valid and
/// lower-case). Chat commands are refused unless `config.chat_commands`.
pub fn use_chat(config: &OverlayConfig, origin: &TauOrigin, login: &str, token: Token) -> ChatHandle {
    let url = origin.ws_url(&format!("/ws/chat-bots/{login}/"));
    let options = ConnectionOptions {
        watchdog: config.watchdog,
        ..Default::default()
    };
    let conn = ChatConnection::new(url, token, options, page::random_seed());
    let handle = ChatHandle {
        driver: StoredValue::new_local(ChatDriver {
            conn,
            outbox: ChatOutbox::new(OutboxOptions {
                allow_commands: config.chat_commands,
                ..OutboxOptions::default()
            }),
            socket: SocketSlot::default(),
            timer: None,
            next_key: 0,
            unsent: Vec::new(),
        }),
        lines: RwSignal::new(Vec::new()),
        state: RwSignal::new(ChatState::Idle),
    };
    handle.feed(Input::Start);
    handle
}

impl ChatHandle {
    /// The most recent chat lines, oldest first (at most [`MAX_LINES`]).
    pub fn lines(&self) -> ReadSignal<Vec<KeyedLine>> {
        self.lines.read_only()
    }

    /// The connection state.
    pub fn state(&self) -> ReadSignal<ChatState> {
        self.state.read_only()
    }

    /// Says `message` in `channel` (with or without `#`). CR, LF and control characters are
    /// stripped, long messages split at 500 characters, at most 20 messages go out per 30 s
    /// (the rest wait), and an exact repeat within 30 s is refused.
    pub fn say(&self, channel: &str, message: &str) -> Result<(), SendError> {
        let now = page::now();
        let frames = self
            .driver
            .try_update_value(|d| d.outbox.send(channel, message, now))
            .unwrap_or(Ok(Vec::new()))?;
        self.transmit(frames);
        Ok(())
    }

    fn transmit(&self, frames: Vec<String>) {
        for frame in frames {
            let action = self.driver.try_update_value(|d| match d.conn.send(frame.clone()) {
                Some(action) => Some(action),
                None => {
                    d.unsent.push(frame);
                    None
                }
            });
            if let Some(Some(ChatAction::Send { generation, text })) = action {
                self.send_on(generation, &text);
            }
        }
        self.reschedule();
    }

    fn send_on(&self, generation: u64, text: &str) {
        self.driver.with_value(|d| d.socket.send(generation, text));
    }

    fn feed(&self, input: Input<'_>) {
        let now = page::now();
        let Some(actions) = self.driver.try_update_value(|d| d.conn.handle(input, now)) else {
            return;
        };
        let mut new_lines = Vec::new();
        for action in actions {
            match action {
                ChatAction::Open { generation, url } => self.open(generation, &url),
                ChatAction::Send { generation, text } => self.send_on(generation, &text),
                ChatAction::Close { generation } => self.driver.update_value(|d| d.socket.close(generation)),
                ChatAction::Line(line) => new_lines.push(*line),
            }
        }
        if !new_lines.is_empty() {
            let first = self.driver.try_update_value(|d| {
                let first = d.next_key;
                d.next_key += new_lines.len() as u64;
                first
            });
            if let Some(first) = first {
                self.lines.try_update(|lines| {
                    lines.extend(
                        new_lines
                            .into_iter()
                            .zip(first..)
                            .map(|(line, key)| KeyedLine { key, line }),
                    );
                    let excess = lines.len().saturating_sub(MAX_LINES);
                    lines.drain(..excess);
                });
            }
        }
        if let Some(state) = self.driver.try_with_value(|d| d.conn.state()) {
            if self.state.try_get_untracked() != Some(state) {
                self.state.try_set(state);
            }
        }
        // Parts held back by the rate limit, or until the socket could send, go out now.
        let released = self
            .driver
            .try_update_value(|d| {
                let mut frames = if d.conn.state() == ChatState::Live {
                    std::mem::take(&mut d.unsent)
                } else {
                    Vec::new()
                };
                frames.extend(d.outbox.poll(now));
                frames
            })
            .unwrap_or_default();
        self.transmit(released);
    }

    fn reschedule(&self) {
        let handle = *self;
        let now = page::now();
        self.driver.try_update_value(|d| {
            let next = [d.conn.next_deadline(), d.outbox.next_deadline()]
                .into_iter()
                .flatten()
                .min();
            d.timer = next.and_then(|at| Timer::once((at - now).as_millis() as u64, move || handle.feed(Input::Timer)));
        });
    }

    fn open(&self, generation: u64, url: &str) {
        let handle = *self;
        let opened = open_for_machine(url, generation, Rc::new(move |input| handle.feed(input)));
        self.driver.update_value(|d| {
            if let Some(timer) = d.socket.set(generation, opened) {
                d.timer = Some(timer);
            }
        });
    }
}
