#![cfg(not(target_arch = "wasm32"))]
//! A default alert for every alert-worthy type, in five languages, with parsed templates and a
//! per-kind off switch (issue 9 points 1 and 2): real fixtures through `Frame::parse`, the adapter
//! and the engine, as the overlay does.

use std::collections::BTreeMap;
use std::path::Path;
use tau_overlay::engine::*;
use tau_overlay::settings::{parse_fragment, ConfigProblem};
use tau_overlay::tau::protocol::{Envelope, Frame};
use tau_overlay::text::parts::TextPart;
use tau_overlay::util::clock::Instant;

fn fixture(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn envelope(frame: &serde_json::Value) -> Envelope {
    match Frame::parse(&frame.to_string()) {
        Ok(Frame::Event(e)) => *e,
        other => panic!("expected an event, got {other:?}"),
    }
}

/// Every headline an engine running `config` shows for `frames`, in order.
fn headlines(config: EngineConfig, numbers: FormatNumber, frames: &[serde_json::Value]) -> Vec<String> {
    let mut engine = Engine::new(config, 1).with_number_format(numbers);
    let mut shown = Vec::new();
    let mut now = 0;
    for (i, frame) in frames.iter().enumerate() {
        // Fixtures share their ids; live events with an id already seen are filtered.
        let mut frame = frame.clone();
        frame["id"] = format!("frame-{i}").into();
        if let Some(input) = AlertInput::from_envelope(&envelope(&frame)) {
            engine.push(input, Instant(now));
        }
        // One at a time: let each alert leave before the next frame.
        loop {
            for action in engine.poll(Instant(now)) {
                if let EngineAction::Show(view) = action {
                    shown.push(view.headline_text());
                }
            }
            match engine.next_deadline() {
                Some(t) => now = t.0.max(now + 1),
                None => break,
            }
        }
    }
    shown
}

fn in_lang(lang: Lang) -> EngineConfig {
    EngineConfig {
        lang: Some(lang),
        ..EngineConfig::default()
    }
}

/// Every type of issue 9 point 1, as a frame, with its English default text.
fn every_type() -> Vec<(serde_json::Value, &'static str)> {
    let mut prime = fixture("channel-subscribe.json");
    prime["event_data"]["tier"] = "Prime".into();
    let mut single_gift = fixture("channel-subscription-gift.json");
    single_gift["event_data"]["total"] = 1.into();
    let mut no_streak = fixture("channel-subscription-message.json");
    no_streak["event_data"]["streak_months"] = serde_json::Value::Null;
    let mut streak = fixture("channel-subscription-message.json");
    streak["event_data"]["streak_months"] = 3.into();
    let mut bits = fixture("channel-cheer.json");
    bits["event_data"]["bits"] = 1000.into();
    vec![
        (fixture("channel-follow.json"), "TestFollower is now following!"),
        (
            fixture("channel-subscribe.json"),
            "TestSubscriber just subscribed at tier 1!",
        ),
        (prime, "TestSubscriber just subscribed with Prime!"),
        (no_streak, "TestResubber resubscribed for 15 months!"),
        (streak, "TestResubber resubscribed for 15 months, 3 in a row!"),
        (single_gift, "TestGifter gifted a sub!"),
        (fixture("channel-subscription-gift.json"), "TestGifter gifted 5 subs!"),
        (bits, "TestCheerer cheered 1000 bits!"),
        (fixture("channel-raid.json"), "TestRaider is raiding with 42 viewers!"),
        (
            fixture("channel-channel_points_custom_reward_redemption-add.json"),
            "TestRedeemer redeemed Text to speech for 1000 points!",
        ),
        (
            fixture("channel-hype_train-begin.json"),
            "A hype train started at level 1!",
        ),
        (
            fixture("channel-hype_train-progress.json"),
            "The hype train reached level 2!",
        ),
        (
            fixture("channel-hype_train-end.json"),
            "The hype train ended at level 2!",
        ),
        (
            fixture("channel-goal-end.json"),
            "Goal reached: Road to 1000 followers (1003/1000)!",
        ),
        (
            fixture("channel-poll-end.json"),
            "Poll “Which language next stream?”: Rust wins with 31 votes!",
        ),
        (
            fixture("channel-prediction-end.json"),
            "Prediction “Will the build pass first try?”: Yes won!",
        ),
        (
            fixture("channel-charity_campaign-donate.json"),
            "TestFollower donated $15.00 to Example Charity!",
        ),
        (
            fixture("channel-shoutout-receive.json"),
            "TestRaider shouted you out to 42 viewers!",
        ),
        (fixture("stream-online.json"), "TestStreamer is live!"),
    ]
}

#[test]
fn every_alert_type_has_its_complete_default_text_in_english() {
    let (frames, want): (Vec<_>, Vec<_>) = every_type().into_iter().unzip();
    assert_eq!(headlines(in_lang(Lang::En), plain_number, &frames), want);
}

#[test]
fn every_alert_type_has_a_translated_text_with_its_values_in_all_five_languages() {
    let (frames, english): (Vec<_>, Vec<_>) = every_type().into_iter().unzip();
    for lang in [Lang::De, Lang::Es, Lang::Fr, Lang::PtBr] {
        let shown = headlines(in_lang(lang), plain_number, &frames);
        assert_eq!(shown.len(), english.len(), "{lang:?}: {shown:?}");
        for (text, en) in shown.iter().zip(&english) {
            assert!(!text.trim().is_empty() && text != en, "{lang:?}: {text:?} for {en:?}");
            assert!(!text.contains(['{', '}']), "{lang:?}: {text:?}");
            // Every name and number of the English text is in the translation too.
            for word in en
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.starts_with("Test") || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
            {
                assert!(text.contains(word), "{lang:?}: {text:?} lacks {word:?} of {en:?}");
            }
        }
    }
    let de = headlines(in_lang(Lang::De), plain_number, &frames[..3]);
    assert_eq!(
        de,
        [
            "TestFollower folgt jetzt!",
            "TestSubscriber hat gerade mit Stufe 1 abonniert!",
            "TestSubscriber hat gerade mit Prime abonniert!"
        ]
    );
}

fn vars(template: &Template) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for part in template.parts() {
        if let Part::Var(v) = part {
            *counts.entry(v.name()).or_default() += 1;
        }
    }
    counts
}

