//! Alert text as plain data: headlines and messages are lists of text parts that the components
//! render as text nodes (never HTML), so viewer-controlled text cannot inject markup.

/// One piece of alert text. Every variant is rendered as a text node.
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
