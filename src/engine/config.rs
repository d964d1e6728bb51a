//! [`EngineConfig`]: everything the engine can be told, loaded from a JSON file by the shell.
//!
//! Every field has a default, so `{}` is a valid configuration. Unknown keys are rejected, so a
//! typo is an error rather than a silently ignored setting. See `example_config.json`.
//!
//! The types are `#[derive(Deserialize)]` with `deny_unknown_fields`; [`serde_path_to_error`]
//! names the key path of a bad value, and [`plain`] words serde's message for the streamer.

use super::condition::Condition;
use super::input::{AlertClass, CLASS_COUNT};
use super::kinds::Kinds;
use super::lang::Lang;
use super::media::{TtsConfig, Volume};
use super::template::Template;
use crate::tau::wire;
use core::time::Duration;
use objects::{object, objects, opt_object};
use serde::Deserialize;
use serde_json::Value;

pub(crate) mod look;
pub(crate) mod objects;

/// When a channel points redemption plays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedemptionMode {
    /// As soon as the `-add` frame arrives; `-update` frames are ignored.
    #[default]
    Immediate,
    /// Only once an `-update` says `fulfilled`; dropped if `canceled` comes first.
    OnFulfilled,
}

/// How a variation is picked among those whose conditions match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// The first matching variation, in file order.
    #[default]
    First,
    /// A weighted random choice among the matching variations.
    Random,
}

/// A rate budget: more than `max` alerts of a class within `per_ms` become one summary alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FloodBudget {
    /// Alerts allowed per window; 0 turns flood grouping off.
    pub max: u32,
    /// The sliding window, in milliseconds.
    pub per_ms: u64,
}

impl Default for FloodBudget {
    fn default() -> Self {
        FloodBudget { max: 0, per_ms: 10_000 }
    }
}

/// One look for an alert, chosen when its conditions match the event.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Variation {
    /// Name, exposed to the shell (e.g. as `data-variation`).
    pub name: String,
    /// Condition on the class's amount (bits, viewers, gift total, cost…).
    pub amount: Option<Condition>,
    /// Condition on the tier (1–3).
    pub tier: Option<Condition>,
    /// Condition on cumulative months.
    pub months: Option<Condition>,
    /// Require (true) or exclude (false) gifts.
    pub gift: Option<bool>,
    /// Require (true) or exclude (false) anonymous events.
    pub anonymous: Option<bool>,
    /// For redemptions: the reward title, compared case-insensitively.
    pub reward: Option<String>,
    /// Weight in a random choice; 0 never wins against a positive weight.
    pub weight: u32,
    /// When an exclusive variation matches, only exclusive matches are candidates.
    pub exclusive: bool,
    /// Headline template overriding the kind's and the class's (variables: see [`Var`](super::Var)).
    pub headline: Option<Template>,
    /// Image hint for the shell.
    pub image: Option<String>,
    /// Sound hint for the shell.
    pub sound: Option<String>,
    /// This variation's sound volume (0 to 1), overriding the class's.
    pub sound_volume: Option<Volume>,
    /// Time on screen, overriding the class's.
    pub duration_ms: Option<u64>,
    /// Length of this variation's media; the alert stays that long if it exceeds the duration.
    pub media_ms: Option<u64>,
}

impl Default for Variation {
    fn default() -> Self {
        Variation {
            name: String::new(),
            amount: None,
            tier: None,
            months: None,
            gift: None,
            anonymous: None,
            reward: None,
            weight: 1,
            exclusive: false,
            headline: None,
            image: None,
            sound: None,
            sound_volume: None,
            duration_ms: None,
            media_ms: None,
        }
    }
}

