//! The `/ws/chat-bots/<login>/` socket (PROTOCOL.md §2.1, §5): the shared
//! [`SocketMachine`] with the [`Chat`] endpoint.
//!
//! It follows the rules of every TAU socket: generation numbers, full-jitter backoff, a 1011
//! close soon after the token means *token rejected* (slow retry). Chat differs in its frames:
//!
//! * chat lines flow before the token is settled (TAU does not gate chat on auth), so a line does
//!   not prove the token; sending waits for [`ChatState::Live`];
//! * an `{"error": …}` frame means TAU did not understand the auth frame: the socket stays open
//!   and still hears chat, but cannot send ([`ChatState::BadAuthFrame`]);
//! * an unknown bot or a mixed-case login is refused with HTTP 403, which a browser reports as a
//!   close 1006 without `open`. After [`REFUSED_AFTER`] such closes in a row the state is
//!   [`ChatState::Refused`] and retries slow down. TAU being down looks the same to a browser;
//!   the REST token check tells the two apart.

use super::line::{ChatFrame, ChatLine};
use crate::tau::connection::{Decoded, Endpoint, LinkState, SocketAction, SocketMachine};

/// Consecutive closes without `open` after which the socket counts as refused.
pub const REFUSED_AFTER: u32 = 3;

/// The chat-bot socket: frames are chat lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Chat;

impl Endpoint for Chat {
    type Item = Box<ChatLine>;
    const REFUSED_AFTER: Option<u32> = Some(REFUSED_AFTER);
    const DELIVERY_PROVES_AUTH: bool = false;

    fn decode(text: &str) -> Decoded<Box<ChatLine>> {
        match ChatFrame::parse(text) {
            Ok(ChatFrame::Line(line)) => Decoded::Item(line),
            Ok(ChatFrame::Error(_)) => Decoded::AuthError,
            Ok(ChatFrame::KeepAlive) => Decoded::KeepAlive,
            Ok(ChatFrame::Other) | Err(_) => Decoded::Unusable,
        }
    }
}

/// The chat connection machine.
pub type ChatConnection = SocketMachine<Chat>;

/// What the chat driver must do ([`SocketAction::Deliver`] carries a chat line).
pub type ChatAction = SocketAction<Box<ChatLine>>;

/// Where the chat connection is (the states of every TAU socket).
pub type ChatState = LinkState;
