//! Flood budgets: beyond `max` alerts of a class per sliding window, the surplus is merged into
//! one summary alert ("+37 new followers") that grows while it waits in the queue.

use super::config::FloodBudget;
use super::input::{AlertClass, CLASS_COUNT};
use super::pending::Key;
use crate::util::clock::Instant;
use core::time::Duration;
use std::collections::VecDeque;

/// Per-class sliding windows and the open summary of each class.
#[derive(Debug, Default)]
pub(crate) struct Flood {
    /// Times of the alerts admitted in the current window (at most `max` entries).
    windows: [VecDeque<Instant>; CLASS_COUNT],
    /// The summary alert that surplus currently merges into, if it is still queued.
    summaries: [Option<Key>; CLASS_COUNT],
}

impl Flood {
    /// Whether an alert of `class` at `t` fits its budget (and records it if so).
    pub fn admit(&mut self, class: AlertClass, t: Instant, budget: Option<FloodBudget>) -> bool {
        let Some(budget) = budget else { return true };
        let window = &mut self.windows[class.index()];
        let per = Duration::from_millis(budget.per_ms);
        while window.front().is_some_and(|&at| at + per <= t) {
            window.pop_front();
        }
        if window.len() < budget.max as usize {
            window.push_back(t);
            true
        } else {
            false
        }
    }

    /// The summary surplus of `class` should merge into, if one was opened.
    pub fn summary(&self, class: AlertClass) -> Option<Key> {
        self.summaries[class.index()]
    }

    /// Records the summary opened for `class`.
    pub fn set_summary(&mut self, class: AlertClass, key: Key) {
        self.summaries[class.index()] = Some(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_is_a_sliding_window() {
        let mut f = Flood::default();
        let b = Some(FloodBudget { max: 2, per_ms: 1000 });
        let admit = |f: &mut Flood, t| f.admit(AlertClass::Follow, Instant(t), b);
        assert!(admit(&mut f, 0) && admit(&mut f, 10));
        assert!(!admit(&mut f, 999), "third within the window is surplus");
        assert!(admit(&mut f, 1000), "the first left the window");
        assert!(!admit(&mut f, 1001));
        assert!(f.admit(AlertClass::Raid, Instant(0), None), "no budget, no limit");
    }
}
