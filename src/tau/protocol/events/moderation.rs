//! Moderation: bans, unbans, moderator changes, shield mode.

use super::lenient;
use serde::Deserialize;

/// `channel-ban` (a timeout when `is_permanent` is false).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Ban {
    /// Banned user's id.
    #[serde(default)]
    pub user_id: String,
    /// Banned user's login.
    #[serde(default)]
    pub user_login: String,
    /// Banned user's display name.
    #[serde(default)]
    pub user_name: String,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Moderator's user id.
    #[serde(default)]
    pub moderator_user_id: String,
    /// Moderator's login.
    #[serde(default)]
    pub moderator_user_login: String,
    /// Moderator's display name.
    #[serde(default)]
    pub moderator_user_name: String,
    /// The reason given.
    #[serde(default)]
    pub reason: String,
    /// When it happened (RFC 3339; missing from TAU's schema but sent by Twitch).
    #[serde(default)]
    pub banned_at: Option<String>,
    /// End of a timeout; `None` when permanent.
    #[serde(default)]
    pub ends_at: Option<String>,
    /// True for a ban, false for a timeout.
    #[serde(default, deserialize_with = "lenient::lenient_bool")]
    pub is_permanent: bool,
}

/// `channel-unban`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Unban {
    /// Unbanned user's id.
    #[serde(default)]
    pub user_id: String,
    /// Unbanned user's login.
    #[serde(default)]
    pub user_login: String,
    /// Unbanned user's display name.
    #[serde(default)]
    pub user_name: String,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Moderator's user id.
    #[serde(default)]
    pub moderator_user_id: String,
    /// Moderator's login.
    #[serde(default)]
    pub moderator_user_login: String,
    /// Moderator's display name.
    #[serde(default)]
    pub moderator_user_name: String,
}

/// `channel-moderator-add` and `channel-moderator-remove` (same payload).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ModeratorChange {
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// The (former) moderator's user id.
    #[serde(default)]
    pub user_id: String,
    /// The (former) moderator's login.
    #[serde(default)]
    pub user_login: String,
    /// The (former) moderator's display name.
    #[serde(default)]
    pub user_name: String,
}

/// `channel-shield_mode-begin` (with `started_at`) and `-end` (with `ended_at`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ShieldMode {
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Moderator's user id.
    #[serde(default)]
    pub moderator_user_id: String,
    /// Moderator's login.
    #[serde(default)]
    pub moderator_user_login: String,
    /// Moderator's display name.
    #[serde(default)]
    pub moderator_user_name: String,
    /// When it was turned on (`begin` only).
    #[serde(default)]
    pub started_at: Option<String>,
    /// When it was turned off (`end` only).
    #[serde(default)]
    pub ended_at: Option<String>,
}
