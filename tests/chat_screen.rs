#![cfg(not(target_arch = "wasm32"))]
//! What the chat box shows (issue 10 point 1): `!commands` and listed bots hidden, `chat_max`,
//! `chat_delay` on a virtual clock, a ban removing a user's lines (also those still waiting), and
//! name colours lightened to a contrast floor on the dark chat background.

use std::time::Duration;
use tau_overlay::settings::{parse_fragment, ConfigProblem};
use tau_overlay::tau::backfill::Delivery;
use tau_overlay::tau::chat::screen::{banned_login, ChatScreen, ScreenOptions, DEFAULT_MAX_LINES};
use tau_overlay::tau::chat::ChatLine;
use tau_overlay::tau::protocol::Frame;
use tau_overlay::text::contrast::{
    contrast, lighten_to, luminance, parse_hex, readable_name_color, CHAT_BACKGROUND, MIN_CONTRAST,
};
use tau_overlay::util::clock::Instant;

fn line(login: &str, text: &str) -> ChatLine {
    ChatLine {
        login: login.into(),
        display_name: login.into(),
        text: text.into(),
        ..Default::default()
    }
}

fn texts(screen: &ChatScreen) -> Vec<&str> {
    screen.shown().map(|l| l.line.text.as_str()).collect()
}

fn at(ms: u64) -> Instant {
    Instant(ms)
}

#[test]
fn bang_commands_are_hidden_unless_shown() {
    let mut screen = ChatScreen::new(ScreenOptions::default());
    assert!(!screen.push(line("viewer", "!uptime"), at(0)));
    assert!(!screen.push(line("viewer", "  !so streamer"), at(0)));
    assert!(screen.push(line("viewer", "hi !uptime"), at(0)));
    assert_eq!(texts(&screen), ["hi !uptime"]);

    let mut shown = ChatScreen::new(ScreenOptions {
        show_commands: true,
        ..Default::default()
    });
    assert!(shown.push(line("viewer", "!uptime"), at(0)));
    assert_eq!(texts(&shown), ["!uptime"]);
}

#[test]
fn hidden_bot_logins_match_case_insensitively() {
    let opts = ScreenOptions {
        hide: vec!["nightbot".into(), "streamelements".into()],
        ..Default::default()
    };
    assert!(opts.hides(&line("Nightbot", "Follow the channel!")));
    assert!(opts.hides(&line("STREAMELEMENTS", "hello")));
    assert!(!opts.hides(&line("nightbot_fan", "hello")));
    assert!(!opts.hides(&line("viewer", "nightbot is here")));
}

#[test]
fn chat_max_keeps_the_newest_lines() {
    let mut screen = ChatScreen::new(ScreenOptions {
        max: 3,
        ..Default::default()
    });
    for i in 0..5 {
        screen.push(line("viewer", &format!("line {i}")), at(i));
    }
    assert_eq!(texts(&screen), ["line 2", "line 3", "line 4"]);
    let keys: Vec<u64> = screen.shown().map(|l| l.key).collect();
    assert_eq!(keys, [2, 3, 4], "keys stay unique and stable");
}

#[test]
fn delayed_lines_show_after_the_delay_with_one_deadline() {
    let mut screen = ChatScreen::new(ScreenOptions {
        delay: Duration::from_secs(5),
        ..Default::default()
    });
    assert_eq!(screen.next_deadline(), None, "idle: no timer");
    assert!(!screen.push(line("a", "first"), at(1_000)));
    assert!(!screen.push(line("b", "second"), at(2_500)));
    assert_eq!(screen.next_deadline(), Some(at(6_000)));
    assert!(!screen.poll(at(5_999)));
    assert!(texts(&screen).is_empty());
    assert!(screen.poll(at(6_000)));
    assert_eq!(texts(&screen), ["first"]);
    assert_eq!(screen.next_deadline(), Some(at(7_500)));
    assert!(screen.poll(at(9_000)));
    assert_eq!(texts(&screen), ["first", "second"]);
    assert_eq!(screen.next_deadline(), None, "nothing waits: no timer");
}

#[test]
fn a_ban_removes_shown_and_waiting_lines_of_the_user() {
    let mut screen = ChatScreen::new(ScreenOptions {
        delay: Duration::from_secs(10),
        ..Default::default()
    });
    screen.push(line("troll", "shown spam"), at(0));
    screen.push(line("viewer", "hello"), at(0));
    assert!(screen.poll(at(10_000)));
    screen.push(line("troll", "waiting spam"), at(11_000));
    screen.push(line("viewer", "still here"), at(12_000));
    assert!(screen.ban("TROLL"), "the shown line went");
    assert_eq!(screen.waiting(), 1);
    screen.poll(at(30_000));
    assert_eq!(
        texts(&screen),
        ["hello", "still here"],
        "the delayed line never appears"
    );
    assert!(!screen.ban("nobody"));
}

