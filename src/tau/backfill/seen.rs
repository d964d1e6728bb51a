//! The dedupe key of delivered events, kept in a [`crate::util::bounded_set::BoundedSet`].

use crate::tau::protocol::Envelope;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// The dedupe key of a stored event: its row id and type (a USE_IRC re-broadcast keeps both; a
/// `…redemption-update` is another row). `None` for test events, which are never deduplicated.
pub(crate) fn key(envelope: &Envelope) -> Option<u64> {
    if envelope.is_test() {
        return None;
    }
    let mut h = DefaultHasher::new();
    envelope.id.as_deref()?.hash(&mut h);
    envelope.event_type.hash(&mut h);
    Some(h.finish())
}
