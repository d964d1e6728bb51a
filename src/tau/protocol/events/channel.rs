//! Channel-level events: raids, shoutouts, going live or offline, title/category changes.

use super::lenient;
use serde::Deserialize;

/// `channel-raid`. TAU subscribes to both directions, so check [`Raid::is_incoming`].
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Raid {
    /// Raiding channel's user id.
    #[serde(default)]
    pub from_broadcaster_user_id: String,
    /// Raiding channel's login.
    #[serde(default)]
    pub from_broadcaster_user_login: String,
    /// Raiding channel's display name.
    #[serde(default)]
    pub from_broadcaster_user_name: String,
    /// Raided channel's user id.
    #[serde(default)]
    pub to_broadcaster_user_id: String,
    /// Raided channel's login.
    #[serde(default)]
    pub to_broadcaster_user_login: String,
    /// Raided channel's display name.
    #[serde(default)]
    pub to_broadcaster_user_name: String,
    /// Viewers brought along.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub viewers: u64,
}

impl Raid {
    /// True when `broadcaster_id` is the raided channel (false for outgoing raids).
    pub fn is_incoming(&self, broadcaster_id: &str) -> bool {
        !broadcaster_id.is_empty() && self.to_broadcaster_user_id == broadcaster_id
    }
}

/// `stream-online` (sent for every streamer on TAU's Streamers list).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct StreamOnline {
    /// Stream id.
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
    /// `live`, `playlist`, `watch_party`, `premiere` or `rerun` (the JSON `type`).
    #[serde(default, rename = "type")]
    pub kind: String,
    /// When the stream started (RFC 3339).
    #[serde(default)]
    pub started_at: String,
}

/// `stream-offline` (sent for every streamer on TAU's Streamers list).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct StreamOffline {
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
}

/// `channel-update` (v1): title, language, category or maturity changed.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ChannelUpdate {
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Stream title.
    #[serde(default)]
    pub title: String,
    /// ISO 639-1 language code.
    #[serde(default)]
    pub language: String,
    /// Category (game) id.
    #[serde(default)]
    pub category_id: String,
    /// Category (game) name.
    #[serde(default)]
    pub category_name: String,
    /// Whether the channel is marked mature.
    #[serde(default)]
    pub is_mature: bool,
}

/// `channel-shoutout-create`: this channel shouted out another one.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ShoutoutCreate {
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Shouted-out channel's user id.
    #[serde(default)]
    pub to_broadcaster_user_id: String,
    /// Shouted-out channel's login.
    #[serde(default)]
    pub to_broadcaster_user_login: String,
    /// Shouted-out channel's display name.
    #[serde(default)]
    pub to_broadcaster_user_name: String,
    /// Moderator's user id.
    #[serde(default)]
    pub moderator_user_id: String,
    /// Moderator's login.
    #[serde(default)]
    pub moderator_user_login: String,
    /// Moderator's display name.
    #[serde(default)]
    pub moderator_user_name: String,
    /// Viewers who saw it.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub viewer_count: u64,
    /// When it happened (RFC 3339).
    #[serde(default)]
    pub started_at: String,
    /// When this channel may shout out again.
    #[serde(default)]
    pub cooldown_ends_at: String,
    /// When this channel may shout out the same target again.
    #[serde(default)]
    pub target_cooldown_ends_at: String,
}

/// `channel-shoutout-receive`: another channel shouted this one out.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ShoutoutReceive {
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Shouting channel's user id.
    #[serde(default)]
    pub from_broadcaster_user_id: String,
    /// Shouting channel's login.
    #[serde(default)]
    pub from_broadcaster_user_login: String,
    /// Shouting channel's display name.
    #[serde(default)]
    pub from_broadcaster_user_name: String,
    /// Viewers who saw it.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub viewer_count: u64,
    /// When it happened (RFC 3339).
    #[serde(default)]
    pub started_at: String,
}
