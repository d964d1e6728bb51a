#![cfg(not(target_arch = "wasm32"))]
//! The `/ws/twitch-events/` connection machine on a virtual clock (PROTOCOL.md §2.1, §3, §11):
//! handshake, grace period, keep-alives, backoff with full jitter, token rejection, watchdog,
//! connect timeout, generation guard and secrecy of the token.

use core::time::Duration;
use tau_overlay::settings::Token;
use tau_overlay::tau::connection::{Action, Connection, ConnectionOptions, Input, LinkState};
use tau_overlay::util::clock::{Instant, Rng};

const URL: &str = "ws://localhost:8000/ws/twitch-events/";
const TOKEN: &str = "s3cr3t-t0ken-4f2a";
const FOLLOW: &str = r#"{"id": "b6dff064-609f-4551-ba9e-cf1969eec2ad", "event_id": "bf777c2b", "event_type": "channel-follow", "event_source": "EventSub", "event_data": {"user_id": "67890", "user_login": "testfollower", "user_name": "TestFollower", "broadcaster_user_id": "12345", "broadcaster_user_login": "teststreamer", "broadcaster_user_name": "TestStreamer", "followed_at": "2024-03-09T18:04:00.871697731Z"}, "created": "2024-03-09T18:04:00+0000", "origin": "twitch"}"#;
const KEEP_ALIVE: &str = r#"{"event": "keep_alive"}"#;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// A connection plus a virtual clock. `fire` jumps to the machine's deadline and feeds `Timer`.
struct Harness {
    conn: Connection,
    now: Instant,
}

impl Harness {
    fn new(seed: u64) -> Self {
        Harness::with(ConnectionOptions::default(), seed)
    }

    fn with(options: ConnectionOptions, seed: u64) -> Self {
        Harness {
            conn: Connection::new(URL.into(), Token::new(TOKEN), options, seed),
            now: Instant(1_000_000),
        }
    }

    fn feed(&mut self, input: Input<'_>) -> Vec<Action> {
        self.conn.handle(input, self.now)
    }

    fn gen(&self) -> u64 {
        self.conn.generation()
    }

    fn advance(&mut self, by: Duration) {
        self.now = self.now + by;
    }

    /// Advances the clock to `next_deadline` and feeds the timer.
    fn fire(&mut self) -> Vec<Action> {
        let deadline = self.conn.next_deadline().expect("a deadline is set");
        assert!(
            deadline >= self.now,
            "deadline {deadline:?} is in the past (now {:?})",
            self.now
        );
        self.now = deadline;
        self.conn.handle(Input::Timer, self.now)
    }

    /// Time from now until the next deadline.
    fn wait(&self) -> Duration {
        self.conn.next_deadline().expect("a deadline is set") - self.now
    }

    fn text(&mut self, text: &str) -> Vec<Action> {
        let generation = self.gen();
        self.feed(Input::Text { generation, text })
    }

    fn close(&mut self, code: u16) -> Vec<Action> {
        let generation = self.gen();
        self.feed(Input::Closed { generation, code })
    }

    /// Start (or wait out a retry), open, send the token, wait out the grace period.
    fn go_live(&mut self) {
        if self.conn.state() == LinkState::Idle {
            assert!(matches!(&self.feed(Input::Start)[..], [Action::Open { .. }]));
        } else {
            assert!(matches!(&self.fire()[..], [Action::Open { .. }]));
        }
        let generation = self.gen();
        assert!(matches!(
            &self.feed(Input::Opened { generation })[..],
            [Action::Send { .. }]
        ));
        assert_eq!(self.fire(), [Action::WentLive]);
        assert_eq!(self.conn.state(), LinkState::Live);
    }

    /// From `Waiting`/`Idle`: opens a socket that fails before opening (code 1006). Returns the
    /// retry delay chosen after the failure.
    fn fail_once(&mut self) -> Duration {
        let actions = if self.conn.state() == LinkState::Idle {
            self.feed(Input::Start)
        } else {
            self.fire()
        };
        assert!(matches!(&actions[..], [Action::Open { .. }]), "{actions:?}");
        assert!(self.close(1006).is_empty());
        assert_eq!(self.conn.state(), LinkState::Waiting);
        self.wait()
    }
}

