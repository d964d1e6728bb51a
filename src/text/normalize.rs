//! Folding text for the word filter: NFKC, invisible characters out, lower case, with a map
//! back to the characters of the original text so that a hit can be masked there.
//!
//! NFKC comes from outside ([`Normalize`]): the browser passes `String.prototype.normalize`,
//! native tests the `unicode-normalization` crate. Compiling Unicode's tables into the wasm would
//! cost far more than the rest of the filter.

/// Unicode NFKC normalisation, provided by the caller.
///
/// ```
/// use tau_overlay::text::Normalize;
/// // Any `Fn(&str) -> String` is a normaliser; this one only knows full-width letters.
/// let fold_fullwidth = |s: &str| {
///     s.chars().map(|c| match c {
///         '\u{ff41}'..='\u{ff5a}' => char::from_u32(c as u32 - 0xff41 + 'a' as u32).unwrap(),
///         c => c,
///     }).collect::<String>()
/// };
/// assert_eq!(fold_fullwidth.nfkc("ｂａｄ"), "bad");
/// ```
pub trait Normalize {
    /// `text` in Normalization Form KC.
    fn nfkc(&self, text: &str) -> String;

    /// `text` in Normalization Form KC, then in lower case. The default lowers with Rust's case
    /// tables; the browser's normaliser overrides it with `toLowerCase`, so the wasm carries no
    /// case tables.
    fn nfkc_lower(&self, text: &str) -> String {
        self.nfkc(text).to_lowercase()
    }
}

impl<F: Fn(&str) -> String> Normalize for F {
    fn nfkc(&self, text: &str) -> String {
        self(text)
    }
}

/// Characters that render as nothing and only serve to split a word for the filter's eyes:
/// zero-width space, non-joiner and joiner, word joiner, invisible operators, byte order mark,
/// soft hyphen, Mongolian vowel separator, combining grapheme joiner.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}' | '\u{34f}'
    )
}

/// Combining marks of the blocks used to decorate or "zalgo" letters. They stay attached to the
/// letter before them (NFKC may compose the pair, `n` + U+0303 = `ñ`) and are dropped when they
/// do not compose.
pub fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}'
    )
}

/// The filter's leetspeak map, text side: what a character may stand for besides itself
/// (`1` is `i` or `l`).
pub fn leet(c: char) -> &'static [char] {
    match c {
        '0' => &['o'],
        '1' => &['i', 'l'],
        '3' => &['e'],
        '4' => &['a'],
        '5' => &['s'],
        '7' => &['t'],
        '@' => &['a'],
        '$' => &['s'],
        _ => &[],
    }
}

/// Whether text character `t` can stand for pattern character `p`.
pub fn stands_for(t: char, p: char) -> bool {
    t == p || leet(t).contains(&p)
}

/// Part of a word: a letter or digit, or a leetspeak symbol (`@`, `$`).
pub fn is_wordish(c: char) -> bool {
    c.is_alphanumeric() || c == '@' || c == '$'
}

/// A text folded for matching.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded characters.
    pub chars: Vec<char>,
    /// For each folded character, the index of the unit (in [`Folded::units`]) it comes from.
    pub origin: Vec<usize>,
    /// Byte ranges of the source text: a character and the combining marks after it.
    pub units: Vec<(usize, usize)>,
    /// Whether each unit produced any folded character (invisible ones do not).
    pub visible: Vec<bool>,
}

/// Folds `text`: per unit (a character with the combining marks after it), NFKC and lower case
/// ([`Normalize::nfkc_lower`]), then invisible characters and leftover combining marks dropped.
/// ASCII units skip the normaliser (NFKC leaves ASCII alone; they are lowered here).
pub fn fold(text: &str, normalizer: &dyn Normalize) -> Folded {
    let mut folded = Folded::default();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        while let Some(&(_, m)) = chars.peek() {
            if !is_combining_mark(m) {
                break;
            }
            chars.next();
        }
        let end = chars.peek().map_or(text.len(), |&(b, _)| b);
        let unit = &text[start..end];
        let unit_index = folded.units.len();
        let before = folded.chars.len();
        let normalized;
        let source = if c.is_ascii() && unit.len() == 1 {
            unit
        } else {
            normalized = normalizer.nfkc_lower(unit);
            &normalized
        };
        for n in source.chars().filter(|&n| !is_invisible(n) && !is_combining_mark(n)) {
            folded.chars.push(n.to_ascii_lowercase());
            folded.origin.push(unit_index);
        }
        folded.units.push((start, end));
        folded.visible.push(folded.chars.len() > before);
        start = end;
    }
    folded
}

/// Folds a filter word: [`fold`], then the unambiguous leetspeak digits and symbols replaced by
/// their letter (and `1` by `i`), so that `l33t` in a list also catches `leet` and `1337`.
pub fn fold_word(word: &str, normalizer: &dyn Normalize) -> Vec<char> {
    fold(word, normalizer)
        .chars
        .into_iter()
        .map(|c| leet(c).first().copied().unwrap_or(c))
        .collect()
}
