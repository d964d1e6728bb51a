//! A bounded set of ids remembered for deduplication: TAU row ids and redemption ids in the
//! engine, `(id, event_type)` keys in the backfill.
//!
//! Stores 64-bit hashes, not strings, and forgets the oldest beyond its capacity, so a long
//! stream cannot grow it without bound.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashSet, VecDeque};
use std::hash::{Hash, Hasher};

/// Remembers up to `cap` ids, oldest forgotten first.
#[derive(Clone, Debug)]
pub(crate) struct BoundedSet {
    set: HashSet<u64>,
    order: VecDeque<u64>,
    cap: usize,
}

fn hash(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

impl BoundedSet {
    /// An empty set remembering at most `cap` ids.
    pub fn new(cap: usize) -> Self {
        BoundedSet {
            set: HashSet::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
        }
    }

    /// Adds `id`; returns false if it was already there.
    pub fn insert(&mut self, id: &str) -> bool {
        self.insert_hash(hash(id))
    }

    /// Adds an already-hashed key; returns false if it was already there.
    pub fn insert_hash(&mut self, h: u64) -> bool {
        if !self.set.insert(h) {
            return false;
        }
        self.order.push_back(h);
        if self.order.len() > self.cap {
            if let Some(old) = self.order.pop_front() {
                self.set.remove(&old);
            }
        }
        true
    }

    /// Whether `id` is remembered.
    pub fn contains(&self, id: &str) -> bool {
        self.set.contains(&hash(id))
    }

    /// Forgets `id`; returns whether it was there. Its slot in the eviction order goes too, so a
    /// later insert of the same id starts fresh instead of being evicted by its stale slot.
    /// O(len): removal is rare (the engine's replay set holds at most 64 ids).
    pub fn remove(&mut self, id: &str) -> bool {
        let h = hash(id);
        if !self.set.remove(&h) {
            return false;
        }
        if let Some(at) = self.order.iter().position(|&x| x == h) {
            self.order.remove(at);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_the_oldest_beyond_capacity() {
        let mut s = BoundedSet::new(2);
        assert!(s.insert("a") && s.insert("b") && !s.insert("a"));
        assert!(s.insert("c"));
        assert!(!s.contains("a") && s.contains("b") && s.contains("c"));
        assert!(s.remove("b") && !s.remove("b"));
    }

    #[test]
    fn reinserted_id_is_not_forgotten_through_its_stale_order_slot() {
        let mut s = BoundedSet::new(2);
        assert!(s.insert("a") && s.remove("a"));
        assert!(s.insert("a") && s.insert("b"));
        assert!(s.contains("a") && s.contains("b"), "a was evicted by its removed slot");
        assert_eq!(s.order.len(), 2);
    }

    #[test]
    fn hashed_keys_follow_the_same_rules() {
        let mut s = BoundedSet::new(2);
        assert!(s.insert_hash(1) && s.insert_hash(2) && !s.insert_hash(1));
        assert!(s.insert_hash(3));
        assert_eq!(s.set.len(), 2);
        assert!(s.insert_hash(1), "1 was evicted");
        assert!(!s.insert_hash(3));
    }
}
