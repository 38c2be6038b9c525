//! The Rust client on wasm, as a Rust Worker uses it: over `HostFetch` (web-sys, the host's
//! global fetch, a function or a binding object), against the stand-in Clerk API on loopback,
//! under Node (wasm-bindgen-test). Params also come from JS values through `from_js`
//! (serde-wasm-bindgen). The npm package's JS API runs the same scenarios in
//! tests/node/operations.test.mjs. Run through `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use clerk_instance_edge::*;
use js_sys::{Function, Object, Promise, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde_json::Value as JsonValue;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/support/standin.js")]
extern "C" {
    #[wasm_bindgen(js_name = apiUrl)]
    fn api_url(ns: &str) -> String;
    fn requests(ns: &str) -> Promise;
    fn script(ns: &str, reactions: &str) -> Promise;
    fn params(json: &str, undefined_keys: Vec<String>) -> JsValue;
    fn now() -> f64;
}

const KEY: &str = "sk_test_WASMSECRET0123456789abcdef";

fn client(ns: &str, change: impl FnOnce(&mut Options)) -> Client<HostFetch> {
    let mut options = Options { api_url: api_url(ns), ..Options::new(KEY) };
    change(&mut options);
    Client::new(HostFetch::global(), options).unwrap()
}

async fn records(ns: &str) -> Vec<JsonValue> {
    let text = JsFuture::from(requests(ns)).await.unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn queue(ns: &str, reactions: &str) {
    JsFuture::from(script(ns, reactions)).await.unwrap();
}

/// A valid value for a field, as JSON (role IDs are ones the stand-in knows).
fn sample(field: &Field) -> JsonValue {
    let one = match field.rule {
        Rule::Any if field.name.ends_with("_role_id") => "rol_standin_member",
        Rule::OneOf(choices) => choices[0],
        Rule::CountryCodes => "US",
        Rule::EmailLocalPart => "noreply",
        Rule::EmailOrEmpty => "support@example.com",
        Rule::AbsoluteUrl => "https://www.example.com",
        Rule::Origin => "https://app.example.com",
        Rule::Any => "value",
    };
    match field.kind {
        Kind::Boolean => true.into(),
        Kind::Integer => 7.into(),
        Kind::String => one.into(),
        Kind::StringList => vec![one].into(),
    }
}

/// Sends `P` made from `json` (through serde) and answers whether it returned a resource.
async fn send<P: Params + DeserializeOwned>(client: &Client<HostFetch>, json: &JsonValue) -> Result<bool, Error> {
    let params: P = serde_json::from_value(json.clone()).unwrap();
    let _ = client.send(&params).await?;
    Ok(P::OPERATION.resource.is_some())
}

async fn send_any(client: &Client<HostFetch>, op: &Operation, json: &JsonValue) -> Result<bool, Error> {
    match op.id {
        "GetInstance" => send::<GetInstance>(client, json).await,
        "UpdateInstance" => send::<UpdateInstance>(client, json).await,
        "UpdateInstanceRestrictions" => send::<UpdateInstanceRestrictions>(client, json).await,
        "GetInstanceProtect" => send::<GetInstanceProtect>(client, json).await,
        "UpdateInstanceProtect" => send::<UpdateInstanceProtect>(client, json).await,
        "GetInstanceCommunication" => send::<GetInstanceCommunication>(client, json).await,
        "UpdateInstanceCommunication" => send::<UpdateInstanceCommunication>(client, json).await,
        "GetInstanceOAuthApplicationSettings" => send::<GetInstanceOAuthApplicationSettings>(client, json).await,
        "UpdateInstanceOAuthApplicationSettings" => send::<UpdateInstanceOAuthApplicationSettings>(client, json).await,
        "GetInstanceOrganizationSettings" => send::<GetInstanceOrganizationSettings>(client, json).await,
        "UpdateInstanceOrganizationSettings" => send::<UpdateInstanceOrganizationSettings>(client, json).await,
        "ChangeProductionInstanceDomain" => send::<ChangeProductionInstanceDomain>(client, json).await,
        "UpdateInstanceAuthConfig" => send::<UpdateInstanceAuthConfig>(client, json).await,
        "UpdateProductionInstanceDomain" => send::<UpdateProductionInstanceDomain>(client, json).await,
        other => panic!("an operation this test does not know: {other}"),
    }
}

#[wasm_bindgen_test]
async fn every_operation_reaches_the_api_byte_exact_with_absent_null_and_value() {
    assert_eq!(OPERATIONS.len(), 14);
    for (n, op) in OPERATIONS.iter().enumerate() {
        let ns = format!("rust-bytes-{n}");
        let c = client(&ns, |_| {});
        // Field i: a value when i % 3 == 0, null when i % 3 == 1 (a value if it cannot be
        // null), else absent, so every operation sends all three states where it has the fields.
        let mut params = serde_json::Map::new();
        let mut entries = Vec::new();
        for (i, field) in op.fields.iter().enumerate() {
            match i % 3 {
                1 if field.nullable => {
                    params.insert(field.name.into(), JsonValue::Null);
                    entries.push((i, Patch::Null));
                }
                0 | 1 => {
                    let value = sample(field);
                    params.insert(field.name.into(), value.clone());
                    let value = match field.kind {
                        Kind::Boolean => Value::Boolean(true),
                        Kind::Integer => Value::Integer(7),
                        Kind::String => Value::String(value.as_str().unwrap().into()),
                        Kind::StringList => Value::StringList(serde_json::from_value(value).unwrap()),
                    };
                    entries.push((i, Patch::Value(value)));
                }
                _ => {}
            }
        }
        let has_resource = send_any(&c, op, &JsonValue::Object(params)).await.unwrap_or_else(|e| panic!("{}: {e}", op.id));
        assert_eq!(has_resource, op.resource.is_some());
        let seen = records(&ns).await;
        assert_eq!(seen.len(), 1, "{}", op.id);
        let record = &seen[0];
        assert_eq!(record["method"], op.method.as_str());
        assert_eq!(record["path"], format!("/v1{}", op.path));
        assert_eq!(record["body"], encode_body(op, &entries).unwrap_or_default().as_str(), "{}", op.id);
        assert_eq!(record["headers"]["authorization"], format!("Bearer {KEY}"));
        assert_eq!(record["headers"]["clerk-api-version"], "2026-05-12");
        let content_type = if op.method == Method::Get { JsonValue::Null } else { "application/json".into() };
        assert_eq!(record["headers"].get("content-type").cloned().unwrap_or_default(), content_type);
    }
}

#[wasm_bindgen_test]
async fn resources_are_read_into_their_structs() {
    let c = client("rust-reads", |_| {});
    let instance = c.get_instance(&GetInstance {}).await.unwrap();
    assert_eq!(instance.object.as_deref(), Some("instance"));
    assert!(instance.environment_type.is_some());
    let settings = c.get_instance_organization_settings(&GetInstanceOrganizationSettings {}).await.unwrap();
    assert!(settings.max_allowed_memberships.is_some());
    let as_js = to_js(&settings).unwrap();
    assert_eq!(Reflect::get(&as_js, &"max_allowed_memberships".into()).unwrap().as_f64(), settings.max_allowed_memberships.map(|n| n as f64));
    assert_eq!(records("rust-reads").await[0]["body"], "");
}

#[wasm_bindgen_test]
async fn api_errors_arrive_with_every_field() {
    let c = client("rust-api-errors", |_| {});
    for status in [402u16, 404, 422] {
        let body = format!(
            r#"{{"errors":[{{"message":"m{status}","long_message":"long {status}","code":"code_{status}","meta":{{"param_name":"allowlist"}}}}],"clerk_trace_id":"trace_{status}"}}"#
        );
        queue("rust-api-errors", &format!(r#"[{{"status":{status},"body":{body}}}]"#)).await;
        let params = UpdateInstanceRestrictions { allowlist: true.into(), ..Default::default() };
        let Err(Error::Api(api)) = c.update_instance_restrictions(&params).await else { panic!("an API error") };
        assert_eq!(api.status, status);
        assert_eq!(api.clerk_trace_id.as_deref(), Some(format!("trace_{status}").as_str()));
        assert_eq!(api.errors[0].code, format!("code_{status}"));
        assert_eq!(api.errors[0].long_message.as_deref(), Some(format!("long {status}").as_str()));
        assert!(api.message().contains(&format!("answered {status}")));
    }
    assert_eq!(records("rust-api-errors").await.len(), 3, "4xx is not retried");
}

#[wasm_bindgen_test]
async fn a_429_waits_for_retry_after_then_succeeds() {
    let c = client("rust-rate-limited", |_| {});
    queue("rust-rate-limited", r#"[{"status":429,"headers":{"retry-after":"1"},"body":{"errors":[{"code":"too_many_requests","message":"slow down"}]}}]"#).await;
    let started = now();
    c.update_instance(&UpdateInstance { hibp: true.into(), ..Default::default() }).await.unwrap();
    assert!(now() - started >= 950.0, "waited for Retry-After: 1");
    assert_eq!(records("rust-rate-limited").await.len(), 2);
}

#[wasm_bindgen_test]
async fn a_503_is_retried_and_retries_are_bounded() {
    let c = client("rust-unavailable", |o| o.retry = Retry { max_attempts: 3, max_delay_ms: 20, base_delay_ms: 5 });
    queue("rust-unavailable", r#"[{"status":503,"text":"","times":2}]"#).await;
    let params = UpdateInstanceProtect { rules_enabled: true.into(), ..Default::default() };
    assert_eq!(c.update_instance_protect(&params).await.unwrap().rules_enabled, Some(true));
    queue("rust-unavailable", r#"[{"status":503,"text":"busy","times":5}]"#).await;
    let Err(Error::Api(api)) = c.update_instance_protect(&Default::default()).await else { panic!("a 503") };
    assert_eq!((api.status, api.attempts), (503, 3));
    assert_eq!(records("rust-unavailable").await.len(), 6);
}

#[wasm_bindgen_test]
async fn a_stall_hits_the_timeout() {
    let c = client("rust-stall", |o| {
        o.timeout_ms = 200;
        o.retry = Retry::OFF;
    });
    queue("rust-stall", r#"[{"delayMs":3000}]"#).await;
    let started = now();
    let error = c.get_instance(&GetInstance {}).await.unwrap_err();
    assert!(matches!(error, Error::Timeout { timeout_ms: 200, attempts: 1, .. }), "{error:?}");
    assert!(now() - started < 2000.0);
}

#[wasm_bindgen_test]
async fn domain_changes_are_not_retried() {
    let c = client("rust-domain", |o| o.retry = Retry { max_attempts: 3, max_delay_ms: 10, base_delay_ms: 5 });
    queue("rust-domain", r#"[{"status":503,"text":"","times":2},{"drop":"before"}]"#).await;
    let params = ChangeProductionInstanceDomain { home_url: Some("https://new.example.com".into()), ..Default::default() };
    let Err(Error::Api(api)) = c.change_production_instance_domain(&params).await else { panic!("a 503") };
    assert_eq!(api.attempts, 1);
    let twin = UpdateProductionInstanceDomain { home_url: params.home_url.clone(), ..Default::default() };
    let Err(Error::Api(api)) = c.update_production_instance_domain(&twin).await else { panic!("a 503") };
    assert_eq!(api.attempts, 1);
    let error = c.change_production_instance_domain(&params).await.unwrap_err();
    assert!(matches!(&error, Error::Network { attempts: 1, .. }), "{error:?}");
    assert_eq!(records("rust-domain").await.len(), 3, "each change arrived once");
}

#[wasm_bindgen_test]
async fn an_html_502_keeps_an_excerpt() {
    let c = client("rust-html", |o| o.retry = Retry::OFF);
    queue("rust-html", r#"[{"status":502,"text":"<html><body>Bad gateway</body></html>","contentType":"text/html","headers":{"cf-ray":"ray-502"}}]"#).await;
    let Err(Error::Api(api)) = c.get_instance(&GetInstance {}).await else { panic!("a 502") };
    assert_eq!(api.body_excerpt.as_deref(), Some("<html><body>Bad gateway</body></html>"));
    assert_eq!(api.clerk_trace_id.as_deref(), Some("ray-502"));
    assert!(api.errors.is_empty());
}

#[wasm_bindgen_test]
async fn a_function_or_a_binding_object_can_be_the_fetch() {
    let fetch: Function = Reflect::get(&js_sys::global(), &"fetch".into()).unwrap().dyn_into().unwrap();
    let bound = fetch.bind(&js_sys::global());
    let binding = Object::new();
    Reflect::set(&binding, &"fetch".into(), &bound).unwrap();
    for (ns, transport) in [("rust-function", HostFetch::function(bound.clone())), ("rust-binding", HostFetch::binding(&binding).unwrap())] {
        let c = Client::new(transport, Options { api_url: api_url(ns), ..Options::new(KEY) }).unwrap();
        c.update_instance(&UpdateInstance { test_mode: false.into(), ..Default::default() }).await.unwrap();
        assert_eq!(records(ns).await[0]["body"], r#"{"test_mode":false}"#);
    }
    assert!(HostFetch::binding(&Object::new()).is_none(), "an object without a fetch method is no binding");
}

#[wasm_bindgen_test]
async fn params_from_js_keep_the_tri_state_and_refuse_unknown_keys() {
    let js = params(r#"{"test_mode":true,"support_email":null,"hibp":0}"#, vec!["hibp".into()]);
    let parsed: UpdateInstance = from_js(&js).unwrap();
    assert_eq!(parsed.test_mode, Patch::Value(true));
    assert_eq!(parsed.support_email, Patch::Null);
    assert_eq!(parsed.hibp, Patch::Absent, "undefined is absent");
    let typo = from_js::<UpdateInstanceRestrictions>(&JSON::parse(r#"{"allowlst":true}"#).unwrap()).unwrap_err();
    assert!(typo.message().contains("`allowlst` is not a parameter of UpdateInstanceRestrictions; did you mean `allowlist`?"), "{typo}");
    let null = from_js::<UpdateInstance>(&JSON::parse(r#"{"allowed_origins":null}"#).unwrap()).unwrap_err();
    assert!(null.message().contains("`allowed_origins` cannot be null"), "{null}");
    // The same through serde-wasm-bindgen directly, which workers-rs' `Request::json()` uses.
    let direct = serde_wasm_bindgen::from_value::<UpdateInstanceRestrictions>(JSON::parse(r#"{"allowlst":true}"#).unwrap());
    assert!(direct.is_err(), "a typo is refused on every deserializer");
}

#[wasm_bindgen_test]
async fn settings_from_js_then_plan_and_apply_over_the_host_fetch() {
    let from = |json: &str| serde_wasm_bindgen::from_value::<Settings>(JSON::parse(json).unwrap());
    let typo = from(r#"{"protect":{"rules_enabeld":true}}"#).unwrap_err().to_string();
    assert!(typo.contains("`protect.rules_enabeld` is not a parameter of UpdateInstanceProtect; did you mean `rules_enabled`?"), "{typo}");
    let unknown = from(r#"{"protects":{}}"#).unwrap_err().to_string();
    assert!(unknown.contains("did you mean `protect`?"), "{unknown}");
    assert!(from(r#"{"protect":null}"#).unwrap_err().to_string().contains("`protect` cannot be null"));
    let settings = from(r#"{"protect":{"rules_enabled":true,"specter_enabled":false},"restrictions":{"allowlist":true}}"#).unwrap();
    assert_eq!(settings.protect.as_ref().unwrap().specter_enabled, Patch::Value(false));

    let c = client("rust-settings", |_| {});
    let plan = c.plan(&settings).await.unwrap();
    assert_eq!(plan.requests(), 2);
    let protect = &plan.sections[1];
    assert_eq!((protect.changes.len(), protect.unchanged.len()), (1, 1), "rules_enabled changes, specter_enabled is already false");
    let report = c.apply(&plan, Verify::default()).await;
    assert!(report.ok(), "{report:?}");
    assert!(matches!(report.sections[1].outcome, Outcome::Applied(Confirmation::Confirmed)), "{report:?}");
    let again = c.plan(&settings).await.unwrap();
    assert_eq!(again.requests(), 1, "only restrictions, which cannot be read, is sent again");
    let sent: Vec<String> = records("rust-settings").await.iter().map(|r| format!("{} {}", r["method"].as_str().unwrap(), r["path"].as_str().unwrap())).collect();
    assert_eq!(
        sent,
        ["GET /v1/instance/protect", "PATCH /v1/instance/restrictions", "PATCH /v1/instance/protect", "GET /v1/instance/protect", "GET /v1/instance/protect"]
    );
}

#[wasm_bindgen_test]
async fn the_secret_key_is_in_no_error() {
    let c = client("rust-secret", |o| {
        o.retry = Retry::OFF;
        o.timeout_ms = 300;
    });
    queue(
        "rust-secret",
        r#"[{"status":401,"body":{"errors":[{"code":"authentication_invalid","message":"bad key"}]}},{"drop":"before"},{"delayMs":2000},{"status":500,"text":"<html>"}]"#,
    )
    .await;
    let mut shown = Vec::new();
    for _ in 0..4 {
        let error = c.get_instance(&GetInstance {}).await.unwrap_err();
        shown.push(format!("{error} {error:?}"));
    }
    let bad = UpdateInstance { support_email: Patch::Value(format!("x{KEY}")), ..Default::default() };
    let error = c.update_instance(&bad).await.unwrap_err();
    shown.push(format!("{error} {error:?} {:?}", c.prepare(&UpdateInstance::default()).unwrap()));
    for text in shown {
        assert!(!text.contains("WASMSECRET"), "{text}");
    }
}
