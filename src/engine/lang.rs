//! Languages of the built-in texts: [`Lang`] (chosen by `lang=`, the config's `lang`, else the
//! browser's language), the [`Text`] keys every language defines (in `lang_texts.rs`), and the
//! number formatter the shell passes in ([`FormatNumber`], `Intl.NumberFormat` in the browser).

use super::input::Money;
use super::lang_texts::{DE, EN, ES, FR, PT_BR};
use crate::tau::wire;
use serde::de::{Deserialize, Deserializer, Error as _};

/// A language of the built-in texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// German.
    De,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Brazilian Portuguese (also chosen for any `pt`).
    PtBr,
}

/// What `lang` accepts, for error messages.
pub const LANG_NAMES: &str = "en, de, es, fr, pt-BR";

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 5] = [Lang::En, Lang::De, Lang::Es, Lang::Fr, Lang::PtBr];

    /// The language for a tag shaped `xx` or `xx-YY` (`de`, `de-AT`, `pt-BR`, `en_US`…), if it is
    /// one of ours; `None` for other shapes and other languages.
    ///
    /// ```
    /// use tau_overlay::engine::Lang;
    /// assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
    /// assert_eq!(Lang::from_tag("pt"), Some(Lang::PtBr));
    /// assert_eq!(Lang::from_tag("ja"), None);
    /// assert_eq!(Lang::from_tag("<b>"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let (language, region) = match tag.split_once(['-', '_']) {
            Some((l, r)) => (l, Some(r)),
            None => (tag, None),
        };
        let letters = |s: &str, n: core::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
        };
        if !letters(language, 2..=3) || region.is_some_and(|r| !letters(r, 2..=4)) {
            return None;
        }
        match language.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            "es" => Some(Lang::Es),
            "fr" => Some(Lang::Fr),
            "pt" => Some(Lang::PtBr),
            _ => None,
        }
    }

    /// The BCP 47 tag, as `Intl.NumberFormat` takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::PtBr => "pt-BR",
        }
    }

    /// The built-in text for `key` in this language.
    pub fn text(self, key: Text) -> &'static str {
        let table = match self {
            Lang::En => &EN,
            Lang::De => &DE,
            Lang::Es => &ES,
            Lang::Fr => &FR,
            Lang::PtBr => &PT_BR,
        };
        table[key as usize]
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        Lang::from_tag(&tag).ok_or_else(|| {
            D::Error::custom(format!(
                "unknown language {} (expected one of {LANG_NAMES})",
                wire::to_string(&tag)
            ))
        })
    }
}

macro_rules! texts {
    ($($key:ident),* $(,)?) => {
        /// A built-in text: a template, or a word a template fills in.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Text { $($key),* }

        /// How many [`Text`] keys each language defines.
        pub const TEXT_COUNT: usize = [$(Text::$key),*].len();

        impl Text {
            /// Every key, in table order.
            pub const ALL: [Text; TEXT_COUNT] = [$(Text::$key),*];
        }
    };
}

texts! {
    // Words that fill variables.
    Someone, Anonymous, Prime, AReward, ACharity,
    // One event.
    Follow, Sub, SubTier, SubPrime, SubGift, Resub, ResubStreak, GiftOne, GiftBomb, Cheer, Raid,
    Redemption, RedemptionCost, HypeBegin, HypeLevel, HypeEnd, GoalEnd, GoalEndUntitled, PollEnd,
    PredictionEnd, CharityTo, Charity, Shoutout, StreamOnline, Other,
    // Summaries.
    FloodFollow, FloodSub, FloodCheer, FloodRedemption, FloodOther, OrphanOne, OrphanMany,
    // The offline summary ("While offline: 3 follows, 1 sub"): its headline, then one and many
    // of each kind it counts.
    OfflineHeadline, OfflineFollowOne, OfflineFollowMany, OfflineSubOne, OfflineSubMany,
    OfflineResubOne, OfflineResubMany, OfflineGiftOne, OfflineGiftMany, OfflineCheerOne,
    OfflineCheerMany, OfflineRaidOne, OfflineRaidMany, OfflineRedemptionOne, OfflineRedemptionMany,
}

/// A number to show: a count, or a money amount with its currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number<'a> {
    /// Bits, viewers, months, points…
    Count(u64),
    /// A donation.
    Money(&'a Money),
}

/// Formats a number for a language. The browser passes one built on `Intl.NumberFormat`; the
/// default, [`plain_number`], needs no browser.
pub type FormatNumber = fn(Lang, Number<'_>) -> String;

/// Digits without grouping, money as [`Money::text`]: the same in every language.
pub fn plain_number(_: Lang, number: Number<'_>) -> String {
    match number {
        Number::Count(n) => n.to_string(),
        Number::Money(money) => money.text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_a_language_or_none() {
        for (tag, want) in [
            ("en", Some(Lang::En)),
            ("EN-us", Some(Lang::En)),
            ("fr_CA", Some(Lang::Fr)),
            ("pt-PT", Some(Lang::PtBr)),
            ("es-419", Some(Lang::Es)),
            ("de-", None),
            ("d", None),
            ("deutsch", None),
            ("de-AT-x", None),
            ("zh", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_tag(tag), want, "{tag}");
        }
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }
}
