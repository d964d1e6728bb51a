//! What the engine needs to know about one event, independent of TAU's wire types.
//!
//! The shell's adapter builds an [`AlertInput`] from each alertable envelope; tests build them by
//! hand with [`AlertInput::new`] and struct update syntax.

use crate::text::{EmotePosition, Fragment};

/// Where an input came from (the envelope's `origin`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InputOrigin {
    /// A live event (`"twitch"`): updates counters and "latest" labels, deduplicated by id.
    #[default]
    Live,
    /// A dashboard test event (`"test"`): plays, never counted, never deduplicated.
    Test,
    /// A re-broadcast of a stored event (`"replay"`): plays, never counted.
    Replay,
}

/// The alert classes the engine knows. Each has its own configuration, priority and counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AlertClass {
    /// An incoming raid; the amount is the viewer count.
    Raid,
    /// A `channel-subscription-gift` (the parent of a gift bomb); the amount is the gift total.
    GiftBomb,
    /// A new subscription (`is_gift` marks a gift recipient, which is grouped into its bomb).
    Sub,
    /// A resubscription with a message; the amount is the cumulative months.
    Resub,
    /// Bits; the amount is the number of bits.
    Cheer,
    /// A channel points redemption; the amount is the reward cost.
    Redemption,
    /// A new follower.
    Follow,
    /// Any other alertable type, named for CSS, templates and the config's `kinds`:
    /// `hype-train-begin`, `hype-train-level`, `hype-train-end`, `goal-end`, `poll-end`,
    /// `prediction-end`, `charity-donate`, `shoutout-receive`, `stream-online`.
    Other(&'static str),
}

/// Number of distinct configuration slots (all [`AlertClass::Other`] share one).
pub(crate) const CLASS_COUNT: usize = 8;

/// The fixed classes in default priority order, highest first.
pub(crate) const ALL_CLASSES: [AlertClass; CLASS_COUNT] = [
    AlertClass::Raid,
    AlertClass::GiftBomb,
    AlertClass::Sub,
    AlertClass::Resub,
    AlertClass::Cheer,
    AlertClass::Redemption,
    AlertClass::Follow,
    AlertClass::Other("other"),
];

/// Every kind of alert, by [`AlertClass::name`]: the keys of the config's `kinds`.
pub const KIND_NAMES: [&str; 16] = [
    "follow",
    "sub",
    "resub",
    "gift-bomb",
    "cheer",
    "raid",
    "redemption",
    "hype-train-begin",
    "hype-train-level",
    "hype-train-end",
    "goal-end",
    "poll-end",
    "prediction-end",
    "charity-donate",
    "shoutout-receive",
    "stream-online",
];

impl AlertClass {
    /// The stable name used in CSS classes (`tau-alert--gift-bomb`), config keys and `data-kind`.
    pub fn name(self) -> &'static str {
        match self {
            AlertClass::Raid => "raid",
            AlertClass::GiftBomb => "gift-bomb",
            AlertClass::Sub => "sub",
            AlertClass::Resub => "resub",
            AlertClass::Cheer => "cheer",
            AlertClass::Redemption => "redemption",
            AlertClass::Follow => "follow",
            AlertClass::Other(name) => name,
        }
    }

    /// The class named `name` (one of the fixed names, or `"other"`).
    pub fn from_name(name: &str) -> Option<AlertClass> {
        ALL_CLASSES.iter().copied().find(|c| c.name() == name)
    }

    /// Index of this class's configuration and counter slot.
    pub(crate) fn index(self) -> usize {
        match self {
            AlertClass::Raid => 0,
            AlertClass::GiftBomb => 1,
            AlertClass::Sub => 2,
            AlertClass::Resub => 3,
            AlertClass::Cheer => 4,
            AlertClass::Redemption => 5,
            AlertClass::Follow => 6,
            AlertClass::Other(_) => 7,
        }
    }
}

/// A redemption's status, per `event_data.status`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RedemptionStatus {
    /// Waiting in the streamer's reward queue (`"unfulfilled"`), or unknown.
    #[default]
    Unfulfilled,
    /// Accepted by the streamer (`"fulfilled"`).
    Fulfilled,
    /// Refunded (`"canceled"`).
    Canceled,
}

/// The redemption-specific part of an input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RedemptionInfo {
    /// Twitch's redemption id (`event_data.id`), shared by the `-add` and `-update` frames.
    pub id: String,
    /// The reward's title.
    pub title: String,
    /// The status this frame reports.
    pub status: RedemptionStatus,
    /// True for a `…redemption-update` frame (a status change), false for `…-add`.
    pub is_update: bool,
}

/// A money amount in minor units, as Twitch sends charity donations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units (1500 for 15.00).
    pub value: u64,
    /// How many of `value`'s digits are decimals (2 for cents).
    pub decimal_places: u8,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

