#![cfg(not(target_arch = "wasm32"))]

mod bench;
mod browser;
mod chat_box;
mod controls;
mod embed;
mod engine;
#[path = "../fake_tau/mod.rs"]
mod fake_tau;
mod fake_tau_quirks;
mod lang;
mod link;
mod media;
mod obs;
mod obs_integration;
mod overlay;
mod release;
mod themes;
mod token_safety;
mod viewer_text;
mod viewers;
mod widgets;
