//! Per-kind settings (`"kinds": {"hype-train-begin": {"enabled": false}}`): an off switch and a
//! headline for every kind of alert, including the kinds that share the `other` class.

use super::input::KIND_NAMES;
use super::template::Template;
use serde::de::{Deserializer, Error as _};
use serde::de::{MapAccess, Visitor};
use serde::Deserialize;

/// Settings for one kind of alert (see [`KIND_NAMES`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KindConfig {
    /// Whether this kind alerts at all (counters update either way).
    pub enabled: bool,
    /// Headline template for this kind, over its class's.
    pub headline: Option<Template>,
}

impl Default for KindConfig {
    fn default() -> Self {
        KindConfig {
            enabled: true,
            headline: None,
        }
    }
}

/// A kind name from [`KIND_NAMES`].
struct KindName(&'static str);

impl<'de> Deserialize<'de> for KindName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        KIND_NAMES
            .iter()
            .find(|k| **k == name)
            .map(|k| KindName(k))
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown kind {} (expected one of {})",
                    crate::tau::wire::to_string(&name),
                    KIND_NAMES.join(", ")
                ))
            })
    }
}

/// The per-kind settings, keyed by [`KIND_NAMES`]; a kind not listed takes the defaults. (A
/// short list rather than a map: a few entries at most, and no map code in the bundle.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kinds(Vec<(&'static str, KindConfig)>);

impl Kinds {
    /// The settings for the kind `name`, if the config has any (the last entry wins).
    pub fn get(&self, name: &str) -> Option<&KindConfig> {
        self.0.iter().rev().find(|(k, _)| *k == name).map(|(_, c)| c)
    }

    /// Whether the kind `name` alerts.
    pub fn enabled(&self, name: &str) -> bool {
        self.get(name).is_none_or(|k| k.enabled)
    }

    /// Sets the settings of `name` (one of [`KIND_NAMES`]; others are ignored).
    pub fn set(&mut self, name: &str, config: KindConfig) {
        if let Some(k) = KIND_NAMES.iter().find(|k| **k == name) {
            self.0.retain(|(n, _)| n != k);
            self.0.push((k, config));
        }
    }
}

impl<'de> Deserialize<'de> for Kinds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindsVisitor;
        impl<'de> Visitor<'de> for KindsVisitor {
            type Value = Kinds;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kinds, A::Error> {
                let mut kinds = Kinds::default();
                while let Some((KindName(name), config)) = map.next_entry::<KindName, KindConfig>()? {
                    kinds.set(name, config);
                }
                Ok(kinds)
            }
        }
        deserializer.deserialize_map(KindsVisitor)
    }
}
