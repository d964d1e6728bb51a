//! [`EngineConfig`]: everything the engine can be told, loaded from a JSON file by the shell.
//!
//! Every field has a default, so `{}` is a valid configuration. Unknown keys are rejected, so a
//! typo is an error rather than a silently ignored setting. See `example_config.json`.
//!
//! The file is read by hand from a parsed [`Value`] (see [`EngineConfig::from_value`]) rather than
//! with `#[derive(Deserialize)]`: the derived field matchers cost the wasm bundle ~6 KB gzipped.

use super::condition::Condition;
use super::input::{AlertClass, CLASS_COUNT};
use crate::wire;
use core::time::Duration;
use serde_json::{Map, Value};

/// When a channel points redemption plays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RedemptionMode {
    /// As soon as the `-add` frame arrives; `-update` frames are ignored.
    #[default]
    Immediate,
    /// Only once an `-update` says `fulfilled`; dropped if `canceled` comes first.
    OnFulfilled,
}

/// How a variation is picked among those whose conditions match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    /// The first matching variation, in file order.
    #[default]
    First,
    /// A weighted random choice among the matching variations.
    Random,
}

/// A rate budget: more than `max` alerts of a class within `per_ms` become one summary alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Headline template overriding the class's (`{name}`, `{amount}`, `{count}`, `{tier}`,
    /// `{months}`, `{reward}`).
    pub headline: Option<String>,
    /// Image hint for the shell.
    pub image: Option<String>,
    /// Sound hint for the shell.
    pub sound: Option<String>,
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
            duration_ms: None,
            media_ms: None,
        }
    }
}

/// Settings for one alert class. `None` fields take the class's built-in default.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub flood: Option<FloodBudget>,
    /// Headline template for this class.
    pub headline: Option<String>,
    /// How variations are picked.
    pub selection: Selection,
    /// The variations, in order.
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
            variations: Vec::new(),
        }
    }
}

/// Per-class settings, keyed by [`AlertClass::name`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Classes {
    /// Raids.
    pub raid: ClassConfig,
    /// Gift bombs (and "+N gifted subs" summaries).
    pub gift_bomb: ClassConfig,
    /// New subs.
    pub sub: ClassConfig,
    /// Resubs.
    pub resub: ClassConfig,
    /// Cheers.
    pub cheer: ClassConfig,
    /// Channel points redemptions.
    pub redemption: ClassConfig,
    /// Follows.
    pub follow: ClassConfig,
    /// Every [`AlertClass::Other`] type.
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Per-class settings.
    pub classes: Classes,
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
            classes: Classes::default(),
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
        let o = Obj::new(
            value,
            String::new(),
            &[
                "delay_ms",
                "exit_ms",
                "slack_ms",
                "max_duration_ms",
                "max_queue",
                "interrupt",
                "replay_seen",
                "history",
                "redemptions",
                "redemption_hold_ms",
                "gift_window_ms",
                "gift_orphan_interval_ms",
                "classes",
            ],
        )?;
        let mut config = EngineConfig::default();
        let EngineConfig {
            delay_ms,
            exit_ms,
            slack_ms,
            max_duration_ms,
            max_queue,
            interrupt,
            replay_seen,
            history,
            redemptions,
            redemption_hold_ms,
            gift_window_ms,
            gift_orphan_interval_ms,
            classes,
        } = &mut config;
        set(delay_ms, o.uint("delay_ms", u64::MAX, false)?);
        set(exit_ms, o.uint("exit_ms", u64::MAX, false)?);
        set(slack_ms, o.uint("slack_ms", u64::MAX, false)?);
        set(max_duration_ms, o.uint("max_duration_ms", u64::MAX, false)?);
        set(
            max_queue,
            o.uint("max_queue", usize::MAX as u64, false)?.map(|n| n as usize),
        );
        set(interrupt, o.flag("interrupt", false)?);
        set(replay_seen, o.flag("replay_seen", false)?);
        set(
            history,
            o.uint("history", usize::MAX as u64, false)?.map(|n| n as usize),
        );
        if let Some(i) = o.choice("redemptions", &["immediate", "on_fulfilled"])? {
            *redemptions = [RedemptionMode::Immediate, RedemptionMode::OnFulfilled][i];
        }
        set(redemption_hold_ms, o.uint("redemption_hold_ms", u64::MAX, false)?);
        set(gift_window_ms, o.uint("gift_window_ms", u64::MAX, false)?);
        set(
            gift_orphan_interval_ms,
            o.uint("gift_orphan_interval_ms", u64::MAX, false)?,
        );
        if let Some((value, path)) = o.child("classes") {
            read_classes(value, path, classes)?;
        }
        Ok(config)
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

/// Writes `value` to `out` if there is one.
fn set<T>(out: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *out = value;
    }
}

