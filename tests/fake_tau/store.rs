//! The event table (TAU's `TwitchEvent` rows), the envelopes built from it, and DRF's
//! `CursorPagination` over it.

use super::json::Json;
use super::util;

/// One stored row.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub id: String,
    pub event_id: Option<String>,
    pub event_type: String,
    pub event_source: String,
    pub event_data: Json,
    /// Full-precision `created`, microseconds since the epoch; unique and increasing per store.
    pub created_us: i64,
}

impl Row {
    /// The serializer's envelope: `id, event_id, event_type, event_source, event_data, created,
    /// origin`. `jsonb` puts `event_data` in database order (REST results and replays).
    pub fn envelope(&self, origin: &str, jsonb: bool) -> Json {
        let data = if jsonb {
            self.event_data.jsonb_ordered()
        } else {
            self.event_data.clone()
        };
        Json::object([
            ("id", Json::str(&self.id)),
            ("event_id", Json::opt_str(self.event_id.as_deref())),
            ("event_type", Json::str(&self.event_type)),
            ("event_source", Json::str(&self.event_source)),
            ("event_data", data),
            ("created", Json::str(util::format_drf(self.created_us))),
            ("origin", Json::str(origin)),
        ])
    }
}

/// A test event (`POST …/<event_type>/test/`): never stored.
pub(crate) fn test_envelope(event_type: &str, event_data: Json) -> Json {
    let event_id = (event_type != "subscribe").then(util::uuid4);
    Json::object([
        ("id", Json::Null),
        ("event_id", Json::opt_str(event_id.as_deref())),
        ("event_type", Json::str(event_type)),
        ("event_source", Json::str("TestCall")),
        ("event_data", event_data),
        ("created", Json::str(util::format_isoformat(util::now_micros()))),
        ("origin", Json::str("test")),
    ])
}

/// DRF's cursor: `o` (offset), `r` (reverse), `p` (position = `str(created)`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cursor {
    pub offset: usize,
    pub reverse: bool,
    pub position: Option<i64>,
}

impl Cursor {
    /// base64 of `o=…&r=1&p=…`, as `CursorPagination.encode_cursor`.
    pub fn encode(&self) -> String {
        let mut tokens = Vec::new();
        if self.offset != 0 {
            tokens.push(format!("o={}", self.offset));
        }
        if self.reverse {
            tokens.push("r=1".to_string());
        }
        if let Some(p) = self.position {
            tokens.push(format!("p={}", util::quote_plus(&util::format_position(p))));
        }
        util::base64_encode(tokens.join("&").as_bytes())
    }

    /// `CursorPagination.decode_cursor`; `None` means "Invalid cursor".
    pub fn decode(text: &str) -> Option<Cursor> {
        let raw = String::from_utf8(util::base64_decode(text)?).ok()?;
        let tokens = util::parse_query(&raw);
        let first = |k: &str| tokens.iter().find(|(tk, _)| tk == k).map(|(_, v)| v.as_str());
        let offset = match first("o") {
            Some(o) => o.parse::<i64>().ok()?.max(0) as usize,
            None => 0,
        };
        let reverse = match first("r") {
            Some(r) => r.parse::<i64>().ok()? != 0,
            None => false,
        };
        let position = match first("p") {
            Some(p) => Some(util::parse_datetime(p)?),
            None => None,
        };
        Some(Cursor {
            offset,
            reverse,
            position,
        })
    }
}

/// One page of `GET /api/v1/twitch-events/`.
pub(crate) struct Page {
    pub rows: Vec<Row>,
    pub next: Option<Cursor>,
    pub previous: Option<Cursor>,
}

/// The event table.
#[derive(Default)]
pub(crate) struct Store {
    rows: Vec<Row>,
    last_us: i64,
}

/// DRF's `DJANGO_PAGINATION_LIMIT` default.
pub(crate) const PAGE_SIZE: usize = 10;

