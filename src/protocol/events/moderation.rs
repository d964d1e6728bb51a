//! Moderation: bans, unbans, moderator changes, shield mode.

use super::read::{Decode, Decoded, Obj};

/// `channel-ban` (a timeout when `is_permanent` is false).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    pub is_permanent: bool,
}

/// `channel-unban`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

impl Decode for Ban {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            moderator_user_id,
            moderator_user_login,
            moderator_user_name,
            reason,
            banned_at,
            ends_at,
            is_permanent,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("moderator_user_id", moderator_user_id)?;
        o.str("moderator_user_login", moderator_user_login)?;
        o.str("moderator_user_name", moderator_user_name)?;
        o.str("reason", reason)?;
        o.opt_str("banned_at", banned_at)?;
        o.opt_str("ends_at", ends_at)?;
        o.bool("is_permanent", is_permanent)?;
        Ok(())
    }
}

impl Decode for Unban {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            moderator_user_id,
            moderator_user_login,
            moderator_user_name,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("moderator_user_id", moderator_user_id)?;
        o.str("moderator_user_login", moderator_user_login)?;
        o.str("moderator_user_name", moderator_user_name)?;
        Ok(())
    }
}

impl Decode for ModeratorChange {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            user_id,
            user_login,
            user_name,
        } = self;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        Ok(())
    }
}

impl Decode for ShieldMode {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            moderator_user_id,
            moderator_user_login,
            moderator_user_name,
            started_at,
            ended_at,
        } = self;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("moderator_user_id", moderator_user_id)?;
        o.str("moderator_user_login", moderator_user_login)?;
        o.str("moderator_user_name", moderator_user_name)?;
        o.opt_str("started_at", started_at)?;
        o.opt_str("ended_at", ended_at)?;
        Ok(())
    }
}
