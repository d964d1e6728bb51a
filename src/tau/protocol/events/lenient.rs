//! Lenient scalars for hand-made payloads.
//!
//! TAU does no validation of test events (PROTOCOL.md §4.2 "Test events are arbitrary"): a
//! form-encoded body yields strings for every value. These accept the obvious spellings and
//! reject the rest, so a payload like `{"bits": "lots"}` still fails (and is kept as
//! [`TauEvent::Unknown`](super::TauEvent::Unknown)). `null` is only accepted by the `opt_` ones.
//!
//! The rules live in plain functions over [`Value`] ([`count`], [`signed`], [`boolean`],
//! [`is_blank`]); the `lenient_*` functions wrap them as the serde `deserialize_with` helpers
//! the payload types name, and [`CHARITY_BROADCASTER_KEYS`] folds TAU's charity spelling into
//! Twitch's before a charity payload is decoded.

use core::fmt;
use core::marker::PhantomData;
use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An integer, an integral float (`100.0`) or a numeric string (`"100"`, `" 1e2 "`).
fn integer(value: &Value) -> Option<i128> {
    let integral = |f: f64| (f.fract() == 0.0 && f.abs() < 1e18).then_some(f as i128);
    match value {
        Value::Number(n) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
            .or_else(|| n.as_f64().and_then(integral)),
        Value::String(s) => {
            let s = s.trim();
            // Every integer that fits neither an i64 nor a u64 is out of range for both callers.
            s.parse::<i64>()
                .map(i128::from)
                .or_else(|_| s.parse::<u64>().map(i128::from))
                .ok()
                .or_else(|| s.parse::<f64>().ok().and_then(integral))
        }
        _ => None,
    }
}

/// `null`, or a string of only whitespace (an empty form field).
pub fn is_blank(value: &Value) -> bool {
    value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty())
}

/// A non-negative integer count, given as a number or a numeric string; `None` for anything else.
pub fn count(value: &Value) -> Option<u64> {
    integer(value).and_then(|n| u64::try_from(n).ok())
}

/// A signed integer, given as a number or a numeric string; `None` for anything else.
pub fn signed(value: &Value) -> Option<i64> {
    integer(value).and_then(|n| i64::try_from(n).ok())
}

/// A boolean, given as `true`/`false` or as the strings `"true"`/`"false"` (any case).
pub fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A string, or a number written as a string (`"tier": 1000` becomes `"1000"`).
pub fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// TAU's charity payloads say `broadcaster_id`/`_login`/`_name` where Twitch says
/// `broadcaster_user_*`: each TAU key moves to the Twitch name unless that is present (Twitch's
/// wins), so one derived struct reads both spellings, even both at once
/// ([`Json::with_keys_moved`](crate::tau::wire::Json::with_keys_moved)).
pub const CHARITY_BROADCASTER_KEYS: [(&str, &str); 3] = [
    ("broadcaster_id", "broadcaster_user_id"),
    ("broadcaster_login", "broadcaster_user_login"),
    ("broadcaster_name", "broadcaster_user_name"),
];

/// [`count`] as a serde `deserialize_with` helper.
pub fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    count(&Value::deserialize(d)?).ok_or_else(|| D::Error::custom("expected a non-negative integer"))
}

/// Like [`lenient_u64`], with `null` or an empty string as `None`.
pub fn lenient_opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let value = Value::deserialize(d)?;
    if is_blank(&value) {
        Ok(None)
    } else {
        count(&value)
            .map(Some)
            .ok_or_else(|| D::Error::custom("expected a non-negative integer"))
    }
}

/// [`signed`] as a serde `deserialize_with` helper.
pub fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    signed(&Value::deserialize(d)?).ok_or_else(|| D::Error::custom("expected an integer"))
}

/// [`boolean`] as a serde `deserialize_with` helper.
pub fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    boolean(&Value::deserialize(d)?).ok_or_else(|| D::Error::custom("expected a boolean"))
}

/// [`string`] as a serde `deserialize_with` helper.
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    string(&Value::deserialize(d)?).ok_or_else(|| D::Error::custom("expected a string"))
}

/// A list that may also arrive as one object (TAU's schema says object where Twitch sends an
/// array), or as `null`/`{}` for an empty list. Reads any `Deserializer` directly (no [`Value`]
/// in between, so the browser decodes it straight from the JS object).
pub fn lenient_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_any(ListOrOne(PhantomData))
}

