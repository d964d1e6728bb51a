//! Polls (`channel-poll-*`) and predictions (`channel-prediction-*`).

use super::lenient;
use serde::Deserialize;

/// A poll choice; the vote counts are 0 on `begin`, which omits them.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct PollChoice {
    /// Choice id.
    #[serde(default)]
    pub id: String,
    /// Choice text.
    #[serde(default)]
    pub title: String,
    /// Votes cast with bits (always 0 now).
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub bits_votes: u64,
    /// Votes cast with channel points.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub channel_points_votes: u64,
    /// All votes.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub votes: u64,
}

/// Whether extra votes can be bought, and at what price.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct PollVoting {
    /// Whether buying votes is on.
    #[serde(default)]
    pub is_enabled: bool,
    /// Price of one extra vote.
    #[serde(default)]
    pub amount_per_vote: u64,
}

/// `channel-poll-begin`, `-progress` and `-end`; `ends_at` is absent on `end`, which brings
/// `status` and `ended_at` instead.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Poll {
    /// Poll id.
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
    /// The question.
    #[serde(default)]
    pub title: String,
    /// The choices, in order.
    #[serde(default)]
    pub choices: Vec<PollChoice>,
    /// Bits voting settings.
    #[serde(default)]
    pub bits_voting: PollVoting,
    /// Channel points voting settings.
    #[serde(default)]
    pub channel_points_voting: PollVoting,
    /// `completed`, `archived` or `terminated` (`end` only).
    #[serde(default)]
    pub status: Option<String>,
    /// When it started (RFC 3339).
    #[serde(default)]
    pub started_at: String,
    /// When it is scheduled to end (not on `end`).
    #[serde(default)]
    pub ends_at: Option<String>,
    /// When it ended (`end` only).
    #[serde(default)]
    pub ended_at: Option<String>,
}

/// A viewer who bet on an outcome.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Predictor {
    /// Predictor's user id.
    #[serde(default)]
    pub user_id: String,
    /// Predictor's login.
    #[serde(default)]
    pub user_login: String,
    /// Predictor's display name.
    #[serde(default)]
    pub user_name: String,
    /// Points won; `None` until the prediction is resolved, 0 for losers.
    #[serde(default, deserialize_with = "lenient::lenient_opt_u64")]
    pub channel_points_won: Option<u64>,
    /// Points bet.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub channel_points_used: u64,
}

/// A prediction outcome; `begin` carries only `id`, `title` and `color`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Outcome {
    /// Outcome id.
    #[serde(default)]
    pub id: String,
    /// Outcome text.
    #[serde(default)]
    pub title: String,
    /// `blue` or `pink`.
    #[serde(default)]
    pub color: String,
    /// How many viewers bet on it.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub users: u64,
    /// Points bet on it.
    #[serde(default, deserialize_with = "lenient::lenient_u64")]
    pub channel_points: u64,
    /// The biggest bets (up to 10).
    #[serde(default, deserialize_with = "lenient::lenient_vec")]
    pub top_predictors: Vec<Predictor>,
}

/// `channel-prediction-begin`, `-progress`, `-lock` and `-end`: `locks_at` until locked,
/// `locked_at` on `lock`, `winning_outcome_id`, `status` and `ended_at` on `end`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Prediction {
    /// Prediction id.
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
    /// The question.
    #[serde(default)]
    pub title: String,
    /// The winner (`end` only; `None` when canceled).
    #[serde(default)]
    pub winning_outcome_id: Option<String>,
    /// The outcomes, in order.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// `resolved` or `canceled` (`end` only).
    #[serde(default)]
    pub status: Option<String>,
    /// When it started (RFC 3339).
    #[serde(default)]
    pub started_at: String,
    /// When betting closes (before the lock).
    #[serde(default)]
    pub locks_at: Option<String>,
    /// When betting closed (`lock` only).
    #[serde(default)]
    pub locked_at: Option<String>,
    /// When it ended (`end` only).
    #[serde(default)]
    pub ended_at: Option<String>,
}
