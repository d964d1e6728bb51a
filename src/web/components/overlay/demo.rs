//! The browser driver of the [`DemoFeed`]: one timer, no server.

use crate::demo::DemoFeed;
use crate::engine::EngineConfig;
use crate::tau::protocol::Envelope;
use crate::web::browser::{page, timer};
use core::time::Duration;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::rc::Rc;

struct DemoDriver {
    feed: DemoFeed,
    timer: Option<Timeout>,
    on_event: Rc<dyn Fn(Envelope)>,
}

/// Starts the demo feed, owned by the current component, paced to an engine running `config`;
/// events go to `on_event`.
pub fn use_demo_feed(config: &EngineConfig, on_event: impl Fn(Envelope) + 'static) {
    let start = page::now() + Duration::from_millis(500);
    let feed = DemoFeed::new(page::random_seed(), start, config);
    let driver = StoredValue::new_local(DemoDriver {
        feed,
        timer: None,
        on_event: Rc::new(on_event),
    });
    schedule(driver);
}

fn schedule(driver: StoredValue<DemoDriver, LocalStorage>) {
    driver.try_update_value(|d| {
        let delay = d.feed.next_at() - page::now();
        d.timer = Some(timer::timeout(delay.as_millis() as u64, Box::new(move || fire(driver))));
    });
}

fn fire(driver: StoredValue<DemoDriver, LocalStorage>) {
    let Some((events, on_event)) = driver.try_update_value(|d| (d.feed.next_events(page::now()), d.on_event.clone()))
    else {
        return;
    };
    for envelope in events {
        on_event(envelope);
    }
    schedule(driver);
}
