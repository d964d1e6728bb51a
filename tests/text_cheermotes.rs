#![cfg(not(target_arch = "wasm32"))]
//! Viewer text: cheermotes from cheer messages and Helix `bits/cheermotes`
//! (src/text/cheermotes.rs). Hostile input throughout: events can be spoofed (PROTOCOL.md §10.12).

use serde_json::{json, Value};
use tau_overlay::tau::protocol::events::TauEvent;
use tau_overlay::text::*;

#[path = "support/text.rs"]
mod support;
use support::{at, emote, event, text};

fn cheer(raw: &str, set: &CheermoteSet) -> Vec<Fragment> {
    build_fragments(raw, &[], set, MESSAGE_MAX)
}

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
