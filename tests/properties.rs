//! Properties over every field of every operation: the body holds exactly the fields that are
//! not absent, each as `null` or its value; typed params, serde and the wire encoder agree; the
//! JSON reader reads what the writer writes and all JSON. (Robustness against hostile input is
//! in `fuzz.rs`.)

use clerk_instance_edge::*;
use proptest::prelude::*;
use serde_json::{Map, Value as JsonValue};

fn any_value(kind: Kind) -> BoxedStrategy<Value> {
    match kind {
        Kind::Boolean => any::<bool>().prop_map(Value::Boolean).boxed(),
        Kind::Integer => any::<i64>().prop_map(Value::Integer).boxed(),
        Kind::String => any::<String>().prop_map(Value::String).boxed(),
        Kind::StringList => prop::collection::vec(any::<String>(), 0..4).prop_map(Value::StringList).boxed(),
    }
}

fn any_patch(field: &'static Field) -> BoxedStrategy<Patch<Value>> {
    let value = any_value(field.kind).prop_map(Patch::Value);
    if field.nullable {
        prop_oneof![Just(Patch::Absent), Just(Patch::Null), value].boxed()
    } else {
        prop_oneof![Just(Patch::Absent), value].boxed()
    }
}

/// An operation with a write body, and a tri-state for each of its fields.
fn any_update() -> impl Strategy<Value = (&'static Operation, Vec<Patch<Value>>)> {
    let writes: Vec<&'static Operation> = OPERATIONS.iter().copied().filter(|op| op.method != Method::Get).collect();
    prop::sample::select(writes).prop_flat_map(|op| {
        let patches: Vec<_> = op.fields.iter().map(any_patch).collect();
        (Just(op), patches)
    })
}

fn to_json(value: &Value) -> JsonValue {
    match value {
        Value::Boolean(b) => JsonValue::Bool(*b),
        Value::Integer(n) => JsonValue::from(*n),
        Value::String(s) => JsonValue::String(s.clone()),
        Value::StringList(items) => JsonValue::from(items.clone()),
    }
}

fn entries_of(patches: &[Patch<Value>]) -> Vec<Entry> {
    patches.iter().cloned().enumerate().filter(|(_, p)| !p.is_absent()).collect()
}

/// Deserializes a body into the params struct of `op` and reads back its entries and serde form.
fn through_typed(op: &Operation, body: &JsonValue) -> (Vec<Entry>, JsonValue) {
    fn go<P: Params + serde::de::DeserializeOwned + serde::Serialize>(body: &JsonValue) -> (Vec<Entry>, JsonValue) {
        let params: P = serde_json::from_value(body.clone()).expect("a body deserializes into its params struct");
        (params.entries(), serde_json::to_value(&params).unwrap())
    }
    macro_rules! dispatch {
        ($($ty:ident),*) => {
            match op.id {
                $(stringify!($ty) => go::<$ty>(body),)*
                other => panic!("no params struct for {other}"),
            }
        };
    }
    dispatch!(
        UpdateInstance, UpdateInstanceRestrictions, UpdateInstanceProtect, UpdateInstanceCommunication,
        UpdateInstanceOAuthApplicationSettings, UpdateInstanceOrganizationSettings,
        ChangeProductionInstanceDomain, UpdateInstanceAuthConfig, UpdateProductionInstanceDomain
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_body_holds_exactly_the_fields_that_are_not_absent((op, patches) in any_update()) {
        let body = encode_body(op, &entries_of(&patches)).expect("writes have a body");
        let parsed: Map<String, JsonValue> = serde_json::from_str(&body).expect("the body is a JSON object");
        let mut expected = Map::new();
        for (field, patch) in op.fields.iter().zip(&patches) {
            match patch {
                Patch::Absent => {}
                Patch::Null => { expected.insert(field.name.into(), JsonValue::Null); }
                Patch::Value(value) => { expected.insert(field.name.into(), to_json(value)); }
            }
        }
        prop_assert_eq!(parsed.len(), expected.len());
        prop_assert_eq!(&parsed, &expected);
        // Our reader agrees with serde_json on our own output.
        prop_assert!(parse_json(&body).is_ok());
    }

    #[test]
    fn typed_params_serde_and_the_wire_agree((op, patches) in any_update()) {
        let entries = entries_of(&patches);
        let body: JsonValue = serde_json::from_str(&encode_body(op, &entries).unwrap()).unwrap();
        let (typed_entries, serde_form) = through_typed(op, &body);
        prop_assert_eq!(&typed_entries, &entries);
        prop_assert_eq!(&serde_form, &body);
    }

    #[test]
    fn strings_are_written_like_serde_json_and_read_back(s in any::<String>()) {
        let params = UpdateInstance { clerk_js_version: s.clone().into(), ..Default::default() };
        let body = encode_body(UpdateInstance::OPERATION, &params.entries()).unwrap();
        let expected = format!("{{\"clerk_js_version\":{}}}", serde_json::to_string(&s).unwrap());
        prop_assert_eq!(&body, &expected);
        let read = parse_json(&body).unwrap();
        prop_assert_eq!(read.get("clerk_js_version").and_then(Json::as_str), Some(s.as_str()));
    }

    #[test]
    fn the_reader_never_panics_and_accepts_all_json(text in any::<String>(), json in arb_json()) {
        let _ = parse_json(&text);
        let written = serde_json::to_string(&json).unwrap();
        prop_assert!(parse_json(&written).is_ok(), "{}", written);
        for cut in [written.len() / 2, written.len().saturating_sub(1)] {
            if written.is_char_boundary(cut) && cut < written.len() {
                let _ = parse_json(&written[..cut]);
            }
        }
    }
}

fn arb_json() -> impl Strategy<Value = JsonValue> {
    let leaf = prop_oneof![
        Just(JsonValue::Null),
        any::<bool>().prop_map(JsonValue::Bool),
        any::<i64>().prop_map(JsonValue::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(JsonValue::from),
        any::<String>().prop_map(JsonValue::String),
        prop::sample::select(vec!["errors", "message", "code", "allowlist", "id", "object"])
            .prop_map(|s| JsonValue::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(JsonValue::Array),
            prop::collection::vec(
                (prop::sample::select(vec!["errors", "message", "long_message", "code", "meta", "allowlist", "id", "x"]), inner),
                0..8
            )
            .prop_map(|members| JsonValue::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}
