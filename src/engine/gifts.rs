//! Gift bombs: one `channel-subscription-gift` with `total = N` plus the N `channel-subscribe`
//! frames with `is_gift: true` around it become one alert. Twitch does not order them, so
//! recipients wait up to a window for their gift event and a gift event stays open for a window
//! to absorb late recipients. Recipients whose gift event never comes are released as a
//! rate-limited "+N gifted subs" summary. Plain subs never come here.

use super::input::{AlertInput, InputOrigin};
use crate::util::clock::Instant;
use core::time::Duration;
use std::collections::VecDeque;

/// A gift event still accepting recipients.
#[derive(Debug)]
struct OpenGift {
    opened: Instant,
    live: bool,
    tier: u8,
    need: u64,
}

/// Buckets of waiting recipients: (live or not) × tier 0 (unknown) to 3.
const BUCKETS: usize = 8;

fn bucket(live: bool, tier: u8) -> usize {
    usize::from(live) * 4 + usize::from(tier.min(3))
}

fn is_live(input: &AlertInput) -> bool {
    input.origin == InputOrigin::Live
}

/// The gift grouper.
#[derive(Debug, Default)]
pub(crate) struct Gifts {
    waiting: [VecDeque<(Instant, AlertInput)>; BUCKETS],
    waiting_len: usize,
    open: VecDeque<OpenGift>,
    /// Timed-out recipients: the lead and how many in all.
    batch: Option<(AlertInput, u32)>,
    last_flush: Option<Instant>,
}

/// What [`Gifts::advance`] produced.
#[derive(Debug, Default)]
pub(crate) struct Advanced {
    /// Recipients merged into the summary batch (all but its lead).
    pub merged: u64,
    /// A summary to enqueue: its lead recipient and how many recipients it stands for.
    pub summary: Option<(AlertInput, u32)>,
}

impl Gifts {
    /// A gift recipient arrived at `t`. Returns true when an open gift event absorbed it;
    /// otherwise it waits.
    pub fn recipient(&mut self, input: AlertInput, t: Instant, window: Duration) -> bool {
        while self.open.front().is_some_and(|g| g.opened + window <= t) {
            self.open.pop_front();
        }
        let (live, tier) = (is_live(&input), input.tier.min(3));
        let matching = |g: &&mut OpenGift| g.live == live && g.need > 0 && (g.tier == tier || g.tier == 0 || tier == 0);
        if let Some(gift) = self.open.iter_mut().find(matching) {
            gift.need -= 1;
            return true;
        }
        self.waiting[bucket(live, tier)].push_back((t, input));
        self.waiting_len += 1;
        false
    }

    /// A gift event arrived at `t`: it absorbs up to `amount` waiting recipients of its kind and
    /// stays open for the rest. Returns how many it absorbed.
    pub fn gift(&mut self, input: &AlertInput, t: Instant, window: Duration) -> u64 {
        let (live, tier) = (is_live(input), input.tier.min(3));
        let mut need = input.amount;
        let mut absorbed = 0;
        let buckets: &[u8] = if tier == 0 { &[0, 1, 2, 3] } else { &[tier, 0] };
        for &b in buckets {
            let queue = &mut self.waiting[bucket(live, b)];
            while need > 0 && queue.front().is_some_and(|(at, _)| *at + window > t) {
                queue.pop_front();
                need -= 1;
                absorbed += 1;
            }
        }
        self.waiting_len -= absorbed as usize;
        if need > 0 {
            self.open.push_back(OpenGift {
                opened: t,
                live,
                tier,
                need,
            });
        }
        absorbed
    }

    /// Moves recipients whose window passed by `t` into the summary batch, and releases the batch
    /// when the rate limit allows.
    pub fn advance(&mut self, t: Instant, window: Duration, interval: Duration) -> Advanced {
        let mut out = Advanced::default();
        for queue in &mut self.waiting {
            while queue.front().is_some_and(|(at, _)| *at + window <= t) {
                let (_, input) = queue.pop_front().expect("front exists");
                self.waiting_len -= 1;
                match &mut self.batch {
                    None => self.batch = Some((input, 1)),
                    Some((_, n)) => {
                        *n += 1;
                        out.merged += 1;
                    }
                }
            }
        }
        if self.batch.is_some() && self.last_flush.is_none_or(|at| at + interval <= t) {
            self.last_flush = Some(t);
            out.summary = self.batch.take();
        }
        out
    }

    /// When [`Gifts::advance`] next has work.
    pub fn next_deadline(&self, window: Duration, interval: Duration) -> Option<Instant> {
        let timeouts = self
            .waiting
            .iter()
            .filter_map(|q| q.front().map(|(at, _)| *at + window));
        let flush = self
            .batch
            .as_ref()
            .map(|_| self.last_flush.map_or(Instant::ZERO, |at| at + interval));
        timeouts.chain(flush).min()
    }

    /// Recipients waiting, plus the batch lead.
    pub fn pending(&self) -> usize {
        self.waiting_len + usize::from(self.batch.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::input::AlertClass;

    const W: Duration = Duration::from_millis(1000);

    fn recipient(tier: u8) -> AlertInput {
        AlertInput {
            is_gift: true,
            tier,
            ..AlertInput::new(AlertClass::Sub)
        }
    }

    fn gift(n: u64, tier: u8) -> AlertInput {
        AlertInput {
            amount: n,
            tier,
            ..AlertInput::new(AlertClass::GiftBomb)
        }
    }

    #[test]
    fn recipients_before_and_after_join_the_gift() {
        let mut g = Gifts::default();
        assert!(!g.recipient(recipient(1), Instant(0), W));
        assert_eq!(g.gift(&gift(3, 1), Instant(500), W), 1);
        assert!(g.recipient(recipient(1), Instant(600), W));
        assert!(g.recipient(recipient(1), Instant(700), W));
        assert!(
            !g.recipient(recipient(1), Instant(800), W),
            "the gift's total is reached"
        );
        assert_eq!(g.pending(), 1);
    }

    #[test]
    fn orphans_become_a_rate_limited_summary() {
        let mut g = Gifts::default();
        let i = Duration::from_millis(5000);
        g.recipient(recipient(1), Instant(0), W);
        g.recipient(recipient(2), Instant(10), W);
        assert_eq!(g.next_deadline(W, i), Some(Instant(1000)));
        let a = g.advance(Instant(1010), W, i);
        assert_eq!((a.merged, a.summary.map(|s| s.1)), (1, Some(2)));
        g.recipient(recipient(1), Instant(1100), W);
        let a = g.advance(Instant(2100), W, i);
        assert!(a.summary.is_none(), "rate limited");
        assert_eq!(g.next_deadline(W, i), Some(Instant(6010)));
        assert_eq!(g.advance(Instant(6010), W, i).summary.map(|s| s.1), Some(1));
        assert_eq!(g.pending(), 0);
    }

    #[test]
    fn test_recipients_never_join_a_live_gift() {
        let mut g = Gifts::default();
        g.gift(&gift(5, 1), Instant(0), W);
        let mut r = recipient(1);
        r.origin = InputOrigin::Test;
        assert!(!g.recipient(r, Instant(1), W));
        assert!(g.recipient(recipient(0), Instant(2), W), "unknown tier matches any");
    }
}
