//! The queue of alerts waiting for the screen, ordered by (priority, arrival).
//!
//! Each class slot keeps its alerts in arrival order (ages are monotonic within a class), which
//! gives expiry and overflow in O(1) amortized and finds an alert by key with a binary search. A
//! binary heap of keys gives the next alert in O(log n). Both delete lazily: an alert that left
//! stays as an empty entry in its slot until it reaches the front, and its key stays in the heap
//! until it reaches the top (the heap is compacted when such keys pile up). Nothing rescans the
//! whole queue on the hot path. (A `BTreeMap` did the same job with ~2 KB more gzipped wasm.)

use super::input::{AlertClass, AlertInput, CLASS_COUNT};
use super::view::AlertShape;
use crate::util::clock::Instant;
use core::cmp::Reverse;
use core::time::Duration;
use std::collections::{BinaryHeap, VecDeque};

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

/// One class slot: (when it entered, key, the alert while it waits), in arrival order.
type Slot = VecDeque<(Instant, Key, Option<Item>)>;

/// Waiting alerts.
#[derive(Debug, Default)]
pub(crate) struct Queue {
    slots: [Slot; CLASS_COUNT],
    /// Keys, best first (a min-heap); the top is always a waiting alert.
    order: BinaryHeap<Reverse<Key>>,
    /// Number of waiting alerts.
    waiting: usize,
    seq: u64,
}

/// Where the alert with `key` is (class slot, index), if it is still in a slot.
fn find(slots: &[Slot; CLASS_COUNT], key: Key) -> Option<(usize, usize)> {
    (0..CLASS_COUNT).find_map(|class| {
        let index = slots[class].binary_search_by_key(&key.1, |(_, k, _)| k.1).ok()?;
        Some((class, index))
    })
}

/// Whether the alert with `key` is still waiting.
fn is_waiting(slots: &[Slot; CLASS_COUNT], key: Key) -> bool {
    find(slots, key).is_some_and(|(class, index)| slots[class][index].2.is_some())
}

impl Queue {
    /// Adds an item; returns its key.
    pub fn push(&mut self, priority: u8, mut item: Item) -> Key {
        self.seq += 1;
        let key = (Reverse(priority), self.seq);
        let slot = &mut self.slots[item.input.class.index()];
        if let Some(&(last, ..)) = slot.back() {
            item.enqueued = item.enqueued.max(last);
        }
        slot.push_back((item.enqueued, key, Some(item)));
        self.order.push(Reverse(key));
        self.waiting += 1;
        key
    }

    /// Number of waiting alerts.
    pub fn len(&self) -> usize {
        self.waiting
    }

    /// Priority of the next alert.
    pub fn top_priority(&self) -> Option<u8> {
        self.order.peek().map(|Reverse(key)| key.0 .0)
    }

    /// Takes the highest-priority, oldest alert.
    pub fn pop(&mut self) -> Option<Item> {
        let Reverse(key) = self.order.pop()?;
        let (class, index) = find(&self.slots, key)?;
        let item = self.slots[class][index].2.take();
        self.waiting -= usize::from(item.is_some());
        self.clean(class);
        self.settle();
        item
    }

    /// The item at `key`, if still waiting.
    pub fn get_mut(&mut self, key: Key) -> Option<&mut Item> {
        let (class, index) = find(&self.slots, key)?;
        self.slots[class][index].2.as_mut()
    }

    /// Drops the front entries of `class` whose alert already left.
    fn clean(&mut self, class: usize) {
        while self.slots[class].front().is_some_and(|(.., item)| item.is_none()) {
            self.slots[class].pop_front();
        }
    }

    /// Removes the front alert of `class` (which [`clean`](Self::clean) made a waiting one).
    fn pop_front(&mut self, class: usize) -> Option<Item> {
        let item = self.slots[class].pop_front()?.2;
        self.waiting -= usize::from(item.is_some());
        item
    }

    /// Restores the heap's invariant after alerts left: drops keys of departed alerts from the
    /// top, and rebuilds the heap when most of its keys are departed ones.
    fn settle(&mut self) {
        while let Some(&Reverse(key)) = self.order.peek() {
            if is_waiting(&self.slots, key) {
                break;
            }
            self.order.pop();
        }
        if self.order.len() > 2 * self.waiting + 16 {
            let slots = &self.slots;
            self.order.retain(|&Reverse(key)| is_waiting(slots, key));
        }
    }

