//! The browser driver of the TAU link: the pure [`Connection`] machine (through the shared
//! [`SocketDriver`]: socket and one timer), the REST token check, and gap-free [`Backfill`] after
//! every (re)connect, with its checkpoint kept in `localStorage`.

use crate::settings::origin::TauOrigin;
use crate::settings::{OverlayConfig, Token};
use crate::tau::backfill::{Backfill, BackfillOptions, BackfillStats, Checkpoint, Delivery, PageOutcome};
use crate::tau::connection::{Action, Connection, ConnectionOptions, Events, Input, LinkState, LinkStats};
use crate::tau::rest::{classify_token_check, TokenStatus, TOKEN_CHECK_PATH};
use crate::web::browser::socket::SocketDriver;
use crate::web::browser::{http, page, storage};
use leptos::prelude::*;
use std::rc::Rc;

/// What the debug panel shows about the link.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkStatus {
    /// Connection state.
    pub state: LinkState,
    /// Counters.
    pub stats: LinkStats,
    /// What the REST API said about the token.
    pub token: TokenStatus,
    /// The last backfill pass.
    pub backfill: BackfillStats,
}

struct LinkDriver {
    link: SocketDriver<Events>,
    backfill: Backfill,
    token: Token,
    /// The only origin the token goes to.
    origin: TauOrigin,
    checkpoint_key: String,
    token_status: TokenStatus,
    on_deliveries: Rc<dyn Fn(Vec<Delivery>)>,
}

/// A handle to the TAU link owned by the current component (`Copy`). Its socket and timer are
/// closed when the component is unmounted; late callbacks and fetches are no-ops.
#[derive(Clone, Copy)]
pub struct TauLinkHandle {
    driver: StoredValue<LinkDriver, LocalStorage>,
    status: RwSignal<LinkStatus>,
}

/// Options for [`use_tau_link`].
pub struct UseTauLinkOptions {
    /// The overlay's settings (`watchdog`, `offline_summary`).
    pub config: OverlayConfig,
    /// The only origin the token goes to ([`OverlayConfig::origin`]).
    pub origin: TauOrigin,
    /// The TAU token.
    pub token: Token,
    /// Receives every event (live or backfilled, each once, in order) and every offline summary,
    /// in batches.
    pub on_deliveries: Box<dyn Fn(Vec<Delivery>)>,
}

/// What [`use_tau_link`] returns: the link's handle.
pub type UseTauLinkReturn = TauLinkHandle;

/// Connects to TAU's `/ws/twitch-events/` at `origin` and hands every event (live or
/// backfilled, each once, in order) and every offline summary to `on_deliveries`, in batches (a
/// backfill pass is one batch, so the alert engine can order it by priority). Every request
/// carrying the token goes to `origin` and nowhere else.
pub fn use_tau_link(options: UseTauLinkOptions) -> UseTauLinkReturn {
    let UseTauLinkOptions {
        config,
        origin,
        token,
        on_deliveries,
    } = options;
    let options = ConnectionOptions {
        watchdog: config.watchdog,
        ..Default::default()
    };
    let conn = Connection::new(
        origin.ws_url("/ws/twitch-events/"),
        token.clone(),
        options,
        page::random_seed(),
    );
    let status = RwSignal::new(LinkStatus {
        state: conn.state(),
        stats: conn.stats().clone(),
        token: TokenStatus::Unknown,
        backfill: BackfillStats::default(),
    });
    let driver = LinkDriver {
        link: SocketDriver::new(conn),
        backfill: Backfill::new(BackfillOptions {
            origin: origin.clone(),
            summary_after: config.offline_summary,
            ..Default::default()
        }),
        token,
        checkpoint_key: format!("tau-overlay:checkpoint:{}", origin.host_port()),
        origin,
        token_status: TokenStatus::Unknown,
        on_deliveries: Rc::from(on_deliveries),
    };
    let handle = TauLinkHandle {
        driver: StoredValue::new_local(driver),
        status,
    };
    handle.check_token();
    handle.start();
    handle
}

impl TauLinkHandle {
    /// The link's status, for display.
    pub fn status(&self) -> ReadSignal<LinkStatus> {
        self.status.read_only()
    }

    /// Asks TAU's REST API whether the token is good (a cheap authenticated GET).
    fn check_token(&self) {
        let handle = *self;
        let Some((url, token)) = self
            .driver
            .try_with_value(|d| (d.origin.http_url(TOKEN_CHECK_PATH), d.token.clone()))
        else {
            return;
        };
        if !self.owns(&url) {
            return;
        }
        leptos::task::spawn_local(async move {
            let status = match http::get(&url, Some(&token)).await {
                Ok(reply) => classify_token_check(Some(reply.status), &reply.body),
                Err(_) => classify_token_check(None, ""),
            };
            handle.set_token_status(status);
        });
    }

    fn set_token_status(&self, status: TokenStatus) {
        let rejected = status == TokenStatus::Rejected;
        self.driver.try_update_value(|d| d.token_status = status);
        if rejected {
            self.feed(Input::TokenRejectedByRest);
        } else {
            self.publish();
        }
    }

