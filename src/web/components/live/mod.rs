//! [`use_live`]: the one hook behind the live widgets' `use_goal`, `use_hype_train`, `use_poll`
//! and `use_prediction` — a state signal owned by the current component, and the way in for TAU
//! events.

use crate::tau::backfill::Delivery;
use crate::tau::protocol::Envelope;
use crate::widgets::{LiveState, Scope};
use leptos::prelude::*;

/// Options for [`use_live`] (and each live widget's hook).
#[derive(Clone, Debug, Default)]
pub struct UseLiveOptions {
    /// The streamer's Twitch user id: other channels' events are ignored. `None` takes all.
    pub broadcaster: Option<String>,
}

/// What [`use_live`] returns: the widget's state and the way in for events (`Copy`).
#[derive(Debug)]
pub struct UseLiveReturn<S: 'static> {
    /// The state to give the widget's component.
    pub state: RwSignal<S>,
}

impl<S: 'static> Clone for UseLiveReturn<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: 'static> Copy for UseLiveReturn<S> {}

impl<S: LiveState + Send + Sync + 'static> UseLiveReturn<S> {
    /// Applies one TAU event (other types are ignored); the widget updates only if it changed.
    pub fn apply(&self, envelope: &Envelope) {
        self.state.try_maybe_update(|s| (s.apply_event(envelope), ()));
    }

    /// Applies a batch from the TAU link (offline summaries are skipped).
    pub fn apply_deliveries(&self, deliveries: &[Delivery]) {
        self.state.try_maybe_update(|s| {
            let changed = deliveries.iter().fold(false, |changed, d| match d {
                Delivery::Alert(e) => s.apply_event(e) | changed,
                Delivery::Summary(_) => changed,
            });
            (changed, ())
        });
    }
}

/// A live widget's state owned by the current component.
pub fn use_live<S: LiveState + Send + Sync + 'static>(options: UseLiveOptions) -> UseLiveReturn<S> {
    UseLiveReturn {
        state: RwSignal::new(S::for_scope(Scope::new(options.broadcaster))),
    }
}