/// A JSON object of the configuration, with its path for error messages.
///
/// Its readers return `Ok(None)` for a missing key (and for `null` where `nullable`: every
/// optional setting defaults to `None`), the value when it fits, and an error naming the key's
/// path otherwise. They are plain functions rather than generic ones: each generic instance
/// costs wasm size.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    /// `value` as an object whose keys are all among `keys`.
    fn new(value: &'a Value, path: String, keys: &[&str]) -> Result<Obj<'a>, ConfigError> {
        let Value::Object(map) = value else {
            return Err(ConfigError {
                problem: expected("an object", value),
                path,
            });
        };
        if let Some(key) = map.keys().find(|k| !keys.contains(&k.as_str())) {
            return Err(ConfigError {
                problem: format!("unknown key {} (expected one of {})", wire::to_string(key), keys.join(", ")),
                path,
            });
        }
        Ok(Obj { map, path })
    }

    /// The value at `key`, if present, with its path.
    fn child(&self, key: &str) -> Option<(&'a Value, String)> {
        let value = self.map.get(key)?;
        let path = if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        };
        Some((value, path))
    }

    /// The value at `key`, unless it is missing or a `null` that `nullable` allows.
    fn present(&self, key: &str, nullable: bool) -> Option<(&'a Value, String)> {
        self.child(key).filter(|(value, _)| !(nullable && value.is_null()))
    }

    /// A JSON integer from 0 to `max`.
    fn uint(&self, key: &str, max: u64, nullable: bool) -> Result<Option<u64>, ConfigError> {
        let Some((value, path)) = self.present(key, nullable) else {
            return Ok(None);
        };
        let problem = match value.as_u64() {
            Some(n) if n <= max => return Ok(Some(n)),
            Some(n) => format!("{n} is out of range (at most {max})"),
            None => expected("a non-negative integer", value),
        };
        Err(ConfigError { path, problem })
    }

    /// A JSON boolean.
    fn flag(&self, key: &str, nullable: bool) -> Result<Option<bool>, ConfigError> {
        let Some((value, path)) = self.present(key, nullable) else {
            return Ok(None);
        };
        match value {
            Value::Bool(b) => Ok(Some(*b)),
            _ => Err(ConfigError {
                problem: expected("a boolean", value),
                path,
            }),
        }
    }

    /// A JSON string.
    fn text(&self, key: &str, nullable: bool) -> Result<Option<String>, ConfigError> {
        let Some((value, path)) = self.present(key, nullable) else {
            return Ok(None);
        };
        match value {
            Value::String(s) => Ok(Some(s.clone())),
            _ => Err(ConfigError {
                problem: expected("a string", value),
                path,
            }),
        }
    }

    /// One of the strings `names`, as its index.
    fn choice(&self, key: &str, names: &[&str]) -> Result<Option<usize>, ConfigError> {
        let Some(text) = self.text(key, false)? else {
            return Ok(None);
        };
        match names.iter().position(|n| *n == text) {
            Some(i) => Ok(Some(i)),
            None => Err(ConfigError {
                problem: format!(
                    "unknown value {} (expected one of {})",
                    wire::to_string(&text),
                    names.join(", ")
                ),
                path: self.child(key).map(|(_, path)| path).unwrap_or_default(),
            }),
        }
    }

    /// A nullable condition: a number (exact match) or a [`Condition`] string.
    fn condition(&self, key: &str) -> Result<Option<Condition>, ConfigError> {
        let Some((value, path)) = self.present(key, true) else {
            return Ok(None);
        };
        let problem = match value {
            Value::Number(n) if n.is_u64() => return Ok(n.as_u64().map(Condition::Exact)),
            Value::String(text) => match Condition::parse(text) {
                Ok(condition) => return Ok(Some(condition)),
                Err(e) => e.to_string(),
            },
            _ => expected(
                "a number or a condition string like \"50-99\", \">=500\", \"x100\"",
                value,
            ),
        };
        Err(ConfigError { path, problem })
    }
}

/// `expected {what}, found {the kind of value}`.
fn expected(what: &str, found: &Value) -> String {
    let kind = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("expected {what}, found {kind}")
}

fn read_classes(value: &Value, path: String, classes: &mut Classes) -> Result<(), ConfigError> {
    const NAMES: [&str; CLASS_COUNT] = [
        "raid",
        "gift-bomb",
        "sub",
        "resub",
        "cheer",
        "redemption",
        "follow",
        "other",
    ];
    let o = Obj::new(value, path, &NAMES)?;
    let Classes {
        raid,
        gift_bomb,
        sub,
        resub,
        cheer,
        redemption,
        follow,
        other,
    } = classes;
    for (name, class) in NAMES
        .into_iter()
        .zip([raid, gift_bomb, sub, resub, cheer, redemption, follow, other])
    {
        if let Some((value, path)) = o.child(name) {
            read_class(value, path, class)?;
        }
    }
    Ok(())
}

