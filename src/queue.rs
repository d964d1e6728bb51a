//! The alert queue: one alert on screen at a time, each with a hard deadline.
//!
//! A sans-IO machine: `push` alerts, call [`AlertQueue::poll`] whenever the clock reaches
//! [`AlertQueue::next_deadline`], and perform the returned actions. Animations may end a phase
//! early ([`AlertQueue::animation_ended`]); nothing can extend an alert past its deadline.

use crate::alert::{Alert, AlertKind, TextPart};
use crate::clock::Instant;
use core::time::Duration;
use std::collections::VecDeque;

/// How long each alert stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Time on screen before the exit animation starts (includes the enter animation).
    pub hold: Duration,
    /// Length of the exit animation; the alert is removed at the end of it at the latest.
    pub exit: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            hold: Duration::from_millis(5_000),
            exit: Duration::from_millis(600),
        }
    }
}

/// On-screen phase of the current alert (`data-state` in the DOM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Entering and holding.
    Shown,
    /// Running the exit animation.
    Exiting,
}

impl Phase {
    /// The `data-state` attribute value.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Shown => "shown",
            Phase::Exiting => "exiting",
        }
    }
}

/// What the shell must do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueueAction {
    /// Put this alert on screen (enter animation).
    Show(Alert),
    /// Start the exit animation of the alert with this key.
    Exit(u64),
    /// Remove the alert with this key from the DOM.
    Remove(u64),
}

#[derive(Debug)]
struct Current {
    key: u64,
    phase: Phase,
    /// End of the current phase; for `Exiting`, the alert's hard deadline.
    until: Instant,
}

/// A first-in, first-out alert queue with hard deadlines.
#[derive(Debug, Default)]
pub struct AlertQueue {
    timing: Timing,
    pending: VecDeque<Alert>,
    current: Option<Current>,
    next_key: u64,
}

impl AlertQueue {
    /// An empty queue.
    pub fn new(timing: Timing) -> Self {
        AlertQueue {
            timing,
            ..Default::default()
        }
    }

    /// Enqueues an alert; returns its key. Call [`AlertQueue::poll`] afterwards.
    pub fn push(&mut self, kind: AlertKind, headline: Vec<TextPart>) -> u64 {
        self.next_key += 1;
        let key = self.next_key;
        self.pending.push_back(Alert { key, kind, headline });
        key
    }

    /// Alerts waiting (not counting the one on screen).
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The alert on screen and its phase.
    pub fn current(&self) -> Option<(u64, Phase)> {
        self.current.as_ref().map(|c| (c.key, c.phase))
    }

    /// The next time [`AlertQueue::poll`] has work to do.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.current.as_ref().map(|c| c.until)
    }

    /// The exit animation of `key` finished: remove it now rather than at its deadline.
    pub fn animation_ended(&mut self, key: u64, now: Instant) -> Vec<QueueAction> {
        if let Some(c) = self
            .current
            .as_mut()
            .filter(|c| c.key == key && c.phase == Phase::Exiting)
        {
            c.until = c.until.min(now);
        }
        self.poll(now)
    }

    /// Advances to `now` and returns what to do.
    pub fn poll(&mut self, now: Instant) -> Vec<QueueAction> {
        let mut actions = Vec::new();
        loop {
            match self.current.as_mut() {
                Some(c) if c.until > now => break,
                Some(c) if c.phase == Phase::Shown => {
                    c.phase = Phase::Exiting;
                    c.until = c.until + self.timing.exit;
                    actions.push(QueueAction::Exit(c.key));
                }
                Some(c) => {
                    actions.push(QueueAction::Remove(c.key));
                    // The next alert starts where this one's deadline was, never later than now.
                    let start = c.until;
                    self.current = None;
                    if let Some(alert) = self.pending.pop_front() {
                        self.current = Some(Current {
                            key: alert.key,
                            phase: Phase::Shown,
                            until: start.max(now) + self.timing.hold,
                        });
                        actions.push(QueueAction::Show(alert));
                    }
                }
                None => match self.pending.pop_front() {
                    Some(alert) => {
                        self.current = Some(Current {
                            key: alert.key,
                            phase: Phase::Shown,
                            until: now + self.timing.hold,
                        });
                        actions.push(QueueAction::Show(alert));
                    }
                    None => break,
                },
            }
        }
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn follow(q: &mut AlertQueue, name: &str) -> u64 {
        q.push(AlertKind::Follow, vec![TextPart::Name(name.into())])
    }

    #[test]
    fn alerts_play_one_at_a_time_in_order_with_hard_deadlines() {
        let mut q = AlertQueue::new(Timing {
            hold: Duration::from_millis(1000),
            exit: Duration::from_millis(200),
        });
        let a = follow(&mut q, "a");
        let b = follow(&mut q, "b");
        let t0 = Instant(0);
        assert!(matches!(q.poll(t0).as_slice(), [QueueAction::Show(x)] if x.key == a));
        assert_eq!(q.next_deadline(), Some(Instant(1000)));
        assert_eq!(q.poll(Instant(999)), vec![]);
        assert_eq!(q.poll(Instant(1000)), vec![QueueAction::Exit(a)]);
        assert_eq!(q.next_deadline(), Some(Instant(1200)));
        let acts = q.poll(Instant(1200));
        assert!(
            matches!(acts.as_slice(), [QueueAction::Remove(x), QueueAction::Show(y)] if *x == a && y.key == b),
            "{acts:?}"
        );
        assert_eq!(q.pending(), 0);
    }

    #[test]
    fn a_late_poll_catches_up_without_stalling() {
        let mut q = AlertQueue::new(Timing {
            hold: Duration::from_millis(1000),
            exit: Duration::from_millis(200),
        });
        let a = follow(&mut q, "a");
        let b = follow(&mut q, "b");
        q.poll(Instant(0));
        // The timer fired very late (tab throttled): a is exited and removed, b shown, all at once.
        let acts = q.poll(Instant(50_000));
        assert_eq!(acts.len(), 3, "{acts:?}");
        assert_eq!(acts[0], QueueAction::Exit(a));
        assert_eq!(acts[1], QueueAction::Remove(a));
        assert!(matches!(&acts[2], QueueAction::Show(x) if x.key == b));
        assert_eq!(q.next_deadline(), Some(Instant(51_000)));
    }

    #[test]
    fn animation_end_removes_early_but_cannot_extend() {
        let mut q = AlertQueue::new(Timing::default());
        let a = follow(&mut q, "a");
        q.poll(Instant(0));
        assert_eq!(
            q.animation_ended(a, Instant(100)),
            vec![],
            "enter animation end does nothing"
        );
        q.poll(Instant(5_000));
        assert_eq!(q.animation_ended(a, Instant(5_100)), vec![QueueAction::Remove(a)]);
        assert_eq!(q.current(), None);
        assert_eq!(q.next_deadline(), None, "idle queue asks for no timer");
    }
}