    fn start(&self) {
        let handle = *self;
        let now = page::now();
        let actions = self
            .driver
            .try_update_value(|d| d.link.start(now, Rc::new(move |input| handle.feed(input))));
        self.perform(actions.unwrap_or_default());
    }

    fn feed(&self, input: Input<'_>) {
        let now = page::now();
        if let Some(actions) = self.driver.try_update_value(|d| d.link.handle(input, now)) {
            self.perform(actions);
        }
    }

    /// Handles what the socket driver hands back, re-arms the timer, delivers.
    fn perform(&self, actions: Vec<Action>) {
        let mut deliveries = Vec::new();
        for action in actions {
            match action {
                Action::WentLive => self.start_backfill(),
                Action::Deliver(envelope) => deliveries.extend(
                    self.driver
                        .try_update_value(|d| d.backfill.on_live(envelope))
                        .unwrap_or_default(),
                ),
                Action::Open { .. } | Action::Send { .. } | Action::Close { .. } => {}
            }
        }
        let handle = *self;
        self.driver.try_update_value(|d| {
            d.link.schedule(None, page::now(), move || {
                handle.driver.try_update_value(|d| d.link.timer_fired());
                handle.feed(Input::Timer);
            })
        });
        self.deliver(deliveries);
    }

    /// Hands deliveries over (outside any borrow), then persists the checkpoint and the status.
    /// The checkpoint is saved even when nothing was delivered: a pass that only primed it (the
    /// first load) moved it, and the next page load must backfill from there.
    fn deliver(&self, deliveries: Vec<Delivery>) {
        if !deliveries.is_empty() {
            if let Some(on_deliveries) = self.driver.try_with_value(|d| d.on_deliveries.clone()) {
                on_deliveries(deliveries);
            }
        }
        self.driver.try_with_value(|d| {
            if let Some(checkpoint) = d.backfill.checkpoint() {
                storage::set(&d.checkpoint_key, &checkpoint.to_storage_string());
            }
        });
        self.publish();
    }

    fn publish(&self) {
        let status = self.driver.try_with_value(|d| LinkStatus {
            state: d.link.machine().state(),
            stats: d.link.machine().stats().clone(),
            token: d.token_status,
            backfill: d.backfill.stats().clone(),
        });
        if let Some(status) = status {
            self.status.try_set(status);
        }
    }

    /// Pages through the stored events back to the checkpoint (TAU has no "since" filter).
    fn start_backfill(&self) {
        let handle = *self;
        let started = self.driver.try_update_value(|d| {
            let checkpoint = storage::get(&d.checkpoint_key).and_then(|s| Checkpoint::from_storage_string(&s));
            let checkpoint = d.backfill.checkpoint().cloned().or(checkpoint);
            let first = d.backfill.start(checkpoint, page::wall_now())?;
            let url = d.origin.resolve(&first).unwrap_or(first);
            Some((url, d.token.clone()))
        });
        let Some(Some((mut url, token))) = started else { return };
        leptos::task::spawn_local(async move {
            loop {
                if !handle.owns(&url) {
                    let deliveries = handle.driver.try_update_value(|d| d.backfill.on_error());
                    handle.deliver(deliveries.unwrap_or_default());
                    break;
                }
                let reply = http::get(&url, Some(&token)).await;
                let outcome = match reply {
                    Ok(reply) if reply.status == 200 => match crate::tau::wire::parse_document(&reply.body) {
                        Ok(body) => handle
                            .driver
                            .try_update_value(|d| d.backfill.on_page(&body, page::wall_now())),
                        Err(_) => handle
                            .driver
                            .try_update_value(|d| PageOutcome::Done(d.backfill.on_error())),
                    },
                    Ok(reply) => {
                        if reply.status == 401 {
                            handle.set_token_status(TokenStatus::Rejected);
                        }
                        handle
                            .driver
                            .try_update_value(|d| PageOutcome::Done(d.backfill.on_error()))
                    }
                    Err(_) => handle
                        .driver
                        .try_update_value(|d| PageOutcome::Done(d.backfill.on_error())),
                };
                match outcome {
                    // Resolved on TAU's origin by the machine; checked again before the fetch.
                    Some(PageOutcome::Fetch(next)) => url = next,
                    Some(PageOutcome::Done(deliveries)) => {
                        if let Some(Some(refused)) = handle.driver.try_with_value(|d| d.backfill.stats().stopped) {
                            page::warn(&format!("backfill stopped: {refused}"));
                        }
                        handle.deliver(deliveries);
                        break;
                    }
                    None => break,
                }
            }
        });
    }

    /// Whether `url` is on TAU's origin; a request that would carry the token anywhere else is
    /// not made, and the console says so (without the URL).
    fn owns(&self, url: &str) -> bool {
        let owned = self.driver.try_with_value(|d| d.origin.owns(url)).unwrap_or(false);
        if !owned {
            page::warn("a request to another host than TAU was refused (the token is only sent to TAU)");
        }
        owned
    }
}
