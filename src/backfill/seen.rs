//! The bounded set of delivered `(id, event_type)` keys used to drop duplicates.

use crate::protocol::Envelope;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashSet, VecDeque};
use std::hash::{Hash, Hasher};

/// Remembers up to `cap` keys (as 64-bit hashes); the oldest is forgotten first. O(1) per call.
#[derive(Debug)]
pub(crate) struct SeenSet {
    set: HashSet<u64>,
    order: VecDeque<u64>,
    cap: usize,
}

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

impl SeenSet {
    /// An empty set remembering at most `cap` keys.
    pub fn new(cap: usize) -> Self {
        SeenSet {
            set: HashSet::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
        }
    }

    /// Remembers `key`; false if it was already remembered.
    pub fn insert(&mut self, key: u64) -> bool {
        if !self.set.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > self.cap {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_the_oldest_beyond_capacity() {
        let mut s = SeenSet::new(2);
        assert!(s.insert(1) && s.insert(2) && !s.insert(1));
        assert!(s.insert(3));
        assert_eq!(s.set.len(), 2);
        assert!(s.insert(1), "1 was evicted");
        assert!(!s.insert(3));
    }
}
