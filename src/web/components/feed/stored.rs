//! [`TauFeed::read_stored`]: TAU's stored events over REST, for widgets seeded on load.

use super::TauFeed;
use crate::session::stored_page;
use crate::settings::{TauOrigin, Token};
use crate::tau::backfill::FIRST_PAGE;
use crate::tau::protocol::Envelope;
use crate::web::browser::{http, page};
use leptos::prelude::*;

impl TauFeed {
    /// Reads TAU's stored events of each of `event_types` in turn (one `?event_type=` query
    /// each, newest first, 10 rows a page), handing each page's rows to `on_page` until it
    /// returns `false`, the last page, `max_pages`, or an error (which ends that type's read
    /// quietly: the widget then relies on live events). Every request goes to the `tau` origin
    /// only, with the token; a `next` link elsewhere is not followed. Nothing is read for the demo
    /// feed or when nothing connects, and nothing more once the feed's component is unmounted.
    ///
    /// These are not deliveries: rows already seen live or backfilled may come again, so a
    /// widget's state must count each row (by `id`) once, as
    /// [`LatestLabels`](crate::session::LatestLabels) does.
    pub fn read_stored(
        &self,
        event_types: &'static [&'static str],
        max_pages: usize,
        mut on_page: impl FnMut(&[Envelope]) -> bool + 'static,
    ) {
        let feed = *self;
        let target = self
            .hub
            .try_with_value(|h| match (&h.config.token, h.config.origin(), h.config.demo) {
                (Some(token), Some(origin), false) => Some((token.clone(), origin)),
                _ => None,
            });
        let Some(Some((token, origin))) = target else { return };
        leptos::task::spawn_local(async move {
            for event_type in event_types {
                let mut url = origin.http_url(&format!("{FIRST_PAGE}?event_type={event_type}"));
                for _ in 0..max_pages {
                    let Some((rows, next)) = fetch_page(&origin, &url, &token).await else {
                        break;
                    };
                    // The feed (and so the widget) is gone: a late answer does nothing.
                    if feed.hub.try_with_value(|_| ()).is_none() {
                        return;
                    }
                    if !on_page(&rows) {
                        break;
                    }
                    match next.map(|next| origin.resolve(&next)) {
                        Some(Ok(next)) => url = next,
                        Some(Err(refused)) => {
                            page::warn(&format!("stored events: {refused}"));
                            break;
                        }
                        None => break,
                    }
                }
            }
        });
    }
}

/// One page's rows and `next` link; `None` for an error, a non-200 answer or a body that is
/// not a page.
async fn fetch_page(origin: &TauOrigin, url: &str, token: &Token) -> Option<(Vec<Envelope>, Option<String>)> {
    if !origin.owns(url) {
        page::warn("a request to another host than TAU was refused (the token is only sent to TAU)");
        return None;
    }
    let reply = http::get(url, Some(token)).await.ok().filter(|r| r.status == 200)?;
    let body = crate::tau::wire::parse_document(&reply.body).ok()?;
    stored_page(&body)
}
