//! What a stream session has seen so far, as pure state the widgets render: the event list's
//! last events ([`EventLog`]) and the latest follower / subscriber / cheerer / raider and top
//! cheerer ([`LatestLabels`]). Both take envelopes (or [`Delivery`]s) one by one, in order, and
//! never read a clock or the network. [`Sounder`]: the election of the one copy of the overlay
//! that plays sound.
//!
//! [`Delivery`]: crate::tau::backfill::Delivery

mod event_log;
mod labels;
mod sounder;
mod stored;

pub use event_log::{EventLog, LogEntry, DEFAULT_EVENTS};
pub use labels::{Label, LabelKind, LatestLabels, SEED_PAGES, SEED_TYPES};
pub use sounder::{MemberId, Message, Role, Sounder, HEARTBEAT, SILENCE};
pub use stored::stored_page;
