//! The wasm module under Node (wasm-bindgen-test), against the stand-in Clerk API on loopback:
//! the exported JS client (`InstanceClient`, the functions the npm package is built on) and the
//! Rust client over the host's fetch. Run through `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use clerk_instance_edge::*;
use js_sys::{Promise, Reflect, JSON};
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
    fn show(error: &JsValue) -> String;
}

const KEY: &str = "sk_test_WASMSECRET0123456789abcdef";

fn options(ns: &str, extra: &str) -> JsValue {
    let text = format!(r#"{{"secretKey":"{KEY}","apiUrl":"{}"{extra}}}"#, api_url(ns));
    JSON::parse(&text).unwrap()
}

fn client(ns: &str, extra: &str) -> InstanceClient {
    InstanceClient::new(&options(ns, extra)).unwrap_or_else(|e| panic!("{}", show(&e)))
}

fn index(id: &str) -> usize {
    OPERATIONS.iter().position(|op| op.id == id).unwrap()
}

async fn records(ns: &str) -> Vec<JsonValue> {
    let text = JsFuture::from(requests(ns)).await.unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn queue(ns: &str, reactions: &str) {
    JsFuture::from(script(ns, reactions)).await.unwrap();
}

async fn call(client: &InstanceClient, id: &str, params: &JsValue) -> Result<JsValue, JsValue> {
    let promise = client.send(index(id), params, &JsValue::UNDEFINED)?;
    JsFuture::from(promise).await
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).unwrap_or(JsValue::UNDEFINED))
}

fn text(value: &JsValue, path: &str) -> String {
    get(value, path).as_string().unwrap_or_else(|| panic!("{path} is not a string in {}", show(value)))
}

fn number(value: &JsValue, path: &str) -> f64 {
    get(value, path).as_f64().unwrap_or_else(|| panic!("{path} is not a number in {}", show(value)))
}

/// A valid value for a field, as JSON, following its kind and rule (role IDs are ones the
/// stand-in knows).
fn sample(field: &Field) -> String {
    let one = match field.rule {
        Rule::Any if field.name.ends_with("_role_id") => "\"rol_standin_member\"".into(),
        Rule::OneOf(choices) => format!("\"{}\"", choices[0]),
        Rule::CountryCodes => "\"US\"".into(),
        Rule::EmailLocalPart => "\"noreply\"".into(),
        Rule::EmailOrEmpty => "\"support@example.com\"".into(),
        Rule::AbsoluteUrl => "\"https://www.example.com\"".into(),
        Rule::Origin => "\"https://app.example.com\"".into(),
        Rule::Any => "\"value\"".into(),
    };
    match field.kind {
        Kind::Boolean => "true".into(),
        Kind::Integer => "7".into(),
        Kind::String => one,
        Kind::StringList => format!("[{one}]"),
    }
}

#[wasm_bindgen_test]
async fn every_operation_reaches_the_api_byte_exact_with_absent_null_and_value() {
    for (n, op) in OPERATIONS.iter().enumerate() {
        let ns = format!("bytes-{n}");
        let c = client(&ns, "");
        // Field i: value when i % 3 == 0, null when i % 3 == 1 (value if not nullable), else
        // undefined, so every operation sends all three states where it has the fields.
        let mut members = Vec::new();
        let mut undefined = Vec::new();
        let mut entries = Vec::new();
        for (i, field) in op.fields.iter().enumerate() {
            let name = js_name(field.name);
            match i % 3 {
                1 if field.nullable => {
                    members.push(format!("\"{name}\":null"));
                    entries.push((i, Patch::Null));
                }
                0 | 1 => {
                    members.push(format!("\"{name}\":{}", sample(field)));
                    let value = match field.kind {
                        Kind::Boolean => Value::Boolean(true),
                        Kind::Integer => Value::Integer(7),
                        Kind::String => Value::String(serde_json::from_str(&sample(field)).unwrap()),
                        Kind::StringList => Value::StringList(serde_json::from_str(&sample(field)).unwrap()),
                    };
                    entries.push((i, Patch::Value(value)));
                }
                _ => undefined.push(name),
            }
        }
        let js = params(&format!("{{{}}}", members.join(",")), undefined);
        let result = call(&c, op.id, &js).await.unwrap_or_else(|e| panic!("{}: {}", op.id, show(&e)));
        let expected_body = encode_body(op, &entries).unwrap_or_default();
        let seen = records(&ns).await;
        assert_eq!(seen.len(), 1, "{}", op.id);
        let record = &seen[0];
        assert_eq!(record["method"], op.method.as_str());
        assert_eq!(record["path"], format!("/v1{}", op.path));
        assert_eq!(record["body"], expected_body.as_str(), "{}", op.id);
        assert_eq!(record["headers"]["authorization"], format!("Bearer {KEY}"));
        assert_eq!(record["headers"]["clerk-api-version"], "2026-05-12");
        let content_type = if op.method == Method::Get { JsonValue::Null } else { "application/json".into() };
        assert_eq!(record["headers"].get("content-type").cloned().unwrap_or_default(), content_type);
        assert!(record["headers"]["user-agent"].as_str().unwrap().starts_with("clerk-instance-edge@"));
        assert_eq!(result.is_undefined(), op.resource.is_none(), "{}: 202/204 give undefined", op.id);
    }
}

