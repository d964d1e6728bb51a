//! [`EngineConfig`]: everything the engine can be told, loaded from a JSON file by the shell.
//!
//! Every field has a default, so `{}` is a valid configuration. Unknown keys are rejected, so a
//! typo is an error rather than a silently ignored setting. See `example_config.json`.

use super::condition::Condition;
use super::input::{AlertClass, CLASS_COUNT};
use core::time::Duration;
use serde::Deserialize;

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
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
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
    pub fn from_json(text: &str) -> Result<EngineConfig, serde_json::Error> {
        serde_json::from_str(text)
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
