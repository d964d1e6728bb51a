//! TAU's REST API as pure helpers (PROTOCOL.md §7): the auth header, the token check, and the
//! Helix passthrough for profile pictures and cheermotes, with a bounded profile cache.
//!
//! The browser shell performs the `fetch` (mode `cors`, no credentials, `Accept: application/json`)
//! and hands status and body to these functions. Image URLs from any answer pass
//! [`safe_image_url`] before they can reach an `<img src>`.

use crate::settings::Token;
use crate::tau::wire;
use serde::Deserialize;
use serde_json::Value;
use std::collections::VecDeque;

/// The cheapest authenticated GET, used to check a token: `200` or `401 {"detail": …}`.
pub const TOKEN_CHECK_PATH: &str = "/api/v1/twitch-events/";

/// Send with every request: without it TAU may answer with its HTML browsable API (§7.1).
pub const ACCEPT_JSON: (&str, &str) = ("Accept", "application/json");

/// Most logins Helix accepts in one `users` request.
pub const HELIX_USERS_MAX: usize = 100;

/// The `Authorization: Token <token>` header pair.
///
/// The value is the secret itself: **never log it**, never show it, never put it in a URL.
pub fn auth_header(token: &Token) -> (String, String) {
    ("Authorization".into(), format!("Token {}", token.expose()))
}

/// What the REST token check said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TokenStatus {
    /// Not checked yet.
    #[default]
    Unknown,
    /// TAU accepted the token.
    Ok,
    /// TAU answered `401 {"detail": …}`: the token is wrong (or was rotated).
    Rejected,
    /// No answer: TAU down, wrong host or port, mixed content, or CORS blocked.
    Unreachable,
    /// An answer that is not TAU's JSON (a 5xx, an HTML page, another service on the port).
    ServerError(u16),
}

impl TokenStatus {
    /// Short human label for the diagnostics panel.
    pub fn label(self) -> String {
        match self {
            TokenStatus::Unknown => "token not checked yet".into(),
            TokenStatus::Ok => "token OK".into(),
            TokenStatus::Rejected => "token rejected".into(),
            TokenStatus::Unreachable => "TAU unreachable".into(),
            TokenStatus::ServerError(status) => format!("unexpected answer from TAU (HTTP {status})"),
        }
    }
}

/// Classifies the answer to `GET` [`TOKEN_CHECK_PATH`]; `status` is `None` for a network error.
pub fn classify_token_check(status: Option<u16>, body: &str) -> TokenStatus {
    let Some(status) = status else {
        return TokenStatus::Unreachable;
    };
    let json = wire::parse(body).ok();
    match (status, json) {
        (200..=299, Some(_)) => TokenStatus::Ok,
        (401, Some(body)) if body.get("detail").is_some() => TokenStatus::Rejected,
        (status, _) => TokenStatus::ServerError(status),
    }
}

/// `/api/twitch/helix/users?login=a&login=b` (lower-cased, percent-encoded, no trailing slash,
/// since TAU forwards it and Twitch would 404). Pass at most [`HELIX_USERS_MAX`] logins.
pub fn helix_users_path(logins: &[&str]) -> String {
    let query: Vec<String> = logins
        .iter()
        .map(|l| format!("login={}", percent_encode(&l.to_ascii_lowercase())))
        .collect();
    format!("/api/twitch/helix/users?{}", query.join("&"))
}

/// `/api/twitch/helix/bits/cheermotes?broadcaster_id=…`.
pub fn helix_cheermotes_path(broadcaster_id: &str) -> String {
    format!(
        "/api/twitch/helix/bits/cheermotes?broadcaster_id={}",
        percent_encode(broadcaster_id)
    )
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url` if it may go into an `<img src>`: `https://…`, or `http://` on 127.0.0.1 / localhost
/// (the fake TAU in tests). Anything else (`javascript:`, `data:`, plain `http`) is refused.
pub fn safe_image_url(url: &str) -> Option<String> {
    let local = [
        "http://127.0.0.1:",
        "http://127.0.0.1/",
        "http://localhost:",
        "http://localhost/",
    ];
    // No `@` on local URLs: `http://127.0.0.1:80@evil.example/` has host `evil.example`.
    let is_local = local.iter().any(|p| url.starts_with(p)) && !url.contains('@');
    let ok = (url.starts_with("https://") && url.len() > 8 || is_local)
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    ok.then(|| url.to_string())
}

/// A Twitch user from Helix `users`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelixUser {
    /// Twitch user id.
    pub id: String,
    /// Login, lower-case.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Profile picture, only if [`safe_image_url`] accepts it.
    pub profile_image_url: Option<String>,
}

