//! [`ChatScreen`]: which chat lines the chat box shows. Pure: lines and bans come in with the
//! clock, and the browser shell sets one timer at [`ChatScreen::next_deadline`].
//!
//! A line starting with `!` (a bot command) is hidden unless `show_commands`; lines of the logins in
//! `hide` (bots such as Nightbot) are hidden; a line waits `delay` before it shows, so moderators
//! can act first; a ban removes the user's lines, shown or still waiting; at most `max` lines show.

use crate::tau::backfill::Delivery;
use crate::tau::chat::ChatLine;
use crate::tau::protocol::TauEvent;
use crate::util::clock::Instant;
use std::collections::VecDeque;
use std::time::Duration;

/// Lines shown by default (`chat_max`).
pub const DEFAULT_MAX_LINES: usize = 30;

/// What the chat box shows (from the `chat_*` settings).
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenOptions {
    /// Show lines starting with `!` (`chat_show_commands`).
    pub show_commands: bool,
    /// Lower-case logins whose lines are hidden (`chat_hide=nightbot,streamelements`).
    pub hide: Vec<String>,
    /// Lines on screen at most (`chat_max`, 1 to 100).
    pub max: usize,
    /// How long a line waits before it shows (`chat_delay`).
    pub delay: Duration,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            show_commands: false,
            hide: Vec::new(),
            max: DEFAULT_MAX_LINES,
            delay: Duration::ZERO,
        }
    }
}

impl ScreenOptions {
    /// Whether `line` is never shown: a `!command` (unless shown) or from a hidden login.
    ///
    /// ```
    /// use tau_overlay::tau::chat::{screen::ScreenOptions, ChatLine};
    /// let opts = ScreenOptions { hide: vec!["nightbot".into()], ..Default::default() };
    /// let line = |login: &str, text: &str| ChatLine { login: login.into(), text: text.into(), ..Default::default() };
    /// assert!(opts.hides(&line("viewer", "!uptime")));
    /// assert!(opts.hides(&line("NightBot", "hello")));
    /// assert!(!opts.hides(&line("viewer", "hello !uptime")));
    /// ```
    pub fn hides(&self, line: &ChatLine) -> bool {
        let command = !self.show_commands && line.text.trim_start().starts_with('!');
        command || self.hide.iter().any(|h| h.eq_ignore_ascii_case(&line.login))
    }
}

/// A line with a key unique within the screen (for keyed lists).
#[derive(Clone, Debug, PartialEq)]
pub struct ShownLine {
    /// Stable key.
    pub key: u64,
    /// The line.
    pub line: ChatLine,
}

/// The lines on screen and those waiting out the delay.
#[derive(Debug, Default)]
pub struct ChatScreen {
    options: ScreenOptions,
    waiting: VecDeque<(Instant, ShownLine)>,
    shown: VecDeque<ShownLine>,
    next_key: u64,
}

impl ChatScreen {
    /// An empty screen.
    pub fn new(options: ScreenOptions) -> Self {
        ChatScreen {
            options: ScreenOptions {
                max: options.max.max(1),
                ..options
            },
            ..Default::default()
        }
    }

    /// A line arrived at `now`; returns whether the shown lines changed (no delay).
    pub fn push(&mut self, line: ChatLine, now: Instant) -> bool {
        if self.options.hides(&line) {
            return false;
        }
        let line = ShownLine {
            key: self.next_key,
            line,
        };
        self.next_key += 1;
        self.waiting.push_back((now + self.options.delay, line));
        self.poll(now)
    }

    /// Moves the lines whose delay is over to the screen; returns whether the shown lines changed.
    pub fn poll(&mut self, now: Instant) -> bool {
        let mut changed = false;
        while self.waiting.front().is_some_and(|(due, _)| *due <= now) {
            let (_, line) = self.waiting.pop_front().expect("front checked");
            self.shown.push_back(line);
            changed = true;
        }
        while self.shown.len() > self.options.max {
            self.shown.pop_front();
        }
        changed
    }

    /// The user `login` was banned (or timed out): their lines go, shown or waiting. Returns
    /// whether the shown lines changed.
    pub fn ban(&mut self, login: &str) -> bool {
        let other = |l: &ShownLine| !l.line.login.eq_ignore_ascii_case(login);
        self.waiting.retain(|(_, l)| other(l));
        let before = self.shown.len();
        self.shown.retain(other);
        before != self.shown.len()
    }

    /// When the next waiting line is due (`None`: nothing waits, no timer needed).
    pub fn next_deadline(&self) -> Option<Instant> {
        self.waiting.front().map(|(due, _)| *due)
    }

    /// The shown lines, oldest first.
    pub fn shown(&self) -> impl Iterator<Item = &ShownLine> {
        self.shown.iter()
    }

    /// Lines waiting out the delay.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }
}

/// The login of the user a delivered `channel-ban` event (a ban or a timeout) banned: feed it to
/// [`ChatScreen::ban`].
pub fn banned_login(delivery: &Delivery) -> Option<&str> {
    match delivery {
        Delivery::Alert(e) => match &e.event {
            TauEvent::Ban(ban) => Some(&ban.user_login),
            _ => None,
        },
        Delivery::Summary(_) => None,
    }
}
