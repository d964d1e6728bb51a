//! Frames arriving on `/ws/chat-bots/<login>/` (PROTOCOL.md §5.3): chat lines, the auth error
//! frame and keep-alives.
//!
//! A chat line is `{"irc_username": …, "data": <TAU's parse of the IRC PRIVMSG>}`. Tag values are
//! raw IRCv3 strings (`\s` for a space), except `emotes`, which TAU turns into
//! `[{"id": str, "positions": [[start, end], …]}]` with inclusive code-point indices.

use crate::tau::protocol::FrameError;
use crate::tau::wire;
use crate::util::order;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// One emote occurrence in a chat line: code points `start..=end` of [`ChatLine::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmoteSpan {
    /// Twitch's emote id (only ids of `[A-Za-z0-9_]` survive parsing).
    pub id: String,
    /// Index of the first code point.
    pub start: usize,
    /// Index of the last code point (inclusive).
    pub end: usize,
}

/// A chat message (IRC `PRIVMSG`) as forwarded by TAU.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatLine {
    /// The channel, without `#`.
    pub channel: String,
    /// The sender's login, from the IRC prefix `:login!login@…` (empty if absent).
    pub login: String,
    /// The `display-name` tag, IRCv3-unescaped, or the login when the tag is empty.
    pub display_name: String,
    /// The `color` tag, only when it is `#RRGGBB` (safe to put in a style).
    pub color: Option<String>,
    /// The message, without CR/LF, without the `/me` wrapper, and cut at the first IRC line when
    /// TAU merged a batch of lines (PROTOCOL.md §5.3).
    pub text: String,
    /// `/me` message (CTCP ACTION).
    pub action: bool,
    /// Emote spans: sorted, non-overlapping, inside `text`, whitelisted ids.
    pub emotes: Vec<EmoteSpan>,
    /// The `badges` tag as `set/version` entries, e.g. `subscriber/12`.
    pub badges: Vec<String>,
    /// The `id` tag (Twitch's message id), for deleting or deduplicating lines.
    pub id: Option<String>,
}

/// A piece of a chat line, rendered as a text node or a whitelisted emote image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChatPart {
    /// Plain text.
    Text(String),
    /// An emote: show [`emote_url`]`(id)` with `name` as alt text.
    Emote {
        /// Whitelisted emote id.
        id: String,
        /// The text the emote replaces, e.g. `Kappa`.
        name: String,
    },
}

/// One decoded frame of a chat-bot socket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChatFrame {
    /// A chat line.
    Line(Box<ChatLine>),
    /// `{"error": …}`: TAU did not understand the auth frame (the socket stays open, unauthenticated).
    Error(String),
    /// `{"event": "keep_alive"}`.
    KeepAlive,
    /// Valid JSON that is none of the above.
    Other,
}

/// The frame that says something in chat: `{"irc_channel": …, "message": …}` (PROTOCOL.md §5.4).
#[derive(serde::Serialize)]
pub struct SayFrame<'a> {
    /// The channel, without `#`.
    pub irc_channel: &'a str,
    /// The message text.
    pub message: &'a str,
}

/// The frame every TAU socket must send first: `{"token": …}`.
#[derive(serde::Serialize)]
pub struct AuthFrame<'a> {
    /// The secret; never log the serialized frame.
    pub token: &'a str,
}

/// The CDN image of a whitelisted emote id (`[A-Za-z0-9_]+`), dark theme, 1x.
pub fn emote_url(id: &str) -> String {
    format!("https://static-cdn.jtvnw.net/emoticons/v2/{id}/default/dark/1.0")
}

/// Whether `id` is a Twitch emote id we build URLs for: 1 to 64 of `[A-Za-z0-9_]` (shared by chat
/// lines and alert fragments).
pub fn is_emote_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A chat-bot frame as sent: any of the three shapes, every member optional.
#[derive(Deserialize)]
struct WireFrame {
    #[serde(default)]
    error: Option<Value>,
    #[serde(default, deserialize_with = "any_str")]
    event: Option<String>,
    #[serde(default, deserialize_with = "object_or_none")]
    data: Option<IrcData>,
}

/// TAU's parse of an IRC message. A member of the wrong JSON type counts as absent, so one odd
/// tag never drops the line.
#[derive(Default, Deserialize)]
#[serde(default)]
struct IrcData {
    #[serde(deserialize_with = "any_str")]
    command: Option<String>,
    #[serde(deserialize_with = "str_list")]
    params: Vec<Option<String>>,
    #[serde(rename = "message-text", deserialize_with = "any_str")]
    message_text: Option<String>,
    #[serde(deserialize_with = "any_str")]
    raw: Option<String>,
    #[serde(deserialize_with = "any_str")]
    prefix: Option<String>,
    #[serde(deserialize_with = "object_or_none")]
    tags: Option<IrcTags>,
}