#[test]
fn chat_keys_parse_with_defaults_and_bounds() {
    let config = parse_fragment("#demo").config;
    assert!(!config.chat_show_commands);
    assert!(config.chat_hide.is_empty());
    assert_eq!(config.chat_max, DEFAULT_MAX_LINES);
    assert_eq!(config.chat_delay, Duration::ZERO);

    let parsed =
        parse_fragment("#demo&chat_show_commands&chat_hide=NightBot,%20streamelements&chat_max=100&chat_delay=2.5");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let config = parsed.config;
    assert!(config.chat_show_commands);
    assert_eq!(config.chat_hide, ["nightbot", "streamelements"]);
    assert_eq!(config.chat_max, 100);
    assert_eq!(config.chat_delay, Duration::from_millis(2_500));
    let screen = config.chat_screen();
    assert_eq!((screen.max, screen.delay), (100, Duration::from_millis(2_500)));

    for (key, bad) in [
        ("chat_max", "0"),
        ("chat_max", "101"),
        ("chat_max", "x"),
        ("chat_delay", "31"),
        ("chat_delay", "-1"),
        ("chat_hide", ""),
        ("chat_hide", "night bot"),
        ("chat_hide", "a,<b>"),
        ("chat_show_commands", "maybe"),
    ] {
        let parsed = parse_fragment(&format!("#demo&{key}={bad}"));
        assert!(
            matches!(&parsed.problems[..], [ConfigProblem::BadValue { key: k, .. }] if k == key),
            "{key}={bad}: {:?}",
            parsed.problems
        );
        assert_eq!(parsed.config.chat_max, DEFAULT_MAX_LINES);
        assert!(parsed.config.chat_hide.is_empty());
    }
}

#[test]
fn luminance_and_contrast_follow_wcag() {
    assert_eq!(luminance([0, 0, 0]), 0.0);
    assert!((luminance([255, 255, 255]) - 1.0).abs() < 1e-9);
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    assert_eq!(contrast([9, 9, 9], [9, 9, 9]), 1.0);
    // WCAG's worked value: #777777 on white is about 4.48:1.
    assert!((contrast(parse_hex("#777777").unwrap(), [255; 3]) - 4.48).abs() < 0.01);
    assert_eq!(parse_hex("#1E90fF"), Some([0x1e, 0x90, 0xff]));
    for bad in ["1E90FF", "#1E90F", "#1E90FFF", "#GG0000", "red"] {
        assert_eq!(parse_hex(bad), None, "{bad}");
    }
}

#[test]
fn dark_name_colours_are_lightened_to_the_floor() {
    for dark in ["#000000", "#000080", "#0000FF", "#191970", "#1A1A2E", "#8B0000"] {
        let rgb = parse_hex(dark).unwrap();
        assert!(
            contrast(rgb, CHAT_BACKGROUND) < MIN_CONTRAST,
            "{dark} is a test of a dark colour"
        );
        let out = readable_name_color(dark).unwrap();
        let lit = parse_hex(&out).unwrap();
        let ratio = contrast(lit, CHAT_BACKGROUND);
        assert!(ratio >= MIN_CONTRAST, "{dark} -> {out}: {ratio}");
        assert!(
            ratio < MIN_CONTRAST + 0.3,
            "{dark} -> {out} is lightened only as far as needed ({ratio})"
        );
    }
    // Blue stays blue: the blue channel stays the largest.
    let [r, g, b] = parse_hex(&readable_name_color("#0000FF").unwrap()).unwrap();
    assert!(b > r && b > g, "{r} {g} {b}");
}

#[test]
fn readable_name_colours_are_kept() {
    for ok in ["#FF7F50", "#9ACD32", "#00FF7F", "#FFFFFF"] {
        assert_eq!(readable_name_color(ok), Some(ok.to_ascii_lowercase()));
    }
    assert_eq!(
        lighten_to([255, 0, 0], [255, 255, 255], 21.0),
        [255, 255, 255],
        "white is the limit"
    );
    assert_eq!(readable_name_color("blue"), None);
}

fn delivery(fixture: &str) -> Delivery {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    match Frame::parse(&std::fs::read_to_string(path).unwrap()) {
        Ok(Frame::Event(e)) => Delivery::Alert(e),
        other => panic!("{fixture}: {other:?}"),
    }
}

#[test]
fn only_a_channel_ban_names_a_user_to_remove() {
    let ban = delivery("channel-ban.json");
    let Delivery::Alert(e) = &ban else { unreachable!() };
    let tau_overlay::tau::protocol::TauEvent::Ban(b) = &e.event else {
        panic!("fixture is a ban")
    };
    assert!(!b.user_login.is_empty());
    assert_eq!(banned_login(&ban), Some(b.user_login.as_str()));
    assert_eq!(banned_login(&delivery("channel-unban.json")), None);
    assert_eq!(banned_login(&delivery("channel-follow.json")), None);
}

#[test]
fn luminance_matches_the_wcag_formula() {
    for c in 0..=255u8 {
        let s = f64::from(c) / 255.0;
        let linear = if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        };
        let ours = luminance([c, 0, 0]) / 0.2126;
        assert!((ours - linear).abs() < 1e-9, "{c}: {ours} vs {linear}");
    }
}
