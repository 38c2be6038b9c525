//! The declarations against Clerk's OpenAPI spec (the instance subset, in the file named by
//! `CLERK_OPENAPI_SPEC`, default `../shared/reference/clerk-bapi-2026-05-12-instance.yml`). Fails
//! when an operation or field of the spec is missing, or differs in wire name, type, nullability,
//! enum, pattern or deprecation; and when a declared field is in no spec and is not one of the
//! fields the seed documents name.
//!
//! Run with `make conformance`, which first checks that the spec is there; `cargo test` leaves this
//! file out (`test = false` in Cargo.toml), so that a clone on its own passes `make test`.

use clerk_instance_edge::*;
use serde_yaml::Value as Yaml;
use std::collections::BTreeSet;

/// Fields the seed documents (or the official JS SDK) name that the newest spec dropped.
const SEED_FIELDS: &[(&str, &str)] = &[
    ("UpdateInstance", "enhanced_email_deliverability"),
    ("UpdateInstanceAuthConfig", "enhanced_email_deliverability"),
    ("UpdateInstanceAuthConfig", "session_token_template"),
    ("UpdateInstanceRestrictions", "ignore_dots_for_gmail_addresses"),
];

/// Resource fields the official JS SDK reads that the newest spec does not list.
const SEED_RESOURCE_FIELDS: &[(&str, &str)] = &[("InstanceRestrictions", "ignore_dots_for_gmail_addresses")];

fn spec() -> Yaml {
    let path = std::env::var("CLERK_OPENAPI_SPEC").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference/clerk-bapi-2026-05-12-instance.yml").into()
    });
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the spec at {path}: {e}; set CLERK_OPENAPI_SPEC to its path"));
    serde_yaml::from_str(&text).expect("the spec is YAML")
}

/// Follows a `$ref` (`#/components/schemas/X`) to what it names.
fn resolve<'a>(spec: &'a Yaml, node: &'a Yaml) -> &'a Yaml {
    match node.get("$ref").and_then(Yaml::as_str) {
        Some(reference) => {
            let mut target = spec;
            for part in reference.trim_start_matches("#/").split('/') {
                target = &target[part];
            }
            resolve(spec, target)
        }
        None => node,
    }
}

fn kind_of(schema: &Yaml) -> Kind {
    match schema["type"].as_str() {
        Some("boolean") => Kind::Boolean,
        Some("integer") => Kind::Integer,
        Some("string") => Kind::String,
        Some("array") if schema["items"]["type"].as_str() == Some("string") => Kind::StringList,
        other => panic!("a schema type this crate has no kind for: {other:?}"),
    }
}

fn flag(schema: &Yaml, name: &str) -> bool {
    schema[name].as_bool().unwrap_or(false)
}

fn spec_operations(spec: &Yaml) -> Vec<(String, String, &Yaml)> {
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        for (method, operation) in item.as_mapping().expect("a path item") {
            let path = path.as_str().unwrap().to_string();
            found.push((method.as_str().unwrap().to_uppercase(), path, operation));
        }
    }
    found
}

#[test]
fn every_spec_operation_is_declared_with_the_same_id_and_no_other() {
    let spec = spec();
    let ours: BTreeSet<_> = OPERATIONS.iter().map(|op| (op.method.as_str().to_string(), op.path.to_string())).collect();
    let theirs: BTreeSet<_> = spec_operations(&spec).into_iter().map(|(m, p, _)| (m, p)).collect();
    assert_eq!(ours, theirs);
    assert_eq!(OPERATIONS.len(), 14);
    for (method, path, operation) in spec_operations(&spec) {
        let op = OPERATIONS.iter().find(|op| op.method.as_str() == method && op.path == path).unwrap();
        assert_eq!(op.id, operation["operationId"].as_str().unwrap(), "{method} {path}");
        assert_eq!(op.deprecated, flag(operation, "deprecated"), "deprecation of {}", op.id);
    }
}

