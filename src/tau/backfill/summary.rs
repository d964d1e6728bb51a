//! "While offline: 3 follows, 1 sub": one alert for backfilled events too old to play one by one.

use crate::engine::{AlertClass, AlertInput, FormatNumber, Lang, Number, Text};
use crate::tau::protocol::Envelope;

/// Singular labels, in the order they appear in the summary text.
const LABELS: [&str; 7] = ["follow", "sub", "resub", "gift bomb", "cheer", "raid", "redemption"];

/// The built-in texts for one and for many of each label, in [`LABELS`] order.
const TEXTS: [(Text, Text); LABELS.len()] = [
    (Text::OfflineFollowOne, Text::OfflineFollowMany),
    (Text::OfflineSubOne, Text::OfflineSubMany),
    (Text::OfflineResubOne, Text::OfflineResubMany),
    (Text::OfflineGiftOne, Text::OfflineGiftMany),
    (Text::OfflineCheerOne, Text::OfflineCheerMany),
    (Text::OfflineRaidOne, Text::OfflineRaidMany),
    (Text::OfflineRedemptionOne, Text::OfflineRedemptionMany),
];

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

    /// The alert's headline in `lang`: `While offline`, `Während du offline warst`, …
    pub fn headline_in(&self, lang: Lang) -> &'static str {
        lang.text(Text::OfflineHeadline)
    }

    /// The counts in `lang`, numbers written by `numbers` (the browser's `Intl.NumberFormat`
    /// in the overlay): `3 follows, 1 sub`; `1.200 neue Follower, 1 Abo`.
    ///
    /// ```
    /// use tau_overlay::engine::{plain_number, Lang};
    /// use tau_overlay::tau::backfill::OfflineSummary;
    ///
    /// let summary = OfflineSummary { counts: vec![("follow".into(), 3), ("sub".into(), 1)] };
    /// assert_eq!(summary.details_in(Lang::De, plain_number), "3 neue Follower, 1 Abo");
    /// ```
    pub fn details_in(&self, lang: Lang, numbers: FormatNumber) -> String {
        let parts: Vec<String> = self
            .counts
            .iter()
            .map(|(label, n)| match LABELS.iter().position(|l| l == label) {
                Some(i) if *n == 1 => lang.text(TEXTS[i].0).to_owned(),
                Some(i) => lang
                    .text(TEXTS[i].1)
                    .replace("{count}", &numbers(lang, Number::Count((*n).into()))),
                // Labels are the crate's own; a hand-made summary keeps its label as written.
                None => format!("{n} {label}"),
            })
            .collect();
        parts.join(", ")
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
    fn offline_summary_is_written_in_the_chosen_language() {
        let s = summary(&[("follow", 1200), ("sub", 1), ("gift bomb", 2), ("redemption", 1)]);
        fn grouped(_: Lang, n: Number<'_>) -> String {
            match n {
                Number::Count(1200) => "1.200".into(),
                Number::Count(n) => n.to_string(),
                Number::Money(_) => unreachable!(),
            }
        }
        let want = [
            (
                Lang::En,
                "While offline",
                "1.200 follows, 1 sub, 2 gift bombs, 1 redemption",
            ),
            (
                Lang::De,
                "Während du offline warst",
                "1.200 neue Follower, 1 Abo, 2 Abo-Geschenke, 1 Einlösung",
            ),
            (
                Lang::Es,
                "Mientras no estabas",
                "1.200 seguidores, 1 suscripción, 2 regalos de suscripciones, 1 canje",
            ),
            (
                Lang::Fr,
                "Pendant votre absence",
                "1.200 followers, 1 abonnement, 2 dons d’abonnements, 1 échange",
            ),
            (
                Lang::PtBr,
                "Enquanto você estava offline",
                "1.200 seguidores, 1 inscrição, 2 presentes de inscrições, 1 resgate",
            ),
        ];
        for (lang, headline, details) in want {
            assert_eq!(s.headline_in(lang), headline);
            assert_eq!(s.details_in(lang, grouped), details);
        }
        assert_eq!(
            format!(
                "{}: {}",
                s.headline_in(Lang::En),
                s.details_in(Lang::En, crate::engine::plain_number)
            ),
            summary(&[("follow", 1200), ("sub", 1), ("gift bomb", 2), ("redemption", 1)]).text(),
            "English is today's text"
        );
    }

    #[test]
    fn an_empty_tally_is_no_summary() {
        assert_eq!(Tally::default().finish(), None);
    }
}
