#![cfg(not(target_arch = "wasm32"))]
//! Every wire fixture decodes (PROTOCOL.md §4, tests/fixtures/README.md): envelopes to their typed
//! variant, the rest to `KeepAlive`/`Other`/an error, never a panic.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tau_overlay::tau::protocol::events::*;
use tau_overlay::tau::protocol::{Envelope, Frame, Origin, UnixMillis};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn envelope(name: &str) -> Envelope {
    match Frame::parse(&fixture_text(name)) {
        Ok(Frame::Event(e)) => *e,
        other => panic!("{name}: expected an event, got {other:?}"),
    }
}

fn event(name: &str) -> TauEvent {
    envelope(name).event
}

/// The payload of a fixture whose type is kept raw, decoded on request as `T`.
fn kept<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let TauEvent::Unknown { data } = event(name) else {
        panic!("{name}: kept raw")
    };
    T::deserialize(&data).unwrap_or_else(|e| panic!("{name}: {e}"))
}

type IsVariant = fn(&TauEvent) -> bool;

/// The variant of the types kept raw ([`TauEvent::KEPT_RAW`]).
fn is_unknown(e: &TauEvent) -> bool {
    matches!(e, TauEvent::Unknown { .. })
}

/// Every envelope fixture and the variant it must decode to.
const ENVELOPES: &[(&str, IsVariant)] = &[
    ("channel-ban.json", |e| matches!(e, TauEvent::Ban(_))),
    ("channel-channel_points_custom_reward-add.json", is_unknown),
    ("channel-channel_points_custom_reward-remove.json", is_unknown),
    ("channel-channel_points_custom_reward-update.json", is_unknown),
    ("channel-channel_points_custom_reward_redemption-add.json", |e| {
        matches!(e, TauEvent::RedemptionAdd(_))
    }),
    (
        "channel-channel_points_custom_reward_redemption-add.use_irc.json",
        |e| matches!(e, TauEvent::RedemptionAdd(_)),
    ),
    ("channel-channel_points_custom_reward_redemption-update.json", |e| {
        matches!(e, TauEvent::RedemptionUpdate(_))
    }),
    ("channel-charity_campaign-donate.json", |e| {
        matches!(e, TauEvent::CharityDonate(_))
    }),
    ("channel-charity_campaign-progress.json", |e| {
        matches!(e, TauEvent::CharityProgress(_))
    }),
    ("channel-charity_campaign-start.json", |e| {
        matches!(e, TauEvent::CharityStart(_))
    }),
    ("channel-charity_campaign-stop.json", |e| {
        matches!(e, TauEvent::CharityStop(_))
    }),
    ("channel-cheer.json", |e| matches!(e, TauEvent::Cheer(_))),
    ("channel-follow.json", |e| matches!(e, TauEvent::Follow(_))),
    ("channel-goal-begin.json", |e| matches!(e, TauEvent::GoalBegin(_))),
    ("channel-goal-end.json", |e| matches!(e, TauEvent::GoalEnd(_))),
    ("channel-goal-progress.json", |e| matches!(e, TauEvent::GoalProgress(_))),
    ("channel-hype_train-begin.json", |e| {
        matches!(e, TauEvent::HypeTrainBegin(_))
    }),
    ("channel-hype_train-end.json", |e| {
        matches!(e, TauEvent::HypeTrainEnd(_))
    }),
    ("channel-hype_train-progress.json", |e| {
        matches!(e, TauEvent::HypeTrainProgress(_))
    }),
    ("channel-moderator-add.json", is_unknown),
    ("channel-moderator-remove.json", is_unknown),
    ("channel-poll-begin.json", |e| matches!(e, TauEvent::PollBegin(_))),
    ("channel-poll-end.json", |e| matches!(e, TauEvent::PollEnd(_))),
    ("channel-poll-progress.json", |e| matches!(e, TauEvent::PollProgress(_))),
    ("channel-prediction-begin.json", |e| {
        matches!(e, TauEvent::PredictionBegin(_))
    }),
    ("channel-prediction-end.json", |e| {
        matches!(e, TauEvent::PredictionEnd(_))
    }),
    ("channel-prediction-lock.json", |e| {
        matches!(e, TauEvent::PredictionLock(_))
    }),
    ("channel-prediction-progress.json", |e| {
        matches!(e, TauEvent::PredictionProgress(_))
    }),
    ("channel-raid.json", |e| matches!(e, TauEvent::Raid(_))),
    ("channel-shield_mode-begin.json", is_unknown),
    ("channel-shield_mode-end.json", is_unknown),
    ("channel-shoutout-create.json", |e| {
        matches!(e, TauEvent::ShoutoutCreate(_))
    }),
    ("channel-shoutout-receive.json", |e| {
        matches!(e, TauEvent::ShoutoutReceive(_))
    }),
    ("channel-subscribe.json", |e| matches!(e, TauEvent::Subscribe(_))),
    ("channel-subscription-end.json", is_unknown),
    ("channel-subscription-gift.json", |e| {
        matches!(e, TauEvent::SubscriptionGift(_))
    }),
    ("channel-subscription-message.json", |e| {
        matches!(e, TauEvent::SubscriptionMessage(_))
    }),
    ("channel-unban.json", is_unknown),
    ("channel-update.json", is_unknown),
    ("replay_event.channel-raid.json", |e| matches!(e, TauEvent::Raid(_))),
    ("stream-offline.json", |e| matches!(e, TauEvent::StreamOffline(_))),
    ("stream-online.json", |e| matches!(e, TauEvent::StreamOnline(_))),
    ("subscribe.json", |e| matches!(e, TauEvent::LegacySubscribe(_))),
    ("test_event.channel-follow.json", |e| matches!(e, TauEvent::Follow(_))),
];

