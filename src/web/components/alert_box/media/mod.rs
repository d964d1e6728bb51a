//! Plays an alert's [`MediaPlan`]: its sound (a file, or the class's chime synthesised with Web
//! Audio), then its text-to-speech, and tells the engine how long they last
//! ([`Control::MediaLength`]) and when they end ([`Control::MediaEnded`]). Preloads every
//! configured asset and reports the ones that failed. The engine's deadline always wins: a
//! rejected `play()`, a missing `ended` or a stuck `AudioContext` never keeps an alert on screen.

use super::AlertEngineHandle;
use crate::engine::media::{assets, ends_alert, speech_estimate, AssetKind, MediaPlan, Sound, Speech, SpeechVia};
use crate::engine::{AlertView, Control, EngineConfig};
use crate::util::clock::Instant;
use crate::web::browser::page;
use core::time::Duration;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AudioContext, EventTarget, HtmlMediaElement};

mod audio;

use audio::{speech_synthesis, voice_named, Listener};
pub use audio::{AudioState, MediaStatus};

/// The media of the alert on screen; dropping it silences everything it started.
struct Playing {
    key: u64,
    hold: Duration,
    started: Instant,
    speech: Option<Speech>,
    /// The sound (or the video carrying it) has ended, failed or timed out.
    sound_done: bool,
    speaking: bool,
    /// A `play()` was refused: what did not play does not extend the alert.
    refused: bool,
    elements: Vec<HtmlMediaElement>,
    listeners: Vec<Listener>,
    timer: Option<Timeout>,
}

impl Drop for Playing {
    fn drop(&mut self) {
        for e in &self.elements {
            let _ = e.pause();
        }
        if self.speaking {
            if let Some(synth) = speech_synthesis() {
                synth.cancel();
            }
        }
    }
}

struct Player {
    config: EngineConfig,
    context: Option<AudioContext>,
    context_listener: Option<Listener>,
    current: Option<Playing>,
    /// Preloaded elements (kept so the browser keeps them cached) and their error listeners.
    preloaded: Vec<(web_sys::Element, Listener)>,
    warned: bool,
    /// A `resume()` is pending.
    resuming: bool,
    /// Why OBS says this page must not sound (see [`MediaHandle::set_gate`]).
    gate: Option<&'static str>,
    /// The operator's mute ([`MediaHandle::set_muted`]).
    muted: bool,
}

impl Player {
    /// Why sound and speech are off, if they are.
    fn silent(&self) -> Option<&'static str> {
        if self.muted {
            Some("muted")
        } else {
            self.gate
        }
    }
}

/// The media player of an alert engine (`Copy`); owned by the component that made the engine.
#[derive(Clone, Copy)]
pub struct MediaHandle {
    player: StoredValue<Player, LocalStorage>,
    status: RwSignal<MediaStatus>,
}

impl MediaHandle {
    pub(super) fn new(config: &EngineConfig) -> MediaHandle {
        let handle = MediaHandle {
            player: StoredValue::new_local(Player {
                config: EngineConfig::default(),
                context: None,
                context_listener: None,
                current: None,
                preloaded: Vec::new(),
                warned: false,
                resuming: false,
                gate: None,
                muted: false,
            }),
            status: RwSignal::new(MediaStatus::default()),
        };
        handle.reconfigure(config);
        handle
    }

    /// Media state for the diagnostics panel.
    pub fn status(&self) -> ReadSignal<MediaStatus> {
        self.status.read_only()
    }

    /// Closes (`Some(why)`) or opens (`None`) the sound gate the OBS integration keeps: no
    /// sound or speech while the source is off program output or another copy sounds.
    pub fn set_gate(&self, why: Option<&'static str>) {
        self.player.try_update_value(|p| p.gate = why);
        self.silence_changed();
    }

    /// The operator's mute (`alert_control("mute")`): alerts show without sound or speech.
    pub fn set_muted(&self, muted: bool) {
        self.player.try_update_value(|p| p.muted = muted);
        self.silence_changed();
    }

    /// Publishes the silence state; going silent stops what plays now (the alert stays on
    /// screen until its deadline).
    fn silence_changed(&self) {
        let silent = self.player.try_update_value(|p| {
            let silent = p.silent();
            if let Some(c) = p.current.as_mut().filter(|_| silent.is_some()) {
                c.elements.iter().for_each(|e| {
                    let _ = e.pause();
                });
                if std::mem::take(&mut c.speaking) {
                    if let Some(synth) = speech_synthesis() {
                        synth.cancel();
                    }
                }
                c.speech = None;
            }
            silent
        });
        if let Some(silent) = silent {
            self.status.try_update(|s| s.silent = silent);
        }
    }

