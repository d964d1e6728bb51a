//! Channel points: custom rewards (`channel-channel_points_custom_reward-*`) and their
//! redemptions (`channel-channel_points_custom_reward_redemption-*`).

use super::read::{u32_of, Decode, Decoded, Misfit, Obj, Shape};
use serde_json::Value;

/// An emote found in a redemption's `user_input` by TAU's IRC worker (PROTOCOL.md §4.3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IrcEmote {
    /// Twitch emote id.
    pub id: String,
    /// Inclusive `[start, end]` character ranges in the text.
    pub positions: Vec<[u32; 2]>,
}

/// The reward as summarized inside a redemption.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedemptionReward {
    /// Reward id.
    pub id: String,
    /// Reward title, e.g. `Hydrate!`.
    pub title: String,
    /// Cost in channel points.
    pub cost: u64,
    /// Reward description.
    pub prompt: String,
}

/// `channel-channel_points_custom_reward_redemption-add` and `-update` (same payload).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Redemption {
    /// Redemption id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Redeemer's user id.
    pub user_id: String,
    /// Redeemer's login.
    pub user_login: String,
    /// Redeemer's display name.
    pub user_name: String,
    /// What the viewer typed (empty when the reward takes no input).
    pub user_input: String,
    /// `unfulfilled`, `fulfilled`, `canceled` or `unknown`.
    pub status: String,
    /// The reward redeemed.
    pub reward: RedemptionReward,
    /// When it was redeemed (RFC 3339).
    pub redeemed_at: String,
    /// Emotes in `user_input`, added by TAU when `USE_IRC` is on; `None` otherwise.
    pub user_input_emotes: Option<Vec<IrcEmote>>,
}

/// A per-stream or per-user limit (`max_per_stream`, `max_per_user_per_stream`) or the
/// `global_cooldown`, whose `seconds` lands in `value`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RewardLimit {
    /// Whether the limit applies.
    pub is_enabled: bool,
    /// The limit (a count, or seconds for the cooldown; `value` wins if both are sent).
    pub value: u64,
}

/// A reward image in three sizes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RewardImage {
    /// 28 px.
    pub url_1x: String,
    /// 56 px.
    pub url_2x: String,
    /// 112 px.
    pub url_4x: String,
}

/// `channel-channel_points_custom_reward-add`, `-update` and `-remove` (same payload).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reward {
    /// Reward id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Whether viewers can see and redeem it.
    pub is_enabled: bool,
    /// Whether redemptions are paused.
    pub is_paused: bool,
    /// False when a limit is reached.
    pub is_in_stock: bool,
    /// Reward title.
    pub title: String,
    /// Cost in channel points.
    pub cost: u64,
    /// Reward description.
    pub prompt: String,
    /// Whether the viewer must type something.
    pub is_user_input_required: bool,
    /// Whether redemptions skip the request queue.
    pub should_redemptions_skip_request_queue: bool,
    /// End of the current cooldown, if any (RFC 3339).
    pub cooldown_expires_at: Option<String>,
    /// Redemptions this stream; `None` when offline.
    pub redemptions_redeemed_current_stream: Option<u64>,
    /// Per-stream limit.
    pub max_per_stream: RewardLimit,
    /// Per-user per-stream limit.
    pub max_per_user_per_stream: RewardLimit,
    /// Cooldown between redemptions, in seconds.
    pub global_cooldown: RewardLimit,
    /// Hex colour, e.g. `#00C7AC`.
    pub background_color: String,
    /// Custom image; `None` when the reward uses the default one.
    pub image: Option<RewardImage>,
    /// Twitch's default image.
    pub default_image: Option<RewardImage>,
}

impl Decode for IrcEmote {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        /// An inclusive `[start, end]` pair.
        fn pair(value: &Value) -> Option<[u32; 2]> {
            match value.as_array()?.as_slice() {
                [start, end] => Some([u32_of(start)?, u32_of(end)?]),
                _ => None,
            }
        }
        let Self { id, positions } = self;
        o.str("id", id)?;
        if let Some(items) = o.items("positions", Shape::List)? {
            *positions = items.iter().map(pair).collect::<Option<_>>().ok_or(Misfit)?;
        }
        Ok(())
    }
}

impl Decode for RedemptionReward {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            title,
            cost,
            prompt,
        } = self;
        o.str("id", id)?;
        o.str("title", title)?;
        o.u64("cost", cost)?;
        o.str("prompt", prompt)?;
        Ok(())
    }
}

impl Decode for Redemption {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            user_id,
            user_login,
            user_name,
            user_input,
            status,
            reward,
            redeemed_at,
            user_input_emotes,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("user_input", user_input)?;
        o.str("status", status)?;
        reward.read(o.obj("reward")?)?;
        o.str("redeemed_at", redeemed_at)?;
        o.opt_vec("user_input_emotes", user_input_emotes)?;
        Ok(())
    }
}

impl Decode for RewardLimit {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self { is_enabled, value } = self;
        o.strict_bool("is_enabled", is_enabled)?;
        o.strict_u64("value", Some("seconds"), value)?;
        Ok(())
    }
}

impl Decode for RewardImage {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self { url_1x, url_2x, url_4x } = self;
        o.str("url_1x", url_1x)?;
        o.str("url_2x", url_2x)?;
        o.str("url_4x", url_4x)?;
        Ok(())
    }
}

impl Decode for Reward {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            is_enabled,
            is_paused,
            is_in_stock,
            title,
            cost,
            prompt,
            is_user_input_required,
            should_redemptions_skip_request_queue,
            cooldown_expires_at,
            redemptions_redeemed_current_stream,
            max_per_stream,
            max_per_user_per_stream,
            global_cooldown,
            background_color,
            image,
            default_image,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.strict_bool("is_enabled", is_enabled)?;
        o.strict_bool("is_paused", is_paused)?;
        o.strict_bool("is_in_stock", is_in_stock)?;
        o.str("title", title)?;
        o.u64("cost", cost)?;
        o.str("prompt", prompt)?;
        o.strict_bool("is_user_input_required", is_user_input_required)?;
        o.strict_bool(
            "should_redemptions_skip_request_queue",
            should_redemptions_skip_request_queue,
        )?;
        o.opt_str("cooldown_expires_at", cooldown_expires_at)?;
        o.opt_u64(
            "redemptions_redeemed_current_stream",
            redemptions_redeemed_current_stream,
        )?;
        max_per_stream.read(o.obj("max_per_stream")?)?;
        max_per_user_per_stream.read(o.obj("max_per_user_per_stream")?)?;
        global_cooldown.read(o.obj("global_cooldown")?)?;
        o.str("background_color", background_color)?;
        o.opt("image", image)?;
        o.opt("default_image", default_image)?;
        Ok(())
    }
}
