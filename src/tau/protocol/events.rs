//! Typed `event_data` payloads, one per TAU `event_type` (PROTOCOL.md §4.2).
//!
//! Every field that Twitch or a test form may omit is optional or defaulted (field by field:
//! a container-level `#[serde(default)]` cost ~12 KiB of gzipped wasm), unknown keys are
//! ignored, counts and flags also accept the strings a form-encoded test body carries (see
//! [`lenient`]), and a payload that does not fit its type is kept as raw JSON rather than dropped.
//!
//! The types no part of the overlay shows ([`TauEvent::KEPT_RAW`]: reward changes, moderator
//! changes, shield mode, unbans, channel updates, subscription ends) are not decoded: they stay
//! [`TauEvent::Unknown`] with their payload verbatim (each decoder costs bundle bytes). Their
//! payload types remain for library users: e.g. `Reward::deserialize(&data)`.

mod channel;
mod channel_points;
mod goals;
mod hype_train;
pub mod lenient;
mod moderation;
mod polls;
mod subs;

pub use channel::{ChannelUpdate, Raid, ShoutoutCreate, ShoutoutReceive, StreamOffline, StreamOnline};
pub use channel_points::{IrcEmote, Redemption, RedemptionReward, Reward, RewardImage, RewardLimit};
pub use goals::{CharityAmount, CharityCampaign, CharityDonation, Goal};
pub use hype_train::{Contribution, HypeTrain};
pub use moderation::{Ban, ModeratorChange, ShieldMode, Unban};
pub use polls::{Outcome, Poll, PollChoice, PollVoting, Prediction, Predictor};
pub use subs::{
    Cheer, LegacySubMessage, LegacySubscribe, LegacySubscribeData, MessageEmote, SubMessage, Subscribe,
    SubscriptionGift, SubscriptionMessage,
};

use crate::tau::wire::Json;
use serde::Deserialize;
use serde_json::Value;

/// `channel-follow` (channel.follow v2).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Follow {
    /// Follower's user id.
    #[serde(default)]
    pub user_id: String,
    /// Follower's login.
    #[serde(default)]
    pub user_login: String,
    /// Follower's display name.
    #[serde(default)]
    pub user_name: String,
    /// Broadcaster's user id.
    #[serde(default)]
    pub broadcaster_user_id: String,
    /// When the follow happened (RFC 3339).
    #[serde(default)]
    pub followed_at: Option<String>,
}

/// Defines [`TauEvent`], its decoder and its type names from one table, so they cannot drift.
macro_rules! tau_events {
    ($($variant:ident($payload:ty) = $event_type:literal,)*) => {
        /// A decoded `event_data`, one variant per TAU `event_type`.
        #[derive(Clone, Debug, PartialEq)]
        pub enum TauEvent {
            $(
                #[doc = concat!("`", $event_type, "`.")]
                $variant($payload),
            )*
            /// A type this crate does not model, or a payload that did not fit its type: kept verbatim.
            Unknown {
                /// The payload as received.
                data: Value,
            },
        }

        impl TauEvent {
            /// Every `event_type` with a typed variant.
            pub const EVENT_TYPES: &'static [&'static str] = &[$($event_type),*];

            /// Decodes `event_data` for `event_type`. Never fails: misfits (including an
            /// `event_data` that is not an object) become [`TauEvent::Unknown`].
            pub fn from_json(event_type: &str, data: Value) -> TauEvent {
                Self::from_document(event_type, data)
            }

            /// [`TauEvent::from_json`] for any parsed document (in the browser, the object
            /// `JSON.parse` returned: each payload is decoded straight from it).
            pub fn from_document<J: Json>(event_type: &str, data: J) -> TauEvent {
                let typed = match data.is_object() {
                    true if event_type.starts_with("channel-charity_campaign-") => {
                        Self::typed(event_type, &data.with_keys_moved(&lenient::CHARITY_BROADCASTER_KEYS))
                    }
                    true => Self::typed(event_type, &data),
                    false => None,
                };
                typed.unwrap_or_else(|| TauEvent::Unknown { data: data.into_value() })
            }

            /// The typed variant for `event_type`, if it has one and `data` fits it.
            fn typed<J: Json>(event_type: &str, data: &J) -> Option<TauEvent> {
                match event_type {
                    $($event_type => data.decode::<$payload>().ok().map(TauEvent::$variant),)*
                    _ => None,
                }
            }

            /// The `event_type` this variant decodes (`"unknown"` for [`TauEvent::Unknown`]).
            pub fn kind_name(&self) -> &'static str {
                match self {
                    $(TauEvent::$variant(_) => $event_type,)*
                    TauEvent::Unknown { .. } => "unknown",
                }
            }
        }
    };
}

