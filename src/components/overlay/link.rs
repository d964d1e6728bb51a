//! The browser driver of the pure [`Connection`] machine: owns the socket and one timer.

use crate::browser::socket::{Socket, SocketEvent};
use crate::browser::{page, timer::Timer};
use crate::config::{OverlayConfig, Token};
use crate::connection::{Action, Connection, ConnectionOptions, Input, LinkState, LinkStats};
use crate::protocol::Envelope;
use leptos::prelude::*;
use std::rc::Rc;

/// What the debug panel shows about the link.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkStatus {
    /// Connection state.
    pub state: LinkState,
    /// Counters.
    pub stats: LinkStats,
}

struct LinkDriver {
    conn: Connection,
    socket: Option<(u64, Socket)>,
    timer: Option<Timer>,
    on_event: Rc<dyn Fn(Envelope)>,
}

/// A handle to the TAU link owned by the current component (`Copy`). Its socket and timer are
/// closed when the component is unmounted; late callbacks are no-ops.
#[derive(Clone, Copy)]
pub struct TauLinkHandle {
    driver: StoredValue<LinkDriver, LocalStorage>,
    status: RwSignal<LinkStatus>,
}

/// Connects to TAU's `/ws/twitch-events/` and hands every event to `on_event`.
pub fn use_tau_link(config: &OverlayConfig, token: Token, on_event: impl Fn(Envelope) + 'static) -> TauLinkHandle {
    let options = ConnectionOptions {
        watchdog: config.watchdog,
        ..Default::default()
    };
    let conn = Connection::new(config.ws_url("/ws/twitch-events/"), token, options, page::random_seed());
    let status = RwSignal::new(LinkStatus {
        state: conn.state(),
        stats: conn.stats().clone(),
    });
    let handle = TauLinkHandle {
        driver: StoredValue::new_local(LinkDriver {
            conn,
            socket: None,
            timer: None,
            on_event: Rc::new(on_event),
        }),
        status,
    };
    handle.feed(Input::Start);
    handle
}

impl TauLinkHandle {
    /// The link's status, for display.
    pub fn status(&self) -> ReadSignal<LinkStatus> {
        self.status.read_only()
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
                    self.driver.with_value(|d| {
                        if let Some((_, socket)) = d.socket.as_ref().filter(|(g, _)| *g == generation) {
                            socket.send(&text);
                        }
                    });
                }
                Action::Close { generation } => self.driver.update_value(|d| {
                    if d.socket.as_ref().is_some_and(|(g, _)| *g == generation) {
                        d.socket = None;
                    }
                }),
                Action::WentLive => {}
                Action::Deliver(envelope) => deliveries.push(*envelope),
            }
        }
        let handle = *self;
        let snapshot = self.driver.try_update_value(|d| {
            d.timer = d
                .conn
                .next_deadline()
                .and_then(|at| Timer::once((at - page::now()).as_millis() as u64, move || handle.feed(Input::Timer)));
            (
                LinkStatus {
                    state: d.conn.state(),
                    stats: d.conn.stats().clone(),
                },
                d.on_event.clone(),
            )
        });
        if let Some((status, on_event)) = snapshot {
            self.status.try_set(status);
            for envelope in deliveries {
                on_event(envelope);
            }
        }
    }

    fn open(&self, generation: u64, url: &str) {
        let handle = *self;
        let on_socket: Rc<dyn Fn(SocketEvent)> = Rc::new(move |event| match event {
            SocketEvent::Open => handle.feed(Input::Opened { generation }),
            SocketEvent::Text(text) => handle.feed(Input::Text {
                generation,
                text: &text,
            }),
            SocketEvent::Binary => handle.feed(Input::Text { generation, text: "" }),
            SocketEvent::Closed(code) => handle.feed(Input::Closed { generation, code }),
        });
        match Socket::open(url, on_socket) {
            Ok(socket) => self.driver.update_value(|d| d.socket = Some((generation, socket))),
            Err(e) => {
                page::warn(&e);
                // Report the failure as a close once the current call has finished.
                let timer = Timer::once(0, move || handle.feed(Input::Closed { generation, code: 1006 }));
                self.driver.update_value(|d| {
                    d.socket = None;
                    d.timer = timer;
                });
            }
        }
    }
}
