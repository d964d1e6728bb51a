//! Chat frames on `/ws/chat-bots/<login>/`: the parsed IRC line TAU forwards
//! (`fixtures/chat_message.json`), the auth error frame, and what a client sends.

use super::json::Json;
use super::util;
use serde_json::Value;

/// `{"error": "the provided token does not match any users."}` (`fixtures/chat_error.json`).
pub(crate) fn error_frame() -> Json {
    Json::object([("error", Json::str("the provided token does not match any users."))])
}

/// A PRIVMSG from `sender` in `#<channel>`, as TAU's `parse_message` output wrapped by the worker
/// in `{"irc_username": <account>, "data": …}`.
pub(crate) fn line_frame(account: &str, channel: &str, sender: &str, text: &str) -> Json {
    let login = sender.to_lowercase();
    let user_id = 10_000 + login.bytes().fold(7u64, |h, b| h.wrapping_mul(31) + u64::from(b)) % 90_000;
    let ts_ms = util::now_micros() / 1000;
    let tags: Vec<(&str, String)> = vec![
        ("badge-info", String::new()),
        ("badges", String::new()),
        ("client-nonce", util::random_hex(32)),
        ("color", "#1E90FF".into()),
        ("display-name", sender.into()),
        ("emotes", String::new()),
        ("first-msg", "0".into()),
        ("flags", String::new()),
        ("id", util::uuid4()),
        ("mod", "0".into()),
        ("returning-chatter", "0".into()),
        ("room-id", "12345".into()),
        ("subscriber", "0".into()),
        ("tmi-sent-ts", ts_ms.to_string()),
        ("turbo", "0".into()),
        ("user-id", user_id.to_string()),
        ("user-type", String::new()),
    ];
    let tag_text: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let prefix = format!(":{login}!{login}@{login}.tmi.twitch.tv");
    let trailing = format!(":{text}\r\n");
    let raw = format!("@{} {prefix} PRIVMSG #{channel} {trailing}", tag_text.join(";"));
    let tags_json = Json::Object(
        tags.into_iter()
            .map(|(k, v)| {
                // Only `emotes` is post-processed by TAU's parser: `""` becomes `[]`.
                let value = if k == "emotes" {
                    Json::Array(Vec::new())
                } else {
                    Json::String(v)
                };
                (k.to_string(), value)
            })
            .collect(),
    );
    let data = Json::object([
        ("raw", Json::str(raw)),
        ("tags", tags_json),
        ("prefix", Json::str(prefix)),
        ("command", Json::str("PRIVMSG")),
        (
            "params",
            Json::Array(vec![
                Json::str("PRIVMSG"),
                Json::str(format!("#{channel}")),
                Json::str(trailing),
            ]),
        ),
        ("message-text", Json::str(text)),
    ]);
    Json::object([("irc_username", Json::str(account)), ("data", data)])
}

/// What an authenticated chat socket sent, as the consumer reads it:
/// `{"irc_channel": json_data.get("irc_channel", ""), "message": json_data.get("message", "")}`.
/// `None` when the frame is not a JSON object (TAU then crashes: close 1011).
pub(crate) fn parse_send(text: &str) -> Option<Value> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let field = |k: &str| map.get(k).cloned().unwrap_or(Value::String(String::new()));
    let mut out = serde_json::Map::new();
    out.insert("irc_channel".into(), field("irc_channel"));
    out.insert("message".into(), field("message"));
    Some(Value::Object(out))
}
