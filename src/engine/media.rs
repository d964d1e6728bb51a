//! Media decisions for an alert: which image or video, which sound at which volume, what is read
//! aloud and through which provider. Pure; the browser side (`web::components::alert_box::media`)
//! only performs a [`MediaPlan`].
//!
//! ```
//! use tau_overlay::engine::media::{MediaPlan, Sound};
//! use tau_overlay::engine::{AlertClass, AlertInput, Engine, EngineAction, EngineConfig};
//! use tau_overlay::util::clock::Instant;
//!
//! let config = EngineConfig::from_json(r#"{"master_volume": 0.5,
//!     "classes": {"follow": {"sound": "ding.ogg", "sound_volume": 0.5}}}"#).unwrap();
//! let mut engine = Engine::new(config.clone(), 1);
//! engine.push(AlertInput { user: Some("ana".into()), ..AlertInput::new(AlertClass::Follow) }, Instant(0));
//! let [EngineAction::Show(view)] = &engine.poll(Instant(0))[..] else { panic!() };
//! let plan = MediaPlan::for_view(&config, view);
//! assert!(matches!(plan.sound, Sound::File { ref url, gain } if url == "ding.ogg" && gain.fraction() == 0.25));
//! ```

use super::config::EngineConfig;
use super::view::AlertView;
use core::time::Duration;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Deserialize;

pub use super::chime::{chime, chime_length, Note};

/// A volume from 0 (silent) to 1 (full), kept in thousandths so configurations compare exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "f64")]
pub struct Volume(u16);

impl Volume {
    /// Full volume (the default).
    pub const FULL: Volume = Volume(1000);

    /// The volume as a fraction from 0 to 1 (for `HTMLMediaElement.volume` or a gain node).
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// This volume scaled by `other` (a sound's volume under the master volume).
    pub fn times(self, other: Volume) -> Volume {
        Volume(((u32::from(self.0) * u32::from(other.0) + 500) / 1000) as u16)
    }
}

impl Default for Volume {
    fn default() -> Self {
        Volume::FULL
    }
}

impl TryFrom<f64> for Volume {
    type Error = String;

    fn try_from(v: f64) -> Result<Volume, String> {
        if (0.0..=1.0).contains(&v) {
            Ok(Volume((v * 1000.0).round() as u16))
        } else {
            Err("a volume is a number from 0 to 1".to_string())
        }
    }
}

/// An `http(s)://` URL template of a text-to-speech service that answers with audio:
/// `{text}` becomes the percent-encoded text to speak, `{voice}` the configured voice.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct UrlTemplate(String);

impl TryFrom<String> for UrlTemplate {
    type Error = String;

    fn try_from(url: String) -> Result<UrlTemplate, String> {
        let lower = url.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .ok_or_else(|| format!("the TTS url must start with https:// or http://, not {url:?}"))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty() || host.contains('{') {
            return Err(format!("the TTS url needs a fixed host, not {url:?}"));
        }
        if !rest.contains("{text}") {
            return Err(format!("the TTS url has no {{text}}: {url:?}"));
        }
        Ok(UrlTemplate(url))
    }
}

/// Characters left as they are in an expanded URL (RFC 3986 unreserved); all else is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

impl UrlTemplate {
    /// The template with `{text}` and `{voice}` replaced by their percent-encoded values. The
    /// scheme and host always come from the configuration file, never from the text.
    pub fn expand(&self, text: &str, voice: Option<&str>) -> String {
        let encode = |s: &str| utf8_percent_encode(s, COMPONENT).to_string();
        self.0
            .replace("{voice}", &encode(voice.unwrap_or_default()))
            .replace("{text}", &encode(text))
    }
}

/// Who reads viewer messages aloud.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TtsProvider {
    /// `"browser"`: the browser's speech synthesis, when it exists (OBS often has no voices).
    #[default]
    Browser,
    /// `{"url": "https://…?text={text}"}`: an HTTP service returning audio, played like a sound.
    Http {
        /// The URL template.
        url: UrlTemplate,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpProvider {
    url: UrlTemplate,
}

impl<'de> Deserialize<'de> for TtsProvider {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TtsProvider, D::Error> {
        struct Provider;
        impl<'de> serde::de::Visitor<'de> for Provider {
            type Value = TtsProvider;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("\"browser\" or {\"url\": …}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TtsProvider, E> {
                match v {
                    "browser" => Ok(TtsProvider::Browser),
                    other => Err(E::unknown_variant(other, &["browser"])),
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<TtsProvider, A::Error> {
                let http = HttpProvider::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(TtsProvider::Http { url: http.url })
            }
        }
        d.deserialize_any(Provider)
    }
}

/// Text-to-speech settings (`tts` in the config file).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TtsConfig {
    /// `"browser"` or `{"url": …}`.
    pub provider: TtsProvider,
    /// Longest text read aloud, in characters.
    pub max_chars: usize,
    /// Voice name (speech synthesis) or `{voice}` value (URL template).
    pub voice: Option<String>,
    /// Speech volume, under the master volume.
    pub volume: Volume,
}

impl Default for TtsConfig {
    fn default() -> Self {
        TtsConfig {
            provider: TtsProvider::Browser,
            max_chars: 200,
            voice: None,
            volume: Volume::FULL,
        }
    }
}

/// How an image slot URL is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisualKind {
    /// `<img>`: PNG, GIF, WebP, SVG…
    Image,
    /// `<video>`: WebM (with alpha), MP4, Ogg video.
    Video,
}

impl VisualKind {
    /// Decided by the file extension (ignoring `?query` and `#fragment`, any case).
    pub fn of(url: &str) -> VisualKind {
        let path = url.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
        let video = [".webm", ".mp4", ".m4v", ".ogv", ".mov"];
        if video.iter().any(|ext| path.ends_with(ext)) {
            VisualKind::Video
        } else {
            VisualKind::Image
        }
    }
}

/// The alert's image or video.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visual {
    /// From the config file.
    pub url: String,
    /// `<img>` or `<video>`.
    pub kind: VisualKind,
    /// A video is muted when the alert has its own sound file; otherwise its audio is the sound.
    pub muted: bool,
    /// The video's volume when not muted.
    pub gain: Volume,
}

