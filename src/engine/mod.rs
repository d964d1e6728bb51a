//! The alert engine: a sans-IO machine that decides which alert is on screen, when, and how
//! it looks.
//!
//! The shell builds an [`AlertInput`] per alertable event, [`Engine::push`]es it, and calls
//! [`Engine::poll`] whenever the clock reaches [`Engine::next_deadline`], performing the returned
//! [`EngineAction`]s. Operator buttons and animation callbacks go through [`Engine::control`].
//!
//! The life of an event:
//!
//! 1. **Global delay** (`delay_ms`), to stay in sync with a stream delay.
//! 2. **Deduplication and counters**: live events with an id already seen are filtered; replays of
//!    alerts already shown are filtered unless asked for. Live events update [`ClassStats`].
//! 3. **Redemption holds** ([`RedemptionMode::OnFulfilled`]).
//! 4. **Gift bombs**: recipients merge into their gift event; orphans become "+N gifted subs".
//! 5. **Class rules**: enabled, panic mute, minimum amount; then **flood budgets**.
//! 6. **Queue**: priority then arrival, maximum length, maximum age per class.
//! 7. **Screen**: one alert at a time with a hard deadline (duration or media length, capped, plus
//!    slack, plus the exit animation), optionally interrupted by a higher priority.
//!
//! [`Engine::counts`] accounts for every event: shown, merged, expired, filtered, dropped or
//! still pending.
//!
//! ```
//! use tau_overlay::util::clock::Instant;
//! use tau_overlay::engine::{AlertClass, AlertInput, Engine, EngineAction, EngineConfig};
//!
//! let mut engine = Engine::new(EngineConfig::default(), 7);
//! let follow = AlertInput { user: Some("ana".into()), ..AlertInput::new(AlertClass::Follow) };
//! engine.push(follow, Instant(0));
//! let actions = engine.poll(Instant(0));
//! assert!(matches!(&actions[..], [EngineAction::Show(v)] if v.headline_text() == "ana is now following!"));
//! let deadline = engine.next_deadline().unwrap();
//! assert_eq!(engine.poll(deadline), [EngineAction::Exit(1)]);
//! ```

mod adapter;
mod chime;
mod condition;
mod config;
mod control;
mod flood;
mod gifts;
mod input;
mod kinds;
mod lang;
mod lang_texts;
mod machine;
pub mod media;
mod pending;
mod present;
mod redemptions;
mod stats;
mod template;
mod variation;
mod view;
mod viewer_text;

pub use condition::{Condition, ConditionError};
pub use config::look::{FontConfig, FontFamily, FontSource, FontUrl, Layout, LAYOUT_NAMES};
pub(crate) use config::{objects as config_objects, read_value};
pub use config::{ClassConfig, Classes, ConfigError, EngineConfig, FloodBudget, RedemptionMode, Selection, Variation};
pub use control::Control;
pub use input::{
    AlertClass, AlertInput, Donation, InputOrigin, Money, Outcome, RedemptionInfo, RedemptionStatus, KIND_NAMES,
};
pub use kinds::{KindConfig, Kinds};
pub use lang::{plain_number, FormatNumber, Lang, Number, Text, LANG_NAMES, TEXT_COUNT};
pub use machine::Engine;
pub use stats::{ClassStats, Counts, Snapshot};
pub use template::{default_text, Part, Template, Texts, Var};
pub use variation::choose;
pub use view::{AlertShape, AlertView, EngineAction, Phase};
pub use viewer_text::ViewerText;

/// The example configuration shipped in the README (every key, with its default or a sample).
pub const EXAMPLE_CONFIG: &str = include_str!("example_config.json");
