#![cfg(not(target_arch = "wasm32"))]
//! Viewer text: sanitizing, capping, emote fragments from Twitch's positions (src/text).
//! Cheermotes are in text_cheermotes.rs. Hostile input throughout: events can be spoofed (PROTOCOL.md §10.12).

use tau_overlay::tau::protocol::events::TauEvent;
use tau_overlay::text::*;

#[path = "support/text.rs"]
mod support;
use support::{at, emote, event, text};

fn plain(raw: &str, emotes: &[EmotePosition]) -> Vec<Fragment> {
    build_fragments(raw, emotes, &CheermoteSet::default(), MESSAGE_MAX)
}

// ---- sanitizing and capping ----

#[test]
fn control_characters_are_stripped_and_line_breaks_become_spaces() {
    assert_eq!(sanitize("a\u{0}b\u{7}c\u{1b}[31md\u{7f}e\u{9b}f"), "abc[31mdef");
    assert_eq!(
        sanitize("one\ntwo\r\nthree\tfour\u{85}five\u{2028}six"),
        "one two  three four five six"
    );
    assert_eq!(sanitize("\u{0}\u{1}\u{1f}\u{80}\u{9f}"), "");
}

#[test]
fn sanitizing_pieces_and_joining_them_equals_sanitizing_the_whole() {
    // The fragment builder relies on it: emote positions count characters of the raw text.
    let pieces = ["a\u{202e}", "b\nc\u{0}", "d\u{2067}é😀\u{200d}"];
    let joined: String = pieces.iter().map(|p| sanitize(p)).collect();
    assert_eq!(joined, sanitize(&pieces.concat()));
    assert_eq!(joined, "ab cdé😀\u{200d}");
}

