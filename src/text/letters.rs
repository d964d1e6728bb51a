//! Splits a name into letters for per-letter animations (`.tau-alert__letter` spans), keeping
//! combining marks, variation selectors, skin tones and emoji joined by ZWJ with their base.

/// The visible letters of `text`, in order; concatenated they give `text` back.
///
/// ```
/// assert_eq!(tau_overlay::text::letters::letters("ana"), ["a", "n", "a"]);
/// assert_eq!(tau_overlay::text::letters::letters("e\u{301}!"), ["e\u{301}", "!"]);
/// ```
pub fn letters(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut joined = false;
    for (i, c) in text.char_indices() {
        let extends = i > 0 && (joined || is_extender(c));
        if !extends && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        joined = c == '\u{200D}';
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A character that belongs to the letter before it.
fn is_extender(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'     // combining diacritics
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200C}'..='\u{200D}'   // ZWNJ, ZWJ
        | '\u{FE00}'..='\u{FE0F}'   // variation selectors
        | '\u{1F3FB}'..='\u{1F3FF}' // skin tones
        | '\u{E0020}'..='\u{E007F}' // emoji tags
        | '\u{3099}'..='\u{309A}'   // kana voicing marks
    )
}

#[cfg(test)]
mod tests {
    use super::letters;

    #[test]
    fn ascii_name_is_one_span_per_letter() {
        assert_eq!(letters("Ana_42"), ["A", "n", "a", "_", "4", "2"]);
        assert!(letters("").is_empty());
    }

    #[test]
    fn combining_marks_and_emoji_sequences_stay_whole() {
        assert_eq!(letters("Zoe\u{308}"), ["Z", "o", "e\u{308}"]);
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(letters(&format!("a{family}b")), ["a", family, "b"]);
        assert_eq!(letters("\u{1F44D}\u{1F3FD}x"), ["\u{1F44D}\u{1F3FD}", "x"]);
        assert_eq!(letters("\u{2764}\u{FE0F}"), ["\u{2764}\u{FE0F}"]);
    }

    #[test]
    fn letters_concatenate_back_to_the_text() {
        for text in ["日本語", "a\u{301}\u{302}b", "\u{200D}x", "x\u{200D}"] {
            assert_eq!(letters(text).concat(), text);
        }
    }
}
