//! Media decisions: sound choice and volume math, TTS gating, capping and provider URLs, the
//! preload list, and the media config keys.
#![cfg(not(target_arch = "wasm32"))]

use core::time::Duration;
use tau_overlay::engine::media::{
    assets, chime, ends_alert, speech_text, AssetKind, MediaPlan, Sound, SpeechVia, TtsProvider, UrlTemplate,
    VisualKind, Volume,
};
use tau_overlay::engine::{AlertClass, AlertInput, AlertView, Engine, EngineAction, EngineConfig};
use tau_overlay::util::clock::Instant;

fn view_of(config: &EngineConfig, input: AlertInput) -> AlertView {
    let mut engine = Engine::new(config.clone(), 1);
    engine.push(input, Instant(0));
    match engine.poll(Instant(0)).into_iter().next() {
        Some(EngineAction::Show(view)) => *view,
        other => panic!("no alert: {other:?}"),
    }
}

fn cheer(bits: u64, message: &str) -> AlertInput {
    AlertInput {
        user: Some("ana".into()),
        amount: bits,
        message: Some(message.into()),
        ..AlertInput::new(AlertClass::Cheer)
    }
}

fn config(json: &str) -> EngineConfig {
    EngineConfig::from_json(json).unwrap()
}

fn vol(v: f64) -> Volume {
    Volume::try_from(v).unwrap()
}

#[test]
fn variation_sound_and_volume_win_over_the_class_under_the_master_volume() {
    let c = config(
        r#"{"master_volume": 0.8, "classes": {"cheer": {"sound": "class.ogg", "sound_volume": 0.5, "image": "c.png",
            "variations": [{"name": "big", "amount": ">=1000", "sound": "big.ogg", "sound_volume": 0.25, "image": "big.webm"}]}}}"#,
    );
    let small = MediaPlan::for_view(&c, &view_of(&c, cheer(100, "")));
    assert_eq!(
        small.sound,
        Sound::File {
            url: "class.ogg".into(),
            gain: vol(0.4)
        }
    );
    let visual = small.visual.unwrap();
    assert_eq!((visual.url.as_str(), visual.kind), ("c.png", VisualKind::Image));
    let big = MediaPlan::for_view(&c, &view_of(&c, cheer(1000, "")));
    assert_eq!(
        big.sound,
        Sound::File {
            url: "big.ogg".into(),
            gain: vol(0.2)
        }
    );
    let video = big.visual.unwrap();
    assert_eq!(video.kind, VisualKind::Video);
    assert!(video.muted, "a video is muted when the alert has its own sound file");
}

#[test]
fn no_sound_file_plays_the_class_chime_and_a_silent_volume_plays_nothing() {
    let c = EngineConfig::default();
    let plan = MediaPlan::for_view(&c, &view_of(&c, cheer(100, "")));
    assert_eq!(
        plan.sound,
        Sound::Chime {
            notes: chime(AlertClass::Cheer),
            gain: Volume::FULL
        }
    );
    assert_ne!(
        chime(AlertClass::Cheer),
        chime(AlertClass::Follow),
        "each class has its own chime"
    );
    let muted = config(r#"{"master_volume": 0}"#);
    assert_eq!(
        MediaPlan::for_view(&muted, &view_of(&muted, cheer(100, ""))).sound,
        Sound::None
    );
    // A video without a separate sound file carries the sound itself (no chime over it).
    let video = config(r#"{"classes": {"cheer": {"image": "party.WEBM?v=2"}}}"#);
    let plan = MediaPlan::for_view(&video, &view_of(&video, cheer(100, "")));
    assert_eq!(plan.sound, Sound::None);
    assert!(!plan.visual.unwrap().muted);
}

#[test]
fn speech_is_gated_by_the_engine_and_speaks_the_capped_text() {
    let c = config(
        r#"{"master_volume": 0.5, "tts": {"max_chars": 20, "volume": 0.5},
            "classes": {"cheer": {"speak_min_amount": 500}}}"#,
    );
    let below = MediaPlan::for_view(&c, &view_of(&c, cheer(499, "hello there")));
    assert_eq!(below.speech, None, "below speak_min_amount nothing is spoken");
    let long = "hello   there\u{202e} my friend how are you today";
    let plan = MediaPlan::for_view(&c, &view_of(&c, cheer(500, long)));
    let speech = plan.speech.unwrap();
    assert_eq!(speech.text, "hello there my");
    assert!(!speech.text.contains('\u{202e}'), "never the raw message");
    assert_eq!(speech.via, SpeechVia::Browser(None));
    assert_eq!(speech.gain, vol(0.25));
    let blank = MediaPlan::for_view(&c, &view_of(&c, cheer(500, "   ")));
    assert_eq!(blank.speech, None);
}

#[test]
fn provider_url_percent_encodes_the_text_and_keeps_the_configured_host() {
    let c = config(
        r#"{"tts": {"provider": {"url": "https://tts.example/say?voice={voice}&q={text}"}, "voice": "en gb"},
            "classes": {"cheer": {"speak_min_amount": 1}}}"#,
    );
    let plan = MediaPlan::for_view(&c, &view_of(&c, cheer(10, "a&b=c/d?#é https://evil.example/")));
    assert_eq!(
        plan.speech.unwrap().via,
        SpeechVia::Audio(
            "https://tts.example/say?voice=en%20gb&q=a%26b%3Dc%2Fd%3F%23%C3%A9%20https%3A%2F%2Fevil.example%2F".into()
        )
    );
}

