//! TAU's origin (scheme, host, port): the only place the token may go.
//!
//! Every request that carries the token — the socket's `{"token": …}`, the REST token check, the
//! backfill's pages, the Helix passthrough — is built from a [`TauOrigin`] or checked with
//! [`TauOrigin::owns`] first. A `next` link from TAU's REST API is followed only when
//! [`TauOrigin::resolve`] says it is on TAU's own origin; anything else is refused, because TAU
//! builds `next` from the request's `Host` header and a proxy (or an attacker on a plain-http
//! path) can make it point anywhere.

use crate::settings::TauAddr;

/// Scheme, host and port of the TAU server the streamer named in the fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TauOrigin {
    tls: bool,
    /// Lower-case host, IPv6 in brackets.
    host: String,
    port: u16,
}

impl Default for TauOrigin {
    /// `http://localhost:8000`, TAU's default.
    fn default() -> Self {
        TauOrigin::new(&TauAddr::default(), false)
    }
}

/// Why a link was not followed. The link itself is never part of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefused {
    /// The link names another scheme, host or port: the token stays home.
    #[error("REST link to another host refused (the token is only sent to TAU)")]
    OtherOrigin,
    /// Not a plain `http(s)://host[:port]/…` URL or `/path` (userinfo, backslashes, `//host`,
    /// spaces, control characters, `%` in the host): refused rather than guessed at.
    #[error("malformed REST link refused (the token is only sent to TAU)")]
    Malformed,
}

impl TauOrigin {
    /// The origin of `addr`, with `https`/`wss` when `tls`.
    pub fn new(addr: &TauAddr, tls: bool) -> Self {
        TauOrigin {
            tls,
            host: addr.host.to_ascii_lowercase(),
            port: addr.port,
        }
    }

    /// `http://host:port<path>` or `https://…`.
    pub fn http_url(&self, path: &str) -> String {
        format!("{}://{}:{}{path}", self.http_scheme(), self.host, self.port)
    }

    /// `ws://host:port<path>` or `wss://…`.
    pub fn ws_url(&self, path: &str) -> String {
        let scheme = if self.tls { "wss" } else { "ws" };
        format!("{scheme}://{}:{}{path}", self.host, self.port)
    }

    /// `host:port`, e.g. to key what is stored per TAU server.
    pub fn host_port(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    fn http_scheme(&self) -> &'static str {
        if self.tls {
            "https"
        } else {
            "http"
        }
    }

