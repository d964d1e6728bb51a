#![cfg(not(target_arch = "wasm32"))]
//! Viewer text from TAU envelopes to the engine's views (issue 9 points 7, 8): emote positions
//! carried by the adapter, the config's `word_filter`, and filtered alerts counted.

use tau_overlay::engine::{AlertClass, AlertInput, Engine, EngineAction, EngineConfig, ViewerText};
use tau_overlay::tau::protocol::{Envelope, Frame};
use tau_overlay::text::{CheermoteSet, Fragment, WordFilter};
use tau_overlay::util::clock::Instant;
use unicode_normalization::UnicodeNormalization;

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

fn envelope(text: &str) -> Envelope {
    match Frame::parse(text).expect("fixture parses") {
        Frame::Event(e) => *e,
        other => panic!("not an event: {other:?}"),
    }
}

fn prepared(text: &str, config: &EngineConfig) -> AlertInput {
    let mut input = AlertInput::from_envelope(&envelope(text)).expect("an alert");
    input.apply_viewer_text(&ViewerText {
        filter: &WordFilter::new(&config.word_filter, &nfkc),
        nfkc: &nfkc,
        cheermotes: &CheermoteSet::builtin(),
    });
    input
}

fn emotes(fragments: &[Fragment]) -> Vec<(&str, &str)> {
    fragments
        .iter()
        .filter_map(|f| match f {
            Fragment::Emote { id, alt } => Some((id.as_str(), alt.as_str())),
            _ => None,
        })
        .collect()
}

#[test]
fn resub_and_redemption_emote_positions_become_emote_fragments() {
    let config = EngineConfig::default();
    let resub = prepared(include_str!("fixtures/channel-subscription-message.json"), &config);
    let fragments = resub.fragments.expect("fragments");
    assert_eq!(emotes(&fragments), [("25", "Kappa"), ("30259", "HeyGuys")]);
    assert_eq!(fragments[0], Fragment::Text("15 months already! ".into()));

    let redemption = prepared(
        include_str!("fixtures/channel-channel_points_custom_reward_redemption-add.use_irc.json"),
        &config,
    );
    assert_eq!(emotes(&redemption.fragments.expect("fragments")), [("25", "Kappa")]);
}

#[test]
fn word_filter_key_of_the_alert_config_is_read_and_typos_name_their_path() {
    let config = EngineConfig::from_json(
        r#"{"word_filter": {"lists": [{"words": ["kappa"], "action": "mask"}, {"words": ["hello"], "action": "hide_message"}]}}"#,
    )
    .expect("parses");
    let resub = prepared(include_str!("fixtures/channel-subscription-message.json"), &config);
    // A masked emote code is no emote any more.
    let fragments = resub.fragments.expect("fragments");
    assert_eq!(emotes(&fragments), [("30259", "HeyGuys")]);
    assert_eq!(fragments[0], Fragment::Text("15 months already! ***** ".into()));
    let redemption = prepared(
        include_str!("fixtures/channel-channel_points_custom_reward_redemption-add.json"),
        &config,
    );
    assert_eq!((redemption.message, redemption.dropped_by_filter), (None, false));

    let err = EngineConfig::from_json(r#"{"word_filter": {"lists": [{"words": ["x"], "action": "hide"}]}}"#)
        .expect_err("a bad action");
    assert!(err.path.starts_with("word_filter.lists"), "{err:?}");
}

#[test]
fn alert_dropped_by_the_word_filter_counts_as_filtered_not_shown() {
    let config = EngineConfig::from_json(
        r#"{"word_filter": {"lists": [{"words": ["buy followers"], "action": "drop_alert"}]}}"#,
    )
    .expect("parses");
    let filter = WordFilter::new(&config.word_filter, &nfkc);
    let mut engine = Engine::new(config, 1);
    for (name, message) in [("spam", "BUY f0llowers"), ("ana", "hi")] {
        let mut input = AlertInput {
            user: Some(name.into()),
            amount: 5,
            message: Some(message.into()),
            ..AlertInput::new(AlertClass::Cheer)
        };
        input.apply_viewer_text(&ViewerText {
            filter: &filter,
            nfkc: &nfkc,
            cheermotes: &CheermoteSet::builtin(),
        });
        engine.push(input, Instant(0));
    }
    let shown: Vec<String> = engine
        .poll(Instant(0))
        .into_iter()
        .filter_map(|a| match a {
            EngineAction::Show(v) => Some(v.headline_text()),
            _ => None,
        })
        .collect();
    assert_eq!(shown, ["ana cheered 5 bits!"]);
    assert_eq!(engine.counts().filtered, 1);
}