/// Settings for one alert class. `None` fields take the class's built-in default.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClassConfig {
    /// Whether this class alerts at all (counters update either way).
    pub enabled: bool,
    /// Higher plays first. Defaults: raid 60, gift-bomb 50, sub/resub 40, cheer 30,
    /// redemption 20, other 15, follow 10.
    pub priority: Option<u8>,
    /// Time on screen before the exit animation.
    pub duration_ms: Option<u64>,
    /// A queued alert older than this expires; 0 means never.
    pub max_age_ms: Option<u64>,
    /// Smaller amounts do not alert.
    pub min_amount: u64,
    /// Smaller amounts alert without the viewer's message.
    pub message_min_amount: u64,
    /// The message is spoken (`AlertView::speak`) from this amount; `None` never speaks.
    pub speak_min_amount: Option<u64>,
    /// Flood budget (default: 5 per 10 s for follows, off otherwise).
    #[serde(deserialize_with = "opt_object")]
    pub flood: Option<FloodBudget>,
    /// Headline template for this class.
    pub headline: Option<Template>,
    /// How variations are picked.
    pub selection: Selection,
    /// Image or video (by extension) when the variation names none.
    pub image: Option<String>,
    /// Sound file when the variation names none; `None` plays the class's built-in chime.
    pub sound: Option<String>,
    /// Sound volume (0 to 1) when the variation sets none.
    pub sound_volume: Option<Volume>,
    /// The variations, in order.
    #[serde(deserialize_with = "objects")]
    pub variations: Vec<Variation>,
}

impl Default for ClassConfig {
    fn default() -> Self {
        ClassConfig {
            enabled: true,
            priority: None,
            duration_ms: None,
            max_age_ms: None,
            min_amount: 0,
            message_min_amount: 0,
            speak_min_amount: None,
            flood: None,
            headline: None,
            selection: Selection::First,
            image: None,
            sound: None,
            sound_volume: None,
            variations: Vec::new(),
        }
    }
}

/// Per-class settings, keyed by [`AlertClass::name`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Classes {
    /// Raids.
    #[serde(deserialize_with = "object")]
    pub raid: ClassConfig,
    /// Gift bombs (and "+N gifted subs" summaries).
    #[serde(rename = "gift-bomb", deserialize_with = "object")]
    pub gift_bomb: ClassConfig,
    /// New subs.
    #[serde(deserialize_with = "object")]
    pub sub: ClassConfig,
    /// Resubs.
    #[serde(deserialize_with = "object")]
    pub resub: ClassConfig,
    /// Cheers.
    #[serde(deserialize_with = "object")]
    pub cheer: ClassConfig,
    /// Channel points redemptions.
    #[serde(deserialize_with = "object")]
    pub redemption: ClassConfig,
    /// Follows.
    #[serde(deserialize_with = "object")]
    pub follow: ClassConfig,
    /// Every [`AlertClass::Other`] type.
    #[serde(deserialize_with = "object")]
    pub other: ClassConfig,
}

impl Classes {
    /// The settings for `class`.
    pub fn get(&self, class: AlertClass) -> &ClassConfig {
        match class {
            AlertClass::Raid => &self.raid,
            AlertClass::GiftBomb => &self.gift_bomb,
            AlertClass::Sub => &self.sub,
            AlertClass::Resub => &self.resub,
            AlertClass::Cheer => &self.cheer,
            AlertClass::Redemption => &self.redemption,
            AlertClass::Follow => &self.follow,
            AlertClass::Other(_) => &self.other,
        }
    }
}

/// Built-in (priority, duration ms, max age ms) per class index.
const CLASS_DEFAULTS: [(u8, u64, u64); CLASS_COUNT] = [
    (60, 8_000, 600_000),
    (50, 8_000, 600_000),
    (40, 6_000, 300_000),
    (40, 7_000, 300_000),
    (30, 6_000, 300_000),
    (20, 5_000, 120_000),
    (10, 4_000, 60_000),
    (15, 5_000, 120_000),
];

