//! From TAU envelopes to [`AlertInput`]s: the one place that knows both the wire types and the
//! engine. Non-alert events (goal, poll and prediction starts and progress, goals not achieved,
//! polls and predictions without a winner, moderation, rewards, stream offline, channel updates,
//! subscription ends, charity campaign updates) map to `None`. Hype train progress becomes a
//! `hype-train-level` input; the engine shows it only when the level went up.

use super::input::{AlertClass, AlertInput, Donation, InputOrigin, Money, Outcome, RedemptionInfo, RedemptionStatus};
use crate::tau::protocol::{Envelope, Origin, TauEvent};
use crate::text::{irc_positions, sub_message_positions};

fn origin(origin: &Origin) -> InputOrigin {
    match origin {
        Origin::Twitch => InputOrigin::Live,
        Origin::Replay => InputOrigin::Replay,
        // Unknown origins play but never touch counters.
        Origin::Test | Origin::Other(_) => InputOrigin::Test,
    }
}

fn text(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

fn is_prime(tier: &str) -> bool {
    tier.trim().eq_ignore_ascii_case("prime")
}

fn months(n: u64) -> u32 {
    n.min(u64::from(u32::MAX)) as u32
}

fn status(s: &str) -> RedemptionStatus {
    match s {
        "fulfilled" => RedemptionStatus::Fulfilled,
        "canceled" | "cancelled" => RedemptionStatus::Canceled,
        _ => RedemptionStatus::Unfulfilled,
    }
}

impl AlertInput {
    /// The engine input for an alertable envelope, or `None` for events that are not alerts.
    ///
    /// Outgoing raids are *not* filtered here (the broadcaster id is needed): use
    /// [`AlertInput::from_envelope_for`].
    pub fn from_envelope(envelope: &Envelope) -> Option<AlertInput> {
        use TauEvent as E;
        let event = &envelope.event;
        let mut input = AlertInput::new(AlertClass::Follow);
        input.class = match event {
            E::Follow(_) => AlertClass::Follow,
            E::Subscribe(e) => {
                input.tier = e.tier_number();
                input.prime = is_prime(&e.tier);
                input.is_gift = e.is_gift;
                AlertClass::Sub
            }
            E::SubscriptionMessage(e) => {
                input.tier = e.tier_number();
                input.prime = is_prime(&e.tier);
                input.months = months(e.cumulative_months);
                input.streak = months(e.streak_months.unwrap_or(0));
                input.amount = e.cumulative_months;
                input.message = text(&e.message.text);
                input.emotes = sub_message_positions(e.message.emotes.as_deref().unwrap_or_default());
                AlertClass::Resub
            }
            E::SubscriptionGift(e) => {
                input.tier = e.tier_number();
                input.amount = e.total;
                input.anonymous = e.is_anonymous;
                AlertClass::GiftBomb
            }
            E::Cheer(e) => {
                input.amount = e.bits;
                input.anonymous = e.is_anonymous;
                input.message = text(&e.message);
                AlertClass::Cheer
            }
            // A raid with no viewers or no raider is no raid (e.g. a frame whose `event_data`
            // belongs to another type): nothing to celebrate, no alert.
            E::Raid(e) if e.viewers == 0 || event.user_display().is_none() => return None,
            E::Raid(e) => {
                input.amount = e.viewers;
                AlertClass::Raid
            }
            E::RedemptionAdd(e) | E::RedemptionUpdate(e) => {
                input.amount = e.reward.cost;
                input.message = text(&e.user_input);
                input.emotes = irc_positions(e.user_input_emotes.as_deref().unwrap_or_default());
                input.redemption = Some(RedemptionInfo {
                    id: e.id.clone(),
                    title: e.reward.title.clone(),
                    status: status(&e.status),
                    is_update: matches!(event, E::RedemptionUpdate(_)),
                });
                AlertClass::Redemption
            }
            E::LegacySubscribe(e) => {
                let m = &e.data.message;
                input.tier = e.tier_number();
                input.prime = is_prime(&m.sub_plan);
                input.is_gift = m.is_gift;
                input.months = months(m.cumulative_months.unwrap_or(0));
                input.streak = months(m.streak_months.unwrap_or(0));
                input.message = text(e.message_text());
                match (m.is_gift, m.context.as_str()) {
                    (true, _) => {
                        input.user = m.recipient_display_name.clone().and_then(|n| text(&n));
                        AlertClass::Sub
                    }
                    (false, "resub") => {
                        input.amount = u64::from(input.months);
                        AlertClass::Resub
                    }
                    _ => AlertClass::Sub,
                }
            }
            E::HypeTrainBegin(e) | E::HypeTrainProgress(e) | E::HypeTrainEnd(e) => {
                input.amount = e.level.unwrap_or(1);
                input.total = e.total;
                match event {
                    E::HypeTrainBegin(_) => AlertClass::Other("hype-train-begin"),
                    E::HypeTrainProgress(_) => AlertClass::Other("hype-train-level"),
                    _ => AlertClass::Other("hype-train-end"),
                }
            }
            E::GoalEnd(e) if !e.is_achieved => return None,
            E::GoalEnd(e) => {
                input.amount = e.current_amount.max(0) as u64;
                input.total = e.target_amount.max(0) as u64;
                input.outcome = Some(Box::new(Outcome {
                    title: text(&e.description),
                    choice: None,
                }));
                AlertClass::Other("goal-end")
            }
            E::PollEnd(e) => {
                // Completed or ended early; an archived or deleted poll is no news.
                if !matches!(e.status.as_deref(), None | Some("completed" | "terminated")) {
                    return None;
                }
                // The first choice with the most votes wins; no votes, no winner.
                let winner = e.choices.iter().rev().max_by_key(|c| c.votes).filter(|c| c.votes > 0)?;
                input.amount = winner.votes;
                input.total = e.choices.iter().map(|c| c.votes).sum();
                input.outcome = Some(Box::new(Outcome {
                    title: text(&e.title),
                    choice: text(&winner.title),
                }));
                AlertClass::Other("poll-end")
            }
            E::PredictionEnd(e) => {
                let won = e.winning_outcome_id.as_deref();
                let winner = e.outcomes.iter().find(|o| Some(o.id.as_str()) == won)?;
                if e.status.as_deref().is_some_and(|s| s != "resolved") {
                    return None;
                }
                input.amount = winner.channel_points;
                input.total = winner.users;
                input.outcome = Some(Box::new(Outcome {
                    title: text(&e.title),
                    choice: text(&winner.title),
                }));
                AlertClass::Other("prediction-end")
            }
            E::StreamOnline(e) => {
                input.user = [&e.broadcaster_user_name, &e.broadcaster_user_login]
                    .into_iter()
                    .find_map(|n| text(n));
                AlertClass::Other("stream-online")
            }
            E::CharityDonate(e) => {
                input.amount = e.amount.value;
                input.donation = Some(Box::new(Donation {
                    amount: Money {
                        value: e.amount.value,
                        decimal_places: e.amount.decimal_places.min(u64::from(u8::MAX)) as u8,
                        currency: e.amount.currency.clone(),
                    },
                    charity: e.charity_name.trim().to_string(),
                }));
                AlertClass::Other("charity-donate")
            }
            E::ShoutoutReceive(e) => {
                input.amount = e.viewer_count;
                AlertClass::Other("shoutout-receive")
            }
            _ => return None,
        };
        if input.user.is_none() {
            input.user = event.user_display().map(str::to_string);
        }
        input.id = envelope.id.clone();
        input.origin = origin(&envelope.origin);
        Some(input)
    }

    /// Like [`AlertInput::from_envelope`], but drops events about another channel (outgoing
    /// raids, other streamers' events) when both ids are known.
    pub fn from_envelope_for(envelope: &Envelope, broadcaster_user_id: &str) -> Option<AlertInput> {
        let other = envelope
            .event
            .broadcaster_user_id()
            .is_some_and(|id| !broadcaster_user_id.is_empty() && id != broadcaster_user_id);
        if other {
            return None;
        }
        AlertInput::from_envelope(envelope)
    }
}