    /// Whether `url` is an absolute `http(s)` URL on exactly this origin: same scheme, same host
    /// (ASCII case-insensitive), same port (an omitted port is the scheme's default, 80 or 443).
    /// URLs with userinfo (`user@host`), backslashes, whitespace or control characters anywhere,
    /// or `%` in the host, are never on it.
    ///
    /// ```
    /// use tau_overlay::settings::TauAddr;
    /// use tau_overlay::settings::origin::TauOrigin;
    ///
    /// let tau = TauOrigin::new(&TauAddr::parse("tau.example:443").unwrap(), true);
    /// assert!(tau.owns("https://TAU.example/api/v1/twitch-events/?cursor=x"));
    /// assert!(!tau.owns("https://tau.example:8443/api/v1/twitch-events/"));
    /// assert!(!tau.owns("https://tau.example@evil.example/"));
    /// ```
    pub fn owns(&self, url: &str) -> bool {
        if !plain(url) {
            return false;
        }
        let Some((scheme, rest)) = url.split_once("://") else {
            return false;
        };
        let default_port = match scheme.to_ascii_lowercase().as_str() {
            "http" if !self.tls => 80,
            "https" if self.tls => 443,
            _ => return false,
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.contains(['@', '%']) {
            return false;
        }
        let (host, port) = split_host_port(authority);
        let port = match port {
            None | Some("") => Some(default_port),
            Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => p.parse::<u16>().ok(),
            Some(_) => None,
        };
        !host.is_empty() && host.eq_ignore_ascii_case(&self.host) && port == Some(self.port)
    }

    /// The URL to fetch for a link TAU sent (a `next` page): an absolute link on this origin as
    /// it is, a `/path?query` on this origin, anything else refused.
    ///
    /// ```
    /// use tau_overlay::settings::origin::{LinkRefused, TauOrigin};
    ///
    /// let tau = TauOrigin::default(); // http://localhost:8000
    /// assert_eq!(tau.resolve("/api/v1/twitch-events/?cursor=x").unwrap(),
    ///            "http://localhost:8000/api/v1/twitch-events/?cursor=x");
    /// assert_eq!(tau.resolve("http://localhost:9999/api/v1/twitch-events/"), Err(LinkRefused::OtherOrigin));
    /// assert_eq!(tau.resolve("//evil.example/api/"), Err(LinkRefused::Malformed));
    /// ```
    pub fn resolve(&self, link: &str) -> Result<String, LinkRefused> {
        if !plain(link) {
            return Err(LinkRefused::Malformed);
        }
        if link.starts_with('/') {
            // `//host/…` is protocol-relative: another host.
            if link.starts_with("//") {
                return Err(LinkRefused::Malformed);
            }
            return Ok(self.http_url(link));
        }
        let absolute = link
            .split_once("://")
            .is_some_and(|(scheme, _)| matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https"));
        if !absolute {
            return Err(LinkRefused::Malformed);
        }
        if self.owns(link) {
            Ok(link.to_string())
        } else {
            Err(LinkRefused::OtherOrigin)
        }
    }
}

/// No whitespace, control characters or backslashes (browsers drop tabs and newlines from URLs
/// and read `\` as `/`, which would let a link mean something else than it reads).
fn plain(url: &str) -> bool {
    !url.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

/// `host[:port]`, with a bracketed IPv6 host kept whole.
fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.find(']') {
            Some(i) => {
                let (host, after) = authority.split_at(i + 1);
                match after.strip_prefix(':') {
                    Some(port) => (host, Some(port)),
                    None if after.is_empty() => (host, None),
                    None => ("", None),
                }
            }
            None => ("", None),
        };
    }
    match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(addr: &str, tls: bool) -> TauOrigin {
        TauOrigin::new(&TauAddr::parse(addr).unwrap(), tls)
    }

    #[test]
    fn own_urls_match_scheme_host_and_port_exactly() {
        let tau = origin("127.0.0.1:8123", false);
        assert!(tau.owns("http://127.0.0.1:8123/api/v1/twitch-events/?cursor=abc"));
        assert!(tau.owns("HTTP://127.0.0.1:8123"));
        assert!(tau.owns("http://127.0.0.1:08123/x"));
        for foreign in [
            "http://127.0.0.1:8124/api/",
            "https://127.0.0.1:8123/api/",
            "ws://127.0.0.1:8123/api/",
            "http://127.0.0.1/api/",
            "http://127.0.0.2:8123/api/",
            "http://127.0.0.1:8123@evil.example/api/",
            "http://user:pw@127.0.0.1:8123/api/",
            "http://127.0.0.1:8123\\@evil.example/",
            "http://127.0.0.1:8123/\tx",
            "http://127.0.0.1%3A8123/",
            "http://127.0.0.1:81234/",
            "http://127.0.0.1:+8123/",
            "//127.0.0.1:8123/api/",
            "/api/",
            "",
        ] {
            assert!(!tau.owns(foreign), "{foreign}");
        }
    }

    #[test]
    fn default_ports_count_as_the_explicit_ones() {
        assert!(origin("tau.example:443", true).owns("https://tau.example/x"));
        assert!(origin("tau.example:443", true).owns("https://tau.example:/x"));
        assert!(origin("tau.example:80", false).owns("http://Tau.Example/x"));
        assert!(!origin("tau.example:8000", false).owns("http://tau.example/x"));
        assert!(!origin("tau.example:443", false).owns("https://tau.example/x"));
        let v6 = origin("[::1]:9000", false);
        assert!(v6.owns("http://[::1]:9000/x"));
        assert!(!v6.owns("http://[::1]/x"));
        assert!(!v6.owns("http://[::2]:9000/x"));
        assert_eq!(v6.ws_url("/ws/"), "ws://[::1]:9000/ws/");
    }

    #[test]
    fn links_are_resolved_on_the_origin_or_refused() {
        let tau = origin("localhost:8000", true);
        assert_eq!(tau.resolve("/a?b=c").unwrap(), "https://localhost:8000/a?b=c");
        assert_eq!(
            tau.resolve("https://localhost:8000/a?cursor=1").unwrap(),
            "https://localhost:8000/a?cursor=1"
        );
        assert_eq!(tau.resolve("http://localhost:8000/a"), Err(LinkRefused::OtherOrigin));
        assert_eq!(tau.resolve("https://evil.example/a"), Err(LinkRefused::OtherOrigin));
        for malformed in [
            "//evil.example/a",
            "/\\evil.example/a",
            "javascript:alert(1)",
            "a?cursor=1",
            " /a",
        ] {
            assert_eq!(tau.resolve(malformed), Err(LinkRefused::Malformed), "{malformed}");
        }
    }
}