/// The alert's sound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sound {
    /// No separate sound (muted by volume 0, or a video whose own audio plays).
    None,
    /// An audio file from the config.
    File {
        /// Its URL.
        url: String,
        /// Master volume times the sound's volume.
        gain: Volume,
    },
    /// The class's built-in chime, synthesised with Web Audio.
    Chime {
        /// Its tones.
        notes: &'static [Note],
        /// Master volume times the sound's volume.
        gain: Volume,
    },
}

/// How a message is read aloud.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpeechVia {
    /// Play this provider URL (the template, expanded).
    Audio(String),
    /// The browser's speech synthesis, when present, with this voice name if found.
    Browser(Option<String>),
}

/// A message to read aloud after the alert's sound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speech {
    /// The filtered, capped message: never the raw one.
    pub text: String,
    /// Provider.
    pub via: SpeechVia,
    /// Master volume times the TTS volume.
    pub gain: Volume,
}

/// Everything the shell plays for one alert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaPlan {
    /// Image or video for the image slot.
    pub visual: Option<Visual>,
    /// The sound, started with the alert.
    pub sound: Sound,
    /// The message to read aloud after the sound.
    pub speech: Option<Speech>,
}

impl MediaPlan {
    /// The media of `view` under `config`: the variation's image and sound, else the class's;
    /// the variation's volume, else the class's, under `master_volume`; speech only when the
    /// engine set [`AlertView::speak`] (amount gates) and the capped text is not empty.
    pub fn for_view(config: &EngineConfig, view: &AlertView) -> MediaPlan {
        let master = config.master_volume;
        let gain = master.times(view.volume);
        let has_file = view.sound.is_some();
        let visual = view.image.as_ref().map(|url| Visual {
            url: url.clone(),
            kind: VisualKind::of(url),
            muted: has_file,
            gain,
        });
        let video_sound = visual.as_ref().is_some_and(|v| v.kind == VisualKind::Video && !v.muted);
        let sound = match &view.sound {
            _ if gain == Volume(0) => Sound::None,
            Some(url) => Sound::File { url: url.clone(), gain },
            None if video_sound => Sound::None,
            None => Sound::Chime {
                notes: chime(view.class),
                gain,
            },
        };
        let tts = &config.tts;
        let text = speech_text(&view.message_text(), tts.max_chars);
        let speech = (view.speak && !text.is_empty()).then(|| Speech {
            via: match &tts.provider {
                TtsProvider::Browser => SpeechVia::Browser(tts.voice.clone()),
                TtsProvider::Http { url } => SpeechVia::Audio(url.expand(&text, tts.voice.as_deref())),
            },
            text,
            gain: master.times(tts.volume),
        });
        MediaPlan { visual, sound, speech }
    }
}

/// `message` with runs of whitespace made one space, cut to `max_chars` characters (at the last
/// word break when there is one in the second half).
pub fn speech_text(message: &str, max_chars: usize) -> String {
    let words: Vec<&str> = message.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() <= max_chars {
        return joined;
    }
    let cut: String = joined.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() * 2 >= max_chars => cut[..i].to_owned(),
        _ => cut,
    }
}

/// A rough length of `text` read aloud (speech synthesis reports none): the alert is kept on
/// screen that long, up to `max_duration_ms`.
pub fn speech_estimate(text: &str) -> Duration {
    Duration::from_millis(500 + 65 * text.chars().count() as u64)
}

/// Whether the end of media `length` long ends an alert planned for `hold`: only media that
/// extended the alert ends it early; a short sound never cuts it.
pub fn ends_alert(hold: Duration, length: Duration) -> bool {
    length > hold
}

/// What an asset is, for preloading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetKind {
    /// An image.
    Image,
    /// A video.
    Video,
    /// A sound.
    Audio,
}

/// Every image, video and sound URL in `config`, each once, in file order.
pub fn assets(config: &EngineConfig) -> Vec<(String, AssetKind)> {
    let mut out: Vec<(String, AssetKind)> = Vec::new();
    let mut add = |url: &Option<String>, sound: bool| {
        let Some(url) = url.as_ref().filter(|u| !u.is_empty()) else {
            return;
        };
        let kind = match (sound, VisualKind::of(url)) {
            (true, _) => AssetKind::Audio,
            (false, VisualKind::Image) => AssetKind::Image,
            (false, VisualKind::Video) => AssetKind::Video,
        };
        if !out.iter().any(|(u, _)| u == url) {
            out.push((url.clone(), kind));
        }
    };
    for class in super::input::ALL_CLASSES {
        let rules = config.class(class);
        add(&rules.image, false);
        add(&rules.sound, true);
        for v in &rules.variations {
            add(&v.image, false);
            add(&v.sound, true);
        }
    }
    out
}
