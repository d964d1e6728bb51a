//! Bookkeeping the shell can show: where every accepted event went ([`Counts`]), per-class
//! counters and "latest" labels from live events ([`ClassStats`]), and a debug [`Snapshot`].

use super::input::{AlertClass, AlertInput};
use super::view::Phase;
use crate::util::clock::Instant;
use core::time::Duration;

/// Where every accepted input went. Always
/// `accepted == shown + merged + expired + filtered + dropped + pending`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Inputs pushed, plus replays requested through [`super::Control`].
    pub accepted: u64,
    /// Alerts put on screen (a summary counts once, for its lead event).
    pub shown: u64,
    /// Events folded into another alert (gift recipients, flood surplus, redemption updates).
    pub merged: u64,
    /// Alerts that waited too long or overflowed the queue, and redemptions never fulfilled.
    pub expired: u64,
    /// Events that are not alerts by the rules: duplicates, disabled or muted classes, amounts
    /// under the minimum, replays already shown, redemption status changes and cancellations,
    /// and alerts the word filter drops (`drop_alert`).
    pub filtered: u64,
    /// Alerts removed by the operator (clear, panic).
    pub dropped: u64,
    /// Events not yet resolved: delayed, held (gifts, redemptions) or queued.
    pub pending: u64,
}

/// Counters for one class, updated only by live events (never test or replay).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassStats {
    /// Live events of this class.
    pub count: u64,
    /// Sum of their amounts.
    pub amount: u64,
    /// Display name of the latest ("Anonymous" for anonymous events).
    pub latest: Option<String>,
}

impl ClassStats {
    /// Records a live event.
    pub(crate) fn record(&mut self, input: &AlertInput) {
        self.count += 1;
        self.amount = self.amount.saturating_add(input.amount);
        let latest = if input.anonymous {
            Some("Anonymous".to_string())
        } else {
            input.user.clone()
        };
        if latest.is_some() {
            self.latest = latest;
        }
    }
}

/// The engine's state for a debug panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// Where every event went.
    pub counts: Counts,
    /// Alerts waiting for the screen.
    pub queued: usize,
    /// Waiting alerts per class (fixed classes; `other` covers every other type).
    pub queued_by_class: Vec<(AlertClass, usize)>,
    /// Events inside the global delay.
    pub delayed: usize,
    /// Gift recipients and redemptions held back.
    pub held: usize,
    /// Key, class and phase of the alert on screen.
    pub on_screen: Option<(u64, AlertClass, Phase)>,
    /// Whether the queue is paused.
    pub paused: bool,
    /// Whether the page is hidden (an OBS source not shown): no new alert starts.
    pub hidden: bool,
    /// The current global delay.
    pub delay: Duration,
    /// Classes muted by the panic switch, and until when.
    pub muted: Vec<(AlertClass, Instant)>,
}