/// The IRCv3 tags the overlay reads (raw strings; `emotes` as TAU parsed them).
#[derive(Default, Deserialize)]
#[serde(default)]
struct IrcTags {
    #[serde(rename = "display-name", deserialize_with = "any_str")]
    display_name: Option<String>,
    #[serde(deserialize_with = "any_str")]
    color: Option<String>,
    #[serde(deserialize_with = "any_str")]
    badges: Option<String>,
    #[serde(deserialize_with = "any_str")]
    id: Option<String>,
    #[serde(deserialize_with = "emote_list")]
    emotes: Vec<EmoteSpan>,
}

/// A string member; any other JSON value (or `null`) is `None`.
fn any_str<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        _ => None,
    })
}

/// An object member read as `T`; anything else (or an object that does not fit) is `None`.
fn object_or_none<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    Ok(match Value::deserialize(d)? {
        value @ Value::Object(_) => T::deserialize(&value).ok(),
        _ => None,
    })
}

/// A list of strings (`params`); non-strings are `None` in place, a non-list is empty.
fn str_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<String>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    })
}

/// `[{"id": "25", "positions": [[6, 10]]}]` to spans; malformed entries yield nothing.
fn emote_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<EmoteSpan>, D::Error> {
    #[derive(Deserialize)]
    struct Entry {
        id: Value,
        #[serde(default)]
        positions: Vec<Value>,
    }
    let Value::Array(list) = Value::deserialize(d)? else {
        return Ok(Vec::new());
    };
    let mut spans = Vec::new();
    for entry in list.iter().filter_map(|e| Entry::deserialize(e).ok()) {
        let id = match entry.id {
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => continue,
        };
        for position in entry.positions {
            if let Ok((start, end)) = <(usize, usize)>::deserialize(&position) {
                spans.push(EmoteSpan {
                    id: id.clone(),
                    start,
                    end,
                });
            }
        }
    }
    Ok(spans)
}

impl ChatFrame {
    /// Decodes a text frame. Never panics; only non-JSON is an error.
    pub fn parse(text: &str) -> Result<ChatFrame, FrameError> {
        let value = wire::parse(text).map_err(FrameError::NotJson)?;
        if !value.is_object() {
            return Ok(ChatFrame::Other);
        }
        let Ok(frame) = WireFrame::deserialize(&value) else {
            return Ok(ChatFrame::Other);
        };
        if let Some(error) = frame.error {
            return Ok(ChatFrame::Error(
                error.as_str().map_or_else(|| wire::to_string(&error), str::to_string),
            ));
        }
        if frame.event.as_deref() == Some("keep_alive") {
            return Ok(ChatFrame::KeepAlive);
        }
        Ok(frame
            .data
            .and_then(ChatLine::from_data)
            .map_or(ChatFrame::Other, |l| ChatFrame::Line(Box::new(l))))
    }
}

