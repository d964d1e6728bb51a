//! [`Engine`]: the sans-IO alert machine.
//!
//! Events pass through stages: the global delay line, deduplication and counters, redemption
//! holds, gift grouping, class rules (enabled, muted, minimum amount), flood budgets, then the
//! priority queue and the screen. [`Engine::poll`] advances all of them to `now`.

use super::config::EngineConfig;
use super::flood::Flood;
use super::gifts::Gifts;
use super::input::{AlertClass, AlertInput, InputOrigin, ALL_CLASSES, CLASS_COUNT};
use super::lang::{plain_number, FormatNumber};
use super::pending::{Item, Queue};
use super::redemptions::{Redemptions, Verdict};
use super::stats::{ClassStats, Counts, Snapshot};
use super::template::Texts;
use super::view::{AlertShape, EngineAction, Phase};
use crate::util::bounded_set::BoundedSet;
use crate::util::clock::{Instant, Rng};
use core::time::Duration;
use std::collections::VecDeque;

/// The alert on screen.
#[derive(Debug)]
pub(crate) struct OnScreen {
    pub key: u64,
    pub class: AlertClass,
    pub priority: u8,
    pub phase: Phase,
    pub started: Instant,
    /// End of the current phase; for `Exiting`, the alert's hard deadline.
    pub until: Instant,
    /// Planned hold (without slack), for media length reports.
    pub hold: Duration,
    /// Ended early (skip, media end): no later report may extend it.
    pub cut: bool,
}

/// The alert engine. See the [module docs](super) for the life of an event.
#[derive(Debug)]
pub struct Engine {
    pub(crate) config: EngineConfig,
    pub(crate) rng: Rng,
    pub(crate) delayed: VecDeque<(Instant, AlertInput)>,
    pub(crate) queue: Queue,
    pub(crate) gifts: Gifts,
    pub(crate) flood: Flood,
    pub(crate) redemptions: Redemptions,
    /// Live ids accepted and ids shown this session.
    pub(crate) seen: BoundedSet,
    /// Ids whose next replay was explicitly asked for.
    pub(crate) armed: BoundedSet,
    pub(crate) history: VecDeque<Item>,
    pub(crate) screen: Option<OnScreen>,
    pub(crate) paused: bool,
    /// The shell's page is hidden ([`super::Control::SetHidden`]).
    pub(crate) hidden: bool,
    pub(crate) muted: [Option<Instant>; CLASS_COUNT],
    pub(crate) counts: Counts,
    pub(crate) stats: [ClassStats; CLASS_COUNT],
    pub(crate) next_key: u64,
    /// The built-in texts of the config's language, parsed once.
    pub(crate) texts: Texts,
    /// Formats the numbers in texts.
    pub(crate) numbers: FormatNumber,
    /// The last hype train level shown: a `hype-train-level` at or below it is no level-up.
    pub(crate) hype_level: u64,
}

