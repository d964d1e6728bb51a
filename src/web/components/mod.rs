//! Leptos components (wasm32 only). Each folder holds one component and its stylesheet.

pub mod alert_box;
pub mod chat;
pub mod overlay;
pub mod status;
