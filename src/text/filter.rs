//! The word filter: lists of words, each with an action, matched against viewer names and
//! messages however they are disguised.
//!
//! The matching rules are documented on [`WordFilter`].

use super::filter_config::{FilterAction, WordFilterConfig, BUILTIN_WORDS};
use super::fragments::Fragment;
use super::normalize::{fold, fold_word, is_wordish, stands_for, Folded, Normalize};

/// What to do with the alert after filtering, weakest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Show everything (words hit with `mask` are masked).
    #[default]
    Show,
    /// Show the alert without the viewer's message.
    HideMessage,
    /// Do not show the alert at all.
    DropAlert,
}

impl From<FilterAction> for Verdict {
    fn from(action: FilterAction) -> Verdict {
        match action {
            FilterAction::Mask => Verdict::Show,
            FilterAction::HideMessage => Verdict::HideMessage,
            FilterAction::DropAlert => Verdict::DropAlert,
        }
    }
}

/// One element of a folded filter word.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pat {
    /// A letter or digit the text must stand for.
    Char(char),
    /// Spaces or punctuation: one or more non-word characters in the text.
    Gap,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Rule {
    pattern: Vec<Pat>,
    /// The pattern's characters without gaps, for spelled-out runs.
    letters: Vec<char>,
    action: FilterAction,
}

/// A text after filtering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilteredText {
    /// The text with every hit masked.
    pub text: String,
    /// The strongest action hit.
    pub verdict: Verdict,
    /// How many hits were masked.
    pub hits: usize,
}

/// A message after filtering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilteredMessage {
    /// The fragments with every hit masked.
    pub fragments: Vec<Fragment>,
    /// The strongest action hit.
    pub verdict: Verdict,
}

/// The word filter, built once from the configuration.
///
/// How a text is matched:
///
/// 1. Text and filter words are folded: NFKC (full-width, ligatures, circled and mathematical
///    letters become plain ones), zero-width characters and soft hyphens removed, combining marks
///    that do not compose dropped, lower case. Filter words also get the leetspeak digits replaced
///    by letters.
/// 2. A filter word matches a **whole word** of the text: it must start at the beginning of the
///    text or after a character that is not a letter or digit, and end before one. Each text
///    character may stand for itself or its leetspeak letter: `0`→o, `1`→i or l, `3`→e, `4`→a,
///    `5`→s, `7`→t, `@`→a, `$`→s. So `b4d`, `B@D`, `ｂａｄ`, `b\u{200b}ad` all match `bad`, and
///    `badge` or `sinbad` do not.
/// 3. Spaces and punctuation inside a filter word (`kill yourself`) match any run of spaces and
///    punctuation in the text (`kill   yourself`, `kill.yourself`).
/// 4. A word spelled out in single characters with one separator between each (`b.a.d`,
///    `b a d`, `b-@-d`) matches when the whole spelled-out run is the filter word. Runs inside
///    longer runs (`x b a d`) do not, to keep innocent single letters safe.
///
/// Not caught, by design: repeated letters (`baaad`), words glued to others (`verybad`),
/// homoglyphs from other scripts (Cyrillic `а` for Latin `a`).
///
/// Every hit is masked (`*` per visible character); the strongest action among the hits is the
/// [`Verdict`]. Emote codes are checked too: an emote whose code is hit becomes masked text.
/// Cheermotes are left alone.
///
/// ```
/// use tau_overlay::text::{Verdict, WordFilter, WordFilterConfig};
/// let config = WordFilterConfig::from_json(r#"{"lists": [{"words": ["bad"], "action": "mask"}]}"#).unwrap();
/// let nfkc = |s: &str| s.to_string(); // the browser passes String.prototype.normalize('NFKC')
/// let filter = WordFilter::new(&config, &nfkc);
/// let out = filter.text("so B4D, bad.", &nfkc);
/// assert_eq!((out.text.as_str(), out.verdict), ("so ***, ***.", Verdict::Show));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordFilter {
    rules: Vec<Rule>,
}

impl WordFilter {
    /// The filter for `config`: its lists, and the built-in list if it is enabled. Words that
    /// fold to nothing are skipped.
    pub fn new(config: &WordFilterConfig, normalizer: &dyn Normalize) -> WordFilter {
        let mut rules = Vec::new();
        let mut add = |word: &str, action: FilterAction| {
            let folded = fold_word(word, normalizer);
            let mut pattern = Vec::new();
            for c in folded {
                match (c.is_alphanumeric(), pattern.last()) {
                    (true, _) => pattern.push(Pat::Char(c)),
                    (false, Some(Pat::Char(_))) => pattern.push(Pat::Gap),
                    (false, _) => {}
                }
            }
            if pattern.last() == Some(&Pat::Gap) {
                pattern.pop();
            }
            let letters: Vec<char> = pattern
                .iter()
                .filter_map(|p| match p {
                    Pat::Char(c) => Some(*c),
                    Pat::Gap => None,
                })
                .collect();
            if !letters.is_empty() {
                rules.push(Rule {
                    pattern,
                    letters,
                    action,
                });
            }
        };
        if let Some(action) = config.builtin {
            for word in builtin_words() {
                add(word, action);
            }
        }
        for list in &config.lists {
            for word in &list.words {
                add(word, list.action);
            }
        }
        WordFilter { rules }
    }