/// The engine's configuration. `{}` gives the defaults.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// Global delay applied to every event, to match a stream delay.
    pub delay_ms: u64,
    /// Length of the exit animation; the alert is removed at its end at the latest.
    pub exit_ms: u64,
    /// Added to every alert's time on screen.
    pub slack_ms: u64,
    /// Cap on time on screen, whatever the media length.
    pub max_duration_ms: u64,
    /// Most alerts waiting; beyond it the oldest of the lowest priority expires.
    pub max_queue: usize,
    /// A higher-priority alert cuts the current one short.
    pub interrupt: bool,
    /// Let `origin: "replay"` events through even when their id already played this session.
    pub replay_seen: bool,
    /// How many shown alerts are kept for "replay last" and "replay by id".
    pub history: usize,
    /// When redemptions play.
    pub redemptions: RedemptionMode,
    /// With `on_fulfilled`, how long a redemption waits for its update before it expires.
    pub redemption_hold_ms: u64,
    /// Gift recipients within this window before or after their gift event join its bomb.
    pub gift_window_ms: u64,
    /// Orphaned gift recipients are shown as "+N gifted subs" at most this often.
    pub gift_orphan_interval_ms: u64,
    /// Volume of every sound and of speech (0 to 1).
    pub master_volume: Volume,
    /// Text-to-speech of viewer messages.
    #[serde(deserialize_with = "object")]
    pub tts: TtsConfig,
    /// Per-class settings.
    #[serde(deserialize_with = "object")]
    pub classes: Classes,
    /// The word filter for viewer names, messages and reward titles (off when empty).
    #[serde(default)]
    pub word_filter: crate::text::WordFilterConfig,
    /// Per-kind off switches and headlines, keyed by [`KIND_NAMES`](super::KIND_NAMES).
    pub kinds: Kinds,
    /// Language of the built-in texts (`en`, `de`, `es`, `fr`, `pt-BR`); the fragment's `lang`
    /// wins over it, and without either the browser's language is used.
    pub lang: Option<Lang>,
    /// Image above, beside or as a banner over the theme's own layout; the fragment's `layout`
    /// wins over it.
    pub layout: Option<look::Layout>,
    /// A local or web font for every text of the overlay.
    #[serde(deserialize_with = "opt_object")]
    pub font: Option<look::FontConfig>,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            delay_ms: 0,
            exit_ms: 600,
            slack_ms: 250,
            max_duration_ms: 30_000,
            max_queue: 50,
            interrupt: false,
            replay_seen: false,
            history: 20,
            redemptions: RedemptionMode::Immediate,
            redemption_hold_ms: 600_000,
            gift_window_ms: 10_000,
            gift_orphan_interval_ms: 10_000,
            master_volume: Volume::FULL,
            tts: TtsConfig::default(),
            classes: Classes::default(),
            word_filter: crate::text::WordFilterConfig::default(),
            kinds: Kinds::default(),
            lang: None,
            layout: None,
            font: None,
        }
    }
}

impl EngineConfig {
    /// Parses a JSON configuration.
    pub fn from_json(text: &str) -> Result<EngineConfig, ConfigError> {
        let value = wire::parse(text).map_err(|e| ConfigError {
            path: String::new(),
            problem: format!("not JSON: {e}"),
        })?;
        EngineConfig::from_value(&value)
    }

    /// Reads a configuration from parsed JSON: an object whose keys are the field names, every
    /// one optional. Integers must be JSON integers in range, flags JSON booleans, optional
    /// fields may be `null`, and conditions are a number or a [`Condition`] string.
    pub fn from_value(value: &Value) -> Result<EngineConfig, ConfigError> {
        if !value.is_object() {
            let found = match value {
                Value::Array(_) => "sequence",
                Value::String(_) => "string",
                Value::Number(_) => "integer",
                Value::Bool(_) => "boolean",
                _ => "null",
            };
            return Err(ConfigError {
                path: String::new(),
                problem: format!("expected an object, found {}", kind(found)),
            });
        }
        read_value(value, "")
    }

    /// The settings for `class`.
    pub fn class(&self, class: AlertClass) -> &ClassConfig {
        self.classes.get(class)
    }

