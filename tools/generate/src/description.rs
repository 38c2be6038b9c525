//! `clerk-api.json`: the declarations as data, for the stand-in Clerk API (tests/standin), which
//! derives its operations, its request checks and its initial state from it, so that a field
//! added to a declaration reaches the stand-in with no edit there. `make conformance` holds the
//! declarations (and the stand-in) against the spec.

use clerk_instance_edge::{Kind, Method, Rule, OPERATIONS, RESOURCES};
use serde_json::{json, Map, Value};

fn type_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Boolean => "boolean",
        Kind::Integer => "integer",
        Kind::String => "string",
        Kind::StringList => "string[]",
    }
}

/// The description, as pretty JSON.
pub fn clerk_api_json() -> String {
    let operations: Vec<Value> = OPERATIONS
        .iter()
        .map(|op| {
            let fields = (op.method != Method::Get).then(|| {
                let mut fields = Map::new();
                for field in op.fields {
                    let mut f = Map::new();
                    f.insert("type".into(), type_name(field.kind).into());
                    f.insert("nullable".into(), field.nullable.into());
                    match (field.rule, field.kind) {
                        (Rule::OneOf(values), Kind::StringList) => {
                            f.insert("itemEnum".into(), json!(values));
                        }
                        (Rule::OneOf(values), _) => {
                            f.insert("enum".into(), json!(values));
                        }
                        (Rule::CountryCodes, _) => {
                            f.insert("itemPattern".into(), "^[A-Z]{2}$".into());
                            f.insert("maxItems".into(), 250.into());
                            f.insert("uniqueItems".into(), true.into());
                        }
                        _ => {}
                    }
                    if field.seed {
                        f.insert("seed".into(), true.into());
                    } else if field.deprecated {
                        f.insert("deprecated".into(), true.into());
                    }
                    fields.insert(field.name.into(), Value::Object(f));
                }
                Value::Object(fields)
            });
            json!({
                "name": op.id,
                "method": op.method.as_str(),
                "path": op.path,
                "status": op.success,
                "deprecated": op.deprecated,
                "resource": op.resource.map(|r| r.name),
                "fields": fields,
            })
        })
        .collect();
    let resources: Map<String, Value> = RESOURCES
        .iter()
        .map(|resource| {
            let fields: Map<String, Value> =
                resource.fields.iter().map(|f| (f.name.to_string(), Value::from(type_name(f.kind)))).collect();
            (resource.name.to_string(), json!({ "object": resource.object, "fields": fields }))
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({ "operations": operations, "resources": resources })).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
#[test]
fn the_description_has_every_operation_and_resource() {
    let description: Value = serde_json::from_str(&clerk_api_json()).unwrap();
    assert_eq!(description["operations"].as_array().unwrap().len(), 14);
    assert_eq!(description["resources"].as_object().unwrap().len(), 7);
    let update = &description["operations"][1];
    assert_eq!(update["status"], 204);
    assert_eq!(update["fields"]["allowed_origins"], json!({"type": "string[]", "nullable": false}));
    assert_eq!(update["fields"]["enhanced_email_deliverability"]["seed"], true);
    assert_eq!(update["fields"]["cookieless_dev"]["deprecated"], true);
    assert_eq!(description["operations"][0]["fields"], Value::Null, "a read takes no body");
}
