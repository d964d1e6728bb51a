//! Hype trains (`channel-hype_train-begin`, `-progress`, `-end`).

use super::read::{Decoded, Obj, Shape};

/// One viewer's contribution to a hype train.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contribution {
    /// Contributor's user id.
    pub user_id: String,
    /// Contributor's login.
    pub user_login: String,
    /// Contributor's display name.
    pub user_name: String,
    /// `bits`, `subscription` or `other`.
    pub kind: String,
    /// Bits, or 500/1000/2500 per sub tier.
    pub total: u64,
}

/// All three hype-train events: `progress`, `goal`, `last_contribution` and `expires_at` are
/// absent on `end`; `ended_at` and `cooldown_ends_at` only come with `end`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HypeTrain {
    /// Hype train id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// Current level (missing from some older `begin` payloads).
    pub level: Option<u64>,
    /// Points contributed in total.
    pub total: u64,
    /// Points towards the current level.
    pub progress: Option<u64>,
    /// Points needed for the current level.
    pub goal: Option<u64>,
    /// Top contributors (an array; a lone object or `null` is accepted too).
    pub top_contributions: Vec<Contribution>,
    /// The latest contribution.
    pub last_contribution: Option<Contribution>,
    /// When the train started (RFC 3339).
    pub started_at: String,
    /// When it expires unless fed.
    pub expires_at: Option<String>,
    /// When it ended (`end` only).
    pub ended_at: Option<String>,
    /// When a new train may start (`end` only).
    pub cooldown_ends_at: Option<String>,
}

impl Contribution {
    fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            user_id: o.str("user_id")?,
            user_login: o.str("user_login")?,
            user_name: o.str("user_name")?,
            kind: o.str("type")?,
            total: o.u64("total")?,
        })
    }
}

impl HypeTrain {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            id: o.str("id")?,
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            level: o.opt_u64("level")?,
            total: o.u64("total")?,
            progress: o.opt_u64("progress")?,
            goal: o.opt_u64("goal")?,
            top_contributions: o.vec("top_contributions", Shape::Lenient, Contribution::decode)?,
            last_contribution: o.opt_obj("last_contribution")?.map(Contribution::decode).transpose()?,
            started_at: o.str("started_at")?,
            expires_at: o.opt_str("expires_at")?,
            ended_at: o.opt_str("ended_at")?,
            cooldown_ends_at: o.opt_str("cooldown_ends_at")?,
        })
    }
}
