//! Lenient parsing of the three timestamp formats TAU puts on the wire (PROTOCOL.md §4):
//! `2024-03-09T18:14:01+0000` (stored rows), `2024-03-09T19:40:12.401873+00:00` (test events) and
//! Twitch's RFC 3339 `2024-03-09T18:14:01.123456789Z` inside `event_data`.

/// Milliseconds since the Unix epoch (UTC), as parsed from a wire timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct UnixMillis(pub i64);

impl UnixMillis {
    /// Parses any of TAU's timestamp formats; `None` if the text is not a timestamp.
    pub fn parse(text: &str) -> Option<UnixMillis> {
        let b = text.as_bytes();
        if b.len() < 19
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let second = digits(&b[17..19])?;
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut rest = &b[19..];
        let mut millis = 0i64;
        if let Some((&b'.', frac)) = rest.split_first() {
            let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            for (i, c) in frac[..n.min(3)].iter().enumerate() {
                millis += i64::from(c - b'0') * [100, 10, 1][i];
            }
            rest = &frac[n..];
        }
        let offset_minutes = match rest {
            [] | [b'Z'] | [b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, m1, m2] | [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2])?;
                let m = digits(&[*m1, *m2])?;
                if h > 23 || m > 59 {
                    return None;
                }
                let total = h * 60 + m;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
        Some(UnixMillis(secs * 1_000 + millis))
    }
}

fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_three_wire_formats_parse_to_the_same_instant() {
        let stored = UnixMillis::parse("2024-03-09T18:14:01+0000").unwrap();
        assert_eq!(stored, UnixMillis(1_710_008_041_000));
        assert_eq!(
            UnixMillis::parse("2024-03-09T18:14:01.401873+00:00"),
            Some(UnixMillis(1_710_008_041_401))
        );
        assert_eq!(
            UnixMillis::parse("2024-03-09T18:14:01.401873123Z"),
            Some(UnixMillis(1_710_008_041_401))
        );
        assert_eq!(UnixMillis::parse("2024-03-09T19:14:01+01:00"), Some(stored));
        assert_eq!(UnixMillis::parse("2024-03-09T17:14:01-0100"), Some(stored));
        assert_eq!(UnixMillis::parse("1970-01-01T00:00:00Z"), Some(UnixMillis(0)));
    }

    #[test]
    fn garbage_is_rejected() {
        for bad in [
            "",
            "2024-03-09",
            "2024-13-09T18:14:01Z",
            "2023-02-29T00:00:00Z",
            "2024-03-09T18:14:01.Z",
            "2024-03-09T18:14:01+000",
            "2024-03-09T18:14:01 junk",
            "२०२४-03-09T18:14:01Z",
        ] {
            assert_eq!(UnixMillis::parse(bad), None, "{bad}");
        }
        assert!(UnixMillis::parse("2024-02-29T00:00:00Z").is_some());
    }
}
