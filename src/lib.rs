//! # tau-overlay
//!
//! Animated Twitch alerts for OBS browser sources, fed by a self-hosted
//! [TAU](https://github.com/Team-TAU/tau) server.
//!
//! The folders say what is pure and what touches the browser:
//!
//! * pure core, compiled and tested on any target with a virtual clock, no browser imports:
//!   [`settings`] (the URL fragment and where the token may go), [`tau`] (the TAU client:
//!   wire formats, socket machine, backfill, REST, chat wire), [`engine`] (the alert engine),
//!   [`text`] (viewer text: caps, emotes, cheermotes, word filter), [`session`] (the event
//!   list's and latest labels' state), [`widgets`] (the live widgets' state: goal, hype train,
//!   poll, prediction), [`demo`] (the demo feed) and [`util`];
//! * browser shell, `wasm32` only: `web` (browser API drivers, Leptos components and hooks,
//!   and `web::embed`, which mounts widgets into any element: the JS `mount()` and the custom
//!   elements build on it).
//!
//! For another Leptos app, the widgets and the page's one TAU link are re-exported here
//! (`wasm32`): `use_tau` returns the shared feed, which `EventList`, `Labels`,
//! `AlertBox` (through `use_alert_engine`) and `ChatList` show; `examples/embed/` is a
//! complete app embedding two of them.
#![deny(missing_docs)]

pub mod demo;
pub mod engine;
pub mod session;
pub mod settings;
pub mod tau;
pub mod text;
pub mod util;
pub mod widgets;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub use web::components::overlay::{mount_overlay, Overlay};

#[cfg(target_arch = "wasm32")]
pub use web::components::{
    alert_box::AlertBox,
    chat::ChatList,
    event_list::EventList,
    feed::{use_tau, TauFeed, UseTauOptions},
    labels::Labels,
};

/// The build id, shown in the diagnostics panel and put on the theme URL
/// (`web::browser::theme::load`) so a browser cache (OBS keeps one across restarts)
/// never serves one build's theme to another build.
///
/// Set at compile time through the `TAU_OVERLAY_BUILD_ID` environment variable (`.ci/release`
/// sets the git commit); the crate version when it is unset or empty.
pub const BUILD_ID: &str = match option_env!("TAU_OVERLAY_BUILD_ID") {
    Some(id) if !id.is_empty() => id,
    _ => env!("CARGO_PKG_VERSION"),
};
