//! Subscriptions, gifts, resubs and cheers (`channel-subscribe`, `channel-subscription-*`,
//! `channel-cheer`) plus the legacy PubSub `subscribe` rows.

use super::lenient;
use serde::Deserialize;
use serde_json::Value;

/// `"1000"`/`"2000"`/`"3000"` as 1/2/3; Prime and anything unknown count as tier 1.
fn tier_number(tier: &str) -> u8 {
    match tier.trim().as_bytes().first() {
        Some(b'2') => 2,
        Some(b'3') => 3,
        _ => 1,
    }
}

/// `channel-subscribe` and `channel-subscription-end` (same payload). Gift recipients arrive as
/// `channel-subscribe` with `is_gift: true`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Subscribe {
    /// Subscriber's user id.
    #[serde(default)]
    pub user_id: String,
    /// Subscriber's login.
    #[serde(default)]
    pub user_login: String,
    /// Subscriber's display name.
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
    /// `"1000"`, `"2000"` or `"3000"`; see [`Subscribe::tier_number`].
    #[serde(default, deserialize_with = "lenient::lenient_string")]
    pub tier: String,
    /// True for a gifted sub (one per recipient of a gift bomb).
    #[serde(default, deserialize_with = "lenient::lenient_bool")]
    pub is_gift: bool,
}

impl Subscribe {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.tier)
    }
}

/// An emote inside a resub message; `begin` and `end` are inclusive character offsets.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct MessageEmote {
    /// First character of the emote.
    #[serde(default)]
    pub begin: u32,
    /// Last character of the emote (inclusive).
    #[serde(default)]
    pub end: u32,
    /// Twitch emote id.
    #[serde(default)]
    pub id: String,
}

/// The viewer's message attached to a resub.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct SubMessage {
    /// The text as typed.
    #[serde(default)]
    pub text: String,
    /// Emote positions in `text`; `None` when Twitch sends `null`.
    #[serde(default)]
    pub emotes: Option<Vec<MessageEmote>>,
}

/// `channel-subscription-message`: a resub shared in chat.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct SubscriptionMessage {
    /// Subscriber's user id.
    #[serde(default)]
    pub user_id: String,
    /// Subscriber's login.
    #[serde(default)]
    pub user_login: String,
    /// Subscriber's display name.
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
    /// `"1000"`, `"2000"` or `"3000"`.
    #[serde(default, deserialize_with = "lenient::lenient_string")]
    pub tier: String,
    /// The message the viewer attached.
    #[serde(default)]
    pub message: SubMessage,
    /// Total months subscribed.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub cumulative_months: u64,
    /// Consecutive months; `None` when the viewer hides it.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub streak_months: Option<u64>,
    /// Months in this (possibly multi-month) subscription.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub duration_months: u64,
}

impl SubscriptionMessage {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.tier)
    }
}

/// `channel-subscription-gift`: one gift (bomb); the recipients follow as [`Subscribe`] events.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct SubscriptionGift {
    /// Gifter's user id; `None` when anonymous.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Gifter's login; `None` when anonymous.
    #[serde(default)]
    pub user_login: Option<String>,
    /// Gifter's display name; `None` when anonymous.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Number of subs gifted at once.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub total: u64,
    /// `"1000"`, `"2000"` or `"3000"`.
    #[serde(default, deserialize_with = "lenient::lenient_string")]
    pub tier: String,
    /// Gifter's all-time total in this channel; `None` when anonymous or hidden.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub cumulative_total: Option<u64>,
    /// True when the gifter is anonymous.
    #[serde(default, deserialize_with = "lenient::lenient_bool")]
    pub is_anonymous: bool,
}

impl SubscriptionGift {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.tier)
    }
}

/// `channel-cheer`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Cheer {
    /// True when the cheerer is anonymous (the `user_*` are then `None`).
    #[serde(default, deserialize_with = "lenient::lenient_bool")]
    pub is_anonymous: bool,
    /// Cheerer's user id.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Cheerer's login.
    #[serde(default)]
    pub user_login: Option<String>,
    /// Cheerer's display name.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// The chat message, cheermotes included (`Cheer100 …`).
    #[serde(default)]
    pub message: String,
    /// Bits cheered.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub bits: u64,
}

/// Legacy `subscribe` (PubSub era): `{"type": "MESSAGE", "data": {"topic", "message"}}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LegacySubscribe {
    /// Always `"MESSAGE"`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// The PubSub message.
    #[serde(default)]
    pub data: LegacySubscribeData,
}

/// The `data` of a legacy `subscribe` row.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LegacySubscribeData {
    /// `channel-subscribe-events-v1.<channel id>`.
    #[serde(default)]
    pub topic: String,
    /// The sub itself.
    #[serde(default)]
    pub message: LegacySubMessage,
}

/// A PubSub `channel-subscribe-events-v1` message.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct LegacySubMessage {
    /// Subscriber's (or gifter's) user id.
    #[serde(default)]
    pub user_id: String,
    /// Subscriber's login.
    #[serde(default)]
    pub user_name: String,
    /// Subscriber's display name.
    #[serde(default)]
    pub display_name: String,
    /// Broadcaster's user id.
    #[serde(default)]
    pub channel_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub channel_name: String,
    /// `"1000"`, `"2000"`, `"3000"` or `"Prime"`.
    #[serde(default, deserialize_with = "lenient::lenient_string")]
    pub sub_plan: String,
    /// `sub`, `resub`, `subgift`, `anonsubgift`, …
    #[serde(default)]
    pub context: String,
    /// True for a gifted sub.
    #[serde(default, deserialize_with = "lenient::lenient_bool")]
    pub is_gift: bool,
    /// Total months subscribed.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub cumulative_months: Option<u64>,
    /// Consecutive months, if shared.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub streak_months: Option<u64>,
    /// Gift recipient's display name, for gifts.
    #[serde(default)]
    pub recipient_display_name: Option<String>,
    /// The attached message: `{"message": text, "emotes": [...] or null}`.
    #[serde(default)]
    pub sub_message: Value,
    /// When it happened (RFC 3339).
    #[serde(default)]
    pub time: String,
}

impl LegacySubscribe {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.data.message.sub_plan)
    }

    /// The text the viewer attached (`sub_message.message`), or `""`.
    pub fn message_text(&self) -> &str {
        self.data
            .message
            .sub_message
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("")
    }
}
