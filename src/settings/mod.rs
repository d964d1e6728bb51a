//! The overlay's settings: the URL fragment (`#token=…&tau=host:port&tls&demo`) read into an
//! [`OverlayConfig`], and the one [`TauOrigin`] the token may go to. The alert config file's
//! types live with the engine they configure ([`crate::engine::EngineConfig`]).
//!
//! The fragment never reaches a server (browsers do not send it), which is why the token lives
//! there. Parsing is pure: the browser shell hands in `location.hash`, gets back the config, the
//! problems to show in preview, and the fragment to put back into the address bar without the token.

use crate::engine::{Lang, Layout};
use core::fmt;
use core::time::Duration;
pub use origin::{LinkRefused, TauOrigin};
pub use widgets::Widget;

mod fragment;
pub mod origin;
mod widgets;

/// The TAU secret. Its `Debug` output is redacted and it has no `Display`, so it cannot be
/// logged or formatted into the page by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a token string.
    pub fn new(token: impl Into<String>) -> Self {
        Token(token.into())
    }

    /// The secret itself, for the one place that needs it: the auth frame and REST header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Where TAU listens, as `host[:port]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TauAddr {
    /// Host name, IPv4 address or bracketed IPv6 address.
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl Default for TauAddr {
    fn default() -> Self {
        TauAddr {
            host: "localhost".into(),
            port: 8000,
        }
    }
}

impl TauAddr {
    /// Parses `host[:port]`; the port defaults to 8000.
    pub fn parse(text: &str) -> Result<TauAddr, ConfigProblem> {
        let bad = || ConfigProblem::BadValue {
            key: "tau".into(),
            reason: "expected host[:port], e.g. localhost:8000",
        };
        if text.is_empty() {
            return Err(bad());
        }
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (inside, after) = rest.split_once(']').ok_or_else(bad)?;
            let host = format!("[{inside}]");
            match after {
                "" => (host, None),
                p => (host, Some(p.strip_prefix(':').ok_or_else(bad)?)),
            }
        } else {
            match text.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (text.to_string(), None),
            }
        };
        let host_ok = if let Some(inside) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            !inside.is_empty() && inside.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
        } else {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        };
        if !host_ok {
            return Err(bad());
        }
        let port = match port {
            None => 8000,
            Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0).ok_or_else(bad)?,
        };
        Ok(TauAddr { host, port })
    }
}

impl fmt::Display for TauAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.host, self.port)
    }
}

/// Everything the overlay reads from its URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlayConfig {
    /// The TAU token (`token=`), absent in demo mode.
    pub token: Option<Token>,
    /// TAU's address (`tau=host:port`, default `localhost:8000`). `None` when `tau` or `tls`
    /// was malformed: the overlay then connects nowhere, since guessing would send the token
    /// somewhere the streamer did not name.
    pub tau: Option<TauAddr>,
    /// Use `wss://` and `https://` (`tls`).
    pub tls: bool,
    /// Run the built-in demo feed instead of connecting (`demo`).
    pub demo: bool,
    /// Show the diagnostics panel even inside OBS (`debug`).
    pub debug: bool,
    /// Chat-bot login whose chat to show (`chat=login`), lower-cased as TAU requires.
    pub chat: Option<String>,
    /// Let `chat_say` send chat commands (`/ban`, `.timeout`, …: a leading `/` or `.`);
    /// refused unless the page opts in (`chat_commands`).
    pub chat_commands: bool,
    /// Show chat lines starting with `!` (bot commands), hidden by default (`chat_show_commands`).
    pub chat_show_commands: bool,
    /// Lower-case logins whose chat lines are hidden (`chat_hide=nightbot,streamelements`).
    pub chat_hide: Vec<String>,
    /// Chat lines on screen at most (`chat_max=N`, 1 to 100, default 30).
    pub chat_max: usize,
    /// How long a chat line waits before it shows, so moderators can act first
    /// (`chat_delay=seconds`, 0 to 30, default 0).
    pub chat_delay: Duration,
    /// Reconnect when no frame arrived for this long (`watchdog=seconds`, default 300).
    pub watchdog: Duration,
    /// Alert engine config file (`config=alerts.json`): a path on the overlay's own server, or an
    /// `http(s)://` URL. See the README for its format.
    pub config_file: Option<String>,
    /// Global alert delay to match a stream delay (`delay=seconds`); overrides the config file.
    pub delay: Option<Duration>,
    /// A higher-priority alert cuts the current one short (`interrupt`); overrides the config file.
    pub interrupt: Option<bool>,
    /// Time on screen for every alert class (`duration=seconds`); overrides the config file.
    pub duration: Option<Duration>,
    /// The streamer's Twitch user id (`broadcaster=12345`): events about other channels, such
    /// as the streamer's own outgoing raids, make no alert.
    pub broadcaster: Option<String>,
    /// Backfilled events older than this become one "While offline: …" alert
    /// (`offline_summary=minutes`, default 10).
    pub offline_summary: Duration,
    /// Built-in or user theme (`theme=name`): the overlay loads `themes/<name>.css` over the
    /// default theme. Lowercase letters, digits and `-` only.
    pub theme: Option<String>,
    /// Language of the built-in alert texts (`lang=de`, `xx` or `xx-YY`: en, de, es, fr,
    /// pt-BR); over the config file's `lang` and the browser's language.
    pub lang: Option<Lang>,
    /// The widgets the page shows (`widgets=alerts,events`); `None` for the default, see
    /// [`OverlayConfig::widgets`].
    pub widgets: Option<Vec<Widget>>,
    /// How many events the event list shows (`events_max=N`, 1 to 50, default 8).
    pub events_max: usize,
    /// Image above, beside or as a banner (`layout=above|beside|banner`), over the theme's
    /// layout and the config file's `layout`.
    pub layout: Option<Layout>,
}

