//! Leptos components (wasm32 only). Each folder holds one component and its stylesheet.

pub mod alert_box;
pub mod chat;
pub mod event_list;
pub mod feed;
pub mod labels;
pub mod overlay;
pub mod status;
