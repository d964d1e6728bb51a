//! Benchmark: 100,000 mixed events through the alert engine on a virtual clock, then drained.
//!
//! ```text
//! cargo run --release --example bench-engine
//! ```
//!
//! Two scenarios:
//! * **stream**: a busy stream with the default configuration (one event every 0–200 ms of virtual
//!   time: follow floods, gift bombs with their recipients, cheers, raids, redemptions with
//!   updates, test events and replays). Most alerts expire or merge, as they would.
//! * **burst**: all events at the same instant with no queue limit and no ageing, so the queue
//!   holds ~100,000 alerts and every operation runs against a deep queue.
//!
//! Prints wall time, throughput, the final counts and peak resident memory (`VmHWM` from
//! `/proc/self/status`, Linux only). Panics if any event is unaccounted for. On `wasm32` this
//! example compiles to an empty `main`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::Instant as WallClock;
    use tau_overlay::engine::{AlertClass, AlertInput, Engine, EngineConfig, InputOrigin};
    use tau_overlay::engine::{RedemptionInfo, RedemptionStatus};
    use tau_overlay::util::clock::{Instant, Rng};

    const EVENTS: usize = 100_000;

    fn event(rng: &mut Rng, i: usize, out: &mut Vec<AlertInput>) {
        let id = Some(format!("row-{i}"));
        let name = Some(format!("viewer{}", rng.below_inclusive(5000)));
        let base = |class| AlertInput {
            id: id.clone(),
            user: name.clone(),
            ..AlertInput::new(class)
        };
        match rng.below_inclusive(99) {
            0..=39 => out.push(base(AlertClass::Follow)),
            40..=49 => out.push(AlertInput {
                tier: 1,
                ..base(AlertClass::Sub)
            }),
            50..=54 => {
                let n = 1 + rng.below_inclusive(9);
                out.push(AlertInput {
                    amount: n,
                    tier: 1,
                    ..base(AlertClass::GiftBomb)
                });
                for k in 0..n {
                    out.push(AlertInput {
                        id: Some(format!("row-{i}-{k}")),
                        is_gift: true,
                        tier: 1,
                        ..base(AlertClass::Sub)
                    });
                }
            }
            55..=69 => out.push(AlertInput {
                amount: 1 + rng.below_inclusive(5000),
                message: Some("Cheer100 nice".into()),
                ..base(AlertClass::Cheer)
            }),
            70..=72 => out.push(AlertInput {
                amount: rng.below_inclusive(500),
                ..base(AlertClass::Raid)
            }),
            73..=84 => {
                for (update, status) in [
                    (false, RedemptionStatus::Unfulfilled),
                    (true, RedemptionStatus::Fulfilled),
                ] {
                    out.push(AlertInput {
                        id: Some(format!("row-{i}-{update}")),
                        amount: 100,
                        redemption: Some(RedemptionInfo {
                            id: format!("red-{i}"),
                            title: "Hydrate".into(),
                            status,
                            is_update: update,
                        }),
                        ..base(AlertClass::Redemption)
                    });
                }
            }
            85..=94 => out.push(AlertInput {
                months: 12,
                amount: 12,
                message: Some("12 months!".into()),
                ..base(AlertClass::Resub)
            }),
            95..=97 => out.push(AlertInput {
                id: None,
                origin: InputOrigin::Test,
                ..base(AlertClass::Follow)
            }),
            _ => out.push(AlertInput {
                id: Some(format!("row-{}", rng.below_inclusive(i as u64))),
                origin: InputOrigin::Replay,
                ..base(AlertClass::Cheer)
            }),
        }
    }

    fn peak_memory() -> String {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .map(|l| l.trim().to_string())
            })
            .unwrap_or_else(|| "VmHWM: n/a".into())
    }

    fn run(label: &str, config: EngineConfig, step_ms: u64) {
        let mut rng = Rng::new(42);
        let mut events = Vec::with_capacity(EVENTS);
        let mut i = 0;
        while events.len() < EVENTS {
            event(&mut rng, i, &mut events);
            i += 1;
        }
        events.truncate(EVENTS);
        let mut engine = Engine::new(config, 7);
        let (mut now, mut actions, mut polls) = (0u64, 0usize, 0usize);
        let start = WallClock::now();
        for input in events {
            now += if step_ms == 0 { 0 } else { rng.below_inclusive(step_ms) };
            while let Some(d) = engine.next_deadline().filter(|d| d.0 < now) {
                actions += engine.poll(d).len();
                polls += 1;
            }
            engine.push(input, Instant(now));
            actions += engine.poll(Instant(now)).len();
            polls += 1;
        }
        let pushed = start.elapsed();
        let mut peak_queue = engine.queue_depth();
        while let Some(d) = engine.next_deadline() {
            now = now.max(d.0);
            actions += engine.poll(Instant(now)).len();
            polls += 1;
            peak_queue = peak_queue.max(engine.queue_depth());
        }
        let total = start.elapsed();
        let c = engine.counts();
        assert_eq!(
            c.accepted,
            c.shown + c.merged + c.expired + c.filtered + c.dropped + c.pending
        );
        assert_eq!(c.pending, 0, "drained");
        println!(
            "{label:>6}: {EVENTS} events pushed in {:.1} ms, drained in {:.1} ms total \
             ({:.0} events/s, {polls} polls, {actions} actions, {:.1} virtual hours)",
            pushed.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            EVENTS as f64 / total.as_secs_f64(),
            now as f64 / 3.6e6,
        );
        println!(
            "        shown {} merged {} expired {} filtered {} dropped {}; {}",
            c.shown,
            c.merged,
            c.expired,
            c.filtered,
            c.dropped,
            peak_memory()
        );
    }

    run("stream", EngineConfig::default(), 200);
    let mut deep = EngineConfig {
        max_queue: usize::MAX,
        exit_ms: 0,
        slack_ms: 0,
        ..EngineConfig::default()
    };
    for class in [
        &mut deep.classes.raid,
        &mut deep.classes.gift_bomb,
        &mut deep.classes.sub,
        &mut deep.classes.resub,
        &mut deep.classes.cheer,
        &mut deep.classes.redemption,
        &mut deep.classes.follow,
        &mut deep.classes.other,
    ] {
        class.max_age_ms = Some(0);
        class.duration_ms = Some(10);
    }
    run("burst", deep, 0);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