impl Store {
    /// Stores a live (`EventSub`) row, as the webhook view does, and returns it.
    pub fn insert(&mut self, event_type: &str, event_data: Json) -> Row {
        // Unique, increasing timestamps keep the cursor order total, as on a real clock.
        let created_us = util::now_micros().max(self.last_us + 1);
        self.last_us = created_us;
        let row = Row {
            id: util::uuid4(),
            event_id: Some(util::uuid4()),
            event_type: event_type.to_string(),
            event_source: "EventSub".to_string(),
            event_data,
            created_us,
        };
        self.rows.push(row.clone());
        row
    }

    pub fn get(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// A page for the (decoded) query string, or `Err(())` for an invalid cursor.
    pub fn page(&self, query: &[(String, String)]) -> Result<Page, ()> {
        let cursor = match util::query_get(query, "cursor") {
            Some(c) => Cursor::decode(c).ok_or(())?,
            None => Cursor {
                offset: 0,
                reverse: false,
                position: None,
            },
        };
        let mut rows: Vec<&Row> = self.rows.iter().filter(|r| matches(r, query)).collect();
        // Ordering `-created`; a reverse cursor walks the other way.
        rows.sort_by_key(|r| std::cmp::Reverse(r.created_us));
        if cursor.reverse {
            rows.reverse();
        }
        if let Some(p) = cursor.position {
            rows.retain(|r| {
                if cursor.reverse {
                    r.created_us > p
                } else {
                    r.created_us < p
                }
            });
        }
        let window: Vec<Row> = rows
            .into_iter()
            .skip(cursor.offset)
            .take(PAGE_SIZE + 1)
            .cloned()
            .collect();
        let has_following = window.len() > PAGE_SIZE;
        let mut page: Vec<Row> = window.into_iter().take(PAGE_SIZE).collect();
        let moved = cursor.position.is_some() || cursor.offset > 0;
        let (has_next, has_previous) = if cursor.reverse {
            page.reverse();
            (moved, has_following)
        } else {
            (has_following, moved)
        };
        // Positions are unique, so the marker is simply the edge row of the page.
        let next = has_next.then(|| Cursor {
            offset: 0,
            reverse: false,
            position: page.last().map(|r| r.created_us).or(cursor.position),
        });
        let previous = has_previous.then(|| Cursor {
            offset: 0,
            reverse: true,
            position: page.first().map(|r| r.created_us).or(cursor.position),
        });
        Ok(Page {
            rows: page,
            next,
            previous,
        })
    }
}

/// TAU's `TwitchEventFilter` (`tau/twitchevents/filters.py`); empty values are ignored.
fn matches(row: &Row, query: &[(String, String)]) -> bool {
    let param = |k: &str| util::query_get(query, k).filter(|v| !v.is_empty());
    let at = |path: &[&str]| -> Option<String> {
        let mut v = &row.event_data;
        for key in path {
            v = v.get(key)?;
        }
        v.as_str().map(str::to_lowercase)
    };
    let iexact_any = |want: &str, paths: &[&[&str]]| {
        let want = want.to_lowercase();
        paths.iter().any(|p| at(p).as_deref() == Some(want.as_str()))
    };
    if let Some(t) = param("event_type") {
        if row.event_type != t {
            return false;
        }
    }
    if let Some(u) = param("user_id") {
        let paths: [&[&str]; 3] = [
            &["user_id"],
            &["data", "message", "user_id"],
            &["from_broadcaster_user_id"],
        ];
        if !iexact_any(u, &paths) {
            return false;
        }
    }
    if let Some(u) = param("user_name") {
        let paths: [&[&str]; 3] = [
            &["user_name"],
            &["data", "message", "user_name"],
            &["from_broadcaster_user_name"],
        ];
        if !iexact_any(u, &paths) {
            return false;
        }
    }
    for (key, field) in [
        ("raid_from", "from_broadcaster_user_name"),
        ("raid_to", "to_broadcaster_user_name"),
    ] {
        if let Some(v) = param(key) {
            if row.event_type != "channel-raid" || !iexact_any(v, &[&[field]]) {
                return false;
            }
        }
    }
    if let Some(v) = param("reward_id") {
        if !iexact_any(v, &[&["reward", "id"]]) {
            return false;
        }
    }
    true
}