    /// Removes every alert older than its class's maximum age at `now`; returns how many.
    pub fn expire(&mut self, now: Instant, max_age: impl Fn(AlertClass) -> Option<Duration>) -> u64 {
        let mut expired = 0;
        for class in 0..CLASS_COUNT {
            loop {
                self.clean(class);
                let Some((at, _, Some(item))) = self.slots[class].front() else {
                    break;
                };
                if max_age(item.input.class).is_none_or(|age| *at + age > now) {
                    break;
                }
                self.pop_front(class);
                expired += 1;
            }
        }
        self.settle();
        expired
    }

    /// When the next alert will expire.
    pub fn next_expiry(&self, max_age: impl Fn(AlertClass) -> Option<Duration>) -> Option<Instant> {
        self.slots
            .iter()
            .filter_map(|slot| {
                let (at, item) = slot.iter().find_map(|(at, _, item)| Some((at, item.as_ref()?)))?;
                max_age(item.input.class).map(|age| *at + age)
            })
            .min()
    }

    /// Removes the oldest alert of the lowest priority (queue overflow).
    pub fn pop_lowest(&mut self) -> Option<Item> {
        let mut victim: Option<(u8, u64, usize)> = None;
        for class in 0..CLASS_COUNT {
            self.clean(class);
            if let Some(&(_, (Reverse(p), seq), _)) = self.slots[class].front() {
                if victim.is_none_or(|(vp, vs, _)| (p, seq) < (vp, vs)) {
                    victim = Some((p, seq, class));
                }
            }
        }
        let (_, _, class) = victim?;
        let item = self.pop_front(class);
        self.settle();
        item
    }

    /// Removes every alert of `class`'s slot; returns how many.
    pub fn drain_class(&mut self, class: AlertClass) -> u64 {
        let slot = &mut self.slots[class.index()];
        let n = slot.iter().filter(|(.., item)| item.is_some()).count();
        slot.clear();
        self.waiting -= n;
        self.settle();
        n as u64
    }

    /// Removes everything; returns how many alerts were waiting.
    pub fn clear(&mut self) -> u64 {
        let n = self.waiting as u64;
        self.slots.iter_mut().for_each(VecDeque::clear);
        self.order.clear();
        self.waiting = 0;
        n
    }

