//! Operator controls and shell notifications, applied with [`Engine::control`].

use super::input::{AlertClass, InputOrigin};
use super::machine::Engine;
use super::view::{EngineAction, Phase};
use crate::util::clock::Instant;
use core::time::Duration;

/// Something the operator or the shell tells the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// Start no new alert (the one on screen finishes). Queued alerts still age.
    Pause,
    /// Undo [`Control::Pause`].
    Resume,
    /// The shell says whether the page is hidden (an OBS source whose scene is not shown): while
    /// hidden, no new alert starts, as with [`Control::Pause`], but independently of it (showing
    /// the source again does not undo an operator's pause). Queued alerts age meanwhile: those
    /// past their class's `max_age_ms` (follows by default) expire and are counted.
    SetHidden(bool),
    /// End the alert on screen now (exit animation, or removal if already exiting).
    Skip,
    /// Drop every queued alert and skip the one on screen (delayed and held events stay).
    Clear,
    /// Queue the last shown alert again, as a replay.
    ReplayLast,
    /// Queue the shown alert with this TAU id again. If it is not in the history, let the next
    /// `origin: "replay"` event with this id through even if it already played.
    Replay(String),
    /// Panic switch: drop queued alerts of this class (and skip it on screen), mute it for a while.
    Panic {
        /// The class to silence (usually [`AlertClass::Follow`]).
        class: AlertClass,
        /// How long events of the class are filtered.
        mute: Duration,
    },
    /// Lift a panic mute.
    Unmute(AlertClass),
    /// Change the global delay (events already delayed keep their time).
    SetDelay(Duration),
    /// Turn interrupt mode on or off.
    SetInterrupt(bool),
    /// The shell's exit animation of this alert ended: remove it now.
    AnimationEnded(u64),
    /// The alert's media ended: start its exit now.
    MediaEnded(u64),
    /// The alert's media (or speech) turned out to be this long: keep it on screen that long,
    /// up to `max_duration_ms`. Never extends an alert that was cut short.
    MediaLength(u64, Duration),
}

impl Engine {
    /// Applies `control` at `now`, then polls. Controls for an alert no longer on screen are
    /// ignored (late callbacks are no-ops).
    pub fn control(&mut self, control: Control, now: Instant) -> Vec<EngineAction> {
        match control {
            Control::Pause => self.paused = true,
            Control::Resume => self.paused = false,
            Control::SetHidden(hidden) => self.hidden = hidden,
            Control::Skip => self.cut_current(now),
            Control::Clear => {
                self.counts.dropped += self.queue.clear();
                self.cut_current(now);
            }
            Control::ReplayLast => {
                let last = self.history.back().cloned();
                self.replay(last, now);
            }
            Control::Replay(id) => {
                let found = self
                    .history
                    .iter()
                    .rev()
                    .find(|i| i.input.id.as_ref() == Some(&id))
                    .cloned();
                if found.is_none() {
                    self.armed.insert(&id);
                }
                self.replay(found, now);
            }
            Control::Panic { class, mute } => {
                self.counts.dropped += self.queue.drain_class(class);
                self.muted[class.index()] = Some(now + mute);
                if self.screen.as_ref().is_some_and(|s| s.class.index() == class.index()) {
                    self.cut_current(now);
                }
            }
            Control::Unmute(class) => self.muted[class.index()] = None,
            Control::SetDelay(delay) => self.config.delay_ms = delay.as_millis() as u64,
            Control::SetInterrupt(on) => self.config.interrupt = on,
            Control::AnimationEnded(key) => {
                if let Some(s) = self
                    .screen
                    .as_mut()
                    .filter(|s| s.key == key && s.phase == Phase::Exiting)
                {
                    s.until = s.until.min(now);
                }
            }
            Control::MediaEnded(key) => {
                if let Some(s) = self.screen.as_mut().filter(|s| s.key == key && s.phase == Phase::Shown) {
                    s.until = s.until.min(now);
                    s.cut = true;
                }
            }
            Control::MediaLength(key, length) => {
                let cap = Duration::from_millis(self.config.max_duration_ms);
                let slack = Duration::from_millis(self.config.slack_ms);
                if let Some(s) = self
                    .screen
                    .as_mut()
                    .filter(|s| s.key == key && s.phase == Phase::Shown && !s.cut)
                {
                    s.until = s.until.max(s.started + s.hold.max(length).min(cap) + slack);
                }
            }
        }
        self.poll(now)
    }

    /// Ends the current alert's phase now.
    fn cut_current(&mut self, now: Instant) {
        if let Some(s) = self.screen.as_mut() {
            s.until = s.until.min(now);
            s.cut = true;
        }
    }

    /// Queues a copy of a shown item as an explicit replay (counted as accepted).
    fn replay(&mut self, item: Option<super::pending::Item>, now: Instant) {
        let Some(mut item) = item else { return };
        item.input.origin = InputOrigin::Replay;
        item.enqueued = now;
        self.counts.accepted += 1;
        self.enqueue(item);
    }
}
