#![cfg(not(target_arch = "wasm32"))]
//! `tau_overlay::json` against `serde_json`: the same values out of the same texts, the same
//! texts out of the same values, the same accept/reject verdicts, and never a panic.

use proptest::prelude::*;
use serde_json::{json, Map, Number, Value};
use std::path::Path;
use tau_overlay::json::{self, JsonError, MAX_DEPTH};

/// Every `.json` fixture's text.
fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert!(texts.len() > 40, "fixtures not found");
    texts
}

/// `a == b`, except that floats only need to agree to within a few ulps: without its
/// `float_roundtrip` feature serde_json may round a long decimal differently from `str::parse`
/// (which is exact).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() && y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || ((x - y).abs() <= x.abs().max(y.abs()) * 1e-15)
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

/// Parses `text` both ways and checks that they agree; returns our verdict.
fn agree(text: &str) -> Result<Value, JsonError> {
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same(a, b), "{text:?}: {a:?} vs {b:?}"),
        (Err(_), Err(_)) => {}
        _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    ours
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter_map("finite", Number::from_f64)
            .prop_map(Value::Number),
        (-1e6f64..1e6)
            .prop_filter_map("finite", Number::from_f64)
            .prop_map(Value::Number),
        any::<String>().prop_map(Value::String),
        "[\\x00-\\x7f]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Text that is mostly JSON-ish: the characters JSON is made of, plus some others.
fn arb_jsonish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("true".to_string()),
        Just("nul".to_string()),
        Just("null".to_string()),
        Just("false".to_string()),
        Just("\\u".to_string()),
        Just("\\ud83d".to_string()),
        Just("\\ude00".to_string()),
        Just("e".to_string()),
        Just("E+".to_string()),
        Just("-".to_string()),
        Just(".".to_string()),
        "[0-9]{1,25}",
        "[a-fA-F0-9]{1,4}",
        "\"[a-z\\\\\"/bfnrtu]{0,6}\"",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn reads_back_what_serde_json_writes(value in arb_value()) {
        let compact = serde_json::to_string(&value).unwrap();
        prop_assert_eq!(&json::parse(&compact).unwrap(), &value);
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        prop_assert_eq!(&json::parse(&pretty).unwrap(), &value);
    }

    #[test]
    fn writes_what_serde_json_writes(value in arb_value()) {
        prop_assert_eq!(json::to_string(&value), serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn quotes_strings_as_serde_json_does(text in any::<String>()) {
        prop_assert_eq!(json::quote(&text), serde_json::to_string(&text).unwrap());
    }

    #[test]
    fn agrees_on_jsonish_text(text in arb_jsonish()) {
        let _ = agree(&text);
    }

    #[test]
    fn agrees_on_arbitrary_text(text in any::<String>()) {
        let _ = agree(&text);
    }

    #[test]
    fn agrees_on_mutated_fixtures(file in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(),
                                  cut in 0usize..4, junk in "[\\[\\]{}\",:\\\\0-9a-z \\x00-\\x1f]{0,3}") {
        let texts = fixtures();
        let text = file.get(&texts);
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let mutated = format!("{}{}{}", &text[..at], junk, &text[end..]);
        let _ = agree(&mutated);
    }
}

#[test]
fn every_fixture_parses_to_what_serde_json_gives() {
    for text in fixtures() {
        let value = agree(&text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(&text).unwrap());
    }
}

#[test]
fn corpus_verdicts_match_serde_json() {
    let corpus = [
        "",
        " ",
        "null",
        " null ",
        "nul",
        "nulll",
        "true",
        "false",
        "tru",
        "True",
        "0",
        "-0",
        "-0.0",
        "00",
        "01",
        "-01",
        "1.",
        ".5",
        "1.5",
        "-",
        "+1",
        "1e",
        "1e+",
        "1e5",
        "1E-5",
        "1e400",
        "-1e400",
        "1e-400",
        "0e99999",
        "1e99999999999999999999999",
        "0.0000000000000000000000001e-999",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "4.9e-324",
        "2.2250738585072014e-308",
        "[",
        "]",
        "[]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[1,2]",
        "{}",
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{a:1}",
        "{\"a\":1,\"a\":2}",
        "{1:2}",
        "\"",
        "\"abc",
        "\"a\\\"b\"",
        "\"\\/\"",
        "\"\\x\"",
        "\"\\u00e9\"",
        "\"\\u00E9\"",
        "\"\\u12\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ud83dx\"",
        "\"\\ud83d\\n\"",
        "\"\\ud83d\\u0041\"",
        "\"\\ude00\"",
        "\"\\ud83d\\ud83d\\ude00\"",
        "\"\\ud83d\\ue000\"",
        "\"\\ud83d\\udbff\"",
        "\"\\ud800\\udc00\"",
        "\"\\udbff\\udfff\"",
        "\"\\uDBFF\\uDFFF\"",
        "\"\\ud7ff\\ue000\"",
        "\"\\u0000\"",
        "\"tab\there\"",
        "\"nl\nhere\"",
        "\"\u{7f}\"",
        "\"é😀\"",
        "1 2",
        "[] []",
        "{}x",
        "\u{feff}1",
        "\t\n\r 1 \t\n\r",
        "\u{a0}1",
        "[-]",
        "[-a]",
        "[1e]",
        "[1.e1]",
        "[1.0e1]",
        "NaN",
        "Infinity",
        "-Infinity",
        "[\"a\",{\"b\":[null,true,false,{}]}]",
    ];
    for text in corpus {
        let _ = agree(text);
    }
}

#[test]
fn integers_keep_their_serde_json_kind() {
    for (text, expected) in [
        ("0", json!(0u64)),
        ("-1", json!(-1i64)),
        ("18446744073709551615", json!(u64::MAX)),
        ("-9223372036854775808", json!(i64::MIN)),
        ("-0", json!(-0.0)),
        ("1.0", json!(1.0)),
    ] {
        let value = json::parse(text).unwrap();
        assert_eq!(value, expected, "{text}");
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap(), "{text}");
    }
}

#[test]
fn nesting_is_limited_like_serde_json() {
    for depth in [1, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 100_000] {
        for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let ours = agree(&text);
            assert_eq!(ours.is_ok(), depth <= MAX_DEPTH, "{depth}");
        }
    }
    assert!(json::parse(&"[".repeat(1_000_000)).is_err());
}

#[test]
fn errors_say_what_and_where() {
    let error = json::parse("[1, x]").unwrap_err();
    assert_eq!(error.at, 4);
    assert_eq!(error.to_string(), "expected a value at byte 4");
}

#[test]
fn string_objects_are_json_objects_in_the_given_order() {
    let text = json::string_object(&[("token", "a\"b\\c\n")]);
    assert_eq!(text, serde_json::to_string(&json!({"token": "a\"b\\c\n"})).unwrap());
    let text = json::string_object(&[("irc_channel", "x"), ("message", "é")]);
    assert_eq!(text, r#"{"irc_channel":"x","message":"é"}"#);
    assert_eq!(json::string_object(&[]), "{}");
}
