//! The client over a scripted transport: requests, retries, waits, timeouts, errors, options.

mod common;

use clerk_instance_edge::*;
use common::block_on;
use std::cell::RefCell;
use std::collections::VecDeque;

const KEY: &str = "sk_test_SECRETKEYFORTESTS0123456789";

#[derive(Default)]
struct Script {
    answers: RefCell<VecDeque<Result<HttpResponse, Failure>>>,
    sent: RefCell<Vec<HttpRequest>>,
    slept: RefCell<Vec<u32>>,
    abort_sleep: bool,
}

fn cause(message: &str) -> Cause {
    Cause { message: message.into() }
}

impl Transport for &Script {
    type Signal = ();
    async fn fetch(&self, request: &HttpRequest, _timeout_ms: u32, _: &()) -> Result<HttpResponse, Failure> {
        self.sent.borrow_mut().push(request.clone());
        self.answers.borrow_mut().pop_front().expect("the script has an answer for every attempt")
    }
    async fn sleep(&self, ms: u32, _: &()) -> Result<(), Failure> {
        self.slept.borrow_mut().push(ms);
        if self.abort_sleep {
            return Err(Failure::Aborted(cause("stopped")));
        }
        Ok(())
    }
    fn now_ms(&self) -> f64 {
        784_111_777_000.0 // Sun, 06 Nov 1994 08:49:37 GMT
    }
    fn random(&self) -> f64 {
        0.5
    }
}

fn answer(status: u16, body: &str) -> Result<HttpResponse, Failure> {
    Ok(HttpResponse { status, body: body.into(), ..Default::default() })
}

fn with_retry_after(status: u16, value: &str) -> Result<HttpResponse, Failure> {
    Ok(HttpResponse { status, retry_after: Some(value.into()), ..Default::default() })
}

fn script(answers: Vec<Result<HttpResponse, Failure>>) -> Script {
    Script { answers: RefCell::new(answers.into()), ..Default::default() }
}

fn client(script: &Script) -> Client<&Script> {
    Client::new(script, Options::new(KEY)).unwrap()
}

const PROTECT: &str = r#"{"object":"instance_protect","rules_enabled":true,"specter_enabled":false,"checks_bypassed":false}"#;

#[test]
fn a_write_sends_method_url_headers_and_body() {
    let s = script(vec![answer(204, "")]);
    let params = UpdateInstance { test_mode: true.into(), support_email: Patch::Null, ..Default::default() };
    block_on(client(&s).update_instance(&params)).unwrap();
    let sent = s.sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, Method::Patch);
    assert_eq!(sent[0].url, "https://api.clerk.com/v1/instance");
    assert_eq!(sent[0].body.as_deref(), Some(r#"{"test_mode":true,"support_email":null}"#));
    let headers: Vec<(&str, &str)> = sent[0].headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        headers,
        [
            ("Authorization", format!("Bearer {KEY}").as_str()),
            ("Clerk-API-Version", "2026-05-12"),
            ("User-Agent", concat!("clerk-instance-edge@", env!("CARGO_PKG_VERSION"))),
            ("Content-Type", "application/json"),
        ]
    );
}

#[test]
fn a_read_has_no_body_and_no_content_type_and_returns_the_resource() {
    let s = script(vec![answer(200, PROTECT)]);
    let protect = block_on(client(&s).get_instance_protect(&GetInstanceProtect {})).unwrap();
    assert_eq!(protect.rules_enabled, Some(true));
    assert_eq!(protect.checks_bypassed, Some(false));
    let sent = s.sent.borrow();
    assert_eq!(sent[0].method, Method::Get);
    assert_eq!(sent[0].url, "https://api.clerk.com/v1/instance/protect");
    assert_eq!(sent[0].body, None);
    assert!(sent[0].headers.iter().all(|(name, _)| *name != "Content-Type"));
}