#[test]
fn bidi_overrides_and_isolates_are_stripped() {
    // A name ending in an unclosed right-to-left override would reverse the headline after it.
    assert_eq!(clean_name("\u{202e}gnp.exe", NAME_MAX), "gnp.exe");
    for c in [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ] {
        assert_eq!(sanitize(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
    }
    // Implicit marks and right-to-left letters stay.
    assert_eq!(sanitize("\u{200f}שלום\u{200e} x"), "\u{200f}שלום\u{200e} x");
}

#[test]
fn emoji_sequences_and_accents_survive_sanitizing() {
    let family = "👨\u{200d}👩\u{200d}👧 e\u{301} ñ 日本";
    assert_eq!(sanitize(family), family);
}

#[test]
fn caps_count_characters_and_end_with_an_ellipsis() {
    assert_eq!(cap_chars("abc", 3), "abc");
    assert_eq!(cap_chars("abcd", 3), "ab…");
    assert_eq!(cap_chars("😀😀😀😀", 3), "😀😀…");
    assert_eq!(cap_chars("abc", 0), "");
    assert_eq!(cap_chars("", 0), "");
    assert_eq!(cap_chars("ab", 1), "…");
    // A cut right after a zero-width joiner does not leave it dangling.
    assert_eq!(cap_chars("a\u{200d}bcdef", 3), "a…");
}

#[test]
fn absurdly_long_names_are_capped_and_empty_names_stay_empty() {
    let long = "x".repeat(10_000);
    let name = clean_name(&long, NAME_MAX);
    assert_eq!(name.chars().count(), NAME_MAX);
    assert!(name.ends_with(ELLIPSIS));
    assert_eq!(clean_name("  Ana \n", NAME_MAX), "Ana");
    assert_eq!(clean_name("\u{202e}\u{0}\u{2066} \t", NAME_MAX), "");
}

// ---- emotes ----

#[test]
fn resub_fixture_emotes_become_emote_fragments() {
    let TauEvent::SubscriptionMessage(m) = event("channel-subscription-message.json") else {
        panic!("not a resub")
    };
    let positions = sub_message_positions(m.message.emotes.as_deref().unwrap_or_default());
    assert_eq!(
        plain(&m.message.text, &positions),
        [
            text("15 months already! "),
            emote("25", "Kappa"),
            text(" "),
            emote("30259", "HeyGuys")
        ]
    );
}

#[test]
fn use_irc_redemption_fixture_emotes_become_emote_fragments() {
    let TauEvent::RedemptionAdd(r) = event("channel-channel_points_custom_reward_redemption-add.use_irc.json") else {
        panic!("not a redemption")
    };
    let positions = irc_positions(r.user_input_emotes.as_deref().unwrap_or_default());
    assert_eq!(
        plain(&r.user_input, &positions),
        [text("hello chat "), emote("25", "Kappa")]
    );
}

#[test]
fn emote_urls_are_built_only_from_valid_ids() {
    assert_eq!(
        emote_url("emotesv2_0123abcDEF").as_deref(),
        Some("https://static-cdn.jtvnw.net/emoticons/v2/emotesv2_0123abcDEF/default/dark/2.0")
    );
    for bad in [
        "",
        "..",
        "../25",
        "25/../x",
        "25\"",
        "25'",
        "<img>",
        "a b",
        "25?x",
        "é",
        "9".repeat(65).as_str(),
    ] {
        assert_eq!(emote_url(bad), None, "{bad:?}");
        // A fragment built by hand with a bad id still gives no image.
        assert_eq!(emote(bad, "x").image_url(), None, "{bad:?}");
    }
}

#[test]
fn positions_count_code_points_after_multibyte_characters() {
    // "é" is 2 bytes, "😀" 4 bytes and 2 UTF-16 units: Kappa starts at code point 6.
    let raw = "é 😀 ñ Kappa";
    assert_eq!(plain(raw, &[at(6, 10, "25")]), [text("é 😀 ñ "), emote("25", "Kappa")]);
    // Positions counted in UTF-16 units (7..=11) or bytes (10..=14) would be off: out of range
    // or straddling text, they are ignored and the text kept.
    assert_eq!(plain(raw, &[at(7, 11, "25")]), [text(raw)]);
    assert_eq!(plain(raw, &[at(3, 7, "25")]), [text(raw)]);
}

#[test]
fn invalid_positions_are_ignored_and_their_text_kept() {
    let raw = "hi Kappa";
    let cases = [
        at(5, 3, "25"),                   // reversed
        at(3, 8, "25"),                   // end one past the last code point
        at(30, 40, "25"),                 // far out of range
        at(usize::MAX, usize::MAX, "25"), // overflow bait
        at(0, usize::MAX, "25"),
        at(3, 7, "../../x"),
        at(3, 7, "25\" onerror=\"x"),
        at(3, 7, "2/5"),
        at(3, 7, ""),
        at(1, 4, "25"), // covers the space: no emote code holds whitespace
    ];
    for case in cases {
        assert_eq!(plain(raw, std::slice::from_ref(&case)), [text(raw)], "{case:?}");
    }
    assert_eq!(plain("", &[at(0, 0, "25")]), Vec::<Fragment>::new());
}

#[test]
fn overlapping_positions_keep_the_first_one_only() {
    let raw = "Kappa Kappa";
    let got = plain(
        raw,
        &[
            at(6, 10, "25"),
            at(2, 7, "1"),
            at(0, 4, "25"),
            at(4, 4, "9"),
            at(0, 4, "7"),
        ],
    );
    assert_eq!(got, [emote("25", "Kappa"), text(" "), emote("25", "Kappa")]);
}

#[test]
fn positions_in_any_order_give_fragments_in_text_order() {
    let raw = "a b c";
    let got = plain(raw, &[at(4, 4, "3"), at(0, 0, "1"), at(2, 2, "2")]);
    assert_eq!(
        got,
        [emote("1", "a"), text(" "), emote("2", "b"), text(" "), emote("3", "c")]
    );
}

#[test]
fn text_around_emotes_is_sanitized_and_emote_positions_still_fit() {
    // Positions count the raw text, controls and overrides included.
    let raw = "\u{202e}x\u{0}\ny Kappa\u{2066}!";
    let got = plain(raw, &[at(6, 10, "25")]);
    assert_eq!(got, [text("x y "), emote("25", "Kappa"), text("!")]);
    let alt = plain("Ka\u{1}pa", &[at(0, 4, "25")]);
    assert_eq!(alt, [emote("25", "Kapa")]);
}

#[test]
fn ten_kilobyte_messages_are_capped_with_an_ellipsis() {
    let raw = "word ".repeat(2_000);
    let got = plain(&raw, &[at(0, 3, "25"), at(9_000, 9_003, "25")]);
    assert_eq!(got[0], emote("25", "word"));
    assert_eq!(plain_text(&got).chars().count(), MESSAGE_MAX);
    assert!(plain_text(&got).ends_with(ELLIPSIS));
    assert_eq!(got.len(), 2, "the emote past the cap is gone: {:?}", &got[1..]);
}

#[test]
fn an_emote_that_does_not_fit_the_cap_is_left_out_whole() {
    let parts = vec![text("abc"), emote("25", "Kappa"), text("z")];
    assert_eq!(cap_fragments(parts.clone(), 9), parts);
    assert_eq!(cap_fragments(parts.clone(), 8), [text("abc…")]);
    assert_eq!(cap_fragments(parts.clone(), 2), [text("a…")]);
    assert_eq!(cap_fragments(parts, 0), Vec::<Fragment>::new());
}

#[test]
fn ten_thousand_hostile_positions_are_handled() {
    let raw = "Kappa ".repeat(2_000);
    let mut positions: Vec<EmotePosition> = (0..10_000)
        .map(|i| at(i * 3 % 12_000, i * 3 % 12_000 + 4, "25"))
        .collect();
    positions.push(at(0, 4, "25"));
    let got = build_fragments(&raw, &positions, &CheermoteSet::default(), usize::MAX);
    assert_eq!(
        got.iter().filter(|f| matches!(f, Fragment::Emote { .. })).count(),
        2_000
    );
    assert_eq!(plain_text(&got), raw);
}
