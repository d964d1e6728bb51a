//! Issue 9 points 5 and 6: sounds, videos and text-to-speech in Chromium, including a rejected
//! `play()`, a suspended and a closed `AudioContext`, a missing `ended`, and no speech synthesis.

use super::{attr, sleep, test_root, texts};
use leptos::prelude::*;
use leptos::task::tick;
use tau_overlay::engine::{AlertClass, AlertInput, EngineConfig};
use tau_overlay::web::components::alert_box::{
    use_alert_engine, AlertBox, AlertEngineHandle, AudioState, UseAlertEngineOptions,
};
use tau_overlay::web::components::status::StatusPanel;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn js(code: &str) -> JsValue {
    js_sys::Function::new_no_args(code).call0(&JsValue::NULL).unwrap()
}

/// Mounts an alert box (and a status panel) for `config`; returns the root, the engine and the
/// mount handle (dropping it unmounts).
fn mount(config: EngineConfig) -> (web_sys::HtmlElement, AlertEngineHandle, impl Drop) {
    let root = test_root();
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let alerts = use_alert_engine(UseAlertEngineOptions { config });
        out.set(Some(alerts));
        let engine = alerts.snapshot();
        view! {
            <AlertBox alerts=alerts />
            <StatusPanel link=Signal::derive(|| None) engine=engine demo=false media=alerts.media().status() />
        }
    });
    (root, slot.get().unwrap(), handle)
}

fn config(json: &str) -> EngineConfig {
    EngineConfig::from_json(json).unwrap()
}

fn follow() -> AlertInput {
    AlertInput {
        user: Some("ana".into()),
        ..AlertInput::new(AlertClass::Follow)
    }
}

/// A `seconds` long silent WAV as a data URL (8 kHz, 8 bit, mono).
fn silent_wav(seconds: u32) -> String {
    let samples = 8000 * seconds;
    let mut b: Vec<u8> = Vec::new();
    b.extend(b"RIFF");
    b.extend((36 + samples).to_le_bytes());
    b.extend(b"WAVEfmt ");
    b.extend(16u32.to_le_bytes());
    b.extend(1u16.to_le_bytes());
    b.extend(1u16.to_le_bytes());
    b.extend(8000u32.to_le_bytes());
    b.extend(8000u32.to_le_bytes());
    b.extend(1u16.to_le_bytes());
    b.extend(8u16.to_le_bytes());
    b.extend(b"data");
    b.extend(samples.to_le_bytes());
    b.extend(std::iter::repeat_n(128u8, samples as usize));
    let binary: String = b.iter().map(|&c| char::from(c)).collect();
    format!("data:audio/wav;base64,{}", window().btoa(&binary).unwrap())
}

