//! Reading success bodies and Clerk error bodies, leniently and without panics.

use clerk_instance_edge::*;

fn read<R: FromResource>(body: &str) -> Result<R, String> {
    read_resource(R::RESOURCE.expect("a resource"), body).map(R::from_fields)
}

#[test]
fn unknown_fields_are_ignored_and_null_is_none() {
    let body = r#"{
        "object": "instance", "id": "ins_123", "environment_type": "production",
        "allowed_origins": null, "workspace_id": "org_1", "brand_new_field": {"nested": [1, 2]}
    }"#;
    let instance: Instance = read(body).unwrap();
    assert_eq!(
        instance,
        Instance {
            object: Some("instance".into()),
            id: Some("ins_123".into()),
            environment_type: Some("production".into()),
            allowed_origins: None,
            workspace_id: Some("org_1".into()),
        }
    );
}

#[test]
fn unknown_enum_values_are_accepted() {
    let body = r#"{"object":"organization_settings_v2","domains_enrollment_modes":["manual_invitation","automatic_everything"],"max_allowed_memberships":5}"#;
    let settings: OrganizationSettings = read(body).unwrap();
    assert_eq!(settings.object.as_deref(), Some("organization_settings_v2"));
    assert_eq!(settings.domains_enrollment_modes.unwrap(), ["manual_invitation", "automatic_everything"]);
    assert_eq!(settings.max_allowed_memberships, Some(5));
}

