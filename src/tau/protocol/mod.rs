//! TAU's wire formats: envelopes, typed events, timestamps (PROTOCOL.md §4).

pub mod envelope;
pub mod events;
pub mod time;

pub use envelope::{Envelope, Frame, FrameError, Origin};
pub use events::TauEvent;
pub use time::UnixMillis;
