#![cfg(not(target_arch = "wasm32"))]
//! Viewer text: sanitizing, capping, emote fragments from Twitch's positions, cheermotes
//! (src/text). Hostile input throughout: events can be spoofed (PROTOCOL.md §10.12).

use serde_json::{json, Value};
use std::path::Path;
use tau_overlay::protocol::events::TauEvent;
use tau_overlay::protocol::Frame;
use tau_overlay::text::*;

fn event(name: &str) -> TauEvent {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    match Frame::parse(&text) {
        Ok(Frame::Event(e)) => e.event,
        other => panic!("{name}: {other:?}"),
    }
}

fn text(s: &str) -> Fragment {
    Fragment::Text(s.into())
}

fn emote(id: &str, alt: &str) -> Fragment {
    Fragment::Emote {
        id: id.into(),
        alt: alt.into(),
    }
}

fn at(begin: usize, end: usize, id: &str) -> EmotePosition {
    EmotePosition {
        begin,
        end,
        id: id.into(),
    }
}

fn plain(raw: &str, emotes: &[EmotePosition]) -> Vec<Fragment> {
    build_fragments(raw, emotes, &CheermoteSet::default(), MESSAGE_MAX)
}

fn cheer(raw: &str, set: &CheermoteSet) -> Vec<Fragment> {
    build_fragments(raw, &[], set, MESSAGE_MAX)
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

// ---- cheermotes ----

fn helix() -> Value {
    let images = |base: &str| {
        json!({
            "dark": {"animated": {"1": format!("{base}/d/a/1.gif"), "2": format!("{base}/d/a/2.gif")},
                     "static": {"1": format!("{base}/d/s/1.png")}},
            "light": {"static": {"1": format!("{base}/l/s/1.png")}}
        })
    };
    json!({"data": [
        {"prefix": "Cheer", "type": "global_first_party", "tiers": [
            {"min_bits": 100, "id": "100", "color": "#9C3EE8", "images": images("https://d3aqoihi2n8ty8.cloudfront.net/cheer/100")},
            {"min_bits": 1, "id": "1", "color": "#979797", "images": images("https://d3aqoihi2n8ty8.cloudfront.net/cheer/1")},
            {"min_bits": 1000, "id": "1000", "color": "red; background: url(x)", "images": images("http://d3aqoihi2n8ty8.cloudfront.net/cheer/1000")},
            {"min_bits": 10000, "id": "10000", "color": "#f43021", "images": {
                "dark": {"animated": {"2": "https://evil.example/x.gif"}},
                "light": {"static": {"1": "https://static-cdn.jtvnw.net/bits/10000.png"}}}},
            {"min_bits": 0, "color": "#000000"}
        ]},
        {"prefix": "cheer", "tiers": [{"min_bits": 1, "color": "#ffffff"}]},
        {"prefix": "Party4", "tiers": [{"min_bits": 1, "color": "#ffffff"}]},
        {"prefix": "Party", "tiers": [{"min_bits": 500, "color": "#123456"}]},
        {"prefix": "<img>", "tiers": []},
        {"tiers": []},
        "junk"
    ]})
}

fn cheermote(prefix: &str, amount: u64, color: Option<&str>, image: Option<&str>) -> Fragment {
    Fragment::Cheermote {
        prefix: prefix.into(),
        amount,
        tier_color: color.map(str::to_string),
        image_url: image.map(str::to_string),
    }
}

#[test]
fn cheer_fixture_message_becomes_a_cheermote_and_text() {
    let TauEvent::Cheer(c) = event("channel-cheer.json") else {
        panic!("not a cheer")
    };
    assert_eq!(
        cheer(&c.message, &CheermoteSet::builtin()),
        [
            cheermote("Cheer", 100, Some("#9c3ee8"), None),
            text(" that build finally passed!")
        ]
    );
}

#[test]
fn builtin_cheer_tier_colour_follows_the_amount() {
    let set = CheermoteSet::builtin();
    for (amount, color) in [
        (1, "#979797"),
        (99, "#979797"),
        (100, "#9c3ee8"),
        (999, "#9c3ee8"),
        (1000, "#1db2a5"),
        (4999, "#1db2a5"),
        (5000, "#0099fe"),
        (10000, "#f43021"),
        (250000, "#f43021"),
    ] {
        let got = cheer(&format!("Cheer{amount}"), &set);
        assert_eq!(got, [cheermote("Cheer", amount, Some(color), None)], "{amount}");
    }
}

#[test]
fn helix_cheermotes_give_tier_colours_and_cdn_images_only() {
    let set = CheermoteSet::from_helix(&helix());
    let prefixes: Vec<&str> = set.families().iter().map(|f| f.prefix.as_str()).collect();
    // `cheer` repeats `Cheer`; `Party4` ends in a digit; `<img>` is not a prefix.
    assert_eq!(prefixes, ["Cheer", "Party"]);
    let base = "https://d3aqoihi2n8ty8.cloudfront.net/cheer";
    let got = cheer("Cheer1 cheer150 CHEER1000 Cheer20000 Party400 Party500", &set);
    assert_eq!(
        got,
        [
            cheermote("Cheer", 1, Some("#979797"), Some(&format!("{base}/1/d/a/2.gif"))),
            text(" "),
            cheermote("cheer", 150, Some("#9c3ee8"), Some(&format!("{base}/100/d/a/2.gif"))),
            text(" "),
            // Bad colour, and images only over plain http: neither is used.
            cheermote("CHEER", 1000, None, None),
            text(" "),
            // The dark image is on a foreign host: the light one on Twitch's CDN is used.
            cheermote(
                "Cheer",
                20000,
                Some("#f43021"),
                Some("https://static-cdn.jtvnw.net/bits/10000.png")
            ),
            text(" "),
            // Below the family's lowest tier: a cheermote without colour or image.
            cheermote("Party", 400, None, None),
            text(" "),
            cheermote("Party", 500, Some("#123456"), None),
        ]
    );
}

#[test]
fn cheer_tokens_must_be_whole_words_with_a_plain_amount() {
    let set = CheermoteSet::builtin();
    for raw in [
        "xCheer100",
        "Cheer100!",
        "Cheer100x",
        "Cheer",
        "Cheer0",
        "Cheer0100",
        "Cheer1234567890",
        "Chee100",
        "Cheer-100",
        "Cheer１００",
        "Kappa100",
        "100",
    ] {
        assert_eq!(cheer(raw, &set), [text(raw)], "{raw}");
    }
    assert_eq!(
        cheer("gg\tcheer5\nCheer5\u{0}", &set),
        [
            text("gg "),
            cheermote("cheer", 5, Some("#979797"), None),
            text(" "),
            cheermote("Cheer", 5, Some("#979797"), None)
        ]
    );
    // Sanitizing comes first: a dropped control character glues words together.
    assert_eq!(cheer("gg\u{0}Cheer5", &set), [text("ggCheer5")]);
}

#[test]
fn cheermotes_and_emotes_mix_in_one_message() {
    let got = build_fragments(
        "Kappa Cheer100 Kappa",
        &[at(0, 4, "25"), at(15, 19, "25")],
        &CheermoteSet::builtin(),
        MESSAGE_MAX,
    );
    assert_eq!(
        got,
        [
            emote("25", "Kappa"),
            text(" "),
            cheermote("Cheer", 100, Some("#9c3ee8"), None),
            text(" "),
            emote("25", "Kappa")
        ]
    );
    assert_eq!(plain_text(&got), "Kappa Cheer100 Kappa");
}

#[test]
fn cheermote_images_come_only_from_twitch_cdn_hosts() {
    for good in [
        "https://static-cdn.jtvnw.net/bits/dark/animated/purple/2",
        "https://d3aqoihi2n8ty8.cloudfront.net/actions/cheer/dark/animated/100/2.gif",
        "https://x.twitchcdn.net/a.png",
    ] {
        assert_eq!(twitch_cdn_url(good).as_deref(), Some(good));
    }
    for bad in [
        "http://static-cdn.jtvnw.net/a.png",
        "https://jtvnw.net.evil.example/a.png",
        "https://evil.example/static-cdn.jtvnw.net/a.png",
        "https://static-cdn.jtvnw.net@evil.example/a.png",
        "https://evil.example\\.jtvnw.net/a.png",
        "https://evil.example?.jtvnw.net/a.png",
        "https://static-cdn.jtvnw.net:8443/a.png",
        "https://STATIC-CDN.JTVNW.NET/a.png",
        "https://static-cdn.jtvnw.net",
        "https://static-cdn.jtvnw.net/a b.png",
        "https://static-cdn.jtvnw.net/a\".png",
        "https://abc.cloudfront.net/a.png",
        "javascript:alert(1)//.jtvnw.net/",
        "data:image/png;base64,AAAA",
        "",
    ] {
        assert_eq!(twitch_cdn_url(bad), None, "{bad}");
    }
}

#[test]
fn only_hex_colours_are_tier_colours() {
    assert_eq!(hex_color("#9C3EE8").as_deref(), Some("#9c3ee8"));
    for bad in ["9c3ee8", "#9c3ee", "#9c3ee8ff", "red", "#zzzzzz", "#fff;x", ""] {
        assert_eq!(hex_color(bad), None, "{bad}");
    }
}

#[test]
fn helix_answers_that_are_not_cheermote_lists_give_an_empty_set() {
    for body in [
        json!(null),
        json!({}),
        json!({"data": 3}),
        json!({"data": [1, "x", null]}),
        json!([]),
    ] {
        assert!(CheermoteSet::from_helix(&body).is_empty(), "{body}");
    }
}