fn ms(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

impl Engine {
    /// An idle engine; `seed` drives weighted variation choices.
    pub fn new(config: EngineConfig, seed: u64) -> Engine {
        Engine {
            texts: Texts::new(config.lang.unwrap_or_default()),
            numbers: plain_number,
            hype_level: 0,
            config,
            rng: Rng::new(seed),
            delayed: VecDeque::new(),
            queue: Queue::default(),
            gifts: Gifts::default(),
            flood: Flood::default(),
            redemptions: Redemptions::default(),
            seen: BoundedSet::new(20_000),
            armed: BoundedSet::new(64),
            history: VecDeque::new(),
            screen: None,
            paused: false,
            hidden: false,
            muted: [None; CLASS_COUNT],
            counts: Counts::default(),
            stats: Default::default(),
            next_key: 0,
        }
    }

    /// This engine, formatting the numbers in its texts with `numbers` (the browser passes
    /// `Intl.NumberFormat`; the default is [`plain_number`]).
    pub fn with_number_format(mut self, numbers: FormatNumber) -> Engine {
        self.numbers = numbers;
        self
    }

    /// The configuration in use.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Accepts an event at `now`. It enters the engine after the global delay; call
    /// [`Engine::poll`] afterwards (or at [`Engine::next_deadline`]).
    pub fn push(&mut self, input: AlertInput, now: Instant) {
        self.counts.accepted += 1;
        let mut ready = now + ms(self.config.delay_ms);
        if let Some(&(last, _)) = self.delayed.back() {
            ready = ready.max(last);
        }
        self.delayed.push_back((ready, input));
    }

    /// Advances every stage to `now` and returns what the shell must do, in order.
    pub fn poll(&mut self, now: Instant) -> Vec<EngineAction> {
        while let Some(&(ready, _)) = self.delayed.front() {
            if ready > now {
                break;
            }
            let (_, input) = self.delayed.pop_front().expect("front exists");
            self.advance(ready);
            self.intake(input, ready);
        }
        self.advance(now);
        let config = &self.config;
        self.counts.expired += self.queue.expire(now, |c| config.max_age(c));
        let mut actions = Vec::new();
        self.run_screen(now, &mut actions);
        actions
    }

    /// The next time [`Engine::poll`] has work to do, if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        let c = &self.config;
        let delayed = self.delayed.front().map(|(at, _)| *at);
        let screen = self.screen.as_ref().map(|s| s.until);
        let expiry = self.queue.next_expiry(|class| c.max_age(class));
        let gifts = self
            .gifts
            .next_deadline(ms(c.gift_window_ms), ms(c.gift_orphan_interval_ms));
        let held = self.redemptions.next_deadline(ms(c.redemption_hold_ms));
        [delayed, screen, expiry, gifts, held].into_iter().flatten().min()
    }

    /// Where every accepted event went.
    pub fn counts(&self) -> Counts {
        let pending = self.delayed.len() + self.redemptions.len() + self.gifts.pending() + self.queue.len();
        Counts {
            pending: pending as u64,
            ..self.counts
        }
    }

    /// Live counters and "latest" label of `class` (all [`AlertClass::Other`] share one).
    pub fn stats(&self, class: AlertClass) -> &ClassStats {
        &self.stats[class.index()]
    }

    /// Alerts waiting for the screen.
    pub fn queue_depth(&self) -> usize {
        self.queue.len()
    }

    /// Key, class and phase of the alert on screen.
    pub fn on_screen(&self) -> Option<(u64, AlertClass, Phase)> {
        self.screen.as_ref().map(|s| (s.key, s.class, s.phase))
    }

    /// Whether the queue is paused by the operator.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Whether the shell said its page is hidden (no new alert starts meanwhile).
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// State for a debug panel at `now` (O(queue length); not for every frame).
    pub fn debug_snapshot(&self, now: Instant) -> Snapshot {
        let depth = self.queue.depth_by_class();
        Snapshot {
            counts: self.counts(),
            queued: self.queue.len(),
            queued_by_class: ALL_CLASSES.iter().map(|c| (*c, depth[c.index()])).collect(),
            delayed: self.delayed.len(),
            held: self.redemptions.len() + self.gifts.pending(),
            on_screen: self.on_screen(),
            paused: self.paused,
            hidden: self.hidden,
            delay: ms(self.config.delay_ms),
            muted: ALL_CLASSES
                .iter()
                .filter_map(|c| self.muted[c.index()].filter(|until| *until > now).map(|u| (*c, u)))
                .collect(),
        }
    }

    /// Runs time-driven holds (gift windows, redemption holds) up to `t`.
    fn advance(&mut self, t: Instant) {
        let c = &self.config;
        let (window, interval) = (ms(c.gift_window_ms), ms(c.gift_orphan_interval_ms));
        let advanced = self.gifts.advance(t, window, interval);
        self.counts.merged += advanced.merged;
        if let Some((mut lead, n)) = advanced.summary {
            lead.class = AlertClass::GiftBomb;
            lead.amount = u64::from(n);
            lead.user = None;
            let item = Item {
                input: lead,
                shape: AlertShape::OrphanGifts,
                count: n,
                enqueued: t,
            };
            self.admit(item, t);
        }
        self.counts.expired += self.redemptions.expire(t, ms(self.config.redemption_hold_ms));
    }

    /// An event leaves the delay line at `t`.
    fn intake(&mut self, input: AlertInput, t: Instant) {
        let duplicate = match (&input.origin, &input.id) {
            (InputOrigin::Live, Some(id)) => !self.seen.insert(id),
            (InputOrigin::Replay, Some(id)) => {
                self.seen.contains(id) && !self.config.replay_seen && !self.armed.remove(id)
            }
            _ => false,
        };
        if duplicate || input.dropped_by_filter {
            self.counts.filtered += 1;
            return;
        }
        if input.origin == InputOrigin::Live && !input.is_redemption_update() {
            self.stats[input.class.index()].record(&input);
        }
        let input = if input.class == AlertClass::Redemption {
            match self.redemptions.handle(input, t, self.config.redemptions) {
                Verdict::Play { input, released } => {
                    self.counts.merged += u64::from(released);
                    *input
                }
                Verdict::Held => return,
                Verdict::Filtered(n) => {
                    self.counts.filtered += n;
                    return;
                }
            }
        } else {
            input
        };
        let window = ms(self.config.gift_window_ms);
        if input.is_gift_recipient() {
            if self.gifts.recipient(input, t, window) {
                self.counts.merged += 1;
            }
            return;
        }
        if input.class == AlertClass::GiftBomb {
            self.counts.merged += self.gifts.gift(&input, t, window);
        }
        let item = Item {
            input,
            shape: AlertShape::Single,
            count: 1,
            enqueued: t,
        };
        self.admit(item, t);
    }

    /// False for a kind switched off in `kinds`, and for hype train progress that is no level-up.
    fn is_news(&mut self, item: &Item) -> bool {
        let input = &item.input;
        match input.class {
            AlertClass::Other("hype-train-begin") => self.hype_level = input.amount,
            AlertClass::Other("hype-train-end") => self.hype_level = 0,
            AlertClass::Other("hype-train-level") if input.amount <= self.hype_level => return false,
            AlertClass::Other("hype-train-level") => self.hype_level = input.amount,
            _ => {}
        }
        self.config.kinds.enabled(input.class.name())
    }

    /// Class rules and flood budget, then the queue.
    fn admit(&mut self, mut item: Item, t: Instant) {
        let class = item.input.class;
        let news = self.is_news(&item);
        let rules = self.config.class(class);
        let muted = self.muted[class.index()].is_some_and(|until| t < until);
        let too_small = item.shape == AlertShape::Single && item.input.amount < rules.min_amount;
        if !rules.enabled || muted || too_small || !news {
            self.counts.filtered += 1;
            return;
        }
        if item.shape == AlertShape::Single && !self.flood.admit(class, t, self.config.flood(class)) {
            if let Some(summary) = self.flood.summary(class).and_then(|k| self.queue.get_mut(k)) {
                summary.count += 1;
                summary.input.amount = summary.input.amount.saturating_add(item.input.amount);
                self.counts.merged += 1;
                return;
            }
            item.shape = AlertShape::Flood;
            let key = self.enqueue(item);
            self.flood.set_summary(class, key);
            return;
        }
        self.enqueue(item);
    }

    /// Queues an item, expiring the oldest of the lowest priority beyond `max_queue`.
    pub(crate) fn enqueue(&mut self, item: Item) -> super::pending::Key {
        let key = self.queue.push(self.config.priority(item.input.class), item);
        while self.queue.len() > self.config.max_queue.max(1) {
            self.queue.pop_lowest();
            self.counts.expired += 1;
        }
        key
    }

    /// Moves the screen forward to `now`.
    fn run_screen(&mut self, now: Instant, actions: &mut Vec<EngineAction>) {
        loop {
            match self.screen.as_mut() {
                Some(s) if s.until > now => {
                    let outranked = self.queue.top_priority().is_some_and(|p| p > s.priority);
                    if self.config.interrupt && !self.paused && !self.hidden && s.phase == Phase::Shown && outranked {
                        s.until = now;
                        s.cut = true;
                        continue;
                    }
                    break;
                }
                Some(s) if s.phase == Phase::Shown => {
                    s.phase = Phase::Exiting;
                    s.until = s.until + ms(self.config.exit_ms);
                    actions.push(EngineAction::Exit(s.key));
                }
                Some(s) => {
                    actions.push(EngineAction::Remove(s.key));
                    self.screen = None;
                }
                None => {
                    if self.paused || self.hidden {
                        break;
                    }
                    let Some(item) = self.queue.pop() else { break };
                    self.show(item, now, actions);
                }
            }
        }
    }

    /// Puts `item` on screen at `now`.
    fn show(&mut self, item: Item, now: Instant, actions: &mut Vec<EngineAction>) {
        self.next_key += 1;
        let view = self.build_view(&item, self.next_key);
        self.counts.shown += 1;
        if let Some(id) = &item.input.id {
            self.seen.insert(id);
        }
        self.screen = Some(OnScreen {
            key: view.key,
            class: view.class,
            priority: self.config.priority(view.class),
            phase: Phase::Shown,
            started: now,
            until: now + view.hold + ms(self.config.slack_ms),
            hold: view.hold,
            cut: false,
        });
        if self.config.history > 0 {
            if self.history.len() >= self.config.history {
                self.history.pop_front();
            }
            self.history.push_back(item);
        }
        actions.push(EngineAction::Show(Box::new(view)));
    }
}
