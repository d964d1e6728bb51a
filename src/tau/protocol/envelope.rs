//! The frames of `/ws/twitch-events/` and the rows of `GET /api/v1/twitch-events/` (PROTOCOL.md §4).

use super::events::TauEvent;
use super::time::UnixMillis;
use crate::tau::wire::{self, Json};
use serde::Deserialize;
use serde_json::Value;

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

/// The envelope as sent: every key optional, `null` as `None`. `event_data` is not read here:
/// it is decoded once `event_type` says which payload type it is (PROTOCOL.md §4; REST rows
/// list `event_data` before `event_type`).
#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    event_id: Option<String>,
    #[serde(default)]
    event_type: Option<String>,
    #[serde(default)]
    event_source: Option<String>,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    origin: Option<String>,
}

impl Envelope {
    /// Builds an envelope from an already-parsed JSON value (a websocket frame or a REST row).
    ///
    /// `event_type` must be a string; `id`, `event_id`, `event_source`, `created` and `origin`
    /// must be strings or `null` when present; other keys are ignored.
    pub fn from_value(value: Value) -> Result<Envelope, FrameError> {
        Envelope::from_document(value)
    }

    /// [`Envelope::from_value`] for any parsed document (in the browser, the object
    /// `JSON.parse` returned).
    pub fn from_document<J: Json>(document: J) -> Result<Envelope, FrameError> {
        if !document.is_object() {
            return Err(FrameError::BadEnvelope("not an object".into()));
        }
        let wire: Wire = document.decode().map_err(FrameError::BadEnvelope)?;
        let Some(event_type) = wire.event_type else {
            return Err(FrameError::BadEnvelope("`event_type` is missing".into()));
        };
        let event = match document.member("event_data") {
            Some(data) => TauEvent::from_document(&event_type, data),
            None => TauEvent::Unknown { data: Value::Null },
        };
        let created_raw = wire.created.unwrap_or_default();
        Ok(Envelope {
            created: UnixMillis::parse(&created_raw),
            created_raw,
            id: wire.id,
            event_id: wire.event_id,
            event_source: wire.event_source.unwrap_or_default(),
            origin: Origin::from_wire(wire.origin.as_deref().unwrap_or("twitch")),
            event,
            event_type,
        })
    }

    /// True for dashboard test events, which TAU never stores (and which are never deduplicated).
    pub fn is_test(&self) -> bool {
        self.origin == Origin::Test || self.id.is_none()
    }
}

impl Frame {
    /// Decodes one text frame from `/ws/twitch-events/` (`JSON.parse` in the browser,
    /// `serde_json` on the host; see [`crate::tau::wire`]). Never panics.
    pub fn parse(text: &str) -> Result<Frame, FrameError> {
        Frame::from_document(wire::parse_document(text).map_err(FrameError::NotJson)?)
    }

    /// Decodes an already-parsed JSON value.
    pub fn from_value(value: Value) -> Result<Frame, FrameError> {
        Frame::from_document(value)
    }

    /// [`Frame::from_value`] for any parsed document.
    pub fn from_document<J: Json>(document: J) -> Result<Frame, FrameError> {
        let keep_alive = document
            .member("event")
            .is_some_and(|e| e.decode::<String>().is_ok_and(|e| e == "keep_alive"));
        if keep_alive {
            Ok(Frame::KeepAlive)
        } else if document.member("event_type").is_some() {
            Envelope::from_document(document).map(|e| Frame::Event(Box::new(e)))
        } else {
            Ok(Frame::Other(document.into_value()))
        }
    }
}
