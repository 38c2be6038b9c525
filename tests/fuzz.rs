//! Fuzzing of everything that takes outside data, natively: the JS decoder (params, options and
//! call options as host.js serializes them, markers included), the validator, the response and
//! error readers, and the retry state machine. Invariant: never a panic, always a value or a
//! readable error; the retry loop stays within its bounds.
//!
//! `make test` runs a short pass (300 cases a test); `make fuzz` a long one (`FUZZ_CASES`).

use clerk_instance_edge::decode::{call_options, entries, options};
use clerk_instance_edge::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value as JsonValue;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
}

fn run<T: std::fmt::Debug>(name: &str, strategy: impl Strategy<Value = T>, test: impl Fn(T) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    runner.run(&strategy, test).unwrap_or_else(|e| panic!("{name}: {e}"));
    eprintln!("fuzz {name}: {} cases", cases());
}

/// Keys a caller might write: real JS names, wire names, typos, prototype keys, marker keys.
fn key() -> impl Strategy<Value = String> {
    let real: Vec<String> = OPERATIONS.iter().flat_map(|op| op.fields).map(|f| js_name(f.name)).collect();
    prop_oneof![
        prop::sample::select(real.clone()),
        prop::sample::select(real).prop_map(|k| k[..k.len() / 2 + 1].to_string()),
        prop::sample::select(vec!["__proto__", "constructor", "\u{0}", "value", "signal", "secretKey", "apiUrl", "retry", "maxAttempts", "fetch", "timeoutMs"])
            .prop_map(String::from),
        any::<String>(),
    ]
}

/// JSON as host.js writes it for arbitrary JS values, markers included.
fn js_json() -> impl Strategy<Value = JsonValue> {
    let marker = prop::sample::select(vec![
        "undefined", "function", "symbol", "object", "NaN", "Infinity", "-Infinity", "unpaired surrogate", "thrown", "too large", "bigint", "?",
    ])
    .prop_flat_map(|what| {
        let value = prop_oneof![Just(JsonValue::Null), any::<i128>().prop_map(|n| JsonValue::String(n.to_string())), any::<String>().prop_map(JsonValue::String)];
        value.prop_map(move |v| serde_json::json!({"\u{0}": what, "value": v}))
    });
    let leaf = prop_oneof![
        Just(JsonValue::Null),
        any::<bool>().prop_map(JsonValue::Bool),
        any::<i64>().prop_map(JsonValue::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(JsonValue::from),
        any::<String>().prop_map(JsonValue::String),
        prop::sample::select(vec!["https://a.example", "US", "us", "otp", "noreply@x", "", "automatic_invitation"]).prop_map(|s| JsonValue::String(s.into())),
        marker,
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(JsonValue::Array),
            prop::collection::vec((key(), inner), 0..10).prop_map(|m| JsonValue::Object(m.into_iter().collect())),
        ]
    })
}

/// Text that is often JSON, sometimes cut short, sometimes not JSON at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => js_json().prop_map(|j| j.to_string()),
        1 => (js_json(), any::<prop::sample::Index>()).prop_map(|(j, cut)| {
            let s = j.to_string();
            let at = cut.index(s.len() + 1);
            s.get(..at).unwrap_or(&s).to_string()
        }),
        1 => any::<String>(),
        1 => Just("[".repeat(5000)),
    ]
}

#[test]
fn the_js_decoder_always_answers_entries_or_problems() {
    run("js decoder", text(), |text| {
        for op in OPERATIONS {
            let mut problems = Vec::new();
            let found = entries(op, 0, &text, &mut problems);
            for problem in &problems {
                prop_assert!(problem.message.starts_with('`'), "{}", problem.message);
            }
            let mut valid = validate(op, &found, Spelling::Js);
            problems.append(&mut valid);
            if problems.is_empty() {
                // What passes is sendable: the body is JSON, and holds exactly the entries.
                if let Some(body) = encode_body(op, &found) {
                    let parsed: serde_json::Map<String, JsonValue> = serde_json::from_str(&body).unwrap();
                    prop_assert_eq!(parsed.len(), found.len());
                }
            }
        }
        let mut problems = Vec::new();
        let _ = options(&text, &mut problems);
        call_options(&text, &mut problems);
        Ok(())
    });
}

#[test]
fn the_response_readers_always_answer_a_value_or_a_reason() {
    run("response readers", (text(), 100u16..600), |(body, status)| {
        for resource in OPERATIONS.iter().filter_map(|op| op.resource) {
            if let Err(reason) = read_resource(resource, &body) {
                prop_assert!(!reason.is_empty());
            }
        }
        let error = read_api_error("GET /instance".into(), status, &body, Some("ray"), None);
        prop_assert!(error.message().starts_with("Clerk API answered"));
        Ok(())
    });
}

fn outcome() -> impl Strategy<Value = Result<HttpResponse, Failure>> {
    let cause = || Cause { message: "x".into() };
    let response = (
        prop::sample::select(vec![200u16, 202, 204, 400, 401, 402, 404, 422, 429, 500, 502, 503, 504, 599]),
        text(),
        any::<bool>(),
        prop::option::of(prop_oneof![any::<u32>().prop_map(|n| n.to_string()), Just("Sun, 06 Nov 1994 08:49:37 GMT".to_string()), any::<String>()]),
    )
        .prop_map(|(status, body, truncated, retry_after)| Ok(HttpResponse { status, body, truncated, retry_after, cf_ray: None }));
    prop_oneof![
        6 => response,
        1 => Just(Err(Failure::Timeout)),
        1 => Just(Err(Failure::Network(cause()))),
        1 => Just(Err(Failure::Aborted(cause()))),
    ]
}

/// A client over a transport that never runs: only `Call` is driven here.
struct NoTransport;
impl Transport for NoTransport {
    type Signal = ();
    async fn fetch(&self, _: &HttpRequest, _: u32, _: &()) -> Result<HttpResponse, Failure> {
        Err(Failure::Timeout)
    }
    async fn sleep(&self, _: u32, _: &()) -> Result<(), Failure> {
        Ok(())
    }
    fn now_ms(&self) -> f64 {
        0.0
    }
    fn random(&self) -> f64 {
        0.5
    }
}

#[test]
fn the_retry_loop_stays_within_its_bounds() {
    let strategy = (
        prop::sample::select(OPERATIONS.to_vec()),
        1u32..6,
        0u32..20_000,
        prop::collection::vec(outcome(), 12),
        0.0f64..1.0,
    );
    run("retry loop", strategy, |(op, max_attempts, max_delay_ms, outcomes, random)| {
        let retry = Retry { max_attempts, max_delay_ms, base_delay_ms: 500 };
        let options = Options { retry, ..Options::new("sk_test_fuzz") };
        let client = Client::new(NoTransport, options).unwrap();
        let request = client.request(op, &[]);
        let mut call = client.call(op, request);
        let mut attempts = 0;
        for outcome in outcomes {
            attempts += 1;
            match call.after(outcome, 784_111_770_000.0, random) {
                Next::Wait(ms) => {
                    prop_assert!(op.retry, "{} is never retried", op.id);
                    prop_assert!(ms <= max_delay_ms, "waited {ms} > {max_delay_ms}");
                    prop_assert!(attempts < max_attempts, "a wait after the last attempt");
                }
                Next::Done(_) => return Ok(()),
            }
        }
        prop_assert!(false, "no end after 12 attempts (max {max_attempts})");
        Ok(())
    });
}
