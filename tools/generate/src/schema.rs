//! `settings.schema.json`: the JSON Schema (2020-12) of a settings document, from the sections
//! and their operations' fields, so that an editor checks a settings file as it is typed. It
//! restates the module's rules where a schema can (types, `null`, enums, the country-code
//! pattern, list limits, unknown keys) and is never stricter than the module: where a rule is
//! more than a pattern (origins, email addresses), the schema's pattern is looser or absent, and
//! the module has the last word.

use clerk_instance_edge::*;
use serde_json::Value as J;

fn s(text: &str) -> J {
    J::String(text.into())
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

/// Pretty-printed like `serde_json::to_string_pretty`, except that a list of plain values stays
/// on one line (`"type": ["boolean", "null"]`), as a person would write the schema.
fn write(out: &mut String, value: &J, indent: usize) {
    let pad = |n: usize| "  ".repeat(n);
    match value {
        J::Null | J::Bool(_) | J::Number(_) | J::String(_) => out.push_str(&value.to_string()),
        J::Array(items) if items.iter().all(|i| !matches!(i, J::Object(_) | J::Array(_))) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(out, item, indent);
            }
            out.push(']');
        }
        J::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                write(out, item, indent + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        J::Object(members) => {
            out.push_str("{\n");
            for (i, (key, member)) in members.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&J::from(key.as_str()).to_string());
                out.push_str(": ");
                write(out, member, indent + 1);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
    }
}

/// A documentation comment as one paragraph.
fn text(doc: &str) -> String {
    doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `scheme://host[:port]`: looser than the module's check (which also reads the port and the
/// host), never stricter.
const ORIGIN: &str = r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]+$";
/// Letters and digits: any non-ASCII character passes, as in the module, which leaves those to
/// the server.
const EMAIL_LOCAL_PART: &str = r"^[^\x00-/:-@\[-`{-\x7f]*$";

/// The schema of one string under its rule.
fn string_schema(rule: Rule) -> Vec<(&'static str, J)> {
    match rule {
        Rule::OneOf(choices) => vec![("enum", J::Array(choices.iter().map(|c| s(c)).collect()))],
        Rule::CountryCodes => vec![("type", s("string")), ("pattern", s("^[A-Z]{2}$"))],
        Rule::Origin => vec![("type", s("string")), ("pattern", s(ORIGIN))],
        Rule::EmailLocalPart => vec![("type", s("string")), ("pattern", s(EMAIL_LOCAL_PART))],
        Rule::Any | Rule::EmailOrEmpty | Rule::AbsoluteUrl => vec![("type", s("string"))],
    }
}

/// The schema of one field: its type and rule, `null` when it may be null, its documentation.
fn field_schema(field: &Field) -> J {
    let mut members: Vec<(&str, J)> = match field.kind {
        Kind::Boolean => vec![("type", s("boolean"))],
        Kind::Integer => vec![("type", s("integer")), ("minimum", J::from(0)), ("maximum", J::from(i64::MAX))],
        Kind::String => string_schema(field.rule),
        Kind::StringList => {
            let mut list = vec![("type", s("array")), ("items", obj(string_schema(field.rule)))];
            if field.rule == Rule::CountryCodes {
                list.push(("uniqueItems", J::Bool(true)));
                list.push(("maxItems", J::from(250)));
            }
            if field.empty_ignored {
                list.push(("minItems", J::from(1)));
            }
            list
        }
    };
    if field.nullable {
        for (key, value) in members.iter_mut() {
            match (*key, value) {
                ("type", value) => {
                    let J::String(kind) = value else { continue };
                    *value = J::Array(vec![s(kind), s("null")]);
                }
                ("enum", J::Array(choices)) => choices.push(J::Null),
                _ => {}
            }
        }
    }
    let mut description = text(field.doc);
    if field.empty_ignored {
        description.push_str(" Not empty: the API ignores an empty list, so it cannot be cleared.");
    }
    members.push(("description", J::String(description)));
    if field.deprecated {
        members.push(("deprecated", J::Bool(true)));
    }
    obj(members)
}

/// The whole schema, as `make pkg` writes it to `settings.schema.json`.
pub fn settings_schema() -> String {
    let mut properties = vec![(
        "$schema".to_string(),
        obj(vec![
            ("type", s("string")),
            ("description", s("The path or URL of this schema, for editors (`./node_modules/clerk-instance-edge/settings.schema.json`). Ignored by the client.")),
        ]),
    )];
    for section in SECTIONS {
        let fields = section.update.fields.iter().map(|f| (js_name(f.name), field_schema(f))).collect();
        let mut description = text(section.doc);
        if section.read.is_none() {
            description.push_str(" Every field is sent on every apply.");
        }
        properties.push((
            section.name.to_string(),
            obj(vec![
                ("type", s("object")),
                ("description", J::String(description)),
                ("additionalProperties", J::Bool(false)),
                ("properties", J::Object(fields)),
            ]),
        ));
    }
    let order: Vec<&str> = SECTIONS.iter().map(|s| s.name).collect();
    let schema = obj(vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("title", s("Clerk instance settings (clerk-instance-edge)")),
        (
            "description",
            J::String(format!(
                "The desired settings of a Clerk instance, for `clerk.settings.plan` and `clerk.settings.apply`. A missing section or field is not managed; `null` is sent as `null`. Sections are applied in this order: {}. Generated from the crate's declarations.",
                order.join(", ")
            )),
        ),
        ("type", s("object")),
        ("additionalProperties", J::Bool(false)),
        ("properties", J::Object(properties.into_iter().collect())),
    ]);
    let mut out = String::new();
    write(&mut out, &schema, 0);
    out.push('\n');
    out
}

#[cfg(test)]
#[test]
fn the_schema_has_every_section_and_field_with_its_rules() {
    let schema = settings_schema();
    for section in SECTIONS {
        assert!(schema.contains(&format!("    \"{}\": {{\n", section.name)), "{}", section.name);
        for field in section.update.fields {
            assert!(schema.contains(&format!("\"{}\": {{", js_name(field.name))), "{}", field.name);
        }
    }
    assert!(schema.contains(r#""pattern": "^[A-Z]{2}$""#));
    assert!(schema.contains(r#""type": ["boolean", "null"]"#));
    assert!(schema.contains(r#""enum": ["password", "otp", "", null]"#));
    assert!(schema.contains(r#""maximum": 9223372036854775807"#));
    assert_eq!(schema.matches(r#""additionalProperties": false"#).count(), SECTIONS.len() + 1);
    assert!(!schema.contains("changeDomain") && !schema.contains("homeUrl"), "no domain change");
}
