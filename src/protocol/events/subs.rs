//! Subscriptions, gifts, resubs and cheers (`channel-subscribe`, `channel-subscription-*`,
//! `channel-cheer`) plus the legacy PubSub `subscribe` rows.

use super::read::{Decode, Decoded, Obj};
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscribe {
    /// Subscriber's user id.
    pub user_id: String,
    /// Subscriber's login.
    pub user_login: String,
    /// Subscriber's display name.
    pub user_name: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// `"1000"`, `"2000"` or `"3000"`; see [`Subscribe::tier_number`].
    pub tier: String,
    /// True for a gifted sub (one per recipient of a gift bomb).
    pub is_gift: bool,
}

impl Subscribe {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.tier)
    }
}

/// An emote inside a resub message; `begin` and `end` are inclusive character offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageEmote {
    /// First character of the emote.
    pub begin: u32,
    /// Last character of the emote (inclusive).
    pub end: u32,
    /// Twitch emote id.
    pub id: String,
}

/// The viewer's message attached to a resub.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubMessage {
    /// The text as typed.
    pub text: String,
    /// Emote positions in `text`; `None` when Twitch sends `null`.
    pub emotes: Option<Vec<MessageEmote>>,
}

/// `channel-subscription-message`: a resub shared in chat.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubscriptionMessage {
    /// Subscriber's user id.
    pub user_id: String,
    /// Subscriber's login.
    pub user_login: String,
    /// Subscriber's display name.
    pub user_name: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// `"1000"`, `"2000"` or `"3000"`.
    pub tier: String,
    /// The message the viewer attached.
    pub message: SubMessage,
    /// Total months subscribed.
    pub cumulative_months: u64,
    /// Consecutive months; `None` when the viewer hides it.
    pub streak_months: Option<u64>,
    /// Months in this (possibly multi-month) subscription.
    pub duration_months: u64,
}

impl SubscriptionMessage {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.tier)
    }
}

/// `channel-subscription-gift`: one gift (bomb); the recipients follow as [`Subscribe`] events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubscriptionGift {
    /// Gifter's user id; `None` when anonymous.
    pub user_id: Option<String>,
    /// Gifter's login; `None` when anonymous.
    pub user_login: Option<String>,
    /// Gifter's display name; `None` when anonymous.
    pub user_name: Option<String>,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Number of subs gifted at once.
    pub total: u64,
    /// `"1000"`, `"2000"` or `"3000"`.
    pub tier: String,
    /// Gifter's all-time total in this channel; `None` when anonymous or hidden.
    pub cumulative_total: Option<u64>,
    /// True when the gifter is anonymous.
    pub is_anonymous: bool,
}

impl SubscriptionGift {
    /// The tier as 1, 2 or 3 (Prime counts as 1).
    pub fn tier_number(&self) -> u8 {
        tier_number(&self.tier)
    }
}

/// `channel-cheer`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cheer {
    /// True when the cheerer is anonymous (the `user_*` are then `None`).
    pub is_anonymous: bool,
    /// Cheerer's user id.
    pub user_id: Option<String>,
    /// Cheerer's login.
    pub user_login: Option<String>,
    /// Cheerer's display name.
    pub user_name: Option<String>,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// The chat message, cheermotes included (`Cheer100 …`).
    pub message: String,
    /// Bits cheered.
    pub bits: u64,
}

/// Legacy `subscribe` (PubSub era): `{"type": "MESSAGE", "data": {"topic", "message"}}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegacySubscribe {
    /// Always `"MESSAGE"`.
    pub kind: String,
    /// The PubSub message.
    pub data: LegacySubscribeData,
}

/// The `data` of a legacy `subscribe` row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegacySubscribeData {
    /// `channel-subscribe-events-v1.<channel id>`.
    pub topic: String,
    /// The sub itself.
    pub message: LegacySubMessage,
}

