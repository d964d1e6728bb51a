//! [`ChatList`]: a minimal chat box for the `chat=<login>` setting, and [`use_chat`], the chat-bot
//! socket driver with its send API ([`ChatHandle::say`]). Chat text is rendered as text nodes;
//! emotes are images only for whitelisted emote ids.

mod driver;

pub use driver::{use_chat, ChatHandle, KeyedLine, MAX_LINES};

use crate::chat::{emote_url, ChatPart};
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<Option<ChatHandle>> = const { Cell::new(None) };
}

/// Makes `handle` the one [`say`] uses (the overlay registers its chat link here).
pub fn register(handle: ChatHandle) {
    CURRENT.with(|c| c.set(Some(handle)));
}

/// Says `message` in `channel` through the registered chat link (the JS API `chat_say`).
pub fn say(channel: &str, message: &str) -> Result<(), String> {
    let handle = CURRENT
        .with(Cell::get)
        .ok_or("no chat link: open the overlay with chat=<login>")?;
    handle.say(channel, message).map_err(|e| e.to_string())
}

/// Shows the latest chat lines of `chat`.
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
                            ChatPart::Emote { id, name } => {
                                view! { <img class="tau-chat__emote" src=emote_url(&id) alt=name.clone() title=name /> }.into_any()
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="tau-chat__line" data-testid="chat-line">
                            <span class="tau-chat__name" style:color=l.line.color.clone()>{l.line.display_name.clone()}</span>
                            ": "
                            {parts}
                        </li>
                    }
                }
            />
        </ol>
    }
}
