//! The `event_data` of each demo event, as TAU sends it (JSON text).

use crate::tau::wire;

pub(super) const BROADCASTER: &str =
    r#""broadcaster_user_id":"0","broadcaster_user_login":"demo","broadcaster_user_name":"Demo""#;

const AT: &str = r#""2024-01-01T00:00:00Z""#;

/// `"user_id":…,"user_login":…,"user_name":…` for `name`.
pub(super) fn user_fields(name: &str) -> String {
    let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
    format!(r#""user_id":"0","user_login":{login},"user_name":{quoted}"#)
}

/// `{user…, extra…, broadcaster…}`.
pub(super) fn with_user(name: &str, extra: &str) -> String {
    format!("{{{},{extra},{BROADCASTER}}}", user_fields(name))
}

pub(super) fn follow(name: &str) -> (&'static str, String) {
    ("channel-follow", with_user(name, &format!(r#""followed_at":{AT}"#)))
}

pub(super) fn sub(name: &str, tier: &str) -> (&'static str, String) {
    let extra = format!(r#""tier":{},"is_gift":false"#, wire::to_string(tier));
    ("channel-subscribe", with_user(name, &extra))
}

pub(super) fn resub(name: &str, months: u64, streak: Option<u64>) -> (&'static str, String) {
    let streak = streak.map_or("null".to_string(), |s| s.to_string());
    let extra = format!(
        r#""tier":"1000","message":{{"text":"Love the streams!","emotes":null}},"cumulative_months":{months},"streak_months":{streak},"duration_months":1"#
    );
    ("channel-subscription-message", with_user(name, &extra))
}

pub(super) fn gift(name: &str, total: u64) -> (&'static str, String) {
    let extra = format!(r#""total":{total},"tier":"1000","cumulative_total":null,"is_anonymous":false"#);
    ("channel-subscription-gift", with_user(name, &extra))
}

pub(super) fn gift_recipient(name: &str) -> (&'static str, String) {
    let to = user_fields(name);
    ("channel-subscribe", format!(r#"{{{to},"tier":"1000","is_gift":true}}"#))
}

pub(super) fn cheer(name: &str, bits: u64) -> (&'static str, String) {
    let extra = format!(r#""is_anonymous":false,"message":"Cheer{bits} great play","bits":{bits}"#);
    ("channel-cheer", with_user(name, &extra))
}

pub(super) fn raid(name: &str, viewers: u64) -> (&'static str, String) {
    let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
    let data = format!(
        r#"{{"from_broadcaster_user_id":"1","from_broadcaster_user_login":{login},"from_broadcaster_user_name":{quoted},"to_broadcaster_user_id":"0","to_broadcaster_user_login":"demo","to_broadcaster_user_name":"Demo","viewers":{viewers}}}"#
    );
    ("channel-raid", data)
}

pub(super) fn redemption(name: &str, id: u64, (title, cost, input): (&str, u64, &str)) -> (&'static str, String) {
    let (title, input) = (wire::to_string(title), wire::to_string(input));
    let extra = format!(
        r#""id":"demo-{id}","user_input":{input},"status":"unfulfilled","reward":{{"id":"r{cost}","title":{title},"cost":{cost},"prompt":""}},"redeemed_at":{AT}"#
    );
    (
        "channel-channel_points_custom_reward_redemption-add",
        with_user(name, &extra),
    )
}

/// A hype train frame of `event_type` at `level`.
pub(super) fn hype_train(event_type: &'static str, level: u64) -> (&'static str, String) {
    let end = if event_type.ends_with("-end") {
        r#","ended_at":"2024-01-01T00:05:00Z""#
    } else {
        ""
    };
    let data = format!(
        r#"{{"id":"demo-train",{BROADCASTER},"level":{level},"total":{},"top_contributions":[],"started_at":{AT}{end}}}"#,
        level * 1000
    );
    (event_type, data)
}

pub(super) fn goal_end(target: u64) -> (&'static str, String) {
    let data = format!(
        r#"{{"id":"demo-goal",{BROADCASTER},"type":"follower","description":"Road to {target} followers","is_achieved":true,"current_amount":{target},"target_amount":{target},"started_at":{AT},"ended_at":{AT}}}"#
    );
    ("channel-goal-end", data)
}

pub(super) fn poll_end(votes: [u64; 3]) -> (&'static str, String) {
    let choices: Vec<String> = ["Cozy farming", "Speedrun", "Horror night"]
        .iter()
        .zip(votes)
        .enumerate()
        .map(|(i, (title, n))| {
            format!(r#"{{"id":"c{i}","title":"{title}","bits_votes":0,"channel_points_votes":{n},"votes":{n}}}"#)
        })
        .collect();
    let data = format!(
        r#"{{"id":"demo-poll",{BROADCASTER},"title":"What do we play next?","choices":[{}],"bits_voting":{{"is_enabled":false,"amount_per_vote":0}},"channel_points_voting":{{"is_enabled":true,"amount_per_vote":100}},"status":"completed","started_at":{AT},"ended_at":{AT}}}"#,
        choices.join(",")
    );
    ("channel-poll-end", data)
}

pub(super) fn prediction_end(yes_wins: bool, points: u64) -> (&'static str, String) {
    let winner = if yes_wins { "yes" } else { "no" };
    let data = format!(
        r#"{{"id":"demo-prediction",{BROADCASTER},"title":"Do we beat the boss first try?","winning_outcome_id":"{winner}","outcomes":[{{"id":"yes","title":"Yes","color":"blue","users":12,"channel_points":{points},"top_predictors":[]}},{{"id":"no","title":"No","color":"pink","users":9,"channel_points":{},"top_predictors":[]}}],"status":"resolved","started_at":{AT},"ended_at":{AT}}}"#,
        points / 2
    );
    ("channel-prediction-end", data)
}

pub(super) fn charity(name: &str, id: u64, cents: u64) -> (&'static str, String) {
    let extra = format!(
        r#""id":"d{id}","campaign_id":"c1","charity_name":"Code Club","charity_description":"","charity_logo":"","charity_website":"","amount":{{"value":{cents},"decimal_places":2,"currency":"USD"}}"#
    );
    ("channel-charity_campaign-donate", with_user(name, &extra))
}

pub(super) fn shoutout(name: &str, viewers: u64) -> (&'static str, String) {
    let (login, quoted) = (wire::to_string(&name.to_ascii_lowercase()), wire::to_string(name));
    let data = format!(
        r#"{{{BROADCASTER},"from_broadcaster_user_id":"1","from_broadcaster_user_login":{login},"from_broadcaster_user_name":{quoted},"viewer_count":{viewers},"started_at":{AT}}}"#
    );
    ("channel-shoutout-receive", data)
}

pub(super) fn stream_online() -> (&'static str, String) {
    let data = format!(r#"{{"id":"demo-stream",{BROADCASTER},"type":"live","started_at":{AT}}}"#);
    ("stream-online", data)
}
