//! Settings as code in Rust: `Client::plan`, `Client::apply` and the list edits over a transport
//! that plays the API (its state, the requests it received, scripted failures and stale reads),
//! and the settings document's serde.

mod common;

use clerk_instance_edge::*;
use common::block_on;
use serde_json::{json, Value as JsonValue};
use std::cell::{Cell, RefCell};

const KEY: &str = "sk_test_SETTINGSKEY0123456789";

/// The API's readable state, by path; writes merge into it (an empty list and `null` change
/// nothing, `default_scopes: null` resets); `stale` reads after a write show the state from
/// before it; `fail` answers a path with a status once.
struct Api {
    state: RefCell<JsonValue>,
    before: RefCell<Option<JsonValue>>,
    stale: Cell<u32>,
    stale_after_write: u32,
    fail: RefCell<Vec<(&'static str, u16)>>,
    sent: RefCell<Vec<(String, String, Option<String>)>>,
    slept: RefCell<Vec<u32>>,
}

fn api() -> Api {
    Api {
        state: RefCell::new(json!({
            "/instance": { "object": "instance", "id": "ins_1", "allowed_origins": ["https://a.example"] },
            "/instance/organization_settings": {
                "object": "organization_settings", "enabled": true, "max_allowed_memberships": 5,
                "domains_enrollment_modes": ["automatic_invitation"], "creator_role": "org:admin", "slug_disabled": false
            },
            "/instance/communication": { "object": "instance_communication", "blocked_country_codes": ["KP"] },
            "/instance/protect": { "object": "instance_protect", "rules_enabled": false, "specter_enabled": false },
            "/instance/oauth_application_settings": {
                "object": "oauth_application_settings", "default_scopes": ["openid", "profile", "email"], "oauth_jwt_access_tokens": false
            },
            "/instance/restrictions": { "object": "instance_restrictions", "allowlist": false },
            "/beta_features/instance_settings": { "object": "instance_settings", "test_mode": true }
        })),
        before: RefCell::new(None),
        stale: Cell::new(0),
        stale_after_write: 0,
        fail: RefCell::new(Vec::new()),
        sent: RefCell::new(Vec::new()),
        slept: RefCell::new(Vec::new()),
    }
}

impl Api {
    fn lines(&self) -> Vec<String> {
        self.sent.borrow().iter().map(|(m, p, b)| format!("{m} {p}{}", b.as_deref().map(|b| format!(" {b}")).unwrap_or_default())).collect()
    }
    fn clear(&self) {
        self.sent.borrow_mut().clear();
    }
}

impl Transport for &Api {
    type Signal = ();
    async fn fetch(&self, request: &HttpRequest, _: u32, _: &()) -> Result<HttpResponse, Failure> {
        let path = request.url.strip_prefix("https://api.clerk.com/v1").unwrap().to_string();
        self.sent.borrow_mut().push((request.method.as_str().into(), path.clone(), request.body.clone()));
        assert_eq!(request.headers[0].1, format!("Bearer {KEY}"));
        let failure = self.fail.borrow().iter().position(|(p, _)| *p == path);
        if let Some(at) = failure {
            let (_, status) = self.fail.borrow_mut().remove(at);
            let body = r#"{"errors":[{"code":"payment_required","message":"upgrade","long_message":"Upgrade your plan"}]}"#;
            return Ok(HttpResponse { status, body: body.into(), ..Default::default() });
        }
        let ok = |body: JsonValue| Ok(HttpResponse { status: 200, body: body.to_string(), ..Default::default() });
        if request.method == Method::Get {
            if self.stale.get() > 0 {
                self.stale.set(self.stale.get() - 1);
                return ok(self.before.borrow().as_ref().unwrap()[path.as_str()].clone());
            }
            return ok(self.state.borrow()[path.as_str()].clone());
        }
        *self.before.borrow_mut() = Some(self.state.borrow().clone());
        self.stale.set(self.stale_after_write);
        let body: JsonValue = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        let mut state = self.state.borrow_mut();
        let resource = state[path.as_str()].as_object_mut().unwrap();
        for (key, value) in body.as_object().unwrap() {
            match value {
                JsonValue::Null if key == "default_scopes" => {
                    resource.insert(key.clone(), json!(["openid", "profile", "email"]));
                }
                JsonValue::Null => {}
                JsonValue::Array(items) if items.is_empty() && key != "blocked_country_codes" => {}
                _ => {
                    resource.insert(key.clone(), value.clone());
                }
            }
        }
        if path == "/instance" {
            return Ok(HttpResponse { status: 204, ..Default::default() });
        }
        ok(JsonValue::Object(resource.clone()))
    }
    async fn sleep(&self, ms: u32, _: &()) -> Result<(), Failure> {
        self.slept.borrow_mut().push(ms);
        Ok(())
    }
    fn now_ms(&self) -> f64 {
        0.0
    }
    fn random(&self) -> f64 {
        0.5
    }
}

fn client(api: &Api) -> Client<&Api> {
    Client::new(api, Options::new(KEY)).unwrap()
}

fn document(value: JsonValue) -> Settings {
    serde_json::from_value(value).unwrap()
}

/// Every field of every section, set: what a full settings file manages.
fn full_document() -> Settings {
    document(json!({
        "instance": {
            "test_mode": true, "hibp": true, "support_email": "help@example.com", "clerk_js_version": "5",
            "development_origin": "http://localhost:3000", "allowed_origins": ["https://a.example"], "cookieless_dev": false,
            "url_based_session_syncing": true, "preferred_sign_in_strategy_when_password_required": "password",
            "enhanced_email_deliverability": false
        },
        "restrictions": {
            "allowlist": false, "blocklist": false, "allowlist_blocklist_disabled_on_sign_in": false,
            "block_email_subaddresses": false, "block_disposable_email_domains": false, "ignore_dots_for_gmail_addresses": false
        },
        "organizationSettings": {
            "enabled": true, "max_allowed_memberships": 5, "admin_delete_enabled": true, "domains_enabled": false,
            "slug_disabled": false, "domains_enrollment_modes": ["automatic_invitation"], "creator_role_id": "rol_admin",
            "domains_default_role_id": "rol_member"
        },
        "communication": { "blocked_country_codes": ["KP"] },
        "protect": { "rules_enabled": false, "specter_enabled": false },
        "oauthApplicationSettings": {
            "dynamic_oauth_client_registration": false, "default_scopes": ["openid", "profile", "email"], "oauth_jwt_access_tokens": false,
            "client_id_metadata_documents_advertised": false, "client_id_metadata_documents_only_allow_pre_registered_clients": false,
            "client_id_metadata_documents_block_implicitly_allowed_clients": false
        },
        "instanceSettings": {
            "restricted_to_allowlist": false, "from_email_address": "notifications", "progressive_sign_up": true, "test_mode": true,
            "session_token_template": "", "enhanced_email_deliverability": false
        }
    }))
}

fn names(fields: &[&Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

#[test]
fn a_plan_reads_what_it_can_and_sorts_fields_into_changed_unchanged_and_write_only() {
    let api = api();
    let settings = document(json!({
        "instance": { "allowed_origins": ["https://a.example", "https://b.example"], "test_mode": false },
        "organizationSettings": { "enabled": true, "max_allowed_memberships": 10, "creator_role_id": "rol_admin" },
        "protect": { "rules_enabled": false, "specter_enabled": null },
        "restrictions": { "allowlist": true },
    }));
    let plan = block_on(client(&api).plan(&settings)).unwrap();
    assert_eq!(
        api.lines(),
        ["GET /instance", "GET /instance/organization_settings", "GET /instance/protect"],
        "one read per readable section, none for restrictions"
    );
    let sections: Vec<&str> = plan.sections.iter().map(|s| s.section.name).collect();
    assert_eq!(sections, ["instance", "restrictions", "organizationSettings", "protect"], "apply order, not the document's");

    let instance = &plan.sections[0];
    assert_eq!(instance.changes.len(), 1);
    assert_eq!(instance.changes[0].field.name, "allowed_origins");
    assert_eq!(instance.changes[0].from, Patch::Value(Value::StringList(vec!["https://a.example".into()])));
    assert_eq!(names(&instance.write_only.iter().map(|w| w.field).collect::<Vec<_>>()), ["test_mode"]);
    let request = instance.request.as_ref().unwrap();
    assert_eq!(request.body.as_deref(), Some(r#"{"test_mode":false,"allowed_origins":["https://a.example","https://b.example"]}"#));
    assert!(!format!("{request:?}").contains(KEY), "Debug redacts the key");

    let organization = &plan.sections[2];
    assert_eq!(names(&organization.unchanged), ["enabled"]);
    assert_eq!(organization.changes[0].field.name, "max_allowed_memberships");
    assert_eq!(names(&organization.write_only.iter().map(|w| w.field).collect::<Vec<_>>()), ["creator_role_id"], "creator_role is not creator_role_id");

    // Null against null (the read has no specter value... it has false): sent, marked by `to`.
    let protect = &plan.sections[3];
    assert_eq!(names(&protect.unchanged), ["rules_enabled"]);
    assert_eq!((protect.changes[0].field.name, &protect.changes[0].to), ("specter_enabled", &Patch::Null));
    assert_eq!(protect.request.as_ref().unwrap().body.as_deref(), Some(r#"{"specter_enabled":null}"#));
    assert_eq!(plan.requests(), 4);
}

#[test]
fn a_section_with_nothing_to_change_sends_nothing_and_null_against_null_is_unchanged() {
    let api = api();
    api.state.borrow_mut()["/instance/oauth_application_settings"]["default_scopes"] = JsonValue::Null;
    let settings = document(json!({
        "oauthApplicationSettings": { "default_scopes": null, "oauth_jwt_access_tokens": false },
        "communication": { "blocked_country_codes": ["KP"] },
        "protect": {},
    }));
    let plan = block_on(client(&api).plan(&settings)).unwrap();
    assert_eq!(api.lines(), ["GET /instance/communication", "GET /instance/oauth_application_settings"], "an empty section reads nothing");
    assert!(plan.sections.iter().all(|s| s.request.is_none() && s.changes.is_empty()), "{plan:?}");
    api.clear();
    let report = block_on(client(&api).apply(&plan, Verify::OFF));
    assert!(report.ok());
    assert!(report.sections.iter().all(|s| matches!(s.outcome, Outcome::Unchanged)));
    assert!(api.lines().is_empty(), "nothing sent");
}

#[test]
fn every_problem_is_reported_at_once_and_nothing_is_read_or_sent() {
    let api = api();
    let settings = document(json!({
        "instance": { "allowed_origins": [], "support_email": "nope" },
        "communication": { "blocked_country_codes": ["kp", "US", "US"] },
        "organizationSettings": { "domains_enrollment_modes": ["manual"] },
    }));
    let error = block_on(client(&api).plan(&settings)).unwrap_err();
    let Error::InvalidParams { operation, problems } = &error else { panic!("{error:?}") };
    assert_eq!(operation, "plan");
    let params: Vec<&str> = problems.iter().map(|p| p.param.as_str()).collect();
    assert_eq!(
        params,
        [
            "instance.support_email",
            "instance.allowed_origins",
            "organizationSettings.domains_enrollment_modes[0]",
            "communication.blocked_country_codes[0]",
            "communication.blocked_country_codes"
        ]
    );
    assert!(error.message().starts_with("plan was not sent: 5 problems:"), "{}", error.message());
    assert!(api.lines().is_empty());
}

#[test]
fn a_key_in_a_document_is_not_quoted_in_a_problem() {
    let api = api();
    let settings = document(json!({ "instance": { "support_email": format!("x{KEY}") } }));
    let error = block_on(client(&api).plan(&settings)).unwrap_err();
    assert!(!error.message().contains(KEY) && !format!("{error:?}").contains(KEY), "{error:?}");
}

#[test]
fn apply_sends_in_order_and_stops_at_the_first_failure() {
    let api = api();
    let settings = document(json!({
        "protect": { "rules_enabled": true },
        "instance": { "hibp": false },
        "restrictions": { "allowlist": true },
        "communication": { "blocked_country_codes": ["CU"] },
        "instanceSettings": { "test_mode": false },
    }));
    let c = client(&api);
    let plan = block_on(c.plan(&settings)).unwrap();
    api.clear();
    api.fail.borrow_mut().push(("/instance/restrictions", 402));
    let report = block_on(c.apply(&plan, Verify::OFF));
    assert_eq!(
        api.lines(),
        [r#"PATCH /instance {"hibp":false}"#, r#"PATCH /instance/restrictions {"allowlist":true}"#],
        "nothing after the failure"
    );
    let outcomes: Vec<&str> = report
        .sections
        .iter()
        .map(|s| match s.outcome {
            Outcome::Applied(_) => "applied",
            Outcome::Failed(_) => "failed",
            Outcome::NotSent => "not sent",
            Outcome::Unchanged => "unchanged",
        })
        .collect();
    assert_eq!(outcomes, ["applied", "failed", "not sent", "not sent", "not sent"]);
    let (section, error) = report.error().unwrap();
    assert_eq!((section.name, error.status()), ("restrictions", 402));
    assert!(!report.ok());
}

#[test]
fn a_second_apply_of_the_same_document_sends_only_write_only_sections() {
    let api = api();
    let c = client(&api);
    let settings = document(json!({
        "instance": { "allowed_origins": ["https://b.example"] },
        "organizationSettings": { "max_allowed_memberships": 9, "domains_enrollment_modes": ["automatic_suggestion"] },
        "communication": { "blocked_country_codes": ["CU", "KP"] },
        "protect": { "rules_enabled": true, "specter_enabled": true },
        "oauthApplicationSettings": { "oauth_jwt_access_tokens": true },
        "restrictions": { "blocklist": true },
    }));
    let first = block_on(c.plan(&settings)).unwrap();
    assert!(block_on(c.apply(&first, Verify::OFF)).ok());
    api.clear();
    let second = block_on(c.plan(&settings)).unwrap();
    let report = block_on(c.apply(&second, Verify::OFF));
    assert!(report.ok());
    let lines = api.lines();
    assert_eq!(lines.iter().filter(|l| l.starts_with("GET")).count(), 5);
    assert_eq!(lines.iter().filter(|l| l.starts_with("PATCH")).collect::<Vec<_>>(), [r#"PATCH /instance/restrictions {"blocklist":true}"#]);

    // A full document: 5 reads, and the 4 sections with write-only fields sent again.
    api.clear();
    let full = full_document();
    block_on(c.apply(&block_on(c.plan(&full)).unwrap(), Verify::OFF));
    api.clear();
    let plan = block_on(c.plan(&full)).unwrap();
    let reads = api.lines().len();
    block_on(c.apply(&plan, Verify::OFF));
    let writes: Vec<String> = api.lines()[reads..].iter().map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(reads, 5, "a plan of a full document");
    assert_eq!(
        writes,
        ["PATCH /instance", "PATCH /instance/restrictions", "PATCH /instance/organization_settings", "PATCH /beta_features/instance_settings"],
        "an idempotent re-apply of a full document"
    );
    let organization = &plan.sections[2];
    assert_eq!(organization.request.as_ref().unwrap().body.as_deref(), Some(r#"{"creator_role_id":"rol_admin","domains_default_role_id":"rol_member"}"#));
}

#[test]
fn verify_rides_out_stale_reads_and_gives_up_within_its_bound() {
    let mut api = api();
    api.stale_after_write = 2;
    let c = client(&api);
    let settings = document(json!({ "protect": { "rules_enabled": true }, "restrictions": { "allowlist": true } }));
    let plan = block_on(c.plan(&settings)).unwrap();
    api.clear();
    let report = block_on(c.apply(&plan, Verify { reads: 5, wait_ms: 40 }));
    // The restrictions write made the first reads stale too; the protect read confirms on the third.
    assert!(matches!(report.sections[1].outcome, Outcome::Applied(Confirmation::Confirmed)), "{report:?}");
    assert!(matches!(report.sections[0].outcome, Outcome::Applied(Confirmation::NotChecked)), "restrictions cannot be read");
    assert_eq!(api.lines().iter().filter(|l| l.starts_with("GET")).count(), 3);
    assert_eq!(*api.slept.borrow(), [40, 40]);

    let mut api = self::api();
    api.stale_after_write = 100;
    let c = client(&api);
    let settings = document(json!({ "protect": { "rules_enabled": true, "specter_enabled": null } }));
    let plan = block_on(c.plan(&settings)).unwrap();
    api.clear();
    let report = block_on(c.apply(&plan, Verify { reads: 3, wait_ms: 10 }));
    let Outcome::Applied(Confirmation::Stale(stale)) = &report.sections[0].outcome else { panic!("{report:?}") };
    assert_eq!(names(stale), ["rules_enabled"], "a null is not confirmed: the API decides what it does");
    assert_eq!(api.lines().iter().filter(|l| l.starts_with("GET")).count(), 3, "no more reads than the bound");
    assert_eq!(*api.slept.borrow(), [10, 10]);
    assert!(report.ok(), "the write was made");

    // The bound is capped.
    let mut api = self::api();
    api.stale_after_write = 1000;
    let c = client(&api);
    let plan = block_on(c.plan(&document(json!({ "protect": { "rules_enabled": true } })))).unwrap();
    api.clear();
    block_on(c.apply(&plan, Verify { reads: 1000, wait_ms: 1_000_000 }));
    assert_eq!(api.lines().iter().filter(|l| l.starts_with("GET")).count(), Verify::MAX_READS as usize);
    assert_eq!(*api.slept.borrow(), vec![Verify::MAX_WAIT_MS; Verify::MAX_READS as usize - 1]);
}

#[test]
fn an_invalid_plan_sends_nothing() {
    let api = api();
    let c = client(&api);
    let mut plan = block_on(c.plan(&document(json!({ "protect": { "rules_enabled": true }, "communication": { "blocked_country_codes": ["CU"] } })))).unwrap();
    plan.sections[0].send = vec![(0, Patch::Value(Value::StringList(vec!["cu".into()])))];
    api.clear();
    let report = block_on(c.apply(&plan, Verify::default()));
    let Outcome::Failed(Error::InvalidParams { problems, .. }) = &report.sections[0].outcome else { panic!("{report:?}") };
    assert_eq!(problems[0].param, "communication.blocked_country_codes[0]");
    assert!(matches!(report.sections[1].outcome, Outcome::NotSent));
    assert!(api.lines().is_empty());
}

#[test]
fn list_edits_keep_every_other_entry_and_write_only_when_something_changes() {
    let api = api();
    let c = client(&api);
    let added = block_on(c.add_allowed_origins(&["https://b.example", "https://a.example"], Verify::default())).unwrap();
    assert_eq!(added.after, ["https://a.example", "https://b.example"]);
    assert_eq!((added.changed.as_slice(), added.unchanged.as_slice()), (&["https://b.example".to_string()][..], &["https://a.example".to_string()][..]));
    assert!(added.written);
    assert_eq!(added.confirmation, Confirmation::Confirmed);
    assert_eq!(api.lines(), ["GET /instance", r#"PATCH /instance {"allowed_origins":["https://a.example","https://b.example"]}"#, "GET /instance"]);

    api.clear();
    let again = block_on(c.add_allowed_origins(&["https://b.example"], Verify::default())).unwrap();
    assert!(!again.written && again.changed.is_empty());
    assert_eq!(api.lines(), ["GET /instance"], "no write when nothing changes");

    api.clear();
    let error = block_on(c.add_allowed_origins(&["https://ok.example", "https://c.example/path"], Verify::default())).unwrap_err();
    let Error::InvalidParams { problems, .. } = &error else { panic!() };
    assert_eq!(problems[0].param, "origins[1]");
    assert!(api.lines().is_empty(), "nothing read when an origin is invalid");

    let removed = block_on(c.remove_allowed_origins(&["https://a.example"], Verify::OFF)).unwrap();
    assert_eq!(removed.after, ["https://b.example"]);
    assert_eq!(removed.confirmation, Confirmation::NotChecked);
    api.clear();
    let last = block_on(c.remove_allowed_origins(&["https://b.example"], Verify::OFF)).unwrap_err();
    assert!(last.message().contains("would remove every entry of allowed_origins"), "{}", last.message());
    assert_eq!(api.lines(), ["GET /instance"], "refused before writing");

    api.clear();
    let blocked = block_on(c.block_countries(&["CU", "KP"], Verify::OFF)).unwrap();
    assert_eq!((blocked.before.as_slice(), blocked.after.as_slice()), (&["KP".to_string()][..], &["KP".to_string(), "CU".to_string()][..]));
    let unblocked = block_on(c.unblock_countries(&["KP", "CU"], Verify::OFF)).unwrap();
    assert!(unblocked.after.is_empty(), "a country list can be emptied");
    assert_eq!(api.lines().last().unwrap(), r#"PATCH /instance/communication {"blocked_country_codes":[]}"#);
    assert!(block_on(c.block_countries(&["kp"], Verify::OFF)).unwrap_err().message().contains("(use \"KP\")"));
}

#[test]
fn the_document_refuses_unknown_sections_null_and_unknown_keys_by_name() {
    let error = |value: JsonValue| serde_json::from_value::<Settings>(value).unwrap_err().to_string();
    assert_eq!(
        error(json!({ "organisationSettings": {} })),
        "`organisationSettings` is not a section of the settings; did you mean `organizationSettings`?"
    );
    assert_eq!(error(json!({ "instance": null })), "`instance` cannot be null; leave the section out to leave its settings as they are");
    assert_eq!(
        error(json!({ "protect": { "rules_enabeld": true } })),
        "`protect.rules_enabeld` is not a parameter of UpdateInstanceProtect; did you mean `rules_enabled`?"
    );
    assert!(error(json!({ "instance": { "allowed_origins": null } })).starts_with("`instance.allowed_origins` cannot be null"));
    assert!(error(json!({ "protect": { "rules_enabled": "yes" } })).starts_with("`protect`: invalid type"));
    let text = r#"{"$schema": "./settings.schema.json",
        "protect": {"rules_enabled": true, "x": 1}}"#;
    let message = serde_json::from_str::<Settings>(text).unwrap_err().to_string();
    assert!(message.starts_with("`protect.x` is not a parameter") && message.ends_with("line 2 column 46"), "{message}");

    let settings: Settings = serde_json::from_str(r#"{"$schema": "x", "protect": {"specter_enabled": null}, "instanceSettings": {}}"#).unwrap();
    assert_eq!(settings.protect.as_ref().unwrap().specter_enabled, Patch::Null);
    assert_eq!(serde_json::to_string(&settings).unwrap(), r#"{"protect":{"specter_enabled":null},"instanceSettings":{}}"#);
    let full = full_document();
    assert_eq!(serde_json::from_str::<Settings>(&serde_json::to_string(&full).unwrap()).unwrap(), full);
}

#[test]
fn plans_and_reports_serialize_for_a_worker_to_answer_with_the_key_redacted() {
    let api = api();
    let c = client(&api);
    let plan = block_on(c.plan(&document(json!({
        "protect": { "rules_enabled": true, "specter_enabled": false },
        "restrictions": { "allowlist": true },
    }))))
    .unwrap();
    let value = serde_json::to_value(&plan).unwrap();
    assert_eq!(value["sections"][0]["writeOnly"], json!([{ "field": "allowlist", "to": true }]));
    assert_eq!(value["sections"][1]["changes"], json!([{ "field": "rules_enabled", "from": false, "to": true }]));
    assert_eq!(value["sections"][1]["unchanged"], json!(["specter_enabled"]));
    assert_eq!(value["sections"][1]["request"]["headers"]["Authorization"], "Bearer [redacted]");
    assert_eq!(value["sections"][1]["request"]["body"], r#"{"rules_enabled":true}"#);
    assert!(!value.to_string().contains(KEY));
    api.fail.borrow_mut().push(("/instance/protect", 402));
    let report = serde_json::to_value(block_on(c.apply(&plan, Verify::default()))).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["sections"][0], json!({ "section": "restrictions", "outcome": "applied" }));
    assert_eq!(report["sections"][1]["outcome"], "failed");
    assert_eq!(report["sections"][1]["error"]["status"], 402);
}
