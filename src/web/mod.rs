//! The browser shell (wasm32 only): everything that touches the browser. [`browser`] wraps the
//! browser APIs (the URL fragment, sockets and fetches through gloo-net, timers through
//! gloo-timers, `localStorage`, the theme link); [`components`] holds the Leptos components and
//! the hooks (`use_*`) that drive the pure core with them; [`obs`] the OBS browser-source
//! integration; [`embed`] mounts widgets into any page (the JS `mount()` and the custom
//! elements build on it).

pub mod browser;
pub mod components;
pub mod embed;
pub mod obs;