#[test]
fn missing_optional_fields_are_none() {
    let restrictions: InstanceRestrictions = read(r#"{"allowlist": true}"#).unwrap();
    assert_eq!(restrictions.allowlist, Some(true));
    assert_eq!(restrictions.blocklist, None);
    assert_eq!(restrictions.ignore_dots_for_gmail_addresses, None);
}

#[test]
fn absent_null_and_value_stay_apart_in_the_generic_reading() {
    let resource = InstanceCommunication::RESOURCE.unwrap();
    let fields = read_resource(resource, r#"{"blocked_country_codes":["US"]}"#).unwrap();
    assert_eq!(fields, [Patch::Absent, Patch::Value(Value::StringList(vec!["US".into()]))]);
    let fields = read_resource(resource, r#"{"object":null}"#).unwrap();
    assert_eq!(fields, [Patch::Null, Patch::Absent]);
}

#[test]
fn a_declared_field_of_the_wrong_type_is_named() {
    let error = read::<InstanceProtect>(r#"{"rules_enabled":"yes"}"#).unwrap_err();
    assert_eq!(error, "`rules_enabled` is a string where a boolean is expected");
    let error = read::<OrganizationSettings>(r#"{"max_allowed_memberships":2.5}"#).unwrap_err();
    assert_eq!(error, "`max_allowed_memberships` is a number where an integer is expected");
    let error = read::<InstanceCommunication>(r#"{"blocked_country_codes":["US",1]}"#).unwrap_err();
    assert_eq!(error, "`blocked_country_codes` is an array where an array of strings is expected");
}

#[test]
fn bodies_that_are_not_a_json_object_are_readable_errors() {
    assert_eq!(read::<Instance>("").unwrap_err(), "the body is empty");
    assert_eq!(read::<Instance>("  \n").unwrap_err(), "the body is empty");
    assert_eq!(read::<Instance>("<html>502</html>").unwrap_err(), "not JSON: expected a JSON value at byte 0");
    assert_eq!(read::<Instance>(r#"{"id":"ins_1""#).unwrap_err(), "not JSON: expected ',' or '}' at byte 13");
    assert_eq!(read::<Instance>("[1,2]").unwrap_err(), "expected a JSON object, got an array");
    assert_eq!(read::<Instance>("null").unwrap_err(), "expected a JSON object, got null");
}

#[test]
fn deep_nesting_is_refused_instead_of_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    let error = parse_json(&deep).unwrap_err();
    assert_eq!(error.reason, "nested too deeply");
    let ok = format!("{}{}", "[".repeat(60), "]".repeat(60));
    assert!(parse_json(&ok).is_ok());
}

#[test]
fn json_strings_decode_escapes_and_surrogate_pairs() {
    let json = parse_json(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x""#).unwrap();
    assert_eq!(json, Json::String("a\"b\\c/d\né😀\u{FFFD}x".into()));
    assert!(parse_json(r#""\x""#).is_err());
    assert!(parse_json("\"a\u{1}b\"").is_err());
    assert!(parse_json("01").is_err());
    assert!(parse_json("1.").is_err());
    assert!(parse_json("-").is_err());
    assert_eq!(parse_json("-0.5e+3").unwrap(), Json::Number("-0.5e+3".into()));
    assert_eq!(parse_json(r#"{"a":1,"a":2}"#).unwrap().get("a"), Some(&Json::Number("2".into())));
}

#[test]
fn clerk_error_bodies_with_every_field() {
    let body = r#"{"errors":[{"message":"is invalid","long_message":"support_email must be a valid email address","code":"form_param_format_invalid","meta":{"param_name":"support_email"}}],"meta":{},"clerk_trace_id":"trace_abc"}"#;
    let error = read_api_error("PATCH /instance".into(), 422, body, Some("ray-1"), None);
    assert_eq!(error.status, 422);
    assert_eq!(error.clerk_trace_id.as_deref(), Some("trace_abc"), "the body's trace ID wins over cf-ray");
    assert_eq!(error.body_excerpt, None);
    let first = &error.errors[0];
    assert_eq!(first.code, "form_param_format_invalid");
    assert_eq!(first.message, "is invalid");
    assert_eq!(first.long_message.as_deref(), Some("support_email must be a valid email address"));
    assert_eq!(first.meta.as_ref().unwrap().get("param_name").unwrap().as_str(), Some("support_email"));
    assert_eq!(
        error.message(),
        "Clerk API answered 422 Unprocessable Entity to PATCH /instance: support_email must be a valid email address (form_param_format_invalid) [trace trace_abc]"
    );
}

#[test]
fn clerk_error_bodies_without_long_message_or_meta() {
    let body = r#"{"errors":[{"message":"not found","code":"resource_not_found"}, "junk", {"code":7}]}"#;
    let error = read_api_error("GET /instance/organization_settings".into(), 404, body, Some("8a1b2c3d-IAD"), Some(30));
    assert_eq!(error.errors.len(), 2, "entries that are not objects are skipped");
    assert_eq!(error.errors[0].long_message, None);
    assert_eq!(error.errors[0].meta, None);
    assert_eq!(error.errors[1].code, "", "a code that is not a string is left empty");
    assert_eq!(error.clerk_trace_id.as_deref(), Some("8a1b2c3d-IAD"), "cf-ray when the body has no trace ID");
    assert_eq!(error.retry_after, Some(30));
    assert_eq!(
        error.message(),
        "Clerk API answered 404 Not Found to GET /instance/organization_settings: not found (resource_not_found); retry after 30 s [trace 8a1b2c3d-IAD]"
    );
}

#[test]
fn html_and_empty_error_bodies_keep_an_excerpt() {
    let html = format!("<html><body>{}</body></html>", "Bad gateway ".repeat(40));
    let error = read_api_error("PATCH /instance".into(), 502, &html, None, None);
    assert!(error.errors.is_empty());
    let excerpt = error.body_excerpt.as_deref().unwrap();
    assert_eq!(excerpt.chars().count(), 200);
    assert!(excerpt.starts_with("<html><body>Bad gateway"));
    assert!(error.message().starts_with(
        "Clerk API answered 502 Bad Gateway to PATCH /instance with a body that is not a Clerk error: \"<html><body>Bad gateway"
    ));
    let empty = read_api_error("PATCH /instance".into(), 503, "", None, None);
    assert_eq!(empty.message(), "Clerk API answered 503 Service Unavailable to PATCH /instance with an empty body");
    let not_clerk = read_api_error("GET /instance".into(), 500, r#"{"error":"boom"}"#, None, None);
    assert_eq!(not_clerk.body_excerpt.as_deref(), Some(r#"{"error":"boom"}"#));
}

#[test]
fn the_last_of_duplicate_keys_wins_as_with_json_parse() {
    let resource = GetInstanceProtect::OPERATION.resource.unwrap();
    let fields = read_resource(resource, r#"{"rules_enabled":{"stale":true},"rules_enabled":true}"#).unwrap();
    assert_eq!(fields[1], Patch::Value(Value::Boolean(true)));
    let error = read_resource(resource, r#"{"rules_enabled":true,"rules_enabled":"yes"}"#).unwrap_err();
    assert!(error.contains("`rules_enabled` is a string"), "{error}");
}
