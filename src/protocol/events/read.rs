//! A small reader for `event_data` objects, used by the hand-written `decode` of each payload.
//!
//! Deriving `Deserialize` for ~40 payload structs cost ~36 KB of gzipped wasm (every struct got its
//! own field-matching state machine, monomorphized for `&Value`). These readers are plain functions
//! shared by all structs, so a decoder is just a list of calls, one per field. They keep the rules
//! of the old `#[serde(default)]` structs: a missing key is the field's default, unknown keys are
//! ignored, `null` only fits an `Option` (and a lenient list), and a value of the wrong type is a
//! [`Misfit`], which turns the whole payload into [`TauEvent::Unknown`](super::TauEvent::Unknown).

use super::lenient;
use serde_json::{Map, Value};

/// A payload (or part of one) that does not fit its type.
#[derive(Debug)]
pub(crate) struct Misfit;

/// The result of decoding a payload or one of its fields.
pub(crate) type Decoded<T> = Result<T, Misfit>;

/// How a list field accepts values other than an array.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// `Vec<T>`: only an array.
    List,
    /// `Option<Vec<T>>`: an array, or `null` for `None`.
    OptList,
    /// [`lenient_vec`](super::lenient::lenient_vec): an array, one object, or `null`/`{}` for none.
    Lenient,
}

/// A JSON object being decoded. `Obj(None)` reads as `{}`: a nested object that is missing
/// decodes to its type's default, as with `#[serde(default)]`.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a>(Option<&'a Map<String, Value>>);

impl<'a> Obj<'a> {
    /// Reads `map`.
    pub(crate) fn new(map: &'a Map<String, Value>) -> Obj<'a> {
        Obj(Some(map))
    }

    /// The value at `key`, if present.
    pub(crate) fn get(self, key: &str) -> Option<&'a Value> {
        self.0?.get(key)
    }