/// Fixtures that are valid JSON but not event envelopes.
const NOT_ENVELOPES: &[&str] = &[
    "chat_error.json",
    "chat_message.json",
    "chat_send.json",
    "client_auth.json",
    "rest_twitch_events_list.json",
    "tau_status_snapshot.json",
];

#[test]
fn every_fixture_file_parses_without_panicking_and_is_classified() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let frame = Frame::parse(&text);
        seen += 1;
        if let Some((_, is_variant)) = ENVELOPES.iter().find(|(n, _)| *n == name) {
            let Ok(Frame::Event(envelope)) = &frame else {
                panic!("{name}: expected an event, got {frame:?}");
            };
            assert!(is_variant(&envelope.event), "{name}: decoded as {:?}", envelope.event);
            if let TauEvent::Unknown { data } = &envelope.event {
                assert!(TauEvent::KEPT_RAW.contains(&envelope.event_type.as_str()), "{name}");
                let raw: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(data, &raw["event_data"], "{name}: kept verbatim");
            } else {
                assert_eq!(envelope.event.kind_name(), envelope.event_type, "{name}");
            }
            assert!(envelope.created.is_some(), "{name}: created {:?}", envelope.created_raw);
        } else if name == "keep_alive.json" {
            assert_eq!(frame, Ok(Frame::KeepAlive));
        } else if NOT_ENVELOPES.contains(&name.as_str()) {
            assert!(matches!(frame, Ok(Frame::Other(_))), "{name}: {frame:?}");
        } else if name.ends_with(".md") {
            assert!(frame.is_err(), "{name}");
        } else {
            panic!("new fixture {name}: add it to ENVELOPES or NOT_ENVELOPES");
        }
    }
    assert_eq!(
        seen,
        ENVELOPES.len() + NOT_ENVELOPES.len() + 2,
        "a listed fixture is missing"
    );
}

#[test]
fn every_modelled_event_type_has_a_fixture() {
    for &event_type in TauEvent::EVENT_TYPES.iter().chain(TauEvent::KEPT_RAW) {
        let name = format!("{event_type}.json");
        assert!(ENVELOPES.iter().any(|(n, _)| *n == name), "no fixture for {event_type}");
        assert_eq!(envelope(&name).event_type, event_type);
    }
    assert!(TauEvent::KEPT_RAW.iter().all(|t| !TauEvent::EVENT_TYPES.contains(t)));
    assert_eq!(
        TauEvent::EVENT_TYPES.len() + TauEvent::KEPT_RAW.len(),
        38 + 2 + 1,
        "§4.2's 38, stream-online/offline, subscribe"
    );
}

#[test]
fn follow() {
    let TauEvent::Follow(f) = event("channel-follow.json") else {
        unreachable!()
    };
    assert_eq!(
        f,
        Follow {
            user_id: "67890".into(),
            user_login: "testfollower".into(),
            user_name: "TestFollower".into(),
            broadcaster_user_id: "12345".into(),
            followed_at: Some("2024-03-09T18:04:00.871697731Z".into()),
        }
    );
    let e = event("channel-follow.json");
    assert_eq!(
        (e.user_display(), e.broadcaster_user_id()),
        (Some("TestFollower"), Some("12345"))
    );
}

