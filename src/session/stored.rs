//! Reading one page of TAU's stored events (`GET /api/v1/twitch-events/`, PROTOCOL.md §7) for
//! seeding widget state.

use crate::tau::protocol::Envelope;
use crate::tau::wire::Json;

/// One page of stored events: the rows that decode (newest first, as TAU lists them) and the
/// `next` (older) page's link, if any. `None` when `body` is not a DRF page.
///
/// ```
/// use tau_overlay::session::stored_page;
/// let body = serde_json::json!({"next": "http://localhost:8000/api/v1/twitch-events/?page=2", "results": [
///     {"id": "r", "event_type": "channel-follow", "event_data": {"user_name": "Ana"}, "origin": "twitch"},
///     "not a row"]});
/// let (rows, next) = stored_page(&body).unwrap();
/// assert_eq!(rows.len(), 1);
/// assert!(next.unwrap().ends_with("page=2"));
/// ```
pub fn stored_page<J: Json>(body: &J) -> Option<(Vec<Envelope>, Option<String>)> {
    let results = body.member("results")?.elements()?;
    let next = match body.member("next") {
        Some(next) => next.decode::<Option<String>>().ok()?,
        None => None,
    };
    let rows = results
        .into_iter()
        .filter_map(|row| Envelope::from_document(row).ok())
        .collect();
    Some((rows, next))
}
