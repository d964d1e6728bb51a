//! Channel points redemptions: play on `-add`, or (with [`RedemptionMode::OnFulfilled`]) hold the
//! `-add` until an `-update` says `fulfilled`, dropping it when `canceled` comes first.

use super::config::RedemptionMode;
use super::dedupe::BoundedSet;
use super::input::{AlertInput, RedemptionStatus};
use crate::clock::Instant;
use core::time::Duration;
use std::collections::{HashMap, VecDeque};

/// What became of a redemption frame.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Play this input (the frame itself, or the `-add` it released, the frame being merged).
    Play {
        /// The input to play.
        input: AlertInput,
        /// True when the frame released a held `-add` (the frame counts as merged).
        released: bool,
    },
    /// Held until its update.
    Held,
    /// Not an alert; how many inputs were dropped (2 when a cancel drops a held `-add`).
    Filtered(u64),
}

/// Held redemptions and the ids already settled.
#[derive(Debug)]
pub(crate) struct Redemptions {
    held: HashMap<String, (Instant, AlertInput)>,
    order: VecDeque<(Instant, String)>,
    settled: BoundedSet,
}

impl Default for Redemptions {
    fn default() -> Self {
        Redemptions {
            held: HashMap::new(),
            order: VecDeque::new(),
            settled: BoundedSet::new(4096),
        }
    }
}

impl Redemptions {
    /// Handles one redemption frame at `t`.
    pub fn handle(&mut self, input: AlertInput, t: Instant, mode: RedemptionMode) -> Verdict {
        let Some(info) = input.redemption.clone() else {
            return Verdict::Play { input, released: false };
        };
        let play = |input| Verdict::Play { input, released: false };
        match (mode, info.is_update, info.status) {
            (_, false, RedemptionStatus::Canceled) => Verdict::Filtered(1),
            (RedemptionMode::Immediate, false, _) => play(input),
            (RedemptionMode::Immediate, true, _) => Verdict::Filtered(1),
            (RedemptionMode::OnFulfilled, false, _) if self.settled.contains(&info.id) => Verdict::Filtered(1),
            (RedemptionMode::OnFulfilled, false, RedemptionStatus::Fulfilled) => {
                self.settled.insert(&info.id);
                play(input)
            }
            (RedemptionMode::OnFulfilled, false, RedemptionStatus::Unfulfilled) => {
                if self.held.contains_key(&info.id) {
                    return Verdict::Filtered(1);
                }
                self.order.push_back((t, info.id.clone()));
                self.held.insert(info.id, (t, input));
                Verdict::Held
            }
            (RedemptionMode::OnFulfilled, true, RedemptionStatus::Fulfilled) => {
                let fresh = self.settled.insert(&info.id);
                match self.held.remove(&info.id) {
                    Some((_, add)) => Verdict::Play {
                        input: add,
                        released: true,
                    },
                    None if fresh => play(input),
                    None => Verdict::Filtered(1),
                }
            }
            (RedemptionMode::OnFulfilled, true, RedemptionStatus::Canceled) => {
                self.settled.insert(&info.id);
                Verdict::Filtered(1 + u64::from(self.held.remove(&info.id).is_some()))
            }
            (RedemptionMode::OnFulfilled, true, RedemptionStatus::Unfulfilled) => Verdict::Filtered(1),
        }
    }

    /// Expires redemptions held longer than `hold` at `t`; returns how many.
    pub fn expire(&mut self, t: Instant, hold: Duration) -> u64 {
        let mut expired = 0;
        while let Some((at, id)) = self.order.front() {
            if *at + hold > t {
                break;
            }
            if self.held.get(id).is_some_and(|(held_at, _)| held_at == at) {
                self.held.remove(id);
                expired += 1;
            }
            self.order.pop_front();
        }
        expired
    }

    /// When [`Redemptions::expire`] next may have work.
    pub fn next_deadline(&self, hold: Duration) -> Option<Instant> {
        self.order.front().map(|(at, _)| *at + hold)
    }

    /// Redemptions held.
    pub fn len(&self) -> usize {
        self.held.len()
    }
}
