//! The browser driver of the pure alert queue: one timer, one signal update per batch of actions.

use crate::alert::{Alert, AlertKind, TextPart};
use crate::browser::{page, timer::Timer};
use crate::queue::{AlertQueue, Phase, QueueAction, Timing};
use leptos::prelude::*;

/// An alert on screen and its phase.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownAlert {
    /// The alert.
    pub alert: Alert,
    /// `shown` or `exiting`.
    pub phase: Phase,
}

/// Options for [`use_alert_queue`].
#[derive(Clone, Copy, Debug, Default)]
pub struct UseAlertQueueOptions {
    /// Durations.
    pub timing: Timing,
}

struct Driver {
    queue: AlertQueue,
    timer: Option<Timer>,
}

/// A handle to an alert queue owned by the current component; `Copy`, cheap to pass around.
/// Everything it owns (queue, timer) is released when that component is unmounted, and calls
/// after that are no-ops.
#[derive(Clone, Copy)]
pub struct AlertQueueHandle {
    driver: StoredValue<Driver, LocalStorage>,
    shown: RwSignal<Vec<ShownAlert>>,
}

/// Creates an alert queue owned by the current reactive owner.
pub fn use_alert_queue(options: UseAlertQueueOptions) -> AlertQueueHandle {
    AlertQueueHandle {
        driver: StoredValue::new_local(Driver {
            queue: AlertQueue::new(options.timing),
            timer: None,
        }),
        shown: RwSignal::new(Vec::new()),
    }
}

impl AlertQueueHandle {
    /// The alerts on screen.
    pub fn shown(&self) -> ReadSignal<Vec<ShownAlert>> {
        self.shown.read_only()
    }

    /// Queues an alert.
    pub fn push(&self, kind: AlertKind, headline: Vec<TextPart>) {
        if self.driver.try_update_value(|d| d.queue.push(kind, headline)).is_some() {
            self.pump();
        }
    }

    /// Number of alerts waiting (not on screen).
    pub fn pending(&self) -> usize {
        self.driver.try_with_value(|d| d.queue.pending()).unwrap_or(0)
    }

    /// The exit animation of `key` ended: remove it now instead of at its deadline.
    pub fn animation_ended(&self, key: u64) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| d.queue.animation_ended(key, now)) {
            self.apply(actions);
        }
    }

    fn pump(&self) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| d.queue.poll(now)) {
            self.apply(actions);
        }
    }

    fn apply(&self, actions: Vec<QueueAction>) {
        if !actions.is_empty() {
            self.shown.try_update(|shown| {
                for action in actions {
                    match action {
                        QueueAction::Show(alert) => shown.push(ShownAlert {
                            alert,
                            phase: Phase::Shown,
                        }),
                        QueueAction::Exit(key) => shown
                            .iter_mut()
                            .filter(|s| s.alert.key == key)
                            .for_each(|s| s.phase = Phase::Exiting),
                        QueueAction::Remove(key) => shown.retain(|s| s.alert.key != key),
                    }
                }
            });
        }
        self.reschedule();
    }

    fn reschedule(&self) {
        let handle = *self;
        let now = page::now();
        self.driver.try_update_value(|d| {
            d.timer = d
                .queue
                .next_deadline()
                .and_then(|at| Timer::once((at - now).as_millis() as u64, move || handle.pump()));
        });
    }
}
