//! Moderation: bans, unbans, moderator changes, shield mode.

use super::lenient;
use serde::Deserialize;

/// `channel-ban` (a timeout when `is_permanent` is false).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Ban {
    /// Banned user's id.
    pub user_id: String,
    /// Banned user's login.
    pub user_login: String,
    /// Banned user's display name.
    pub user_name: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Moderator's user id.
    pub moderator_user_id: String,
    /// Moderator's login.
    pub moderator_user_login: String,
    /// Moderator's display name.
    pub moderator_user_name: String,
    /// The reason given.
    pub reason: String,
    /// When it happened (RFC 3339; missing from TAU's schema but sent by Twitch).
    pub banned_at: Option<String>,
    /// End of a timeout; `None` when permanent.
    pub ends_at: Option<String>,
    /// True for a ban, false for a timeout.
    #[serde(deserialize_with = "lenient::lenient_bool")]
    pub is_permanent: bool,
}

/// `channel-unban`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Unban {
    /// Unbanned user's id.
    pub user_id: String,
    /// Unbanned user's login.
    pub user_login: String,
    /// Unbanned user's display name.
    pub user_name: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Moderator's user id.
    pub moderator_user_id: String,
    /// Moderator's login.
    pub moderator_user_login: String,
    /// Moderator's display name.
    pub moderator_user_name: String,
}

/// `channel-moderator-add` and `channel-moderator-remove` (same payload).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ModeratorChange {
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// The (former) moderator's user id.
    pub user_id: String,
    /// The (former) moderator's login.
    pub user_login: String,
    /// The (former) moderator's display name.
    pub user_name: String,
}

/// `channel-shield_mode-begin` (with `started_at`) and `-end` (with `ended_at`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ShieldMode {
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Moderator's user id.
    pub moderator_user_id: String,
    /// Moderator's login.
    pub moderator_user_login: String,
    /// Moderator's display name.
    pub moderator_user_name: String,
    /// When it was turned on (`begin` only).
    pub started_at: Option<String>,
    /// When it was turned off (`end` only).
    pub ended_at: Option<String>,
}
