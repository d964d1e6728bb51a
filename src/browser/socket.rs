//! A browser `WebSocket` owned by a value: dropping the [`Socket`] detaches its handlers and
//! closes it, so no callback of an old socket outlives it.
//! ([MDN](https://developer.mozilla.org/docs/Web/API/WebSocket))

use super::{page, timer::Timer};
use crate::connection::Input;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

/// What a socket reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SocketEvent {
    /// The connection opened.
    Open,
    /// A text frame arrived.
    Text(String),
    /// A binary frame arrived (TAU sends none; counted as bad).
    Binary,
    /// The connection closed or failed (`1006` when it never opened).
    Closed(u16),
}

/// An open or opening websocket.
pub struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Opens `url`; every event goes to `on_event`. Fails only on a malformed URL.
    pub fn open(url: &str, on_event: Rc<dyn Fn(SocketEvent)>) -> Result<Socket, String> {
        let ws = WebSocket::new(url).map_err(|_| format!("cannot open websocket {url}"))?;
        let cb = on_event.clone();
        let on_open = Closure::<dyn FnMut(Event)>::new(move |_| cb(SocketEvent::Open));
        let cb = on_event.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| match e.data().as_string() {
            Some(text) => cb(SocketEvent::Text(text)),
            None => cb(SocketEvent::Binary),
        });
        let cb = on_event;
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| cb(SocketEvent::Closed(e.code())));
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        Ok(Socket {
            ws,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        })
    }

    /// Sends a text frame; a socket that is not open drops it (the machine resends on reconnect).
    pub fn send(&self, text: &str) {
        let _ = self.ws.send_with_str(text);
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

/// A socket for a connection machine, or the timer that reports its failure.
pub enum Opened {
    /// The socket is opening; its events reach the machine tagged with its generation.
    Socket(Socket),
    /// The URL was refused: the timer reports a close (1006) once the current call has finished.
    Failed(Option<Timer>),
}

/// Opens `url` and feeds its events to a connection machine as [`Input`]s tagged with
/// `generation` (a binary frame becomes an empty text frame, which the machines count as bad).
pub fn open_for_machine(url: &str, generation: u64, feed: Rc<dyn Fn(Input<'_>)>) -> Opened {
    let on_close = feed.clone();
    let on_socket: Rc<dyn Fn(SocketEvent)> = Rc::new(move |event| match event {
        SocketEvent::Open => feed(Input::Opened { generation }),
        SocketEvent::Text(text) => feed(Input::Text {
            generation,
            text: &text,
        }),
        SocketEvent::Binary => feed(Input::Text { generation, text: "" }),
        SocketEvent::Closed(code) => feed(Input::Closed { generation, code }),
    });
    match Socket::open(url, on_socket) {
        Ok(socket) => Opened::Socket(socket),
        Err(e) => {
            page::warn(&e);
            Opened::Failed(Timer::once(0, move || {
                on_close(Input::Closed { generation, code: 1006 })
            }))
        }
    }
}

/// The current socket of a connection machine, tagged with its generation: sends and closes
/// meant for another generation do nothing.
#[derive(Default)]
pub struct SocketSlot(Option<(u64, Socket)>);

impl SocketSlot {
    /// Sends `text` if the current socket is of `generation`.
    pub fn send(&self, generation: u64, text: &str) {
        if let Some((_, socket)) = self.0.as_ref().filter(|(g, _)| *g == generation) {
            socket.send(text);
        }
    }

    /// Closes (drops) the current socket if it is of `generation`.
    pub fn close(&mut self, generation: u64) {
        if self.0.as_ref().is_some_and(|(g, _)| *g == generation) {
            self.0 = None;
        }
    }

    /// Installs the result of [`open_for_machine`]; a failure hands back its report timer.
    pub fn set(&mut self, generation: u64, opened: Opened) -> Option<Timer> {
        match opened {
            Opened::Socket(socket) => {
                self.0 = Some((generation, socket));
                None
            }
            Opened::Failed(timer) => {
                self.0 = None;
                timer
            }
        }
    }
}
