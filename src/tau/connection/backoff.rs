//! The tunables of a TAU socket and the retry policy both sockets share.

use crate::util::clock::Rng;
use core::time::Duration;

/// Tunables; [`Default`] follows PROTOCOL.md's recommendations.
#[derive(Clone, Debug)]
pub struct ConnectionOptions {
    /// First backoff ceiling; doubles per failed attempt.
    pub backoff_base: Duration,
    /// Largest backoff ceiling.
    pub backoff_cap: Duration,
    /// A connection live this long resets the backoff.
    pub stable_after: Duration,
    /// Silence after the token that counts as accepted.
    pub auth_grace: Duration,
    /// A 1011 close this soon after sending the token means the token was rejected.
    pub reject_window: Duration,
    /// Minimum wait before retrying with a rejected token.
    pub rejected_retry: Duration,
    /// Reconnect when no frame at all arrived for this long (keep-alives come every 120 s).
    pub watchdog: Duration,
    /// Give up on a socket that has not opened after this long.
    pub connect_timeout: Duration,
}

impl Default for ConnectionOptions {
    fn default() -> Self {
        ConnectionOptions {
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(30),
            stable_after: Duration::from_secs(60),
            auth_grace: Duration::from_secs(2),
            reject_window: Duration::from_secs(3),
            rejected_retry: Duration::from_secs(30),
            watchdog: Duration::from_secs(300),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

/// Full-jitter exponential backoff, shared by the event socket and the chat socket: the delay
/// before attempt `n` is uniform in `0..=min(cap, base·2ⁿ)`, reset after a stable connection; a
/// rejected token waits at least `rejected_retry` plus up to half of it as jitter.
#[derive(Debug)]
pub struct Backoff {
    rng: Rng,
    /// Consecutive failed attempts (drives the ceiling).
    attempt: u32,
}

impl Backoff {
    /// A backoff whose jitter is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Backoff {
            rng: Rng::new(seed),
            attempt: 0,
        }
    }

    /// The wait before the next attempt. `stable`: the connection that just ended had been live
    /// for at least `stable_after`, which starts the sequence over.
    pub fn next_delay(&mut self, options: &ConnectionOptions, stable: bool) -> Duration {
        if stable {
            self.attempt = 0;
        }
        let ceiling = options
            .backoff_base
            .saturating_mul(1u32 << self.attempt.min(16))
            .min(options.backoff_cap);
        self.attempt = self.attempt.saturating_add(1);
        Duration::from_millis(self.rng.below_inclusive(ceiling.as_millis() as u64))
    }

    /// The wait after a rejected token (or a refused socket): slow, jittered.
    pub fn slow_delay(&mut self, options: &ConnectionOptions) -> Duration {
        let base = options.rejected_retry;
        base + Duration::from_millis(self.rng.below_inclusive(base.as_millis() as u64 / 2))
    }
}
