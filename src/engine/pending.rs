//! The queue of alerts waiting for the screen, ordered by (priority, arrival).
//!
//! A `BTreeMap` keyed by `(Reverse(priority), seq)` gives the next alert in O(log n); a per-class
//! arrival list (ages are monotonic within a class) gives expiry and overflow in O(1) amortized,
//! with lazy deletion of entries whose alert already left. Nothing rescans the whole queue.

use super::input::{AlertClass, AlertInput, CLASS_COUNT};
use super::view::AlertShape;
use crate::clock::Instant;
use core::cmp::Reverse;
use core::time::Duration;
use std::collections::{BTreeMap, VecDeque};

/// An alert waiting for the screen.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    /// The lead event (the one counted as shown or expired).
    pub input: AlertInput,
    /// Single or summary.
    pub shape: AlertShape,
    /// Events this alert stands for (the others were counted as merged).
    pub count: u32,
    /// When it entered the queue.
    pub enqueued: Instant,
}

/// Position of an item in the queue.
pub(crate) type Key = (Reverse<u8>, u64);

/// Waiting alerts.
#[derive(Debug, Default)]
pub(crate) struct Queue {
    items: BTreeMap<Key, Item>,
    arrivals: [VecDeque<(Instant, Key)>; CLASS_COUNT],
    seq: u64,
}

impl Queue {
    /// Adds an item; returns its key.
    pub fn push(&mut self, priority: u8, mut item: Item) -> Key {
        self.seq += 1;
        let key = (Reverse(priority), self.seq);
        let arrivals = &mut self.arrivals[item.input.class.index()];
        if let Some(&(last, _)) = arrivals.back() {
            item.enqueued = item.enqueued.max(last);
        }
        arrivals.push_back((item.enqueued, key));
        self.items.insert(key, item);
        key
    }

    /// Number of waiting alerts.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Priority of the next alert.
    pub fn top_priority(&self) -> Option<u8> {
        self.items.first_key_value().map(|(k, _)| k.0 .0)
    }

    /// Takes the highest-priority, oldest alert.
    pub fn pop(&mut self) -> Option<Item> {
        let (_, item) = self.items.pop_first()?;
        self.clean(item.input.class.index());
        Some(item)
    }

    /// The item at `key`, if still waiting.
    pub fn get_mut(&mut self, key: Key) -> Option<&mut Item> {
        self.items.get_mut(&key)
    }

    /// Drops arrival entries of alerts that already left.
    fn clean(&mut self, class: usize) {
        while let Some((_, key)) = self.arrivals[class].front() {
            if self.items.contains_key(key) {
                break;
            }
            self.arrivals[class].pop_front();
        }
    }

    /// Removes every alert older than its class's maximum age at `now`; returns how many.
    pub fn expire(&mut self, now: Instant, max_age: impl Fn(AlertClass) -> Option<Duration>) -> u64 {
        let mut expired = 0;
        for class in 0..CLASS_COUNT {
            loop {
                self.clean(class);
                let Some(&(at, key)) = self.arrivals[class].front() else {
                    break;
                };
                let item_class = self.items[&key].input.class;
                if max_age(item_class).is_none_or(|age| at + age > now) {
                    break;
                }
                self.items.remove(&key);
                self.arrivals[class].pop_front();
                expired += 1;
            }
        }
        expired
    }

    /// When the next alert will expire.
    pub fn next_expiry(&self, max_age: impl Fn(AlertClass) -> Option<Duration>) -> Option<Instant> {
        (0..CLASS_COUNT)
            .filter_map(|class| {
                let (at, key) = self.arrivals[class].iter().find(|(_, k)| self.items.contains_key(k))?;
                max_age(self.items[key].input.class).map(|age| *at + age)
            })
            .min()
    }

    /// Removes the oldest alert of the lowest priority (queue overflow).
    pub fn pop_lowest(&mut self) -> Option<Item> {
        let mut victim: Option<(u8, u64, usize)> = None;
        for class in 0..CLASS_COUNT {
            self.clean(class);
            if let Some(&(_, (Reverse(p), seq))) = self.arrivals[class].front() {
                if victim.is_none_or(|(vp, vs, _)| (p, seq) < (vp, vs)) {
                    victim = Some((p, seq, class));
                }
            }
        }
        let (p, seq, class) = victim?;
        self.arrivals[class].pop_front();
        self.items.remove(&(Reverse(p), seq))
    }

    /// Removes every alert of `class`'s slot; returns how many.
    pub fn drain_class(&mut self, class: AlertClass) -> u64 {
        let mut n = 0;
        for (_, key) in self.arrivals[class.index()].drain(..) {
            n += u64::from(self.items.remove(&key).is_some());
        }
        n
    }

    /// Removes everything; returns how many alerts were waiting.
    pub fn clear(&mut self) -> u64 {
        let n = self.items.len() as u64;
        self.items.clear();
        self.arrivals.iter_mut().for_each(VecDeque::clear);
        n
    }

    /// Waiting alerts per class slot (for the debug panel).
    pub fn depth_by_class(&self) -> [usize; CLASS_COUNT] {
        let mut depth = [0; CLASS_COUNT];
        for item in self.items.values() {
            depth[item.input.class.index()] += 1;
        }
        depth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(class: AlertClass, at: u64) -> Item {
        Item {
            input: AlertInput::new(class),
            shape: AlertShape::Single,
            count: 1,
            enqueued: Instant(at),
        }
    }

    #[test]
    fn pops_by_priority_then_arrival() {
        let mut q = Queue::default();
        q.push(10, item(AlertClass::Follow, 0));
        q.push(60, item(AlertClass::Raid, 1));
        q.push(10, item(AlertClass::Follow, 2));
        q.push(60, item(AlertClass::Raid, 3));
        let order: Vec<u64> = core::iter::from_fn(|| q.pop()).map(|i| i.enqueued.0).collect();
        assert_eq!(order, [1, 3, 0, 2]);
    }

    #[test]
    fn expiry_and_overflow_take_the_oldest_of_the_lowest() {
        let mut q = Queue::default();
        q.push(10, item(AlertClass::Follow, 0));
        q.push(10, item(AlertClass::Follow, 5));
        q.push(60, item(AlertClass::Raid, 0));
        let age = |c: AlertClass| (c == AlertClass::Follow).then_some(Duration::from_millis(10));
        assert_eq!(q.next_expiry(age), Some(Instant(10)));
        assert_eq!(q.expire(Instant(10), age), 1);
        assert_eq!(q.next_expiry(age), Some(Instant(15)));
        assert_eq!(q.pop_lowest().map(|i| i.enqueued), Some(Instant(5)));
        assert_eq!(q.pop_lowest().map(|i| i.input.class), Some(AlertClass::Raid));
        assert!(q.pop_lowest().is_none() && q.len() == 0);
    }
}
