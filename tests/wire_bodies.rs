//! The exact body of every write operation, for absent, null and value of each kind of field.

use clerk_instance_edge::*;
use serde_json::{json, Value as JsonValue};

fn body<P: Params>(params: &P) -> String {
    encode_body(P::OPERATION, &params.entries()).expect("writes have a body")
}

fn body_json<P: Params>(params: &P) -> JsonValue {
    serde_json::from_str(&body(params)).expect("the body is JSON")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_update_with_nothing_set_sends_an_empty_object() {
    assert_eq!(body(&UpdateInstance::default()), "{}");
    assert_eq!(body(&UpdateInstanceRestrictions::default()), "{}");
    assert_eq!(body(&ChangeProductionInstanceDomain::default()), "{}");
}

#[test]
fn reads_send_no_body() {
    for operation in OPERATIONS.iter().filter(|op| op.method == Method::Get) {
        assert_eq!(encode_body(operation, &[]), None, "{}", operation.id);
    }
}

#[test]
fn update_instance() {
    let params = UpdateInstance {
        test_mode: Patch::Value(true),
        hibp: Patch::Null,
        support_email: Patch::Value("".into()),
        clerk_js_version: Patch::Null,
        allowed_origins: Some(strings(&["https://a.example", "capacitor://localhost"])),
        preferred_sign_in_strategy_when_password_required: "otp".into(),
        enhanced_email_deliverability: Patch::Value(false),
        ..Default::default()
    };
    assert_eq!(
        body_json(&params),
        json!({
            "test_mode": true,
            "hibp": null,
            "support_email": "",
            "clerk_js_version": null,
            "allowed_origins": ["https://a.example", "capacitor://localhost"],
            "preferred_sign_in_strategy_when_password_required": "otp",
            "enhanced_email_deliverability": false,
        })
    );
    assert_eq!(
        body(&UpdateInstance { test_mode: true.into(), support_email: Patch::Null, ..Default::default() }),
        r#"{"test_mode":true,"support_email":null}"#
    );
    assert_eq!(
        body(&UpdateInstance { allowed_origins: Some(vec![]), ..Default::default() }),
        r#"{"allowed_origins":[]}"#
    );
}

#[test]
fn update_instance_restrictions() {
    let params = UpdateInstanceRestrictions {
        allowlist: true.into(),
        blocklist: Patch::Null,
        ignore_dots_for_gmail_addresses: true.into(),
        ..Default::default()
    };
    assert_eq!(
        body_json(&params),
        json!({"allowlist": true, "blocklist": null, "ignore_dots_for_gmail_addresses": true})
    );
}

#[test]
fn update_instance_protect() {
    let params = UpdateInstanceProtect { rules_enabled: false.into(), specter_enabled: Patch::Null };
    assert_eq!(body(&params), r#"{"rules_enabled":false,"specter_enabled":null}"#);
}

#[test]
fn update_instance_communication() {
    let set = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(strings(&["US", "GB"])) };
    assert_eq!(body(&set), r#"{"blocked_country_codes":["US","GB"]}"#);
    let null = UpdateInstanceCommunication { blocked_country_codes: Patch::Null };
    assert_eq!(body(&null), r#"{"blocked_country_codes":null}"#);
    let empty = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(vec![]) };
    assert_eq!(body(&empty), r#"{"blocked_country_codes":[]}"#);
}

#[test]
fn update_instance_oauth_application_settings() {
    let params = UpdateInstanceOAuthApplicationSettings {
        default_scopes: Patch::Null,
        oauth_jwt_access_tokens: true.into(),
        client_id_metadata_documents_block_implicitly_allowed_clients: Patch::Null,
        ..Default::default()
    };
    assert_eq!(
        body_json(&params),
        json!({
            "default_scopes": null,
            "oauth_jwt_access_tokens": true,
            "client_id_metadata_documents_block_implicitly_allowed_clients": null,
        })
    );
    let scopes = UpdateInstanceOAuthApplicationSettings {
        default_scopes: Patch::Value(strings(&["openid", "email"])),
        ..Default::default()
    };
    assert_eq!(body_json(&scopes), json!({"default_scopes": ["openid", "email"]}));
}

#[test]
fn update_instance_organization_settings() {
    let params = UpdateInstanceOrganizationSettings {
        enabled: true.into(),
        max_allowed_memberships: Patch::Value(i64::MAX),
        domains_enrollment_modes: Some(strings(&["automatic_invitation"])),
        creator_role_id: Patch::Null,
        domains_default_role_id: "org:member".into(),
        ..Default::default()
    };
    assert_eq!(
        body(&params),
        concat!(
            r#"{"enabled":true,"max_allowed_memberships":9223372036854775807,"#,
            r#""domains_enrollment_modes":["automatic_invitation"],"creator_role_id":null,"#,
            r#""domains_default_role_id":"org:member"}"#
        )
    );
    let null = UpdateInstanceOrganizationSettings { max_allowed_memberships: Patch::Null, ..Default::default() };
    assert_eq!(body(&null), r#"{"max_allowed_memberships":null}"#);
    let zero = UpdateInstanceOrganizationSettings { max_allowed_memberships: 0.into(), ..Default::default() };
    assert_eq!(body(&zero), r#"{"max_allowed_memberships":0}"#);
}

#[test]
fn change_production_instance_domain_and_its_deprecated_twin() {
    let change = ChangeProductionInstanceDomain {
        home_url: Some("https://www.example.com".into()),
        is_secondary: Some(false),
    };
    let expected = r#"{"home_url":"https://www.example.com","is_secondary":false}"#;
    assert_eq!(body(&change), expected);
    let twin = UpdateProductionInstanceDomain { home_url: change.home_url.clone(), is_secondary: Some(false) };
    assert_eq!(body(&twin), expected);
    assert_eq!(ChangeProductionInstanceDomain::OPERATION.method, Method::Post);
    assert_eq!(UpdateProductionInstanceDomain::OPERATION.method, Method::Put);
}

#[test]
fn update_instance_auth_config_with_the_fields_the_spec_dropped() {
    let params = UpdateInstanceAuthConfig {
        restricted_to_allowlist: Patch::Null,
        from_email_address: "noreply".into(),
        test_mode: false.into(),
        session_token_template: "".into(),
        enhanced_email_deliverability: true.into(),
        ..Default::default()
    };
    assert_eq!(
        body_json(&params),
        json!({
            "restricted_to_allowlist": null,
            "from_email_address": "noreply",
            "test_mode": false,
            "session_token_template": "",
            "enhanced_email_deliverability": true,
        })
    );
}

#[test]
fn strings_are_escaped_exactly_like_json_stringify() {
    let tricky = "quote\" backslash\\ newline\n tab\t nul\u{0} bell\u{7} del\u{7f} é 😀 \u{2028}";
    let params = UpdateInstance { clerk_js_version: tricky.into(), ..Default::default() };
    assert_eq!(
        body(&params),
        "{\"clerk_js_version\":\"quote\\\" backslash\\\\ newline\\n tab\\t nul\\u0000 bell\\u0007 del\u{7f} é 😀 \u{2028}\"}"
    );
    assert_eq!(body_json(&params)["clerk_js_version"], tricky);
}

#[test]
fn fields_are_written_in_declaration_order() {
    let params = UpdateInstance {
        preferred_sign_in_strategy_when_password_required: "".into(),
        test_mode: true.into(),
        ..Default::default()
    };
    assert_eq!(body(&params), r#"{"test_mode":true,"preferred_sign_in_strategy_when_password_required":""}"#);
}
