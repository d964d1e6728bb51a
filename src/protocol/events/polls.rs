//! Polls (`channel-poll-*`) and predictions (`channel-prediction-*`).

use super::read::{Decoded, Obj, Shape};

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

impl PollChoice {
    fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            id: o.str("id")?,
            title: o.str("title")?,
            bits_votes: o.u64("bits_votes")?,
            channel_points_votes: o.u64("channel_points_votes")?,
            votes: o.u64("votes")?,
        })
    }
}

impl PollVoting {
    fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            is_enabled: o.strict_bool("is_enabled")?,
            amount_per_vote: o.strict_u64("amount_per_vote")?,
        })
    }
}

impl Poll {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            id: o.str("id")?,
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            title: o.str("title")?,
            choices: o.vec("choices", Shape::List, PollChoice::decode)?,
            bits_voting: PollVoting::decode(o.obj("bits_voting")?)?,
            channel_points_voting: PollVoting::decode(o.obj("channel_points_voting")?)?,
            status: o.opt_str("status")?,
            started_at: o.str("started_at")?,
            ends_at: o.opt_str("ends_at")?,
            ended_at: o.opt_str("ended_at")?,
        })
    }
}

impl Predictor {
    fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            user_id: o.str("user_id")?,
            user_login: o.str("user_login")?,
            user_name: o.str("user_name")?,
            channel_points_won: o.opt_u64("channel_points_won")?,
            channel_points_used: o.u64("channel_points_used")?,
        })
    }
}

impl Outcome {
    fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            id: o.str("id")?,
            title: o.str("title")?,
            color: o.str("color")?,
            users: o.u64("users")?,
            channel_points: o.u64("channel_points")?,
            top_predictors: o.vec("top_predictors", Shape::Lenient, Predictor::decode)?,
        })
    }
}

impl Prediction {
    pub(super) fn decode(o: Obj) -> Decoded<Self> {
        Ok(Self {
            id: o.str("id")?,
            broadcaster_user_id: o.str("broadcaster_user_id")?,
            broadcaster_user_login: o.str("broadcaster_user_login")?,
            broadcaster_user_name: o.str("broadcaster_user_name")?,
            title: o.str("title")?,
            winning_outcome_id: o.opt_str("winning_outcome_id")?,
            outcomes: o.vec("outcomes", Shape::List, Outcome::decode)?,
            status: o.opt_str("status")?,
            started_at: o.str("started_at")?,
            locks_at: o.opt_str("locks_at")?,
            locked_at: o.opt_str("locked_at")?,
            ended_at: o.opt_str("ended_at")?,
        })
    }
}
