//! Creator goals (`channel-goal-*`) and charity campaigns (`channel-charity_campaign-*`).

use super::lenient;
use serde::Deserialize;

/// `channel-goal-begin`, `-progress` and `-end`; `is_achieved` and `ended_at` come with `end`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Goal {
    /// Goal id.
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
    /// `follow`, `subscription`, `subscription_count`, `new_subscription`, … (the JSON `type`).
    #[serde(default, rename = "type")]
    pub kind: String,
    /// The streamer's description.
    #[serde(default)]
    pub description: String,
    /// Whether the target was reached (`end` only).
    #[serde(default, deserialize_with = "lenient::lenient_bool")]
    pub is_achieved: bool,
    /// Current value (it can go down, e.g. unfollows).
    #[serde(default, deserialize_with = "lenient::lenient_i64")]
    pub current_amount: i64,
    /// Target value.
    #[serde(default, deserialize_with = "lenient::lenient_i64")]
    pub target_amount: i64,
    /// When the goal started (RFC 3339).
    #[serde(default)]
    pub started_at: String,
    /// When it ended (`end` only).
    #[serde(default)]
    pub ended_at: Option<String>,
}

/// An amount of money in minor units: `{value: 1500, decimal_places: 2, currency: "USD"}` is $15.00.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct CharityAmount {
    /// The amount in minor units.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub value: u64,
    /// How many of `value`'s digits are decimals.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub decimal_places: u64,
    /// ISO 4217 code, e.g. `USD`.
    #[serde(default)]
    pub currency: String,
}

impl CharityAmount {
    /// The amount in major units (`15.0` for 1500 with 2 decimal places).
    pub fn major_units(&self) -> f64 {
        self.value as f64 / 10f64.powi(self.decimal_places.min(18) as i32)
    }
}

/// `channel-charity_campaign-donate`. Accepts TAU's `broadcaster_*` names as well as Twitch's
/// `broadcaster_user_*` (which win when both are sent).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct CharityDonation {
    /// Donation id.
    #[serde(default)]
    pub id: String,
    /// Campaign id.
    #[serde(default)]
    pub campaign_id: String,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    #[serde(default)]
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    #[serde(default)]
    pub broadcaster_user_name: String,
    /// Donor's user id.
    #[serde(default)]
    pub user_id: String,
    /// Donor's login.
    #[serde(default)]
    pub user_login: String,
    /// Donor's display name.
    #[serde(default)]
    pub user_name: String,
    /// Charity name.
    #[serde(default)]
    pub charity_name: String,
    /// Charity description.
    #[serde(default)]
    pub charity_description: String,
    /// Charity logo URL.
    #[serde(default)]
    pub charity_logo: String,
    /// Charity website URL.
    #[serde(default)]
    pub charity_website: String,
    /// The donation.
    #[serde(default)]
    pub amount: CharityAmount,
}

/// `channel-charity_campaign-start`, `-progress` and `-stop`; `started_at` comes with `start`,
/// `stopped_at` with `stop`. Accepts `broadcaster_*` as well as `broadcaster_user_*` (which win
/// when both are sent).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct CharityCampaign {
    /// Campaign id.
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
    /// Charity name.
    #[serde(default)]
    pub charity_name: String,
    /// Charity description.
    #[serde(default)]
    pub charity_description: String,
    /// Charity logo URL.
    #[serde(default)]
    pub charity_logo: String,
    /// Charity website URL.
    #[serde(default)]
    pub charity_website: String,
    /// Raised so far.
    #[serde(default)]
    pub current_amount: CharityAmount,
    /// The campaign's target.
    #[serde(default)]
    pub target_amount: CharityAmount,
    /// When the campaign started (`start` only).
    #[serde(default)]
    pub started_at: Option<String>,
    /// When the campaign stopped (`stop` only).
    #[serde(default)]
    pub stopped_at: Option<String>,
}
