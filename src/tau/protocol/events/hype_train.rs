//! Hype trains (`channel-hype_train-begin`, `-progress`, `-end`).

use super::lenient;
use serde::Deserialize;

/// One viewer's contribution to a hype train.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Contribution {
    /// Contributor's user id.
    #[serde(default)]
    pub user_id: String,
    /// Contributor's login.
    #[serde(default)]
    pub user_login: String,
    /// Contributor's display name.
    #[serde(default)]
    pub user_name: String,
    /// `bits`, `subscription` or `other`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// Bits, or 500/1000/2500 per sub tier.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub total: u64,
}

/// All three hype-train events: `progress`, `goal`, `last_contribution` and `expires_at` are
/// absent on `end`; `ended_at` and `cooldown_ends_at` only come with `end`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct HypeTrain {
    /// Hype train id.
    #[serde(default)]
    pub id: String,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Current level (missing from some older `begin` payloads).
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub level: Option<u64>,
    /// Points contributed in total.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub total: u64,
    /// Points towards the current level.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub progress: Option<u64>,
    /// Points needed for the current level.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub goal: Option<u64>,
    /// Top contributors (an array; a lone object or `null` is accepted too).
    #[serde(default, deserialize_with = "lenient::lenient_vec")]
    pub top_contributions: Vec<Contribution>,
    /// The latest contribution.
    #[serde(default)]
    pub last_contribution: Option<Contribution>,
    /// When the train started (RFC 3339).
    #[serde(default)]
    pub started_at: String,
    /// When it expires unless fed.
    #[serde(default)]
    pub expires_at: Option<String>,
    /// When it ended (`end` only).
    #[serde(default)]
    pub ended_at: Option<String>,
    /// When a new train may start (`end` only).
    #[serde(default)]
    pub cooldown_ends_at: Option<String>,
}
