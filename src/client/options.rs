//! How a client talks to the API: its options, their rules, and the request of each call.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::call::Call;
use crate::model::{Entry, Operation, Problem, Spelling};
use crate::text::{find_byte, has_space, is_letters_any_case, push_quoted, split_url};
use crate::wire::{encode_body, HttpRequest, Retry, AUTHORIZATION};

/// The API version this crate is written against, sent as `Clerk-API-Version`.
pub const API_VERSION: &str = "2026-05-12";

/// The default `User-Agent`.
pub const USER_AGENT: &str = concat!("clerk-instance-edge@", env!("CARGO_PKG_VERSION"));

/// The default API URL; `/v1` and the operation's path are appended.
pub const API_URL: &str = "https://api.clerk.com";

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
        let mut refuse = |wire: &str, rest: &str| problems.push(Problem::new(spelling.name(wire), rest));

        // Here and in the params' rules, slice iterators and `matches!` patterns: the closures
        // of `str::bytes()`, `RangeInclusive::contains` and `Option`'s `==` stayed calls into
        // core (0.3 KB gzip less wasm in all).
        if self.secret_key.is_empty() {
            refuse("secret_key", "is missing; pass the secret key from the Clerk Dashboard (API keys)");
        } else if !self.secret_key.as_bytes().iter().all(|b| matches!(b, b'!'..=b'~')) {
            refuse(
                "secret_key",
                "contains whitespace, a control character or a character an HTTP header cannot carry; copy the key again from the Clerk Dashboard",
            );
        }
        if let Some(rest) = api_url_problem(&self.api_url) {
            refuse("api_url", &rest);
        }
        if !is_api_version(&self.api_version) {
            let mut rest = String::from("must be a date like \"2026-05-12\"; got ");
            push_quoted(&mut rest, &self.api_version);
            refuse("api_version", &rest);
        }
        if self.user_agent.is_empty() || !self.user_agent.as_bytes().iter().all(|b| matches!(b, b' '..=b'~')) {
            refuse("user_agent", "must be non-empty printable ASCII with no line breaks or control characters");
        }
        if !matches!(self.timeout_ms, 1..=MAX_TIMER_MS) {
            refuse("timeout_ms", "must be a whole number of milliseconds from 1 to 2147483647");
        }
        if !matches!(self.retry.max_attempts, 1..=10) {
            refuse("retry.max_attempts", "must be a whole number from 1 to 10 (1 turns retries off)");
        }
        if self.retry.max_delay_ms > MAX_TIMER_MS || self.retry.base_delay_ms > MAX_TIMER_MS {
            refuse("retry.max_delay_ms", "must be a whole number of milliseconds from 0 to 2147483647");
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
    let b = host.as_bytes();
    let localhost = b.len().checked_sub(9).is_some_and(|i| {
        host.get(i..).is_some_and(|end| is_letters_any_case(end, "localhost")) && (i == 0 || matches!(b.get(i - 1), Some(b'.')))
    });
    // Four dotted octets of one to three digits, each at most 255, the first 127: one pass over
    // the bytes rather than an iterator of pieces.
    let (mut ipv4, mut dots, mut digits, mut value) = (host.starts_with("127."), 0, 0, 0u32);
    for &c in b {
        if c == b'.' {
            ipv4 &= digits > 0;
            (dots, digits, value) = (dots + 1, 0, 0);
        } else {
            (digits, value) = (digits + 1, value.wrapping_mul(10).wrapping_add(u32::from(c.wrapping_sub(b'0'))));
            ipv4 &= c.is_ascii_digit() && digits <= 3 && value <= 255;
        }
    }
    localhost || host == "[::1]" || (ipv4 && dots == 3 && digits > 0)
}

fn api_url_problem(url: &str) -> Option<String> {
    let (scheme, authority, rest) = split_url(url);
    let scheme = scheme.unwrap_or_default();
    let colon = authority.as_bytes().iter().rposition(|b| *b == b':').unwrap_or(authority.len());
    let (host, port) = (authority.get(..colon).unwrap_or_default(), authority.get(colon + 1..).unwrap_or_default());
    let host = if port.as_bytes().iter().all(u8::is_ascii_digit) && !host.ends_with(':') { host } else { authority };
    let has_credentials = find_byte(authority, b'@').is_some();
    let rule = if has_credentials {
        "must not contain credentials"
    } else if has_space(url, true) || rest.as_bytes().iter().any(|b| matches!(b, b'?' | b'#')) {
        "must be a plain URL with no spaces, query or fragment"
    } else if host.is_empty() {
        "must be an absolute URL"
    } else if is_letters_any_case(scheme, "https") || (is_letters_any_case(scheme, "http") && is_loopback(host)) {
        return None;
    } else {
        "must use https"
    };
    let mut out = String::from(rule);
    if !has_credentials {
        out.push_str("; got ");
        push_quoted(&mut out, url);
    }
    out.push_str("; use https://api.clerk.com, or http:// only for a loopback host such as 127.0.0.1");
    Some(out)
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

impl Options {
    /// The exact request for entries that passed [`validate`](crate::model::validate).
    pub fn request(&self, operation: &Operation, entries: &[Entry]) -> HttpRequest {
        let body = encode_body(operation, entries);
        HttpRequest { method: operation.method, url: self.url(operation), headers: self.headers(body.is_some()), body }
    }

    /// The URL of an operation: the API URL, `/v1` and the operation's path.
    pub fn url(&self, operation: &Operation) -> String {
        // A byte loop rather than `trim_end_matches('/')`, which decodes characters from the end
        // (33 B gzip less wasm).
        let mut end = self.api_url.len();
        while end > 0 && matches!(self.api_url.as_bytes().get(end - 1), Some(b'/')) {
            end -= 1;
        }
        let mut url = String::from(self.api_url.get(..end).unwrap_or_default());
        url.push_str("/v1");
        url.push_str(operation.path);
        url
    }

    /// The headers of every request of this client, with or without a body: the same for every
    /// operation.
    pub fn headers(&self, with_body: bool) -> Vec<(&'static str, String)> {
        let mut authorization = String::from("Bearer ");
        authorization.push_str(&self.secret_key);
        // Built whole and cut: a `push` brought the vector's growth path for this element type
        // (30 B gzip less wasm).
        let mut headers = vec![
            (AUTHORIZATION, authorization),
            ("Clerk-API-Version", self.api_version.clone()),
            ("User-Agent", self.user_agent.clone()),
            ("Content-Type", "application/json".into()),
        ];
        if !with_body {
            headers.truncate(3);
        }
        headers
    }

    /// The retry loop of one call (see [`Call`]): no retries for operations that must not be
    /// repeated.
    pub fn call(&self, operation: &'static Operation, request: HttpRequest) -> Call {
        let retry = if operation.retry { self.retry } else { Retry::OFF };
        Call::new(operation, request, retry, self.timeout_ms, self.secret_key.clone())
    }
}
