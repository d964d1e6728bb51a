//! The browser driver of the TAU link: the pure [`Connection`] machine (socket, one timer), the
//! REST token check, and gap-free [`Backfill`] after every (re)connect, with its checkpoint kept
//! in `localStorage`.

use crate::backfill::{Backfill, BackfillOptions, BackfillStats, Checkpoint, Delivery, PageOutcome};
use crate::browser::socket::{open_for_machine, SocketSlot};
use crate::browser::{http, page, storage, timer::Timer};
use crate::config::{OverlayConfig, Token};
use crate::connection::{Action, Connection, ConnectionOptions, Input, LinkState, LinkStats};
use crate::rest::{classify_token_check, TokenStatus, TOKEN_CHECK_PATH};
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
    conn: Connection,
    socket: SocketSlot,
    timer: Option<Timer>,
    backfill: Backfill,
    token: Token,
    http_base: String,
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

/// Connects to TAU's `/ws/twitch-events/` and hands every event (live or backfilled, each once,
/// in order) and every offline summary to `on_deliveries`, in batches (a backfill pass is one
/// batch, so the alert engine can order it by priority).
pub fn use_tau_link(
    config: &OverlayConfig,
    token: Token,
    on_deliveries: impl Fn(Vec<Delivery>) + 'static,
) -> TauLinkHandle {
    let options = ConnectionOptions {
        watchdog: config.watchdog,
        ..Default::default()
    };
    let conn = Connection::new(
        config.ws_url("/ws/twitch-events/"),
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
        conn,
        socket: SocketSlot::default(),
        timer: None,
        backfill: Backfill::new(BackfillOptions {
            summary_after: config.offline_summary,
            ..Default::default()
        }),
        token,
        http_base: config.http_url(""),
        checkpoint_key: format!("tau-overlay:checkpoint:{}", config.tau),
        token_status: TokenStatus::Unknown,
        on_deliveries: Rc::new(on_deliveries),
    };
    let handle = TauLinkHandle {
        driver: StoredValue::new_local(driver),
        status,
    };
    handle.check_token();
    handle.feed(Input::Start);
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
            .try_with_value(|d| (format!("{}{TOKEN_CHECK_PATH}", d.http_base), d.token.clone()))
        else {
            return;
        };
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

    fn feed(&self, input: Input<'_>) {
        let now = page::now();
        let Some(actions) = self.driver.try_update_value(|d| d.conn.handle(input, now)) else {
            return;
        };
        let mut deliveries = Vec::new();
        for action in actions {
            match action {
                Action::Open { generation, url } => self.open(generation, &url),
                Action::Send { generation, text } => {
                    self.driver.with_value(|d| d.socket.send(generation, &text));
                }
                Action::Close { generation } => self.driver.update_value(|d| d.socket.close(generation)),
                Action::WentLive => self.start_backfill(),
                Action::Deliver(envelope) => deliveries.extend(
                    self.driver
                        .try_update_value(|d| d.backfill.on_live(envelope))
                        .unwrap_or_default(),
                ),
            }
        }
        let handle = *self;
        self.driver.try_update_value(|d| {
            d.timer = d
                .conn
                .next_deadline()
                .and_then(|at| Timer::once((at - page::now()).as_millis() as u64, move || handle.feed(Input::Timer)));
        });
        self.deliver(deliveries);
    }

    /// Hands deliveries over (outside any borrow), then persists the checkpoint and the status.
    fn deliver(&self, deliveries: Vec<Delivery>) {
        if deliveries.is_empty() {
            self.publish();
            return;
        }
        if let Some(on_deliveries) = self.driver.try_with_value(|d| d.on_deliveries.clone()) {
            on_deliveries(deliveries);
            self.driver.with_value(|d| {
                if let Some(checkpoint) = d.backfill.checkpoint() {
                    storage::set(&d.checkpoint_key, &checkpoint.to_storage_string());
                }
            });
        }
        self.publish();
    }

    fn publish(&self) {
        let status = self.driver.try_with_value(|d| LinkStatus {
            state: d.conn.state(),
            stats: d.conn.stats().clone(),
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
            let url = if first.starts_with("http") {
                first
            } else {
                format!("{}{}", d.http_base, first)
            };
            Some((url, d.token.clone()))
        });
        let Some(Some((mut url, token))) = started else { return };
        leptos::task::spawn_local(async move {
            loop {
                let reply = http::get(&url, Some(&token)).await;
                let outcome = match reply {
                    Ok(reply) if reply.status == 200 => match crate::wire::parse(&reply.body) {
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
                    Some(PageOutcome::Fetch(next)) if next.starts_with('/') => {
                        url = match handle.driver.try_with_value(|d| format!("{}{next}", d.http_base)) {
                            Some(url) => url,
                            None => break,
                        }
                    }
                    Some(PageOutcome::Fetch(next)) => url = next,
                    Some(PageOutcome::Done(deliveries)) => {
                        handle.deliver(deliveries);
                        break;
                    }
                    None => break,
                }
            }
        });
    }

    fn open(&self, generation: u64, url: &str) {
        let handle = *self;
        let opened = open_for_machine(url, generation, Rc::new(move |input| handle.feed(input)));
        self.driver.update_value(|d| {
            if let Some(timer) = d.socket.set(generation, opened) {
                d.timer = Some(timer);
            }
        });
    }
}