impl Default for OverlayConfig {
    fn default() -> Self {
        OverlayConfig {
            token: None,
            tau: Some(TauAddr::default()),
            tls: false,
            demo: false,
            debug: false,
            chat: None,
            chat_commands: false,
            chat_show_commands: false,
            chat_hide: Vec::new(),
            chat_max: crate::tau::chat::screen::DEFAULT_MAX_LINES,
            chat_delay: Duration::ZERO,
            watchdog: Duration::from_secs(300),
            config_file: None,
            delay: None,
            interrupt: None,
            duration: None,
            offline_summary: Duration::from_secs(600),
            broadcaster: None,
            theme: None,
            lang: None,
            widgets: None,
            events_max: crate::session::DEFAULT_EVENTS,
            layout: None,
        }
    }
}

impl OverlayConfig {
    /// What the chat box shows, from the `chat_*` keys.
    pub fn chat_screen(&self) -> crate::tau::chat::screen::ScreenOptions {
        crate::tau::chat::screen::ScreenOptions {
            show_commands: self.chat_show_commands,
            hide: self.chat_hide.clone(),
            max: self.chat_max,
            delay: self.chat_delay,
        }
    }

    /// Where the token may go: TAU's scheme, host and port, or `None` (connect nowhere) when the
    /// fragment's `tau` or `tls` was malformed.
    pub fn origin(&self) -> Option<TauOrigin> {
        self.tau.as_ref().map(|addr| TauOrigin::new(addr, self.tls))
    }

    /// The widgets to show, in layout order: those of `widgets=`, else what the page showed
    /// before the key existed: the alert box, and the chat box when `chat=` is given.
    ///
    /// ```
    /// use tau_overlay::settings::{parse_fragment, Widget};
    /// let widgets = |f| parse_fragment(f).config.widgets();
    /// assert_eq!(widgets("#demo"), [Widget::Alerts]);
    /// assert_eq!(widgets("#demo&chat=bot"), [Widget::Alerts, Widget::Chat]);
    /// assert_eq!(widgets("#demo&widgets=labels,events"), [Widget::Events, Widget::Labels]);
    /// ```
    pub fn widgets(&self) -> Vec<Widget> {
        match &self.widgets {
            Some(chosen) => Widget::ALL.into_iter().filter(|w| chosen.contains(w)).collect(),
            None if self.chat.is_some() => vec![Widget::Alerts, Widget::Chat],
            None => vec![Widget::Alerts],
        }
    }

    /// Whether the page shows `widget`.
    pub fn shows(&self, widget: Widget) -> bool {
        self.widgets().contains(&widget)
    }
}

/// Something wrong in the fragment. The overlay carries on with the default for that key, except
/// for [`ConfigProblem::ConnectNowhere`]. No problem ever holds a value from the fragment, and
/// keys that look like a secret are not shown either.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigProblem {
    /// A key the overlay does not know; probably a typo. Long keys are cut short.
    #[error("unknown setting `{0}` (ignored)")]
    UnknownKey(String),
    /// An unknown key that looks like a token (it mentions `token`, or is long and random): not
    /// shown, and removed from the address bar.
    #[error("a setting that looks like a token was not understood (not shown; write it as token=YOUR_TAU_TOKEN)")]
    SecretLikeKey,
    /// A known key with a value that cannot be used.
    #[error("setting `{key}` is invalid: {reason}")]
    BadValue {
        /// The key.
        key: String,
        /// What was expected.
        reason: &'static str,
    },
    /// `tau` or `tls` (which say where the token goes) is malformed: the overlay connects nowhere
    /// rather than guess. Fix the setting.
    #[error("setting `{key}` is invalid ({reason}): not connecting anywhere until it is fixed")]
    ConnectNowhere {
        /// `tau` or `tls`.
        key: &'static str,
        /// What was expected.
        reason: &'static str,
    },
    /// A `widgets=` name the overlay does not know (cut short; not shown when it looks like a
    /// secret): fix the spelling (`alerts`, `chat`, `events`, `labels`, `goal`, `hype`, `poll`,
    /// `prediction`).
    #[error("unknown widget `{0}` in `widgets` (ignored)")]
    UnknownWidget(String),
    /// Neither a token nor demo mode: nothing to show.
    #[error("no token: open the overlay as …/#token=YOUR_TAU_TOKEN&tau=host:port, or …/#demo")]
    NoToken,
}