#[test]
fn every_built_in_text_parses_and_uses_the_english_variables_in_every_language() {
    for key in Text::ALL {
        let english = Template::parse(Lang::En.text(key)).unwrap();
        for lang in Lang::ALL {
            let text = lang.text(key);
            let template = Template::parse(text).unwrap_or_else(|e| panic!("{lang:?} {key:?}: {e}"));
            assert!(!text.trim().is_empty(), "{lang:?} {key:?}");
            assert_eq!(vars(&template), vars(&english), "{lang:?} {key:?}: {text:?}");
            assert_eq!(Texts::new(lang).get(key), &template);
        }
    }
}

#[test]
fn numbers_go_through_the_formatter_the_shell_passes() {
    /// German grouping and money the way `Intl.NumberFormat("de")` writes them.
    fn german(_: Lang, number: Number<'_>) -> String {
        let group = |n: u64| {
            let digits = n.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push('.');
                }
                out.push(c);
            }
            out
        };
        match number {
            Number::Count(n) => group(n),
            Number::Money(m) => format!("{},{:02} {}", group(m.value / 100), m.value % 100, m.currency),
        }
    }
    let mut cheer = fixture("channel-cheer.json");
    cheer["event_data"]["bits"] = 1000.into();
    let frames = [cheer, fixture("channel-charity_campaign-donate.json")];
    assert_eq!(
        headlines(in_lang(Lang::De), german, &frames),
        [
            "TestCheerer hat 1.000 Bits gecheert!",
            "TestFollower hat 15,00 USD an Example Charity gespendet!"
        ]
    );
}

