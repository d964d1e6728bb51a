//! Headline templates: `"{name} cheered {amount} bits!"` becomes text parts, with the viewer's
//! name as [`TextPart::Name`] and everything else as [`TextPart::Text`]. Never HTML.

use super::input::{AlertClass, AlertInput};
use super::view::AlertShape;
use crate::text::parts::{clean_text, TextPart, MAX_NAME_CHARS, MAX_TITLE_CHARS};

/// The built-in template for an alert of `shape` made from `input` standing for `count` events.
pub fn default_template(input: &AlertInput, shape: AlertShape, count: u32) -> &'static str {
    let many = count != 1;
    match (shape, input.class) {
        (AlertShape::OrphanGifts, _) if many => "+{count} gifted subs",
        (AlertShape::OrphanGifts, _) => "+1 gifted sub",
        (AlertShape::Flood, AlertClass::Follow) => "+{count} new followers",
        (AlertShape::Flood, AlertClass::Sub) => "+{count} new subs",
        (AlertShape::Flood, AlertClass::Cheer) => "+{count} more cheers",
        (AlertShape::Flood, AlertClass::Redemption) => "+{count} more redemptions",
        (AlertShape::Flood, _) => "+{count} more alerts",
        (_, AlertClass::Raid) => "{name} is raiding with {amount} viewers!",
        (_, AlertClass::GiftBomb) if input.amount == 1 => "{name} gifted a sub!",
        (_, AlertClass::GiftBomb) => "{name} gifted {amount} subs!",
        (_, AlertClass::Sub) if input.is_gift => "{name} received a gift sub!",
        (_, AlertClass::Sub) => "{name} just subscribed!",
        (_, AlertClass::Resub) => "{name} resubscribed for {months} months!",
        (_, AlertClass::Cheer) => "{name} cheered {amount} bits!",
        (_, AlertClass::Redemption) => "{name} redeemed {reward}!",
        (_, AlertClass::Follow) => "{name} is now following!",
        (_, AlertClass::Other("hype-train-begin")) => "A hype train started at level {amount}!",
        (_, AlertClass::Other("hype-train-end")) => "The hype train ended at level {amount}!",
        (_, AlertClass::Other("charity-donate")) if input.donation.as_ref().is_some_and(|d| !d.charity.is_empty()) => {
            "{name} donated {amount} to {charity}!"
        }
        (_, AlertClass::Other("charity-donate")) => "{name} donated {amount}!",
        (_, AlertClass::Other("shoutout-receive")) => "{name} shouted you out to {amount} viewers!",
        (_, AlertClass::Other(_)) => "{name}",
    }
}

/// The display name for `{name}`, cleaned and capped at [`MAX_NAME_CHARS`].
fn display_name(input: &AlertInput) -> String {
    let name = input.user.as_deref().map(|n| clean_text(n, MAX_NAME_CHARS));
    match (name, input.anonymous) {
        (_, true) => "Anonymous".into(),
        (Some(name), false) if !name.trim().is_empty() => name,
        _ => "Someone".into(),
    }
}

/// Renders `template` for `input`. Unknown `{keys}` and unmatched braces stay literal.
pub fn render(template: &str, input: &AlertInput, count: u32) -> Vec<TextPart> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let key = &after[..close];
        match key {
            "name" => {
                if !text.is_empty() {
                    parts.push(TextPart::Text(core::mem::take(&mut text)));
                }
                parts.push(TextPart::Name(display_name(input)));
            }
            "amount" => match &input.donation {
                Some(d) => text.push_str(&d.amount.text()),
                None => text.push_str(&input.amount.to_string()),
            },
            "count" => text.push_str(&count.to_string()),
            "tier" => text.push_str(&input.tier.to_string()),
            "months" => text.push_str(&input.months.to_string()),
            "reward" => match &input.redemption {
                Some(r) => text.push_str(&clean_text(&r.title, MAX_TITLE_CHARS)),
                None => text.push_str("a reward"),
            },
            "charity" => match input.donation.as_deref().filter(|d| !d.charity.is_empty()) {
                Some(d) => text.push_str(&clean_text(&d.charity, MAX_TITLE_CHARS)),
                None => text.push_str("charity"),
            },
            "kind" => text.push_str(input.class.name()),
            _ => text.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(TextPart::Text(text));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(parts: &[TextPart]) -> String {
        parts.iter().map(TextPart::text).collect()
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
    fn unknown_keys_and_broken_braces_stay_literal() {
        let input = AlertInput::new(AlertClass::Follow);
        assert_eq!(plain(&render("{nope} {name} {", &input, 1)), "{nope} Someone {");
        assert_eq!(plain(&render("x{count}y", &input, 37)), "x37y");
    }

    #[test]
    fn anonymous_wins_over_a_name() {
        let input = AlertInput {
            user: Some("ana".into()),
            anonymous: true,
            amount: 5,
            ..AlertInput::new(AlertClass::GiftBomb)
        };
        let t = default_template(&input, AlertShape::Single, 1);
        assert_eq!(plain(&render(t, &input, 1)), "Anonymous gifted 5 subs!");
    }
}
