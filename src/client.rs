//! The client: options, the request of each call, and the retry loop over a [`Transport`].
//! The loop is plain Rust, so it is tested natively with a scripted transport; on wasm the
//! transport is the host's `fetch`.

use crate::prelude::*;

use crate::model::validate::{split_at_scheme, validate, Spelling};
use crate::model::{Entry, FromResource, Operation, Params, Patch, Problem, Value};
use crate::wire::error::{Cause, Error};
use crate::wire::json::push_quoted_excerpt;
use crate::wire::request::{encode_body, HttpRequest, AUTHORIZATION};
use crate::wire::response::{excerpt, read_api_error, read_resource};
use crate::wire::retry::{retry_after_ms, retryable_status, Retry};
use crate::wire::text::{digits, is, redact};

/// The API version this crate is written against, sent as `Clerk-API-Version`.
pub const API_VERSION: &str = "2026-05-12";

/// The default `User-Agent`.
pub const USER_AGENT: &str = concat!("clerk-instance-edge@", env!("CARGO_PKG_VERSION"));

/// The default API URL; `/v1` and the operation's path are appended.
pub const API_URL: &str = "https://api.clerk.com";

/// Bodies longer than this many bytes are not read further.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// How a client talks to the API. Its `Debug` output hides the secret key.
#[derive(Clone, PartialEq, Eq)]
pub struct Options {
    /// The instance's secret key (`sk_live_...`).
    pub secret_key: String,
    /// The API's base URL, without `/v1`. `https`, or `http` for loopback hosts only.
    pub api_url: String,
    /// Sent as `Clerk-API-Version`: a date like `2026-05-12`.
    pub api_version: String,
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// The timeout of each attempt, response body included.
    pub timeout_ms: u32,
    /// The retry policy.
    pub retry: Retry,
}

impl Options {
    /// The defaults, with this secret key.
    pub fn new(secret_key: impl Into<String>) -> Options {
        Options {
            secret_key: secret_key.into(),
            api_url: API_URL.into(),
            api_version: API_VERSION.into(),
            user_agent: USER_AGENT.into(),
            timeout_ms: 10_000,
            retry: Retry::default(),
        }
    }

    /// Every problem with these options, named in the caller's spelling.
    pub fn problems(&self, spelling: Spelling) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut fail = |wire: &str, rest: &str| problems.push(Problem::new(spelling.name(wire), rest));

        if self.secret_key.is_empty() {
            fail("secret_key", "is missing; pass the secret key from the Clerk Dashboard (API keys)");
        } else if !self.secret_key.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
            fail(
                "secret_key",
                "contains whitespace, a control character or a character an HTTP header cannot carry; copy the key again from the Clerk Dashboard",
            );
        }
        if let Some(rest) = api_url_problem(&self.api_url) {
            fail("api_url", &rest);
        }
        if !is_api_version(&self.api_version) {
            let mut rest = String::from("must be a date like \"2026-05-12\"; got ");
            push_quoted_excerpt(&mut rest, &self.api_version);
            fail("api_version", &rest);
        }
        if self.user_agent.is_empty() || !self.user_agent.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            fail("user_agent", "must be non-empty printable ASCII with no line breaks or control characters");
        }
        if !(1..=MAX_TIMER_MS).contains(&self.timeout_ms) {
            fail("timeout_ms", "must be a whole number of milliseconds from 1 to 2147483647");
        }
        if !(1..=10).contains(&self.retry.max_attempts) {
            fail("retry.max_attempts", "must be a whole number from 1 to 10 (1 turns retries off)");
        }
        if self.retry.max_delay_ms > MAX_TIMER_MS || self.retry.base_delay_ms > MAX_TIMER_MS {
            fail("retry.max_delay_ms", "must be a whole number of milliseconds from 0 to 2147483647");
        }
        problems
    }
}

/// The longest delay `setTimeout` accepts.
const MAX_TIMER_MS: u32 = i32::MAX as u32;