impl ChatLine {
    /// Builds a line from TAU's parsed PRIVMSG; `None` if it is not a PRIVMSG with text.
    fn from_data(data: IrcData) -> Option<ChatLine> {
        if data.command.as_deref().is_some_and(|c| c != "PRIVMSG") {
            return None;
        }
        let param = |i: usize| data.params.get(i).and_then(Option::as_deref);
        let trailing = param(2).map(|t| t.strip_prefix(':').unwrap_or(t));
        let mut text = data.message_text.as_deref().or(trailing)?.to_string();
        // A batch of IRC lines is merged into one `message-text`: keep the first line only.
        if let Some(first) = data.raw.as_deref().and_then(first_line_text) {
            if text.starts_with(first) {
                text.truncate(first.len());
            }
        }
        text.retain(|c| c != '\r' && c != '\n');
        let action = text.starts_with("\u{1}ACTION ") && text.ends_with('\u{1}') && text.len() > 8;
        if action {
            text = text[8..text.len() - 1].to_string();
        }
        let tags = data.tags.unwrap_or_default();
        let non_empty = |v: Option<String>| v.filter(|v| !v.is_empty());
        let login = data
            .prefix
            .as_deref()
            .map(|p| p.strip_prefix(':').unwrap_or(p))
            .map(|p| p.split(['!', '@']).next().unwrap_or(""))
            .unwrap_or("")
            .to_string();
        let display_name = non_empty(tags.display_name)
            .map(|d| unescape(&d).chars().filter(|c| !c.is_control()).collect::<String>())
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| login.clone());
        let color = non_empty(tags.color)
            .filter(|c| c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()));
        Some(ChatLine {
            channel: param(1)
                .map(|c| c.trim_start_matches('#').to_string())
                .unwrap_or_default(),
            emotes: normalize(tags.emotes, text.chars().count()),
            text,
            action,
            login,
            display_name,
            color,
            badges: non_empty(tags.badges)
                .map(|b| b.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
                .unwrap_or_default(),
            id: non_empty(tags.id),
        })
    }

    /// The text split into plain text and emotes. Spans are re-checked, so a hand-built line
    /// with bad spans still renders safely (bad spans stay text).
    pub fn parts(&self) -> Vec<ChatPart> {
        let chars: Vec<char> = self.text.chars().collect();
        let mut parts = Vec::new();
        let mut at = 0;
        for span in normalize(self.emotes.clone(), chars.len()) {
            if span.start > at {
                parts.push(ChatPart::Text(chars[at..span.start].iter().collect()));
            }
            let name = chars[span.start..=span.end].iter().collect();
            parts.push(ChatPart::Emote { id: span.id, name });
            at = span.end + 1;
        }
        if at < chars.len() {
            parts.push(ChatPart::Text(chars[at..].iter().collect()));
        }
        parts
    }

    /// Whether the sender wears a badge of this set (`broadcaster`, `moderator`, `vip`, …).
    pub fn has_badge(&self, set: &str) -> bool {
        self.badges.iter().any(|b| b.split('/').next() == Some(set))
    }
}

/// Keeps spans with whitelisted ids that start inside a text of `len` code points, clamps their
/// end to the text, sorts them, and drops inverted spans and those overlapping an earlier one.
fn normalize(mut spans: Vec<EmoteSpan>, len: usize) -> Vec<EmoteSpan> {
    spans.retain(|s| is_emote_id(&s.id) && s.start <= s.end && s.start < len);
    order::sort_by_u64_key(&mut spans, |s| order::pair_key(s.start, s.end));
    let mut next_free = 0;
    spans.retain_mut(|s| {
        s.end = s.end.min(len - 1);
        let keep = s.start >= next_free;
        if keep {
            next_free = s.end + 1;
        }
        keep
    });
    spans
}

/// The trailing text of the first IRC line in `raw` (`@tags :prefix PRIVMSG #chan :text`).
fn first_line_text(raw: &str) -> Option<&str> {
    let mut line = raw.split(['\r', '\n']).next()?;
    for marker in ['@', ':'] {
        if line.starts_with(marker) {
            line = line.split_once(' ')?.1;
        }
    }
    line.split_once(" :").map(|(_, text)| text)
}

/// IRCv3 tag-value unescaping: `\:` `;`, `\s` space, `\\` `\`, `\r` CR, `\n` LF; `\x` is `x` and a
/// lone trailing `\` is dropped.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(':') => out.push(';'),
            Some('s') => out.push(' '),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: &str, start: usize, end: usize) -> EmoteSpan {
        EmoteSpan {
            id: id.into(),
            start,
            end,
        }
    }

    #[test]
    fn unescape_follows_ircv3() {
        assert_eq!(unescape(r"A\sB\:C\\D\rE\nF\xG\"), "A B;C\\D\rE\nFxG");
    }

    #[test]
    fn normalize_drops_bad_spans_and_clamps() {
        let spans = vec![
            span("1", 4, 2),      // inverted
            span("2", 0, 3),      // kept
            span("3", 2, 5),      // overlaps the previous
            span("4", 9, 12),     // end past the text: clamped to 9
            span("bad-id", 5, 6), // not whitelisted
            span("5", 10, 10),    // starts past the text
        ];
        assert_eq!(normalize(spans, 10), vec![span("2", 0, 3), span("4", 9, 9)]);
        assert_eq!(normalize(vec![span("1", 0, 0)], 0), vec![]);
    }

    #[test]
    fn first_line_of_a_merged_batch() {
        let raw = "@a=b :x!x@x PRIVMSG #c :one :two\r\n:y!y@y PRIVMSG #c :three\r\n";
        assert_eq!(first_line_text(raw), Some("one :two"));
        assert_eq!(first_line_text(":x PRIVMSG #c :hi"), Some("hi"));
        assert_eq!(first_line_text("garbage"), None);
    }
}
