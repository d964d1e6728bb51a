//! The page's shared feeds: every [`mount`](super::mount) with the same TAU origin and token (or
//! the demo) leases the same [`TauFeed`], so a page with several widgets opens one events socket
//! and runs one backfill. The feed lives under its own reactive owner, disposed (socket closed,
//! timers and fetches ended) when its last lease is dropped.

use crate::settings::{OverlayConfig, TauOrigin, Token};
use crate::web::components::feed::{use_tau, TauFeed, UseTauOptions};
use crate::web::components::overlay::engine_config;
use leptos::prelude::*;
use std::cell::RefCell;

/// What makes two mounts share a feed.
#[derive(PartialEq)]
struct Key {
    demo: bool,
    token: Option<Token>,
    origin: Option<TauOrigin>,
}

struct Entry {
    id: u64,
    key: Key,
    feed: TauFeed,
    owner: Owner,
    leases: usize,
}

#[derive(Default)]
struct Registry {
    next_id: u64,
    entries: Vec<Entry>,
}

thread_local! {
    static FEEDS: RefCell<Registry> = RefCell::default();
}

/// One mount's share of a feed; the last one dropped disposes the feed.
pub(super) struct Lease {
    id: u64,
    feed: TauFeed,
}

impl Lease {
    /// The shared feed's handle.
    pub(super) fn feed(&self) -> TauFeed {
        self.feed
    }
}

/// The page's feed for `config`'s origin and token (or demo), created on first use. The first
/// mount's other link settings (`watchdog`, `offline_summary`) apply to it.
pub(super) fn lease(config: &OverlayConfig) -> Lease {
    let key = Key {
        demo: config.demo,
        token: config.token.clone(),
        origin: config.origin(),
    };
    let found = FEEDS.with_borrow_mut(|r| {
        let entry = r.entries.iter_mut().find(|e| e.key == key)?;
        entry.leases += 1;
        Some(Lease {
            id: entry.id,
            feed: entry.feed,
        })
    });
    if let Some(lease) = found {
        return lease;
    }
    // Created outside the registry's borrow: the feed's first work is scheduled, not run here.
    let owner = Owner::new();
    let feed = owner.with(|| {
        use_tau(UseTauOptions {
            config: config.clone(),
            demo_engine: engine_config(config, Default::default()),
            deferred: false,
        })
    });
    FEEDS.with_borrow_mut(|r| {
        r.next_id += 1;
        let id = r.next_id;
        r.entries.push(Entry {
            id,
            key,
            feed,
            owner,
            leases: 1,
        });
        Lease { id, feed }
    })
}

impl Drop for Lease {
    fn drop(&mut self) {
        let gone = FEEDS.with_borrow_mut(|r| {
            let at = r.entries.iter().position(|e| e.id == self.id)?;
            r.entries[at].leases -= 1;
            (r.entries[at].leases == 0).then(|| r.entries.remove(at).owner)
        });
        // Cleaned outside the borrow: the feed's cleanups may run arbitrary code.
        if let Some(owner) = gone {
            owner.cleanup();
        }
    }
}

/// How many feeds the page holds (for tests: 0 once everything is unmounted).
pub fn live_feeds() -> usize {
    FEEDS.with_borrow(|r| r.entries.len())
}
