//! The newest processed stored event, as kept in `localStorage` between page loads.

use crate::tau::protocol::{Envelope, UnixMillis};

/// The newest stored event the overlay has processed: where the next backfill pass stops.
///
/// Ordered by `created`, then by `id` (TAU's `created` has second precision on the wire).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The event's `created` time.
    pub created: UnixMillis,
    /// TAU's row id.
    pub id: String,
}

const PREFIX: &str = "v1|";

impl Checkpoint {
    /// The checkpoint of a stored event; `None` for test events and rows without a parseable
    /// `created`.
    pub fn of(envelope: &Envelope) -> Option<Checkpoint> {
        if envelope.is_test() {
            return None;
        }
        Some(Checkpoint {
            created: envelope.created?,
            id: envelope.id.clone()?,
        })
    }

    /// Where a pass stops when TAU had stored no event at all when the overlay first loaded:
    /// before every stored event (`created` at the epoch, a placeholder id no row has).
    pub fn empty_store() -> Checkpoint {
        Checkpoint {
            created: UnixMillis(0),
            id: "(empty store)".into(),
        }
    }

    /// True when `self` is strictly newer than `other` (by `created`, then `id`).
    pub fn is_after(&self, other: &Checkpoint) -> bool {
        (self.created, self.id.as_str()) > (other.created, other.id.as_str())
    }

    /// The value to store: `v1|<unix millis>|<id>`.
    ///
    /// ```
    /// use tau_overlay::tau::backfill::Checkpoint;
    /// use tau_overlay::tau::protocol::UnixMillis;
    ///
    /// let cp = Checkpoint { created: UnixMillis(1_710_008_041_000), id: "b6dff064".into() };
    /// assert_eq!(cp.to_storage_string(), "v1|1710008041000|b6dff064");
    /// assert_eq!(Checkpoint::from_storage_string(&cp.to_storage_string()), Some(cp));
    /// ```
    pub fn to_storage_string(&self) -> String {
        format!("{PREFIX}{}|{}", self.created.0, self.id)
    }

    /// Parses [`Checkpoint::to_storage_string`]'s output; `None` for anything else (another
    /// version, an empty id, a bad number), so a corrupt entry means "no checkpoint".
    pub fn from_storage_string(text: &str) -> Option<Checkpoint> {
        let (millis, id) = text.strip_prefix(PREFIX)?.split_once('|')?;
        if id.is_empty() || millis.is_empty() || !millis.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        Some(Checkpoint {
            created: UnixMillis(millis.parse().ok()?),
            id: id.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp(created: i64, id: &str) -> Checkpoint {
        Checkpoint {
            created: UnixMillis(created),
            id: id.into(),
        }
    }

    #[test]
    fn storage_string_round_trips() {
        for c in [
            cp(1_710_008_041_000, "1a299e80-6b11-4bef-a851-19f84170d883"),
            cp(0, "x"),
            cp(-5, "a|b"),
        ] {
            let text = c.to_storage_string();
            assert!(text.starts_with("v1|"), "{text}");
            assert_eq!(Checkpoint::from_storage_string(&text), Some(c));
        }
    }

    #[test]
    fn garbage_is_no_checkpoint() {
        for bad in [
            "",
            "v1",
            "v1|",
            "v1||id",
            "v1|123|",
            "v1|123",
            "v2|123|id",
            "V1|123|id",
            "v1|12a|id",
            "v1|+12|id",
            "v1| 12|id",
            "v1|99999999999999999999|id",
            "1710008041000|id",
            "{\"created\":1}",
        ] {
            assert_eq!(Checkpoint::from_storage_string(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ordered_by_created_then_id() {
        assert!(cp(2, "a").is_after(&cp(1, "z")));
        assert!(cp(1, "b").is_after(&cp(1, "a")));
        assert!(!cp(1, "a").is_after(&cp(1, "a")));
        assert!(!cp(1, "z").is_after(&cp(2, "a")));
    }
}