    /// Effective priority of `class`.
    pub fn priority(&self, class: AlertClass) -> u8 {
        self.class(class).priority.unwrap_or(CLASS_DEFAULTS[class.index()].0)
    }

    /// Effective time on screen of `class` (before variations and media).
    pub fn duration(&self, class: AlertClass) -> Duration {
        Duration::from_millis(self.class(class).duration_ms.unwrap_or(CLASS_DEFAULTS[class.index()].1))
    }

    /// Effective maximum age of a queued alert of `class`; `None` never expires.
    pub fn max_age(&self, class: AlertClass) -> Option<Duration> {
        match self.class(class).max_age_ms.unwrap_or(CLASS_DEFAULTS[class.index()].2) {
            0 => None,
            ms => Some(Duration::from_millis(ms)),
        }
    }

    /// Effective flood budget of `class`, if any.
    pub fn flood(&self, class: AlertClass) -> Option<FloodBudget> {
        let default = (class == AlertClass::Follow).then_some(FloodBudget { max: 5, per_ms: 10_000 });
        self.class(class).flood.or(default).filter(|f| f.max > 0)
    }
}

/// Why a configuration did not load: where in the file, and what was wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Where: `classes.cheer.variations[3].amount`; empty for the whole file.
    pub path: String,
    /// What: `unknown key "folow" (expected one of …)`, `expected a boolean, found a string`…
    pub problem: String,
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for ConfigError {}

/// serde's message in the file's terms: `invalid type: null, expected a boolean` becomes
/// `expected a boolean, found null`, `invalid value: integer `256`, expected u8` becomes
/// `256 is out of range (at most 255)`, and unknown fields and variants are "unknown key" and
/// "unknown value" with the accepted names listed.
/// Reads a `T` (a derived, `deny_unknown_fields` config type) from parsed JSON found at `prefix`
/// in the file (empty at the top level), naming the key path of a bad value the way the
/// streamer reads it: `classes.raid.priority: expected an integer, found a string`.
pub(crate) fn read_value<T: serde::de::DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, ConfigError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let (path, message) = (e.path().to_string(), e.inner().to_string());
        let mut path = if path == "." { "" } else { path.as_str() };
        // An unknown key is reported at the object that holds it, not at itself.
        if let Some((key, _)) = message.strip_prefix("unknown field `").and_then(|r| r.split_once('`')) {
            path = path.strip_suffix(key).unwrap_or(path).trim_end_matches('.');
        }
        let path = match (prefix, path) {
            (p, "") => p.to_owned(),
            ("", q) => q.to_owned(),
            (p, q) if q.starts_with('[') => format!("{p}{q}"),
            (p, q) => format!("{p}.{q}"),
        };
        ConfigError {
            path,
            problem: plain(&message),
        }
    })
}

fn plain(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return format!("expected {}, found {}", wanted(expected), kind(found));
    }
    if let Some((n, expected)) = message
        .strip_prefix("invalid value: integer `")
        .and_then(|rest| rest.split_once("`, expected "))
    {
        let max = match expected {
            "u8" => u8::MAX.into(),
            "u16" => u16::MAX.into(),
            "u32" => u32::MAX.into(),
            _ => u64::MAX,
        };
        return if n.starts_with('-') {
            format!("expected {}, found a number", wanted(expected))
        } else {
            format!("{n} is out of range (at most {max})")
        };
    }
    for (prefix, what) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some((name, rest)) = message.strip_prefix(prefix).and_then(|r| r.split_once('`')) {
            let names = rest.trim_start_matches(", expected ").trim_start_matches("one of ");
            let names = names.replace(" or ", ", ").replace('`', "");
            return format!("unknown {what} {} (expected one of {names})", wire::to_string(name));
        }
    }
    if let Some((name, _)) = message.strip_prefix("missing field `").and_then(|r| r.split_once('`')) {
        return format!("missing key {}", wire::to_string(name));
    }
    message.to_owned()
}

