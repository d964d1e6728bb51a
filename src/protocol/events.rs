//! Typed `event_data` payloads, one per TAU `event_type` (PROTOCOL.md §4.2).
//!
//! Every field that Twitch or a test form may omit is optional or defaulted, unknown keys are
//! ignored, and a payload that does not fit its type is kept as raw JSON rather than dropped.

use serde::Deserialize;
use serde_json::Value;

/// `channel-follow` (channel.follow v2).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Follow {
    /// Follower's user id.
    pub user_id: String,
    /// Follower's login.
    pub user_login: String,
    /// Follower's display name.
    pub user_name: String,
    /// Broadcaster's user id.
    pub broadcaster_user_id: String,
    /// When the follow happened (RFC 3339).
    pub followed_at: Option<String>,
}

/// A decoded `event_data`.
#[derive(Clone, Debug, PartialEq)]
pub enum TauEvent {
    /// `channel-follow`.
    Follow(Follow),
    /// A type this crate does not model, or a payload that did not fit its type: kept verbatim.
    Unknown {
        /// The payload as received.
        data: Value,
    },
}

impl TauEvent {
    /// Decodes `event_data` for `event_type`. Never fails: misfits become [`TauEvent::Unknown`].
    pub fn from_json(event_type: &str, data: Value) -> TauEvent {
        fn typed<T: for<'de> Deserialize<'de>>(data: &Value, wrap: fn(T) -> TauEvent) -> Option<TauEvent> {
            T::deserialize(data).ok().map(wrap)
        }
        let decoded = match event_type {
            "channel-follow" => typed(&data, TauEvent::Follow),
            _ => None,
        };
        decoded.unwrap_or(TauEvent::Unknown { data })
    }
}
