//! Hype trains (`channel-hype_train-begin`, `-progress`, `-end`).

use super::read::{Decode, Decoded, Obj, Shape};

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

impl Decode for Contribution {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            kind,
            total,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.str("type", kind)?;
        o.u64("total", total)?;
        Ok(())
    }
}

impl Decode for HypeTrain {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            level,
            total,
            progress,
            goal,
            top_contributions,
            last_contribution,
            started_at,
            expires_at,
            ended_at,
            cooldown_ends_at,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.opt_u64("level", level)?;
        o.u64("total", total)?;
        o.opt_u64("progress", progress)?;
        o.opt_u64("goal", goal)?;
        o.vec("top_contributions", Shape::Lenient, top_contributions)?;
        o.opt("last_contribution", last_contribution)?;
        o.str("started_at", started_at)?;
        o.opt_str("expires_at", expires_at)?;
        o.opt_str("ended_at", ended_at)?;
        o.opt_str("cooldown_ends_at", cooldown_ends_at)?;
        Ok(())
    }
}
