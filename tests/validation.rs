//! One test per validation rule: each asserts the message names the param and the fix.

use clerk_instance_edge::*;

fn problems<P: Params>(params: &P, spelling: Spelling) -> Vec<Problem> {
    validate(P::OPERATION, &params.entries(), spelling)
}

fn only<P: Params>(params: &P) -> String {
    let found = problems(params, Spelling::Js);
    assert_eq!(found.len(), 1, "{found:#?}");
    found[0].message.clone()
}

fn valid<P: Params>(params: &P) {
    assert_eq!(problems(params, Spelling::Js), vec![]);
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn null_is_refused_for_fields_the_api_does_not_declare_nullable() {
    // `Option<T>` slots cannot hold null from Rust; the JS decoder produces such entries.
    let op = UpdateInstance::OPERATION;
    let index = op.fields.iter().position(|f| f.name == "allowed_origins").unwrap();
    let found = validate(op, &[(index, Patch::Null)], Spelling::Js);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].param, "allowedOrigins");
    assert_eq!(found[0].message, "`allowedOrigins` cannot be null; leave it out to keep the current list");
    let op = ChangeProductionInstanceDomain::OPERATION;
    let found = validate(op, &[(0, Patch::Null), (1, Patch::Null)], Spelling::Wire);
    assert_eq!(found[0].message, "`home_url` cannot be null; leave it out to keep the current value");
    assert_eq!(found[1].message, "`is_secondary` cannot be null; leave it out to keep the current value");
}

#[test]
fn every_non_nullable_field_is_exactly_the_four_the_reference_names() {
    let mut names: Vec<_> = OPERATIONS
        .iter()
        .flat_map(|op| op.fields.iter())
        .filter(|f| !f.nullable)
        .map(|f| f.name)
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names, ["allowed_origins", "domains_enrollment_modes", "home_url", "is_secondary"]);
}

#[test]
fn a_value_of_the_wrong_kind_names_the_expected_kind() {
    let op = UpdateInstance::OPERATION;
    let found = validate(op, &[(0, Patch::Value(Value::String("true".into())))], Spelling::Js);
    assert_eq!(found[0].message, "`testMode` must be true or false");
}

#[test]
fn preferred_sign_in_strategy_is_password_otp_or_empty() {
    for ok in ["password", "otp", ""] {
        valid(&UpdateInstance { preferred_sign_in_strategy_when_password_required: ok.into(), ..Default::default() });
    }
    let bad = UpdateInstance { preferred_sign_in_strategy_when_password_required: "passkey".into(), ..Default::default() };
    assert_eq!(
        only(&bad),
        r#"`preferredSignInStrategyWhenPasswordRequired` must be one of "password", "otp", ""; got "passkey""#
    );
}

#[test]
fn domains_enrollment_modes_items_are_the_two_documented_modes() {
    valid(&UpdateInstanceOrganizationSettings {
        domains_enrollment_modes: Some(strings(&["automatic_invitation", "automatic_suggestion"])),
        ..Default::default()
    });
    let bad = UpdateInstanceOrganizationSettings {
        domains_enrollment_modes: Some(strings(&["automatic_invitation", "manual"])),
        ..Default::default()
    };
    let found = problems(&bad, Spelling::Js);
    assert_eq!(found[0].param, "domainsEnrollmentModes[1]");
    assert_eq!(
        found[0].message,
        r#"`domainsEnrollmentModes[1]` must be one of "automatic_invitation", "automatic_suggestion"; got "manual""#
    );
}

#[test]
fn blocked_country_codes_are_two_capital_letters() {
    valid(&UpdateInstanceCommunication { blocked_country_codes: Patch::Value(strings(&["US", "DE"])) });
    let bad = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(strings(&["us", "USA", "1A"])) };
    let found = problems(&bad, Spelling::Js);
    assert_eq!(found.len(), 3);
    assert_eq!(
        found[0].message,
        r#"`blockedCountryCodes[0]` must be an ISO 3166-1 alpha-2 country code in capitals, like "US"; got "us" (use "US")"#
    );
    assert!(found[1].message.starts_with("`blockedCountryCodes[1]` must be an ISO 3166-1"), "{}", found[1].message);
    assert!(found[2].message.ends_with(r#"got "1A""#));
}

#[test]
fn blocked_country_codes_are_unique() {
    let bad = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(strings(&["US", "GB", "US", "US"])) };
    assert_eq!(only(&bad), r#"`blockedCountryCodes` lists "US" more than once; each code may appear once"#);
}

#[test]
fn blocked_country_codes_are_at_most_250() {
    let codes: Vec<String> = (0..251u32)
        .map(|i| [b'A' + (i / 26) as u8, b'A' + (i % 26) as u8].iter().map(|&b| b as char).collect())
        .collect();
    valid(&UpdateInstanceCommunication { blocked_country_codes: Patch::Value(codes[..250].to_vec()) });
    let bad = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(codes) };
    assert_eq!(only(&bad), "`blockedCountryCodes` has 251 codes; the API accepts at most 250");
}

#[test]
fn long_lists_of_bad_items_are_summarised() {
    let bad = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(vec!["x".to_string(); 30]) };
    let found = problems(&bad, Spelling::Js);
    assert_eq!(found.len(), 12, "10 items, the rest counted, and the repeat");
    assert_eq!(found[10].message, "`blockedCountryCodes` has 20 more invalid items like these");
}