async fn rejected_play_still_shows_the_alert_and_it_leaves_at_its_deadline() {
    js("window.__play = HTMLMediaElement.prototype.play;
        HTMLMediaElement.prototype.play = function () { return Promise.reject(new DOMException('no', 'NotAllowedError')); };");
    let mut c = config(r#"{"exit_ms": 100, "slack_ms": 0}"#);
    c.classes.follow.duration_ms = Some(300);
    c.classes.follow.sound = Some(silent_wav(1));
    let (root, alerts, handle) = mount(c);
    alerts.push(follow());
    tick().await;
    sleep(50).await;
    assert_eq!(
        texts(&root, "[data-testid=alert-headline]"),
        vec!["ana is now following!".to_string()]
    );
    assert_eq!(
        alerts.media().status().get_untracked().blocked,
        1,
        "the rejection is counted"
    );
    assert_eq!(texts(&root, "[data-testid=media-blocked]"), vec!["1".to_string()]);
    sleep(450).await;
    js("HTMLMediaElement.prototype.play = window.__play;");
    assert!(
        texts(&root, "[data-testid=alert]").is_empty(),
        "the alert left at its deadline"
    );
    drop(handle);
}

async fn suspended_audio_context_is_resumed_before_the_chime_and_a_closed_one_is_recreated() {
    let mut c = config(r#"{"exit_ms": 50, "slack_ms": 0}"#);
    c.classes.follow.duration_ms = Some(100);
    let (root, alerts, handle) = mount(c);
    let media = alerts.media();
    alerts.push(follow());
    // The context starts and resumes asynchronously; give a loaded machine up to 2 s.
    for _ in 0..40 {
        if media.status().get_untracked().audio == AudioState::Running {
            break;
        }
        sleep(50).await;
    }
    let first = media.audio_context().expect("the chime made a context");
    assert_eq!(media.status().get_untracked().audio, AudioState::Running);
    assert_eq!(media.status().get_untracked().played, 1);

    wasm_bindgen_futures::JsFuture::from(first.suspend().unwrap())
        .await
        .unwrap();
    assert_eq!(first.state(), web_sys::AudioContextState::Suspended);
    sleep(200).await;
    alerts.push(follow());
    for _ in 0..40 {
        if first.state() == web_sys::AudioContextState::Running {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(
        first.state(),
        web_sys::AudioContextState::Running,
        "resumed for the alert"
    );
    assert_eq!(
        media.status().get_untracked().played,
        2,
        "the chime played after the resume"
    );
    assert_eq!(texts(&root, "[data-testid=audio-state]"), vec!["running".to_string()]);

    wasm_bindgen_futures::JsFuture::from(first.close().unwrap())
        .await
        .unwrap();
    sleep(200).await;
    alerts.push(follow());
    for _ in 0..40 {
        let replaced = media.audio_context().is_some_and(|c| !js_sys::Object::is(&first, &c));
        if replaced
            && media
                .audio_context()
                .is_some_and(|c| c.state() == web_sys::AudioContextState::Running)
        {
            break;
        }
        sleep(50).await;
    }
    let second = media.audio_context().unwrap();
    assert!(!js_sys::Object::is(&first, &second), "a closed context is replaced");
    assert_eq!(second.state(), web_sys::AudioContextState::Running);
    assert_eq!(media.status().get_untracked().played, 3);
    drop(handle);
}

async fn missing_ended_does_not_stall_a_sound_longer_than_max_duration() {
    // play() succeeds but nothing plays, so `ended` never comes; the sound says it is 5 s long.
    js("window.__play = HTMLMediaElement.prototype.play;
        HTMLMediaElement.prototype.play = function () { return Promise.resolve(); };");
    let mut c = config(r#"{"exit_ms": 50, "slack_ms": 0, "max_duration_ms": 700}"#);
    c.classes.follow.duration_ms = Some(200);
    c.classes.follow.sound = Some(silent_wav(5));
    let (root, alerts, handle) = mount(c);
    alerts.push(follow());
    sleep(450).await;
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("shown"),
        "the sound's length extended the alert"
    );
    sleep(500).await;
    js("HTMLMediaElement.prototype.play = window.__play;");
    assert!(
        texts(&root, "[data-testid=alert]").is_empty(),
        "max_duration_ms wins over a sound that never ends"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn video_length_extends_the_alert_and_its_end_ends_it() {
    js(
        "window.__duration = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'duration');
        Object.defineProperty(HTMLMediaElement.prototype, 'duration', { configurable: true, get() { return 5; } });",
    );
    let mut c = config(r#"{"exit_ms": 50, "slack_ms": 0, "max_duration_ms": 2000}"#);
    c.classes.follow.duration_ms = Some(200);
    c.classes.follow.image = Some("party.webm".into());
    let (root, alerts, handle) = mount(c);
    alerts.push(follow());
    tick().await;
    let video = root
        .query_selector("video[data-testid=alert-video]")
        .unwrap()
        .expect("a .webm is a <video>");
    assert!(root.query_selector("[data-testid=alert-image]").unwrap().is_none());
    video
        .dispatch_event(&web_sys::Event::new("loadedmetadata").unwrap())
        .unwrap();
    sleep(400).await;
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("shown"),
        "extended past 200 ms"
    );
    video.dispatch_event(&web_sys::Event::new("ended").unwrap()).unwrap();
    tick().await;
    js("Object.defineProperty(HTMLMediaElement.prototype, 'duration', window.__duration);");
    assert_eq!(
        attr(&root, "[data-testid=alert]", "data-state").as_deref(),
        Some("exiting"),
        "the end of a video that made the alert longer ends it"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn missing_asset_is_listed_and_the_alert_shows_without_it() {
    let mut c = config(r#"{"exit_ms": 50, "slack_ms": 0}"#);
    c.classes.follow.image = Some("/no-such-image.png".into());
    c.classes.follow.sound_volume = Some(0.0.try_into().unwrap());
    let (root, alerts, handle) = mount(c);
    sleep(300).await;
    assert_eq!(
        texts(&root, "[data-testid=media-failed]"),
        vec!["/no-such-image.png".to_string()],
        "preflight"
    );
    alerts.push(follow());
    sleep(200).await;
    assert_eq!(
        texts(&root, "[data-testid=alert-headline]"),
        vec!["ana is now following!".to_string()]
    );
    assert!(
        attr(&root, "[data-testid=alert-image]", "data-failed").is_some(),
        "the broken image is hidden"
    );
    drop(handle);
}

async fn tts_uses_speech_synthesis_only_when_present_and_speaks_the_capped_text() {
    let mut c = config(r#"{"exit_ms": 50, "slack_ms": 0, "tts": {"max_chars": 12}}"#);
    c.classes.cheer.duration_ms = Some(300);
    c.classes.cheer.speak_min_amount = Some(100);
    c.classes.cheer.sound_volume = Some(0.0.try_into().unwrap());
    let cheer = |bits: u64| AlertInput {
        user: Some("ana".into()),
        amount: bits,
        message: Some("hello   there my friend".into()),
        ..AlertInput::new(AlertClass::Cheer)
    };
    js("Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });");
    let (_root, alerts, handle) = mount(c);
    alerts.push(cheer(500));
    sleep(100).await;
    assert_eq!(
        alerts.media().status().get_untracked().spoken,
        0,
        "no speech synthesis, no speech"
    );
    sleep(400).await;

    js("window.__spoken = [];
        Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
            speak(u) { window.__spoken.push(u.text); }, cancel() {}, getVoices() { return []; } } });");
    alerts.push(cheer(99));
    sleep(400).await;
    alerts.push(cheer(500));
    sleep(100).await;
    let spoken = js("return window.__spoken.join('|');").as_string().unwrap();
    js("delete window.speechSynthesis;");
    assert_eq!(spoken, "hello there", "only above speak_min_amount, the capped text");
    assert_eq!(alerts.media().status().get_untracked().spoken, 1);
    drop(handle);
}

async fn speech_does_not_wait_for_a_context_that_never_resumes() {
    // A plain browser without a user gesture: `resume()` stays pending for ever.
    js("window.__resume = AudioContext.prototype.resume;
        AudioContext.prototype.resume = function () { return new Promise(() => {}); };
        window.__spoken = [];
        Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
            speak(u) { window.__spoken.push(u.text); }, cancel() {}, getVoices() { return []; } } });");
    let mut c = config(r#"{"exit_ms": 50, "slack_ms": 0}"#);
    c.classes.follow.duration_ms = Some(100);
    c.classes.cheer.duration_ms = Some(2000);
    c.classes.cheer.speak_min_amount = Some(1);
    let (_root, alerts, handle) = mount(c);
    let cheer = AlertInput {
        amount: 100,
        message: Some("still heard".into()),
        ..AlertInput::new(AlertClass::Cheer)
    };
    // Suspend the context the first chime makes, so the second alert needs a resume.
    alerts.push(AlertInput {
        amount: 1,
        ..AlertInput::new(AlertClass::Follow)
    });
    sleep(50).await;
    let context = alerts.media().audio_context().unwrap();
    wasm_bindgen_futures::JsFuture::from(context.suspend().unwrap())
        .await
        .unwrap();
    sleep(250).await;
    alerts.push(cheer);
    sleep(600).await;
    let spoken = js("return window.__spoken.join('|');").as_string().unwrap();
    js("AudioContext.prototype.resume = window.__resume; delete window.speechSynthesis;");
    assert_eq!(spoken, "still heard");
    drop(handle);
}

/// Issue 9 point 6, the URL provider: a configured HTTP endpoint template is requested with the
/// filtered, collapsed and capped text (percent-encoded), after the alert's sound has ended,
/// and the alert still leaves at its deadline.
async fn url_tts_requests_the_filtered_capped_text_after_the_alert_sound_within_the_deadline() {
    // play() records what plays and when; every sound "ends" 150 ms after it starts.
    js("window.__play = HTMLMediaElement.prototype.play;
        window.__played = [];
        HTMLMediaElement.prototype.play = function () {
            const el = this;
            window.__played.push([el.getAttribute('src') || el.src, performance.now()]);
            setTimeout(() => el.dispatchEvent(new Event('ended')), 150);
            return Promise.resolve();
        };");
    let mut c = config(
        r#"{"exit_ms": 50, "slack_ms": 0,
            "tts": {"provider": {"url": "https://tts.example/say?voice={voice}&text={text}"}, "max_chars": 14, "voice": "Brian"},
            "word_filter": {"lists": [{"words": ["darn"], "action": "mask"}]}}"#,
    );
    let sound = silent_wav(1);
    c.classes.cheer.duration_ms = Some(1000);
    c.classes.cheer.speak_min_amount = Some(100);
    c.classes.cheer.sound = Some(sound.clone());
    let (root, alerts, handle) = mount(c);
    let start = window().performance().unwrap().now();
    alerts.push(AlertInput {
        user: Some("ana".into()),
        amount: 500,
        message: Some("darn   good stream friends".into()),
        ..AlertInput::new(AlertClass::Cheer)
    });
    sleep(600).await;
    let played = js("return JSON.stringify(window.__played);").as_string().unwrap();
    js("HTMLMediaElement.prototype.play = window.__play;");
    let played: Vec<(String, f64)> = serde_json::from_str(&played).unwrap();
    assert_eq!(played.len(), 2, "the sound, then the speech: {played:?}");
    assert_eq!(played[0].0, sound, "the alert's sound first");
    assert_eq!(
        played[1].0, "https://tts.example/say?voice=Brian&text=%2A%2A%2A%2A%20good",
        "the filtered text, spaces collapsed, cut at max_chars on a word"
    );
    assert!(played[1].1 >= played[0].1 + 150.0, "after the sound ended: {played:?}");
    assert!(played[1].1 - start < 1000.0, "within the alert's time: {played:?}");
    assert_eq!(alerts.media().status().get_untracked().spoken, 1);
    sleep(700).await;
    assert!(
        texts(&root, "[data-testid=alert]").is_empty(),
        "the deadline still wins"
    );
    drop(handle);
}

/// The audio tests stub browser globals (`HTMLMediaElement.prototype.play`,
/// `AudioContext.prototype.resume`, `speechSynthesis`), and wasm-bindgen-test runs async tests
/// interleaved: they run one after another here so no stub leaks into another test.
#[wasm_bindgen_test]
async fn audio_paths_one_after_another() {
    rejected_play_still_shows_the_alert_and_it_leaves_at_its_deadline().await;
    suspended_audio_context_is_resumed_before_the_chime_and_a_closed_one_is_recreated().await;
    missing_ended_does_not_stall_a_sound_longer_than_max_duration().await;
    tts_uses_speech_synthesis_only_when_present_and_speaks_the_capped_text().await;
    speech_does_not_wait_for_a_context_that_never_resumes().await;
    url_tts_requests_the_filtered_capped_text_after_the_alert_sound_within_the_deadline().await;
}