#[test]
fn test_event_has_no_id_and_an_isoformat_created() {
    let e = envelope("test_event.channel-follow.json");
    assert_eq!(e.id, None);
    assert_eq!(e.origin, Origin::Test);
    assert!(e.is_test());
    assert_eq!(e.event_source, "TestCall");
    assert_eq!(e.created_raw, "2024-03-09T19:40:12.401873+00:00");
    assert_eq!(e.created, UnixMillis::parse("2024-03-09T19:40:12.401Z"));
    assert_eq!(e.created, Some(UnixMillis(1_710_013_212_401)));
    assert_eq!(e.event.user_display(), Some("TestFollower"));
}

#[test]
fn subscribe_resub_and_end() {
    let TauEvent::Subscribe(s) = event("channel-subscribe.json") else {
        unreachable!()
    };
    assert_eq!(
        (s.user_name.as_str(), s.tier_number(), s.is_gift),
        ("TestSubscriber", 1, false)
    );
    let s: Subscribe = kept("channel-subscription-end.json");
    assert_eq!(
        (s.user_login.as_str(), s.tier.as_str(), s.tier_number()),
        ("testlapsed", "2000", 2)
    );
    let TauEvent::SubscriptionMessage(m) = event("channel-subscription-message.json") else {
        unreachable!()
    };
    assert_eq!(
        (m.cumulative_months, m.streak_months, m.duration_months),
        (15, Some(3), 1)
    );
    assert_eq!(m.message.text, "15 months already! Kappa HeyGuys");
    let emotes = m.message.emotes.unwrap();
    assert_eq!(emotes.len(), 2);
    assert_eq!((emotes[0].begin, emotes[0].end, emotes[0].id.as_str()), (19, 23, "25"));
}

#[test]
fn gift() {
    let e = event("channel-subscription-gift.json");
    assert_eq!(e.user_display(), Some("TestGifter"));
    let TauEvent::SubscriptionGift(g) = e else {
        unreachable!()
    };
    assert_eq!(
        (g.total, g.cumulative_total, g.is_anonymous, g.tier_number()),
        (5, Some(42), false, 1)
    );
}

