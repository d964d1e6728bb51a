//! Channel points redemptions: play on `-add`, or (with [`RedemptionMode::OnFulfilled`]) hold the
//! `-add` until an `-update` says `fulfilled`, dropping it when `canceled` comes first.

use super::config::RedemptionMode;
use super::input::{AlertInput, RedemptionStatus};
use crate::util::bounded_set::BoundedSet;
use crate::util::clock::Instant;
use core::time::Duration;
use std::collections::VecDeque;

/// What became of a redemption frame.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Play this input (the frame itself, or the `-add` it released, the frame being merged).
    Play {
        /// The input to play (boxed: an input is large, the other verdicts small).
        input: Box<AlertInput>,
        /// True when the frame released a held `-add` (the frame counts as merged).
        released: bool,
    },
    /// Held until its update.
    Held,
    /// Not an alert; how many inputs were dropped (2 when a cancel drops a held `-add`).
    Filtered(u64),
}

/// Held redemptions and the ids already settled.
///
/// Held `-add`s are a list in arrival order (so expiry takes from the front) searched by id: only
/// unfulfilled redemptions of the last `redemption_hold_ms` are in it, a short list, and a hash
/// map beside it cost more wasm than it saved time. An entry whose `-add` left (played or
/// canceled) stays, empty, until its hold time is over.
#[derive(Debug)]
pub(crate) struct Redemptions {
    held: VecDeque<(Instant, String, Option<AlertInput>)>,
    /// Entries of `held` still holding their `-add`.
    holding: usize,
    settled: BoundedSet,
}

impl Default for Redemptions {
    fn default() -> Self {
        Redemptions {
            held: VecDeque::new(),
            holding: 0,
            settled: BoundedSet::new(4096),
        }
    }
}

impl Redemptions {
    /// Handles one redemption frame at `t`.
    pub fn handle(&mut self, input: AlertInput, t: Instant, mode: RedemptionMode) -> Verdict {
        let Some(info) = input.redemption.clone() else {
            return Verdict::Play {
                input: Box::new(input),
                released: false,
            };
        };
        let play = |input| Verdict::Play {
            input: Box::new(input),
            released: false,
        };
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
                if self.position(&info.id).is_some() {
                    return Verdict::Filtered(1);
                }
                self.held.push_back((t, info.id, Some(input)));
                self.holding += 1;
                Verdict::Held
            }
            (RedemptionMode::OnFulfilled, true, RedemptionStatus::Fulfilled) => {
                let fresh = self.settled.insert(&info.id);
                match self.release(&info.id) {
                    Some(add) => Verdict::Play {
                        input: Box::new(add),
                        released: true,
                    },
                    None if fresh => play(input),
                    None => Verdict::Filtered(1),
                }
            }
            (RedemptionMode::OnFulfilled, true, RedemptionStatus::Canceled) => {
                self.settled.insert(&info.id);
                Verdict::Filtered(1 + u64::from(self.release(&info.id).is_some()))
            }
            (RedemptionMode::OnFulfilled, true, RedemptionStatus::Unfulfilled) => Verdict::Filtered(1),
        }
    }

    /// Where the `-add` of redemption `id` is held.
    fn position(&self, id: &str) -> Option<usize> {
        self.held
            .iter()
            .position(|(_, held_id, add)| add.is_some() && held_id == id)
    }

    /// Takes the held `-add` of redemption `id`.
    fn release(&mut self, id: &str) -> Option<AlertInput> {
        let index = self.position(id)?;
        let add = self.held[index].2.take();
        self.holding -= 1;
        add
    }

    /// Expires redemptions held longer than `hold` at `t`; returns how many.
    pub fn expire(&mut self, t: Instant, hold: Duration) -> u64 {
        let mut expired = 0;
        while let Some((at, ..)) = self.held.front() {
            if *at + hold > t {
                break;
            }
            if let Some((_, _, Some(_))) = self.held.pop_front() {
                self.holding -= 1;
                expired += 1;
            }
        }
        expired
    }

    /// When [`Redemptions::expire`] next may have work.
    pub fn next_deadline(&self, hold: Duration) -> Option<Instant> {
        self.held.front().map(|(at, ..)| *at + hold)
    }

    /// Redemptions held.
    pub fn len(&self) -> usize {
        self.holding
    }
}
