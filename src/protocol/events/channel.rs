//! Channel-level events: raids, shoutouts, going live or offline, title/category changes.

use super::read::{Decode, Decoded, Obj};

/// `channel-raid`. TAU subscribes to both directions, so check [`Raid::is_incoming`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Raid {
    /// Raiding channel's user id.
    pub from_broadcaster_user_id: String,
    /// Raiding channel's login.
    pub from_broadcaster_user_login: String,
    /// Raiding channel's display name.
    pub from_broadcaster_user_name: String,
    /// Raided channel's user id.
    pub to_broadcaster_user_id: String,
    /// Raided channel's login.
    pub to_broadcaster_user_login: String,
    /// Raided channel's display name.
    pub to_broadcaster_user_name: String,
    /// Viewers brought along.
    pub viewers: u64,
}

impl Raid {
    /// True when `broadcaster_id` is the raided channel (false for outgoing raids).
    pub fn is_incoming(&self, broadcaster_id: &str) -> bool {
        !broadcaster_id.is_empty() && self.to_broadcaster_user_id == broadcaster_id
    }
}

/// `stream-online` (sent for every streamer on TAU's Streamers list).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StreamOnline {
    /// Stream id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// `live`, `playlist`, `watch_party`, `premiere` or `rerun` (the JSON `type`).
    pub kind: String,
    /// When the stream started (RFC 3339).
    pub started_at: String,
}

/// `stream-offline` (sent for every streamer on TAU's Streamers list).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StreamOffline {
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
}

/// `channel-update` (v1): title, language, category or maturity changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelUpdate {
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Stream title.
    pub title: String,
    /// ISO 639-1 language code.
    pub language: String,
    /// Category (game) id.
    pub category_id: String,
    /// Category (game) name.
    pub category_name: String,
    /// Whether the channel is marked mature.
    pub is_mature: bool,
}

/// `channel-shoutout-create`: this channel shouted out another one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShoutoutCreate {
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Shouted-out channel's user id.
    pub to_broadcaster_user_id: String,
    /// Shouted-out channel's login.
    pub to_broadcaster_user_login: String,
    /// Shouted-out channel's display name.
    pub to_broadcaster_user_name: String,
    /// Moderator's user id.
    pub moderator_user_id: String,
    /// Moderator's login.
    pub moderator_user_login: String,
    /// Moderator's display name.
    pub moderator_user_name: String,
    /// Viewers who saw it.
    pub viewer_count: u64,
    /// When it happened (RFC 3339).
    pub started_at: String,
    /// When this channel may shout out again.
    pub cooldown_ends_at: String,
    /// When this channel may shout out the same target again.
    pub target_cooldown_ends_at: String,
}

/// `channel-shoutout-receive`: another channel shouted this one out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShoutoutReceive {
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Shouting channel's user id.
    pub from_broadcaster_user_id: String,
    /// Shouting channel's login.
    pub from_broadcaster_user_login: String,
    /// Shouting channel's display name.
    pub from_broadcaster_user_name: String,
    /// Viewers who saw it.
    pub viewer_count: u64,
    /// When it happened (RFC 3339).
    pub started_at: String,
}

impl Decode for Raid {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            from_broadcaster_user_id,
            from_broadcaster_user_login,
            from_broadcaster_user_name,
            to_broadcaster_user_id,
            to_broadcaster_user_login,
            to_broadcaster_user_name,
            viewers,
        } = self;
        o.str("from_broadcaster_user_id", from_broadcaster_user_id)?;
        o.str("from_broadcaster_user_login", from_broadcaster_user_login)?;
        o.str("from_broadcaster_user_name", from_broadcaster_user_name)?;
        o.str("to_broadcaster_user_id", to_broadcaster_user_id)?;
        o.str("to_broadcaster_user_login", to_broadcaster_user_login)?;
        o.str("to_broadcaster_user_name", to_broadcaster_user_name)?;
        o.u64("viewers", viewers)?;
        Ok(())
    }
}

impl Decode for StreamOnline {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            kind,
            started_at,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("type", kind)?;
        o.str("started_at", started_at)?;
        Ok(())
    }
}

impl Decode for StreamOffline {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
        } = self;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        Ok(())
    }
}

impl Decode for ChannelUpdate {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            title,
            language,
            category_id,
            category_name,
            is_mature,
        } = self;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("title", title)?;
        o.str("language", language)?;
        o.str("category_id", category_id)?;
        o.str("category_name", category_name)?;
        o.strict_bool("is_mature", is_mature)?;
        Ok(())
    }
}

impl Decode for ShoutoutCreate {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            to_broadcaster_user_id,
            to_broadcaster_user_login,
            to_broadcaster_user_name,
            moderator_user_id,
            moderator_user_login,
            moderator_user_name,
            viewer_count,
            started_at,
            cooldown_ends_at,
            target_cooldown_ends_at,
        } = self;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("to_broadcaster_user_id", to_broadcaster_user_id)?;
        o.str("to_broadcaster_user_login", to_broadcaster_user_login)?;
        o.str("to_broadcaster_user_name", to_broadcaster_user_name)?;
        o.str("moderator_user_id", moderator_user_id)?;
        o.str("moderator_user_login", moderator_user_login)?;
        o.str("moderator_user_name", moderator_user_name)?;
        o.u64("viewer_count", viewer_count)?;
        o.str("started_at", started_at)?;
        o.str("cooldown_ends_at", cooldown_ends_at)?;
        o.str("target_cooldown_ends_at", target_cooldown_ends_at)?;
        Ok(())
    }
}

impl Decode for ShoutoutReceive {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            from_broadcaster_user_id,
            from_broadcaster_user_login,
            from_broadcaster_user_name,
            viewer_count,
            started_at,
        } = self;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("from_broadcaster_user_id", from_broadcaster_user_id)?;
        o.str("from_broadcaster_user_login", from_broadcaster_user_login)?;
        o.str("from_broadcaster_user_name", from_broadcaster_user_name)?;
        o.u64("viewer_count", viewer_count)?;
        o.str("started_at", started_at)?;
        Ok(())
    }
}
