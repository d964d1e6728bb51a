#![cfg(not(target_arch = "wasm32"))]
//! Property tests for viewer text (src/text): building fragments never panics and loses or
//! invents no text, caps hold, and the word filter sees through any mix of disguises.

use proptest::prelude::*;
use tau_overlay::text::*;
use unicode_normalization::UnicodeNormalization;

fn nfkc(text: &str) -> String {
    text.nfkc().collect()
}

/// Characters chosen to hurt: controls, overrides, zero-width, multi-byte, emoji, combining
/// marks, quotes and slashes, digits and letters that make cheer tokens.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec!['a', 'K', 'p', ' ', 'C', 'h', 'e', 'r', '1', '0', '5']),
        1 => prop::sample::select(vec![
            '\0', '\n', '\r', '\t', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}',
            '\u{200d}', '\u{feff}', '\u{ad}', '\u{301}', '\u{336}', 'é', 'ñ', '日', '😀', '"', '/', '<', '\\',
            '\u{2028}', '\u{ff41}', '\u{1d41a}',
        ]),
        1 => any::<char>(),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..60).prop_map(|c| c.into_iter().collect())
}

fn positions() -> impl Strategy<Value = Vec<EmotePosition>> {
    let id = prop::sample::select(vec!["25", "emotesv2_abc", "..", "a/b", "", "x\"y", "1"]);
    prop::collection::vec((0usize..70, 0usize..12, id), 0..8).prop_map(|v| {
        v.into_iter()
            .map(|(begin, len, id)| EmotePosition {
                begin,
                // Mostly forward spans, sometimes reversed ones.
                end: if len == 11 {
                    begin.saturating_sub(2)
                } else {
                    begin + len
                },
                id: id.to_string(),
            })
            .collect()
    })
}

