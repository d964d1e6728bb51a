//! Overlay configuration read from the URL fragment (`#token=…&tau=host:port&tls&demo`).
//!
//! The fragment never reaches a server (browsers do not send it), which is why the token lives
//! there. Parsing is pure: the browser shell hands in `location.hash`, gets back the config, the
//! problems to show in preview, and the fragment to put back into the address bar without the token.

use core::fmt;
use core::time::Duration;

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
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
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
    /// TAU's address (`tau=host:port`, default `localhost:8000`).
    pub tau: TauAddr,
    /// Use `wss://` and `https://` (`tls`).
    pub tls: bool,
    /// Run the built-in demo feed instead of connecting (`demo`).
    pub demo: bool,
    /// Show the diagnostics panel even inside OBS (`debug`).
    pub debug: bool,
    /// Chat-bot login whose chat to show (`chat=login`), lower-cased as TAU requires.
    pub chat: Option<String>,
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
}

impl Default for OverlayConfig {
    fn default() -> Self {
        OverlayConfig {
            token: None,
            tau: TauAddr::default(),
            tls: false,
            demo: false,
            debug: false,
            chat: None,
            watchdog: Duration::from_secs(300),
            config_file: None,
            delay: None,
            interrupt: None,
            duration: None,
            offline_summary: Duration::from_secs(600),
            broadcaster: None,
            theme: None,
        }
    }
}

impl OverlayConfig {
    /// `ws://host:port<path>` or `wss://…`.
    pub fn ws_url(&self, path: &str) -> String {
        format!("{}://{}{}", if self.tls { "wss" } else { "ws" }, self.tau, path)
    }

    /// `http://host:port<path>` or `https://…`.
    pub fn http_url(&self, path: &str) -> String {
        format!("{}://{}{}", if self.tls { "https" } else { "http" }, self.tau, path)
    }
}

/// Something wrong in the fragment. The overlay carries on with the default for that key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigProblem {
    /// A key the overlay does not know; probably a typo.
    #[error("unknown setting `{0}` (ignored)")]
    UnknownKey(String),
    /// A known key with a value that cannot be used.
    #[error("setting `{key}` is invalid: {reason}")]
    BadValue {
        /// The key.
        key: String,
        /// What was expected.
        reason: &'static str,
    },
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
    /// The fragment to put back in the address bar: the input minus `token` (with `#`, or empty).
    pub scrubbed: String,
}

