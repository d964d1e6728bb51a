//! The browser driver of the chat-bot socket: the pure [`ChatConnection`] (through the shared
//! [`SocketDriver`]: one socket, one timer) and [`ChatOutbox`].

use crate::settings::origin::TauOrigin;
use crate::settings::{OverlayConfig, Token};
use crate::tau::chat::outbox::OutboxOptions;
use crate::tau::chat::screen::{ChatScreen, ShownLine};
use crate::tau::chat::{Chat, ChatAction, ChatConnection, ChatOutbox, ChatState, SendError};
use crate::tau::connection::{ConnectionOptions, Input};
use crate::web::browser::page;
use crate::web::browser::socket::SocketDriver;
use leptos::prelude::*;
use std::rc::Rc;

/// A chat line with a stable key for keyed lists (unique within this page load).
pub type KeyedLine = ShownLine;

struct ChatDriver {
    chat: SocketDriver<Chat>,
    outbox: ChatOutbox,
    screen: ChatScreen,
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

/// Options for [`use_chat`].
pub struct UseChatOptions {
    /// The overlay's settings (`watchdog`, `chat_commands`, `chat_max`, `chat_hide`,
    /// `chat_show_commands`, `chat_delay`).
    pub config: OverlayConfig,
    /// The only origin the token goes to.
    pub origin: TauOrigin,
    /// The chat-bot login (valid and lower-case, as [`OverlayConfig::chat`] holds it).
    pub login: String,
    /// The TAU token.
    pub token: Token,
}

/// What [`use_chat`] returns: the chat link's handle.
pub type UseChatReturn = ChatHandle;

/// Connects to `/ws/chat-bots/<login>/` on TAU's `origin` (the login must already be valid and
/// lower-case). Chat commands are refused unless `config.chat_commands`.
pub fn use_chat(options: UseChatOptions) -> UseChatReturn {
    let UseChatOptions {
        config,
        origin,
        login,
        token,
    } = options;
    let url = origin.ws_url(&format!("/ws/chat-bots/{login}/"));
    let options = ConnectionOptions {
        watchdog: config.watchdog,
        ..Default::default()
    };
    let conn = ChatConnection::new(url, token, options, page::random_seed());
    let handle = ChatHandle {
        driver: StoredValue::new_local(ChatDriver {
            chat: SocketDriver::new(conn),
            outbox: ChatOutbox::new(OutboxOptions {
                allow_commands: config.chat_commands,
                ..OutboxOptions::default()
            }),
            screen: ChatScreen::new(config.chat_screen()),
            unsent: Vec::new(),
        }),
        lines: RwSignal::new(Vec::new()),
        state: RwSignal::new(ChatState::Idle),
    };
    handle.start();
    handle
}

impl ChatHandle {
    /// The most recent chat lines, oldest first (at most `chat_max`).
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
        self.driver.try_update_value(|d| {
            for frame in frames {
                if let Err(frame) = d.chat.send(frame) {
                    d.unsent.push(frame);
                }
            }
        });
        self.reschedule();
    }

    fn start(&self) {
        let handle = *self;
        let now = page::now();
        let actions = self
            .driver
            .try_update_value(|d| d.chat.start(now, Rc::new(move |input| handle.feed(input))));
        self.perform(actions.unwrap_or_default(), now);
    }

    fn feed(&self, input: Input<'_>) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| d.chat.handle(input, now)) {
            self.perform(actions, now);
        }
    }

    /// Shows new lines, publishes the state, sends what waited.
    fn perform(&self, actions: Vec<ChatAction>, now: crate::util::clock::Instant) {
        let mut changed = self.driver.try_update_value(|d| d.screen.poll(now)).unwrap_or(false);
        for action in actions {
            match action {
                ChatAction::Deliver(line) => {
                    changed |= self
                        .driver
                        .try_update_value(|d| d.screen.push(*line, now))
                        .unwrap_or(false)
                }
                // Socket actions were performed by the socket driver; held frames go out below.
                ChatAction::WentLive | ChatAction::Open { .. } | ChatAction::Send { .. } | ChatAction::Close { .. } => {
                }
            }
        }
        if changed {
            self.publish();
        }
        if let Some(state) = self.driver.try_with_value(|d| d.chat.machine().state()) {
            if self.state.try_get_untracked() != Some(state) {
                self.state.try_set(state);
            }
        }
        // Parts held back by the rate limit, or until the socket could send, go out now.
        let released = self
            .driver
            .try_update_value(|d| {
                let mut frames = if d.chat.machine().state() == ChatState::Live {
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

    /// The user `login` was banned: their lines go, shown or still waiting out `chat_delay`.
    pub fn ban(&self, login: &str) {
        if self.driver.try_update_value(|d| d.screen.ban(login)) == Some(true) {
            self.publish();
        }
    }

    fn publish(&self) {
        if let Some(shown) = self
            .driver
            .try_with_value(|d| d.screen.shown().cloned().collect::<Vec<_>>())
        {
            self.lines.try_set(shown);
        }
    }

    fn reschedule(&self) {
        let handle = *self;
        let now = page::now();
        self.driver.try_update_value(|d| {
            let next = [d.outbox.next_deadline(), d.screen.next_deadline()]
                .into_iter()
                .flatten()
                .min();
            d.chat.schedule(next, now, move || {
                handle.driver.try_update_value(|d| d.chat.timer_fired());
                handle.feed(Input::Timer);
            })
        });
    }
}
