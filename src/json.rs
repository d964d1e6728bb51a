//! A small, strict JSON (RFC 8259) reader and writer over [`serde_json::Value`].
//!
//! `serde_json`'s `Deserializer` and `Serializer` are generic machinery: linking them (plus the
//! `Deserialize` impls they drive) cost the wasm bundle tens of KB. The crate only ever needs
//! "text to `Value`" and "`Value` (or a string) to text", which these plain functions do in a few
//! KB. The `Value`, `Map` and `Number` types stay `serde_json`'s.
//!
//! [`parse`] accepts exactly what `serde_json::from_str::<Value>` accepts (tested against it in
//! `tests/json.rs`), builds the same values (integers as `u64`/`i64`, `-0` and anything else as
//! `f64`, the last of duplicate keys wins) and never panics: nesting deeper than [`MAX_DEPTH`],
//! lone surrogates, control characters in strings and numbers beyond `f64` are errors.
//! [`to_string`] writes the same compact text as `serde_json::to_string`.

use serde_json::{Map, Number, Value};

/// The deepest nesting of arrays and objects [`parse`] accepts (`serde_json`'s limit).
pub const MAX_DEPTH: usize = 127;

/// Why [`parse`] rejected a text: what was wrong, and the byte offset where it was noticed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What was expected or found.
    pub what: &'static str,
    /// Byte offset into the text.
    pub at: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

impl std::error::Error for JsonError {}

/// Parses one JSON value (surrounded by optional whitespace) from `text`.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut parser = Parser { text, pos: 0 };
    let value = parser.value(MAX_DEPTH)?;
    parser.skip_whitespace();
    if parser.pos < text.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

/// `value` as compact JSON text (no spaces; object keys in the map's order).
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// `text` as a JSON string literal, quotes included.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_str(&mut out, text);
    out
}

/// A JSON object with string values, `{"k1":"v1","k2":"v2"}`, keys in the order given.
pub fn string_object(pairs: &[(&str, &str)]) -> String {
    let mut out = String::from("{");
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, key);
        out.push(':');
        write_str(&mut out, value);
    }
    out.push('}');
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(&crate::small::number_to_string(n)),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends `text` as a JSON string literal, escaped as `serde_json` does.
fn write_str(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                out.push_str("\\u00");
                out.push(HEX[c as usize >> 4] as char);
                out.push(HEX[c as usize & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, what: &'static str) -> JsonError {
        JsonError { what, at: self.pos }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek();
        self.pos += usize::from(byte.is_some());
        byte
    }

    /// Consumes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// One value; `depth` is how many more levels of nesting are allowed.
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.skip_whitespace();
        let Some(first) = self.peek() else {
            return Err(self.error("unexpected end of text"));
        };
        match first {
            b'[' | b'{' => self.container(first == b'{', depth),
            b'"' => {
                self.pos += 1;
                self.string().map(Value::String)
            }
            b'-' | b'0'..=b'9' => self.number(),
            b'n' => self.word("null").map(|_| Value::Null),
            b't' => self.word("true").map(|_| Value::Bool(true)),
            b'f' => self.word("false").map(|_| Value::Bool(false)),
            _ => Err(self.error("expected a value")),
        }
    }

    /// Consumes `word` (`null`, `true`, `false`).
    fn word(&mut self, word: &str) -> Result<(), JsonError> {
        if !self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()) {
            return Err(self.error("expected a value"));
        }
        self.pos += word.len();
        Ok(())
    }

    /// An array or an object, from its opening bracket.
    fn container(&mut self, object: bool, depth: usize) -> Result<Value, JsonError> {
        if depth == 0 {
            return Err(self.error("nested too deeply"));
        }
        self.pos += 1;
        let close = if object { b'}' } else { b']' };
        let mut map = Map::new();
        let mut items = Vec::new();
        self.skip_whitespace();
        if !self.eat(close) {
            loop {
                if object {
                    self.skip_whitespace();
                    if !self.eat(b'"') {
                        return Err(self.error("expected a string key"));
                    }
                    let key = self.string()?;
                    self.skip_whitespace();
                    if !self.eat(b':') {
                        return Err(self.error("expected `:`"));
                    }
                    let value = self.value(depth - 1)?;
                    map.insert(key, value);
                } else {
                    items.push(self.value(depth - 1)?);
                }
                self.skip_whitespace();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return Err(self.error("expected `,` or a closing bracket"));
                }
            }
        }
        Ok(if object {
            Value::Object(map)
        } else {
            Value::Array(items)
        })
    }

    /// The rest of a string, after its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    out.push(self.escape()?);
                    run = self.pos;
                }
                Some(0..=0x1f) => return Err(self.error("control character in string")),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        Ok(match self.next() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let mut code = self.hex4()?;
                if (0xD800..0xDC00).contains(&code) {
                    if !(self.eat(b'\\') && self.eat(b'u')) {
                        return Err(self.error("unpaired surrogate"));
                    }
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("unpaired surrogate"));
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                // Only a lone trailing surrogate is left to reject.
                char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate"))?
            }
            _ => return Err(self.error("invalid escape")),
        })
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            self.pos += 1;
            code = code * 16 + digit;
        }
        Ok(code)
    }

    /// Consumes a run of ASCII digits; false if there was none.
    fn digits(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// A number: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let negative = self.eat(b'-');
        if !self.eat(b'0') && !self.digits() {
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.eat(b'.') {
            integer = false;
            if !self.digits() {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.digits() {
                return Err(self.error("invalid number"));
            }
        }
        let text = &self.text[start..self.pos];
        if integer {
            // As serde_json: non-negative integers are u64, negative ones i64 (`-0` is a float),
            // and integers that fit neither are floats.
            if !negative {
                if let Ok(n) = text.parse::<u64>() {
                    return Ok(Value::Number(n.into()));
                }
            } else if let Ok(n @ (..=-1)) = text.parse::<i64>() {
                return Ok(Value::Number(n.into()));
            }
        }
        crate::small::parse_f64(text)
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or(JsonError {
                what: "number out of range",
                at: start,
            })
    }
}