#[test]
fn from_email_address_is_only_the_local_part() {
    for ok in ["noreply", "Support2", "", "ünïcode"] {
        valid(&UpdateInstanceAuthConfig { from_email_address: ok.into(), ..Default::default() });
    }
    let at = UpdateInstanceAuthConfig { from_email_address: "noreply@example.com".into(), ..Default::default() };
    assert_eq!(
        only(&at),
        r#"`fromEmailAddress` must be only the local part of the address, like "foo" for foo@example.com; got "noreply@example.com" (use "noreply")"#
    );
    let dash = UpdateInstanceAuthConfig { from_email_address: "no-reply".into(), ..Default::default() };
    assert_eq!(only(&dash), r#"`fromEmailAddress` may contain only letters and digits; got "no-reply""#);
}

#[test]
fn home_url_is_an_absolute_http_url() {
    for ok in ["https://www.example.com", "http://example.com/path?x=1", "HTTPS://EXAMPLE.COM"] {
        valid(&ChangeProductionInstanceDomain { home_url: Some(ok.into()), ..Default::default() });
    }
    let bare = ChangeProductionInstanceDomain { home_url: Some("www.example.com".into()), ..Default::default() };
    assert_eq!(
        only(&bare),
        r#"`homeUrl` must be an absolute http(s) URL like "https://www.example.com"; got "www.example.com" (use "https://www.example.com")"#
    );
    for bad in ["ftp://example.com", "https://", "https:///path", "https://exa mple.com", ""] {
        let params = UpdateProductionInstanceDomain { home_url: Some(bad.into()), ..Default::default() };
        assert!(only(&params).starts_with("`homeUrl` must be an absolute http(s) URL"), "{bad:?}");
    }
}

#[test]
fn origins_have_a_scheme_and_host_and_no_path() {
    let ok = [
        "https://example.com",
        "http://localhost:3000",
        "chrome-extension://abcdefghijklmnop",
        "capacitor://localhost",
        "http://[::1]:8080",
        "my-app://renderer",
    ];
    valid(&UpdateInstance { allowed_origins: Some(strings(&ok)), ..Default::default() });
    let path = UpdateInstance { allowed_origins: Some(strings(&["https://example.com/app"])), ..Default::default() };
    assert_eq!(
        only(&path),
        r#"`allowedOrigins[0]` must be an origin (scheme://host[:port], no path) like "https://example.com"; got "https://example.com/app" (use "https://example.com")"#
    );
    let slash = UpdateInstance { development_origin: "http://localhost:3000/".into(), ..Default::default() };
    assert!(only(&slash).ends_with(r#"(use "http://localhost:3000")"#));
    for bad in ["example.com", "https://", "https://host:99999", "https://host:", "https://user@host", "1http://x", "http://[::1"] {
        let params = UpdateInstance { development_origin: bad.into(), ..Default::default() };
        assert!(only(&params).starts_with("`developmentOrigin` must be an origin"), "{bad:?}");
    }
}

#[test]
fn support_email_is_an_address_or_empty() {
    for ok in ["support@example.com", "", "a@b"] {
        valid(&UpdateInstance { support_email: ok.into(), ..Default::default() });
    }
    for bad in ["support", "@example.com", "support@", "sup port@example.com"] {
        let params = UpdateInstance { support_email: bad.into(), ..Default::default() };
        assert!(
            only(&params).starts_with(r#"`supportEmail` must be an email address like "support@example.com", or "" to clear it; got"#),
            "{bad:?}"
        );
    }
}

#[test]
fn integers_are_from_zero_to_i64_max() {
    valid(&UpdateInstanceOrganizationSettings { max_allowed_memberships: i64::MAX.into(), ..Default::default() });
    valid(&UpdateInstanceOrganizationSettings { max_allowed_memberships: 0.into(), ..Default::default() });
    let negative = UpdateInstanceOrganizationSettings { max_allowed_memberships: (-1).into(), ..Default::default() };
    assert_eq!(only(&negative), "`maxAllowedMemberships` must be a whole number from 0 to 9223372036854775807; got -1");
    let min = UpdateInstanceOrganizationSettings { max_allowed_memberships: i64::MIN.into(), ..Default::default() };
    assert!(only(&min).ends_with("got -9223372036854775808"));
}

#[test]
fn every_problem_is_reported_at_once_in_the_callers_spelling() {
    let params = UpdateInstance {
        support_email: "nope".into(),
        development_origin: "localhost".into(),
        allowed_origins: Some(strings(&["https://ok.example", "bad"])),
        preferred_sign_in_strategy_when_password_required: "x".into(),
        ..Default::default()
    };
    let js: Vec<_> = problems(&params, Spelling::Js).into_iter().map(|p| p.param).collect();
    assert_eq!(js, ["supportEmail", "developmentOrigin", "allowedOrigins[1]", "preferredSignInStrategyWhenPasswordRequired"]);
    let rust: Vec<_> = problems(&params, Spelling::Wire).into_iter().map(|p| p.param).collect();
    assert_eq!(rust, ["support_email", "development_origin", "allowed_origins[1]", "preferred_sign_in_strategy_when_password_required"]);
}

#[test]
fn null_and_absent_pass_every_rule_of_a_nullable_field() {
    valid(&UpdateInstance {
        support_email: Patch::Null,
        development_origin: Patch::Null,
        preferred_sign_in_strategy_when_password_required: Patch::Null,
        ..Default::default()
    });
    valid(&UpdateInstanceCommunication { blocked_country_codes: Patch::Null });
}