    /// The `AudioContext` in use, if one was made (for diagnostics and tests).
    pub fn audio_context(&self) -> Option<AudioContext> {
        self.player.try_with_value(|p| p.context.clone()).flatten()
    }

    /// The plan for `view` under the current configuration: without sound, speech or video
    /// sound while silent ([`MediaStatus::silent`]).
    pub fn plan(&self, view: &AlertView) -> Option<MediaPlan> {
        self.player.try_with_value(|p| {
            let mut plan = MediaPlan::for_view(&p.config, view);
            if p.silent().is_some() {
                plan.sound = Sound::None;
                plan.speech = None;
                if let Some(v) = plan.visual.as_mut() {
                    v.muted = true;
                }
            }
            plan
        })
    }

    /// Takes a new configuration and preloads every asset it names, once.
    pub(super) fn reconfigure(&self, config: &EngineConfig) {
        let this = *self;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let mut preloaded = Vec::new();
        for (url, kind) in assets(config) {
            let tag = match kind {
                AssetKind::Image => "img",
                AssetKind::Video => "video",
                AssetKind::Audio => "audio",
            };
            let Ok(element) = document.create_element(tag) else {
                continue;
            };
            let failed = url.clone();
            let listener = Listener::new(&element, "error", move |_| this.asset_failed(&failed));
            if kind != AssetKind::Image {
                let _ = element.set_attribute("preload", "auto");
            }
            let _ = element.set_attribute("src", &url);
            preloaded.push((element, listener));
        }
        self.status.try_update(|s| s.failed.clear());
        self.player.try_update_value(|p| {
            p.config = config.clone();
            p.preloaded = preloaded;
        });
    }

    /// Notes an asset that failed to load (once per URL).
    pub fn asset_failed(&self, url: &str) {
        // A `data:` URL can be megabytes long: the log names at most its first 80 characters.
        let shown = crate::text::cap_chars(url, 80);
        page::warn(&format!("media: {shown} failed to load; alerts show without it"));
        self.status.try_update(|s| {
            if !s.failed.iter().any(|f| f == url) {
                s.failed.push(url.to_string());
            }
        });
    }

    /// The alert `view` went on screen with `plan`: start its sound, then its speech.
    pub(super) fn show(&self, alerts: AlertEngineHandle, view: &AlertView) {
        let Some(plan) = self.plan(view) else { return };
        if self.player.try_with_value(Player::silent).flatten().is_some() {
            self.count(|s| s.silenced += 1);
        }
        let video_sound = plan
            .visual
            .as_ref()
            .is_some_and(|v| v.kind == crate::engine::media::VisualKind::Video && !v.muted);
        let playing = Playing {
            key: view.key,
            hold: view.hold,
            started: page::now(),
            speech: plan.speech,
            sound_done: false,
            speaking: false,
            refused: false,
            elements: Vec::new(),
            listeners: Vec::new(),
            timer: None,
        };
        self.player.try_update_value(|p| p.current = Some(playing));
        match plan.sound {
            Sound::File { url, gain } => self.play_file(alerts, &url, gain.fraction(), false),
            Sound::Chime { notes, gain } => self.chime(alerts, notes, gain.fraction()),
            Sound::None if video_sound => {}
            Sound::None => self.sound_done(alerts, view.key),
        }
    }

    /// The alert with `key` leaves: stop its media (its deadline won).
    pub(super) fn stop(&self, key: u64) {
        let current = self
            .player
            .try_update_value(|p| p.current.take_if(|c| c.key == key))
            .flatten();
        drop(current);
    }

    /// The alert's video reported its length.
    pub fn video_length(&self, alerts: AlertEngineHandle, key: u64, length: Duration) {
        alerts.control(Control::MediaLength(key, length));
    }

    /// The alert's video ended (or failed). If it carried the sound, speech starts now; else, if
    /// nothing else plays, a video that made the alert longer ends it.
    pub fn video_ended(&self, alerts: AlertEngineHandle, key: u64, carries_sound: bool) {
        if carries_sound && self.with_current(key, |c| !c.sound_done) == Some(true) {
            return self.sound_done(alerts, key);
        }
        if self.with_current(key, |c| c.sound_done && !c.speaking && c.speech.is_none()) == Some(true) {
            self.speech_done(alerts, key);
        }
    }

