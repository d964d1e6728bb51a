//! CSS that OBS's Chromium 103 does not understand: nesting, newer at-rules, selectors,
//! properties, functions, units and media syntax. Chromium drops what it cannot parse without
//! a word, so a theme using any of these silently loses rules inside OBS.
//!
//! Versions are the first Chrome that has the feature on by default: the "Chrome" column of
//! MDN's browser-compat-data (developer.mozilla.org compatibility tables) and chromestatus.com,
//! as of 2026-12. Everything listed is newer than 103; older features (`:is()`/`:where()` 88,
//! `@layer` 99, `@property` 85, `aspect-ratio` 88, `inset` 87, `hwb()` 101) are fine and not
//! listed. Declarations inside an `@supports` block are not checked: that is how a theme offers
//! a newer feature to newer browsers (nesting is checked even there: it breaks parsing).

use super::css_tokens::{tokenize, Kind, Token};

/// One use of something Chromium 103 lacks.
#[derive(Debug, PartialEq)]
pub struct Finding {
    /// 1-based line of the CSS text.
    pub line: usize,
    /// What was found, e.g. `:has()` or `CSS nesting`.
    pub what: String,
    /// The first Chrome that has it; `None` = none has it unprefixed yet.
    pub chrome: Option<u32>,
}

const AT_RULES: &[(&str, u32)] = &[
    ("container", 105),
    ("font-feature-values", 111),
    ("starting-style", 117),
    ("scope", 118),
    ("position-try", 125),
    ("view-transition", 126),
];

const PSEUDO_FUNCTIONS: &[(&str, u32)] = &[("has", 105), ("highlight", 105), ("dir", 120), ("state", 125)];

const PSEUDO_CLASSES: &[(&str, u32)] = &[
    ("modal", 105),
    ("autofill", 110),
    ("popover-open", 114),
    ("user-valid", 119),
    ("user-invalid", 119),
    ("open", 133),
];

const MEDIA_FEATURES: &[(&str, u32)] = &[
    ("update", 113),
    ("prefers-reduced-transparency", 118),
    ("scripting", 120),
];

const PROPERTIES: &[(&str, u32)] = &[
    ("translate", 104),
    ("rotate", 104),
    ("scale", 104),
    ("object-view-box", 104),
    ("container", 105),
    ("container-type", 105),
    ("container-name", 105),
    ("hyphenate-character", 106),
    ("math-depth", 109),
    ("math-style", 109),
    ("initial-letter", 110),
    ("view-transition-name", 111),
    ("font-variant-alternates", 111),
    ("text-wrap", 114),
    ("white-space-collapse", 114),
    ("animation-timeline", 115),
    ("animation-range", 115),
    ("scroll-timeline", 115),
    ("scroll-timeline-name", 115),
    ("scroll-timeline-axis", 115),
    ("view-timeline", 115),
    ("view-timeline-name", 115),
    ("transition-behavior", 117),
    ("mask", 120),
    ("mask-image", 120),
    ("mask-size", 120),
    ("mask-position", 120),
    ("mask-repeat", 120),
    ("mask-origin", 120),
    ("mask-clip", 120),
    ("mask-composite", 120),
    ("mask-mode", 120),
    ("scrollbar-color", 121),
    ("scrollbar-width", 121),
    ("field-sizing", 123),
    ("anchor-name", 125),
    ("position-anchor", 125),
    ("position-area", 129),
    ("position-try", 125),
    ("position-try-fallbacks", 128),
    ("font-size-adjust", 127),
    ("interpolate-size", 129),
    ("text-box", 133),
    ("text-box-trim", 133),
    ("text-box-edge", 133),
];

const FUNCTIONS: &[(&str, u32)] = &[
    ("color-mix", 111),
    ("lab", 111),
    ("lch", 111),
    ("oklab", 111),
    ("oklch", 111),
    ("color", 111),
    ("sin", 111),
    ("cos", 111),
    ("tan", 111),
    ("asin", 111),
    ("acos", 111),
    ("atan", 111),
    ("atan2", 111),
    ("pow", 111),
    ("sqrt", 111),
    ("hypot", 111),
    ("log", 111),
    ("exp", 111),
    ("linear", 113),
    ("image-set", 113),
    ("light-dark", 123),
    ("round", 125),
    ("mod", 125),
    ("rem", 125),
    ("anchor", 125),
    ("anchor-size", 125),
    ("calc-size", 129),
];

