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

/// Options for [`use_demo_feed`].
pub struct UseDemoFeedOptions {
    /// The engine the feed is paced to (its alerts' time on screen).
    pub engine: EngineConfig,
    /// Receives every sample event.
    pub on_event: Box<dyn Fn(Envelope)>,
}

/// Starts the demo feed, owned by the current component, paced to an engine running
/// `options.engine`; events go to `options.on_event`. It returns nothing: the feed stops when
/// the component is unmounted.
pub fn use_demo_feed(options: UseDemoFeedOptions) {
    let UseDemoFeedOptions { engine, on_event } = options;
    let start = page::now() + Duration::from_millis(500);
    let feed = DemoFeed::new(page::random_seed(), start, &engine);
    let driver = StoredValue::new_local(DemoDriver {
        feed,
        timer: None,
        on_event: Rc::from(on_event),
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