    /// Whether the filter has no word (nothing is ever hit).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Filters one text (a name, a reward title, a message without emotes).
    pub fn text(&self, text: &str, normalizer: &dyn Normalize) -> FilteredText {
        if self.rules.is_empty() {
            return FilteredText {
                text: text.to_string(),
                verdict: Verdict::Show,
                hits: 0,
            };
        }
        let folded = fold(text, normalizer);
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let mut verdict = Verdict::Show;
        for (range, action) in self.hits(&folded) {
            verdict = verdict.max(action.into());
            hits.push(range);
        }
        FilteredText {
            hits: hits.len(),
            text: mask(text, &folded, hits),
            verdict,
        }
    }

    /// Filters a viewer name. A hit masks the name whatever its action; `hide_message` and
    /// `drop_alert` also give their verdict (the alert's message hidden, or the alert dropped).
    pub fn name(&self, name: &str, normalizer: &dyn Normalize) -> FilteredText {
        self.text(name, normalizer)
    }

    /// Filters a message's fragments: text fragments are masked where hit; an emote whose code
    /// is hit becomes masked text; cheermotes pass unchanged.
    pub fn message(&self, fragments: Vec<Fragment>, normalizer: &dyn Normalize) -> FilteredMessage {
        let mut verdict = Verdict::Show;
        let mut out: Vec<Fragment> = Vec::with_capacity(fragments.len());
        for fragment in fragments {
            let fragment = match fragment {
                Fragment::Text(text) => {
                    let filtered = self.text(&text, normalizer);
                    verdict = verdict.max(filtered.verdict);
                    Fragment::Text(filtered.text)
                }
                Fragment::Emote { id, alt } => {
                    let filtered = self.text(&alt, normalizer);
                    verdict = verdict.max(filtered.verdict);
                    if filtered.hits == 0 {
                        Fragment::Emote { id, alt }
                    } else {
                        Fragment::Text(filtered.text)
                    }
                }
                cheermote => cheermote,
            };
            // Keep text merged: an emote turned into text joins its neighbours.
            match (out.last_mut(), fragment) {
                (Some(Fragment::Text(last)), Fragment::Text(text)) => last.push_str(&text),
                (_, fragment) => out.push(fragment),
            }
        }
        FilteredMessage {
            fragments: out,
            verdict,
        }
    }

    /// Every hit in `folded`: its range of folded characters (inclusive) and its action.
    fn hits(&self, folded: &Folded) -> Vec<((usize, usize), FilterAction)> {
        let chars = &folded.chars;
        let mut found = Vec::new();
        for start in 0..chars.len() {
            if start > 0 && chars[start - 1].is_alphanumeric() {
                continue;
            }
            for rule in &self.rules {
                if let Some(end) = match_at(chars, start, &rule.pattern) {
                    found.push(((start, end), rule.action));
                }
            }
        }
        for run in spelled_runs(chars) {
            for rule in &self.rules {
                let same = rule.letters.len() == run.len()
                    && run.iter().zip(&rule.letters).all(|(&i, &p)| stands_for(chars[i], p));
                if same {
                    found.push(((run[0], run[run.len() - 1]), rule.action));
                }
            }
        }
        found
    }
}

/// The built-in list: one word per line of `builtin_words.txt`, `#` lines are comments.
pub fn builtin_words() -> impl Iterator<Item = &'static str> {
    BUILTIN_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The index of the last character of a whole-word match of `pattern` at `start`, if any.
fn match_at(chars: &[char], start: usize, pattern: &[Pat]) -> Option<usize> {
    let mut i = start;
    for pat in pattern {
        match pat {
            Pat::Char(p) => {
                if !stands_for(*chars.get(i)?, *p) {
                    return None;
                }
                i += 1;
            }
            Pat::Gap => {
                let from = i;
                while chars.get(i).is_some_and(|&c| !is_wordish(c)) {
                    i += 1;
                }
                if i == from {
                    return None;
                }
            }
        }
    }
    let ends_word = chars.get(i).is_none_or(|c| !c.is_alphanumeric());
    (i > start && ends_word).then(|| i - 1)
}

/// Words spelled out in single characters: maximal runs of at least two word characters, each
/// alone between non-word characters, with exactly one non-word character between neighbours.
fn spelled_runs(chars: &[char]) -> Vec<Vec<usize>> {
    let single = |i: usize| {
        is_wordish(chars[i])
            && (i == 0 || !is_wordish(chars[i - 1]))
            && chars.get(i + 1).is_none_or(|&c| !is_wordish(c))
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !single(i) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        while i + 2 < chars.len() && single(i + 2) {
            i += 2;
            run.push(i);
        }
        if run.len() >= 2 {
            runs.push(run);
        }
        i += 1;
    }
    runs
}

/// `text` with the units behind each folded range replaced by one `*` per visible unit.
fn mask(text: &str, folded: &Folded, ranges: Vec<(usize, usize)>) -> String {
    if ranges.is_empty() {
        return text.to_string();
    }
    // Folded ranges to unit ranges, merged where they overlap or touch.
    let mut units: Vec<(usize, usize)> = ranges
        .into_iter()
        .map(|(a, b)| (folded.origin[a], folded.origin[b]))
        .collect();
    crate::util::order::sort_by_u64_key(&mut units, |&(a, _)| a as u64);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in units {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (a, b) in merged {
        out.push_str(&text[at..folded.units[a].0]);
        let stars = folded.visible[a..=b].iter().filter(|v| **v).count();
        out.extend(std::iter::repeat_n('*', stars));
        at = folded.units[b].1;
    }
    out.push_str(&text[at..]);
    out
}