fn ceiling(attempt: u32) -> Duration {
    let o = ConnectionOptions::default();
    o.backoff_base.saturating_mul(1 << attempt.min(20)).min(o.backoff_cap)
}

#[test]
fn start_opens_generation_one_at_the_configured_url() {
    let mut h = Harness::new(1);
    assert_eq!(h.conn.state(), LinkState::Idle);
    assert_eq!(h.conn.next_deadline(), None);
    assert_eq!(
        h.feed(Input::Start),
        [Action::Open {
            generation: 1,
            url: URL.into()
        }]
    );
    assert_eq!(h.conn.state(), LinkState::Connecting);
    // A second Start does not open a second socket.
    assert!(h.feed(Input::Start).is_empty());
    assert_eq!(h.gen(), 1);
}

#[test]
fn opened_sends_exactly_the_auth_frame() {
    let mut h = Harness::new(1);
    h.feed(Input::Start);
    let actions = h.feed(Input::Opened { generation: 1 });
    assert_eq!(
        actions,
        [Action::Send {
            generation: 1,
            text: format!(r#"{{"token":"{TOKEN}"}}"#)
        }]
    );
    assert_eq!(h.conn.state(), LinkState::Authenticating);
}

#[test]
fn silence_for_the_grace_period_means_live() {
    let mut h = Harness::new(1);
    h.feed(Input::Start);
    h.feed(Input::Opened { generation: 1 });
    let sent_at = h.now;
    assert_eq!(
        h.conn.next_deadline(),
        Some(sent_at + ConnectionOptions::default().auth_grace)
    );
    // A timer fired early (drivers may be imprecise) changes nothing.
    h.advance(Duration::from_millis(1_999));
    assert!(h.feed(Input::Timer).is_empty());
    assert_eq!(h.conn.state(), LinkState::Authenticating);
    assert_eq!(h.fire(), [Action::WentLive]);
    assert_eq!(h.now - sent_at, secs(2));
    assert_eq!(h.conn.state(), LinkState::Live);
}

#[test]
fn the_first_event_frame_goes_live_early_and_is_delivered() {
    let mut h = Harness::new(1);
    h.feed(Input::Start);
    h.feed(Input::Opened { generation: 1 });
    h.advance(Duration::from_millis(300));
    let actions = h.text(FOLLOW);
    assert!(
        matches!(&actions[..], [Action::WentLive, Action::Deliver(e)] if e.event_type == "channel-follow"),
        "{actions:?}"
    );
    assert_eq!(h.conn.state(), LinkState::Live);
    // The grace timer no longer fires a second WentLive.
    assert_eq!(
        h.conn.next_deadline(),
        Some(h.now + ConnectionOptions::default().watchdog)
    );
    let actions = h.text(FOLLOW);
    assert!(matches!(&actions[..], [Action::Deliver(_)]), "{actions:?}");
}

#[test]
fn keep_alives_are_not_delivered_but_recorded() {
    let mut h = Harness::new(1);
    h.feed(Input::Start);
    h.feed(Input::Opened { generation: 1 });
    // During the grace period a keep-alive is no proof of auth (PROTOCOL.md §2.2).
    assert!(h.text(KEEP_ALIVE).is_empty());
    assert_eq!(h.conn.state(), LinkState::Authenticating);
    assert_eq!(h.conn.stats().last_keep_alive, Some(h.now));
    h.fire();
    h.advance(secs(120));
    assert!(h.text(KEEP_ALIVE).is_empty());
    assert_eq!(h.conn.stats().last_keep_alive, Some(h.now));
    assert_eq!(h.conn.stats().last_frame, Some(h.now));
    assert_eq!(h.conn.stats().bad_frames, 0);
    // Garbage is counted, not delivered.
    assert!(h.text("{not json").is_empty());
    assert!(h.text(r#"{"event": "something_else"}"#).is_empty());
    assert_eq!(h.conn.stats().bad_frames, 2);
}

#[test]
fn every_retry_delay_is_within_the_full_jitter_bounds_and_spreads_over_them() {
    const SEEDS: u64 = 200;
    let mut observed = vec![Vec::new(); 10];
    for seed in 0..SEEDS {
        let mut h = Harness::new(seed);
        for (attempt, delays) in observed.iter_mut().enumerate() {
            let delay = h.fail_once();
            let ceiling = ceiling(attempt as u32);
            assert!(
                delay <= ceiling,
                "seed {seed}, attempt {attempt}: {delay:?} > {ceiling:?}"
            );
            delays.push(delay);
        }
    }
    for (attempt, delays) in observed.iter().enumerate() {
        let ceiling = ceiling(attempt as u32).as_millis() as f64;
        let max = delays.iter().max().unwrap().as_millis() as f64;
        let min = delays.iter().min().unwrap().as_millis() as f64;
        assert!(max > 0.8 * ceiling, "attempt {attempt}: max {max} of {ceiling}");
        assert!(min < 0.2 * ceiling, "attempt {attempt}: min {min} of {ceiling}");
    }
}

#[test]
fn backoff_ceiling_is_capped_at_thirty_seconds() {
    let cap = ConnectionOptions::default().backoff_cap;
    assert_eq!(cap, secs(30));
    let mut max = Duration::ZERO;
    for seed in 0..50 {
        let mut h = Harness::new(seed);
        for _ in 0..40 {
            let delay = h.fail_once();
            assert!(delay <= cap, "{delay:?}");
            max = max.max(delay);
        }
    }
    assert!(max > secs(25), "the cap is reached, not a smaller ceiling: {max:?}");
}

/// Fails three times (ceilings 1, 2, 4 s), then stays live for `live_for` and closes.
/// Returns the retry delay chosen after that close.
fn delay_after_live_for(seed: u64, live_for: Duration) -> Duration {
    let mut h = Harness::new(seed);
    for _ in 0..3 {
        h.fail_once();
    }
    h.go_live();
    h.advance(live_for);
    assert!(h.text(KEEP_ALIVE).is_empty(), "keeps the watchdog quiet");
    assert!(h.close(1000).is_empty());
    assert_eq!(h.conn.state(), LinkState::Waiting);
    h.wait()
}

#[test]
fn a_stable_minute_resets_the_backoff_but_fifty_nine_seconds_do_not() {
    let base = ConnectionOptions::default().backoff_base;
    let after_60: Vec<_> = (0..200).map(|s| delay_after_live_for(s, secs(60))).collect();
    assert!(after_60.iter().all(|d| *d <= base), "{after_60:?}");
    let after_59: Vec<_> = (0..200).map(|s| delay_after_live_for(s, secs(59))).collect();
    assert!(after_59.iter().all(|d| *d <= ceiling(3)));
    let max = after_59.iter().max().unwrap();
    assert!(*max > ceiling(3).mul_f64(0.8), "backoff kept growing: {max:?}");
}

/// Opens, sends the token and gets closed with `code` after `after`.
fn rejected_after(h: &mut Harness, after: Duration, code: u16) {
    let generation = h.gen();
    assert!(matches!(
        &h.feed(Input::Opened { generation })[..],
        [Action::Send { .. }]
    ));
    h.advance(after);
    assert!(h.close(code).is_empty());
}

#[test]
fn close_1011_right_after_the_token_means_token_rejected_and_a_slow_retry() {
    let retry = ConnectionOptions::default().rejected_retry;
    let mut waits = Vec::new();
    for seed in 0..200 {
        let mut h = Harness::new(seed);
        h.feed(Input::Start);
        rejected_after(&mut h, Duration::from_millis(400), 1011);
        assert_eq!(h.conn.state(), LinkState::TokenRejected);
        let closed_at = h.now;
        let actions = h.fire();
        assert!(
            matches!(&actions[..], [Action::Open { generation: 2, .. }]),
            "{actions:?}"
        );
        assert!(
            h.now - closed_at >= retry,
            "seed {seed}: reopened after {:?}",
            h.now - closed_at
        );
        waits.push(h.now - closed_at);
    }
    // Jittered, so overlays sharing a bad token do not retry in lockstep.
    assert!(waits.iter().max() > waits.iter().min());
}

#[test]
fn close_1011_after_the_grace_period_but_within_the_window_is_still_a_rejection() {
    let mut h = Harness::new(3);
    h.feed(Input::Start);
    h.feed(Input::Opened { generation: 1 });
    assert_eq!(h.fire(), [Action::WentLive]);
    h.advance(Duration::from_millis(900));
    assert!(h.close(1011).is_empty());
    assert_eq!(h.conn.state(), LinkState::TokenRejected);
    assert!(h.wait() >= secs(30));
}

#[test]
fn a_server_that_always_rejects_is_retried_at_most_every_thirty_seconds_for_an_hour() {
    for seed in 0..20 {
        let mut h = Harness::new(seed);
        let end = h.now + secs(3_600);
        let mut opens = vec![h.now];
        h.feed(Input::Start);
        while h.now < end {
            rejected_after(&mut h, Duration::from_millis(700), 1011);
            assert_eq!(h.conn.state(), LinkState::TokenRejected);
            let actions = h.fire();
            assert!(matches!(&actions[..], [Action::Open { .. }]), "{actions:?}");
            opens.push(h.now);
        }
        assert!(opens.len() > 60, "still retrying: {} attempts", opens.len());
        assert!(opens.len() <= 121, "{} attempts in an hour", opens.len());
        for pair in opens.windows(2) {
            assert!(pair[1] - pair[0] >= secs(30), "seed {seed}: {:?}", pair[1] - pair[0]);
        }
    }
}

#[test]
fn close_1011_after_the_reject_window_is_an_ordinary_backoff() {
    let mut max = Duration::ZERO;
    for seed in 0..50 {
        let mut h = Harness::new(seed);
        h.feed(Input::Start);
        rejected_after(&mut h, Duration::from_millis(3_100), 1011);
        assert_eq!(h.conn.state(), LinkState::Waiting);
        assert!(h.wait() <= ceiling(0));
        max = max.max(h.wait());
        // A later 1011 on a long-lived connection is a server crash, not a bad token.
        h.go_live();
        h.advance(secs(10));
        h.close(1011);
        assert_eq!(h.conn.state(), LinkState::Waiting);
        assert!(h.wait() <= ceiling(1));
    }
    assert!(max > Duration::ZERO);
}

#[test]
fn other_close_codes_right_after_the_token_are_not_a_rejection() {
    let mut h = Harness::new(5);
    h.feed(Input::Start);
    rejected_after(&mut h, Duration::from_millis(200), 1006);
    assert_eq!(h.conn.state(), LinkState::Waiting);
    assert!(h.wait() <= ceiling(0));
}

#[test]
fn watchdog_closes_a_silent_live_socket_and_reconnects() {
    let watchdog = ConnectionOptions::default().watchdog;
    let mut h = Harness::new(9);
    h.go_live();
    let live_at = h.now;
    let actions = h.fire();
    assert_eq!(actions, [Action::Close { generation: 1 }]);
    assert_eq!(h.now - live_at, watchdog);
    assert_eq!(h.conn.stats().watchdog_fired, 1);
    assert_eq!(h.conn.state(), LinkState::Waiting);
    let actions = h.fire();
    assert!(
        matches!(&actions[..], [Action::Open { generation: 2, .. }]),
        "{actions:?}"
    );
    assert_eq!(h.conn.stats().reconnects, 1);
}

#[test]
fn a_keep_alive_just_before_the_watchdog_deadline_pushes_it_back() {
    let watchdog = ConnectionOptions::default().watchdog;
    let mut h = Harness::new(9);
    h.go_live();
    let first_deadline = h.conn.next_deadline().unwrap();
    h.now = Instant(first_deadline.0 - 1);
    assert!(h.text(KEEP_ALIVE).is_empty());
    // A timer set for the old deadline is a no-op.
    h.now = first_deadline;
    assert!(h.feed(Input::Timer).is_empty());
    assert_eq!(h.conn.state(), LinkState::Live);
    assert_eq!(h.conn.next_deadline(), Some(Instant(first_deadline.0 - 1) + watchdog));
    assert_eq!(h.fire(), [Action::Close { generation: 1 }]);
    assert_eq!(h.conn.stats().watchdog_fired, 1);
}

#[test]
fn connect_timeout_closes_and_retries() {
    let timeout = ConnectionOptions::default().connect_timeout;
    let mut h = Harness::new(2);
    h.feed(Input::Start);
    let started = h.now;
    assert_eq!(h.fire(), [Action::Close { generation: 1 }]);
    assert_eq!(h.now - started, timeout);
    assert_eq!(h.conn.state(), LinkState::Waiting);
    assert!(h.wait() <= ceiling(0));
    assert!(matches!(&h.fire()[..], [Action::Open { generation: 2, .. }]));
    // The socket we gave up on opens late: nothing happens (no token on a dropped socket).
    assert!(h.feed(Input::Opened { generation: 1 }).is_empty());
    assert_eq!(h.conn.state(), LinkState::Connecting);
}

/// Everything the generation guard must preserve.
fn snapshot(conn: &Connection) -> String {
    format!(
        "{:?} {} {:?} {:?}",
        conn.state(),
        conn.generation(),
        conn.next_deadline(),
        conn.stats()
    )
}

fn assert_old_generation_ignored(h: &mut Harness, old: u64) {
    let before = snapshot(&h.conn);
    let inputs = [
        Input::Opened { generation: old },
        Input::Text {
            generation: old,
            text: FOLLOW,
        },
        Input::Text {
            generation: old,
            text: KEEP_ALIVE,
        },
        Input::Text {
            generation: old,
            text: "{garbage",
        },
        Input::Closed {
            generation: old,
            code: 1011,
        },
        Input::Closed {
            generation: old,
            code: 1006,
        },
    ];
    for input in inputs {
        let shown = format!("{input:?}");
        assert!(h.feed(input).is_empty(), "{shown} acted in {before}");
        assert_eq!(snapshot(&h.conn), before, "{shown} changed the machine");
    }
}

#[test]
fn inputs_from_an_old_generation_change_nothing() {
    let mut h = Harness::new(4);
    h.fail_once();
    h.fire(); // opens generation 2: Connecting
    assert_eq!(h.gen(), 2);
    assert_old_generation_ignored(&mut h, 1);
    h.feed(Input::Opened { generation: 2 }); // Authenticating
    assert_old_generation_ignored(&mut h, 1);
    h.fire(); // Live
    assert_old_generation_ignored(&mut h, 1);
    h.close(1000); // Waiting
    assert_old_generation_ignored(&mut h, 1);
    h.fire();
    rejected_after(&mut h, Duration::from_millis(100), 1011); // TokenRejected
    assert_old_generation_ignored(&mut h, 2);
    assert_old_generation_ignored(&mut h, 1);
}

#[test]
fn late_callbacks_of_a_socket_we_closed_change_nothing() {
    // The watchdog closed generation 1; its callbacks may still fire with the current number.
    let mut h = Harness::new(4);
    h.go_live();
    h.fire();
    assert_eq!(h.conn.state(), LinkState::Waiting);
    assert_old_generation_ignored(&mut h, 1);
}

#[test]
fn token_rejected_by_rest_while_live_closes_the_socket() {
    let mut h = Harness::new(6);
    h.go_live();
    assert_eq!(h.feed(Input::TokenRejectedByRest), [Action::Close { generation: 1 }]);
    assert_eq!(h.conn.state(), LinkState::TokenRejected);
    assert!(h.wait() >= secs(30));
    // A second 401 neither closes again nor postpones the retry.
    let deadline = h.conn.next_deadline();
    h.advance(secs(5));
    assert!(h.feed(Input::TokenRejectedByRest).is_empty());
    assert_eq!(h.conn.next_deadline(), deadline);
}

#[test]
fn frames_before_the_token_is_sent_are_never_delivered() {
    let mut h = Harness::new(8);
    h.feed(Input::Start);
    assert!(h.text(FOLLOW).is_empty());
    assert_eq!(h.conn.state(), LinkState::Connecting);
    assert_eq!(h.conn.stats().last_frame, None);
}

/// Random socket weather: every input kind, current and stale generations, random delays.
/// Invariants: a `Deliver` only follows `Open` + `Send` (the token) of the current socket, and
/// the token never shows in the machine's `Debug`.
#[test]
fn random_inputs_never_deliver_before_auth_nor_leak_the_token() {
    for seed in 0..200 {
        let mut rng = Rng::new(seed ^ 0xA5A5);
        let mut h = Harness::new(seed);
        let mut authed: Option<u64> = None; // generation the token was sent on
        let mut open: Option<u64> = None;
        for _ in 0..300 {
            let gen = h.gen();
            let g = if rng.below_inclusive(4) == 0 {
                gen.saturating_sub(1)
            } else {
                gen
            };
            let text = [FOLLOW, KEEP_ALIVE, "{bad", "[1]"][rng.below_inclusive(3) as usize];
            let code = [1000, 1006, 1011][rng.below_inclusive(2) as usize];
            h.advance(Duration::from_millis(rng.below_inclusive(4_000)));
            let actions = match rng.below_inclusive(7) {
                0 => h.feed(Input::Start),
                1 => h.feed(Input::Opened { generation: g }),
                2 | 3 => h.feed(Input::Text { generation: g, text }),
                4 => h.feed(Input::Closed { generation: g, code }),
                5 => h.feed(Input::TokenRejectedByRest),
                _ => match h.conn.next_deadline() {
                    Some(d) if d >= h.now => {
                        h.now = d;
                        h.feed(Input::Timer)
                    }
                    _ => h.feed(Input::Timer),
                },
            };
            for action in &actions {
                match action {
                    Action::Open { generation, .. } => {
                        open = Some(*generation);
                        authed = None;
                    }
                    Action::Send { generation, text } => {
                        assert_eq!(open, Some(*generation), "token sent on a socket not opened");
                        assert!(text.contains(TOKEN));
                        authed = Some(*generation);
                    }
                    Action::Deliver(_) => {
                        assert_eq!(authed, Some(h.gen()), "seed {seed}: delivered before auth");
                    }
                    Action::Close { .. } | Action::WentLive => {}
                }
            }
            for shown in [format!("{:?}", h.conn), format!("{:#?}", h.conn)] {
                assert!(!shown.contains(TOKEN), "the token leaked into Debug: {shown}");
            }
        }
    }
}

#[test]
fn the_token_never_appears_in_debug_output() {
    let mut h = Harness::new(1);
    let check = |h: &Harness| {
        let shown = format!("{:?} {:#?} {:?}", h.conn, h.conn, ConnectionOptions::default());
        assert!(!shown.contains(TOKEN), "{shown}");
    };
    check(&h);
    h.feed(Input::Start);
    check(&h);
    h.feed(Input::Opened { generation: 1 });
    check(&h);
    h.fire();
    h.text(FOLLOW);
    check(&h);
    h.feed(Input::TokenRejectedByRest);
    check(&h);
}

#[test]
fn close_1011_after_an_event_frame_is_not_a_token_rejection() {
    // TAU sends events only to authenticated sockets (PROTOCOL.md §2.1), so an event proves the
    // token; a 1011 after it is a server crash (§11: LIVE --close (any code)--> backoff).
    let mut h = Harness::new(11);
    h.feed(Input::Start);
    h.feed(Input::Opened { generation: 1 });
    h.advance(Duration::from_millis(300));
    assert_eq!(h.text(FOLLOW).len(), 2);
    h.advance(Duration::from_millis(500));
    assert!(h.close(1011).is_empty());
    assert_eq!(h.conn.state(), LinkState::Waiting);
    assert!(h.wait() <= ceiling(0));
}
