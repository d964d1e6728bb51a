//! Alert text as plain data: headlines and messages are lists of text parts that the components
//! render as text nodes (never HTML), so viewer-controlled text cannot inject markup.

/// One piece of alert text. Every variant is rendered as a text node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPart {
    /// Literal template text.
    Text(String),
    /// A viewer's display name (styled with `.tau-alert__name`).
    Name(String),
}

impl TextPart {
    /// The plain text of this part.
    pub fn text(&self) -> &str {
        match self {
            TextPart::Text(t) | TextPart::Name(t) => t,
        }
    }
}

/// Longest display name an alert shows, in characters (Twitch names have at most 25; names from
/// other sources or a misbehaving server are cut here).
pub const MAX_NAME_CHARS: usize = 40;

/// Longest reward title or charity name an alert shows, in characters.
pub const MAX_TITLE_CHARS: usize = 60;

/// Longest viewer message an alert shows, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// Viewer-controlled `text` made safe to lay out: [`super::sanitize`] (control characters
/// dropped, line breaks and tabs become spaces, bidirectional overrides and isolates dropped so
/// a name cannot reverse the text after it), then [`super::cap_chars`] (at most `max_chars`
/// characters, not bytes, the last being `…` when anything was cut).
///
/// ```
/// use tau_overlay::text::parts::clean_text;
/// assert_eq!(clean_text("ana\u{202E}evil\nline", 40), "anaevil line");
/// assert_eq!(clean_text("Büsra_the_great", 6), "Büsra…");
/// ```
pub fn clean_text(text: &str, max_chars: usize) -> String {
    super::cap_chars(&super::sanitize(text), max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ten_kilobyte_name_is_cut_to_the_cap_with_an_ellipsis() {
        let name = "é".repeat(10_000);
        let shown = clean_text(&name, MAX_NAME_CHARS);
        assert_eq!(shown.chars().count(), MAX_NAME_CHARS);
        assert!(shown.ends_with('…'));
        assert_eq!(
            clean_text(&"x".repeat(MAX_NAME_CHARS), MAX_NAME_CHARS),
            "x".repeat(MAX_NAME_CHARS)
        );
    }

    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        assert_eq!(clean_text("a\u{0}b\u{7}\u{2066}c\u{2069}\td", 40), "abc d");
    }
}
