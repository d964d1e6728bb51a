#![cfg(not(target_arch = "wasm32"))]
//! `Frame::parse` never panics: on arbitrary text and bytes, on arbitrary `event_data` under every
//! `event_type`, and on mutated fixtures (PROTOCOL.md §4.2 "Parse defensively", §10).
//!
//! The frame-decoding fuzz target: `FUZZ_CASES` sets every property's case count (defaults
//! 500–2000, about ten seconds in all); see the README for an hour-long run. cargo-fuzz needs a
//! nightly toolchain, which these machines cannot install.

#[path = "support/fuzz.rs"]
mod fuzz;
use fuzz::cases;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Map, Value};
use std::path::Path;
use std::sync::OnceLock;
use tau_overlay::tau::protocol::{Envelope, Frame, FrameError, TauEvent};

/// Every `.json` fixture's bytes.
fn fixtures() -> &'static [Vec<u8>] {
    static FIXTURES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let bytes: Vec<_> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
        assert!(bytes.len() > 40, "fixtures not found");
        bytes
    })
}

/// Every event envelope in the fixtures (websocket frames and REST rows), as JSON values.
fn envelopes() -> &'static [Value] {
    static ENVELOPES: OnceLock<Vec<Value>> = OnceLock::new();
    ENVELOPES.get_or_init(|| {
        let mut out = Vec::new();
        for bytes in fixtures() {
            let value: Value = serde_json::from_slice(bytes).unwrap();
            if let Some(rows) = value.get("results").and_then(Value::as_array) {
                out.extend(rows.iter().cloned());
            } else if value.get("event_data").is_some_and(Value::is_object) {
                out.push(value);
            }
        }
        assert!(out.len() > 50);
        out
    })
}