fn is_api_version(version: &str) -> bool {
    let b = version.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// Whether a host is a loopback address: `localhost` and its subdomains (reserved for loopback
/// by RFC 6761), `[::1]`, or an IPv4 literal in 127.0.0.0/8. Names that merely start with `127.`
/// (`127.0.0.1.example.com`) are not.
fn is_loopback(host: &str) -> bool {
    let mut octets = host.split(is('.'));
    let ipv4_loopback = octets.next() == Some("127")
        && octets.by_ref().take(3).filter(|o| o.len() <= 3 && digits(o).is_some_and(|n| n <= 255)).count() == 3
        && octets.next().is_none();
    let lower = host.to_ascii_lowercase();
    lower == "localhost" || lower.ends_with(".localhost") || host == "[::1]" || ipv4_loopback
}

fn api_url_problem(url: &str) -> Option<String> {
    let fix = "; use https://api.clerk.com, or http:// only for a loopback host such as 127.0.0.1";
    let (scheme, rest) = split_at_scheme(url).unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let colon = authority.bytes().rposition(|b| b == b':').unwrap_or(authority.len());
    let (host, port) = (authority.get(..colon).unwrap_or_default(), authority.get(colon + 1..).unwrap_or_default());
    let host = if port.bytes().all(|b| b.is_ascii_digit()) && !host.ends_with(':') { host } else { authority };
    let mut rest_of_message = String::new();
    let has_credentials = authority.bytes().any(|b| b == b'@');
    if has_credentials {
        rest_of_message.push_str("must not contain credentials");
    } else if url.contains(|c: char| c.is_whitespace() || c.is_control()) || rest.bytes().any(|b| b == b'?' || b == b'#') {
        rest_of_message.push_str("must be a plain URL with no spaces, query or fragment");
    } else if host.is_empty() {
        rest_of_message.push_str("must be an absolute URL");
    } else if scheme.eq_ignore_ascii_case("https") || (scheme.eq_ignore_ascii_case("http") && is_loopback(host)) {
        return None;
    } else {
        rest_of_message.push_str("must use https");
    }
    if !has_credentials {
        rest_of_message.push_str("; got ");
        push_quoted_excerpt(&mut rest_of_message, url);
    }
    rest_of_message.push_str(fix);
    Some(rest_of_message)
}

impl core::fmt::Debug for Options {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Options")
            .field("secret_key", &"[redacted]")
            .field("api_url", &self.api_url)
            .field("api_version", &self.api_version)
            .field("user_agent", &self.user_agent)
            .field("timeout_ms", &self.timeout_ms)
            .field("retry", &self.retry)
            .finish()
    }
}

/// What came back from one attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body as text, at most [`MAX_BODY_BYTES`].
    pub body: String,
    /// True when the body was longer than [`MAX_BODY_BYTES`] and was cut.
    pub truncated: bool,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The `cf-ray` header.
    pub cf_ray: Option<String>,
}

/// Why an attempt got no response.
#[derive(Clone, Debug)]
pub enum Failure {
    /// Connection refused or dropped, DNS, TLS.
    Network(Cause),
    /// No complete response within the attempt's timeout.
    Timeout,
    /// The caller's signal fired.
    Aborted(Cause),
}

/// Sends requests and waits. On wasm this is the host's `fetch` and `setTimeout`; tests use a
/// scripted one.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// What lets a caller cancel a call (an `AbortSignal` on wasm).
    type Signal: Default;
    /// Sends one attempt, giving up after `timeout_ms`.
    async fn fetch(&self, request: &HttpRequest, timeout_ms: u32, signal: &Self::Signal) -> Result<HttpResponse, Failure>;
    /// Waits `ms` milliseconds; fails only when the signal fires.
    async fn sleep(&self, ms: u32, signal: &Self::Signal) -> Result<(), Failure>;
    /// The current Unix time in milliseconds (for `Retry-After` dates).
    fn now_ms(&self) -> f64;
    /// A uniform random number in `[0, 1)` (for backoff jitter).
    fn random(&self) -> f64;
}

/// A client for the instance operations, over a [`Transport`].
pub struct Client<T> {
    transport: T,
    options: Options,
}