/// An independent reading of which positions must be used: `(begin, end, id)` in text order.
fn oracle(raw: &str, emotes: &[EmotePosition]) -> Vec<(usize, usize, String)> {
    let chars: Vec<char> = raw.chars().collect();
    let mut sorted: Vec<&EmotePosition> = emotes.iter().collect();
    sorted.sort_by_key(|e| e.begin);
    let mut used: Vec<(usize, usize, String)> = Vec::new();
    for e in sorted {
        let fits = e.begin <= e.end && e.end < chars.len() && is_emote_id(&e.id);
        let free = used.last().is_none_or(|&(_, end, _)| e.begin > end);
        if fits && free && !chars[e.begin..=e.end].iter().any(|c| c.is_whitespace()) {
            used.push((e.begin, e.end, e.id.clone()));
        }
    }
    used
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fragments_read_as_the_sanitized_input(raw in hostile_text(), emotes in positions()) {
        let parts = build_fragments(&raw, &emotes, &CheermoteSet::builtin(), usize::MAX);
        prop_assert_eq!(plain_text(&parts), sanitize(&raw));
    }

    #[test]
    fn text_fragments_are_the_sanitized_input_minus_emote_spans(raw in hostile_text(), emotes in positions()) {
        let parts = build_fragments(&raw, &emotes, &CheermoteSet::default(), usize::MAX);
        let used = oracle(&raw, &emotes);
        let chars: Vec<char> = raw.chars().collect();
        let outside: String = chars
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.iter().any(|&(b, e, _)| (b..=e).contains(i)))
            .map(|(_, c)| *c)
            .collect();
        let texts: String = parts
            .iter()
            .filter_map(|f| match f { Fragment::Text(t) => Some(t.as_str()), _ => None })
            .collect();
        prop_assert_eq!(texts, sanitize(&outside));
        let got: Vec<(String, String)> = parts
            .iter()
            .filter_map(|f| match f { Fragment::Emote { id, alt } => Some((id.clone(), alt.clone())), _ => None })
            .collect();
        let want: Vec<(String, String)> = used
            .iter()
            .map(|(b, e, id)| (id.clone(), sanitize(&chars[*b..=*e].iter().collect::<String>())))
            .collect();
        prop_assert_eq!(got, want);
        // Never two text fragments in a row, never an empty one.
        for pair in parts.windows(2) {
            prop_assert!(!matches!(pair, [Fragment::Text(_), Fragment::Text(_)]));
        }
        prop_assert!(!parts.iter().any(|f| matches!(f, Fragment::Text(t) if t.is_empty())));
    }

    #[test]
    fn cheermotes_are_whole_cheer_words_of_the_sanitized_input(raw in hostile_text()) {
        let parts = build_fragments(&raw, &[], &CheermoteSet::builtin(), usize::MAX);
        let clean = sanitize(&raw);
        let words: Vec<&str> = clean.split(char::is_whitespace).collect();
        for f in &parts {
            if let Fragment::Cheermote { prefix, amount, tier_color, .. } = f {
                prop_assert!(prefix.eq_ignore_ascii_case("cheer"));
                let token = f.text();
                prop_assert!(words.contains(&token.as_ref()), "{} not a word of {:?}", token, clean);
                prop_assert!(*amount >= 1 && tier_color.is_some());
            }
        }
    }

    #[test]
    fn capped_fragments_fit_and_keep_the_start(raw in hostile_text(), emotes in positions(), max in 0usize..40) {
        let full = plain_text(&build_fragments(&raw, &emotes, &CheermoteSet::builtin(), usize::MAX));
        let capped = plain_text(&build_fragments(&raw, &emotes, &CheermoteSet::builtin(), max));
        let n = capped.chars().count();
        prop_assert!(n <= max);
        if full.chars().count() <= max {
            prop_assert_eq!(capped, full);
        } else if max > 0 {
            prop_assert!(capped.ends_with(ELLIPSIS));
            let kept = capped.strip_suffix(ELLIPSIS).unwrap_or_default();
            prop_assert!(full.starts_with(kept), "{:?} is not a start of {:?}", kept, full);
        }
    }

    #[test]
    fn the_filter_never_panics_and_never_grows_text(
        raw in hostile_text(),
        words in prop::collection::vec(hostile_text(), 0..4),
    ) {
        let config = WordFilterConfig { builtin: None, lists: vec![WordList { words, action: FilterAction::HideMessage }] };
        let filter = WordFilter::new(&config, &nfkc);
        let out = filter.text(&raw, &nfkc);
        prop_assert!(out.text.chars().count() <= raw.chars().count());
        prop_assert_eq!(out.hits == 0, out.text == raw);
        prop_assert_eq!(out.verdict == Verdict::HideMessage, out.hits > 0);
        let parts = build_fragments(&raw, &[], &CheermoteSet::builtin(), MESSAGE_MAX);
        let _ = filter.message(parts, &nfkc);
    }

    #[test]
    fn any_mix_of_disguises_is_caught(
        word in "[a-z]{2,8}",
        disguises in prop::collection::vec(0u8..6, 8),
    ) {
        let config = WordFilterConfig { builtin: None, lists: vec![WordList { words: vec![word.clone()], action: FilterAction::Mask }] };
        let filter = WordFilter::new(&config, &nfkc);
        let mut disguised = String::new();
        for (c, how) in word.chars().zip(disguises) {
            match how {
                0 => disguised.push(c.to_ascii_uppercase()),
                1 => disguised.push(char::from_u32(c as u32 - 'a' as u32 + 0xff41).unwrap()), // full-width
                2 => disguised.push(char::from_u32(c as u32 - 'a' as u32 + 0x1d41a).unwrap()), // bold
                3 => disguised.extend([c, '\u{200b}']),
                4 => disguised.push(match c { 'o' => '0', 'i' | 'l' => '1', 'e' => '3', 'a' => '@', 's' => '$', 't' => '7', c => c }),
                _ => disguised.push(c),
            }
        }
        let out = filter.text(&format!("x {disguised} y"), &nfkc);
        let stars = "*".repeat(word.len());
        prop_assert_eq!(out.text.replace('\u{200b}', ""), format!("x {stars} y"), "{:?}", disguised);
    }
}