const UNITS: &[(&str, u32)] = &[
    ("cqw", 105),
    ("cqh", 105),
    ("cqi", 105),
    ("cqb", 105),
    ("cqmin", 105),
    ("cqmax", 105),
    ("ic", 106),
    ("dvh", 108),
    ("svh", 108),
    ("lvh", 108),
    ("dvw", 108),
    ("svw", 108),
    ("lvw", 108),
    ("dvi", 108),
    ("svi", 108),
    ("lvi", 108),
    ("dvb", 108),
    ("svb", 108),
    ("lvb", 108),
    ("dvmin", 108),
    ("svmin", 108),
    ("lvmin", 108),
    ("dvmax", 108),
    ("svmax", 108),
    ("lvmax", 108),
    ("vi", 108),
    ("vb", 108),
    ("lh", 109),
    ("rlh", 111),
    ("rex", 111),
    ("rch", 111),
    ("ric", 111),
    ("cap", 118),
    ("rcap", 118),
];

/// Colour functions that take relative-colour syntax (`rgb(from red r g b)`, Chrome 119).
const COLOR_FUNCTIONS: &[&str] = &[
    "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color",
];

fn lookup(table: &[(&str, u32)], name: &str) -> Option<u32> {
    table.iter().find(|(n, _)| *n == name).map(|&(_, v)| v)
}

#[derive(Clone, Copy, PartialEq)]
enum Block {
    /// The sheet or a grouping at-rule (`@media`, `@supports`, …): holds rules.
    Rules,
    /// `@keyframes`: holds keyframe blocks.
    Keyframes,
    /// A style rule, keyframe, `@font-face`, …: holds declarations.
    Declarations,
}

struct Checker {
    found: Vec<Finding>,
}

impl Checker {
    fn add(&mut self, line: usize, what: impl Into<String>, chrome: Option<u32>) {
        self.found.push(Finding {
            line,
            what: what.into(),
            chrome,
        });
    }

    fn selector(&mut self, toks: &[&Token]) {
        for (i, t) in toks.iter().enumerate() {
            let after_colon = i > 0 && toks[i - 1].kind == Kind::Colon;
            match &t.kind {
                Kind::Delim('&') => self.add(t.line, "CSS nesting (`&`)", Some(112)),
                Kind::Function(name) if after_colon => {
                    if let Some(v) = lookup(PSEUDO_FUNCTIONS, name) {
                        self.add(t.line, format!(":{name}()"), Some(v));
                    } else if name.starts_with("nth-") {
                        let args = toks[i + 1..].iter().take_while(|t| t.kind != Kind::Delim(')'));
                        if args.into_iter().any(|t| t.kind == Kind::Ident("of".into())) {
                            self.add(t.line, format!(":{name}(… of S)"), Some(111));
                        }
                    }
                }
                Kind::Ident(name) if after_colon => {
                    if let Some(v) = lookup(PSEUDO_CLASSES, name) {
                        self.add(t.line, format!(":{name}"), Some(v));
                    }
                }
                _ => {}
            }
        }
    }