tau_events! {
    Follow(Follow) = "channel-follow",
    Subscribe(Subscribe) = "channel-subscribe",
    SubscriptionMessage(SubscriptionMessage) = "channel-subscription-message",
    SubscriptionGift(SubscriptionGift) = "channel-subscription-gift",
    Cheer(Cheer) = "channel-cheer",
    Raid(Raid) = "channel-raid",
    RedemptionAdd(Redemption) = "channel-channel_points_custom_reward_redemption-add",
    RedemptionUpdate(Redemption) = "channel-channel_points_custom_reward_redemption-update",
    HypeTrainBegin(HypeTrain) = "channel-hype_train-begin",
    HypeTrainProgress(HypeTrain) = "channel-hype_train-progress",
    HypeTrainEnd(HypeTrain) = "channel-hype_train-end",
    GoalBegin(Goal) = "channel-goal-begin",
    GoalProgress(Goal) = "channel-goal-progress",
    GoalEnd(Goal) = "channel-goal-end",
    PollBegin(Poll) = "channel-poll-begin",
    PollProgress(Poll) = "channel-poll-progress",
    PollEnd(Poll) = "channel-poll-end",
    PredictionBegin(Prediction) = "channel-prediction-begin",
    PredictionProgress(Prediction) = "channel-prediction-progress",
    PredictionLock(Prediction) = "channel-prediction-lock",
    PredictionEnd(Prediction) = "channel-prediction-end",
    CharityDonate(CharityDonation) = "channel-charity_campaign-donate",
    CharityStart(CharityCampaign) = "channel-charity_campaign-start",
    CharityProgress(CharityCampaign) = "channel-charity_campaign-progress",
    CharityStop(CharityCampaign) = "channel-charity_campaign-stop",
    StreamOnline(StreamOnline) = "stream-online",
    StreamOffline(StreamOffline) = "stream-offline",
    Ban(Ban) = "channel-ban",
    ShoutoutCreate(ShoutoutCreate) = "channel-shoutout-create",
    ShoutoutReceive(ShoutoutReceive) = "channel-shoutout-receive",
    LegacySubscribe(LegacySubscribe) = "subscribe",
}

impl TauEvent {
    /// The `event_type`s TAU sends that are kept as [`TauEvent::Unknown`] on purpose: nothing in
    /// the overlay shows them. Their payload types ([`Subscribe`], [`Reward`], [`ChannelUpdate`],
    /// [`Unban`], [`ModeratorChange`], [`ShieldMode`]) decode the kept `data` on request.
    pub const KEPT_RAW: &'static [&'static str] = &[
        "channel-subscription-end",
        "channel-channel_points_custom_reward-add",
        "channel-channel_points_custom_reward-update",
        "channel-channel_points_custom_reward-remove",
        "channel-update",
        "channel-unban",
        "channel-moderator-add",
        "channel-moderator-remove",
        "channel-shield_mode-begin",
        "channel-shield_mode-end",
    ];
}

/// The display name, falling back to the login; `None` when both are empty.
fn shown<'a>(name: &'a str, login: &'a str) -> Option<&'a str> {
    [name, login].into_iter().find(|s| !s.trim().is_empty())
}

/// [`shown`] for nullable names.
fn shown_opt<'a>(name: &'a Option<String>, login: &'a Option<String>) -> Option<&'a str> {
    shown(name.as_deref().unwrap_or(""), login.as_deref().unwrap_or(""))
}

/// A string value at `key` of a JSON object, or `""`.
fn str_at<'a>(data: &'a Value, key: &str) -> &'a str {
    data.get(key).and_then(Value::as_str).unwrap_or("")
}