/// [`lenient_vec`]'s visitor.
struct ListOrOne<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListOrOne<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list, one object or null")
    }

    fn visit_unit<E: Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        // `{}` is the empty list; any other object is the one item, read from its first key on.
        let Some(first) = map.next_key::<String>()? else {
            return Ok(Vec::new());
        };
        let rest = Peeked {
            first: Some(first),
            map,
        };
        T::deserialize(MapAccessDeserializer::new(rest)).map(|item| vec![item])
    }
}

/// A map whose first key was already read.
struct Peeked<A> {
    first: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Peeked<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(key) => seed.deserialize(StringDeserializer::new(key)).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A list of `[a, b]` pairs, each exactly two elements long. (A derived `[u32; 2]` stops after
/// two elements; `serde_json` then refuses a third, `serde-wasm-bindgen` would not look.)
pub fn pairs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[u32; 2]>, D::Error> {
    Vec::<Pair>::deserialize(d).map(|pairs| pairs.into_iter().map(|p| p.0).collect())
}

/// One element of [`pairs`].
struct Pair([u32; 2]);

impl<'de> Deserialize<'de> for Pair {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pair, D::Error> {
        d.deserialize_seq(PairVisitor)
    }
}

/// [`Pair`]'s visitor.
struct PairVisitor;

impl<'de> Visitor<'de> for PairVisitor {
    type Value = Pair;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a pair of integers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pair, A::Error> {
        let (Some(a), Some(b)) = (seq.next_element()?, seq.next_element()?) else {
            return Err(A::Error::invalid_length(1, &self));
        };
        match seq.next_element::<serde::de::IgnoredAny>()? {
            None => Ok(Pair([a, b])),
            Some(_) => Err(A::Error::invalid_length(3, &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Probe {
        #[serde(default, deserialize_with = "lenient_u64")]
        n: u64,
        #[serde(default, deserialize_with = "lenient_opt_u64")]
        o: Option<u64>,
        #[serde(default, deserialize_with = "lenient_i64")]
        i: i64,
        #[serde(default, deserialize_with = "lenient_bool")]
        b: bool,
        #[serde(default, deserialize_with = "lenient_string")]
        s: String,
        #[serde(default, deserialize_with = "lenient_vec")]
        v: Vec<u64>,
    }

    fn probe(value: Value) -> Option<Probe> {
        Probe::deserialize(&value).ok()
    }

    #[test]
    fn form_encoded_strings_decode_like_json_values() {
        let typed = probe(json!({"n": 100, "o": 3, "i": -5, "b": true, "s": "1000", "v": [1, 2]})).unwrap();
        let form = probe(json!({"n": "100", "o": " 3 ", "i": "-5", "b": "TRUE", "s": 1000, "v": [1, 2]})).unwrap();
        assert_eq!(typed, form);
        assert_eq!(probe(json!({"n": 100.0, "i": "-5.0"})).unwrap().n, 100);
        assert_eq!(probe(json!({"o": null})).unwrap().o, None);
        assert_eq!(probe(json!({"o": ""})).unwrap().o, None);
    }

    #[test]
    fn misfits_are_errors_not_guesses() {
        for bad in [
            json!({"n": "lots"}),
            json!({"n": -1}),
            json!({"n": 1.5}),
            json!({"n": null}),
            json!({"n": "NaN"}),
            json!({"n": 1e300}),
            json!({"o": "x"}),
            json!({"i": true}),
            json!({"b": "yes"}),
            json!({"b": null}),
            json!({"s": null}),
            json!({"v": "x"}),
        ] {
            assert_eq!(probe(bad.clone()), None, "{bad}");
        }
    }

    #[test]
    fn a_single_object_or_null_is_accepted_where_a_list_is_expected() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Item {
            x: u64,
        }
        #[derive(Debug, Deserialize)]
        struct List {
            #[serde(deserialize_with = "lenient_vec")]
            items: Vec<Item>,
        }
        let items = |v: Value| List::deserialize(&v).map(|l| l.items).ok();
        assert_eq!(items(json!({"items": {"x": 1}})), Some(vec![Item { x: 1 }]));
        assert_eq!(
            items(json!({"items": {"a": 0, "x": 1, "z": 2}})),
            Some(vec![Item { x: 1 }])
        );
        assert_eq!(
            items(json!({"items": {"a": 0}})),
            None,
            "an object without `x` is no item"
        );
        assert_eq!(items(json!({"items": [{"x": 1}, {"x": 2}]})).map(|v| v.len()), Some(2));
        assert_eq!(items(json!({"items": null})), Some(vec![]));
        assert_eq!(items(json!({"items": {}})), Some(vec![]));
        assert_eq!(items(json!({"items": [{"x": "no"}]})), None);
    }
}
