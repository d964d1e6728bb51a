//! Numeric conditions for variations, parsed from short strings: `"100"`, `"50-99"`, `">=500"`,
//! `">500"`, `"<=9"`, `"<10"`, `"x100"` (a positive multiple of 100).

use core::fmt;
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A condition on an amount, tier or month count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Exactly this value (`"100"`).
    Exact(u64),
    /// Inclusive range (`"50-99"`).
    Range(u64, u64),
    /// At least (`">=500"`; `">500"` parses as `AtLeast(501)`).
    AtLeast(u64),
    /// At most (`"<=9"`; `"<10"` parses as `AtMost(9)`).
    AtMost(u64),
    /// A positive multiple (`"x100"`).
    MultipleOf(u64),
}

/// Why a condition string did not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad condition {}: expected N, A-B, >=N, >N, <=N, <N or xN",
    crate::tau::wire::to_string(text)
)]
pub struct ConditionError {
    /// The offending text.
    pub text: String,
}

impl Condition {
    /// Parses a condition string; surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Result<Condition, ConditionError> {
        let t = text.trim();
        let err = || ConditionError { text: text.to_string() };
        let num = |s: &str| s.trim().parse::<u64>().map_err(|_| err());
        let cond = if let Some(rest) = t.strip_prefix(">=") {
            Condition::AtLeast(num(rest)?)
        } else if let Some(rest) = t.strip_prefix("<=") {
            Condition::AtMost(num(rest)?)
        } else if let Some(rest) = t.strip_prefix('>') {
            Condition::AtLeast(num(rest)?.checked_add(1).ok_or_else(err)?)
        } else if let Some(rest) = t.strip_prefix('<') {
            Condition::AtMost(num(rest)?.checked_sub(1).ok_or_else(err)?)
        } else if let Some(rest) = t.strip_prefix(['x', 'X']) {
            match num(rest)? {
                0 => return Err(err()),
                n => Condition::MultipleOf(n),
            }
        } else if let Some((a, b)) = t.split_once('-') {
            let (a, b) = (num(a)?, num(b)?);
            if a > b {
                return Err(err());
            }
            Condition::Range(a, b)
        } else {
            Condition::Exact(num(t)?)
        };
        Ok(cond)
    }

    /// Whether `value` satisfies the condition.
    pub fn matches(self, value: u64) -> bool {
        match self {
            Condition::Exact(n) => value == n,
            Condition::Range(a, b) => (a..=b).contains(&value),
            Condition::AtLeast(n) => value >= n,
            Condition::AtMost(n) => value <= n,
            Condition::MultipleOf(n) => value > 0 && value.is_multiple_of(n),
        }
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Condition;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a condition string like \"50-99\", \">=500\", \"x100\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Condition, E> {
                Ok(Condition::Exact(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Condition, E> {
                Condition::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        use Condition::*;
        let cases = [
            ("100", Exact(100)),
            (" 50-99 ", Range(50, 99)),
            (">=500", AtLeast(500)),
            (">500", AtLeast(501)),
            ("<=9", AtMost(9)),
            ("<10", AtMost(9)),
            ("x100", MultipleOf(100)),
        ];
        for (text, want) in cases {
            assert_eq!(Condition::parse(text), Ok(want), "{text}");
        }
        for bad in ["", "abc", "99-50", "x0", "<0", ">=", "1-", "-5", "1.5"] {
            assert!(Condition::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn matches_boundaries() {
        let c = |s| Condition::parse(s).unwrap();
        assert!(c("100").matches(100) && !c("100").matches(101));
        assert!(c("50-99").matches(50) && c("50-99").matches(99) && !c("50-99").matches(100));
        assert!(c(">=500").matches(500) && !c(">=500").matches(499));
        assert!(c("<10").matches(9) && !c("<10").matches(10));
        assert!(c("x100").matches(300) && !c("x100").matches(250) && !c("x100").matches(0));
    }

    #[test]
    fn deserializes_from_numbers_and_strings() {
        let v: Vec<Condition> = serde_json::from_str(r#"[5, "x5", ">=5"]"#).unwrap();
        assert_eq!(
            v,
            [Condition::Exact(5), Condition::MultipleOf(5), Condition::AtLeast(5)]
        );
        assert!(serde_json::from_str::<Condition>(r#""5-1""#).is_err());
    }
}