impl<T> core::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Client").field("options", &self.options).finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client with these options; fails when they are invalid.
    pub fn new(transport: T, options: Options) -> Result<Self, Error> {
        let problems = options.problems(Spelling::Wire);
        Self::checked(transport, options, problems)
    }

    pub(crate) fn checked(transport: T, mut options: Options, problems: Vec<Problem>) -> Result<Self, Error> {
        if !problems.is_empty() {
            // The key may have been passed where another option belongs, and quoted there.
            let mut error = Error::InvalidOptions { problems };
            error.redact(&options.secret_key);
            return Err(error);
        }
        while options.api_url.ends_with('/') {
            options.api_url.pop();
        }
        Ok(Client { transport, options })
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The transport in use.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The exact request a call would send, without sending it: for logging, review or queueing.
    pub fn prepare<P: Params>(&self, params: &P) -> Result<HttpRequest, Error> {
        let entries = params.entries();
        let problems = validate(P::OPERATION, &entries, Spelling::Wire);
        if !problems.is_empty() {
            return Err(Error::InvalidParams { operation: P::OPERATION.id.into(), problems });
        }
        Ok(self.request(P::OPERATION, &entries))
    }

    /// Sends a call and reads its answer.
    pub async fn send<P: Params>(&self, params: &P) -> Result<P::Response, Error> {
        self.send_with_signal(params, &T::Signal::default()).await
    }

    /// Sends a call that the signal can cancel.
    pub async fn send_with_signal<P: Params>(&self, params: &P, signal: &T::Signal) -> Result<P::Response, Error> {
        let request = self.prepare(params)?;
        let fields = self.execute(P::OPERATION, request, signal).await?;
        Ok(P::Response::from_fields(fields.unwrap_or_default()))
    }

    /// The request for entries that passed [`validate`](crate::validate).
    pub fn request(&self, operation: &Operation, entries: &[Entry]) -> HttpRequest {
        let body = encode_body(operation, entries);
        let mut url = String::with_capacity(self.options.api_url.len() + 3 + operation.path.len());
        url.push_str(&self.options.api_url);
        url.push_str("/v1");
        url.push_str(operation.path);
        let mut authorization = String::from("Bearer ");
        authorization.push_str(&self.options.secret_key);
        let mut headers = vec![
            (AUTHORIZATION, authorization),
            ("Clerk-API-Version", self.options.api_version.clone()),
            ("User-Agent", self.options.user_agent.clone()),
        ];
        if body.is_some() {
            headers.push(("Content-Type", "application/json".into()));
        }
        HttpRequest { method: operation.method, url, headers, body }
    }

    /// The retry loop of one call, for a host that sends and waits itself (see [`Call`]).
    pub fn call(&self, operation: &'static Operation, request: HttpRequest) -> Call {
        let retry = if operation.retry { self.options.retry } else { Retry::OFF };
        let secret = self.options.secret_key.clone();
        Call { operation, request, retry, timeout_ms: self.options.timeout_ms, attempt: 0, secret }
    }

    /// Sends the request with retries, and reads the resource of a success: `None` when the
    /// operation answers with no body.
    pub(crate) async fn execute(
        &self,
        operation: &'static Operation,
        request: HttpRequest,
        signal: &T::Signal,
    ) -> Result<Option<Vec<Patch<Value>>>, Error> {
        let mut call = self.call(operation, request);
        loop {
            let outcome = self.transport.fetch(&call.request, call.timeout_ms, signal).await;
            match call.after(outcome, self.transport.now_ms(), self.transport.random()) {
                Next::Done(result) => return result,
                Next::Wait(ms) => {
                    if let Err(Failure::Aborted(cause)) = self.transport.sleep(ms, signal).await {
                        return Err(Error::Aborted { cause });
                    }
                }
            }
        }
    }
}

/// What to do after an attempt.
#[derive(Debug)]
pub enum Next {
    /// Wait this many milliseconds, then send the request again.
    Wait(u32),
    /// The call is over: the resource of a success (`None` for an empty answer), or the error.
    Done(Result<Option<Vec<Patch<Value>>>, Error>),
}

