#![cfg(not(target_arch = "wasm32"))]
//! The word filter (src/text/filter.rs): whole words, evasions (leetspeak, zero-width,
//! full-width and styled letters, spelled-out words), actions and verdicts, names, emotes, and
//! its configuration.

use tau_overlay::text::*;
use unicode_normalization::UnicodeNormalization;

/// What the browser's `String.prototype.normalize('NFKC')` does.
fn nfkc(text: &str) -> String {
    text.nfkc().collect()
}

fn filter(json: &str) -> WordFilter {
    WordFilter::new(&WordFilterConfig::from_json(json).unwrap(), &nfkc)
}

fn masked(words: &[&str], text: &str) -> String {
    let words: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
    let f = filter(&format!(r#"{{"lists": [{{"words": [{}]}}]}}"#, words.join(",")));
    f.text(text, &nfkc).text
}

#[test]
fn only_whole_words_are_masked() {
    assert_eq!(
        masked(&["bad"], "bad badge sinbad bad! (bad) bad_x 'bad'"),
        "*** badge sinbad ***! (***) ***_x '***'"
    );
    assert_eq!(masked(&["bad"], "BAD Bad bAd"), "*** *** ***");
    assert_eq!(masked(&["bad"], "bad1 1bad"), "bad1 1bad");
    assert_eq!(masked(&["BAD"], "so bad"), "so ***");
}

#[test]
fn leetspeak_evasion_is_caught() {
    for evasion in ["b4d", "B@D", "b@d", "84d"] {
        let expected = if evasion == "84d" { "84d" } else { "***" };
        assert_eq!(masked(&["bad"], evasion), expected, "{evasion}");
    }
    assert_eq!(masked(&["shit"], "5h1t $hit sh17"), "**** **** ****");
    assert_eq!(masked(&["lol"], "101 1o1"), "*** ***");
    // Leetspeak in the list catches the plain word and other spellings.
    assert_eq!(masked(&["l33t"], "leet 1337 l3et"), "**** **** ****");
}

#[test]
fn zero_width_evasion_is_caught() {
    for evasion in [
        "b\u{200b}ad",
        "b\u{ad}ad",
        "b\u{feff}a\u{2060}d",
        "b\u{200c}a\u{200d}d",
        "\u{200b}bad\u{200b}",
    ] {
        assert_eq!(masked(&["bad"], evasion).replace('\u{200b}', ""), "***", "{evasion:?}");
    }
}

#[test]
fn full_width_styled_and_decorated_letters_are_caught() {
    for evasion in [
        "ｂａｄ",
        "𝐛𝐚𝐝",
        "𝓫𝓪𝓭",
        "ⓑⓐⓓ",
        "b\u{336}a\u{336}d\u{336}",
        "b\u{35c}\u{35d}\u{35e}ad",
    ] {
        assert_eq!(masked(&["bad"], &format!("so {evasion}!")), "so ***!", "{evasion:?}");
    }
    // A ligature folds to two letters and is masked as one character.
    assert_eq!(masked(&["fine"], "ﬁne"), "***");
}

#[test]
fn the_normaliser_passed_in_is_the_one_used() {
    let config = WordFilterConfig::from_json(r#"{"lists": [{"words": ["bad"]}]}"#).unwrap();
    let identity = |s: &str| s.to_string();
    let f = WordFilter::new(&config, &identity);
    assert_eq!(f.text("ｂａｄ", &identity).text, "ｂａｄ");
    assert_eq!(f.text("ｂａｄ", &nfkc).text, "***");
}

#[test]
fn accents_compose_instead_of_being_stripped() {
    // "año" (year) is not "ano", whether the ñ is precomposed or n + combining tilde.
    assert_eq!(masked(&["ano"], "año an\u{303}o ano"), "año an\u{303}o ***");
}

#[test]
fn spelled_out_words_are_caught_but_not_inside_longer_runs() {
    for evasion in ["b.a.d", "b a d", "B-@-D", "b_a_d", "b*a*d", "b.\u{200b}a.d"] {
        let got = masked(&["bad"], &format!("you {evasion}!"));
        assert!(
            got.starts_with("you *") && got.ends_with("*!") && !got.contains(['b', 'B']),
            "{evasion:?}: {got}"
        );
    }
    for innocent in ["x b a d", "b a d s", "b..a..d", "a b c"] {
        assert_eq!(masked(&["bad"], innocent), innocent);
    }
}

#[test]
fn phrases_match_across_any_spaces_and_punctuation() {
    let words = ["kill yourself"];
    assert_eq!(masked(&words, "pls kill   yourself"), "pls ***************");
    assert_eq!(masked(&words, "KILL.YOURSELF now"), "************* now");
    assert_eq!(masked(&words, "kill\nyourself"), "*************");
    assert_eq!(
        masked(&words, "killyourself kill yourselfie"),
        "killyourself kill yourselfie"
    );
}

#[test]
fn overlapping_hits_are_masked_once() {
    assert_eq!(masked(&["bad", "bad word"], "a bad word"), "a ********");
    assert_eq!(masked(&["bad"], "bad bad"), "*** ***");
}

#[test]
fn the_strongest_action_hit_gives_the_verdict() {
    let f = filter(
        r#"{"lists": [
            {"words": ["bad"], "action": "mask"},
            {"words": ["spoiler"], "action": "hide_message"},
            {"words": ["scam"], "action": "drop_alert"}
        ]}"#,
    );
    let verdict = |text: &str| f.text(text, &nfkc).verdict;
    assert_eq!(verdict("all good"), Verdict::Show);
    assert_eq!(verdict("bad"), Verdict::Show);
    assert_eq!(verdict("bad SPOILER"), Verdict::HideMessage);
    assert_eq!(verdict("spoiler $cam bad"), Verdict::DropAlert);
    let out = f.text("bad spoiler", &nfkc);
    assert_eq!((out.text.as_str(), out.hits), ("*** *******", 2));
}

#[test]
fn names_are_filtered_too() {
    let f = filter(r#"{"lists": [{"words": ["bad"]}, {"words": ["scam"], "action": "drop_alert"}]}"#);
    assert_eq!(f.name("bad_guy", &nfkc).text, "***_guy");
    assert_eq!(f.name("B4D", &nfkc).text, "***");
    // A name glued into one word is not a whole-word hit.
    assert_eq!(f.name("xXbadXx", &nfkc).text, "xXbadXx");
    let scam = f.name("Scam_Bot", &nfkc);
    assert_eq!((scam.text.as_str(), scam.verdict), ("****_Bot", Verdict::DropAlert));
}

#[test]
fn emotes_whose_code_is_listed_become_masked_text() {
    let f = filter(r#"{"lists": [{"words": ["kappa", "cheer"], "action": "hide_message"}]}"#);
    let parts = build_fragments(
        "hi Kappa! HeyGuys Cheer100",
        &[
            EmotePosition {
                begin: 3,
                end: 7,
                id: "25".into(),
            },
            EmotePosition {
                begin: 10,
                end: 16,
                id: "30259".into(),
            },
        ],
        &CheermoteSet::builtin(),
        MESSAGE_MAX,
    );
    let out = f.message(parts, &nfkc);
    assert_eq!(out.verdict, Verdict::HideMessage);
    assert_eq!(out.fragments[0], Fragment::Text("hi *****! ".into()));
    assert!(matches!(&out.fragments[1], Fragment::Emote { id, .. } if id == "30259"));
    // Cheermotes are Twitch's own: left alone.
    assert!(matches!(&out.fragments[3], Fragment::Cheermote { amount: 100, .. }));
}

#[test]
fn the_builtin_list_is_off_unless_enabled() {
    let words: Vec<&str> = builtin_words().collect();
    assert!(words.len() >= 5);
    let off = filter("{}");
    let on = filter(r#"{"builtin": "drop_alert"}"#);
    assert!(off.is_empty() && !on.is_empty());
    assert!(!WordFilterConfig::default().is_enabled());
    for word in words {
        let text = format!("you {word}");
        assert_eq!(off.text(&text, &nfkc).text, text);
        let hit = on.text(&text, &nfkc);
        assert_eq!(hit.verdict, Verdict::DropAlert, "{word}");
        assert!(
            hit.text.starts_with("you *") && !hit.text[4..].contains(|c: char| c.is_alphabetic()),
            "{word}"
        );
    }
}

#[test]
fn words_that_fold_to_nothing_are_skipped() {
    let f = filter(r#"{"lists": [{"words": ["", "   ", "...", "\u200b"]}]}"#);
    assert!(f.is_empty());
    assert_eq!(f.text("... anything", &nfkc).text, "... anything");
}

#[test]
fn hostile_ten_kilobyte_texts_are_filtered_quickly() {
    let f = filter(r#"{"builtin": "mask", "lists": [{"words": ["bad", "b a d x"]}]}"#);
    let text = "b4d. ".repeat(2_000) + &"\u{200b}".repeat(2_000) + &"a.".repeat(2_000);
    let started = std::time::Instant::now();
    let out = f.text(&text, &nfkc);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    assert_eq!(out.hits, 2_000);
    assert!(out.text.starts_with("***. ***. "));
}

#[test]
fn config_defaults_and_shape() {
    let c = WordFilterConfig::from_json(r#"{"builtin": null, "lists": [{"words": ["a"]}]}"#).unwrap();
    assert_eq!(c.builtin, None);
    assert_eq!(
        c.lists,
        [WordList {
            words: vec!["a".into()],
            action: FilterAction::Mask
        }]
    );
    assert!(c.is_enabled());
    let c = WordFilterConfig::from_json(r#"{"builtin": "hide_message", "lists": []}"#).unwrap();
    assert_eq!(c.builtin, Some(FilterAction::HideMessage));
    assert_eq!(WordFilterConfig::from_json("{}").unwrap(), WordFilterConfig::default());
}

#[test]
fn config_mistakes_are_errors_naming_where() {
    let value = |text: &str| tau_overlay::tau::wire::parse(text).unwrap();
    let cases = [
        (r#"{"builtins": "mask"}"#, "word_filter", "unknown key \"builtins\""),
        (
            r#"{"builtin": true}"#,
            "word_filter.builtin",
            "expected a string, found a boolean",
        ),
        (r#"{"builtin": "ban"}"#, "word_filter.builtin", "unknown value \"ban\""),
        (
            r#"{"lists": {}}"#,
            "word_filter.lists",
            "expected an array, found an object",
        ),
        (
            r#"{"lists": [{"words": ["a"]}, {"word": ["b"]}]}"#,
            "word_filter.lists[1]",
            "unknown key \"word\"",
        ),
        (
            r#"{"lists": [{"action": "mask"}]}"#,
            "word_filter.lists[0]",
            "missing key \"words\"",
        ),
        (
            r#"{"lists": [{"words": "bad"}]}"#,
            "word_filter.lists[0].words",
            "expected an array, found a string",
        ),
        (
            r#"{"lists": [{"words": ["a", 3]}]}"#,
            "word_filter.lists[0].words[1]",
            "expected a string, found a number",
        ),
        (
            r#"{"lists": [{"words": [], "action": "hide"}]}"#,
            "word_filter.lists[0].action",
            "unknown value \"hide\"",
        ),
        (r#"[]"#, "word_filter", "expected an object, found an array"),
    ];
    for (text, path, problem) in cases {
        let err = WordFilterConfig::from_value(&value(text), "word_filter").unwrap_err();
        assert_eq!(err.path, path, "{text}");
        assert!(err.problem.starts_with(problem), "{text}: {}", err.problem);
    }
    assert!(WordFilterConfig::from_json("{not json").is_err());
}

#[test]
fn readme_word_filter_example_is_valid() {
    let readme = include_str!("../README.md");
    let section = readme
        .find("## Viewer text: emotes, cheermotes and the word filter")
        .expect("README has the viewer text section");
    let start = section + readme[section..].find("```json\n").expect("a json block") + "```json\n".len();
    let end = start + readme[start..].find("```").expect("closed block");
    // The README shows it inside an alert config file, under `word_filter`.
    let config = tau_overlay::engine::EngineConfig::from_json(&readme[start..end]).expect("README's example parses");
    assert!(config.word_filter.is_enabled());
}
