//! Viewer text (names, messages, reward titles, redemption inputs) made safe to show.
//!
//! Pure Rust, no browser API: the shell renders the result as text nodes and `<img>`s only.
//!
//! * [`sanitize`], [`cap_chars`], [`clean_name`]: control and bidi override characters out,
//!   absurd lengths capped with an ellipsis.
//! * [`build_fragments`]: a message as [`Fragment`]s, text, Twitch emotes (from the positions
//!   Twitch sends) and cheermotes (from a [`CheermoteSet`], built from Helix's
//!   `bits/cheermotes` answer or [`CheermoteSet::builtin`]).
//! * [`WordFilter`]: the streamer's word lists ([`WordFilterConfig`]), matched after NFKC,
//!   zero-width removal and a leetspeak map, masking words and giving a [`Verdict`].
//!
//! Per alert, the shell is expected to do: names through [`clean_name`] then
//! [`WordFilter::name`]; messages through [`build_fragments`] (emote positions from
//! [`sub_message_positions`] or [`irc_positions`], cheermotes only for cheers) then
//! [`WordFilter::message`]; reward titles through [`clean_name`] and [`WordFilter::text`]. The
//! strongest [`Verdict`] decides: drop the alert, show it without the message, or show all. In
//! the browser the normaliser is `|s: &str| String::from(js_sys::JsString::from(s).normalize("NFKC"))`.
//!
//! ```
//! use tau_overlay::text::*;
//!
//! let emotes = [EmotePosition { begin: 6, end: 10, id: "25".into() }];
//! let parts = build_fragments("hello Kappa Cheer100", &emotes, &CheermoteSet::builtin(), MESSAGE_MAX);
//! assert_eq!(parts[0], Fragment::Text("hello ".into()));
//! assert_eq!(
//!     parts[1].image_url().as_deref(),
//!     Some("https://static-cdn.jtvnw.net/emoticons/v2/25/default/dark/2.0")
//! );
//! assert!(matches!(&parts[3], Fragment::Cheermote { amount: 100, tier_color: Some(c), .. } if c == "#9c3ee8"));
//!
//! let config = WordFilterConfig::from_json(r#"{"lists": [{"words": ["hello"], "action": "hide_message"}]}"#).unwrap();
//! let nfkc = |s: &str| s.to_string(); // the browser passes String.prototype.normalize('NFKC')
//! let filtered = WordFilter::new(&config, &nfkc).message(parts, &nfkc);
//! assert_eq!(filtered.verdict, Verdict::HideMessage);
//! assert_eq!(filtered.fragments[0], Fragment::Text("***** ".into()));
//! ```

mod cheermotes;
pub mod contrast;
mod filter;
mod filter_config;
mod fragments;
pub mod letters;
mod normalize;
pub mod parts;
mod sanitize;

pub use cheermotes::{hex_color, twitch_cdn_url, CheermoteFamily, CheermoteMatch, CheermoteSet, CheermoteTier};
pub use filter::{builtin_words, FilteredMessage, FilteredText, Verdict, WordFilter};
pub use filter_config::{FilterAction, WordFilterConfig, WordList, BUILTIN_WORDS};
pub use fragments::{
    build_fragments, cap_fragments, emote_url, irc_positions, is_emote_id, plain_text, sub_message_positions,
    EmotePosition, Fragment,
};
pub use normalize::{is_invisible, Normalize};
pub use sanitize::{cap_chars, clean_name, sanitize, sanitize_char, ELLIPSIS, MESSAGE_MAX, NAME_MAX};
