//! Message templates: `"{name} cheered {amount} bits!"` is parsed once (when the config loads)
//! into a [`Template`] of text and [`Var`] parts, and rendered per alert into text parts: the
//! viewer's name as [`TextPart::Name`], everything else as [`TextPart::Text`]. Never HTML: a
//! `<b>` in a template is shown as the characters `<b>`.

use super::input::{AlertClass, AlertInput};
use super::lang::{FormatNumber, Lang, Number, Text, TEXT_COUNT};
use super::view::AlertShape;
use crate::text::parts::{clean_text, TextPart, MAX_MESSAGE_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS};
use serde::de::{Deserialize, Deserializer, Error as _};

macro_rules! vars {
    ($($var:ident = $name:literal: $doc:literal),* $(,)?) => {
        /// A variable a template may use.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Var {
            $(#[doc = $doc] $var),*
        }

        impl Var {
            /// Every variable, in README order.
            pub const ALL: &'static [Var] = &[$(Var::$var),*];

            /// The name written between braces.
            pub fn name(self) -> &'static str {
                match self {
                    $(Var::$var => $name),*
                }
            }
        }
    };
}

vars! {
    Name = "name": "The person celebrated (follower, subscriber, gifter, raider…), or Anonymous / Someone.",
    Amount = "amount": "The kind's amount: bits, viewers, gifts, months, cost, votes, goal progress, or a donation with its currency.",
    Count = "count": "How many events a summary stands for.",
    Tier = "tier": "Subscription tier 1–3, or Prime.",
    Months = "months": "Cumulative months subscribed.",
    Streak = "streak": "Months subscribed in a row (resubs that share it).",
    Message = "message": "The viewer's message or reward input.",
    Reward = "reward": "A redemption's reward title.",
    Cost = "cost": "A redemption's cost in channel points.",
    Viewers = "viewers": "A raid's or shoutout's viewers.",
    Total = "total": "Goal target; total votes of a poll; people on a prediction's winning outcome; hype train points.",
    Level = "level": "A hype train's level.",
    Votes = "votes": "Votes for a poll's winning choice.",
    Charity = "charity": "A charity donation's charity.",
    Title = "title": "A goal's description, a poll's or a prediction's title.",
    Choice = "choice": "A poll's winning choice or a prediction's winning outcome.",
    Kind = "kind": "The alert kind (`follow`, `hype-train-level`, …).",
}

/// One piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Literal text, shown as is (as text, never markup).
    Text(String),
    /// A variable, filled per alert.
    Var(Var),
}

/// A parsed template. In a config file it is a string; an unknown `{variable}` is a config error
/// naming its key path. A `{` without a closing `}` is literal text.
///
/// ```
/// use tau_overlay::engine::{Part, Template, Var};
/// let t = Template::parse("{name} cheered!").unwrap();
/// assert_eq!(t.parts(), [Part::Var(Var::Name), Part::Text(" cheered!".into())]);
/// assert_eq!(Template::parse("{nmae}").unwrap_err(), "unknown variable {nmae}");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template(Vec<Part>);