#[test]
fn every_operation_has_a_client_method_with_its_path() {
    let s = script((0..14).map(|_| answer(204, "")).collect());
    let c = client(&s);
    block_on(async {
        c.get_instance(&GetInstance {}).await.unwrap();
        c.update_instance(&Default::default()).await.unwrap();
        c.update_instance_restrictions(&Default::default()).await.unwrap();
        c.get_instance_protect(&Default::default()).await.unwrap();
        c.update_instance_protect(&Default::default()).await.unwrap();
        c.get_instance_communication(&Default::default()).await.unwrap();
        c.update_instance_communication(&Default::default()).await.unwrap();
        c.get_instance_oauth_application_settings(&Default::default()).await.unwrap();
        c.update_instance_oauth_application_settings(&Default::default()).await.unwrap();
        c.get_instance_organization_settings(&Default::default()).await.unwrap();
        c.update_instance_organization_settings(&Default::default()).await.unwrap();
        c.change_production_instance_domain(&Default::default()).await.unwrap();
        c.update_instance_auth_config(&Default::default()).await.unwrap();
        c.update_production_instance_domain(&Default::default()).await.unwrap();
    });
    let sent: Vec<String> = s.sent.borrow().iter().map(|r| format!("{} {}", r.method.as_str(), r.url)).collect();
    let expected: Vec<String> =
        OPERATIONS.iter().map(|op| format!("{} https://api.clerk.com/v1{}", op.method.as_str(), op.path)).collect();
    assert_eq!(sent, expected);
}

#[test]
fn a_429_is_retried_after_the_seconds_of_retry_after() {
    let s = script(vec![with_retry_after(429, "2"), answer(200, PROTECT)]);
    let protect = block_on(client(&s).update_instance_protect(&Default::default())).unwrap();
    assert_eq!(protect.specter_enabled, Some(false));
    assert_eq!(*s.slept.borrow(), [2000]);
    assert_eq!(s.sent.borrow().len(), 2);
}

#[test]
fn a_429_is_retried_at_the_http_date_of_retry_after() {
    let s = script(vec![with_retry_after(429, "Sun, 06 Nov 1994 08:49:40 GMT"), answer(204, "")]);
    block_on(client(&s).update_instance(&Default::default())).unwrap();
    assert_eq!(*s.slept.borrow(), [3000]);
}

#[test]
fn a_retry_after_longer_than_the_cap_ends_the_retries_and_is_reported() {
    let s = script(vec![with_retry_after(429, "60")]);
    let error = block_on(client(&s).update_instance(&Default::default())).unwrap_err();
    let Error::Api(api) = &error else { panic!("{error:?}") };
    assert_eq!((api.status, api.retry_after, api.attempts), (429, Some(60), 1));
    assert!(s.slept.borrow().is_empty());
    assert!(error.message().contains("retry after 60 s"), "{}", error.message());
}

#[test]
fn a_503_is_retried_with_exponential_backoff_and_full_jitter() {
    let s = script(vec![answer(503, ""), answer(502, ""), answer(204, "")]);
    block_on(client(&s).update_instance(&Default::default())).unwrap();
    assert_eq!(*s.slept.borrow(), [250, 500], "half of 500 ms, then half of 1000 ms");
}

#[test]
fn retries_are_bounded_by_max_attempts() {
    let s = script(vec![answer(504, ""), answer(503, ""), answer(503, "<html>busy</html>")]);
    let error = block_on(client(&s).update_instance(&Default::default())).unwrap_err();
    let Error::Api(api) = &error else { panic!("{error:?}") };
    assert_eq!((api.status, api.attempts), (503, 3));
    assert_eq!(api.body_excerpt.as_deref(), Some("<html>busy</html>"));
    assert_eq!(s.sent.borrow().len(), 3);
    assert!(error.message().contains("3 attempts"));
}

#[test]
fn network_failures_and_timeouts_are_retried_then_reported() {
    let s = script(vec![Err(Failure::Network(cause("connection reset"))), answer(200, PROTECT)]);
    block_on(client(&s).get_instance_protect(&Default::default())).unwrap();
    assert_eq!(s.sent.borrow().len(), 2);

    let s = script(vec![Err(Failure::Timeout), Err(Failure::Timeout), Err(Failure::Timeout)]);
    let error = block_on(client(&s).get_instance(&Default::default())).unwrap_err();
    assert!(matches!(error, Error::Timeout { timeout_ms: 10_000, attempts: 3, .. }), "{error:?}");
    assert_eq!(error.message(), "GET /instance got no complete response within 10000 ms (3 attempts); raise timeoutMs or check the network");

    let s = script((0..3).map(|_| Err(Failure::Network(cause("ECONNREFUSED")))).collect());
    let error = block_on(client(&s).get_instance(&Default::default())).unwrap_err();
    assert_eq!(error.message(), "Could not reach the Clerk API for GET /instance (3 attempts): ECONNREFUSED");
}

