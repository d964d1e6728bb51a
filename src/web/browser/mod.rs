//! The thin browser shell (wasm32 only): owns sockets, timers and page APIs, and feeds the pure
//! machines. Every listener, closure and timer here is owned by a struct that releases it on drop.

pub mod http;
pub mod intl;
pub mod json;
pub mod page;
pub mod socket;
pub mod storage;
pub mod theme;
pub mod timer;
