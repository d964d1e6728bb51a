//! # tau-overlay
//!
//! Animated Twitch alerts for OBS browser sources, fed by a self-hosted
//! [TAU](https://github.com/Team-TAU/tau) server.
//!
//! The crate has a pure core that compiles and is tested on any target — configuration
//! ([`config`]), TAU's wire formats ([`protocol`]), the connection machine ([`connection`]), the
//! alert engine ([`engine`]) — and, on `wasm32`, a thin browser shell with Leptos components.
#![deny(missing_docs)]

pub mod alarm;
pub mod alert;
pub mod backfill;
mod bounded_set;
pub mod chat;
pub mod clock;
pub mod config;
pub mod connection;
pub mod demo;
pub mod engine;
pub mod letters;
pub mod origin;
pub mod protocol;
pub mod rest;
pub mod text;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;

#[cfg(target_arch = "wasm32")]
pub use components::overlay::{mount_overlay, Overlay};