    fn play_file(&self, alerts: AlertEngineHandle, url: &str, volume: f64, speech: bool) {
        let Ok(audio) = web_sys::HtmlAudioElement::new_with_src(url) else {
            return;
        };
        audio.set_volume(volume);
        let this = *self;
        let key = self.current_key();
        let target: &EventTarget = audio.as_ref();
        let done = move || match speech {
            true => this.speech_done(alerts, key),
            false => this.sound_done(alerts, key),
        };
        let started = self
            .player
            .try_with_value(|p| p.current.as_ref().map(|c| c.started))
            .flatten();
        let listeners = [
            Listener::new(target, "loadedmetadata", move |ev| {
                let Some(media) = ev.target().and_then(|t| t.dyn_into::<HtmlMediaElement>().ok()) else {
                    return;
                };
                let d = media.duration();
                if d.is_finite() && d > 0.0 && this.with_current(key, |c| c.refused) == Some(false) {
                    let offset = started.map(|s| page::now() - s).unwrap_or_default();
                    let length = Duration::from_secs_f64(d) + if speech { offset } else { Duration::ZERO };
                    this.with_current(key, |c| c.timer = Some(Timeout::new((d * 1000.0) as u32 + 300, done)));
                    alerts.control(Control::MediaLength(key, length));
                }
            }),
            Listener::new(target, "ended", move |_| done()),
            Listener::new(target, "error", move |_| done()),
        ];
        let element: HtmlMediaElement = audio.clone().unchecked_into();
        self.with_current(key, |c| {
            c.elements.push(element.clone());
            c.listeners.extend(listeners);
        });
        self.count(|s| s.played += 1);
        match element.play() {
            Ok(promise) => leptos::task::spawn_local(async move {
                if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
                    this.with_current(key, |c| c.refused = true);
                    this.blocked("play()", &e);
                    done();
                }
            }),
            Err(e) => {
                this.with_current(key, |c| c.refused = true);
                this.blocked("play()", &e);
                done();
            }
        }
    }

    fn sound_done(&self, alerts: AlertEngineHandle, key: u64) {
        let speech = self.with_current(key, |c| {
            if c.sound_done {
                return None;
            }
            c.sound_done = true;
            c.timer = None;
            Some(c.speech.take())
        });
        match speech.flatten() {
            Some(Some(speech)) => self.speak(alerts, key, speech),
            Some(None) => self.speech_done(alerts, key),
            None => {}
        }
    }

    fn speak(&self, alerts: AlertEngineHandle, key: u64, speech: Speech) {
        self.count(|s| s.spoken += 1);
        match speech.via {
            SpeechVia::Audio(url) => self.play_file(alerts, &url, speech.gain.fraction(), true),
            SpeechVia::Browser(voice) => {
                let Some(synth) = speech_synthesis() else {
                    self.count(|s| s.spoken -= 1);
                    return self.speech_done(alerts, key);
                };
                let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&speech.text) else {
                    return;
                };
                utterance.set_volume(speech.gain.fraction() as f32);
                if let Some(v) = voice.and_then(|name| synth.get_voices().iter().find(|v| voice_named(v, &name))) {
                    let v: web_sys::SpeechSynthesisVoice = v.unchecked_into();
                    utterance.set_voice(Some(&v));
                }
                let this = *self;
                let listener = Listener::new(utterance.as_ref(), "end", move |_| this.speech_done(alerts, key));
                let offset = self.with_current(key, |c| {
                    c.speaking = true;
                    c.listeners.push(listener);
                    page::now() - c.started
                });
                synth.speak(&utterance);
                if let Some(offset) = offset {
                    alerts.control(Control::MediaLength(key, offset + speech_estimate(&speech.text)));
                }
            }
        }
    }

    /// Everything of the alert has played: end it early if its media made it longer.
    fn speech_done(&self, alerts: AlertEngineHandle, key: u64) {
        let extended = self.with_current(key, |c| {
            c.speaking = false;
            ends_alert(c.hold, page::now() - c.started)
        });
        if extended == Some(true) {
            alerts.control(Control::MediaEnded(key));
        }
    }

    fn current_key(&self) -> u64 {
        self.player
            .try_with_value(|p| p.current.as_ref().map(|c| c.key))
            .flatten()
            .unwrap_or(u64::MAX)
    }

    fn with_current<R>(&self, key: u64, f: impl FnOnce(&mut Playing) -> R) -> Option<R> {
        self.player
            .try_update_value(|p| p.current.as_mut().filter(|c| c.key == key).map(f))
            .flatten()
    }

    fn count(&self, f: impl FnOnce(&mut MediaStatus)) {
        self.status.try_update(f);
    }

    /// A rejected `play()` or `resume()`: counted, logged once, and the alert goes on.
    fn blocked(&self, what: &str, error: &JsValue) {
        self.count(|s| s.blocked += 1);
        let first = self
            .player
            .try_update_value(|p| !std::mem::replace(&mut p.warned, true));
        if first == Some(true) {
            let why = js_sys::Reflect::get(error, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            page::warn(&format!(
                "media: {what} was refused ({}); alerts go on without sound",
                why.unwrap_or_default()
            ));
        }
    }
}