impl Money {
    /// The amount as shown in an alert: `$15.00`, `€5.50`, `£1.00`, else `1500 JPY` / `5.00 CHF`.
    /// Integer arithmetic only (no float formatting); more than 18 decimal places are read as 18.
    ///
    /// ```
    /// use tau_overlay::engine::Money;
    /// let m = |value, decimal_places, currency: &str| Money { value, decimal_places, currency: currency.into() };
    /// assert_eq!(m(1500, 2, "USD").text(), "$15.00");
    /// assert_eq!(m(505, 2, "CHF").text(), "5.05 CHF");
    /// assert_eq!(m(1500, 0, "JPY").text(), "1500 JPY");
    /// ```
    pub fn text(&self) -> String {
        let places = usize::from(self.decimal_places.min(18));
        let mut number = self.value.to_string();
        if places > 0 {
            // Left-pad to at least one whole digit, then put the point `places` from the end.
            while number.len() <= places {
                number.insert(0, '0');
            }
            number.insert(number.len() - places, '.');
        }
        let code: String = self
            .currency
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(3)
            .collect();
        match code.to_ascii_uppercase().as_str() {
            "USD" => format!("${number}"),
            "EUR" => format!("€{number}"),
            "GBP" => format!("£{number}"),
            "" => number,
            other => format!("{number} {other}"),
        }
    }
}

/// A charity donation's details (boxed in [`AlertInput`], which most events leave empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Donation {
    /// The amount: `{amount}` shows it with its currency.
    pub amount: Money,
    /// The charity's name for `{charity}`; empty when unknown.
    pub charity: String,
}

/// What a goal, poll or prediction was about and who won (boxed in [`AlertInput`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// A goal's description, a poll's or a prediction's title, plain; `None` when empty.
    pub title: Option<String>,
    /// A poll's winning choice or a prediction's winning outcome, plain.
    pub choice: Option<String>,
}

/// One alertable event as the engine sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlertInput {
    /// TAU's row id; `None` for test events. Used to deduplicate live events and to replay.
    pub id: Option<String>,
    /// Live, test or replay.
    pub origin: InputOrigin,
    /// Which class of alert.
    pub class: AlertClass,
    /// Display name of the person celebrated (follower, subscriber, gifter, raider…); `None`
    /// when unknown or anonymous.
    pub user: Option<String>,
    /// The class's natural amount: bits, viewers, gift total, months, reward cost; 0 if none.
    pub amount: u64,
    /// Subscription tier 1–3, 0 if not applicable.
    pub tier: u8,
    /// Cumulative months for subs and resubs, 0 if unknown.
    pub months: u32,
    /// Months in a row for resubs that share it, 0 if not shared.
    pub streak: u32,
    /// A Prime sub (`{tier}` shows "Prime"; conditions see tier 1).
    pub prime: bool,
    /// A second number: goal target, a poll's total votes, people on a prediction's winning
    /// outcome, hype train points; 0 if none.
    pub total: u64,
    /// Set for goals, polls and predictions: their title and winner.
    pub outcome: Option<Box<Outcome>>,
    /// For [`AlertClass::Sub`]: this subscriber received a gift (part of a gift bomb).
    pub is_gift: bool,
    /// The viewer chose to stay anonymous (cheers, gifts).
    pub anonymous: bool,
    /// The viewer's own text (resub message, cheer message, reward input), plain.
    pub message: Option<String>,
    /// Set for [`AlertClass::Redemption`].
    pub redemption: Option<RedemptionInfo>,
    /// Set for charity donations: `{amount}` shows the money with its currency.
    pub donation: Option<Box<Donation>>,
    /// Twitch emote positions in `message` (code points, as Twitch sends them).
    pub emotes: Vec<EmotePosition>,
    /// `message` as filtered fragments, once [`AlertInput::apply_viewer_text`] ran; when `None`
    /// the view builds them from `message` and `emotes` unfiltered.
    pub fragments: Option<Vec<Fragment>>,
    /// The word filter said `drop_alert`: the engine counts the alert as filtered.
    pub dropped_by_filter: bool,
}

impl AlertInput {
    /// A live input of `class` with every other field empty.
    pub fn new(class: AlertClass) -> AlertInput {
        AlertInput {
            id: None,
            origin: InputOrigin::Live,
            class,
            user: None,
            amount: 0,
            tier: 0,
            months: 0,
            streak: 0,
            prime: false,
            total: 0,
            outcome: None,
            is_gift: false,
            anonymous: false,
            message: None,
            redemption: None,
            donation: None,
            emotes: Vec::new(),
            fragments: None,
            dropped_by_filter: false,
        }
    }

    /// True for a gift recipient's `channel-subscribe`, which the gift grouper absorbs.
    pub fn is_gift_recipient(&self) -> bool {
        self.class == AlertClass::Sub && self.is_gift
    }

    /// True for a `…redemption-update` frame.
    pub(crate) fn is_redemption_update(&self) -> bool {
        self.redemption.as_ref().is_some_and(|r| r.is_update)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_leading_zeros_of_minor_units_and_odd_decimal_places() {
        let m = |value, decimal_places, currency: &str| Money {
            value,
            decimal_places,
            currency: currency.into(),
        };
        assert_eq!(m(5, 2, "usd").text(), "$0.05");
        assert_eq!(m(1234, 3, "KWD").text(), "1.234 KWD");
        assert_eq!(m(7, 0, "").text(), "7");
        assert_eq!(m(u64::MAX, 255, "EUR").text(), "€18.446744073709551615");
    }

    #[test]
    fn class_names_round_trip_and_index_is_unique() {
        for (i, c) in ALL_CLASSES.iter().enumerate() {
            assert_eq!(AlertClass::from_name(c.name()), Some(*c));
            assert_eq!(c.index(), i);
        }
        assert_eq!(AlertClass::Other("hype-train").index(), 7);
        assert_eq!(AlertClass::from_name("nope"), None);
    }
}
