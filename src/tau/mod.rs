//! The TAU client, pure (no browser imports): TAU's wire formats ([`protocol`], read through
//! [`wire`]), the sans-IO socket machine ([`connection`]) for the event and chat-bot sockets,
//! gap-free [`backfill`] from the REST API, the REST helpers ([`rest`]) and the chat-bot wire
//! ([`chat`]). The browser drivers that run them live in `crate::web` (wasm32 only).

pub mod backfill;
pub mod chat;
pub mod connection;
pub mod protocol;
pub mod rest;
pub mod wire;
