//! Channel-level events: raids, shoutouts, going live or offline, title/category changes.

use super::read::{Decoded, Obj};

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

impl Raid {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            from_broadcaster_user_id: o.str("from_broadcaster_user_id")?,
            from_broadcaster_user_login: o.str("from_broadcaster_user_login")?,
            from_broadcaster_user_name: o.str("from_broadcaster_user_name")?,
            to_broadcaster_user_id: o.str("to_broadcaster_user_id")?,
            to_broadcaster_user_login: o.str("to_broadcaster_user_login")?,
            to_broadcaster_user_name: o.str("to_broadcaster_user_name")?,
            viewers: o.u64("viewers")?,
        })
    }
}

impl StreamOnline {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            id: o.str("id")?,
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            kind: o.str("type")?,
            started_at: o.str("started_at")?,
        })
    }
}

impl StreamOffline {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
        })
    }
}

impl ChannelUpdate {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            title: o.str("title")?,
            language: o.str("language")?,
            category_id: o.str("category_id")?,
            category_name: o.str("category_name")?,
            is_mature: o.strict_bool("is_mature")?,
        })
    }
}

impl ShoutoutCreate {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            to_broadcaster_user_id: o.str("to_broadcaster_user_id")?,
            to_broadcaster_user_login: o.str("to_broadcaster_user_login")?,
            to_broadcaster_user_name: o.str("to_broadcaster_user_name")?,
            moderator_user_id: o.str("moderator_user_id")?,
            moderator_user_login: o.str("moderator_user_login")?,
            moderator_user_name: o.str("moderator_user_name")?,
            viewer_count: o.u64("viewer_count")?,
            started_at: o.str("started_at")?,
            cooldown_ends_at: o.str("cooldown_ends_at")?,
            target_cooldown_ends_at: o.str("target_cooldown_ends_at")?,
        })
    }
}

impl ShoutoutReceive {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            from_broadcaster_user_id: o.str("from_broadcaster_user_id")?,
            from_broadcaster_user_login: o.str("from_broadcaster_user_login")?,
            from_broadcaster_user_name: o.str("from_broadcaster_user_name")?,
            viewer_count: o.u64("viewer_count")?,
            started_at: o.str("started_at")?,
        })
    }
}