/// Reads `location.hash` (with or without the leading `#`).
pub fn parse_fragment(hash: &str) -> ParsedFragment {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    let mut config = OverlayConfig::default();
    let mut problems = Vec::new();
    let mut kept = Vec::new();
    for pair in body.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = match pair.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (pair, None),
        };
        let key = percent_decode(raw_key).unwrap_or_default();
        let value = match raw_value.map(percent_decode) {
            None => None,
            Some(Some(v)) => Some(v),
            Some(None) => {
                problems.push(ConfigProblem::BadValue {
                    key: key.clone(),
                    reason: "bad %-escape",
                });
                if key != "token" {
                    kept.push(pair);
                }
                continue;
            }
        };
        if key != "token" {
            kept.push(pair);
        }
        if let Err(problem) = apply(&mut config, &key, value) {
            problems.push(problem);
        }
    }
    if config.token.is_none() && !config.demo {
        problems.push(ConfigProblem::NoToken);
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
        "tau" => config.tau = TauAddr::parse(value.as_deref().unwrap_or(""))?,
        "tls" => config.tls = flag(value.as_deref()).ok_or(bad("expected tls, tls=1 or tls=0"))?,
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
                .and_then(|v| crate::small::parse_f64(&v))
                .filter(|s| (0.0..=600.0).contains(s));
            let secs = secs.ok_or(bad("expected seconds between 0 and 600"))?;
            config.delay = Some(Duration::from_millis((secs * 1000.0) as u64));
        }
        "duration" => {
            let secs = value
                .and_then(|v| crate::small::parse_f64(&v))
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
        "interrupt" => {
            config.interrupt =
                Some(flag(value.as_deref()).ok_or(bad("expected interrupt, interrupt=1 or interrupt=0"))?)
        }
        other => return Err(ConfigProblem::UnknownKey(other.to_string())),
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

/// Decodes `%XX` escapes and `+`; `None` on a broken escape or invalid UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = core::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_fragment_is_read_and_token_is_scrubbed() {
        let p = parse_fragment("#token=s3cr%2Bet&tau=tau.example:8443&tls&debug=1&chat=TestBot");
        assert_eq!(p.problems, vec![]);
        assert_eq!(p.config.token.as_ref().map(Token::expose), Some("s3cr+et"));
        assert_eq!(
            p.config.tau,
            TauAddr {
                host: "tau.example".into(),
                port: 8443
            }
        );
        assert!(p.config.tls && p.config.debug && !p.config.demo);
        assert_eq!(p.config.chat.as_deref(), Some("testbot"));
        assert_eq!(p.scrubbed, "#tau=tau.example:8443&tls&debug=1&chat=TestBot");
        assert_eq!(
            p.config.ws_url("/ws/twitch-events/"),
            "wss://tau.example:8443/ws/twitch-events/"
        );
        assert_eq!(p.config.http_url("/api/v1/"), "https://tau.example:8443/api/v1/");
    }

    #[test]
    fn demo_alone_needs_no_token_and_defaults_apply() {
        let p = parse_fragment("#demo");
        assert!(p.problems.is_empty());
        assert!(p.config.demo);
        assert_eq!(p.config.tau.to_string(), "localhost:8000");
        assert_eq!(p.config.ws_url("/x/"), "ws://localhost:8000/x/");
        assert_eq!(p.scrubbed, "#demo");
    }

    #[test]
    fn missing_token_is_reported() {
        assert_eq!(parse_fragment("").problems, vec![ConfigProblem::NoToken]);
        assert_eq!(parse_fragment("#token=").problems.len(), 2);
    }

    #[test]
    fn malformed_values_are_problems_not_panics() {
        let p = parse_fragment("#token=a&tau=bad/host&tls=maybe&colour=red&watchdog=0&x=%zz&chat=a%20b");
        assert_eq!(p.problems.len(), 6, "{:?}", p.problems);
        assert!(p.problems.contains(&ConfigProblem::UnknownKey("colour".into())));
        assert_eq!(p.config.tau, TauAddr::default());
        assert!(!p.config.tls);
        assert_eq!(p.config.watchdog, Duration::from_secs(300));
        assert_eq!(
            p.scrubbed,
            "#tau=bad/host&tls=maybe&colour=red&watchdog=0&x=%zz&chat=a%20b"
        );
    }

    #[test]
    fn engine_keys_are_read_and_validated() {
        let p = parse_fragment("#demo&config=themes/alerts.json&delay=2.5&interrupt&duration=1.5");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.config.duration, Some(Duration::from_millis(1500)));
        assert_eq!(p.config.offline_summary, Duration::from_secs(600));
        assert_eq!(
            parse_fragment("#demo&offline_summary=30").config.offline_summary,
            Duration::from_secs(1800)
        );
        assert_eq!(parse_fragment("#demo&offline_summary=soon").problems.len(), 1);
        assert_eq!(
            parse_fragment("#demo&broadcaster=12345").config.broadcaster.as_deref(),
            Some("12345")
        );
        assert_eq!(parse_fragment("#demo&broadcaster=teststreamer").problems.len(), 1);
        assert_eq!(p.config.config_file.as_deref(), Some("themes/alerts.json"));
        assert_eq!(p.config.delay, Some(Duration::from_millis(2500)));
        assert_eq!(p.config.interrupt, Some(true));
        let p = parse_fragment("#demo&config=javascript:alert(1)&delay=-1&interrupt=perhaps&duration=0");
        assert_eq!(p.problems.len(), 4, "{:?}", p.problems);
        assert_eq!(p.config.config_file, None);
        assert_eq!(
            parse_fragment("#demo&config=https://cdn.example/a.json")
                .config
                .config_file
                .as_deref(),
            Some("https://cdn.example/a.json")
        );
    }

    #[test]
    fn tau_address_forms() {
        assert_eq!(TauAddr::parse("host").unwrap().port, 8000);
        assert_eq!(TauAddr::parse("10.0.0.2:80").unwrap().to_string(), "10.0.0.2:80");
        assert_eq!(TauAddr::parse("[::1]:9000").unwrap().to_string(), "[::1]:9000");
        assert_eq!(TauAddr::parse("[::1]").unwrap().port, 8000);
        for bad in ["", ":80", "h:0", "h:99999", "h@evil:1", "h/p", "[::1", "h:x"] {
            assert!(TauAddr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn token_debug_is_redacted() {
        let p = parse_fragment("#token=hunter2");
        let dump = format!("{:?}", p);
        assert!(!dump.contains("hunter2"), "{dump}");
        assert!(!p.scrubbed.contains("hunter2"));
    }
}
