//! [`ChatList`]: a minimal chat box for the `chat=<login>` setting, and [`use_chat`], the chat-bot
//! socket driver with its send API ([`ChatHandle::say`]). Chat text is rendered as text nodes;
//! emotes are images only for whitelisted emote ids.

mod driver;

pub use crate::tau::chat::screen::banned_login;
pub use driver::{use_chat, ChatHandle, KeyedLine, UseChatOptions, UseChatReturn};

use crate::tau::chat::{emote_url, ChatPart, SendError};
use crate::text::contrast::readable_name_color;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    /// The chat link [`say`] uses, with the id of its registration.
    static CURRENT: Cell<Option<(u64, ChatHandle)>> = const { Cell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// Why the JS API `chat_say(channel, message)` refused a message (it throws the message).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SayError {
    /// No chat link is mounted (no `chat=<login>` in the fragment, or the overlay was
    /// unmounted): open the overlay with `chat=<login>`.
    #[error("no chat link: open the overlay with chat=<login>")]
    NotMounted,
    /// The chat link refused the message (empty, an exact repeat within 30 s, …): change it or
    /// wait.
    #[error("{0}")]
    Refused(#[from] SendError),
}

/// Makes `handle` the one [`say`] uses (the overlay registers its chat link here), until the
/// current reactive owner is cleaned up (unmount): then [`say`] fails with
/// [`SayError::NotMounted`] again, unless another link registered meanwhile.
pub fn register(handle: ChatHandle) {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    CURRENT.with(|c| c.set(Some((id, handle))));
    on_cleanup(move || {
        CURRENT.with(|c| {
            if c.get().is_some_and(|(current, _)| current == id) {
                c.set(None);
            }
        })
    });
}

/// Says `message` in `channel` through the registered chat link (the JS API `chat_say`).
pub fn say(channel: &str, message: &str) -> Result<(), SayError> {
    let (_, handle) = CURRENT.with(Cell::get).ok_or(SayError::NotMounted)?;
    Ok(handle.say(channel, message)?)
}

/// Shows the latest chat lines of `chat`.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tau_overlay::settings::parse_fragment;
/// use tau_overlay::web::components::chat::{use_chat, ChatList, UseChatOptions};
/// let config = parse_fragment("#tau=localhost:8000&token=…&chat=mybot").config;
/// let (origin, login, token) = (config.origin().unwrap(), config.chat.clone().unwrap(), config.token.clone().unwrap());
/// leptos::mount::mount_to_body(move || {
///     let chat = use_chat(UseChatOptions { config, origin, login, token });
///     view! { <ChatList chat=chat /> }
/// });
/// ```
#[component]
pub fn ChatList(
    /// The chat link, from [`use_chat`].
    chat: ChatHandle,
) -> impl IntoView {
    let lines = chat.lines();
    view! {
        <ol class="tau-chat" data-testid="chat" data-state=move || chat.state().get().label()>
            <For
                each=move || lines.get()
                key=|l: &KeyedLine| l.key
                children=move |l: KeyedLine| {
                    let parts = l
                        .line
                        .parts()
                        .into_iter()
                        .map(|part| match part {
                            ChatPart::Text(t) => view! { <span>{t}</span> }.into_any(),
                            ChatPart::Emote { id, name } => emote(&id, name).into_any(),
                        })
                        .collect_view();
                    let color = l.line.color.as_deref().and_then(readable_name_color);
                    view! {
                        <li class="tau-chat__line" data-testid="chat-line">
                            <span class="tau-chat__name" style:color=color>{l.line.display_name.clone()}</span>
                            ": "
                            {parts}
                        </li>
                    }
                }
            />
        </ol>
    }
}

/// An emote image from Twitch's CDN (the id is whitelisted); if it fails to load, its name shows
/// as text instead of a broken-image icon (the signal belongs to the line's row, freed with it).
fn emote(id: &str, name: String) -> impl IntoView {
    let broken = RwSignal::new(false);
    let (src, alt) = (emote_url(id), name.clone());
    move || {
        if broken.get() {
            view! { <span class="tau-chat__emote-name" data-testid="chat-emote-name">{name.clone()}</span> }.into_any()
        } else {
            view! {
                <img
                    class="tau-chat__emote"
                    data-testid="chat-emote"
                    src=src.clone()
                    alt=alt.clone()
                    title=alt.clone()
                    on:error=move |_| broken.set(true)
                />
            }
            .into_any()
        }
    }
}