impl Template {
    /// Parses `text`; the error names the first unknown variable.
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            literal.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                rest = &rest[open..];
                break;
            };
            let key = &after[..close];
            let var = Var::ALL
                .iter()
                .copied()
                .find(|v| v.name() == key)
                .ok_or_else(|| format!("unknown variable {{{key}}}"))?;
            if !literal.is_empty() {
                parts.push(Part::Text(core::mem::take(&mut literal)));
            }
            parts.push(Part::Var(var));
            rest = &after[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template(parts))
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.0
    }

    /// Renders this template for `input` standing for `count` events, with `lang`'s words
    /// (Anonymous, Prime…) and numbers formatted by `numbers`.
    pub fn render(&self, input: &AlertInput, count: u32, lang: Lang, numbers: FormatNumber) -> Vec<TextPart> {
        let mut out = Vec::new();
        let mut text = String::new();
        let number = |n: u64| numbers(lang, Number::Count(n));
        let clean = |s: Option<&str>| s.map(|s| clean_text(s, MAX_TITLE_CHARS)).unwrap_or_default();
        for part in &self.0 {
            let var = match part {
                Part::Text(t) => {
                    text.push_str(t);
                    continue;
                }
                Part::Var(var) => *var,
            };
            let value = match var {
                Var::Name => {
                    if !text.is_empty() {
                        out.push(TextPart::Text(core::mem::take(&mut text)));
                    }
                    out.push(TextPart::Name(display_name(input, lang)));
                    continue;
                }
                Var::Amount => match &input.donation {
                    Some(d) => numbers(lang, Number::Money(&d.amount)),
                    None => number(input.amount),
                },
                Var::Count => number(count.into()),
                Var::Tier if input.prime => lang.text(Text::Prime).to_string(),
                Var::Tier => number(input.tier.into()),
                Var::Months => number(input.months.into()),
                Var::Streak => number(input.streak.into()),
                Var::Message => input
                    .message
                    .as_deref()
                    .map(|m| clean_text(m, MAX_MESSAGE_CHARS))
                    .unwrap_or_default(),
                Var::Reward => match &input.redemption {
                    Some(r) => clean_text(&r.title, MAX_TITLE_CHARS),
                    None => lang.text(Text::AReward).to_string(),
                },
                Var::Cost | Var::Viewers | Var::Level | Var::Votes => number(input.amount),
                Var::Total => number(input.total),
                Var::Charity => match input.donation.as_deref().filter(|d| !d.charity.is_empty()) {
                    Some(d) => clean_text(&d.charity, MAX_TITLE_CHARS),
                    None => lang.text(Text::ACharity).to_string(),
                },
                Var::Title => clean(input.outcome.as_ref().and_then(|o| o.title.as_deref())),
                Var::Choice => clean(input.outcome.as_ref().and_then(|o| o.choice.as_deref())),
                Var::Kind => input.class.name().to_string(),
            };
            text.push_str(&value);
        }
        if !text.is_empty() {
            out.push(TextPart::Text(text));
        }
        out
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Template::parse(&text).map_err(|e| {
            let names: Vec<&str> = Var::ALL.iter().map(|v| v.name()).collect();
            D::Error::custom(format!("{e} (expected one of {})", names.join(", ")))
        })
    }
}

/// The display name for `{name}`, cleaned and capped at [`MAX_NAME_CHARS`].
fn display_name(input: &AlertInput, lang: Lang) -> String {
    let name = input.user.as_deref().map(|n| clean_text(n, MAX_NAME_CHARS));
    match (name, input.anonymous) {
        (_, true) => lang.text(Text::Anonymous).into(),
        (Some(name), false) if !name.trim().is_empty() => name,
        _ => lang.text(Text::Someone).into(),
    }
}

