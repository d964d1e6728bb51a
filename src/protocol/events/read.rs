//! A small reader for `event_data` objects, used by each payload's hand-written [`Decode::read`].
//!
//! Deriving `Deserialize` for ~40 payload structs cost ~36 KB of gzipped wasm (every struct got its
//! own field-matching state machine, monomorphized for `&Value`). These readers are plain functions
//! shared by all structs, so a decoder is just a list of calls, about 18 bytes of wasm per field.
//! They keep the rules of the old `#[serde(default)]` structs: a missing key is the field's
//! default, unknown keys are ignored, `null` only fits an `Option` (and a lenient list), and a
//! value of the wrong type is a [`Misfit`], which turns the whole payload into
//! [`TauEvent::Unknown`](super::TauEvent::Unknown).

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

/// A payload type, decoded by reading its fields one by one into [`Default::default`].
///
/// Reading into a default value (rather than building a struct literal from `?`-returning reads)
/// keeps each field to one call and a branch: a misfit drops the half-read value in one place.
pub(crate) trait Decode: Default {
    /// Reads the fields found in `o` into `self`, leaving missing ones as they are.
    fn read(&mut self, o: Obj) -> Decoded<()>;
}

/// Decodes a `T` from `o`.
pub(crate) fn decode<T: Decode>(o: Obj) -> Decoded<T> {
    let mut value = T::default();
    value.read(o)?;
    Ok(value)
}

/// A JSON object being decoded. `Obj(None)` reads as `{}`: a nested object that is missing
/// decodes to its type's default, as with `#[serde(default)]`.
///
/// Each reader leaves `out` untouched when `key` is missing (so it keeps its default), writes the
/// value when it fits, and returns [`Misfit`] otherwise.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a>(Option<&'a Map<String, Value>>);

impl<'a> Obj<'a> {
    /// Reads `map`.
    pub(crate) fn new(map: &'a Map<String, Value>) -> Obj<'a> {
        Obj(Some(map))
    }

    /// The value at `key`, if present.
    fn get(self, key: &str) -> Option<&'a Value> {
        self.0?.get(key)
    }

    /// A string.
    pub(crate) fn str(self, key: &str, out: &mut String) -> Decoded<()> {
        set_string(self.get(key), out)
    }

    /// A string at `key`, else at `alias` (when `key` is missing).
    pub(crate) fn str_or(self, key: &str, alias: &str, out: &mut String) -> Decoded<()> {
        set_string(self.get(key).or_else(|| self.get(alias)), out)
    }

    /// A nullable string: `null` is `None`, `""` is `Some("")`.
    pub(crate) fn opt_str(self, key: &str, out: &mut Option<String>) -> Decoded<()> {
        match self.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => *out = Some(s.clone()),
            Some(_) => return Err(Misfit),
        }
        Ok(())
    }

    /// A string, or a number as a string ([`lenient::string`]).
    pub(crate) fn str_or_number(self, key: &str, out: &mut String) -> Decoded<()> {
        set(self.get(key), out, lenient::string)
    }

    /// A lenient count ([`lenient::count`]).
    pub(crate) fn u64(self, key: &str, out: &mut u64) -> Decoded<()> {
        set(self.get(key), out, lenient::count)
    }

    /// A lenient count, with `null` or a blank string as `None`.
    pub(crate) fn opt_u64(self, key: &str, out: &mut Option<u64>) -> Decoded<()> {
        match self.get(key) {
            Some(v) if !lenient::is_blank(v) => *out = Some(lenient::count(v).ok_or(Misfit)?),
            _ => {}
        }
        Ok(())
    }

    /// A lenient signed integer ([`lenient::signed`]).
    pub(crate) fn i64(self, key: &str, out: &mut i64) -> Decoded<()> {
        set(self.get(key), out, lenient::signed)
    }

    /// A lenient boolean ([`lenient::boolean`]).
    pub(crate) fn bool(self, key: &str, out: &mut bool) -> Decoded<()> {
        set(self.get(key), out, lenient::boolean)
    }

    /// A JSON boolean only.
    pub(crate) fn strict_bool(self, key: &str, out: &mut bool) -> Decoded<()> {
        set(self.get(key), out, Value::as_bool)
    }

    /// A JSON non-negative integer only (no floats, no strings), at `key`, else at `alias`.
    pub(crate) fn strict_u64(self, key: &str, alias: Option<&str>, out: &mut u64) -> Decoded<()> {
        let value = self.get(key).or_else(|| self.get(alias?));
        set(value, out, Value::as_u64)
    }

    /// A JSON integer that fits a `u32`.
    pub(crate) fn u32(self, key: &str, out: &mut u32) -> Decoded<()> {
        set(self.get(key), out, u32_of)
    }

    /// Any JSON value, kept as is.
    pub(crate) fn value(self, key: &str, out: &mut Value) {
        if let Some(value) = self.get(key) {
            out.clone_from(value);
        }
    }

    /// A nested object; missing reads as `{}`, anything but an object (`null` included) is a misfit.
    pub(crate) fn obj(self, key: &str) -> Decoded<Obj<'a>> {
        match self.get(key) {
            None => Ok(Obj(None)),
            Some(Value::Object(map)) => Ok(Obj::new(map)),
            Some(_) => Err(Misfit),
        }
    }

    /// A nullable nested object: missing or `null` is `None`.
    pub(crate) fn opt<T: Decode>(self, key: &str, out: &mut Option<T>) -> Decoded<()> {
        match self.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => *out = Some(decode(Obj::new(map))?),
            Some(_) => return Err(Misfit),
        }
        Ok(())
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

    /// A list of objects, shaped [`Shape::List`] or [`Shape::Lenient`].
    pub(crate) fn vec<T: Decode>(self, key: &str, shape: Shape, out: &mut Vec<T>) -> Decoded<()> {
        if let Some(items) = self.items(key, shape)? {
            *out = each(items)?;
        }
        Ok(())
    }

    /// A nullable list of objects: missing or `null` is `None`.
    pub(crate) fn opt_vec<T: Decode>(self, key: &str, out: &mut Option<Vec<T>>) -> Decoded<()> {
        if let Some(items) = self.items(key, Shape::OptList)? {
            *out = Some(each(items)?);
        }
        Ok(())
    }
}

/// Decodes every item of a list, each of which must be an object.
fn each<T: Decode>(items: &[Value]) -> Decoded<Vec<T>> {
    // A loop, not `collect::<Result<_, _>>()`: the adapter costs wasm size per payload type.
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(decode(Obj::new(item.as_object().ok_or(Misfit)?))?);
    }
    Ok(out)
}

/// Writes `parse(value)` to `out` if `value` is present; a value `parse` rejects is a misfit.
fn set<T>(value: Option<&Value>, out: &mut T, parse: fn(&Value) -> Option<T>) -> Decoded<()> {
    if let Some(value) = value {
        *out = parse(value).ok_or(Misfit)?;
    }
    Ok(())
}

/// A string, if present.
fn set_string(value: Option<&Value>, out: &mut String) -> Decoded<()> {
    set(value, out, |v| v.as_str().map(str::to_owned))
}

/// A JSON integer that fits a `u32`.
pub(crate) fn u32_of(value: &Value) -> Option<u32> {
    value.as_u64().and_then(|n| u32::try_from(n).ok())
}
