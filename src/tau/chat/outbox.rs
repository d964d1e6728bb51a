//! Sending chat through TAU (PROTOCOL.md §5.4): sanitizing, splitting, rate limiting and
//! duplicate suppression, with a virtual clock.
//!
//! TAU forwards `{"irc_channel", "message"}` to IRC as `PRIVMSG #<channel> :<message>` without any
//! check and never acknowledges it, so everything Twitch would refuse or punish is stopped here:
//!
//! * CR, LF and other control characters are removed (whitespace controls become a space), so a
//!   message cannot smuggle a second IRC command; leading and trailing whitespace is trimmed;
//! * messages longer than [`OutboxOptions::max_chars`] are split, at whitespace when possible;
//! * at most [`OutboxOptions::per_window`] frames leave per sliding [`OutboxOptions::window`]
//!   (Twitch's limit for a normal account is 20 per 30 s); the rest waits in a FIFO queue that
//!   [`ChatOutbox::poll`] drains, and a message whose parts would push the queue past
//!   [`OutboxOptions::max_queued`] is refused whole ([`SendError::QueueFull`]);
//! * the same text to the same channel within [`OutboxOptions::duplicate_window`] is refused,
//!   as Twitch silently drops it;
//! * chat commands (`/ban x`, `.timeout x 600`: a part that starts with `/` or `.`, after any
//!   invisible characters) are refused ([`SendError::Command`]) unless
//!   [`OutboxOptions::allow_commands`] (the fragment key `chat_commands`).

use super::is_login;
use crate::util::clock::Instant;
use core::time::Duration;
use std::collections::VecDeque;

/// Limits; [`Default`] follows Twitch's rules for a normal (non-moderator) account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxOptions {
    /// Longest part, in characters (Twitch: 500).
    pub max_chars: usize,
    /// Frames allowed per window (Twitch: 20 per 30 s; 100 for moderators).
    pub per_window: usize,
    /// The sliding rate-limit window.
    pub window: Duration,
    /// Parts that may wait for the window; more are refused.
    pub max_queued: usize,
    /// Identical messages to one channel are refused within this time.
    pub duplicate_window: Duration,
    /// Let commands through (`/ban`, `.timeout`, …); off by default, since a page script or a
    /// template fed with viewer text could otherwise moderate the channel.
    pub allow_commands: bool,
}

impl Default for OutboxOptions {
    fn default() -> Self {
        OutboxOptions {
            max_chars: 500,
            per_window: 20,
            window: Duration::from_secs(30),
            max_queued: 100,
            duplicate_window: Duration::from_secs(30),
            allow_commands: false,
        }
    }
}

/// Why a message was not sent. Nothing was queued in any case.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Nothing left after removing control characters and whitespace: skip it.
    #[error("the message is empty")]
    Empty,
    /// The channel is not a Twitch login: fix the channel name.
    #[error("`{0}` is not a Twitch channel name")]
    BadChannel(String),
    /// The same text went to this channel less than the duplicate window ago: vary it or wait.
    #[error("the same message was sent to this channel moments ago")]
    Duplicate,
    /// The queue is full: too much is being said; drop the message or try much later.
    #[error("too many messages waiting for the rate limit")]
    QueueFull,
    /// A part would start with `/` or `.`, which Twitch runs as a command: rephrase, or add
    /// `chat_commands` to the overlay's URL fragment to allow commands.
    #[error("chat commands (a leading / or .) are refused; add chat_commands to the overlay URL to allow them")]
    Command,
}

/// The send queue. Frames it returns are ready for [`super::ChatConnection::send`].
#[derive(Clone, Debug, Default)]
pub struct ChatOutbox {
    options: OutboxOptions,
    /// When each frame of the current window left.
    sent: VecDeque<Instant>,
    /// Frames waiting for the window.
    queue: VecDeque<String>,
    /// `(channel, text, accepted at)` for duplicate detection.
    recent: Vec<(String, String, Instant)>,
}

impl ChatOutbox {
    /// An empty outbox with these limits.
    pub fn new(options: OutboxOptions) -> Self {
        ChatOutbox {
            options,
            ..ChatOutbox::default()
        }
    }

    /// Parts waiting for the rate limit.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Says `message` in `channel` (with or without `#`, any case). Returns the frames to send
    /// now; parts over the rate limit are queued for [`ChatOutbox::poll`] (so `Ok(vec![])` means
    /// "queued", not "dropped").
    pub fn send(&mut self, channel: &str, message: &str, now: Instant) -> Result<Vec<String>, SendError> {
        let channel = channel.trim().trim_start_matches('#').to_ascii_lowercase();
        if !is_login(&channel) {
            return Err(SendError::BadChannel(channel));
        }
        let text = sanitize(message);
        if text.is_empty() {
            return Err(SendError::Empty);
        }
        let dup_window = self.options.duplicate_window;
        self.recent.retain(|(_, _, at)| now - *at < dup_window);
        if self.recent.iter().any(|(c, t, _)| *c == channel && *t == text) {
            return Err(SendError::Duplicate);
        }
        let parts = split(&text, self.options.max_chars.max(1));
        if !self.options.allow_commands && parts.iter().any(|part| is_command(part)) {
            return Err(SendError::Command);
        }
        // Decide before changing anything, so an error leaves the outbox as it was.
        let free = self.free(now);
        let free_after_queue = free.saturating_sub(self.queue.len());
        let waiting = self.queue.len().saturating_sub(free) + parts.len().saturating_sub(free_after_queue);
        if waiting > self.options.max_queued {
            return Err(SendError::QueueFull);
        }
        self.recent.push((channel.clone(), text, now));
        self.queue.extend(parts.iter().map(|part| frame(&channel, part)));
        Ok(self.poll(now))
    }