/// A PubSub `channel-subscribe-events-v1` message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LegacySubMessage {
    /// Subscriber's (or gifter's) user id.
    pub user_id: String,
    /// Subscriber's login.
    pub user_name: String,
    /// Subscriber's display name.
    pub display_name: String,
    /// Broadcaster's user id.
    pub channel_id: String,
    /// Broadcaster's login.
    pub channel_name: String,
    /// `"1000"`, `"2000"`, `"3000"` or `"Prime"`.
    pub sub_plan: String,
    /// `sub`, `resub`, `subgift`, `anonsubgift`, …
    pub context: String,
    /// True for a gifted sub.
    pub is_gift: bool,
    /// Total months subscribed.
    pub cumulative_months: Option<u64>,
    /// Consecutive months, if shared.
    pub streak_months: Option<u64>,
    /// Gift recipient's display name, for gifts.
    pub recipient_display_name: Option<String>,
    /// The attached message: `{"message": text, "emotes": [...] or null}`.
    pub sub_message: Value,
    /// When it happened (RFC 3339).
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

impl Decode for Subscribe {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            tier,
            is_gift,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str_or_number("tier", tier)?;
        o.bool("is_gift", is_gift)?;
        Ok(())
    }
}

impl Decode for MessageEmote {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self { begin, end, id } = self;
        o.u32("begin", begin)?;
        o.u32("end", end)?;
        o.str("id", id)?;
        Ok(())
    }
}

impl Decode for SubMessage {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self { text, emotes } = self;
        o.str("text", text)?;
        o.opt_vec("emotes", emotes)?;
        Ok(())
    }
}

impl Decode for SubscriptionMessage {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            tier,
            message,
            cumulative_months,
            streak_months,
            duration_months,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str_or_number("tier", tier)?;
        message.read(o.obj("message")?)?;
        o.u64("cumulative_months", cumulative_months)?;
        o.opt_u64("streak_months", streak_months)?;
        o.u64("duration_months", duration_months)?;
        Ok(())
    }
}

impl Decode for SubscriptionGift {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            total,
            tier,
            cumulative_total,
            is_anonymous,
        } = self;
        o.opt_str("user_id", user_id)?;
        o.opt_str("user_login", user_login)?;
        o.opt_str("user_name", user_name)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.u64("total", total)?;
        o.str_or_number("tier", tier)?;
        o.opt_u64("cumulative_total", cumulative_total)?;
        o.bool("is_anonymous", is_anonymous)?;
        Ok(())
    }
}

impl Decode for Cheer {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            is_anonymous,
            user_id,
            user_login,
            user_name,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            message,
            bits,
        } = self;
        o.bool("is_anonymous", is_anonymous)?;
        o.opt_str("user_id", user_id)?;
        o.opt_str("user_login", user_login)?;
        o.opt_str("user_name", user_name)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("message", message)?;
        o.u64("bits", bits)?;
        Ok(())
    }
}

impl Decode for LegacySubscribe {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self { kind, data } = self;
        o.str("type", kind)?;
        data.read(o.obj("data")?)
    }
}

impl Decode for LegacySubscribeData {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self { topic, message } = self;
        o.str("topic", topic)?;
        message.read(o.obj("message")?)
    }
}

impl Decode for LegacySubMessage {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_name,
            display_name,
            channel_id,
            channel_name,
            sub_plan,
            context,
            is_gift,
            cumulative_months,
            streak_months,
            recipient_display_name,
            sub_message,
            time,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_name", user_name)?;
        o.str("display_name", display_name)?;
        o.str("channel_id", channel_id)?;
        o.str("channel_name", channel_name)?;
        o.str_or_number("sub_plan", sub_plan)?;
        o.str("context", context)?;
        o.bool("is_gift", is_gift)?;
        o.opt_u64("cumulative_months", cumulative_months)?;
        o.opt_u64("streak_months", streak_months)?;
        o.opt_str("recipient_display_name", recipient_display_name)?;
        o.value("sub_message", sub_message);
        o.str("time", time)?;
        Ok(())
    }
}