#[wasm_bindgen_test]
async fn reads_send_no_body_and_answer_camel_case_objects() {
    let c = client("reads", "");
    let instance = call(&c, "GetInstance", &JsValue::UNDEFINED).await.unwrap();
    assert_eq!(text(&instance, "object"), "instance");
    assert!(get(&instance, "environmentType").is_string());
    let settings = call(&c, "GetInstanceOrganizationSettings", &JsValue::UNDEFINED).await.unwrap();
    assert!(get(&settings, "maxAllowedMemberships").as_f64().is_some());
    let seen = records("reads").await;
    assert_eq!(seen[0]["body"], "");
    assert!(seen[0]["headers"].get("content-type").is_none());
}

#[wasm_bindgen_test]
async fn api_errors_arrive_with_every_field() {
    let c = client("api-errors", "");
    for status in [402, 404, 422] {
        let body = format!(
            r#"{{"errors":[{{"message":"m{status}","long_message":"long {status}","code":"code_{status}","meta":{{"param_name":"allowlist"}}}}],"meta":{{}},"clerk_trace_id":"trace_{status}"}}"#
        );
        queue("api-errors", &format!(r#"[{{"status":{status},"body":{body}}}]"#)).await;
        let error = call(&c, "UpdateInstanceRestrictions", &params(r#"{"allowlist":true}"#, vec![])).await.unwrap_err();
        assert_eq!(text(&error, "name"), "ClerkAPIResponseError");
        assert_eq!(get(&error, "clerkError"), JsValue::TRUE);
        assert_eq!(number(&error, "status"), f64::from(status));
        assert_eq!(text(&error, "clerkTraceId"), format!("trace_{status}"));
        let first = get(&get(&error, "errors"), "0");
        assert_eq!(text(&first, "code"), format!("code_{status}"));
        assert_eq!(text(&first, "message"), format!("m{status}"));
        assert_eq!(text(&first, "longMessage"), format!("long {status}"));
        assert_eq!(text(&first, "meta.paramName"), "allowlist");
        assert!(text(&error, "message").contains(&format!("answered {status}")));
        assert_eq!(text(&get(&error, "constructor"), "kind"), "ClerkAPIResponseError");
    }
    assert_eq!(records("api-errors").await.len(), 3, "4xx is not retried");
}

#[wasm_bindgen_test]
async fn a_429_waits_for_retry_after_then_succeeds() {
    let c = client("rate-limited", "");
    queue("rate-limited", r#"[{"status":429,"headers":{"retry-after":"1"},"body":{"errors":[{"code":"too_many_requests","message":"slow down"}]}}]"#).await;
    let started = now();
    let result = call(&c, "UpdateInstance", &params(r#"{"hibp":true}"#, vec![])).await;
    assert!(result.unwrap().is_undefined());
    let elapsed = now() - started;
    assert!(elapsed >= 950.0, "waited {elapsed} ms for Retry-After: 1");
    let seen = records("rate-limited").await;
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0]["body"], seen[1]["body"]);
}

#[wasm_bindgen_test]
async fn a_503_is_retried_and_retries_are_bounded() {
    let c = client("unavailable", r#","retry":{"maxAttempts":3,"maxDelayMs":20}"#);
    queue("unavailable", r#"[{"status":503,"text":"","times":2}]"#).await;
    let ok = call(&c, "UpdateInstanceProtect", &params(r#"{"rulesEnabled":true}"#, vec![])).await.unwrap();
    assert_eq!(get(&ok, "rulesEnabled"), JsValue::TRUE);
    assert_eq!(records("unavailable").await.len(), 3);

    queue("unavailable", r#"[{"status":503,"text":"busy","times":5}]"#).await;
    let error = call(&c, "UpdateInstanceProtect", &params("{}", vec![])).await.unwrap_err();
    assert_eq!(number(&error, "status"), 503.0);
    assert_eq!(number(&error, "attempts"), 3.0);
    assert_eq!(records("unavailable").await.len(), 6);
}

#[wasm_bindgen_test]
async fn a_stall_hits_the_timeout() {
    let c = client("stall", r#","timeoutMs":200,"retry":false"#);
    queue("stall", r#"[{"delayMs":3000}]"#).await;
    let started = now();
    let error = call(&c, "GetInstance", &JsValue::UNDEFINED).await.unwrap_err();
    let elapsed = now() - started;
    assert_eq!(text(&error, "name"), "ClerkTimeoutError");
    assert_eq!(number(&error, "timeoutMs"), 200.0);
    assert!(elapsed < 2000.0, "gave up after {elapsed} ms");
}

#[wasm_bindgen_test]
async fn domain_changes_are_not_retried() {
    let c = client("domain", r#","retry":{"maxAttempts":3,"maxDelayMs":10}"#);
    queue("domain", r#"[{"status":503,"text":"","times":2}]"#).await;
    let params = params(r#"{"homeUrl":"https://new.example.com"}"#, vec![]);
    for id in ["ChangeProductionInstanceDomain", "UpdateProductionInstanceDomain"] {
        let error = call(&c, id, &params).await.unwrap_err();
        assert_eq!(number(&error, "attempts"), 1.0);
    }
    queue("domain", r#"[{"drop":"before"}]"#).await;
    let error = call(&c, "ChangeProductionInstanceDomain", &params).await.unwrap_err();
    assert_eq!(text(&error, "name"), "ClerkNetworkError");
    assert!(!get(&error, "cause").is_undefined(), "the fetch failure is the cause");
    assert_eq!(records("domain").await.len(), 3, "each change arrived once");
}

#[wasm_bindgen_test]
async fn an_html_502_keeps_an_excerpt() {
    let c = client("html", r#","retry":false"#);
    queue("html", r#"[{"status":502,"text":"<html><body>Bad gateway</body></html>","contentType":"text/html","headers":{"cf-ray":"ray-502"}}]"#).await;
    let error = call(&c, "GetInstance", &JsValue::UNDEFINED).await.unwrap_err();
    assert_eq!(text(&error, "body"), "<html><body>Bad gateway</body></html>");
    assert_eq!(text(&error, "clerkTraceId"), "ray-502");
    assert_eq!(get(&get(&error, "errors"), "length").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
async fn the_decoder_refuses_bad_params_before_sending() {
    let c = client("decoder", "");
    let error = call(&c, "UpdateInstance", &params(r#"{"testmode":true,"hibp":"yes","allowedOrigins":null}"#, vec![])).await.unwrap_err();
    assert_eq!(text(&error, "name"), "ClerkInvalidParamsError");
    let messages: Vec<String> = (0..3).map(|i| text(&get(&error, "problems"), &format!("{i}.message"))).collect();
    assert_eq!(
        messages,
        [
            "`testmode` is not a parameter of instances.update; did you mean `testMode`?",
            "`hibp` must be true or false, or null; got the string \"yes\"",
            "`allowedOrigins` cannot be null; leave it out to keep the current list",
        ]
    );
    // undefined is absent: nothing but the one value is sent.
    call(&c, "UpdateInstance", &params(r#"{"testMode":false,"hibp":0}"#, vec!["hibp".into()])).await.unwrap();
    let seen = records("decoder").await;
    assert_eq!(seen.len(), 1, "the refused call sent nothing");
    assert_eq!(seen[0]["body"], r#"{"test_mode":false}"#);
    let bad_options = InstanceClient::new(&JSON::parse(r#"{"secretKey":"sk test"}"#).unwrap()).err().unwrap();
    assert_eq!(text(&bad_options, "name"), "ClerkInvalidOptionsError");
}

#[wasm_bindgen_test]
async fn the_secret_key_is_in_no_error() {
    let c = client("secret", r#","retry":false,"timeoutMs":300"#);
    queue(
        "secret",
        r#"[{"status":401,"body":{"errors":[{"code":"authentication_invalid","message":"bad key"}]}},{"drop":"before"},{"delayMs":2000},{"status":500,"text":"<html>"}]"#,
    )
    .await;
    let mut shown = Vec::new();
    for _ in 0..4 {
        shown.push(show(&call(&c, "GetInstance", &JsValue::UNDEFINED).await.unwrap_err()));
    }
    shown.push(show(&call(&c, "UpdateInstance", &params(r#"{"x":1}"#, vec![])).await.unwrap_err()));
    shown.push(c.dry_run(index("UpdateInstance"), &params(r#"{"hibp":true}"#, vec![])).unwrap());
    for text in shown {
        assert!(!text.contains("WASMSECRET"), "{text}");
    }
}

#[wasm_bindgen_test]
async fn the_rust_client_runs_over_the_host_fetch() {
    let options = Options { api_url: api_url("rust"), ..Options::new(KEY) };
    let client = Client::new(HostFetch::global(), options).unwrap();
    let params = UpdateInstance { test_mode: true.into(), support_email: Patch::Null, ..Default::default() };
    client.update_instance(&params).await.unwrap();
    let restrictions = client
        .update_instance_restrictions(&UpdateInstanceRestrictions { allowlist: true.into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(restrictions.allowlist, Some(true));
    queue("rust", r#"[{"status":422,"body":{"errors":[{"code":"form_param_unknown","message":"no"}]}}]"#).await;
    let error = client.get_instance(&GetInstance {}).await.unwrap_err();
    assert!(matches!(&error, Error::Api(api) if api.status == 422 && api.errors[0].code == "form_param_unknown"));
    let seen = records("rust").await;
    assert_eq!(seen[0]["body"], r#"{"test_mode":true,"support_email":null}"#);
    assert_eq!(seen.len(), 3);
}