    /// The value at `key`, or at `alias` when `key` is missing.
    pub(crate) fn either(self, key: &str, alias: &str) -> Option<&'a Value> {
        self.get(key).or_else(|| self.get(alias))
    }

    /// A string; missing is `""`.
    pub(crate) fn str(self, key: &str) -> Decoded<String> {
        string_at(self.get(key))
    }

    /// A string at `key`, else at `alias`; missing is `""`.
    pub(crate) fn str_or(self, key: &str, alias: &str) -> Decoded<String> {
        string_at(self.either(key, alias))
    }

    /// A nullable string; missing or `null` is `None`, `""` is `Some("")`.
    pub(crate) fn opt_str(self, key: &str) -> Decoded<Option<String>> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Misfit),
        }
    }

    /// A string, or a number as a string ([`lenient::string`]); missing is `""`.
    pub(crate) fn str_or_number(self, key: &str) -> Decoded<String> {
        self.get(key)
            .map_or(Ok(String::new()), |v| lenient::string(v).ok_or(Misfit))
    }

    /// A lenient count ([`lenient::count`]); missing is 0.
    pub(crate) fn u64(self, key: &str) -> Decoded<u64> {
        self.get(key).map_or(Ok(0), |v| lenient::count(v).ok_or(Misfit))
    }

    /// A lenient count; missing, `null` or blank is `None`.
    pub(crate) fn opt_u64(self, key: &str) -> Decoded<Option<u64>> {
        match self.get(key) {
            Some(v) if !lenient::is_blank(v) => lenient::count(v).map(Some).ok_or(Misfit),
            _ => Ok(None),
        }
    }

    /// A lenient signed integer ([`lenient::signed`]); missing is 0.
    pub(crate) fn i64(self, key: &str) -> Decoded<i64> {
        self.get(key).map_or(Ok(0), |v| lenient::signed(v).ok_or(Misfit))
    }

    /// A lenient boolean ([`lenient::boolean`]); missing is `false`.
    pub(crate) fn bool(self, key: &str) -> Decoded<bool> {
        self.get(key).map_or(Ok(false), |v| lenient::boolean(v).ok_or(Misfit))
    }

    /// A JSON boolean only; missing is `false`.
    pub(crate) fn strict_bool(self, key: &str) -> Decoded<bool> {
        self.get(key).map_or(Ok(false), |v| v.as_bool().ok_or(Misfit))
    }

    /// A JSON non-negative integer only (no floats, no strings); missing is 0.
    pub(crate) fn strict_u64(self, key: &str) -> Decoded<u64> {
        strict_u64(self.get(key))
    }

    /// [`Obj::strict_u64`] at `key`, else at `alias`.
    pub(crate) fn strict_u64_or(self, key: &str, alias: &str) -> Decoded<u64> {
        strict_u64(self.either(key, alias))
    }

    /// A JSON integer that fits a `u32`; missing is 0.
    pub(crate) fn u32(self, key: &str) -> Decoded<u32> {
        self.get(key).map_or(Ok(0), u32_of)
    }

    /// Any JSON value, kept as is; missing is `null`.
    pub(crate) fn value(self, key: &str) -> Value {
        self.get(key).cloned().unwrap_or(Value::Null)
    }

    /// A nested object; missing reads as `{}`, anything but an object (`null` included) is a misfit.
    pub(crate) fn obj(self, key: &str) -> Decoded<Obj<'a>> {
        match self.get(key) {
            None => Ok(Obj(None)),
            Some(Value::Object(map)) => Ok(Obj::new(map)),
            Some(_) => Err(Misfit),
        }
    }

    /// A nullable nested object; missing or `null` is `None`.
    pub(crate) fn opt_obj(self, key: &str) -> Decoded<Option<Obj<'a>>> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Obj::new(map))),
            Some(_) => Err(Misfit),
        }
    }

    /// The items of a list field, `None` when there are none to decode (missing, or `null`/`{}`
    /// where `shape` allows them); a lone object is a one-item list for [`Shape::Lenient`].
    pub(crate) fn items(self, key: &str, shape: Shape) -> Decoded<Option<&'a [Value]>> {
        match (self.get(key), shape) {
            (None, _) | (Some(Value::Null), Shape::OptList | Shape::Lenient) => Ok(None),
            (Some(Value::Array(items)), _) => Ok(Some(items)),
            (Some(Value::Object(map)), Shape::Lenient) if map.is_empty() => Ok(None),
            (Some(one @ Value::Object(_)), Shape::Lenient) => Ok(Some(std::slice::from_ref(one))),
            (Some(_), _) => Err(Misfit),
        }
    }

    /// A `Vec` of objects (`shape` [`Shape::List`] or [`Shape::Lenient`]); none is empty.
    pub(crate) fn vec<T>(self, key: &str, shape: Shape, decode: fn(Obj<'a>) -> Decoded<T>) -> Decoded<Vec<T>> {
        self.items(key, shape)?
            .map_or(Ok(Vec::new()), |items| each(items, decode))
    }

    /// A nullable list of objects: missing or `null` is `None`.
    pub(crate) fn opt_vec<T>(self, key: &str, decode: fn(Obj<'a>) -> Decoded<T>) -> Decoded<Option<Vec<T>>> {
        self.items(key, Shape::OptList)?
            .map(|items| each(items, decode))
            .transpose()
    }
}

/// Decodes every item of a list, each of which must be an object.
fn each<'a, T>(items: &'a [Value], decode: fn(Obj<'a>) -> Decoded<T>) -> Decoded<Vec<T>> {
    items.iter().map(|item| decode(obj_of(item)?)).collect()
}

/// `value` as an object to read.
fn obj_of(value: &Value) -> Decoded<Obj<'_>> {
    value.as_object().map(Obj::new).ok_or(Misfit)
}

/// A string; missing is `""`.
fn string_at(value: Option<&Value>) -> Decoded<String> {
    match value {
        None => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(Misfit),
    }
}

/// A JSON non-negative integer; missing is 0.
fn strict_u64(value: Option<&Value>) -> Decoded<u64> {
    value.map_or(Ok(0), |v| v.as_u64().ok_or(Misfit))
}

/// A JSON integer that fits a `u32`.
pub(crate) fn u32_of(value: &Value) -> Decoded<u32> {
    value.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or(Misfit)
}