#[test]
fn other_errors_are_not_retried() {
    for status in [400, 401, 402, 403, 404, 422, 500] {
        let s = script(vec![answer(status, r#"{"errors":[{"code":"x","message":"no"}]}"#)]);
        let error = block_on(client(&s).update_instance(&Default::default())).unwrap_err();
        assert!(matches!(&error, Error::Api(api) if api.status == status && api.attempts == 1), "{error:?}");
        assert_eq!(s.sent.borrow().len(), 1, "{status}");
    }
}

#[test]
fn domain_changes_are_never_retried() {
    let failures = || vec![answer(503, ""), with_retry_after(429, "1"), Err(Failure::Network(cause("reset"))), Err(Failure::Timeout)];
    for failure in failures() {
        let s = script(vec![failure, answer(202, "")]);
        let params = ChangeProductionInstanceDomain { home_url: Some("https://new.example.com".into()), ..Default::default() };
        assert!(block_on(client(&s).change_production_instance_domain(&params)).is_err());
        assert_eq!(s.sent.borrow().len(), 1);
    }
    for failure in failures() {
        let s = script(vec![failure, answer(202, "")]);
        assert!(block_on(client(&s).update_production_instance_domain(&Default::default())).is_err());
        assert_eq!(s.sent.borrow().len(), 1);
    }
}

#[test]
fn retry_off_sends_once() {
    let s = script(vec![answer(503, "")]);
    let options = Options { retry: Retry::OFF, ..Options::new(KEY) };
    let c = Client::new(&s, options).unwrap();
    assert!(block_on(c.update_instance(&Default::default())).is_err());
    assert_eq!(s.sent.borrow().len(), 1);
}

#[test]
fn an_abort_stops_at_once_even_while_waiting() {
    let s = script(vec![Err(Failure::Aborted(cause("user left")))]);
    let error = block_on(client(&s).get_instance(&Default::default())).unwrap_err();
    assert_eq!(error.message(), "The call was aborted by its signal: user left");

    let mut s = script(vec![answer(503, ""), answer(204, "")]);
    s.abort_sleep = true;
    let error = block_on(client(&s).update_instance(&Default::default())).unwrap_err();
    assert!(matches!(error, Error::Aborted { .. }));
    assert_eq!(s.sent.borrow().len(), 1);
}

#[test]
fn accepted_and_no_content_answers_are_empty() {
    let s = script(vec![answer(202, ""), answer(204, "")]);
    block_on(client(&s).change_production_instance_domain(&Default::default())).unwrap();
    let protect = block_on(client(&s).update_instance_protect(&Default::default())).unwrap();
    assert_eq!(protect, InstanceProtect::default());
}

#[test]
fn unreadable_success_bodies_are_unexpected_responses() {
    let s = script(vec![answer(200, "<html>hello</html>")]);
    let error = block_on(client(&s).get_instance(&Default::default())).unwrap_err();
    assert_eq!(
        error.message(),
        "Clerk API answered 200 to GET /instance with a body this client cannot read (not JSON: expected a JSON value at byte 0): \"<html>hello</html>\""
    );
    let s = script(vec![Ok(HttpResponse { status: 200, body: "{".into(), truncated: true, ..Default::default() })]);
    let error = block_on(client(&s).get_instance(&Default::default())).unwrap_err();
    assert!(error.message().contains("larger than 1 MiB"));
}

#[test]
fn invalid_params_are_refused_before_sending() {
    let s = script(vec![]);
    let params = UpdateInstanceCommunication { blocked_country_codes: Patch::Value(vec!["usa".into()]) };
    let error = block_on(client(&s).update_instance_communication(&params)).unwrap_err();
    assert_eq!(
        error.message(),
        "UpdateInstanceCommunication was not sent: `blocked_country_codes[0]` must be an ISO 3166-1 alpha-2 country code in capitals, like \"US\"; got \"usa\""
    );
    assert!(s.sent.borrow().is_empty());
}

#[test]
fn options_are_checked() {
    let s = Script::default();
    let problems = |options: Options| match Client::new(&s, options) {
        Err(Error::InvalidOptions { problems }) => problems.into_iter().map(|p| p.message).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(problems(Options::new("")), ["`secret_key` is missing; pass the secret key from the Clerk Dashboard (API keys)"]);
    assert_eq!(
        problems(Options::new("sk_test_abc\n")),
        ["`secret_key` contains whitespace, a control character or a character an HTTP header cannot carry; copy the key again from the Clerk Dashboard"]
    );
    let http = Options { api_url: "http://api.example.com".into(), ..Options::new(KEY) };
    assert_eq!(
        problems(http),
        ["`api_url` must use https; got \"http://api.example.com\"; use https://api.clerk.com, or http:// only for a loopback host such as 127.0.0.1"]
    );
    let emoji = problems(Options::new("sk_test_\u{200b}abc"));
    assert!(emoji[0].contains("cannot carry"), "a zero-width space cannot go in a header");
    let credentials = Options { api_url: "https://user:hunter2@api.example.com".into(), ..Options::new(KEY) };
    assert!(!problems(credentials)[0].contains("hunter2"), "credentials are not echoed");
    let bad = Options {
        api_version: "v1".into(),
        user_agent: "me\r\nX-Evil: 1".into(),
        timeout_ms: 0,
        retry: Retry { max_attempts: 0, ..Retry::default() },
        ..Options::new(KEY)
    };
    let found = problems(bad);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].starts_with("`api_version` must be a date like \"2026-05-12\""));
    assert!(found[1].starts_with("`user_agent` must be non-empty printable ASCII"));
    assert!(found[2].starts_with("`timeout_ms` must be"));
    assert!(found[3].starts_with("`retry.max_attempts` must be"));

    for ok in ["http://127.0.0.1:8787", "http://localhost:3000/", "http://[::1]:9000", "https://proxy.example.com/clerk/"] {
        let c = Client::new(&s, Options { api_url: ok.into(), ..Options::new(KEY) }).unwrap();
        assert!(!c.options().api_url.ends_with('/'), "the trailing slash is dropped");
    }
}

#[test]
fn the_secret_key_is_in_no_debug_output_or_message() {
    let s = script(vec![answer(401, r#"{"errors":[{"code":"authentication_invalid","message":"invalid key"}]}"#)]);
    let c = client(&s);
    let request = c.prepare(&UpdateInstance { hibp: true.into(), ..Default::default() }).unwrap();
    assert!(request.headers.iter().any(|(_, v)| v.contains(KEY)), "the real request carries the key");
    let error = block_on(c.update_instance(&Default::default())).unwrap_err();
    for shown in [format!("{request:?}"), format!("{c:?}"), format!("{:?}", c.options()), format!("{error:?}"), error.message()] {
        assert!(!shown.contains(KEY) && !shown.contains("SECRETKEY"), "{shown}");
    }
    assert!(format!("{request:?}").contains("Bearer [redacted]"));
}

#[test]
fn only_real_loopback_hosts_may_use_http() {
    let s = Script::default();
    for ok in ["http://127.0.0.1", "http://127.1.2.3:8080", "http://localhost:3000", "http://LOCALHOST", "http://app.localhost", "http://[::1]:9000"] {
        assert!(Client::new(&s, Options { api_url: ok.into(), ..Options::new(KEY) }).is_ok(), "{ok}");
    }
    for bad in [
        "http://127.0.0.1.nip.io",
        "http://127.attacker.example",
        "http://127.0.0.1.attacker.example:8080",
        "http://127.0.0.256",
        "http://127.0.0",
        "http://localhost.example.com",
        "http://localhost.",
    ] {
        assert!(Client::new(&s, Options { api_url: bad.into(), ..Options::new(KEY) }).is_err(), "{bad} is not loopback");
    }
}

#[test]
fn a_key_the_server_echoes_is_redacted_from_the_error() {
    let echo = format!(
        r#"{{"errors":[{{"code":"authentication_invalid","message":"{KEY} is invalid","long_message":"key {KEY}","meta":{{"key":"{KEY}","{KEY}":1}}}}],"clerk_trace_id":"{KEY}"}}"#
    );
    let html = format!("<html>{}{KEY}</html>", "x".repeat(190));
    let cases = [answer(401, &echo), answer(502, &html), answer(200, &html), Ok(HttpResponse { status: 500, cf_ray: Some(KEY.into()), ..Default::default() })];
    for case in cases {
        let s = script(vec![case]);
        let c = Client::new(&s, Options { retry: Retry::OFF, ..Options::new(KEY) }).unwrap();
        let error = block_on(c.get_instance(&GetInstance {})).unwrap_err();
        let shown = format!("{error:?} {}", error.message());
        assert!(!shown.contains("SECRETKEY") && !shown.contains("sk_test_SECRETKEYFORT"), "{shown}");
        // Redacted before the body is cut: an excerpt may end inside "[redacted]", never inside the key.
        assert!(shown.contains("[red"), "{shown}");
    }
}

#[test]
fn a_key_passed_where_another_option_belongs_is_not_quoted() {
    let s = Script::default();
    let options = Options { api_url: KEY.into(), api_version: "sk_live_elsewhere".into(), ..Options::new(KEY) };
    let Err(error) = Client::new(&s, options) else { panic!("refused") };
    let shown = format!("{error:?}");
    assert!(!shown.contains("SECRETKEY") && !shown.contains("sk_live_elsewhere"), "{shown}");
    assert!(shown.contains("looks like a secret key (not shown)"), "{shown}");
}