    /// Releases queued frames the window now allows.
    pub fn poll(&mut self, now: Instant) -> Vec<String> {
        let count = self.free(now).min(self.queue.len());
        self.sent.extend(core::iter::repeat_n(now, count));
        self.queue.drain(..count).collect()
    }

    /// When [`ChatOutbox::poll`] will release something, if anything is queued.
    pub fn next_deadline(&self) -> Option<Instant> {
        if self.queue.is_empty() {
            return None;
        }
        let full = self.sent.len() >= self.options.per_window;
        Some(match self.sent.front() {
            Some(oldest) if full => *oldest + self.options.window,
            _ => self.sent.back().copied().unwrap_or_default(),
        })
    }

    /// Frees the slots of frames older than the window; returns how many frames may leave now.
    fn free(&mut self, now: Instant) -> usize {
        while self.sent.front().is_some_and(|t| now - *t >= self.options.window) {
            self.sent.pop_front();
        }
        self.options.per_window.saturating_sub(self.sent.len())
    }
}

/// Whether Twitch would run `part` as a command: its first visible character is `/` or `.`
/// (zero-width and other format characters in front do not hide it).
pub fn is_command(part: &str) -> bool {
    let invisible = |c: &char| {
        c.is_whitespace()
            || matches!(*c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{034F}')
    };
    matches!(part.chars().find(|c| !invisible(c)), Some('/' | '.'))
}

fn frame(channel: &str, text: &str) -> String {
    crate::tau::wire::to_string(&super::line::SayFrame {
        irc_channel: channel,
        message: text,
    })
}

/// Removes control characters (whitespace ones become a space, so words stay apart) and trims.
///
/// ```
/// use tau_overlay::tau::chat::outbox::sanitize;
/// assert_eq!(sanitize(" hi\r\nPRIVMSG #x :pwn\u{0}\t"), "hi  PRIVMSG #x :pwn");
/// ```
pub fn sanitize(message: &str) -> String {
    let cleaned: String = message
        .chars()
        .filter_map(|c| match c {
            c if !c.is_control() => Some(c),
            c if c.is_whitespace() => Some(' '),
            _ => None,
        })
        .collect();
    cleaned.trim().to_string()
}

/// Splits trimmed `text` into parts of at most `max` characters, at the last whitespace that
/// fits when there is one (the whitespace is dropped), else exactly at `max`.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while let Some((hard_cut, _)) = rest.char_indices().nth(max) {
        // Whitespace at char index 1..=max (inclusive: cutting before char `max` is fine).
        let soft_cut = rest
            .char_indices()
            .take(max + 1)
            .skip(1)
            .filter(|(_, c)| c.is_whitespace())
            .last()
            .map(|(i, _)| i);
        let cut = soft_cut.unwrap_or(hard_cut);
        parts.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_prefers_whitespace_and_hard_cuts_otherwise() {
        assert_eq!(split("aaa bbb ccc", 7), vec!["aaa bbb", "ccc"]);
        assert_eq!(split("aaaaaaaaaa", 4), vec!["aaaa", "aaaa", "aa"]);
        assert_eq!(split("ab cd", 2), vec!["ab", "cd"]);
        assert_eq!(split("ééé ééé", 3), vec!["ééé", "ééé"]);
        assert_eq!(split("short", 500), vec!["short"]);
    }

    #[test]
    fn a_refused_message_changes_nothing() {
        let mut outbox = ChatOutbox::new(OutboxOptions {
            per_window: 1,
            max_queued: 1,
            ..OutboxOptions::default()
        });
        let t = Instant(0);
        assert_eq!(outbox.send("x", "one", t).unwrap().len(), 1);
        assert_eq!(outbox.send("x", "two", t), Ok(vec![]));
        assert_eq!(outbox.send("x", "three", t), Err(SendError::QueueFull));
        assert_eq!(outbox.queued(), 1);
        // "three" was not recorded as sent, so it is no duplicate later.
        assert_eq!(outbox.poll(Instant(30_000)).len(), 1);
        assert_eq!(outbox.send("x", "three", Instant(30_000)), Ok(vec![]));
    }

    #[test]
    fn chat_say_refuses_chat_commands_unless_the_page_opts_in() {
        let t = Instant(0);
        let mut outbox = ChatOutbox::default();
        for command in [
            "/ban x",
            ".timeout x 600",
            "  /me waves",
            "\u{200B}/ban x",
            "\u{FEFF}.mod x",
        ] {
            assert_eq!(outbox.send("x", command, t), Err(SendError::Command), "{command:?}");
        }
        // A long message whose second part would start with a command is refused whole.
        let sneaky = format!("{} /ban x", "a".repeat(500));
        assert_eq!(outbox.send("x", &sneaky, t), Err(SendError::Command));
        assert_eq!(outbox.queued(), 0);
        assert_eq!(
            outbox.send("x", "gg... /ban is not a command here", t).unwrap().len(),
            1
        );
        assert!(SendError::Command.to_string().contains("chat_commands"));

        let mut allowed = ChatOutbox::new(OutboxOptions {
            allow_commands: true,
            ..OutboxOptions::default()
        });
        assert_eq!(
            allowed.send("x", "/timeout x 600", t).unwrap(),
            vec![frame("x", "/timeout x 600")]
        );
    }
}
