//! Creator goals (`channel-goal-*`) and charity campaigns (`channel-charity_campaign-*`).

use super::read::{Decode, Decoded, Obj};

/// `channel-goal-begin`, `-progress` and `-end`; `is_achieved` and `ended_at` come with `end`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Goal {
    /// Goal id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// `follow`, `subscription`, `subscription_count`, `new_subscription`, … (the JSON `type`).
    pub kind: String,
    /// The streamer's description.
    pub description: String,
    /// Whether the target was reached (`end` only).
    pub is_achieved: bool,
    /// Current value (it can go down, e.g. unfollows).
    pub current_amount: i64,
    /// Target value.
    pub target_amount: i64,
    /// When the goal started (RFC 3339).
    pub started_at: String,
    /// When it ended (`end` only).
    pub ended_at: Option<String>,
}

/// An amount of money in minor units: `{value: 1500, decimal_places: 2, currency: "USD"}` is $15.00.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharityAmount {
    /// The amount in minor units.
    pub value: u64,
    /// How many of `value`'s digits are decimals.
    pub decimal_places: u64,
    /// ISO 4217 code, e.g. `USD`.
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharityDonation {
    /// Donation id.
    pub id: String,
    /// Campaign id.
    pub campaign_id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Donor's user id.
    pub user_id: String,
    /// Donor's login.
    pub user_login: String,
    /// Donor's display name.
    pub user_name: String,
    /// Charity name.
    pub charity_name: String,
    /// Charity description.
    pub charity_description: String,
    /// Charity logo URL.
    pub charity_logo: String,
    /// Charity website URL.
    pub charity_website: String,
    /// The donation.
    pub amount: CharityAmount,
}

/// `channel-charity_campaign-start`, `-progress` and `-stop`; `started_at` comes with `start`,
/// `stopped_at` with `stop`. Accepts `broadcaster_*` as well as `broadcaster_user_*` (which win
/// when both are sent).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharityCampaign {
    /// Campaign id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Charity name.
    pub charity_name: String,
    /// Charity description.
    pub charity_description: String,
    /// Charity logo URL.
    pub charity_logo: String,
    /// Charity website URL.
    pub charity_website: String,
    /// Raised so far.
    pub current_amount: CharityAmount,
    /// The campaign's target.
    pub target_amount: CharityAmount,
    /// When the campaign started (`start` only).
    pub started_at: Option<String>,
    /// When the campaign stopped (`stop` only).
    pub stopped_at: Option<String>,
}

impl Decode for Goal {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            kind,
            description,
            is_achieved,
            current_amount,
            target_amount,
            started_at,
            ended_at,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("type", kind)?;
        o.str("description", description)?;
        o.bool("is_achieved", is_achieved)?;
        o.i64("current_amount", current_amount)?;
        o.i64("target_amount", target_amount)?;
        o.str("started_at", started_at)?;
        o.opt_str("ended_at", ended_at)?;
        Ok(())
    }
}

impl Decode for CharityAmount {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            value,
            decimal_places,
            currency,
        } = self;
        o.u64("value", value)?;
        o.u64("decimal_places", decimal_places)?;
        o.str("currency", currency)?;
        Ok(())
    }
}

impl Decode for CharityDonation {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            campaign_id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            user_id,
            user_login,
            user_name,
            charity_name,
            charity_description,
            charity_logo,
            charity_website,
            amount,
        } = self;
        o.str("id", id)?;
        o.str("campaign_id", campaign_id)?;
        o.str_or("broadcaster_user_id", "broadcaster_id", broadcaster_user_id)?;
        o.str_or("broadcaster_user_login", "broadcaster_login", broadcaster_user_login)?;
        o.str_or("broadcaster_user_name", "broadcaster_name", broadcaster_user_name)?;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("charity_name", charity_name)?;
        o.str("charity_description", charity_description)?;
        o.str("charity_logo", charity_logo)?;
        o.str("charity_website", charity_website)?;
        amount.read(o.obj("amount")?)?;
        Ok(())
    }
}

impl Decode for CharityCampaign {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            charity_name,
            charity_description,
            charity_logo,
            charity_website,
            current_amount,
            target_amount,
            started_at,
            stopped_at,
        } = self;
        o.str("id", id)?;
        o.str_or("broadcaster_user_id", "broadcaster_id", broadcaster_user_id)?;
        o.str_or("broadcaster_user_login", "broadcaster_login", broadcaster_user_login)?;
        o.str_or("broadcaster_user_name", "broadcaster_name", broadcaster_user_name)?;
        o.str("charity_name", charity_name)?;
        o.str("charity_description", charity_description)?;
        o.str("charity_logo", charity_logo)?;
        o.str("charity_website", charity_website)?;
        current_amount.read(o.obj("current_amount")?)?;
        target_amount.read(o.obj("target_amount")?)?;
        o.opt_str("started_at", started_at)?;
        o.opt_str("stopped_at", stopped_at)?;
        Ok(())
    }
}
