//! Viewer text of an input made ready to show: names cleaned, the message split into fragments
//! (text, emotes, cheermotes), and the streamer's word filter applied to all of them.
//!
//! Pure: the shell passes the filter, its NFKC normaliser (in the browser,
//! `String.prototype.normalize`) and the known cheermotes in a [`ViewerText`].

use super::input::{AlertClass, AlertInput};
use crate::text::{
    build_fragments, clean_name, plain_text, CheermoteSet, Fragment, Normalize, Verdict, WordFilter, MESSAGE_MAX,
    NAME_MAX,
};

/// Longest reward title shown, in characters.
const TITLE_MAX: usize = 60;

/// What viewer text is checked against.
pub struct ViewerText<'a> {
    /// The streamer's word filter (empty filters nothing).
    pub filter: &'a WordFilter,
    /// Unicode NFKC, for the filter's matching.
    pub nfkc: &'a dyn Normalize,
    /// Cheermotes recognised in cheer messages.
    pub cheermotes: &'a CheermoteSet,
}

impl AlertInput {
    /// The message as fragments, unfiltered: emotes at [`AlertInput::emotes`], cheermotes of
    /// `cheermotes` only in cheers, capped at [`MESSAGE_MAX`]. Empty without a message.
    pub fn raw_fragments(&self, cheermotes: &CheermoteSet) -> Vec<Fragment> {
        let none = CheermoteSet::default();
        let cheers = if self.class == AlertClass::Cheer {
            cheermotes
        } else {
            &none
        };
        self.message
            .as_deref()
            .map(|m| build_fragments(m, &self.emotes, cheers, MESSAGE_MAX))
            .unwrap_or_default()
    }

    /// Cleans and filters the name, reward title and message. A `mask` hit masks the words; a
    /// `hide_message` hit (in any of them) removes the message but keeps the alert; a
    /// `drop_alert` hit sets [`AlertInput::dropped_by_filter`]. Sets [`AlertInput::fragments`].
    pub fn apply_viewer_text(&mut self, rules: &ViewerText<'_>) {
        let mut verdict = Verdict::Show;
        if let Some(user) = &self.user {
            let name = rules.filter.name(&clean_name(user, NAME_MAX), rules.nfkc);
            verdict = verdict.max(name.verdict);
            self.user = Some(name.text);
        }
        if let Some(redemption) = &mut self.redemption {
            let title = rules.filter.text(&clean_name(&redemption.title, TITLE_MAX), rules.nfkc);
            verdict = verdict.max(title.verdict);
            redemption.title = title.text;
        }
        if self.message.is_some() {
            let message = rules.filter.message(self.raw_fragments(rules.cheermotes), rules.nfkc);
            verdict = verdict.max(message.verdict);
            self.message = Some(plain_text(&message.fragments));
            self.fragments = Some(message.fragments);
        }
        match verdict {
            Verdict::Show => {}
            Verdict::HideMessage => {
                self.message = None;
                self.fragments = None;
            }
            Verdict::DropAlert => self.dropped_by_filter = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RedemptionInfo;
    use crate::text::{EmotePosition, WordFilterConfig};

    fn same(s: &str) -> String {
        s.to_string()
    }

    fn apply(config: &str, mut input: AlertInput) -> AlertInput {
        let config = WordFilterConfig::from_json(config).unwrap();
        let filter = WordFilter::new(&config, &same);
        input.apply_viewer_text(&ViewerText {
            filter: &filter,
            nfkc: &same,
            cheermotes: &CheermoteSet::builtin(),
        });
        input
    }

    #[test]
    fn cheer_message_becomes_a_cheermote_then_text() {
        let input = AlertInput {
            message: Some("Cheer1000 great play".into()),
            amount: 1000,
            ..AlertInput::new(AlertClass::Cheer)
        };
        let out = apply("{}", input);
        let fragments = out.fragments.unwrap();
        assert!(
            matches!(&fragments[0], Fragment::Cheermote { amount: 1000, tier_color: Some(c), .. } if c == "#1db2a5")
        );
        assert_eq!(fragments[1], Fragment::Text(" great play".into()));
    }

    #[test]
    fn cheer_words_outside_cheers_stay_text_and_emotes_are_split() {
        let input = AlertInput {
            message: Some("Cheer100 Kappa".into()),
            emotes: vec![EmotePosition {
                begin: 9,
                end: 13,
                id: "25".into(),
            }],
            ..AlertInput::new(AlertClass::Resub)
        };
        let fragments = apply("{}", input).fragments.unwrap();
        assert_eq!(fragments[0], Fragment::Text("Cheer100 ".into()));
        assert!(matches!(&fragments[1], Fragment::Emote { id, .. } if id == "25"));
    }

    #[test]
    fn filter_masks_names_and_titles_and_hides_or_drops() {
        let lists = r#"{"lists": [{"words": ["bad"]}, {"words": ["spoiler"], "action": "hide_message"},
            {"words": ["buy followers"], "action": "drop_alert"}]}"#;
        let input = AlertInput {
            user: Some("b4d_\u{202e}guy".into()),
            message: Some("a spoiler here".into()),
            redemption: Some(RedemptionInfo {
                title: "so bad".into(),
                ..RedemptionInfo::default()
            }),
            ..AlertInput::new(AlertClass::Redemption)
        };
        let out = apply(lists, input);
        assert_eq!(out.user.as_deref(), Some("***_guy"), "bidi override gone, `b4d` masked");
        assert_eq!(out.redemption.unwrap().title, "so ***");
        assert_eq!((out.message, out.fragments, out.dropped_by_filter), (None, None, false));

        let named = AlertInput {
            user: Some("B@D".into()),
            message: Some("buy   followers".into()),
            ..AlertInput::new(AlertClass::Cheer)
        };
        let out = apply(lists, named);
        assert_eq!(out.user.as_deref(), Some("***"));
        assert!(out.dropped_by_filter);
    }
}
