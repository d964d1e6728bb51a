//! What an alert says, as plain data: the headline and message are lists of text parts that the
//! components render as text nodes (never HTML), so viewer-controlled text cannot inject markup.

use crate::protocol::{Envelope, TauEvent};

/// Which kind of alert this is; also the CSS class suffix (`tau-alert--follow`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AlertKind {
    /// A new follower.
    Follow,
}

impl AlertKind {
    /// The stable name used in CSS classes, config keys and `data-kind`.
    pub fn name(self) -> &'static str {
        match self {
            AlertKind::Follow => "follow",
        }
    }
}

/// One piece of alert text. Every variant is rendered as a text node or a whitelisted image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPart {
    /// Literal template text.
    Text(String),
    /// A viewer's display name (styled with `.tau-alert__name`).
    Name(String),
}

impl TextPart {
    /// The plain text of this part.
    pub fn text(&self) -> &str {
        match self {
            TextPart::Text(t) | TextPart::Name(t) => t,
        }
    }
}

/// An alert ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    /// Unique within this page load; the key for keyed lists.
    pub key: u64,
    /// What kind of alert.
    pub kind: AlertKind,
    /// The headline, e.g. [Name("ana"), Text(" is now following!")].
    pub headline: Vec<TextPart>,
}

impl Alert {
    /// The headline as one plain string (for tests, logs and accessibility labels).
    pub fn headline_text(&self) -> String {
        self.headline.iter().map(TextPart::text).collect()
    }
}

/// The alert an event should produce, if any (`key` is assigned by the queue).
pub fn alert_for(envelope: &Envelope) -> Option<(AlertKind, Vec<TextPart>)> {
    match &envelope.event {
        TauEvent::Follow(f) => {
            let name = if f.user_name.is_empty() {
                &f.user_login
            } else {
                &f.user_name
            };
            Some((
                AlertKind::Follow,
                vec![
                    TextPart::Name(name.clone()),
                    TextPart::Text(" is now following!".into()),
                ],
            ))
        }
        _ => None,
    }
}