/// The built-in text for an alert of `shape` made from `input` standing for `count` events.
pub fn default_text(input: &AlertInput, shape: AlertShape, count: u32) -> Text {
    match (shape, input.class) {
        (AlertShape::OrphanGifts, _) if count != 1 => return Text::OrphanMany,
        (AlertShape::OrphanGifts, _) => return Text::OrphanOne,
        (AlertShape::Flood, AlertClass::Follow) => return Text::FloodFollow,
        (AlertShape::Flood, AlertClass::Sub) => return Text::FloodSub,
        (AlertShape::Flood, AlertClass::Cheer) => return Text::FloodCheer,
        (AlertShape::Flood, AlertClass::Redemption) => return Text::FloodRedemption,
        (AlertShape::Flood, _) => return Text::FloodOther,
        (AlertShape::Single, _) => {}
    }
    match input.class {
        AlertClass::Raid => Text::Raid,
        AlertClass::GiftBomb if input.amount == 1 => Text::GiftOne,
        AlertClass::GiftBomb => Text::GiftBomb,
        AlertClass::Sub if input.is_gift => Text::SubGift,
        AlertClass::Sub if input.prime => Text::SubPrime,
        AlertClass::Sub if input.tier > 0 => Text::SubTier,
        AlertClass::Sub => Text::Sub,
        AlertClass::Resub if input.streak > 0 => Text::ResubStreak,
        AlertClass::Resub => Text::Resub,
        AlertClass::Cheer => Text::Cheer,
        AlertClass::Redemption if input.amount > 0 => Text::RedemptionCost,
        AlertClass::Redemption => Text::Redemption,
        AlertClass::Follow => Text::Follow,
        AlertClass::Other(kind) => match kind {
            "hype-train-begin" => Text::HypeBegin,
            "hype-train-level" => Text::HypeLevel,
            "hype-train-end" => Text::HypeEnd,
            "goal-end" if input.outcome.as_ref().is_some_and(|o| o.title.is_some()) => Text::GoalEnd,
            "goal-end" => Text::GoalEndUntitled,
            "poll-end" => Text::PollEnd,
            "prediction-end" => Text::PredictionEnd,
            "charity-donate" if input.donation.as_ref().is_some_and(|d| !d.charity.is_empty()) => Text::CharityTo,
            "charity-donate" => Text::Charity,
            "shoutout-receive" => Text::Shoutout,
            "stream-online" => Text::StreamOnline,
            _ => Text::Other,
        },
    }
}

/// The built-in templates of one language, parsed once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts {
    lang: Lang,
    templates: Vec<Template>,
}

impl Texts {
    /// Parses every built-in text of `lang` (they are all valid: a test checks it).
    pub fn new(lang: Lang) -> Texts {
        let templates = Text::ALL
            .iter()
            .map(|&key| Template::parse(lang.text(key)).unwrap_or_default())
            .collect();
        Texts { lang, templates }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The parsed built-in template for `key`.
    pub fn get(&self, key: Text) -> &Template {
        &self.templates[key as usize]
    }
}

const _: () = assert!(Text::ALL.len() == TEXT_COUNT);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lang::plain_number;

    fn plain(parts: &[TextPart]) -> String {
        parts.iter().map(TextPart::text).collect()
    }

    fn render(template: &str, input: &AlertInput, count: u32) -> Vec<TextPart> {
        Template::parse(template)
            .unwrap()
            .render(input, count, Lang::En, plain_number)
    }

    #[test]
    fn renders_names_as_name_parts_and_numbers_as_text() {
        let input = AlertInput {
            user: Some("<b>ana</b>".into()),
            amount: 500,
            ..AlertInput::new(AlertClass::Cheer)
        };
        let parts = render("{name} cheered {amount} bits!", &input, 1);
        assert_eq!(
            parts,
            [
                TextPart::Name("<b>ana</b>".into()),
                TextPart::Text(" cheered 500 bits!".into())
            ]
        );
    }

    #[test]
    fn unknown_variables_are_errors_and_broken_braces_stay_literal() {
        assert_eq!(Template::parse("{nope} {name}"), Err("unknown variable {nope}".into()));
        assert_eq!(Template::parse("{ name}"), Err("unknown variable { name}".into()));
        let input = AlertInput::new(AlertClass::Follow);
        assert_eq!(plain(&render("{name} {", &input, 1)), "Someone {");
        assert_eq!(plain(&render("x{count}y}", &input, 37)), "x37y}");
    }

    #[test]
    fn anonymous_wins_over_a_name_in_every_language() {
        let input = AlertInput {
            user: Some("ana".into()),
            anonymous: true,
            amount: 5,
            ..AlertInput::new(AlertClass::GiftBomb)
        };
        let key = default_text(&input, AlertShape::Single, 1);
        let en = Texts::new(Lang::En).get(key).render(&input, 1, Lang::En, plain_number);
        assert_eq!(plain(&en), "Anonymous gifted 5 subs!");
        let de = Texts::new(Lang::De).get(key).render(&input, 1, Lang::De, plain_number);
        assert_eq!(plain(&de), "Anonym hat 5 Abos verschenkt!");
    }
}
