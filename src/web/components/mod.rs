//! Leptos components (wasm32 only). Each folder holds one component and its stylesheet.

pub mod alert_box;
pub mod chat;
pub mod event_list;
pub mod feed;
pub mod goal;
pub mod hype_train;
pub mod labels;
pub mod live;
pub mod overlay;
pub mod poll;
pub mod prediction;
pub mod status;
