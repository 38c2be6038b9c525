//! The JS boundary without a JS engine: params, options and call options as the package's JS
//! serializes them (markers included), and the text the JS API gets back.

use clerk_instance_edge::decode::{call_options, entries, options, unknown_key};
use clerk_instance_edge::encode;
use clerk_instance_edge::*;
use serde_json::{json, Value as JsonValue};

fn decode(op: &Operation, params: &str) -> (Vec<Entry>, Vec<String>) {
    let mut problems = Vec::new();
    let found = entries(op, 0, params, &mut problems);
    (found, problems.into_iter().map(|p| p.message).collect())
}

fn field(op: &Operation, name: &str) -> usize {
    op.fields.iter().position(|f| f.name == name).unwrap()
}

#[test]
fn missing_is_absent_null_is_null_and_values_keep_their_kind() {
    let op = UpdateInstance::OPERATION;
    let (found, problems) =
        decode(op, r#"{"testMode":true,"supportEmail":null,"allowedOrigins":["https://a.example"]}"#);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        found,
        vec![
            (field(op, "test_mode"), Patch::Value(Value::Boolean(true))),
            (field(op, "support_email"), Patch::Null),
            (field(op, "allowed_origins"), Patch::Value(Value::StringList(vec!["https://a.example".into()]))),
        ],
        "declaration order, whatever the key order"
    );
    // `undefined` params (the marker host.js writes) mean an empty update.
    assert_eq!(decode(op, r#"{"\u0000":"undefined"}"#), (vec![], vec![]));
}

#[test]
fn integers_accept_safe_numbers_and_bigints_only() {
    let op = UpdateInstanceOrganizationSettings::OPERATION;
    let index = field(op, "max_allowed_memberships");
    let ok = |text: &str, n: i64| assert_eq!(decode(op, text), (vec![(index, Patch::Value(Value::Integer(n)))], vec![]));
    ok(r#"{"maxAllowedMemberships":5}"#, 5);
    ok(r#"{"maxAllowedMemberships":9007199254740991}"#, 9_007_199_254_740_991);
    ok(r#"{"maxAllowedMemberships":{"\u0000":"bigint","value":"9223372036854775807"}}"#, i64::MAX);
    let problem = |text: &str| decode(op, text).1.join("\n");
    assert_eq!(problem(r#"{"maxAllowedMemberships":3.5}"#), "`maxAllowedMemberships` must be a whole number; got the number 3.5");
    assert_eq!(
        problem(r#"{"maxAllowedMemberships":9007199254740992}"#),
        "`maxAllowedMemberships` is larger than a JS number holds exactly; pass it as a BigInt; got the number 9007199254740992"
    );
    assert!(problem(r#"{"maxAllowedMemberships":1e+21}"#).contains("pass it as a BigInt"));
    assert_eq!(
        problem(r#"{"maxAllowedMemberships":{"\u0000":"NaN"}}"#),
        "`maxAllowedMemberships` must be a whole number from 0 to 9223372036854775807, or null; got the number NaN"
    );
    assert!(problem(r#"{"maxAllowedMemberships":{"\u0000":"bigint","value":"9223372036854775808"}}"#)
        .contains("must be from 0 to 9223372036854775807"));
    assert_eq!(
        problem(r#"{"maxAllowedMemberships":-1}"#),
        "",
        "a negative whole number decodes; the validator refuses it"
    );
    assert_eq!(
        problem(r#"{"maxAllowedMemberships":"5"}"#),
        "`maxAllowedMemberships` must be a whole number from 0 to 9223372036854775807, or null; got the string \"5\""
    );
}

#[test]
fn wrong_types_name_what_was_given() {
    let op = UpdateInstance::OPERATION;
    let problems = decode(
        op,
        r#"{"testMode":"true","hibp":{"\u0000":"function"},"supportEmail":{"\u0000":"object"},
            "allowedOrigins":"https://a.example","clerkJsVersion":[1],"developmentOrigin":{"\u0000":"unpaired surrogate"},
            "cookielessDev":{"\u0000":"symbol"}}"#,
    )
    .1;
    assert_eq!(
        problems,
        [
            "`testMode` must be true or false, or null; got the string \"true\"",
            "`hibp` must be true or false, or null; got a function",
            "`supportEmail` must be a string, or null; got an object",
            "`allowedOrigins` must be an array of strings; got the string \"https://a.example\"",
            "`clerkJsVersion` must be a string, or null; got an array",
            "`developmentOrigin` contains an unpaired UTF-16 surrogate, which JSON text cannot carry; fix the string's encoding",
            "`cookielessDev` must be true or false, or null; got a symbol",
        ]
    );
    let items = decode(op, r#"{"allowedOrigins":["https://a.example",5,null,{"\u0000":"undefined"}]}"#).1;
    assert_eq!(
        items,
        [
            "`allowedOrigins[1]` must be a string; got the number 5",
            "`allowedOrigins[2]` must be a string; got null",
            "`allowedOrigins[3]` must be a string; got undefined",
        ]
    );
}

#[test]
fn unknown_keys_suggest_the_nearest_valid_one() {
    let op = UpdateInstance::OPERATION;
    let problems = |text: &str| decode(op, text).1;
    assert_eq!(problems(r#"{"testmode":true}"#), ["`testmode` is not a parameter of instances.update; did you mean `testMode`?"]);
    assert_eq!(problems(r#"{"test_mode":true}"#), ["`test_mode` is not a parameter of instances.update; did you mean `testMode`?"]);
    assert_eq!(problems(r#"{"suportEmail":""}"#), ["`suportEmail` is not a parameter of instances.update; did you mean `supportEmail`?"]);
    assert!(problems(r#"{"__proto__":{}}"#)[0].starts_with("`__proto__` is not a parameter of instances.update; use one of testMode, hibp,"));
    let names = vec!["signal".to_string()];
    assert_eq!(unknown_key("x", &[], "instances.get").message, "`x` is not a parameter of instances.get, which takes none; leave it out");
    assert_eq!(unknown_key("signl", &names, "the call options").message, "`signl` is not a parameter of the call options; did you mean `signal`?");
}

#[test]
fn params_that_are_not_a_plain_object_are_refused() {
    let op = UpdateInstance::OPERATION;
    let problems = |text: &str| decode(op, text).1;
    assert_eq!(problems("null"), ["`params` must be a plain object; got null"]);
    assert_eq!(problems("[1]"), ["`params` must be a plain object; got an array"]);
    assert_eq!(problems(r#""testMode""#), ["`params` must be a plain object; got the string \"testMode\""]);
    assert_eq!(problems(r#"{"\u0000":"object"}"#), ["`params` must be a plain object; got an object"]);
    assert_eq!(
        problems(r#"{"\u0000":"thrown","value":"getter exploded"}"#),
        ["`params` could not be read: \"getter exploded\""]
    );
    assert_eq!(problems(r#"{"\u0000":"too large"}"#), ["`params` is larger than 1 MiB as JSON; no instance setting needs that much"]);
    assert_eq!(problems("{"), ["`params` could not be read: expected a string key"]);
}

#[test]
fn options_are_read_checked_and_the_official_sdks_extra_options_ignored() {
    let mut problems = Vec::new();
    let read = options(
        r#"{"secretKey":"sk_test_1","apiUrl":"http://127.0.0.1:8787","apiVersion":"v1","timeoutMs":250,
            "retry":{"maxAttempts":5,"maxDelayMs":20},"publishableKey":"pk_test","fetch":{"\u0000":"function"}}"#,
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(read.secret_key, "sk_test_1");
    assert_eq!(read.api_url, "http://127.0.0.1:8787");
    assert_eq!(read.api_version, API_VERSION, "`v1` is @clerk/backend's URL version, already sent");
    assert_eq!(read.timeout_ms, 250);
    assert_eq!((read.retry.max_attempts, read.retry.max_delay_ms), (5, 20));
    let off = options(r#"{"secretKey":"sk_test_1","retry":false}"#, &mut problems);
    assert_eq!(off.retry, Retry::OFF);

    let mut problems = Vec::new();
    options(r#"{"secretKey":7,"retry":{"maxAttemps":2},"timeout":5,"apiVersion":"2026-13"}"#, &mut problems);
    let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`secretKey` must be a string",
            "`maxAttemps` is not a parameter of retry; did you mean `maxAttempts`?",
            "`timeout` is not a parameter of the client options; did you mean `timeoutMs`?",
            "`apiVersion` must be a date like \"2026-05-12\"; got \"2026-13\"",
        ]
    );
    let mut problems = Vec::new();
    options(r#"{"\u0000":"undefined"}"#, &mut problems);
    assert_eq!(problems[0].message, "`options` must be a plain object; got undefined");
}

#[test]
fn call_options_take_only_a_signal() {
    let check = |text: &str| {
        let mut problems = Vec::new();
        call_options(text, &mut problems);
        problems.into_iter().map(|p| p.message).collect::<Vec<_>>()
    };
    assert!(check(r#"{"\u0000":"undefined"}"#).is_empty());
    assert!(check("null").is_empty());
    assert!(check(r#"{"signal":{"\u0000":"AbortSignal"}}"#).is_empty());
    assert_eq!(check(r#"{"signal":{"\u0000":"object"}}"#), ["`signal` must be an AbortSignal; got an object"]);
    assert_eq!(check(r#"{"signal":true}"#), ["`signal` must be an AbortSignal; got true"]);
    assert_eq!(check(r#"{"timeout":1}"#), ["`timeout` is not a parameter of the call options; use one of signal"]);
}

fn parsed(text: &str) -> JsonValue {
    serde_json::from_str(text).expect("the encoder writes JSON")
}

/// A step as `{"wait"}`, `{"value", "bigints"?}`, `{}` or `{"error"}`, from its one-letter form.
fn step(op: &Operation, next: Next) -> JsonValue {
    let mut out = String::new();
    encode::step(&mut out, op, &next);
    let (kind, rest) = out.split_at(1);
    match kind {
        "W" => json!({"wait": rest.parse::<u64>().unwrap()}),
        "N" => json!({}),
        "E" => json!({"error": parsed(rest)}),
        "V" => match rest.split_once('\n') {
            None => json!({"value": parsed(rest)}),
            Some((value, keys)) => json!({"value": parsed(value), "bigints": keys.split(',').collect::<Vec<_>>()}),
        },
        other => panic!("unknown step {other:?}"),
    }
}

fn request_text(request: &HttpRequest, redact: bool) -> String {
    let mut out = String::new();
    encode::request(&mut out, request, redact);
    out
}

#[test]
fn steps_are_waits_values_empty_successes_or_errors() {
    let protect = UpdateInstanceProtect::OPERATION;
    assert_eq!(step(protect, Next::Wait(250)), json!({"wait": 250}));
    let fields = vec![
        Patch::Value(Value::String("instance_protect".into())),
        Patch::Value(Value::Boolean(true)),
        Patch::Null,
        Patch::Absent,
    ];
    assert_eq!(
        step(protect, Next::Done(Ok(Some(fields)))),
        json!({"value": {"object": "instance_protect", "rulesEnabled": true, "specterEnabled": null}})
    );
    assert_eq!(step(UpdateInstance::OPERATION, Next::Done(Ok(None))), json!({}));
}

#[test]
fn api_errors_carry_every_field_with_camel_case_meta() {
    let body = r#"{"errors":[{"message":"is invalid","long_message":"too long","code":"form_param_value_invalid","meta":{"param_name":"x","__proto__":{"polluted":true}}}],"clerk_trace_id":"tr"}"#;
    let mut api = read_api_error("PATCH /instance".into(), 422, body, None, Some(3));
    api.attempts = 2;
    let step = step(UpdateInstance::OPERATION, Next::Done(Err(Error::Api(api))));
    assert_eq!(
        step,
        json!({"error": {
            "name": "ClerkAPIResponseError",
            "message": "Clerk API answered 422 Unprocessable Entity to PATCH /instance: too long (form_param_value_invalid); retry after 3 s; 2 attempts [trace tr]",
            "status": 422,
            "errors": [{"code": "form_param_value_invalid", "message": "is invalid", "longMessage": "too long",
                        "meta": {"paramName": "x", "__proto__": {"polluted": true}}}],
            "clerkTraceId": "tr",
            "retryAfter": 3,
            "attempts": 2,
        }})
    );
    let html = read_api_error("GET /instance".into(), 502, "<html>", None, None);
    let mut out = String::new();
    encode::error(&mut out, &Error::Api(html));
    assert_eq!(parsed(&out)["body"], "<html>");
    assert_eq!(parsed(&out)["errors"], json!([]));
}

#[test]
fn other_errors_name_their_class() {
    let cases = [
        (Error::Timeout { request: "GET /instance".into(), timeout_ms: 5, attempts: 3 }, "ClerkTimeoutError"),
        (Error::Network { request: "GET /instance".into(), cause: Cause { message: "reset".into() }, attempts: 1 }, "ClerkNetworkError"),
        (Error::UnexpectedResponse { request: "GET /instance".into(), status: 200, reason: "x".into(), excerpt: "<".into() }, "ClerkUnexpectedResponseError"),
        (Error::InvalidOptions { problems: vec![Problem::new("apiUrl".into(), "must use https")] }, "ClerkInvalidOptionsError"),
        (Error::Aborted { cause: Cause { message: String::new() } }, "AbortError"),
    ];
    for (error, name) in cases {
        let mut out = String::new();
        encode::error(&mut out, &error);
        let json = parsed(&out);
        assert_eq!(json["name"], name);
        assert_eq!(json["message"], error.message());
    }
}

#[test]
fn requests_show_the_secret_only_when_sent() {
    let request = HttpRequest {
        method: Method::Patch,
        url: "https://api.clerk.com/v1/instance".into(),
        headers: vec![("Authorization", "Bearer sk_live_SECRET".into()), ("Content-Type", "application/json".into())],
        body: Some("{}".into()),
    };
    let dry = parsed(&request_text(&request, true));
    assert_eq!(
        dry,
        json!({"method": "PATCH", "url": "https://api.clerk.com/v1/instance",
               "headers": {"Authorization": "Bearer [redacted]", "Content-Type": "application/json"}, "body": "{}"})
    );
    assert_eq!(parsed(&request_text(&request, false))["headers"]["Authorization"], "Bearer sk_live_SECRET");
}

#[test]
fn js_names_are_matched_without_being_built() {
    for op in OPERATIONS {
        for field in op.fields {
            assert!(is_js_name(field.name, &js_name(field.name)), "{}", field.name);
            assert!(!is_js_name(field.name, field.name) || !field.name.contains('_'), "{}", field.name);
        }
    }
    assert!(!is_js_name("test_mode", "testMod"));
    assert!(!is_js_name("test_mode", "testModes"));
    assert!(!is_js_name("test_mode", "testmode"));
}

#[test]
fn a_flood_of_unknown_keys_is_counted_not_listed() {
    let members: Vec<String> = (0..5000).map(|i| format!("\"key{i}\":1")).collect();
    let (_, problems) = decode(UpdateInstance::OPERATION, &format!("{{{}}}", members.join(",")));
    assert_eq!(problems.len(), 21);
    assert_eq!(problems[20], "`params` has 4980 more unknown keys");
}

#[test]
fn unreadable_option_text_is_a_problem_not_an_absence() {
    let deep = format!("{{\"signal\":{}null{}}}", "[".repeat(100), "]".repeat(100));
    let mut problems = Vec::new();
    call_options(&deep, &mut problems);
    assert_eq!(problems[0].message, "`call options` could not be read: nested too deeply");
    let mut problems = Vec::new();
    options(&deep, &mut problems);
    assert_eq!(problems[0].message, "`options` could not be read: nested too deeply");
}

#[test]
fn integers_a_js_number_cannot_hold_arrive_as_strings_the_encoder_lists() {
    let settings = UpdateInstanceOrganizationSettings::OPERATION;
    let resource = settings.resource.unwrap();
    let fields = read_resource(resource, r#"{"max_allowed_memberships":9007199254740993,"max_allowed_roles":9007199254740991}"#).unwrap();
    let step = step(settings, Next::Done(Ok(Some(fields))));
    assert_eq!(step["value"]["maxAllowedMemberships"], json!("9007199254740993"));
    assert_eq!(step["bigints"], json!(["maxAllowedMemberships"]));
    assert_eq!(step["value"]["maxAllowedRoles"], json!(9007199254740991i64));
}

#[test]
fn what_a_server_sends_is_never_given_meaning() {
    // A body shaped like the JS's own markers is data: it reaches `meta` as it was sent, and no
    // list of BigInts comes with it.
    let body = r#"{"errors":[{"code":"c","message":"m","meta":{"\u0000":"bigint","value":"zz"}}]}"#;
    let api = read_api_error("GET /instance".into(), 422, body, None, None);
    let step = step(GetInstance::OPERATION, Next::Done(Err(Error::Api(api))));
    assert_eq!(step["error"]["errors"][0]["meta"], json!({"\u{0}": "bigint", "value": "zz"}));
    assert_eq!(step.get("bigints"), None);
}

#[test]
fn a_callers_key_starting_with_nul_is_named_as_written_and_never_a_marker() {
    // host.js wrote the caller's {"\u0000": "undefined", "testMode": true} with the key escaped.
    let (found, problems) = decode(UpdateInstance::OPERATION, r#"{"\u0000\u0000":"undefined","testMode":true}"#);
    assert_eq!(found.len(), 1, "testMode is kept");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("`\u{0}` is not a parameter of instances.update"), "{problems:?}");
}