/// The result of reading a fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedFragment {
    /// The configuration, with defaults where keys were missing or bad.
    pub config: OverlayConfig,
    /// Problems to show in preview.
    pub problems: Vec<ConfigProblem>,
    /// The fragment to put back in the address bar (with `#`, or empty): the input minus the
    /// token in every spelling (`token=`, `TOKEN=`, `%74oken=`, `token%3D…`) and minus anything
    /// else that looks like a secret.
    pub scrubbed: String,
}

/// Reads `location.hash` (with or without the leading `#`).
///
/// Pairs are split at `&` and `=` and %-decoded as `URLSearchParams` does (`+` is a space, a
/// broken escape stays as it is). A pair with no `=` that decodes to `key=value` pairs (a
/// fragment that was %-encoded as a whole, `token%3D…%26tau%3D…`) is read as those pairs. The key
/// `token` is matched ASCII case-insensitively and ignoring surrounding spaces.
pub fn parse_fragment(hash: &str) -> ParsedFragment {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut config = OverlayConfig::default();
    let mut problems = Vec::new();
    let mut kept = Vec::new();
    let mut nowhere = false;
    for pair in fragment::pairs(body) {
        let key = if fragment::is_token_key(&pair.key) {
            "token"
        } else if !KEYS.contains(&pair.key.as_str()) && fragment::is_secret_like(&pair.key) {
            problems.push(ConfigProblem::SecretLikeKey);
            continue;
        } else {
            pair.key.as_str()
        };
        if key != "token" {
            kept.push(pair.raw.clone());
        }
        if key == "widgets" {
            let chosen = widgets::parse(pair.value.as_deref().unwrap_or_default(), &mut problems);
            config.widgets = chosen.or(config.widgets.take());
            continue;
        }
        match apply(&mut config, key, pair.value) {
            Ok(()) => {}
            Err(problem @ ConfigProblem::ConnectNowhere { .. }) => {
                nowhere = true;
                problems.push(problem);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if nowhere {
        config.tau = None;
    }
    if config.token.is_none() && !config.demo {
        problems.push(ConfigProblem::NoToken);
    }
    // The token may also have been pasted as another key's value: it never stays on screen
    // (checked for tokens long enough not to match ordinary settings; TAU's have 40 characters).
    if let Some(token) = config.token.as_ref().filter(|t| t.expose().len() >= 8) {
        kept.retain(|raw| !fragment::mentions(raw, token.expose()));
    }
    let scrubbed = if kept.is_empty() {
        String::new()
    } else {
        format!("#{}", kept.join("&"))
    };
    ParsedFragment {
        config,
        problems,
        scrubbed,
    }
}

/// Every key [`parse_fragment`] knows.
const KEYS: [&str; 23] = [
    "lang",
    "widgets",
    "events_max",
    "layout",
    "theme",
    "token",
    "tau",
    "tls",
    "demo",
    "debug",
    "chat",
    "chat_commands",
    "chat_show_commands",
    "chat_hide",
    "chat_max",
    "chat_delay",
    "watchdog",
    "config",
    "delay",
    "duration",
    "broadcaster",
    "offline_summary",
    "interrupt",
];

fn apply(config: &mut OverlayConfig, key: &str, value: Option<String>) -> Result<(), ConfigProblem> {
    let bad = |reason| ConfigProblem::BadValue {
        key: key.to_string(),
        reason,
    };
    match key {
        "token" => {
            let v = value.filter(|v| !v.is_empty()).ok_or(bad("empty token"))?;
            config.token = Some(Token(v));
        }
        "tau" => {
            config.tau =
                Some(
                    TauAddr::parse(value.as_deref().unwrap_or("")).map_err(|_| ConfigProblem::ConnectNowhere {
                        key: "tau",
                        reason: "expected host[:port], e.g. localhost:8000",
                    })?,
                )
        }
        "tls" => {
            config.tls = flag(value.as_deref()).ok_or(ConfigProblem::ConnectNowhere {
                key: "tls",
                reason: "expected tls, tls=1 or tls=0",
            })?
        }
        "chat_commands" => {
            config.chat_commands =
                flag(value.as_deref()).ok_or(bad("expected chat_commands, chat_commands=1 or chat_commands=0"))?
        }
        "chat_show_commands" => {
            config.chat_show_commands = flag(value.as_deref()).ok_or(bad(
                "expected chat_show_commands, chat_show_commands=1 or chat_show_commands=0",
            ))?
        }
        "chat_hide" => {
            let logins: Vec<String> = value
                .unwrap_or_default()
                .split(',')
                .map(|l| l.trim().to_ascii_lowercase())
                .filter(|l| !l.is_empty())
                .collect();
            if logins.is_empty() || !logins.iter().all(|l| crate::tau::chat::is_login(l)) {
                return Err(bad(
                    "expected Twitch logins separated by commas, e.g. nightbot,streamelements",
                ));
            }
            config.chat_hide = logins;
        }
        "chat_max" => {
            let n = value
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|n| (1..=100).contains(n));
            config.chat_max = n.ok_or(bad("expected a number of chat lines between 1 and 100"))?;
        }
        "chat_delay" => {
            let secs = value
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|s| (0.0..=30.0).contains(s));
            let secs = secs.ok_or(bad("expected seconds between 0 and 30"))?;
            config.chat_delay = Duration::from_millis((secs * 1000.0) as u64);
        }
        "demo" => config.demo = flag(value.as_deref()).ok_or(bad("expected demo, demo=1 or demo=0"))?,
        "debug" => config.debug = flag(value.as_deref()).ok_or(bad("expected debug, debug=1 or debug=0"))?,
        "chat" => {
            let login = value.unwrap_or_default().to_ascii_lowercase();
            let ok =
                !login.is_empty() && login.len() <= 25 && login.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok || login == "status" {
                return Err(bad("expected a Twitch login (letters, digits, _)"));
            }
            config.chat = Some(login);
        }
        "watchdog" => {
            let secs = value
                .and_then(|v| v.parse::<u64>().ok())
                .filter(|s| (1..=3600).contains(s));
            config.watchdog = Duration::from_secs(secs.ok_or(bad("expected seconds between 1 and 3600"))?);
        }
        "config" => {
            let file = value.unwrap_or_default();
            let relative = !file.is_empty() && !file.contains(':') && !file.starts_with("//");
            let absolute = file.starts_with("https://") || file.starts_with("http://");
            if !(relative || absolute) || file.chars().any(|c| c.is_whitespace() || c == '\\') {
                return Err(bad("expected a file name like alerts.json or an http(s):// URL"));
            }
            config.config_file = Some(file);
        }
        "delay" => {
            let secs = value
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|s| (0.0..=600.0).contains(s));
            let secs = secs.ok_or(bad("expected seconds between 0 and 600"))?;
            config.delay = Some(Duration::from_millis((secs * 1000.0) as u64));
        }
        "duration" => {
            let secs = value
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|s| (0.1..=60.0).contains(s));
            let secs = secs.ok_or(bad("expected seconds between 0.1 and 60"))?;
            config.duration = Some(Duration::from_millis((secs * 1000.0) as u64));
        }
        "broadcaster" => {
            let id = value.unwrap_or_default();
            if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("expected the streamer's numeric Twitch user id"));
            }
            config.broadcaster = Some(id);
        }
        "offline_summary" => {
            let mins = value.and_then(|v| v.parse::<u64>().ok()).filter(|m| *m <= 10_080);
            config.offline_summary = Duration::from_secs(60 * mins.ok_or(bad("expected minutes between 0 and 10080"))?);
        }
        "theme" => {
            let name = value.unwrap_or_default();
            let ok = !name.is_empty()
                && name.len() <= 40
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                return Err(bad("expected a theme name like neon (a-z, 0-9, -)"));
            }
            config.theme = Some(name);
        }
        "lang" => {
            let lang = value.as_deref().and_then(Lang::from_tag);
            config.lang = Some(lang.ok_or(bad("expected a language: en, de, es, fr or pt-BR"))?);
        }
        "events_max" => {
            let n = value
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|n| (1..=50).contains(n));
            config.events_max = n.ok_or(bad("expected a number of events between 1 and 50"))?;
        }
        "layout" => {
            let layout = value.as_deref().and_then(Layout::from_name);
            config.layout = Some(layout.ok_or(bad("expected above, beside or banner"))?);
        }
        "interrupt" => {
            config.interrupt =
                Some(flag(value.as_deref()).ok_or(bad("expected interrupt, interrupt=1 or interrupt=0"))?)
        }
        other => return Err(ConfigProblem::UnknownKey(fragment::shown_key(other))),
    }
    Ok(())
}

fn flag(value: Option<&str>) -> Option<bool> {
    match value {
        None | Some("") | Some("1") | Some("true") | Some("yes") | Some("on") => Some(true),
        Some("0") | Some("false") | Some("no") | Some("off") => Some(false),
        Some(_) => None,
    }
}
