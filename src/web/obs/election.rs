//! The browser driver of the pure one-sounder election ([`Sounder`]): messages go over a
//! [`BroadcastChannel`](https://developer.mozilla.org/en-US/docs/Web/API/BroadcastChannel),
//! which reaches every page of this origin in the same browser (all OBS browser sources share
//! one), with one timer for the machine's deadline.
//!
//! Why a `BroadcastChannel` rather than Web Locks (Chromium 103 has both): a lock names only its
//! holder, and it would have to be released and asked for again whenever a source turns
//! invisible; the channel's heartbeats let every copy (and the diagnostics panel, and later the
//! control dock) see who is there and eligible, and the hand-over is the same pure rule
//! everywhere, testable on a virtual clock.

use crate::session::{MemberId, Message, Role, Sounder};
use crate::util::alarm::Alarm;
use crate::web::browser::{page, timer};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name (one per origin).
pub const CHANNEL: &str = "tau-overlay-sounder";

/// This copy's place in the election, for the gate and the diagnostics panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Election {
    /// Sounder, standby or ineligible.
    pub role: Role,
    /// Other copies heard from.
    pub peers: usize,
}

impl Election {
    /// `sounder · 1 other copy`, for the diagnostics panel.
    pub fn label(&self) -> String {
        let copies = if self.peers == 1 { "copy" } else { "copies" };
        format!("{} · {} other {copies}", self.role.label(), self.peers)
    }
}

struct Driver {
    sounder: Sounder,
    channel: BroadcastChannel,
    alarm: Alarm<Timeout>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}

type Handle = StoredValue<Option<Driver>, LocalStorage>;

/// Joins the election while `eligible` says this copy may sound; `None` while the browser has
/// no `BroadcastChannel` (the copy then sounds alone). Leaves it (a goodbye, so another copy
/// takes over at once) on `pagehide` and when the current owner is cleaned up.
pub fn use_sounder_election(eligible: Signal<bool>) -> ReadSignal<Option<Election>> {
    let state = RwSignal::new(None);
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return state.read_only();
    };
    let driver: Handle = StoredValue::new_local(None);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(message) = event.data().as_string().and_then(|t| Message::from_wire(&t)) else {
            return;
        };
        let answers = driver
            .try_update_value(|d| d.as_mut().map(|d| d.sounder.heard(message, page::now())))
            .flatten();
        after(driver, state, answers.unwrap_or_default());
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let me = MemberId {
        joined: page::wall_now().0.max(0) as u64,
        nonce: page::random_seed(),
    };
    let (sounder, hello) = Sounder::join(me, eligible.get_untracked(), page::now());
    driver.set_value(Some(Driver {
        sounder,
        channel,
        alarm: Alarm::default(),
        _on_message: on_message,
    }));
    after(driver, state, hello);
    Effect::new(move |_| {
        let eligible = eligible.get();
        let news = driver
            .try_update_value(|d| d.as_mut().map(|d| d.sounder.set_eligible(eligible, page::now())))
            .flatten();
        after(driver, state, news.unwrap_or_default());
    });
    let leave = move || {
        let bye = driver
            .try_update_value(|d| d.as_mut().map(|d| d.sounder.leave()))
            .flatten();
        after(driver, state, bye.unwrap_or_default());
    };
    let pagehide = window_event_listener_untyped("pagehide", move |_| leave());
    on_cleanup(move || {
        pagehide.remove();
        leave();
        driver.try_update_value(|d| d.take());
    });
    state.read_only()
}

/// Sends `messages`, publishes the role and re-arms the timer for the machine's next deadline.
fn after(driver: Handle, state: RwSignal<Option<Election>>, messages: Vec<Message>) {
    let now = page::now();
    let election = driver
        .try_update_value(|d| {
            let d = d.as_mut()?;
            for m in &messages {
                let _ = d.channel.post_message(&JsValue::from_str(&m.to_wire()));
            }
            timer::rearm(&mut d.alarm, d.sounder.next_deadline(), now, move || {
                let beat = driver
                    .try_update_value(|d| {
                        let d = d.as_mut()?;
                        d.alarm.fired();
                        Some(d.sounder.tick(page::now()))
                    })
                    .flatten();
                after(driver, state, beat.unwrap_or_default());
            });
            Some(Election {
                role: d.sounder.role(now),
                peers: d.sounder.peers(now),
            })
        })
        .flatten();
    if election.is_some() && state.try_get_untracked().flatten() != election {
        state.try_set(election);
    }
}
