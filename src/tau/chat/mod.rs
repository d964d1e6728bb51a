//! Chat on `/ws/chat-bots/<login>/` (PROTOCOL.md §5): the socket path, the frames TAU forwards
//! ([`line`](mod@line)), the connection machine ([`connection`]), a rate-limited send queue ([`outbox`]) and what the chat box shows
//! ([`screen`]: hidden commands and bots, the delay, bans, the line cap).
//!
//! Everything here is pure: the browser shell opens the socket, feeds frames and the clock in, and
//! renders [`ChatPart`]s as text nodes and whitelisted emote images.

pub mod connection;
pub mod line;
pub mod outbox;
pub mod screen;

pub use connection::{Chat, ChatAction, ChatConnection, ChatState};
pub use line::{emote_url, is_emote_id, ChatFrame, ChatLine, ChatPart, EmoteSpan};
pub use outbox::{ChatOutbox, OutboxOptions, SendError};

/// Why a chat-bot login cannot be used in a socket path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChatError {
    /// Not a Twitch login (1 to 25 ASCII letters, digits or `_`): fix the `chat=` setting.
    #[error("`{0}` is not a Twitch login (1 to 25 letters, digits or _)")]
    BadLogin(String),
    /// `status`: TAU's `/ws/chat-bots/status/` route shadows a bot of that name; use another bot.
    #[error("a chat bot named `status` is unreachable through TAU (the route is taken)")]
    ReservedLogin,
}

/// Whether `login` (already lower-case) is a syntactically valid Twitch login.
pub(crate) fn is_login(login: &str) -> bool {
    (1..=25).contains(&login.len()) && login.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The socket path for the chat of `login`: `/ws/chat-bots/<login>/`.
///
/// The login is lower-cased, because TAU compares it case-sensitively with lower-case names and a
/// mixed-case URL is refused (HTTP 403) or joins a group nobody publishes to (PROTOCOL.md §5.1).
///
/// ```
/// use tau_overlay::tau::chat;
/// assert_eq!(chat::path("TestBot").unwrap(), "/ws/chat-bots/testbot/");
/// assert!(chat::path("status").is_err());
/// ```
pub fn path(login: &str) -> Result<String, ChatError> {
    let login = login.to_ascii_lowercase();
    if !is_login(&login) {
        return Err(ChatError::BadLogin(login));
    }
    if login == "status" {
        return Err(ChatError::ReservedLogin);
    }
    Ok(format!("/ws/chat-bots/{login}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_lowercases_and_validates() {
        assert_eq!(path("Test_Bot9").unwrap(), "/ws/chat-bots/test_bot9/");
        assert_eq!(path("STATUS"), Err(ChatError::ReservedLogin));
        for bad in ["", "a b", "bot/../x", "ünïcode", &"a".repeat(26)] {
            assert!(matches!(path(bad), Err(ChatError::BadLogin(_))), "{bad:?}");
        }
        assert!(path(&"a".repeat(25)).is_ok());
    }
}
