//! The Web Audio side of the player: the page's `AudioContext` (resumed or recreated when an
//! alert needs it), the built-in chimes, listeners that clean up after themselves, and speech
//! synthesis feature detection.

use super::MediaHandle;
use crate::engine::media::{chime_length, Note};
use crate::web::components::alert_box::AlertEngineHandle;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AudioContext, AudioContextState, Event, EventTarget};

/// Time between resuming the context and the first note, so OBS does not clip the sound's start.
pub(super) const LEAD_IN: f64 = 0.08;

/// How long an alert's speech waits for a suspended context to resume before going on.
const RESUME_WAIT_MS: u32 = 250;

/// State of the page's `AudioContext`, for the diagnostics panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AudioState {
    /// No alert needed one yet.
    #[default]
    NotStarted,
    /// Playing is possible.
    Running,
    /// Suspended (no user gesture yet, or the system suspended it); resumed when an alert sounds.
    Suspended,
    /// Closed; a new one is made when an alert sounds.
    Closed,
    /// This browser has no Web Audio.
    Unavailable,
}

impl AudioState {
    /// The word shown in the panel.
    pub fn label(self) -> &'static str {
        match self {
            AudioState::NotStarted => "not started",
            AudioState::Running => "running",
            AudioState::Suspended => "suspended",
            AudioState::Closed => "closed",
            AudioState::Unavailable => "unavailable",
        }
    }
}

/// What the diagnostics panel shows about media.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MediaStatus {
    /// The `AudioContext`'s state.
    pub audio: AudioState,
    /// Configured assets that failed to load (the alerts show without them).
    pub failed: Vec<String>,
    /// Sounds started (files and chimes).
    pub played: u32,
    /// `play()` or `resume()` calls the browser rejected.
    pub blocked: u32,
    /// Messages read aloud.
    pub spoken: u32,
    /// Why sound and speech are off (`None`: on): `muted` by the operator, `off program output`
    /// (the OBS source is hidden or only on the preview), `standby` (another copy sounds).
    pub silent: Option<&'static str>,
    /// Alerts shown without their sound and speech because of [`MediaStatus::silent`].
    pub silenced: u32,
}

/// A listener that is removed when dropped.
pub(super) struct Listener {
    target: EventTarget,
    name: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub(super) fn new(target: &EventTarget, name: &'static str, f: impl FnMut(Event) + 'static) -> Listener {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            name,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.closure.as_ref().unchecked_ref());
    }
}

impl MediaHandle {
    /// Makes sure a running context exists (recreating a closed one, resuming a suspended one),
    /// then schedules the chime a short lead-in after `currentTime`.
    pub(super) fn chime(&self, alerts: AlertEngineHandle, notes: &'static [Note], gain: f64) {
        let key = self.current_key();
        let this = *self;
        let Some(context) = self.context() else {
            self.sound_done(alerts, key);
            return;
        };
        let length = chime_length(notes);
        let schedule = move |context: &AudioContext| {
            // Too late (the alert left, or speech went on without the chime).
            if this.with_current(key, |c| c.sound_done) != Some(false) {
                return;
            }
            schedule_chime(context, notes, gain);
            this.count(|s| s.played += 1);
            let wait = (length.as_millis() as f64 + LEAD_IN * 1000.0) as u32;
            this.with_current(key, |c| {
                c.timer = Some(Timeout::new(wait, move || this.sound_done(alerts, key)))
            });
        };
        if context.state() == AudioContextState::Running {
            schedule(&context);
            return;
        }
        // Without a user gesture a plain browser keeps the promise pending: one attempt at a
        // time, and speech does not wait for a chime that may never come.
        if self
            .player
            .try_update_value(|p| std::mem::replace(&mut p.resuming, true))
            != Some(false)
        {
            return self.sound_done(alerts, key);
        }
        self.with_current(key, |c| {
            c.timer = Some(Timeout::new(RESUME_WAIT_MS, move || this.sound_done(alerts, key)))
        });
        match context.resume() {
            Ok(promise) => leptos::task::spawn_local(async move {
                let resumed = wasm_bindgen_futures::JsFuture::from(promise).await;
                this.player.try_update_value(|p| p.resuming = false);
                this.update_audio(&context);
                match resumed {
                    Ok(_) => schedule(&context),
                    Err(e) => {
                        this.blocked("AudioContext.resume()", &e);
                        this.sound_done(alerts, key);
                    }
                }
            }),
            Err(e) => {
                self.player.try_update_value(|p| p.resuming = false);
                this.blocked("AudioContext.resume()", &e);
                this.sound_done(alerts, key);
            }
        }
    }

    /// The page's context: the current one unless closed, else a new one.
    pub(super) fn context(&self) -> Option<AudioContext> {
        let existing = self.audio_context().filter(|c| c.state() != AudioContextState::Closed);
        let context = match existing {
            Some(c) => c,
            None => match AudioContext::new() {
                Ok(c) => {
                    let this = *self;
                    let watched = c.clone();
                    let listener = Listener::new(c.as_ref(), "statechange", move |_| this.update_audio(&watched));
                    self.player.try_update_value(|p| {
                        // Replaces a closed context and its listener.
                        p.context = Some(c.clone());
                        p.context_listener = Some(listener);
                    });
                    c
                }
                Err(_) => {
                    self.status.try_update(|s| s.audio = AudioState::Unavailable);
                    return None;
                }
            },
        };
        self.update_audio(&context);
        Some(context)
    }

    pub(super) fn update_audio(&self, context: &AudioContext) {
        let state = match context.state() {
            AudioContextState::Running => AudioState::Running,
            AudioContextState::Suspended => AudioState::Suspended,
            _ => AudioState::Closed,
        };
        self.status.try_update(|s| s.audio = state);
    }
}

/// Oscillators with a short attack and an exponential fade, `LEAD_IN` after `currentTime`.
fn schedule_chime(context: &AudioContext, notes: &[Note], gain: f64) {
    let t0 = context.current_time() + LEAD_IN;
    let peak = (0.3 * gain) as f32;
    for n in notes {
        let (Ok(osc), Ok(env)) = (context.create_oscillator(), context.create_gain()) else {
            return;
        };
        let start = t0 + f64::from(n.start_ms) / 1000.0;
        let end = start + f64::from(n.length_ms) / 1000.0;
        osc.frequency().set_value(f32::from(n.freq_hz));
        let g = env.gain();
        let _ = g.set_value_at_time(0.0, start);
        let _ = g.linear_ramp_to_value_at_time(peak, start + 0.012);
        let _ = g.exponential_ramp_to_value_at_time(0.0001, end);
        let _ = osc.connect_with_audio_node(&env);
        let _ = env.connect_with_audio_node(&context.destination());
        let _ = osc.start_with_when(start);
        let _ = osc.stop_with_when(end);
    }
}

/// `window.speechSynthesis`, only where it exists (feature detection; OBS often lacks voices).
pub(super) fn speech_synthesis() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    let synth = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    (!synth.is_undefined() && !synth.is_null()).then(|| synth.unchecked_into())
}

pub(super) fn voice_named(voice: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(voice, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
}
