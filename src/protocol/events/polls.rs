//! Polls (`channel-poll-*`) and predictions (`channel-prediction-*`).

use super::read::{Decode, Decoded, Obj, Shape};

/// A poll choice; the vote counts are 0 on `begin`, which omits them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollChoice {
    /// Choice id.
    pub id: String,
    /// Choice text.
    pub title: String,
    /// Votes cast with bits (always 0 now).
    pub bits_votes: u64,
    /// Votes cast with channel points.
    pub channel_points_votes: u64,
    /// All votes.
    pub votes: u64,
}

/// Whether extra votes can be bought, and at what price.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollVoting {
    /// Whether buying votes is on.
    pub is_enabled: bool,
    /// Price of one extra vote.
    pub amount_per_vote: u64,
}

/// `channel-poll-begin`, `-progress` and `-end`; `ends_at` is absent on `end`, which brings
/// `status` and `ended_at` instead.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Poll {
    /// Poll id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// The question.
    pub title: String,
    /// The choices, in order.
    pub choices: Vec<PollChoice>,
    /// Bits voting settings.
    pub bits_voting: PollVoting,
    /// Channel points voting settings.
    pub channel_points_voting: PollVoting,
    /// `completed`, `archived` or `terminated` (`end` only).
    pub status: Option<String>,
    /// When it started (RFC 3339).
    pub started_at: String,
    /// When it is scheduled to end (not on `end`).
    pub ends_at: Option<String>,
    /// When it ended (`end` only).
    pub ended_at: Option<String>,
}

/// A viewer who bet on an outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Predictor {
    /// Predictor's user id.
    pub user_id: String,
    /// Predictor's login.
    pub user_login: String,
    /// Predictor's display name.
    pub user_name: String,
    /// Points won; `None` until the prediction is resolved, 0 for losers.
    pub channel_points_won: Option<u64>,
    /// Points bet.
    pub channel_points_used: u64,
}

/// A prediction outcome; `begin` carries only `id`, `title` and `color`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Outcome id.
    pub id: String,
    /// Outcome text.
    pub title: String,
    /// `blue` or `pink`.
    pub color: String,
    /// How many viewers bet on it.
    pub users: u64,
    /// Points bet on it.
    pub channel_points: u64,
    /// The biggest bets (up to 10).
    pub top_predictors: Vec<Predictor>,
}

/// `channel-prediction-begin`, `-progress`, `-lock` and `-end`: `locks_at` until locked,
/// `locked_at` on `lock`, `winning_outcome_id`, `status` and `ended_at` on `end`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prediction {
    /// Prediction id.
    pub id: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// Broadcaster's login.
    pub broadcaster_user_login: String,
    /// Broadcaster's display name.
    pub broadcaster_user_name: String,
    /// The question.
    pub title: String,
    /// The winner (`end` only; `None` when canceled).
    pub winning_outcome_id: Option<String>,
    /// The outcomes, in order.
    pub outcomes: Vec<Outcome>,
    /// `resolved` or `canceled` (`end` only).
    pub status: Option<String>,
    /// When it started (RFC 3339).
    pub started_at: String,
    /// When betting closes (before the lock).
    pub locks_at: Option<String>,
    /// When betting closed (`lock` only).
    pub locked_at: Option<String>,
    /// When it ended (`end` only).
    pub ended_at: Option<String>,
}

impl Decode for PollChoice {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            title,
            bits_votes,
            channel_points_votes,
            votes,
        } = self;
        o.str("id", id)?;
        o.str("title", title)?;
        o.u64("bits_votes", bits_votes)?;
        o.u64("channel_points_votes", channel_points_votes)?;
        o.u64("votes", votes)?;
        Ok(())
    }
}

impl Decode for PollVoting {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            is_enabled,
            amount_per_vote,
        } = self;
        o.strict_bool("is_enabled", is_enabled)?;
        o.strict_u64("amount_per_vote", None, amount_per_vote)?;
        Ok(())
    }
}

impl Decode for Poll {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            title,
            choices,
            bits_voting,
            channel_points_voting,
            status,
            started_at,
            ends_at,
            ended_at,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("title", title)?;
        o.vec("choices", Shape::List, choices)?;
        bits_voting.read(o.obj("bits_voting")?)?;
        channel_points_voting.read(o.obj("channel_points_voting")?)?;
        o.opt_str("status", status)?;
        o.str("started_at", started_at)?;
        o.opt_str("ends_at", ends_at)?;
        o.opt_str("ended_at", ended_at)?;
        Ok(())
    }
}

impl Decode for Predictor {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            user_id,
            user_login,
            user_name,
            channel_points_won,
            channel_points_used,
        } = self;
        o.str("user_id", user_id)?;
        o.str("user_login", user_login)?;
        o.str("user_name", user_name)?;
        o.opt_u64("channel_points_won", channel_points_won)?;
        o.u64("channel_points_used", channel_points_used)?;
        Ok(())
    }
}

impl Decode for Outcome {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            title,
            color,
            users,
            channel_points,
            top_predictors,
        } = self;
        o.str("id", id)?;
        o.str("title", title)?;
        o.str("color", color)?;
        o.u64("users", users)?;
        o.u64("channel_points", channel_points)?;
        o.vec("top_predictors", Shape::Lenient, top_predictors)?;
        Ok(())
    }
}

impl Decode for Prediction {
    fn read(&mut self, o: Obj) -> Decoded<()> {
        let Self {
            id,
            broadcaster_user_id,
            broadcaster_user_login,
            broadcaster_user_name,
            title,
            winning_outcome_id,
            outcomes,
            status,
            started_at,
            locks_at,
            locked_at,
            ended_at,
        } = self;
        o.str("id", id)?;
        o.str("broadcaster_user_id", broadcaster_user_id)?;
        o.str("broadcaster_user_login", broadcaster_user_login)?;
        o.str("broadcaster_user_name", broadcaster_user_name)?;
        o.str("title", title)?;
        o.opt_str("winning_outcome_id", winning_outcome_id)?;
        o.vec("outcomes", Shape::List, outcomes)?;
        o.opt_str("status", status)?;
        o.str("started_at", started_at)?;
        o.opt_str("locks_at", locks_at)?;
        o.opt_str("locked_at", locked_at)?;
        o.opt_str("ended_at", ended_at)?;
        Ok(())
    }
}
