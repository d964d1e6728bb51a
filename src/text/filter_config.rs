//! [`WordFilterConfig`]: the word filter's part of the configuration file.
//!
//! ```json
//! {
//!   "builtin": "mask",
//!   "lists": [
//!     { "words": ["spoiler", "kill yourself"], "action": "hide_message" },
//!     { "words": ["buy followers"], "action": "drop_alert" }
//!   ]
//! }
//! ```
//!
//! Every key is optional (`{}` filters nothing) and unknown keys are errors, as in
//! [`crate::engine::EngineConfig`]: the types are derived `Deserialize` with
//! `deny_unknown_fields`, read through the same key-path reporting.

use crate::engine::config_objects::objects;
use crate::engine::{read_value, ConfigError};
use crate::tau::wire;
use serde::Deserialize;
use serde_json::Value;

/// The built-in list, enabled by `"builtin"`: a few slurs and the strongest English swear
/// words, one per line.
pub const BUILTIN_WORDS: &str = include_str!("builtin_words.txt");

/// What a hit does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterAction {
    /// `"mask"`: the word is replaced by `*`s; the alert and message show.
    #[default]
    Mask,
    /// `"hide_message"`: the word is masked and the alert shows without the viewer's message.
    HideMessage,
    /// `"drop_alert"`: the alert is not shown.
    DropAlert,
}

/// A list of words sharing an action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    /// Words or phrases, in any case and script (matched as described in [`super::WordFilter`]).
    pub words: Vec<String>,
    /// What a hit does (`"mask"` when not given).
    #[serde(default)]
    pub action: FilterAction,
}

/// The word filter's configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordFilterConfig {
    /// The built-in list's action, or `None` (the default) to leave it off.
    #[serde(default)]
    pub builtin: Option<FilterAction>,
    /// The streamer's lists.
    #[serde(default, deserialize_with = "objects")]
    pub lists: Vec<WordList>,
}

impl WordFilterConfig {
    /// Parses a JSON configuration (see the module docs).
    pub fn from_json(text: &str) -> Result<WordFilterConfig, ConfigError> {
        let value = wire::parse(text).map_err(|e| ConfigError {
            path: String::new(),
            problem: format!("not JSON: {e}"),
        })?;
        WordFilterConfig::from_value(&value, "")
    }

    /// Reads the configuration from parsed JSON found at `path` (e.g. `word_filter`, for error
    /// messages; empty at the top level). `"builtin"` is `null` or an action; `"lists"` an
    /// array of `{"words": [strings], "action": action}` where `action` may be left out.
    pub fn from_value(value: &Value, path: &str) -> Result<WordFilterConfig, ConfigError> {
        if !value.is_object() {
            return Err(ConfigError {
                path: path.to_owned(),
                problem: format!("expected an object, found {}", kind(value)),
            });
        }
        read_value(value, path)
    }

    /// Whether any word is configured (the built-in list on, or a list with a word).
    pub fn is_enabled(&self) -> bool {
        self.builtin.is_some() || self.lists.iter().any(|l| !l.words.is_empty())
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