fn str_field(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// A Helix answer, `{"data": [...]}`; each item is decoded on its own, so one odd entry only
/// costs itself.
#[derive(Deserialize)]
struct HelixData {
    #[serde(default)]
    data: Vec<Value>,
}

impl HelixData {
    /// The items of `body` that decode as `T`; none when `body` is no Helix answer.
    fn items<T: serde::de::DeserializeOwned>(body: &Value) -> Vec<T> {
        let data = HelixData::deserialize(body).map(|d| d.data).unwrap_or_default();
        data.iter().filter_map(|item| T::deserialize(item).ok()).collect()
    }
}

/// One entry of Helix `users`, as sent.
#[derive(Deserialize)]
struct WireUser {
    #[serde(default)]
    id: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    profile_image_url: Option<String>,
}

/// The users in a Helix `users` answer (`{"data": [...]}`); entries without a login are skipped.
pub fn parse_helix_users(body: &Value) -> Vec<HelixUser> {
    HelixData::items::<WireUser>(body)
        .into_iter()
        .map(|u| HelixUser {
            id: u.id,
            login: u.login.to_ascii_lowercase(),
            display_name: u.display_name,
            profile_image_url: u.profile_image_url.as_deref().and_then(safe_image_url),
        })
        .filter(|u| !u.login.is_empty())
        .collect()
}

/// Why a Helix passthrough call failed; each variant says who refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HelixError {
    /// TAU refused our token (`{"detail": …}`): treat like a rejected token.
    #[error("TAU refused the token: {0}")]
    TauRejected(String),
    /// Twitch refused TAU's upstream call (`{"error", "status", "message"}`), e.g. an expired
    /// broadcaster token or a missing scope: degrade (no images) and tell the streamer.
    #[error("Twitch said {status} {error}: {message}")]
    Twitch {
        /// Twitch's status code.
        status: u16,
        /// Twitch's error name, e.g. `Unauthorized`.
        error: String,
        /// Twitch's explanation.
        message: String,
    },
    /// Any other failure (HTML 500, unexpected body): degrade.
    #[error("unexpected answer (HTTP {0})")]
    Unexpected(u16),
}

/// `None` for a 2xx answer, otherwise who refused. Pass `Value::Null` for a non-JSON body.
pub fn classify_helix_error(status: u16, body: &Value) -> Option<HelixError> {
    if (200..=299).contains(&status) {
        return None;
    }
    Some(if let Some(detail) = body.get("detail") {
        HelixError::TauRejected(detail.as_str().map_or_else(|| wire::to_string(detail), str::to_string))
    } else if body.get("error").is_some() {
        let code = body
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok());
        HelixError::Twitch {
            status: code.unwrap_or(status),
            error: str_field(body, "error"),
            message: str_field(body, "message"),
        }
    } else {
        HelixError::Unexpected(status)
    })
}

/// What the profile cache knows about a login.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheEntry {
    /// Known: the picture, or `None` (no picture, unknown user, or the lookup failed).
    Hit(Option<String>),
    /// Never asked: request it and call [`ProfileCache::mark_pending`].
    Miss,
    /// A request is under way.
    Pending,
}

/// Profile pictures by login for the page's lifetime; at most `capacity` logins, oldest first out.
#[derive(Clone, Debug)]
pub struct ProfileCache {
    capacity: usize,
    /// `(login, None = pending | Some(url or none))`, oldest first.
    entries: VecDeque<(String, Option<Option<String>>)>,
}

impl Default for ProfileCache {
    fn default() -> Self {
        ProfileCache::new(500)
    }
}

impl ProfileCache {
    /// An empty cache holding at most `capacity` logins (at least 1).
    pub fn new(capacity: usize) -> Self {
        ProfileCache {
            capacity: capacity.max(1),
            entries: VecDeque::new(),
        }
    }

    /// Logins held (pending included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What is known about `login` (any case).
    pub fn get(&self, login: &str) -> CacheEntry {
        let login = login.to_ascii_lowercase();
        match self.entries.iter().find(|(l, _)| *l == login) {
            None => CacheEntry::Miss,
            Some((_, None)) => CacheEntry::Pending,
            Some((_, Some(url))) => CacheEntry::Hit(url.clone()),
        }
    }

