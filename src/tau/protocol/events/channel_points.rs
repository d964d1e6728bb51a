//! Channel points: custom rewards (`channel-channel_points_custom_reward-*`) and their
//! redemptions (`channel-channel_points_custom_reward_redemption-*`).

use super::lenient;
use serde::Deserialize;

/// An emote found in a redemption's `user_input` by TAU's IRC worker (PROTOCOL.md §4.3).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct IrcEmote {
    /// Twitch emote id.
    #[serde(default)]
    pub id: String,
    /// Inclusive `[start, end]` character ranges in the text.
    #[serde(default, deserialize_with = "lenient::pairs")]
    pub positions: Vec<[u32; 2]>,
}

/// The reward as summarized inside a redemption.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct RedemptionReward {
    /// Reward id.
    #[serde(default)]
    pub id: String,
    /// Reward title, e.g. `Hydrate!`.
    #[serde(default)]
    pub title: String,
    /// Cost in channel points.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub cost: u64,
    /// Reward description.
    #[serde(default)]
    pub prompt: String,
}

/// `channel-channel_points_custom_reward_redemption-add` and `-update` (same payload).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Redemption {
    /// Redemption id.
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
    /// Redeemer's user id.
    #[serde(default)]
    pub user_id: String,
    /// Redeemer's login.
    #[serde(default)]
    pub user_login: String,
    /// Redeemer's display name.
    #[serde(default)]
    pub user_name: String,
    /// What the viewer typed (empty when the reward takes no input).
    #[serde(default)]
    pub user_input: String,
    /// `unfulfilled`, `fulfilled`, `canceled` or `unknown`.
    #[serde(default)]
    pub status: String,
    /// The reward redeemed.
    #[serde(default)]
    pub reward: RedemptionReward,
    /// When it was redeemed (RFC 3339).
    #[serde(default)]
    pub redeemed_at: String,
    /// Emotes in `user_input`, added by TAU when `USE_IRC` is on; `None` otherwise.
    #[serde(default)]
    pub user_input_emotes: Option<Vec<IrcEmote>>,
}

/// A per-stream or per-user limit (`max_per_stream`, `max_per_user_per_stream`) or the
/// `global_cooldown`, whose `seconds` lands in `value`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct RewardLimit {
    /// Whether the limit applies.
    #[serde(default)]
    pub is_enabled: bool,
    /// The limit (a count, or seconds for the cooldown; `value` wins if both are sent).
    #[serde(default, alias = "seconds")]
    pub value: u64,
}

/// A reward image in three sizes.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct RewardImage {
    /// 28 px.
    #[serde(default)]
    pub url_1x: String,
    /// 56 px.
    #[serde(default)]
    pub url_2x: String,
    /// 112 px.
    #[serde(default)]
    pub url_4x: String,
}

/// `channel-channel_points_custom_reward-add`, `-update` and `-remove` (same payload).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Reward {
    /// Reward id.
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
    /// Whether viewers can see and redeem it.
    #[serde(default)]
    pub is_enabled: bool,
    /// Whether redemptions are paused.
    #[serde(default)]
    pub is_paused: bool,
    /// False when a limit is reached.
    #[serde(default)]
    pub is_in_stock: bool,
    /// Reward title.
    #[serde(default)]
    pub title: String,
    /// Cost in channel points.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub cost: u64,
    /// Reward description.
    #[serde(default)]
    pub prompt: String,
    /// Whether the viewer must type something.
    #[serde(default)]
    pub is_user_input_required: bool,
    /// Whether redemptions skip the request queue.
    #[serde(default)]
    pub should_redemptions_skip_request_queue: bool,
    /// End of the current cooldown, if any (RFC 3339).
    #[serde(default)]
    pub cooldown_expires_at: Option<String>,
    /// Redemptions this stream; `None` when offline.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub redemptions_redeemed_current_stream: Option<u64>,
    /// Per-stream limit.
    #[serde(default)]
    pub max_per_stream: RewardLimit,
    /// Per-user per-stream limit.
    #[serde(default)]
    pub max_per_user_per_stream: RewardLimit,
    /// Cooldown between redemptions, in seconds.
    #[serde(default)]
    pub global_cooldown: RewardLimit,
    /// Hex colour, e.g. `#00C7AC`.
    #[serde(default)]
    pub background_color: String,
    /// Custom image; `None` when the reward uses the default one.
    #[serde(default)]
    pub image: Option<RewardImage>,
    /// Twitch's default image.
    #[serde(default)]
    pub default_image: Option<RewardImage>,
}