/// What serde expected, as the file's reader would say it.
fn wanted(expected: &str) -> &str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a non-negative integer",
        "variant identifier" | "string or map" => "a string",
        "a sequence" => "an array",
        other => other,
    }
}

/// The kind of JSON value serde found (`integer `5``, `string "x"`, `map`…).
fn kind(found: &str) -> &'static str {
    match found.split([' ', '`']).next().unwrap_or_default() {
        "null" | "unit" => "null",
        "boolean" => "a boolean",
        "integer" | "floating" => "a number",
        "string" => "a string",
        "sequence" => "an array",
        _ => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        EngineConfig::from_json(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_path_and_the_problem() {
        let cases = [
            ("[]", "expected an object, found an array"),
            ("{", "not JSON: "),
            (
                r#"{"dealy_ms": 5}"#,
                "unknown key \"dealy_ms\" (expected one of delay_ms, exit_ms",
            ),
            (r#"{"classes": {"folow": {}}}"#, "classes: unknown key \"folow\""),
            (
                r#"{"max_queue": 1.5}"#,
                "max_queue: expected a non-negative integer, found a number",
            ),
            (
                r#"{"exit_ms": -1}"#,
                "exit_ms: expected a non-negative integer, found a number",
            ),
            (r#"{"interrupt": null}"#, "interrupt: expected a boolean, found null"),
            (
                r#"{"interrupt": "yes"}"#,
                "interrupt: expected a boolean, found a string",
            ),
            (
                r#"{"redemptions": "later"}"#,
                "redemptions: unknown value \"later\" (expected one of immediate, on_fulfilled)",
            ),
            (
                r#"{"classes": {"raid": {"priority": 256}}}"#,
                "classes.raid.priority: 256 is out of range (at most 255)",
            ),
            (
                r#"{"classes": {"raid": {"flood": {"max": 1, "per": 5}}}}"#,
                "classes.raid.flood: unknown key \"per\"",
            ),
            (
                r#"{"classes": {"raid": {"flood": 5}}}"#,
                "classes.raid.flood: expected an object, found a number",
            ),
            (
                r#"{"classes": {"raid": {"flood": [1, 5000]}}}"#,
                "classes.raid.flood: expected an object, found an array",
            ),
            (
                r#"{"classes": {"raid": {"variations": [["x"]]}}}"#,
                "classes.raid.variations[0]: expected an object, found an array",
            ),
            (r#"{"classes": []}"#, "classes: expected an object, found an array"),
            (
                r#"{"classes": {"raid": {"variations": {}}}}"#,
                "classes.raid.variations: expected an array, found an object",
            ),
            (
                r#"{"classes": {"raid": {"variations": [{}, {"weight": 4294967296}]}}}"#,
                "classes.raid.variations[1].weight: 4294967296 is out of range",
            ),
            (
                r#"{"classes": {"cheer": {"variations": [{"amount": "9-1"}]}}}"#,
                "classes.cheer.variations[0].amount: bad condition \"9-1\"",
            ),
            (
                r#"{"classes": {"cheer": {"variations": [{"tier": true}]}}}"#,
                "classes.cheer.variations[0].tier: expected a number or a condition string",
            ),
            (
                r#"{"classes": {"cheer": {"variations": [{"months": -3}]}}}"#,
                "classes.cheer.variations[0].months: expected a number or a condition string",
            ),
            (
                r#"{"classes": {"cheer": {"selection": "last"}}}"#,
                "classes.cheer.selection: unknown value \"last\"",
            ),
            (
                r#"{"classes": {"cheer": {"variations": [{"name": null}]}}}"#,
                "classes.cheer.variations[0].name: expected a string, found null",
            ),
        ];
        for (text, want) in cases {
            let got = error(text);
            assert!(got.starts_with(want), "{text}: {got}");
        }
    }

    #[test]
    fn nulls_are_none_and_every_key_is_read() {
        let c = EngineConfig::from_json(
            r#"{"classes": {"raid": {"priority": null, "duration_ms": null, "max_age_ms": null,
                "speak_min_amount": null, "flood": null, "headline": null,
                "variations": [{"amount": null, "tier": null, "months": null, "gift": null, "anonymous": null,
                    "reward": null, "headline": null, "image": null, "sound": null, "duration_ms": null, "media_ms": null}]}}}"#,
        )
        .unwrap();
        let mut want = EngineConfig::default();
        want.classes.raid.variations.push(Variation::default());
        assert_eq!(c, want);

        let c = EngineConfig::from_json(
            r#"{"delay_ms": 1, "exit_ms": 2, "slack_ms": 3, "max_duration_ms": 4, "max_queue": 5, "interrupt": true,
                "replay_seen": true, "history": 6, "redemptions": "on_fulfilled", "redemption_hold_ms": 7,
                "gift_window_ms": 8, "gift_orphan_interval_ms": 9, "lang": "pt-BR",
                "kinds": {"goal-end": {"enabled": false, "headline": "k"}},
                "classes": {"other": {"enabled": false, "priority": 10, "duration_ms": 11, "max_age_ms": 12,
                    "min_amount": 13, "message_min_amount": 14, "speak_min_amount": 15,
                    "flood": {"max": 16, "per_ms": 17}, "headline": "h", "selection": "random",
                    "variations": [{"name": "n", "amount": 18, "tier": ">=2", "months": "x3", "gift": true,
                        "anonymous": false, "reward": "r", "weight": 19, "exclusive": true, "headline": "vh",
                        "image": "i", "sound": "s", "duration_ms": 20, "media_ms": 21}]}}}"#,
        )
        .unwrap();
        let mut want = EngineConfig {
            delay_ms: 1,
            exit_ms: 2,
            slack_ms: 3,
            max_duration_ms: 4,
            max_queue: 5,
            interrupt: true,
            replay_seen: true,
            history: 6,
            redemptions: RedemptionMode::OnFulfilled,
            redemption_hold_ms: 7,
            gift_window_ms: 8,
            gift_orphan_interval_ms: 9,
            classes: Classes {
                other: ClassConfig {
                    enabled: false,
                    priority: Some(10),
                    duration_ms: Some(11),
                    max_age_ms: Some(12),
                    min_amount: 13,
                    message_min_amount: 14,
                    speak_min_amount: Some(15),
                    flood: Some(FloodBudget { max: 16, per_ms: 17 }),
                    headline: Template::parse("h").ok(),
                    selection: Selection::Random,
                    variations: vec![Variation {
                        name: "n".into(),
                        amount: Some(Condition::Exact(18)),
                        tier: Some(Condition::AtLeast(2)),
                        months: Some(Condition::MultipleOf(3)),
                        gift: Some(true),
                        anonymous: Some(false),
                        reward: Some("r".into()),
                        weight: 19,
                        exclusive: true,
                        headline: Template::parse("vh").ok(),
                        image: Some("i".into()),
                        sound: Some("s".into()),
                        duration_ms: Some(20),
                        media_ms: Some(21),
                        ..Variation::default()
                    }],
                    ..ClassConfig::default()
                },
                ..Classes::default()
            },
            word_filter: Default::default(),
            kinds: Default::default(),
            lang: Some(super::Lang::PtBr),
            ..EngineConfig::default()
        };
        let goal = super::super::KindConfig {
            enabled: false,
            headline: Template::parse("k").ok(),
        };
        want.kinds.set("goal-end", goal);
        assert_eq!(c, want);
        let partial_flood = EngineConfig::from_json(r#"{"classes": {"follow": {"flood": {"max": 2}}}}"#).unwrap();
        assert_eq!(
            partial_flood.classes.follow.flood,
            Some(FloodBudget { max: 2, per_ms: 10_000 })
        );
    }
}