/// One call's retry loop without I/O: whoever sends the request (the async [`Client`], or the
/// JS loop in `host.js`) reports each attempt's outcome to [`Call::after`] and is told what next.
#[derive(Debug)]
pub struct Call {
    operation: &'static Operation,
    /// The request to send on each attempt.
    pub request: HttpRequest,
    retry: Retry,
    /// The timeout of each attempt.
    pub timeout_ms: u32,
    attempt: u32,
    /// Removed from anything an error keeps, should the server echo it.
    secret: String,
}

impl Call {
    /// The operation being called.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    fn label(&self) -> String {
        let mut label = String::from(self.operation.method.as_str());
        label.push(' ');
        label.push_str(self.operation.path);
        label
    }

    /// The next step after an attempt's outcome. `now_ms` (Unix time) reads `Retry-After` dates;
    /// `random` in `[0, 1)` jitters the backoff. An error never holds the secret key, even when
    /// the server sent it back.
    pub fn after(&mut self, outcome: Result<HttpResponse, Failure>, now_ms: f64, random: f64) -> Next {
        match self.step(outcome, now_ms, random) {
            Next::Done(Err(mut error)) => {
                error.redact(&self.secret);
                Next::Done(Err(error))
            }
            next => next,
        }
    }

    fn step(&mut self, outcome: Result<HttpResponse, Failure>, now_ms: f64, random: f64) -> Next {
        self.attempt += 1;
        let attempt = self.attempt;
        let retry = self.retry;
        let last = attempt >= retry.max_attempts;
        let done = |result| Next::Done(result);
        let response = match outcome {
            Ok(response) if (200..300).contains(&response.status) => {
                return done(read_success(self.operation, response, self.label(), &self.secret));
            }
            // Redacted before anything is cut from it, so that no part of the key survives.
            Ok(mut response) => {
                redact(&mut response.body, &self.secret);
                response.cf_ray.iter_mut().for_each(|ray| redact(ray, &self.secret));
                response
            }
            Err(Failure::Aborted(cause)) => return done(Err(Error::Aborted { cause })),
            Err(Failure::Network(cause)) if last => {
                return done(Err(Error::Network { request: self.label(), cause, attempts: attempt }));
            }
            Err(Failure::Timeout) if last => {
                let timeout_ms = self.timeout_ms;
                return done(Err(Error::Timeout { request: self.label(), timeout_ms, attempts: attempt }));
            }
            Err(_) => return Next::Wait(retry.backoff_ms(attempt, random)),
        };
        let wait_ms = response.retry_after.as_deref().and_then(|v| retry_after_ms(v, now_ms));
        let mut error = read_api_error(
            self.label(),
            response.status,
            &response.body,
            response.cf_ray.as_deref(),
            wait_ms.map(|ms| ms.div_ceil(1000)),
        );
        error.attempts = attempt;
        let too_long = wait_ms.is_some_and(|ms| ms > u64::from(retry.max_delay_ms));
        if last || !retryable_status(response.status) || too_long {
            return done(Err(Error::Api(error)));
        }
        Next::Wait(match wait_ms {
            Some(ms) => ms as u32,
            None => retry.backoff_ms(attempt, random),
        })
    }
}

fn read_success(
    operation: &Operation,
    response: HttpResponse,
    request: String,
    secret: &str,
) -> Result<Option<Vec<Patch<Value>>>, Error> {
    let Some(resource) = operation.resource else { return Ok(None) };
    if response.status == 202 || response.status == 204 {
        return Ok(None);
    }
    let unexpected = |reason: String| {
        let mut body = response.body.clone();
        redact(&mut body, secret);
        Error::UnexpectedResponse { request: request.clone(), status: response.status, reason, excerpt: excerpt(&body) }
    };
    if response.truncated {
        return Err(unexpected("the body is larger than 1 MiB".into()));
    }
    read_resource(resource, &response.body).map(Some).map_err(unexpected)
}