    /// Records that `login` is being requested.
    pub fn mark_pending(&mut self, login: &str) {
        self.set(login, None);
    }

    /// Stores a Helix answer to a request for `requested`: returned users get their picture, and
    /// requested logins Helix did not return (renamed, banned, unknown) get none.
    pub fn fill(&mut self, requested: &[&str], users: &[HelixUser]) {
        for user in users {
            self.set(&user.login, Some(user.profile_image_url.clone()));
        }
        for login in requested {
            if !users.iter().any(|u| u.login.eq_ignore_ascii_case(login)) {
                self.set(login, Some(None));
            }
        }
    }

    /// The request for `logins` failed: show no picture for them for the rest of the session.
    pub fn fail(&mut self, logins: &[&str]) {
        for login in logins {
            self.set(login, Some(None));
        }
    }

    fn set(&mut self, login: &str, value: Option<Option<String>>) {
        let login = login.to_ascii_lowercase();
        if let Some(entry) = self.entries.iter_mut().find(|(l, _)| *l == login) {
            entry.1 = value;
            return;
        }
        if self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back((login, value));
    }
}

/// A cheer emote family (`Cheer`, `BibleThump`, …) with its tiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cheermote {
    /// The word before the amount, e.g. `Cheer` in `Cheer100`.
    pub prefix: String,
    /// `(min_bits, image_url)`, ascending by `min_bits`, only tiers with a safe image.
    pub tiers: Vec<(u64, String)>,
}

impl Cheermote {
    /// The image of the highest tier whose `min_bits` is at most `bits`.
    pub fn image_for(&self, bits: u64) -> Option<&str> {
        self.tiers
            .iter()
            .rev()
            .find(|(min, _)| *min <= bits)
            .map(|(_, url)| url.as_str())
    }
}

/// One entry of Helix `bits/cheermotes`, as sent.
#[derive(Deserialize)]
struct WireCheermote {
    #[serde(default)]
    prefix: String,
    /// Anything but an array (`null` included) is no tiers.
    #[serde(default)]
    tiers: Value,
}

/// One tier of a cheermote: `images.{dark,light}.{animated,static}."1"` are URLs.
#[derive(Deserialize)]
struct WireTier {
    min_bits: u64,
    images: Value,
}

/// The cheermotes in a Helix `bits/cheermotes` answer, each tier's image picked as the first
/// safe one of dark/animated, dark/static, light/animated, light/static at scale `1`.
pub fn parse_cheermotes(body: &Value) -> Vec<Cheermote> {
    HelixData::items::<WireCheermote>(body)
        .into_iter()
        .filter(|c| !c.prefix.is_empty())
        .map(|c| {
            let mut tiers: Vec<(u64, String)> = c
                .tiers
                .as_array()
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter_map(|t| WireTier::deserialize(t).ok())
                .filter_map(|t| {
                    let url = [
                        ("dark", "animated"),
                        ("dark", "static"),
                        ("light", "animated"),
                        ("light", "static"),
                    ]
                    .iter()
                    .find_map(|(theme, kind)| {
                        let url = t.images.get(theme)?.get(kind)?.get("1")?.as_str()?;
                        safe_image_url(url)
                    })?;
                    Some((t.min_bits, url))
                })
                .collect();
            crate::util::order::sort_by_u64_key(&mut tiers, |(min, _)| *min);
            Cheermote {
                prefix: c.prefix,
                tiers,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_unreserved_only() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("a&b=c d/é"), "a%26b%3Dc%20d%2F%C3%A9");
    }

    #[test]
    fn image_urls_are_whitelisted() {
        assert!(safe_image_url("https://static-cdn.jtvnw.net/a.png").is_some());
        assert!(safe_image_url("http://127.0.0.1:8123/a.png").is_some());
        assert!(safe_image_url("http://localhost/a.png").is_some());
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "http://evil.example/a.png",
            "http://localhost.evil.example/a.png",
            "https://",
            "https://x/a b.png",
            "//evil.example/a.png",
            "http://127.0.0.1:80@evil.example/a.png",
        ] {
            assert_eq!(safe_image_url(bad), None, "{bad}");
        }
    }
}
