//! Splitting and decoding the URL fragment the way `URLSearchParams` does, and telling which
//! keys must never be shown or kept because they look like the token.

/// One `key[=value]` setting, decoded, with the text to put back in the address bar.
#[derive(Debug)]
pub(super) struct Pair {
    /// The decoded key.
    pub key: String,
    /// The decoded value; `None` for a bare `key`.
    pub value: Option<String>,
    /// The pair as it was written (kept in the address bar unless it is a secret).
    pub raw: String,
}

/// The settings in a fragment body (without `#`), in order. A pair without `=` whose key decodes
/// to something with `=` or `&` was %-encoded whole (`token%3Dsecret%26tau%3Dhost`): it is read
/// as the pairs it decodes to.
pub(super) fn pairs(body: &str) -> Vec<Pair> {
    let mut out = Vec::new();
    for raw in body.split('&').filter(|p| !p.is_empty()) {
        let decoded = percent_decode(raw);
        if !raw.contains('=') && decoded.contains(['=', '&']) {
            out.extend(decoded.split('&').filter(|p| !p.is_empty()).map(pair));
        } else {
            out.push(pair(raw));
        }
    }
    out
}

fn pair(raw: &str) -> Pair {
    let (key, value) = match raw.split_once('=') {
        Some((k, v)) => (k, Some(percent_decode(v))),
        None => (raw, None),
    };
    Pair {
        key: percent_decode(key),
        value,
        raw: raw.to_string(),
    }
}

/// `token` in any ASCII case, with surrounding spaces (`%20token`, `TOKEN`, `%74oken` decoded).
pub(super) fn is_token_key(key: &str) -> bool {
    key.trim().eq_ignore_ascii_case("token")
}

/// A key that may be (or hold) the secret: it mentions `token` (`tokn`-typos aside: `token2`,
/// `tokenabc123`, ` token`), or it is long and made of token characters (a token pasted without
/// `token=`; TAU's tokens are 40 hex digits).
pub(super) fn is_secret_like(key: &str) -> bool {
    let key = key.trim().to_ascii_lowercase();
    key.contains("token") || key.len() >= 16 && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// Whether a raw pair holds `secret`, as written or once decoded.
pub(super) fn mentions(raw: &str, secret: &str) -> bool {
    raw.contains(secret) || percent_decode(raw).contains(secret)
}

/// An unknown key as it may appear in a notice: at most 24 characters, then `…`.
pub(super) fn shown_key(key: &str) -> String {
    const MAX: usize = 24;
    match key.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &key[..cut]),
        None => key.to_string(),
    }
}

/// Decodes `%XX` escapes and `+` as `URLSearchParams` does: a broken escape stays as written, and
/// bytes that are not UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' => match (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
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
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_matches_url_search_params() {
        assert_eq!(percent_decode("a%2Bb+c%zz%4"), "a+b c%zz%4");
        assert_eq!(percent_decode("%C3%A9%FF"), "é\u{FFFD}");
        let p = pairs("token%3Dsecret%26tau%3Dh%3A1&x=%3D&&y");
        let keys: Vec<_> = p.iter().map(|p| (p.key.as_str(), p.value.as_deref())).collect();
        assert_eq!(
            keys,
            [
                ("token", Some("secret")),
                ("tau", Some("h:1")),
                ("x", Some("=")),
                ("y", None)
            ]
        );
    }

    #[test]
    fn secret_like_keys() {
        for secret in [
            "token2",
            " TOKEN",
            "mytoken",
            "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
        ] {
            assert!(is_secret_like(secret), "{secret}");
        }
        for plain in ["colour", "offline_summary", "chat_commands", "tau"] {
            assert!(!is_secret_like(plain), "{plain}");
        }
        assert_eq!(shown_key("abcdefghijklmnopqrstuvwxyz"), "abcdefghijklmnopqrstuvwx…");
    }
}