#[test]
fn every_spec_field_is_declared_with_its_name_type_nullability_and_rules() {
    let spec = spec();
    let mut checked = 0;
    for (method, path, operation) in spec_operations(&spec) {
        let op = OPERATIONS.iter().find(|op| op.method.as_str() == method && op.path == path).unwrap();
        let schema = resolve(&spec, &operation["requestBody"]["content"]["application/json"]["schema"]);
        if matches!(schema, Yaml::Null) {
            assert!(op.fields.is_empty(), "{} has no request body in the spec", op.id);
            continue;
        }
        assert_eq!(schema["additionalProperties"].as_bool(), Some(false), "{}", op.id);
        let properties = schema["properties"].as_mapping().expect("properties");
        for (name, property) in properties {
            let name = name.as_str().unwrap();
            let property = resolve(&spec, property);
            let field = op.field(name).unwrap_or_else(|| panic!("{} lacks the spec field `{name}`", op.id));
            let context = format!("{}.{}", op.id, name);
            assert_eq!(field.kind, kind_of(property), "type of {context}");
            assert_eq!(field.nullable, flag(property, "nullable"), "nullability of {context}");
            if flag(property, "deprecated") {
                assert!(field.deprecated, "{context} is deprecated in the spec");
            }
            let item = if field.kind == Kind::StringList { &property["items"] } else { property };
            if let Some(values) = item["enum"].as_sequence() {
                let values: Vec<&str> = values.iter().map(|v| v.as_str().unwrap()).collect();
                match field.rule {
                    Rule::OneOf(ours) => assert_eq!(ours, values.as_slice(), "enum of {context}"),
                    other => panic!("{context} has an enum in the spec; declared {other:?}"),
                }
            }
            if let Some(pattern) = item["pattern"].as_str() {
                assert_eq!(pattern, "^[A-Z]{2}$", "a pattern this crate has no rule for, on {context}");
                assert_eq!(field.rule, Rule::CountryCodes, "pattern of {context}");
                assert_eq!(property["maxItems"].as_u64(), Some(250), "maxItems of {context}");
                assert!(flag(property, "uniqueItems"), "uniqueItems of {context}");
            }
            checked += 1;
        }
        for field in op.fields {
            let in_spec = properties.get(field.name).is_some();
            assert_eq!(field.seed, !in_spec, "{}.{}: `seed` is for fields in no spec version", op.id, field.name);
            if !in_spec {
                assert!(
                    SEED_FIELDS.contains(&(op.id, field.name)),
                    "{}.{} is in no spec and no seed document",
                    op.id,
                    field.name
                );
                assert!(field.deprecated, "{}.{} is not in the newest spec: document it as deprecated", op.id, field.name);
            }
        }
    }
    let spec_fields: usize = spec_operations(&spec)
        .into_iter()
        .map(|(_, _, operation)| resolve(&spec, &operation["requestBody"]["content"]["application/json"]["schema"]))
        .map(|schema| schema["properties"].as_mapping().map_or(0, |p| p.len()))
        .sum();
    assert!(spec_fields >= 39, "the spec read has its request fields ({spec_fields})");
    assert_eq!(checked, spec_fields, "every request field of the spec was checked");
}

#[test]
fn every_seed_field_is_declared_as_deprecated() {
    for (id, name) in SEED_FIELDS {
        let op = OPERATIONS.iter().find(|op| op.id == *id).unwrap();
        let field = op.field(name).unwrap_or_else(|| panic!("{id} lacks the seed field `{name}`"));
        assert!(field.deprecated && field.nullable, "{id}.{name}");
    }
}

#[test]
fn every_success_response_matches_its_resource() {
    let spec = spec();
    for (method, path, operation) in spec_operations(&spec) {
        let op = OPERATIONS.iter().find(|op| op.method.as_str() == method && op.path == path).unwrap();
        let responses = operation["responses"].as_mapping().unwrap();
        let success = responses
            .iter()
            .find(|(status, _)| status.as_str().is_some_and(|s| s.starts_with('2')))
            .map(|(status, response)| (status.as_str().unwrap(), resolve(&spec, response)))
            .unwrap();
        let schema = resolve(&spec, &success.1["content"]["application/json"]["schema"]);
        assert_eq!(success.0, op.success.to_string(), "the success status of {}", op.id);
        let Some(resource) = op.resource else {
            assert!(matches!(success.0, "202" | "204"), "{} answers {} with a body", op.id, success.0);
            assert!(matches!(schema, Yaml::Null));
            continue;
        };
        assert_eq!(success.0, "200", "{}", op.id);
        let properties = schema["properties"].as_mapping().expect("properties");
        for (name, property) in properties {
            let name = name.as_str().unwrap();
            let field = resource
                .fields
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("{} lacks the response field `{name}`", resource.name));
            assert_eq!(field.kind, kind_of(resolve(&spec, property)), "type of {}.{name}", resource.name);
        }
        for field in resource.fields {
            assert!(
                properties.get(field.name).is_some() || SEED_RESOURCE_FIELDS.contains(&(resource.name, field.name)),
                "{}.{} is in no spec",
                resource.name,
                field.name
            );
        }
        if let Some(reference) = success.1["content"]["application/json"]["schema"]["$ref"].as_str() {
            assert!(reference.ends_with(&format!("/{}", resource.name)), "{} answers {reference}", op.id);
        }
        let object_property = properties.get("object").cloned().unwrap_or_default();
        let object = resolve(&spec, &object_property);
        if let Some(values) = object["enum"].as_sequence() {
            assert_eq!(values.first().and_then(Yaml::as_str), Some(resource.object), "the object of {}", resource.name);
        }
    }
}

#[test]
fn js_names_are_the_lower_camel_case_of_wire_names() {
    assert_eq!(js_name("oauth_jwt_access_tokens"), "oauthJwtAccessTokens");
    assert_eq!(js_name("hibp"), "hibp");
    assert_eq!(js_name("preferred_sign_in_strategy_when_password_required"), "preferredSignInStrategyWhenPasswordRequired");
    let spec = spec();
    for (_, _, operation) in spec_operations(&spec) {
        let group = operation["x-speakeasy-group"].as_str();
        let name = operation["x-speakeasy-name-override"].as_str();
        let id = operation["operationId"].as_str().unwrap();
        let op = OPERATIONS.iter().find(|op| op.id == id).unwrap();
        if let (Some("instanceSettings"), Some(name)) = (group, name) {
            assert!(op.js.contains(&(Group::Instances, name)), "{id} is instances.{name} in the spec");
        }
        if let (Some("betaFeatures"), Some(name)) = (group, name) {
            assert!(op.js.contains(&(Group::BetaFeatures, name)), "{id} is betaFeatures.{name} in the spec");
        }
    }
}