#[test]
fn unknown_template_variables_are_config_errors_naming_the_key_path() {
    for (json, path) in [
        (
            r#"{"classes": {"cheer": {"headline": "{nmae} cheered"}}}"#,
            "classes.cheer.headline",
        ),
        (
            r#"{"classes": {"raid": {"variations": [{}, {"headline": "{viewer}"}]}}}"#,
            "classes.raid.variations[1].headline",
        ),
        (
            r#"{"kinds": {"goal-end": {"headline": "{goal}"}}}"#,
            "kinds.goal-end.headline",
        ),
    ] {
        let e = EngineConfig::from_json(json).unwrap_err();
        assert_eq!(e.path, path, "{json}");
        assert!(e.problem.starts_with("unknown variable {"), "{e}");
        assert!(e.problem.contains("expected one of name, amount, count, tier"), "{e}");
    }
    let e = EngineConfig::from_json(r#"{"kinds": {"hype-train": {"enabled": false}}}"#).unwrap_err();
    assert_eq!(e.path, "kinds.hype-train");
    assert!(
        e.problem
            .starts_with("unknown kind \"hype-train\" (expected one of follow, sub,"),
        "{e}"
    );
    let e = EngineConfig::from_json(r#"{"lang": "klingon"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "lang: unknown language \"klingon\" (expected one of en, de, es, fr, pt-BR)"
    );
}

#[test]
fn a_template_can_never_inject_markup() {
    let config =
        EngineConfig::from_json(r#"{"kinds": {"follow": {"headline": "<img src=x onerror=alert(1)>{name}<b>!</b>"}}}"#)
            .unwrap();
    let mut frame = fixture("channel-follow.json");
    frame["event_data"]["user_name"] = "<script>x</script>".into();
    let mut engine = Engine::new(config, 1);
    engine.push(AlertInput::from_envelope(&envelope(&frame)).unwrap(), Instant(0));
    let view = match &engine.poll(Instant(0))[..] {
        [EngineAction::Show(view)] => view.clone(),
        other => panic!("{other:?}"),
    };
    // Plain text parts, which the components render as text nodes only.
    assert_eq!(
        view.headline,
        [
            TextPart::Text("<img src=x onerror=alert(1)>".into()),
            TextPart::Name("<script>x</script>".into()),
            TextPart::Text("<b>!</b>".into()),
        ]
    );
}

#[test]
fn a_kind_switched_off_makes_no_alert_and_a_kind_headline_wins_over_its_class() {
    let config = EngineConfig::from_json(
        r#"{"kinds": {"hype-train-begin": {"enabled": false}, "stream-online": {"headline": "We are live, {name}!"}},
            "classes": {"other": {"headline": "{kind}"}}}"#,
    )
    .unwrap();
    let frames = [
        fixture("channel-hype_train-begin.json"),
        fixture("channel-hype_train-end.json"),
        fixture("stream-online.json"),
    ];
    assert_eq!(
        headlines(config, plain_number, &frames),
        ["hype-train-end", "We are live, TestStreamer!"]
    );
    let all_off = EngineConfig::from_json(r#"{"kinds": {"follow": {"enabled": false}}}"#).unwrap();
    assert!(headlines(all_off, plain_number, &[fixture("channel-follow.json")]).is_empty());
}

#[test]
fn hype_train_progress_alerts_only_when_the_level_goes_up() {
    let at = |file: &str, level: u64| {
        let mut frame = fixture(file);
        frame["event_data"]["level"] = level.into();
        frame
    };
    let frames = [
        at("channel-hype_train-begin.json", 1),
        at("channel-hype_train-progress.json", 1),
        at("channel-hype_train-progress.json", 2),
        at("channel-hype_train-progress.json", 2),
        at("channel-hype_train-progress.json", 3),
        at("channel-hype_train-end.json", 3),
        at("channel-hype_train-progress.json", 1),
    ];
    assert_eq!(
        headlines(EngineConfig::default(), plain_number, &frames),
        [
            "A hype train started at level 1!",
            "The hype train reached level 2!",
            "The hype train reached level 3!",
            "The hype train ended at level 3!",
            "The hype train reached level 1!",
        ]
    );
}

#[test]
fn results_without_a_winner_and_goals_not_reached_make_no_alert() {
    let mut poll = fixture("channel-poll-end.json");
    for choice in poll["event_data"]["choices"].as_array_mut().unwrap() {
        choice["votes"] = 0.into();
    }
    let mut archived = fixture("channel-poll-end.json");
    archived["event_data"]["status"] = "archived".into();
    let mut canceled = fixture("channel-prediction-end.json");
    canceled["event_data"]["status"] = "canceled".into();
    canceled["event_data"]["winning_outcome_id"] = serde_json::Value::Null;
    let mut goal = fixture("channel-goal-end.json");
    goal["event_data"]["is_achieved"] = false.into();
    for frame in [poll, archived, canceled, goal] {
        assert_eq!(AlertInput::from_envelope(&envelope(&frame)), None, "{frame}");
    }
}

#[test]
fn lang_in_the_fragment_picks_a_language_and_a_bad_one_is_a_problem() {
    let parsed = parse_fragment("#demo&lang=de-AT");
    assert_eq!(parsed.config.lang, Some(Lang::De));
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.scrubbed, "#demo&lang=de-AT");
    assert_eq!(parse_fragment("#demo&lang=pt-BR").config.lang, Some(Lang::PtBr));
    for bad in ["#demo&lang=<b>", "#demo&lang=ja", "#demo&lang"] {
        let parsed = parse_fragment(bad);
        assert_eq!(parsed.config.lang, None, "{bad}");
        assert!(
            matches!(&parsed.problems[..], [ConfigProblem::BadValue { key, .. }] if key == "lang"),
            "{bad}: {:?}",
            parsed.problems
        );
    }
}