fn read_class(value: &Value, path: String, class: &mut ClassConfig) -> Result<(), ConfigError> {
    let o = Obj::new(
        value,
        path,
        &[
            "enabled",
            "priority",
            "duration_ms",
            "max_age_ms",
            "min_amount",
            "message_min_amount",
            "speak_min_amount",
            "flood",
            "headline",
            "selection",
            "variations",
        ],
    )?;
    let ClassConfig {
        enabled,
        priority,
        duration_ms,
        max_age_ms,
        min_amount,
        message_min_amount,
        speak_min_amount,
        flood,
        headline,
        selection,
        variations,
    } = class;
    set(enabled, o.flag("enabled", false)?);
    *priority = o.uint("priority", u8::MAX.into(), true)?.map(|n| n as u8);
    *duration_ms = o.uint("duration_ms", u64::MAX, true)?;
    *max_age_ms = o.uint("max_age_ms", u64::MAX, true)?;
    set(min_amount, o.uint("min_amount", u64::MAX, false)?);
    set(message_min_amount, o.uint("message_min_amount", u64::MAX, false)?);
    *speak_min_amount = o.uint("speak_min_amount", u64::MAX, true)?;
    if let Some((value, path)) = o.present("flood", true) {
        let o = Obj::new(value, path, &["max", "per_ms"])?;
        let mut budget = FloodBudget::default();
        set(
            &mut budget.max,
            o.uint("max", u32::MAX.into(), false)?.map(|n| n as u32),
        );
        set(&mut budget.per_ms, o.uint("per_ms", u64::MAX, false)?);
        *flood = Some(budget);
    }
    *headline = o.text("headline", true)?;
    if let Some(i) = o.choice("selection", &["first", "random"])? {
        *selection = [Selection::First, Selection::Random][i];
    }
    if let Some((value, path)) = o.child("variations") {
        let Value::Array(items) = value else {
            return Err(ConfigError {
                problem: expected("an array", value),
                path,
            });
        };
        for (i, item) in items.iter().enumerate() {
            variations.push(read_variation(item, format!("{path}[{i}]"))?);
        }
    }
    Ok(())
}

fn read_variation(value: &Value, path: String) -> Result<Variation, ConfigError> {
    let o = Obj::new(
        value,
        path,
        &[
            "name",
            "amount",
            "tier",
            "months",
            "gift",
            "anonymous",
            "reward",
            "weight",
            "exclusive",
            "headline",
            "image",
            "sound",
            "duration_ms",
            "media_ms",
        ],
    )?;
    let mut variation = Variation::default();
    let Variation {
        name,
        amount,
        tier,
        months,
        gift,
        anonymous,
        reward,
        weight,
        exclusive,
        headline,
        image,
        sound,
        duration_ms,
        media_ms,
    } = &mut variation;
    set(name, o.text("name", false)?);
    *amount = o.condition("amount")?;
    *tier = o.condition("tier")?;
    *months = o.condition("months")?;
    *gift = o.flag("gift", true)?;
    *anonymous = o.flag("anonymous", true)?;
    *reward = o.text("reward", true)?;
    set(weight, o.uint("weight", u32::MAX.into(), false)?.map(|n| n as u32));
    set(exclusive, o.flag("exclusive", false)?);
    *headline = o.text("headline", true)?;
    *image = o.text("image", true)?;
    *sound = o.text("sound", true)?;
    *duration_ms = o.uint("duration_ms", u64::MAX, true)?;
    *media_ms = o.uint("media_ms", u64::MAX, true)?;
    Ok(variation)
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
                "gift_window_ms": 8, "gift_orphan_interval_ms": 9,
                "classes": {"other": {"enabled": false, "priority": 10, "duration_ms": 11, "max_age_ms": 12,
                    "min_amount": 13, "message_min_amount": 14, "speak_min_amount": 15,
                    "flood": {"max": 16, "per_ms": 17}, "headline": "h", "selection": "random",
                    "variations": [{"name": "n", "amount": 18, "tier": ">=2", "months": "x3", "gift": true,
                        "anonymous": false, "reward": "r", "weight": 19, "exclusive": true, "headline": "vh",
                        "image": "i", "sound": "s", "duration_ms": 20, "media_ms": 21}]}}}"#,
        )
        .unwrap();
        let want = EngineConfig {
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
                    headline: Some("h".into()),
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
                        headline: Some("vh".into()),
                        image: Some("i".into()),
                        sound: Some("s".into()),
                        duration_ms: Some(20),
                        media_ms: Some(21),
                    }],
                },
                ..Classes::default()
            },
        };
        assert_eq!(c, want);
        let partial_flood = EngineConfig::from_json(r#"{"classes": {"follow": {"flood": {"max": 2}}}}"#).unwrap();
        assert_eq!(
            partial_flood.classes.follow.flood,
            Some(FloodBudget { max: 2, per_ms: 10_000 })
        );
    }
}