    fn at_rule(&mut self, toks: &[&Token]) {
        let Some(Token {
            kind: Kind::AtKeyword(name),
            line,
        }) = toks.first()
        else {
            return;
        };
        if let Some(v) = lookup(AT_RULES, name) {
            self.add(*line, format!("@{name}"), Some(v));
        }
        if name == "media" {
            for t in &toks[1..] {
                match &t.kind {
                    Kind::Delim(c @ ('<' | '>' | '=')) => {
                        self.add(t.line, format!("media query range syntax (`{c}`)"), Some(104))
                    }
                    Kind::Ident(f) => {
                        if let Some(v) = lookup(MEDIA_FEATURES, f) {
                            self.add(t.line, format!("@media ({f})"), Some(v));
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn declaration(&mut self, toks: &[&Token]) {
        let property = match toks {
            [Token {
                kind: Kind::Ident(p),
                line,
            }, Token { kind: Kind::Colon, .. }, ..] => Some((p.as_str(), *line)),
            _ => None,
        };
        let value = if property.is_some() { &toks[2..] } else { toks };
        if let Some((name, line)) = property {
            if let Some(v) = lookup(PROPERTIES, name) {
                self.add(line, format!("property `{name}`"), Some(v));
            }
            // Keywords of the value itself, not arguments of a function (`var(--x, block)`).
            let mut depth = 0usize;
            let idents: Vec<&str> = value
                .iter()
                .enumerate()
                .filter_map(|(i, t)| match &t.kind {
                    Kind::Function(_) | Kind::Paren => {
                        depth += 1;
                        None
                    }
                    Kind::Delim(')') => {
                        depth = depth.saturating_sub(1);
                        None
                    }
                    Kind::Ident(s) if depth == 0 && (i == 0 || value[i - 1].kind != Kind::Delim('!')) => {
                        Some(s.as_str())
                    }
                    _ => None,
                })
                .collect();
            if name == "display" && idents.len() > 1 {
                self.add(
                    line,
                    format!("multi-keyword `display: {}`", idents.join(" ")),
                    Some(115),
                );
            }
            if name == "background-clip" && idents.contains(&"text") {
                self.add(line, "unprefixed `background-clip: text`", Some(120));
            }
        }
        for (i, t) in value.iter().enumerate() {
            match &t.kind {
                Kind::Function(f) => {
                    if let Some(v) = lookup(FUNCTIONS, f) {
                        self.add(t.line, format!("{f}()"), Some(v));
                    }
                    let next = value[i + 1..].iter().find(|t| t.kind != Kind::Space);
                    if COLOR_FUNCTIONS.contains(&f.as_str())
                        && next.is_some_and(|n| n.kind == Kind::Ident("from".into()))
                    {
                        self.add(t.line, format!("relative colour `{f}(from …)`"), Some(119));
                    }
                }
                Kind::Number(unit) => {
                    if let Some(v) = lookup(UNITS, unit) {
                        self.add(t.line, format!("unit `{unit}`"), Some(v));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Everything in `css` that Chromium 103 lacks, in source order.
pub fn check(css: &str) -> Vec<Finding> {
    let tokens = tokenize(css);
    let mut checker = Checker { found: Vec::new() };
    // (block, inside @supports)
    let mut stack = vec![(Block::Rules, false)];
    let mut statement: Vec<&Token> = Vec::new();
    for t in &tokens {
        let &(block, supports) = stack.last().expect("the sheet is never popped");
        match t.kind {
            Kind::Open => {
                let first = statement.iter().find(|t| t.kind != Kind::Space).map(|t| &t.kind);
                let next = match (block, first) {
                    (Block::Declarations, _) => {
                        checker.add(t.line, "CSS nesting (a rule inside a style rule)", Some(112));
                        (Block::Declarations, supports)
                    }
                    (_, Some(Kind::AtKeyword(name))) => {
                        let name = name.clone();
                        if !supports {
                            checker.at_rule(&trim(&statement));
                        }
                        match name.as_str() {
                            "media" | "supports" | "layer" | "container" | "scope" | "starting-style" | "document" => {
                                (Block::Rules, supports || name == "supports")
                            }
                            "keyframes" | "-webkit-keyframes" => (Block::Keyframes, supports),
                            _ => (Block::Declarations, supports),
                        }
                    }
                    (Block::Keyframes, _) => (Block::Declarations, supports),
                    (Block::Rules, _) => {
                        if !supports {
                            checker.selector(&trim(&statement));
                        }
                        (Block::Declarations, supports)
                    }
                };
                stack.push(next);
                statement.clear();
            }
            Kind::Semicolon | Kind::Close => {
                let toks = trim(&statement);
                if !supports && !toks.is_empty() {
                    match block {
                        Block::Declarations => checker.declaration(&toks),
                        _ => checker.at_rule(&toks),
                    }
                }
                statement.clear();
                if t.kind == Kind::Close && stack.len() > 1 {
                    stack.pop();
                }
            }
            _ => statement.push(t),
        }
    }
    let toks = trim(&statement);
    if let (Some(&(Block::Declarations, false)), false) = (stack.last(), toks.is_empty()) {
        checker.declaration(&toks);
    }
    checker.found
}

/// The statement without leading and trailing whitespace, and with whitespace next to a `:`
/// dropped (so `color : red` reads as `color:red`).
fn trim<'a>(toks: &[&'a Token]) -> Vec<&'a Token> {
    let mut out: Vec<&Token> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let next_is_colon = toks.get(i + 1).is_some_and(|n| n.kind == Kind::Colon);
        let prev_is_colon = out.last().is_some_and(|p| p.kind == Kind::Colon);
        if t.kind == Kind::Space && (out.is_empty() || next_is_colon || prev_is_colon || i + 1 == toks.len()) {
            continue;
        }
        out.push(t);
    }
    out
}
