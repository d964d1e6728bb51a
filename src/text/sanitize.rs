//! Cleaning viewer text before it reaches a text node: control and bidi override characters out,
//! absurd lengths capped with an ellipsis.
//!
//! [`sanitize_char`] maps one character at a time (no context), so sanitizing pieces of a text
//! and joining them gives the same result as sanitizing the whole: the fragment builder relies on
//! it to keep emote positions, which count characters of the raw text, meaningful.

/// Longest viewer name shown, in characters (Twitch display names are at most 25).
pub const NAME_MAX: usize = 40;

/// Longest viewer message shown, in characters (Twitch chat messages are at most 500).
pub const MESSAGE_MAX: usize = 500;

/// Ends a text cut by [`cap_chars`] or [`super::cap_fragments`].
pub const ELLIPSIS: char = '…';

/// What one raw character becomes on screen.
///
/// * C0 and C1 controls and DEL are dropped, except the ones that separate words (tab, line feed,
///   vertical tab, form feed, carriage return, next line), which become a space, as do the line
///   and paragraph separators U+2028 and U+2029: a message stays one line and words stay apart.
/// * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped: an
///   unclosed right-to-left override in a name would reverse the rest of the alert's headline.
///   The implicit marks U+200E, U+200F and U+061C stay (they cannot reorder their neighbours'
///   words, and right-to-left names use them).
/// * Everything else is kept, zero-width joiners included (emoji sequences need them).
pub fn sanitize_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(' '),
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => None,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
        c => Some(c),
    }
}

/// `text` with [`sanitize_char`] applied to every character.
pub fn sanitize(text: &str) -> String {
    text.chars().filter_map(sanitize_char).collect()
}

/// `text` if it has at most `max` characters; otherwise its first `max - 1` characters and an
/// [`ELLIPSIS`], at most `max` characters in all (a dangling zero-width joiner or trailing
/// whitespace before the cut is dropped).
/// `max == 0` gives an empty string.
pub fn cap_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) if max == 0 => String::new(),
        Some(_) => {
            let (cut, _) = text.char_indices().nth(max - 1).unwrap_or((text.len(), ' '));
            let mut out = text[..cut]
                .trim_end_matches(|c: char| c == '\u{200d}' || c.is_whitespace())
                .to_string();
            out.push(ELLIPSIS);
            out
        }
    }
}

/// A display name ready for a text node: sanitized, trimmed, capped at `max` characters.
///
/// Empty when nothing printable is left (a name of only controls or overrides): show the login
/// or "Anonymous" instead.
pub fn clean_name(name: &str, max: usize) -> String {
    cap_chars(sanitize(name).trim(), max)
}