impl TauEvent {
    /// The viewer (or channel) to name in an alert: the display name, falling back to the login.
    ///
    /// Raids and received shoutouts name the other channel, created shoutouts the target,
    /// `None` for anonymous gifts and cheers and for events about no one in particular (goals,
    /// polls, hype trains, stream updates).
    /// For [`TauEvent::Unknown`], the payload's `user_name`/`user_login` if they are strings.
    pub fn user_display(&self) -> Option<&str> {
        use TauEvent as E;
        match self {
            E::Follow(e) => shown(&e.user_name, &e.user_login),
            E::Subscribe(e) => shown(&e.user_name, &e.user_login),
            E::SubscriptionMessage(e) => shown(&e.user_name, &e.user_login),
            E::SubscriptionGift(e) if !e.is_anonymous => shown_opt(&e.user_name, &e.user_login),
            E::Cheer(e) if !e.is_anonymous => shown_opt(&e.user_name, &e.user_login),
            E::Raid(e) => shown(&e.from_broadcaster_user_name, &e.from_broadcaster_user_login),
            E::RedemptionAdd(e) | E::RedemptionUpdate(e) => shown(&e.user_name, &e.user_login),
            E::CharityDonate(e) => shown(&e.user_name, &e.user_login),
            E::Ban(e) => shown(&e.user_name, &e.user_login),
            E::ShoutoutCreate(e) => shown(&e.to_broadcaster_user_name, &e.to_broadcaster_user_login),
            E::ShoutoutReceive(e) => shown(&e.from_broadcaster_user_name, &e.from_broadcaster_user_login),
            E::LegacySubscribe(e) => shown(&e.data.message.display_name, &e.data.message.user_name),
            E::Unknown { data } => shown(str_at(data, "user_name"), str_at(data, "user_login")),
            E::SubscriptionGift(_)
            | E::Cheer(_)
            | E::HypeTrainBegin(_)
            | E::HypeTrainProgress(_)
            | E::HypeTrainEnd(_)
            | E::GoalBegin(_)
            | E::GoalProgress(_)
            | E::GoalEnd(_)
            | E::PollBegin(_)
            | E::PollProgress(_)
            | E::PollEnd(_)
            | E::PredictionBegin(_)
            | E::PredictionProgress(_)
            | E::PredictionLock(_)
            | E::PredictionEnd(_)
            | E::CharityStart(_)
            | E::CharityProgress(_)
            | E::CharityStop(_)
            | E::StreamOnline(_)
            | E::StreamOffline(_) => None,
        }
    }

