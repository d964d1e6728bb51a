//! "While offline: 3 follows, 1 sub": one alert for backfilled events too old to play one by one.

use crate::engine::{AlertClass, AlertInput};
use crate::tau::protocol::Envelope;

/// Singular labels, in the order they appear in the summary text.
const LABELS: [&str; 7] = ["follow", "sub", "resub", "gift bomb", "cheer", "raid", "redemption"];

/// Counts of old backfilled events by kind, shown as one alert instead of one alert each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfflineSummary {
    /// `(singular label, count)`, in a fixed order (follow, sub, resub, gift bomb, cheer, raid,
    /// redemption), each count at least 1.
    pub counts: Vec<(String, u32)>,
}

impl OfflineSummary {
    /// The alert text, e.g. `While offline: 3 follows, 1 sub`.
    ///
    /// ```
    /// use tau_overlay::tau::backfill::OfflineSummary;
    ///
    /// let summary = OfflineSummary { counts: vec![("follow".into(), 3), ("sub".into(), 1)] };
    /// assert_eq!(summary.text(), "While offline: 3 follows, 1 sub");
    /// ```
    pub fn text(&self) -> String {
        let mut text = String::from("While offline:");
        for (i, (label, n)) in self.counts.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            let plural = if *n == 1 { "" } else { "s" };
            text.push_str(&format!("{sep}{n} {label}{plural}"));
        }
        text
    }

    /// Total events counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// Accumulates counts per label while a pass is merged.
#[derive(Debug, Default)]
pub(crate) struct Tally([u32; LABELS.len()]);

impl Tally {
    /// Counts `envelope` if it is one of the summarised kinds. Gift recipients (counted by their
    /// gift bomb), redemption status updates and other types are skipped: returns false.
    pub fn add(&mut self, envelope: &Envelope) -> bool {
        let Some(input) = AlertInput::from_envelope(envelope) else {
            return false;
        };
        let slot = match input.class {
            AlertClass::Follow => 0,
            AlertClass::Sub if !input.is_gift_recipient() => 1,
            AlertClass::Resub => 2,
            AlertClass::GiftBomb => 3,
            AlertClass::Cheer => 4,
            AlertClass::Raid => 5,
            AlertClass::Redemption if !input.redemption.as_ref().is_some_and(|r| r.is_update) => 6,
            _ => return false,
        };
        self.0[slot] += 1;
        true
    }

    /// The summary, or `None` when nothing was counted.
    pub fn finish(&self) -> Option<OfflineSummary> {
        let counts: Vec<_> = LABELS
            .iter()
            .zip(self.0)
            .filter(|(_, n)| *n > 0)
            .map(|(label, n)| (label.to_string(), n))
            .collect();
        (!counts.is_empty()).then_some(OfflineSummary { counts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(counts: &[(&str, u32)]) -> OfflineSummary {
        OfflineSummary {
            counts: counts.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
        }
    }

    #[test]
    fn text_uses_singular_and_plural_labels() {
        assert_eq!(
            summary(&[("follow", 3), ("sub", 1)]).text(),
            "While offline: 3 follows, 1 sub"
        );
        assert_eq!(
            summary(&[("gift bomb", 2), ("redemption", 1)]).text(),
            "While offline: 2 gift bombs, 1 redemption"
        );
        assert_eq!(summary(&[("raid", 1)]).total(), 1);
    }

    #[test]
    fn an_empty_tally_is_no_summary() {
        assert_eq!(Tally::default().finish(), None);
    }
}
