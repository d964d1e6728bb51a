//! What the engine hands the shell: [`EngineAction`]s carrying [`AlertView`]s.

use super::input::{AlertClass, InputOrigin};
use crate::text::parts::TextPart;
use crate::text::{plain_text, Fragment};
use core::time::Duration;

/// How many events an alert stands for, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertShape {
    /// One event (a gift bomb is one event: its recipients are merged into it).
    Single,
    /// A flood summary ("+37 new followers").
    Flood,
    /// Gift recipients whose gift event never arrived ("+3 gifted subs").
    OrphanGifts,
}

impl AlertShape {
    /// The `data-shape` attribute value.
    pub fn name(self) -> &'static str {
        match self {
            AlertShape::Single => "single",
            AlertShape::Flood => "flood",
            AlertShape::OrphanGifts => "orphan-gifts",
        }
    }
}

/// An alert ready to show, with everything a template or a style may need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlertView {
    /// Unique within this engine; the key for keyed lists and for [`EngineAction::Exit`].
    pub key: u64,
    /// Which class (`data-kind`, CSS suffix via [`AlertClass::name`]).
    pub class: AlertClass,
    /// Single event or a summary.
    pub shape: AlertShape,
    /// Live, test or replay.
    pub origin: InputOrigin,
    /// TAU's row id of the (lead) event.
    pub id: Option<String>,
    /// The headline, e.g. `[Name("ana"), Text(" cheered 500 bits!")]`.
    pub headline: Vec<TextPart>,
    /// The viewer's message as text, emote and cheermote fragments; empty when absent, hidden
    /// by the word filter, or below the class's `message_min_amount`.
    pub message: Vec<Fragment>,
    /// The message should be read aloud (text-to-speech).
    pub speak: bool,
    /// The person celebrated; `None` when unknown or anonymous.
    pub user: Option<String>,
    /// The class's amount (bits, viewers, gift total…).
    pub amount: u64,
    /// Subscription tier, 0 if not applicable.
    pub tier: u8,
    /// Cumulative months, 0 if unknown.
    pub months: u32,
    /// How many events this alert stands for (1 unless a summary).
    pub count: u32,
    /// Name of the chosen variation, if any.
    pub variation: Option<String>,
    /// Image or video from the variation, else the class (see [`super::media::MediaPlan`]).
    pub image: Option<String>,
    /// Sound file from the variation, else the class; `None` means the built-in chime.
    pub sound: Option<String>,
    /// The sound's own volume (the variation's, else the class's), before `master_volume`.
    pub volume: super::media::Volume,
    /// Planned time on screen before the exit animation (the hard deadline is fixed when shown).
    pub hold: Duration,
}

impl AlertView {
    /// The headline as one plain string (for tests, logs and accessibility labels).
    pub fn headline_text(&self) -> String {
        self.headline.iter().map(TextPart::text).collect()
    }

    /// The message as one plain string.
    pub fn message_text(&self) -> String {
        plain_text(&self.message)
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

/// What the shell must do, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineAction {
    /// Put this alert on screen (`data-state="shown"`, enter animation).
    Show(Box<AlertView>),
    /// Start the exit animation of the alert with this key.
    Exit(u64),
    /// Remove the alert with this key from the DOM.
    Remove(u64),
}