fn parse_lossy(bytes: &[u8]) -> Result<Frame, FrameError> {
    Frame::parse(&String::from_utf8_lossy(bytes))
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(m) => m.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The key of the top-level field of object `v` that holds its `n`th node in preorder; `None`
/// for node 0 (`v` itself).
fn top_level_key(v: &Value, n: usize) -> Option<String> {
    let mut n = n.checked_sub(1)?;
    for (key, child) in v.as_object()? {
        let size = count_nodes(child);
        if n < size {
            return Some(key.clone());
        }
        n -= size;
    }
    None
}

/// The `n`th node of `v` in preorder (`v` itself is node 0).
fn nth_node(v: &mut Value, n: usize) -> &mut Value {
    if n == 0 {
        return v;
    }
    let mut n = n - 1;
    let children: Box<dyn Iterator<Item = &mut Value>> = match v {
        Value::Array(a) => Box::new(a.iter_mut()),
        Value::Object(m) => Box::new(m.values_mut()),
        _ => panic!("index past a leaf"),
    };
    for child in children {
        let size = count_nodes(child);
        if n < size {
            return nth_node(child, n);
        }
        n -= size;
    }
    panic!("index past the end")
}

fn kind(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// `replacement`, wrapped if needed so that its JSON type differs from `node`'s.
fn other_kind(node: &Value, replacement: Value) -> Value {
    match (kind(node) == kind(&replacement), node) {
        (false, _) => replacement,
        (true, Value::Array(_)) => json!({ "x": replacement }),
        (true, _) => json!([replacement]),
    }
}

/// Every key that occurs in the fixtures' payloads, so random objects hit real fields.
fn field_names() -> Vec<String> {
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                out.push(k.clone());
                collect(x, out);
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    envelopes().iter().for_each(|e| collect(&e["event_data"], &mut out));
    out.sort();
    out.dedup();
    out
}

fn arb_scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // NaN and infinities become null
        "\\PC{0,12}".prop_map(Value::from),
        " ?[+-]?[0-9]{1,22}(\\.[0-9]{0,3})?(e[+-]?[0-9]{1,3})? ?".prop_map(Value::from),
        select(&["true", "FALSE", "1000", "prime", "NaN", "inf", "", " "][..]).prop_map(Value::from),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![select(field_names()), "[a-z_]{1,10}"];
    arb_scalar().prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A replacement value: mostly scalars (the misfits a test form produces), sometimes a tree.
fn arb_replacement() -> impl Strategy<Value = Value> {
    prop_oneof![3 => arb_scalar(), 1 => arb_json()]
}

/// Mostly objects keyed like real payloads (the shape `from_json` decodes), sometimes anything.
fn arb_event_data() -> impl Strategy<Value = Value> {
    let key = prop_oneof![4 => select(field_names()), 1 => "[a-z_]{1,10}".boxed()];
    prop_oneof![
        4 => prop::collection::vec((key, arb_replacement()), 0..8)
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        1 => arb_json(),
    ]
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\[\\]{}\":,0-9a-z_ .eE+\\\\-]{0,80}",
        "[\\[\\]{}\":,0-9 .-]{0,40}"
            .prop_map(|tail| format!("{{\"event_type\": \"channel-cheer\", \"event_data\": {tail}")),
        "[\\[\\]{}\":,0-9a-z_ .-]{0,40}".prop_map(|tail| format!("{{\"event\": \"keep_alive\"{tail}")),
    ]
}

#[test]
fn deeply_nested_frames_are_errors_not_stack_overflows() {
    for depth in [100, 127, 128, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let _ = Frame::parse(&text);
        let in_data = format!(
            "{{\"event_type\": \"channel-follow\", \"event_data\": {{\"user_name\": {}1{}}}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let frame = Frame::parse(&in_data);
        if depth == 100 {
            let Ok(Frame::Event(e)) = frame else {
                panic!("{frame:?}")
            };
            assert!(matches!(e.event, TauEvent::Unknown { .. }), "a list is not a name");
        }
    }
    assert!(matches!(
        Frame::parse(&"[".repeat(100_000)),
        Err(FrameError::NotJson(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(2000)))]

    #[test]
    fn arbitrary_text_never_panics(text in arb_text()) {
        let _ = Frame::parse(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_lossy(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1000)))]

    #[test]
    fn arbitrary_event_data_under_every_event_type_is_an_event(
        event_type in prop_oneof![4 => select(TauEvent::EVENT_TYPES).prop_map(String::from), 1 => "[a-z_-]{0,20}".boxed()],
        data in arb_event_data(),
        null_id in any::<bool>(),
    ) {
        let frame = json!({
            "id": if null_id { Value::Null } else { json!("73c9fec8") },
            "event_id": null, "event_type": event_type, "event_source": "TestCall",
            "event_data": data, "created": "2024-03-09T19:40:12.401873+00:00", "origin": "test",
        });
        let Ok(Frame::Event(envelope)) = Frame::parse(&frame.to_string()) else {
            return Err(TestCaseError::fail("not an event"));
        };
        prop_assert_eq!(&envelope.event_type, &event_type);
        let kind = envelope.event.kind_name();
        let typed = TauEvent::EVENT_TYPES.contains(&event_type.as_str());
        if kind == "unknown" {
            // Kept verbatim, and only when the payload cannot be this type: keys no payload type
            // reads never make a misfit, so the same payload without the known keys decodes.
            prop_assert_eq!(&envelope.event, &TauEvent::Unknown { data: frame["event_data"].clone() });
            if let (true, Value::Object(map)) = (typed, &frame["event_data"]) {
                let names = field_names();
                let unread: Map<String, Value> =
                    map.iter().filter(|(k, _)| !names.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
                let again = TauEvent::from_json(&event_type, Value::Object(unread));
                prop_assert_eq!(again.kind_name(), event_type.as_str(), "unread keys made a misfit");
            }
        } else {
            prop_assert_eq!(kind, event_type.as_str());
        }
        if !frame["event_data"].is_object() || !typed {
            prop_assert_eq!(kind, "unknown");
        }
        let _ = (envelope.event.user_display(), envelope.event.broadcaster_user_id());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(500)))]

    #[test]
    fn fixture_with_a_byte_range_deleted_never_panics(file in any::<Index>(), at in any::<Index>(), len in 0usize..80) {
        let mut bytes = file.get(fixtures()).clone();
        let start = at.index(bytes.len() + 1);
        bytes.drain(start..(start + len).min(bytes.len()));
        let _ = parse_lossy(&bytes);
    }

    #[test]
    fn fixture_with_random_bytes_inserted_never_panics(
        file in any::<Index>(),
        at in any::<Index>(),
        junk in prop_oneof![
            prop::collection::vec(any::<u8>(), 1..24),
            "[\\[\\]{}\":,0-9 .\\\\-]{1,8}".prop_map(String::into_bytes),
        ],
    ) {
        let mut bytes = file.get(fixtures()).clone();
        let start = at.index(bytes.len() + 1);
        bytes.splice(start..start, junk);
        let _ = parse_lossy(&bytes);
    }

    #[test]
    fn fixture_with_any_node_replaced_by_another_type_never_panics(
        file in any::<Index>(),
        node in any::<Index>(),
        replacement in arb_replacement(),
    ) {
        let mut value: Value = serde_json::from_slice(file.get(fixtures()).as_slice()).unwrap();
        let n = node.index(count_nodes(&value));
        let target = nth_node(&mut value, n);
        *target = other_kind(target, replacement);
        let result = Frame::parse(&value.to_string());
        prop_assert!(!matches!(result, Err(FrameError::NotJson(_))), "{:?}", result);
        if let Ok(Frame::Event(e)) = result {
            let _ = (e.event.kind_name(), e.event.user_display(), e.event.broadcaster_user_id(), e.is_test());
        }
    }

    #[test]
    fn changing_only_event_data_still_yields_the_same_envelope(
        envelope in any::<Index>(),
        node in any::<Index>(),
        replacement in arb_replacement(),
    ) {
        let original = envelope.get(envelopes()).clone();
        let mut value = original.clone();
        let data = &mut value["event_data"];
        let n = node.index(count_nodes(data));
        let target = nth_node(data, n);
        *target = other_kind(target, replacement);
        let Ok(Frame::Event(mutated)) = Frame::parse(&value.to_string()) else {
            return Err(TestCaseError::fail("an event_data edit lost the envelope"));
        };
        let before = Envelope::from_value(original.clone()).unwrap();
        prop_assert_eq!((&mutated.id, &mutated.event_type, &mutated.created), (&before.id, &before.event_type, &before.created));
        prop_assert_eq!(&mutated.origin, &before.origin);
        let kind = mutated.event.kind_name();
        if kind == "unknown" {
            // Kept verbatim, and only because of the edited field: without it (so defaulted),
            // the rest of the payload is the fixture's and decodes to the fixture's type again.
            prop_assert_eq!(&mutated.event, &TauEvent::Unknown { data: value["event_data"].clone() });
            match top_level_key(&original["event_data"], n) {
                None => prop_assert!(!value["event_data"].is_object()),
                Some(key) => {
                    let mut rest = value["event_data"].clone();
                    rest.as_object_mut().unwrap().remove(&key);
                    let again = TauEvent::from_json(&before.event_type, rest);
                    prop_assert_eq!(again.kind_name(), before.event.kind_name(), "{} alone is no misfit", key);
                }
            }
        } else {
            prop_assert_eq!(kind, before.event.kind_name());
            prop_assert!(value["event_data"].is_object());
        }
    }

    #[test]
    fn same_type_leaf_edits_in_event_data_keep_the_typed_variant(
        envelope in any::<Index>(),
        node in any::<Index>(),
        text in "\\PC{0,16}",
        number in any::<u32>(),
        flag in any::<bool>(),
    ) {
        let mut value = envelope.get(envelopes()).clone();
        let data = &mut value["event_data"];
        let n = node.index(count_nodes(data));
        let target = nth_node(data, n);
        match target {
            Value::String(s) => *s = text,
            Value::Number(n) => *n = number.into(),
            Value::Bool(b) => *b = flag,
            _ => {}
        }
        let Ok(Frame::Event(mutated)) = Frame::parse(&value.to_string()) else {
            return Err(TestCaseError::fail("not an event"));
        };
        if TauEvent::KEPT_RAW.contains(&mutated.event_type.as_str()) {
            prop_assert_eq!(mutated.event, TauEvent::Unknown { data: value["event_data"].clone() });
        } else {
            prop_assert!(!matches!(mutated.event, TauEvent::Unknown { .. }), "{:?}", mutated.event);
            prop_assert_eq!(mutated.event.kind_name(), mutated.event_type.as_str());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(500)))]

    /// REST pages decode row by row (PROTOCOL.md §7): a page with any node replaced by another
    /// type never panics the backfill, and a row that no longer decodes costs only itself.
    #[test]
    fn rest_page_with_any_node_replaced_never_panics_the_backfill(
        node in any::<Index>(),
        replacement in arb_replacement(),
    ) {
        use tau_overlay::tau::backfill::{Backfill, BackfillOptions, PageOutcome};
        use tau_overlay::tau::protocol::UnixMillis;
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rest_twitch_events_list.json");
        let mut page: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let rows = page["results"].as_array().map_or(0, Vec::len);
        let n = node.index(count_nodes(&page));
        let target = nth_node(&mut page, n);
        *target = other_kind(target, replacement);
        let mut backfill = Backfill::new(BackfillOptions::default());
        let checkpoint = tau_overlay::tau::backfill::Checkpoint::from_storage_string("v1|0|none");
        let now = UnixMillis(1_710_012_000_000);
        prop_assert!(backfill.start(checkpoint, now).is_some());
        let outcome = backfill.on_page(&page, now);
        let stats = backfill.stats();
        match outcome {
            PageOutcome::Fetch(_) | PageOutcome::Done(_) if stats.pages == 1 => {
                // The page was read: every row either decoded or was counted as bad.
                prop_assert!(stats.bad_rows <= stats.rows);
                prop_assert!(stats.rows as usize <= rows + 1);
            }
            PageOutcome::Done(d) => {
                // Not a page at all: the pass ends as a failed fetch does, delivering nothing.
                prop_assert!(d.is_empty());
                prop_assert_eq!(stats.errors, 1);
            }
            PageOutcome::Fetch(url) => return Err(TestCaseError::fail(format!("fetch {url} from an unread page"))),
        }
    }
}