/// A fixture's envelope with `event_data` edited by `edit`, re-parsed from text.
fn edited(name: &str, edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> TauEvent {
    let mut v: Value = serde_json::from_str(&fixture_text(name)).unwrap();
    edit(v["event_data"].as_object_mut().unwrap());
    match Frame::parse(&v.to_string()) {
        Ok(Frame::Event(e)) => e.event,
        other => panic!("{other:?}"),
    }
}

#[test]
fn anonymous_gift_and_cheer_decode_with_no_users() {
    let gift = edited("channel-subscription-gift.json", |d| {
        for k in ["user_id", "user_login", "user_name", "cumulative_total"] {
            d.insert(k.into(), Value::Null);
        }
        d.insert("is_anonymous".into(), json!(true));
    });
    assert_eq!(gift.user_display(), None);
    let TauEvent::SubscriptionGift(g) = gift else {
        panic!("{gift:?}")
    };
    assert_eq!(
        (g.user_id, g.user_name, g.cumulative_total, g.total),
        (None, None, None, 5)
    );

    let cheer = edited("channel-cheer.json", |d| {
        for k in ["user_id", "user_login", "user_name"] {
            d.insert(k.into(), Value::Null);
        }
        d.insert("is_anonymous".into(), json!(true));
    });
    assert_eq!(cheer.user_display(), None);
    let TauEvent::Cheer(c) = cheer else { panic!("{cheer:?}") };
    assert_eq!((c.user_login, c.bits, c.is_anonymous), (None, 100, true));
}

#[test]
fn cheer() {
    let e = event("channel-cheer.json");
    assert_eq!(e.user_display(), Some("TestCheerer"));
    let TauEvent::Cheer(c) = e else { unreachable!() };
    assert_eq!((c.bits, c.is_anonymous), (100, false));
    assert_eq!(c.message, "Cheer100 that build finally passed!");
}

#[test]
fn raid_incoming_and_replayed() {
    let live = envelope("channel-raid.json");
    let TauEvent::Raid(r) = &live.event else { unreachable!() };
    assert_eq!(r.viewers, 42);
    assert!(r.is_incoming("12345"));
    assert!(!r.is_incoming("78901"), "an outgoing raid is not an alert");
    assert!(!r.is_incoming(""));
    assert_eq!(live.event.user_display(), Some("TestRaider"));
    assert_eq!(live.event.broadcaster_user_id(), Some("12345"));
    assert_eq!(live.origin, Origin::Twitch);

    let replay = envelope("replay_event.channel-raid.json");
    assert_eq!(replay.origin, Origin::Replay);
    assert!(!replay.is_test());
    assert_eq!(replay.event, live.event, "jsonb key order does not matter");
}

#[test]
fn redemption_with_and_without_irc_emotes() {
    let TauEvent::RedemptionAdd(plain) = event("channel-channel_points_custom_reward_redemption-add.json") else {
        unreachable!()
    };
    assert_eq!(plain.reward.title, "Text to speech");
    assert_eq!((plain.reward.cost, plain.status.as_str()), (1000, "unfulfilled"));
    assert_eq!(plain.user_input, "hello chat Kappa");
    assert_eq!(plain.user_input_emotes, None);

    let TauEvent::RedemptionAdd(irc) = event("channel-channel_points_custom_reward_redemption-add.use_irc.json") else {
        unreachable!()
    };
    assert_eq!(
        irc.user_input_emotes,
        Some(vec![IrcEmote {
            id: "25".into(),
            positions: vec![[11, 15]]
        }])
    );
    assert_eq!(
        Redemption {
            user_input_emotes: None,
            ..irc
        },
        plain
    );

    let TauEvent::RedemptionUpdate(u) = event("channel-channel_points_custom_reward_redemption-update.json") else {
        unreachable!()
    };
    assert_eq!(u.status, "fulfilled");
}

#[test]
fn rewards() {
    let r: Reward = kept("channel-channel_points_custom_reward-add.json");
    assert_eq!((r.title.as_str(), r.cost, r.image.is_none()), ("Hydrate!", 500, true));
    assert_eq!((r.global_cooldown.is_enabled, r.global_cooldown.value), (true, 120));
    assert_eq!(r.max_per_user_per_stream.value, 2);
    let r: Reward = kept("channel-channel_points_custom_reward-update.json");
    assert_eq!(r.cooldown_expires_at.as_deref(), Some("2024-03-09T18:26:00.655304986Z"));
}

#[test]
fn hype_train() {
    let TauEvent::HypeTrainBegin(b) = event("channel-hype_train-begin.json") else {
        unreachable!()
    };
    assert_eq!(b.top_contributions.len(), 2);
    assert_eq!(
        (b.level, b.total, b.progress, b.goal),
        (Some(1), 3000, Some(3000), Some(3300))
    );
    assert_eq!(b.top_contributions[0].kind, "subscription");
    assert_eq!(b.last_contribution.map(|c| c.total), Some(500));
    let TauEvent::HypeTrainEnd(e) = event("channel-hype_train-end.json") else {
        unreachable!()
    };
    assert_eq!((e.top_contributions.len(), e.progress, e.level), (2, None, Some(2)));
    assert!(e.cooldown_ends_at.is_some());

    let one = edited("channel-hype_train-progress.json", |d| {
        d.insert("top_contributions".into(), d["last_contribution"].clone());
    });
    let TauEvent::HypeTrainProgress(p) = one else {
        panic!("{one:?}")
    };
    assert_eq!(p.top_contributions.len(), 1, "TAU's schema says object");
    let none = edited("channel-hype_train-progress.json", |d| {
        d.insert("top_contributions".into(), Value::Null);
    });
    assert!(matches!(none, TauEvent::HypeTrainProgress(p) if p.top_contributions.is_empty()));
}

#[test]
fn goals() {
    let TauEvent::GoalBegin(g) = event("channel-goal-begin.json") else {
        unreachable!()
    };
    assert_eq!(
        (g.kind.as_str(), g.current_amount, g.target_amount),
        ("follow", 950, 1000)
    );
    assert_eq!(g.description, "Road to 1000 followers");
    let TauEvent::GoalEnd(g) = event("channel-goal-end.json") else {
        unreachable!()
    };
    assert_eq!((g.is_achieved, g.current_amount), (true, 1003));
    assert!(g.ended_at.is_some());
}

#[test]
fn charity() {
    let e = event("channel-charity_campaign-donate.json");
    assert_eq!(e.user_display(), Some("TestFollower"));
    let TauEvent::CharityDonate(d) = e else { unreachable!() };
    assert_eq!(
        (d.amount.value, d.amount.decimal_places, d.amount.currency.as_str()),
        (1500, 2, "USD")
    );
    assert_eq!(d.amount.major_units(), 15.0);
    assert_eq!(d.broadcaster_user_id, "12345");

    let TauEvent::CharityProgress(p) = event("channel-charity_campaign-progress.json") else {
        unreachable!()
    };
    assert_eq!((p.current_amount.value, p.target_amount.value), (1500, 100_000));

    let tau_schema = edited("channel-charity_campaign-start.json", |d| {
        for (old, new) in [
            ("broadcaster_user_id", "broadcaster_id"),
            ("broadcaster_user_name", "broadcaster_name"),
        ] {
            let v = d.remove(old).unwrap();
            d.insert(new.into(), v);
        }
    });
    assert_eq!(tau_schema.broadcaster_user_id(), Some("12345"));
    let TauEvent::CharityStart(s) = tau_schema else {
        panic!("{tau_schema:?}")
    };
    assert_eq!(s.broadcaster_user_name, "TestStreamer");
}

#[test]
fn polls_and_predictions() {
    let TauEvent::PollBegin(p) = event("channel-poll-begin.json") else {
        unreachable!()
    };
    assert_eq!(
        (
            p.choices.len(),
            p.choices[0].votes,
            p.channel_points_voting.amount_per_vote
        ),
        (3, 0, 100)
    );
    let TauEvent::PollEnd(p) = event("channel-poll-end.json") else {
        unreachable!()
    };
    assert_eq!(
        (p.status.as_deref(), p.choices[0].votes, p.ends_at),
        (Some("completed"), 31, None)
    );
    let TauEvent::PredictionLock(p) = event("channel-prediction-lock.json") else {
        unreachable!()
    };
    assert_eq!(p.outcomes[0].top_predictors[0].channel_points_won, None);
    let TauEvent::PredictionEnd(p) = event("channel-prediction-end.json") else {
        unreachable!()
    };
    assert_eq!(
        p.winning_outcome_id.as_deref(),
        Some("f0ec84fa-d7bd-4e26-b17a-ae441049443a")
    );
    assert_eq!(p.outcomes[1].top_predictors[0].channel_points_won, Some(0));
}

#[test]
fn moderation_stream_and_shoutouts() {
    let TauEvent::Ban(b) = event("channel-ban.json") else {
        unreachable!()
    };
    assert_eq!((b.is_permanent, b.reason.as_str()), (false, "spamming links"));
    assert_eq!(b.ends_at.as_deref(), Some("2024-03-09T18:28:00.120442186Z"));
    let TauEvent::StreamOnline(s) = event("stream-online.json") else {
        unreachable!()
    };
    assert_eq!((s.kind.as_str(), s.id.as_str()), ("live", "40078987165"));
    assert_eq!(event("stream-offline.json").broadcaster_user_id(), Some("12345"));
    assert_eq!(event("channel-shoutout-create.json").user_display(), Some("TestRaider"));
    let shield: ShieldMode = kept("channel-shield_mode-begin.json");
    assert_eq!(shield.moderator_user_name, "TestMod");
    // Kept raw, they still name their user and channel from the raw payload.
    let unban: Unban = kept("channel-unban.json");
    assert_eq!(
        event("channel-unban.json").user_display(),
        Some(unban.user_name.as_str())
    );
    let update: ChannelUpdate = kept("channel-update.json");
    assert_eq!(event("channel-update.json").broadcaster_user_id(), Some("12345"));
    assert_eq!(update.broadcaster_user_id, "12345");
    let moderator: ModeratorChange = kept("channel-moderator-add.json");
    assert_eq!(
        event("channel-moderator-add.json").user_display(),
        Some(moderator.user_name.as_str())
    );
    let TauEvent::ShoutoutReceive(s) = event("channel-shoutout-receive.json") else {
        unreachable!()
    };
    assert_eq!(s.viewer_count, 42);
}

#[test]
fn legacy_pubsub_subscribe_row() {
    let e = envelope("subscribe.json");
    assert_eq!(
        (e.event_id.as_deref(), e.event_source.as_str(), &e.origin),
        (None, "PubSub", &Origin::Replay)
    );
    assert_eq!(e.event.user_display(), Some("TestSubscriber"));
    assert_eq!(e.event.broadcaster_user_id(), Some("12345"));
    let TauEvent::LegacySubscribe(s) = e.event else {
        unreachable!()
    };
    assert_eq!((s.tier_number(), s.message_text()), (1, "Love the stream!"));
    assert_eq!(
        (s.data.message.context.as_str(), s.data.message.cumulative_months),
        ("resub", Some(7))
    );
}

#[test]
fn rest_list_rows_decode_typed_with_plus_0000_created() {
    let page: Value = serde_json::from_str(&fixture_text("rest_twitch_events_list.json")).unwrap();
    let rows = page["results"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    for row in rows {
        let e = Envelope::from_value(row.clone()).unwrap();
        if TauEvent::KEPT_RAW.contains(&e.event_type.as_str()) {
            assert_eq!(
                e.event,
                TauEvent::Unknown {
                    data: row["event_data"].clone()
                }
            );
        } else {
            assert_eq!(e.event.kind_name(), e.event_type, "{:?}", e.event);
        }
        assert_eq!(e.origin, Origin::Twitch);
        assert!(e.created_raw.ends_with("+0000"), "{}", e.created_raw);
        assert_eq!(e.created, UnixMillis::parse(&e.created_raw.replace("+0000", "Z")));
        assert!(e.created.is_some());
    }
    let newest = Envelope::from_value(rows[0].clone()).unwrap();
    assert_eq!(
        newest.created,
        Some(UnixMillis(1_710_012_901_000)),
        "2024-03-09T19:35:01+0000"
    );
    assert_eq!(newest.event, event("stream-offline.json"));
}

#[test]
fn keep_alive() {
    assert_eq!(Frame::parse(&fixture_text("keep_alive.json")), Ok(Frame::KeepAlive));
}

#[test]
fn form_encoded_test_payload_with_numeric_strings_decodes_typed() {
    let frame = json!({
        "id": null, "event_id": "x", "event_type": "channel-cheer", "event_source": "TestCall",
        "event_data": {"is_anonymous": "false", "user_id": "1", "user_login": "ana", "user_name": "Ana",
                       "broadcaster_user_id": "12345", "message": "hi", "bits": "100"},
        "created": "2024-03-09T19:40:12+00:00", "origin": "test",
    });
    let Ok(Frame::Event(e)) = Frame::parse(&frame.to_string()) else {
        panic!()
    };
    assert!(
        matches!(&e.event, TauEvent::Cheer(c) if c.bits == 100 && !c.is_anonymous),
        "{:?}",
        e.event
    );

    let raid = TauEvent::from_json(
        "channel-raid",
        json!({"to_broadcaster_user_id": "12345", "viewers": "7"}),
    );
    assert!(matches!(raid, TauEvent::Raid(r) if r.viewers == 7));
    let gift = TauEvent::from_json(
        "channel-subscription-gift",
        json!({"total": "5", "tier": "2000", "cumulative_total": "", "is_anonymous": "true"}),
    );
    assert!(
        matches!(gift, TauEvent::SubscriptionGift(g) if g.total == 5 && g.cumulative_total.is_none() && g.is_anonymous)
    );
    let resub = TauEvent::from_json(
        "channel-subscription-message",
        json!({"cumulative_months": "15.0", "streak_months": null}),
    );
    assert!(matches!(resub, TauEvent::SubscriptionMessage(m) if m.cumulative_months == 15));
}

#[test]
fn misfit_payloads_are_kept_as_unknown() {
    for (event_type, data) in [
        ("channel-cheer", json!({"bits": "lots"})),
        ("channel-raid", json!({"viewers": -3})),
        ("channel-subscription-gift", json!({"is_anonymous": "maybe"})),
        ("channel-follow", json!(["not", "an", "object"])),
        ("channel-follow", json!("text")),
        ("channel-hype_train-begin", json!({"top_contributions": 5})),
    ] {
        let got = TauEvent::from_json(event_type, data.clone());
        assert_eq!(got, TauEvent::Unknown { data }, "{event_type}");
    }
    let custom = TauEvent::from_json(
        "my-custom-alert",
        json!({"user_name": "Ana", "broadcaster_id": "12345"}),
    );
    assert_eq!(
        (custom.user_display(), custom.broadcaster_user_id()),
        (Some("Ana"), Some("12345"))
    );
}