    /// The channel the event happened on; `None` when missing or empty.
    ///
    /// For raids this is the *raided* channel (`to_broadcaster_user_id`), so comparing it with the
    /// overlay's broadcaster drops outgoing raids; legacy rows use `channel_id`.
    pub fn broadcaster_user_id(&self) -> Option<&str> {
        use TauEvent as E;
        let id: &str = match self {
            E::Follow(e) => &e.broadcaster_user_id,
            E::Subscribe(e) => &e.broadcaster_user_id,
            E::SubscriptionMessage(e) => &e.broadcaster_user_id,
            E::SubscriptionGift(e) => &e.broadcaster_user_id,
            E::Cheer(e) => &e.broadcaster_user_id,
            E::Raid(e) => &e.to_broadcaster_user_id,
            E::RedemptionAdd(e) | E::RedemptionUpdate(e) => &e.broadcaster_user_id,
            E::HypeTrainBegin(e) | E::HypeTrainProgress(e) | E::HypeTrainEnd(e) => &e.broadcaster_user_id,
            E::GoalBegin(e) | E::GoalProgress(e) | E::GoalEnd(e) => &e.broadcaster_user_id,
            E::PollBegin(e) | E::PollProgress(e) | E::PollEnd(e) => &e.broadcaster_user_id,
            E::PredictionBegin(e) | E::PredictionProgress(e) | E::PredictionLock(e) | E::PredictionEnd(e) => {
                &e.broadcaster_user_id
            }
            E::CharityDonate(e) => &e.broadcaster_user_id,
            E::CharityStart(e) | E::CharityProgress(e) | E::CharityStop(e) => &e.broadcaster_user_id,
            E::StreamOnline(e) => &e.broadcaster_user_id,
            E::StreamOffline(e) => &e.broadcaster_user_id,
            E::Ban(e) => &e.broadcaster_user_id,
            E::ShoutoutCreate(e) => &e.broadcaster_user_id,
            E::ShoutoutReceive(e) => &e.broadcaster_user_id,
            E::LegacySubscribe(e) => &e.data.message.channel_id,
            E::Unknown { data } => match str_at(data, "broadcaster_user_id") {
                "" => str_at(data, "broadcaster_id"),
                id => id,
            },
        };
        (!id.is_empty()).then_some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_event_type_round_trips_through_kind_name() {
        for &event_type in TauEvent::EVENT_TYPES {
            let event = TauEvent::from_json(event_type, json!({}));
            assert_eq!(event.kind_name(), event_type);
        }
        let unknown = TauEvent::from_json("my-custom-alert", json!({"user_login": "ana"}));
        assert_eq!(unknown.kind_name(), "unknown");
        assert_eq!(unknown.user_display(), Some("ana"));
    }

    #[test]
    fn event_data_that_is_not_an_object_is_unknown() {
        for data in [json!([]), json!(null), json!("x"), json!(3)] {
            let event = TauEvent::from_json("channel-follow", data.clone());
            assert_eq!(event, TauEvent::Unknown { data });
        }
    }

    #[test]
    fn misfit_counts_keep_the_payload() {
        let data = json!({"bits": "lots", "user_name": "Ana"});
        assert_eq!(
            TauEvent::from_json("channel-cheer", data.clone()),
            TauEvent::Unknown { data }
        );
        let data = json!({"bits": "100", "is_anonymous": "false", "user_name": "Ana"});
        let TauEvent::Cheer(cheer) = TauEvent::from_json("channel-cheer", data) else {
            panic!("a numeric string is a count");
        };
        assert_eq!((cheer.bits, cheer.is_anonymous), (100, false));
    }

    #[test]
    fn anonymous_gifts_name_no_one_even_if_a_form_sent_a_name() {
        let gift = TauEvent::from_json(
            "channel-subscription-gift",
            json!({"is_anonymous": true, "user_name": "x"}),
        );
        assert_eq!(gift.user_display(), None);
        let named = TauEvent::from_json(
            "channel-subscription-gift",
            json!({"user_name": " ", "user_login": "ana"}),
        );
        assert_eq!(named.user_display(), Some("ana"));
    }

    #[test]
    fn charity_accepts_both_broadcaster_spellings_at_once_preferring_twitchs() {
        let data = json!({
            "broadcaster_user_id": "12345", "broadcaster_id": "999",
            "broadcaster_name": "TauName", "broadcaster_user_login": "twitchlogin", "broadcaster_login": "taulogin",
            "amount": {"value": "1500", "decimal_places": 2, "currency": "USD"},
        });
        let TauEvent::CharityDonate(d) = TauEvent::from_json("channel-charity_campaign-donate", data.clone()) else {
            panic!("both spellings at once still decode");
        };
        assert_eq!(
            (
                d.broadcaster_user_id.as_str(),
                d.broadcaster_user_login.as_str(),
                d.broadcaster_user_name.as_str()
            ),
            ("12345", "twitchlogin", "TauName")
        );
        assert_eq!(d.amount.major_units(), 15.0);
        let TauEvent::CharityStop(c) = TauEvent::from_json("channel-charity_campaign-stop", data) else {
            panic!("campaigns too");
        };
        assert_eq!(c.broadcaster_user_id, "12345");
        let misfit = json!({"broadcaster_user_id": null, "broadcaster_id": "12345"});
        assert_eq!(
            TauEvent::from_json("channel-charity_campaign-start", misfit.clone()),
            TauEvent::Unknown { data: misfit },
            "the preferred spelling is read even when the other one would fit"
        );
    }

    #[test]
    fn null_fits_only_options_and_empty_strings_are_kept() {
        let follow = |data: Value| TauEvent::from_json("channel-follow", data);
        let data = json!({"user_name": null});
        assert_eq!(follow(data.clone()), TauEvent::Unknown { data });
        let TauEvent::Follow(f) = follow(json!({"followed_at": null, "user_id": ""})) else {
            panic!("null is None");
        };
        assert_eq!(f, Follow::default());
        let TauEvent::Follow(f) = follow(json!({"followed_at": ""})) else {
            panic!("an empty string is a string");
        };
        assert_eq!(f.followed_at.as_deref(), Some(""));
        for data in [
            json!({"reward": null}),
            json!({"reward": "x"}),
            json!({"user_input_emotes": 3}),
        ] {
            let event = TauEvent::from_json("channel-channel_points_custom_reward_redemption-add", data.clone());
            assert_eq!(event, TauEvent::Unknown { data });
        }
    }

    #[test]
    fn nested_objects_and_lists_decode_with_defaults() {
        let data = json!({"global_cooldown": {"is_enabled": true, "seconds": 60}, "max_per_stream": {"value": 3},
                          "image": {}, "default_image": null, "redemptions_redeemed_current_stream": " "});
        let reward = TauEvent::from_json("channel-channel_points_custom_reward-update", data.clone());
        assert_eq!(reward, TauEvent::Unknown { data: data.clone() }, "kept raw");
        let r = Reward::deserialize(&data).expect("the kept payload decodes on request");
        assert_eq!((r.global_cooldown.is_enabled, r.global_cooldown.value), (true, 60));
        assert_eq!((r.max_per_stream.value, r.max_per_user_per_stream.value), (3, 0));
        assert_eq!((r.image, r.default_image), (Some(RewardImage::default()), None));
        assert_eq!(r.redemptions_redeemed_current_stream, None);
        for strict in [
            json!({"is_enabled": "true"}),
            json!({"max_per_stream": {"value": "3"}}),
            json!({"max_per_stream": {"value": 3.0}}),
        ] {
            assert!(
                Reward::deserialize(&strict).is_err(),
                "{strict}: these were never lenient"
            );
        }

        let emotes = |positions: Value| {
            let data = json!({"user_input_emotes": [{"id": "25", "positions": positions}]});
            match TauEvent::from_json("channel-channel_points_custom_reward_redemption-add", data) {
                TauEvent::RedemptionAdd(r) => r.user_input_emotes.map(|e| e[0].positions.clone()),
                _ => None,
            }
        };
        assert_eq!(emotes(json!([[0, 4], [6, 10]])), Some(vec![[0, 4], [6, 10]]));
        for bad in [
            json!([[0]]),
            json!([[0, 4, 5]]),
            json!([[0, -4]]),
            json!([[0, 4294967296u64]]),
            json!(null),
        ] {
            assert_eq!(emotes(bad.clone()), None, "{bad}");
        }

        let prediction = TauEvent::from_json(
            "channel-prediction-progress",
            json!({"outcomes": [{"id": "a", "top_predictors": {"user_name": "Ana", "channel_points_used": "50"}},
                                {"id": "b", "top_predictors": {}}, {"id": "c", "top_predictors": null}]}),
        );
        let TauEvent::PredictionProgress(p) = prediction else {
            panic!("{prediction:?}")
        };
        let predictors: Vec<_> = p.outcomes.iter().map(|o| o.top_predictors.len()).collect();
        assert_eq!(predictors, [1, 0, 0]);
        assert_eq!(p.outcomes[0].top_predictors[0].channel_points_used, 50);
        for bad in [
            json!({"outcomes": null}),
            json!({"outcomes": {"id": "a"}}),
            json!({"outcomes": ["a"]}),
        ] {
            let event = TauEvent::from_json("channel-prediction-end", bad.clone());
            assert_eq!(event, TauEvent::Unknown { data: bad });
        }
    }

    #[test]
    fn tier_numbers() {
        let tier = |t: Value| match TauEvent::from_json("channel-subscribe", json!({ "tier": t })) {
            TauEvent::Subscribe(s) => s.tier_number(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            [
                tier(json!("1000")),
                tier(json!("2000")),
                tier(json!(3000)),
                tier(json!("Prime"))
            ],
            [1, 2, 3, 1]
        );
    }
}
