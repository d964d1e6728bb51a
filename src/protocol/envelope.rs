//! The frames of `/ws/twitch-events/` and the rows of `GET /api/v1/twitch-events/` (PROTOCOL.md §4).

use super::events::TauEvent;
use super::time::UnixMillis;
use crate::json;
use serde_json::{Map, Value};

/// Where an event came from, per the envelope's `origin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A live (or REST-created / updated) event: `"twitch"`.
    Twitch,
    /// A dashboard test event (`id` is null, never stored): `"test"`.
    Test,
    /// A stored event re-broadcast on request: `"replay"`.
    Replay,
    /// Anything else, kept verbatim.
    Other(String),
}

impl Origin {
    fn from_wire(text: &str) -> Origin {
        match text {
            "twitch" => Origin::Twitch,
            "test" => Origin::Test,
            "replay" => Origin::Replay,
            other => Origin::Other(other.to_string()),
        }
    }
}

/// One TAU event with its envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// TAU's row id (a UUID); `None` for test events. Replays and updates reuse it.
    pub id: Option<String>,
    /// Twitch's message id (or a fresh one for tests); opaque, may be `None`.
    pub event_id: Option<String>,
    /// TAU's type name, e.g. `channel-follow`.
    pub event_type: String,
    /// `EventSub`, `TestCall` or `PubSub`.
    pub event_source: String,
    /// `created` as sent.
    pub created_raw: String,
    /// `created` parsed leniently; `None` when it matches none of the known formats.
    pub created: Option<UnixMillis>,
    /// `twitch`, `test` or `replay`.
    pub origin: Origin,
    /// The typed payload.
    pub event: TauEvent,
}

/// One decoded websocket frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    /// `{"event": "keep_alive"}`.
    KeepAlive,
    /// An event envelope.
    Event(Box<Envelope>),
    /// Valid JSON that is neither (kept for diagnostics).
    Other(Value),
}

/// Why a frame could not be decoded. The connection carries on; the frame is counted and dropped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// The text is not JSON.
    #[error("frame is not JSON: {0}")]
    NotJson(String),
    /// An envelope key has the wrong JSON type.
    #[error("frame is not a TAU envelope: {0}")]
    BadEnvelope(String),
}

/// An optional string key of an envelope: missing and `null` are `None`, any other non-string
/// is [`FrameError::BadEnvelope`].
fn opt_string(map: &Map<String, Value>, key: &str) -> Result<Option<String>, FrameError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(FrameError::BadEnvelope(format!("`{key}` is not a string"))),
    }
}

impl Envelope {
    /// Builds an envelope from an already-parsed JSON value (a websocket frame or a REST row).
    ///
    /// `event_type` must be a string; `id`, `event_id`, `event_source`, `created` and `origin`
    /// must be strings or `null` when present; other keys are ignored.
    pub fn from_value(value: Value) -> Result<Envelope, FrameError> {
        let Value::Object(mut map) = value else {
            return Err(FrameError::BadEnvelope("not an object".into()));
        };
        let Some(event_type) = opt_string(&map, "event_type")? else {
            return Err(FrameError::BadEnvelope("`event_type` is missing".into()));
        };
        let created_raw = opt_string(&map, "created")?.unwrap_or_default();
        let origin = opt_string(&map, "origin")?;
        Ok(Envelope {
            created: UnixMillis::parse(&created_raw),
            created_raw,
            id: opt_string(&map, "id")?,
            event_id: opt_string(&map, "event_id")?,
            event_source: opt_string(&map, "event_source")?.unwrap_or_default(),
            origin: Origin::from_wire(origin.as_deref().unwrap_or("twitch")),
            event: TauEvent::from_json(
                &event_type,
                map.get_mut("event_data").map(core::mem::take).unwrap_or_default(),
            ),
            event_type,
        })
    }

    /// True for dashboard test events, which TAU never stores (and which are never deduplicated).
    pub fn is_test(&self) -> bool {
        self.origin == Origin::Test || self.id.is_none()
    }
}

impl Frame {
    /// Decodes one text frame from `/ws/twitch-events/`. Never panics.
    pub fn parse(text: &str) -> Result<Frame, FrameError> {
        let value = json::parse(text).map_err(|e| FrameError::NotJson(e.to_string()))?;
        Frame::from_value(value)
    }

    /// Decodes an already-parsed JSON value.
    pub fn from_value(value: Value) -> Result<Frame, FrameError> {
        match &value {
            Value::Object(map) if map.get("event").and_then(Value::as_str) == Some("keep_alive") => {
                Ok(Frame::KeepAlive)
            }
            Value::Object(map) if map.contains_key("event_type") => {
                Envelope::from_value(value).map(|e| Frame::Event(Box::new(e)))
            }
            _ => Ok(Frame::Other(value)),
        }
    }
}