    /// Waiting alerts per class slot (for the debug panel).
    pub fn depth_by_class(&self) -> [usize; CLASS_COUNT] {
        let mut depth = [0; CLASS_COUNT];
        for (class, slot) in self.slots.iter().enumerate() {
            depth[class] = slot.iter().filter(|(.., item)| item.is_some()).count();
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

    /// The previous implementation (a `BTreeMap` plus arrival lists), as the model.
    mod reference {
        use super::super::*;
        use std::collections::BTreeMap;

        /// Waiting alerts.
        #[derive(Debug, Default)]
        pub(super) struct Model {
            items: BTreeMap<Key, Item>,
            arrivals: [VecDeque<(Instant, Key)>; CLASS_COUNT],
            seq: u64,
        }

        impl Model {
            /// Adds an item; returns its key.
            pub(super) fn push(&mut self, priority: u8, mut item: Item) -> Key {
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
            pub(super) fn len(&self) -> usize {
                self.items.len()
            }

            /// Priority of the next alert.
            pub(super) fn top_priority(&self) -> Option<u8> {
                self.items.first_key_value().map(|(k, _)| k.0 .0)
            }

            /// Takes the highest-priority, oldest alert.
            pub(super) fn pop(&mut self) -> Option<Item> {
                let (_, item) = self.items.pop_first()?;
                self.clean(item.input.class.index());
                Some(item)
            }

            /// The item at `key`, if still waiting.
            pub(super) fn get_mut(&mut self, key: Key) -> Option<&mut Item> {
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
            pub(super) fn expire(&mut self, now: Instant, max_age: impl Fn(AlertClass) -> Option<Duration>) -> u64 {
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
            pub(super) fn next_expiry(&self, max_age: impl Fn(AlertClass) -> Option<Duration>) -> Option<Instant> {
                (0..CLASS_COUNT)
                    .filter_map(|class| {
                        let (at, key) = self.arrivals[class].iter().find(|(_, k)| self.items.contains_key(k))?;
                        max_age(self.items[key].input.class).map(|age| *at + age)
                    })
                    .min()
            }

            /// Removes the oldest alert of the lowest priority (queue overflow).
            pub(super) fn pop_lowest(&mut self) -> Option<Item> {
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
            pub(super) fn drain_class(&mut self, class: AlertClass) -> u64 {
                let mut n = 0;
                for (_, key) in self.arrivals[class.index()].drain(..) {
                    n += u64::from(self.items.remove(&key).is_some());
                }
                n
            }

            /// Removes everything; returns how many alerts were waiting.
            pub(super) fn clear(&mut self) -> u64 {
                let n = self.items.len() as u64;
                self.items.clear();
                self.arrivals.iter_mut().for_each(VecDeque::clear);
                n
            }

            /// Waiting alerts per class slot (for the debug panel).
            pub(super) fn depth_by_class(&self) -> [usize; CLASS_COUNT] {
                let mut depth = [0; CLASS_COUNT];
                for item in self.items.values() {
                    depth[item.input.class.index()] += 1;
                }
                depth
            }
        }
    }

    #[test]
    fn behaves_like_the_btree_queue_under_random_operations() {
        use reference::Model;
        let classes = [
            AlertClass::Raid,
            AlertClass::Sub,
            AlertClass::Follow,
            AlertClass::Other("x"),
        ];
        let age = |c: AlertClass| match c {
            AlertClass::Follow => Some(Duration::from_millis(30)),
            AlertClass::Sub => Some(Duration::from_millis(90)),
            _ => None,
        };
        for seed in 0..300 {
            let mut rng = crate::util::clock::Rng::new(seed);
            let (mut q, mut m) = (Queue::default(), Model::default());
            let mut keys = Vec::new();
            let mut now = 0;
            for _ in 0..300 {
                now += rng.below_inclusive(5);
                match rng.below_inclusive(12) {
                    0..=4 => {
                        let class = classes[rng.below_inclusive(3) as usize];
                        // Mostly one priority per class, sometimes another (a reconfigure).
                        let priority = class.index() as u8 * 10 + [0, 0, 0, 5][rng.below_inclusive(3) as usize];
                        let at = now.saturating_sub(rng.below_inclusive(3));
                        let key = q.push(priority, item(class, at));
                        assert_eq!(key, m.push(priority, item(class, at)));
                        keys.push(key);
                    }
                    5 | 6 => assert_eq!(q.pop().map(|i| i.enqueued), m.pop().map(|i| i.enqueued)),
                    7 => assert_eq!(q.pop_lowest().map(|i| i.enqueued), m.pop_lowest().map(|i| i.enqueued)),
                    8 => assert_eq!(q.expire(Instant(now), age), m.expire(Instant(now), age)),
                    9 if !keys.is_empty() => {
                        let key = keys[rng.below_inclusive(keys.len() as u64 - 1) as usize];
                        let (a, b) = (q.get_mut(key), m.get_mut(key));
                        assert_eq!(a.is_some(), b.is_some());
                        if let (Some(a), Some(b)) = (a, b) {
                            a.count += 1;
                            b.count += 1;
                        }
                    }
                    10 => {
                        let class = classes[rng.below_inclusive(3) as usize];
                        assert_eq!(q.drain_class(class), m.drain_class(class));
                    }
                    11 if rng.below_inclusive(9) == 0 => assert_eq!(q.clear(), m.clear()),
                    _ => {}
                }
                assert_eq!(q.len(), m.len());
                assert_eq!(q.top_priority(), m.top_priority());
                assert_eq!(q.next_expiry(age), m.next_expiry(age));
                assert_eq!(q.depth_by_class(), m.depth_by_class());
                assert!(q.order.len() <= 2 * q.waiting + 17, "the heap is compacted");
            }
            let rest = |q: &mut dyn FnMut() -> Option<Item>| {
                core::iter::from_fn(q)
                    .map(|i| (i.enqueued, i.count))
                    .collect::<Vec<_>>()
            };
            assert_eq!(rest(&mut || q.pop()), rest(&mut || m.pop()));
        }
    }
}
