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
//! [`crate::engine::EngineConfig`], whose hand-written reader this follows for the same reason:
//! derived `Deserialize` impls cost the wasm bundle several KB.

use crate::engine::ConfigError;
use crate::json;
use serde_json::{Map, Value};

/// The built-in list, enabled by `"builtin"`: a few slurs and the strongest English swear
/// words, one per line.
pub const BUILTIN_WORDS: &str = include_str!("builtin_words.txt");

/// What a hit does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FilterAction {
    /// `"mask"`: the word is replaced by `*`s; the alert and message show.
    #[default]
    Mask,
    /// `"hide_message"`: the word is masked and the alert shows without the viewer's message.
    HideMessage,
    /// `"drop_alert"`: the alert is not shown.
    DropAlert,
}

const ACTIONS: [(&str, FilterAction); 3] = [
    ("mask", FilterAction::Mask),
    ("hide_message", FilterAction::HideMessage),
    ("drop_alert", FilterAction::DropAlert),
];

/// A list of words sharing an action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordList {
    /// Words or phrases, in any case and script (matched as described in [`super::WordFilter`]).
    pub words: Vec<String>,
    /// What a hit does (`"mask"` when not given).
    pub action: FilterAction,
}

/// The word filter's configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordFilterConfig {
    /// The built-in list's action, or `None` (the default) to leave it off.
    pub builtin: Option<FilterAction>,
    /// The streamer's lists.
    pub lists: Vec<WordList>,
}

impl WordFilterConfig {
    /// Parses a JSON configuration (see the module docs).
    pub fn from_json(text: &str) -> Result<WordFilterConfig, ConfigError> {
        let value = json::parse(text).map_err(|e| ConfigError {
            path: String::new(),
            problem: e.to_string(),
        })?;
        WordFilterConfig::from_value(&value, "")
    }

    /// Reads the configuration from parsed JSON found at `path` (e.g. `word_filter`, for error
    /// messages; empty at the top level). `"builtin"` is `null` or an action; `"lists"` an
    /// array of `{"words": [strings], "action": action}` where `action` may be left out.
    pub fn from_value(value: &Value, path: &str) -> Result<WordFilterConfig, ConfigError> {
        let map = object(value, path, &["builtin", "lists"])?;
        let mut config = WordFilterConfig::default();
        if let Some(builtin) = map.get("builtin").filter(|v| !v.is_null()) {
            config.builtin = Some(action(builtin, &join(path, "builtin"))?);
        }
        if let Some(lists) = map.get("lists") {
            let path = join(path, "lists");
            let Value::Array(lists) = lists else {
                return Err(error(&path, expected("an array", lists)));
            };
            for (i, list) in lists.iter().enumerate() {
                config.lists.push(read_list(list, &format!("{path}[{i}]"))?);
            }
        }
        Ok(config)
    }

    /// Whether any word is configured (the built-in list on, or a list with a word).
    pub fn is_enabled(&self) -> bool {
        self.builtin.is_some() || self.lists.iter().any(|l| !l.words.is_empty())
    }
}

fn read_list(value: &Value, path: &str) -> Result<WordList, ConfigError> {
    let map = object(value, path, &["words", "action"])?;
    let words_path = join(path, "words");
    let words = match map.get("words") {
        Some(Value::Array(words)) => words,
        Some(other) => return Err(error(&words_path, expected("an array of strings", other))),
        None => return Err(error(path, "missing key \"words\"".into())),
    };
    let words = words
        .iter()
        .enumerate()
        .map(|(i, w)| match w {
            Value::String(w) => Ok(w.clone()),
            other => Err(error(&format!("{words_path}[{i}]"), expected("a string", other))),
        })
        .collect::<Result<_, _>>()?;
    let action = match map.get("action") {
        Some(a) => action(a, &join(path, "action"))?,
        None => FilterAction::Mask,
    };
    Ok(WordList { words, action })
}

fn action(value: &Value, path: &str) -> Result<FilterAction, ConfigError> {
    let names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
    match value {
        Value::String(s) => ACTIONS.iter().find(|(n, _)| n == s).map(|(_, a)| *a).ok_or_else(|| {
            error(
                path,
                format!(
                    "unknown value {} (expected one of {})",
                    json::quote(s),
                    names.join(", ")
                ),
            )
        }),
        other => Err(error(path, expected("a string", other))),
    }
}

fn object<'a>(value: &'a Value, path: &str, keys: &[&str]) -> Result<&'a Map<String, Value>, ConfigError> {
    let Value::Object(map) = value else {
        return Err(error(path, expected("an object", value)));
    };
    match map.keys().find(|k| !keys.contains(&k.as_str())) {
        Some(key) => Err(error(
            path,
            format!("unknown key {} (expected one of {})", json::quote(key), keys.join(", ")),
        )),
        None => Ok(map),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn error(path: &str, problem: String) -> ConfigError {
    ConfigError {
        path: path.to_string(),
        problem,
    }
}

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
