#![cfg(not(target_arch = "wasm32"))]
//! The demo feed paced to the engine (issue 7 point 9), on a virtual clock: the pure
//! [`DemoFeed`] feeds a default [`Engine`] exactly as the `#demo` overlay does.

use std::collections::BTreeSet;
use tau_overlay::demo::DemoFeed;
use tau_overlay::engine::*;
use tau_overlay::util::clock::Instant;

/// `(ms, view)` of every alert shown in the first `until` ms, and the deepest queue seen.
fn run_demo(seed: u64, until: u64) -> (Vec<(u64, AlertView)>, usize) {
    let mut engine = Engine::new(EngineConfig::default(), seed);
    let mut feed = DemoFeed::new(seed, Instant(500), engine.config());
    let (mut shown, mut deepest) = (Vec::new(), 0);
    let mut now = 0;
    while now <= until {
        if feed.next_at().0 <= now {
            for envelope in feed.next_events(Instant(now)) {
                engine.push(AlertInput::from_envelope(&envelope).expect("an alert"), Instant(now));
            }
        }
        for action in engine.poll(Instant(now)) {
            if let EngineAction::Show(view) = action {
                shown.push((now, *view));
            }
        }
        deepest = deepest.max(engine.queue_depth());
        let next = [Some(feed.next_at()), engine.next_deadline()]
            .into_iter()
            .flatten()
            .min();
        now = next.map_or(until + 1, |t| t.0.max(now + 1));
    }
    (shown, deepest)
}

fn kinds(shown: &[(u64, AlertView)], before: u64) -> BTreeSet<&'static str> {
    shown
        .iter()
        .filter(|(t, _)| *t < before)
        .map(|(_, v)| v.class.name())
        .collect()
}

#[test]
fn demo_falls_behind_no_more_every_class_shows_in_the_first_minute() {
    for seed in 1..=20 {
        let (shown, _) = run_demo(seed, 60_000);
        let seen = kinds(&shown, 60_000);
        for class in ["follow", "redemption", "sub", "cheer", "resub", "raid", "gift-bomb"] {
            assert!(
                seen.contains(class),
                "seed {seed}: {seen:?} lacks {class} in the first minute"
            );
        }
        assert!(
            kinds(&shown, 20_000).len() >= 4,
            "seed {seed}: {:?} in the first 20 s",
            kinds(&shown, 20_000)
        );
    }
}

#[test]
fn demo_gift_bombs_and_floods_are_still_shown_as_such() {
    let (shown, _) = run_demo(7, 200_000);
    let bomb = shown
        .iter()
        .find(|(_, v)| v.class == AlertClass::GiftBomb)
        .expect("a gift bomb");
    assert!(
        bomb.1.headline_text().contains(" gifted "),
        "{:?}",
        bomb.1.headline_text()
    );
    assert!(
        !shown
            .iter()
            .any(|(_, v)| v.class == AlertClass::Sub && v.headline_text().contains("gift")),
        "gift recipients shown one by one"
    );
    let flood = shown
        .iter()
        .find(|(_, v)| v.shape == AlertShape::Flood)
        .expect("a follow flood summary");
    assert!(
        flood.1.headline_text().ends_with(" new followers"),
        "{:?}",
        flood.1.headline_text()
    );
}

#[test]
fn demo_queue_stays_short_over_half_an_hour() {
    for seed in 1..=5 {
        let (shown, deepest) = run_demo(seed, 30 * 60_000);
        // A flood waits as at most 5 singles and its summary; nothing else piles up.
        assert!(deepest <= 6, "seed {seed}: queue reached {deepest}");
        let others: BTreeSet<&str> = shown.iter().map(|(_, v)| v.class.name()).collect();
        for kind in [
            "hype-train-begin",
            "hype-train-end",
            "charity-donate",
            "shoutout-receive",
        ] {
            assert!(others.contains(kind), "seed {seed}: {others:?} lacks {kind}");
        }
    }
}

/// When each alert kind (and a few variations of issue 9 point 1) first shows in the demo.
fn first_shown(shown: &[(u64, AlertView)]) -> Vec<(String, u64)> {
    let mut seen: Vec<(String, u64)> = Vec::new();
    for (t, view) in shown {
        let text = view.headline_text();
        let mut names = vec![view.class.name().to_string()];
        if text.contains("with Prime") {
            names.push("prime-sub".into());
        }
        if text.ends_with(" gifted a sub!") {
            names.push("single-gift".into());
        }
        for name in names {
            if !seen.iter().any(|(n, _)| *n == name) {
                seen.push((name, *t));
            }
        }
    }
    seen
}

#[test]
fn demo_plays_every_alert_type_within_two_and_a_half_minutes() {
    for seed in 1..=20 {
        let (shown, _) = run_demo(seed, 150_000);
        let seen = first_shown(&shown);
        for kind in KIND_NAMES.iter().copied().chain(["prime-sub", "single-gift"]) {
            assert!(
                seen.iter().any(|(n, _)| n == kind),
                "seed {seed}: {kind} not shown in 150 s; shown: {seen:?}"
            );
        }
        for (_, view) in &shown {
            let text = view.headline_text();
            assert!(
                !text.contains(['{', '}']) && !text.starts_with("Someone"),
                "seed {seed}: {text}"
            );
        }
    }
}
