//! Viewer text as typed fragments: plain text, Twitch emotes and cheermotes, so a view renders
//! text nodes and `<img>`s from Twitch's CDNs and never HTML.
//!
//! [`build_fragments`] takes the raw text and emote positions as Twitch sends them: inclusive
//! `begin..=end` indices counted in Unicode code points (Rust `char`s, not UTF-16 units or
//! bytes), as in EventSub's `message.emotes` and TAU's `user_input_emotes` and IRC `emotes`.
//! A position is ignored, and its text kept as text, when it is reversed or out of range, when
//! it overlaps an earlier one, when its id is not `[A-Za-z0-9_]{1,64}`, or when the text it
//! covers holds whitespace (no emote code does: such a position is miscounted or forged).

use super::cheermotes::CheermoteSet;
use super::sanitize::{sanitize, ELLIPSIS};
use crate::tau::protocol::events::{IrcEmote, MessageEmote};
use crate::util::order;
use std::borrow::Cow;

/// A piece of viewer text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fragment {
    /// Plain text, sanitized: render as a text node.
    Text(String),
    /// A Twitch emote: render `<img src=`[`emote_url`]`(id) alt=alt>`.
    Emote {
        /// Twitch emote id, `[A-Za-z0-9_]{1,64}`.
        id: String,
        /// The text the emote replaces (its code, e.g. `Kappa`), sanitized.
        alt: String,
    },
    /// A cheermote: render its image (if any) and the amount in the tier colour.
    Cheermote {
        /// The prefix as the viewer typed it, e.g. `cheer` in `cheer100`.
        prefix: String,
        /// Bits cheered.
        amount: u64,
        /// The tier colour, `#rrggbb`, if known.
        tier_color: Option<String>,
        /// The tier image on Twitch's CDN, if known.
        image_url: Option<String>,
    },
}

impl Fragment {
    /// What the fragment reads as: the text, the emote code, or the cheer token (`cheer100`).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Fragment::Text(text) => Cow::Borrowed(text),
            Fragment::Emote { alt, .. } => Cow::Borrowed(alt),
            Fragment::Cheermote { prefix, amount, .. } => Cow::Owned(format!("{prefix}{amount}")),
        }
    }

    /// The image to show: the emote's CDN image (its id checked again), or the cheermote tier's.
    pub fn image_url(&self) -> Option<String> {
        match self {
            Fragment::Text(_) => None,
            Fragment::Emote { id, .. } => emote_url(id),
            Fragment::Cheermote { image_url, .. } => image_url.clone(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Fragment::Cheermote { prefix, amount, .. } => prefix.chars().count() + amount.to_string().len(),
            other => other.text().chars().count(),
        }
    }
}

/// The fragments read as one string (for templates, logs or the filter's tests).
pub fn plain_text(fragments: &[Fragment]) -> String {
    fragments.iter().map(|f| f.text()).collect()
}

pub use crate::tau::chat::is_emote_id;

/// `https://static-cdn.jtvnw.net/emoticons/v2/{id}/default/dark/2.0`, only for an [`is_emote_id`].
pub fn emote_url(id: &str) -> Option<String> {
    is_emote_id(id).then(|| format!("https://static-cdn.jtvnw.net/emoticons/v2/{id}/default/dark/2.0"))
}

/// An emote occurrence: code points `begin..=end` of the raw text are emote `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmotePosition {
    /// Index of the first code point.
    pub begin: usize,
    /// Index of the last code point (inclusive).
    pub end: usize,
    /// Twitch emote id, as received (checked by [`build_fragments`]).
    pub id: String,
}

/// The positions of a resub message's `message.emotes`.
pub fn sub_message_positions(emotes: &[MessageEmote]) -> Vec<EmotePosition> {
    emotes
        .iter()
        .map(|e| EmotePosition {
            begin: e.begin as usize,
            end: e.end as usize,
            id: e.id.clone(),
        })
        .collect()
}

/// The positions of a redemption's `user_input_emotes` (or IRC `emotes`), one per range.
pub fn irc_positions(emotes: &[IrcEmote]) -> Vec<EmotePosition> {
    emotes
        .iter()
        .flat_map(|e| {
            e.positions.iter().map(|&[begin, end]| EmotePosition {
                begin: begin as usize,
                end: end as usize,
                id: e.id.clone(),
            })
        })
        .collect()
}