#[test]
fn tts_url_templates_must_be_http_with_a_fixed_host_and_a_text_slot() {
    for bad in [
        "javascript:alert({text})",
        "//tts.example/?q={text}",
        "https://{text}/",
        "https://tts.example/speak",
        "ftp://tts.example/{text}",
    ] {
        assert!(UrlTemplate::try_from(bad.to_string()).is_err(), "{bad}");
        let json = format!(r#"{{"tts": {{"provider": {{"url": "{bad}"}}}}}}"#);
        let err = EngineConfig::from_json(&json).unwrap_err();
        assert_eq!(err.path, "tts.provider.url", "{err}");
    }
    assert!(UrlTemplate::try_from("HTTP://127.0.0.1:5002/api/tts?text={text}".to_string()).is_ok());
    assert_eq!(
        config(r#"{"tts": {"provider": "browser"}}"#).tts.provider,
        TtsProvider::Browser
    );
    let err = EngineConfig::from_json(r#"{"tts": {"provider": "espeak"}}"#)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("tts.provider: unknown value \"espeak\""), "{err}");
}

#[test]
fn volumes_are_numbers_from_zero_to_one() {
    assert_eq!(config(r#"{"master_volume": 1}"#).master_volume, Volume::FULL);
    for bad in [
        r#"{"master_volume": 1.5}"#,
        r#"{"master_volume": -0.1}"#,
        r#"{"master_volume": "loud"}"#,
    ] {
        let err = EngineConfig::from_json(bad).unwrap_err();
        assert_eq!(err.path, "master_volume", "{err}");
    }
    let err = EngineConfig::from_json(r#"{"classes": {"raid": {"variations": [{"sound_volume": 2}]}}}"#).unwrap_err();
    assert_eq!(err.path, "classes.raid.variations[0].sound_volume");
    assert_eq!(vol(0.5).times(vol(0.5)), vol(0.25));
}

#[test]
fn speech_text_collapses_spaces_and_cuts_at_a_word_break() {
    assert_eq!(speech_text(" a \n b ", 10), "a b");
    assert_eq!(speech_text("abcdefghij", 4), "abcd");
    assert_eq!(
        speech_text("ab cdefghij", 6),
        "ab cde",
        "no word break in the second half"
    );
    assert_eq!(speech_text("ééé ééé", 5), "ééé");
}

#[test]
fn preload_lists_every_asset_once() {
    let c = config(
        r#"{"classes": {"raid": {"image": "r.gif", "sound": "r.ogg", "variations": [{"image": "r.gif", "sound": "x.mp3"}, {"image": "v.webm"}]},
            "follow": {"sound": "r.ogg"}}}"#,
    );
    assert_eq!(
        assets(&c),
        vec![
            ("r.gif".to_string(), AssetKind::Image),
            ("r.ogg".to_string(), AssetKind::Audio),
            ("x.mp3".to_string(), AssetKind::Audio),
            ("v.webm".to_string(), AssetKind::Video),
        ]
    );
}

#[test]
fn only_media_longer_than_the_alert_ends_it() {
    assert!(!ends_alert(Duration::from_secs(5), Duration::from_millis(800)));
    assert!(ends_alert(Duration::from_secs(5), Duration::from_secs(9)));
}