/// Splits raw viewer `text` into fragments: emotes at the valid `emotes` positions (see the
/// module docs), cheermotes of `cheermotes` in the text between them (pass an empty set outside
/// cheer messages), everything else as text. Every text and alt is [`sanitize`]d; the result is
/// then capped at `max_chars` by [`cap_fragments`]. Never panics, whatever the input.
pub fn build_fragments(
    text: &str,
    emotes: &[EmotePosition],
    cheermotes: &CheermoteSet,
    max_chars: usize,
) -> Vec<Fragment> {
    let spans = valid_spans(text, emotes);
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, id) in spans {
        push_text(&mut out, &text[at..start], cheermotes);
        out.push(Fragment::Emote {
            id: id.to_string(),
            alt: sanitize(&text[start..end]),
        });
        at = end;
    }
    push_text(&mut out, &text[at..], cheermotes);
    cap_fragments(out, max_chars)
}

/// The usable positions as byte ranges `(start, end)` of `text`, in order, non-overlapping.
fn valid_spans<'a>(text: &str, emotes: &'a [EmotePosition]) -> Vec<(usize, usize, &'a str)> {
    let mut candidates: Vec<&EmotePosition> = emotes
        .iter()
        .filter(|e| e.begin <= e.end && e.end < usize::MAX && is_emote_id(&e.id))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    order::sort_by_u64_key(&mut candidates, |e| e.begin as u64);
    // Byte offsets of every code point index a candidate needs, found in one pass over the text.
    let mut wanted: Vec<usize> = candidates.iter().flat_map(|e| [e.begin, e.end + 1]).collect();
    order::sort_by_u64_key(&mut wanted, |&i| i as u64);
    wanted.dedup();
    let mut offsets = Vec::with_capacity(wanted.len());
    let mut chars = text.char_indices().map(|(b, _)| b).chain([text.len()]).enumerate();
    for &index in &wanted {
        match chars.by_ref().find(|&(i, _)| i == index) {
            Some((_, byte)) => offsets.push((index, byte)),
            None => break,
        }
    }
    let byte_of = |index: usize| {
        let at = offsets.binary_search_by_key(&index, |&(i, _)| i).ok()?;
        Some(offsets[at].1)
    };
    let mut spans = Vec::new();
    let mut free_from = 0;
    for e in candidates {
        let (Some(start), Some(end)) = (byte_of(e.begin), byte_of(e.end + 1)) else {
            continue;
        };
        if start < free_from || text[start..end].chars().any(char::is_whitespace) {
            continue;
        }
        spans.push((start, end, e.id.as_str()));
        free_from = end;
    }
    spans
}

/// Sanitizes `raw` and appends it, with its cheermotes split out.
fn push_text(out: &mut Vec<Fragment>, raw: &str, cheermotes: &CheermoteSet) {
    let clean = sanitize(raw);
    let mut plain_from = 0;
    if !cheermotes.is_empty() {
        for (start, token) in words(&clean) {
            let Some(found) = cheermotes.recognise(token) else {
                continue;
            };
            push_plain(out, &clean[plain_from..start]);
            let digits = found.amount.to_string().len();
            out.push(Fragment::Cheermote {
                prefix: token[..token.len() - digits].to_string(),
                amount: found.amount,
                tier_color: found.tier.and_then(|t| t.color.clone()),
                image_url: found.tier.and_then(|t| t.image_url.clone()),
            });
            plain_from = start + token.len();
        }
    }
    push_plain(out, &clean[plain_from..]);
}

/// The whitespace-separated words of `text`, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Appends plain text, merging it into a preceding text fragment.
fn push_plain(out: &mut Vec<Fragment>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Fragment::Text(last)) => last.push_str(text),
        _ => out.push(Fragment::Text(text.to_string())),
    }
}

/// `fragments` if they read as at most `max_chars` characters (an emote counts as its code, a
/// cheermote as its token); otherwise the longest prefix that fits in `max_chars - 1` (text cut
/// anywhere, emotes and cheermotes whole or not at all) and an [`ELLIPSIS`].
pub fn cap_fragments(fragments: Vec<Fragment>, max_chars: usize) -> Vec<Fragment> {
    let total: usize = fragments.iter().map(Fragment::len).sum();
    if total <= max_chars {
        return fragments;
    }
    let mut out = Vec::new();
    if max_chars == 0 {
        return out;
    }
    let mut left = max_chars - 1;
    for fragment in fragments {
        let len = fragment.len();
        if len <= left {
            left -= len;
            out.push(fragment);
            continue;
        }
        if let Fragment::Text(text) = fragment {
            let cut = text.char_indices().nth(left).map_or(text.len(), |(b, _)| b);
            push_plain(&mut out, text[..cut].trim_end_matches('\u{200d}'));
        }
        break;
    }
    let mut ellipsis = [0; 4];
    push_plain(&mut out, ELLIPSIS.encode_utf8(&mut ellipsis));
    out
}
