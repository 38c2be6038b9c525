//! The one error type. Every message names the problem and the fix. What an error keeps from
//! outside (a server's texts, a host's failure, a caller's keys and values) passes through
//! [`Error::redact`], which removes the secret key wherever it appears and then cuts each text
//! to a bounded excerpt, so that no message holds the key or grows with its input.

use alloc::string::String;
use alloc::vec::Vec;

use super::json::Json;
use crate::model::Problem;
use crate::text::{cut, find, push_quoted, push_u64, redact, shortened, split_each, NAME_CHARS};

/// Why a call failed.
#[derive(Debug)]
pub enum Error {
    /// The params were refused before anything was sent.
    InvalidParams {
        /// The operation as the caller named it (`UpdateInstance`, `instances.update`).
        operation: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The client options were refused.
    InvalidOptions {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The API answered with a status other than 2xx.
    Api(ApiError),
    /// The request did not get a response: connection refused or dropped, DNS, TLS.
    Network {
        /// The operation (`PATCH /instance`).
        request: String,
        /// What the host reported.
        cause: Cause,
        /// How many attempts were made.
        attempts: u32,
    },
    /// No complete response arrived within the timeout of the last attempt.
    Timeout {
        /// The operation (`PATCH /instance`).
        request: String,
        /// The timeout of each attempt.
        timeout_ms: u32,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The caller's signal cancelled the call.
    Aborted {
        /// What the host reported (the signal's reason).
        cause: Cause,
    },
    /// The API answered 2xx with a body this client cannot read, or (with status 0) the host's
    /// fetch answered something that is not a response.
    UnexpectedResponse {
        /// The operation (`GET /instance`).
        request: String,
        /// The HTTP status; 0 when the host's answer had none.
        status: u16,
        /// What is wrong with the body.
        reason: String,
        /// The start of the body.
        excerpt: String,
    },
}

/// The underlying failure reported by the host: its message, and on wasm the original JS value.
#[derive(Clone, Debug)]
pub struct Cause {
    /// The failure's message.
    pub message: String,
    /// The JS value the host threw (an `Error`, an abort reason), with `HostFetch` on wasm32.
    #[cfg(all(target_arch = "wasm32", feature = "fetch"))]
    pub js: wasm_bindgen::JsValue,
}

/// A non-2xx answer of the API, with the fields of Clerk's error body. Serialized (feature
/// `serde`) with the JS API's camelCase names.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ApiError {
    /// The operation (`PATCH /instance`).
    pub request: String,
    /// The HTTP status.
    pub status: u16,
    /// The errors of the body; empty when the body is not Clerk's error format.
    pub errors: Vec<ClerkError>,
    /// `clerk_trace_id` of the body, else the `cf-ray` header.
    pub clerk_trace_id: Option<String>,
    /// The `Retry-After` header, in seconds.
    pub retry_after: Option<u64>,
    /// The start of the body when it is not Clerk's error format (an HTML page from a proxy).
    pub body_excerpt: Option<String>,
    /// How many attempts were made.
    pub attempts: u32,
}

/// One entry of a Clerk error body's `errors` array.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ClerkError {
    /// A machine-readable code (`form_param_format_invalid`).
    pub code: String,
    /// A short message.
    pub message: String,
    /// A longer message, when the API gives one.
    pub long_message: Option<String>,
    /// Extra data (`param_name`...), when the API gives it.
    pub meta: Option<Json>,
}

/// Errors of one answer that a message lists; the rest are counted.
const MAX_ERRORS_SHOWN: u32 = 5;

/// Problems that a message lists; the rest are counted (all stay in `problems`).
const MAX_PROBLEMS_SHOWN: usize = 20;

/// Characters kept of each text a server sent (messages, codes, meta strings).
pub const SERVER_TEXT_CHARS: usize = 500;

/// Items kept of each array or object in an error's `meta`.
const META_ITEMS: usize = 50;

/// Appends `n` and `one`, with an `s` unless `n` is 1.
fn push_count(out: &mut String, n: u32, one: &str) {
    push_u64(out, n.into());
    out.push(' ');
    out.push_str(one);
    if n != 1 {
        out.push('s');
    }
}

/// ` Bad Request` for 400, empty for a status without a phrase here. Two byte strings, not a
/// `match` (a jump table and two constants per arm): 17 B gzip of wasm less.
fn reason_phrase(status: u16) -> &'static str {
    // Each status less 400, and its phrase in the same place of the list after it.
    const STATUSES: &[u8] = &[0, 1, 2, 3, 4, 9, 22, 29, 100, 102, 103, 104];
    const PHRASES: &str = " Bad Request| Unauthorized| Payment Required| Forbidden| Not Found| Conflict| Unprocessable Entity| Too Many Requests| Internal Server Error| Bad Gateway| Service Unavailable| Gateway Timeout";
    let at = STATUSES.iter().position(|&s| u16::from(s) + 400 == status);
    at.and_then(|i| split_each(PHRASES, b'|').nth(i)).unwrap_or_default()
}

impl ApiError {
    /// A readable summary: status, request, the API's messages, trace ID and wait.
    pub fn message(&self) -> String {
        let mut out = String::new();
        self.push_message(&mut out);
        out
    }

    /// Appends [`ApiError::message`] (`Error::message` writes it where it builds its own).
    fn push_message(&self, out: &mut String) {
        out.push_str("Clerk API answered ");
        push_u64(out, self.status.into());
        out.push_str(reason_phrase(self.status));
        out.push_str(" to ");
        out.push_str(&self.request);
        if self.errors.is_empty() {
            match &self.body_excerpt {
                Some(excerpt) if !excerpt.is_empty() => {
                    out.push_str(" with a body that is not a Clerk error: ");
                    push_quoted(out, excerpt);
                }
                _ => out.push_str(" with an empty body"),
            }
        }
        // Every error with a text counts; the first MAX_ERRORS_SHOWN are listed.
        let mut listed = 0;
        for error in &self.errors {
            let text = match &error.long_message {
                Some(long) if !long.is_empty() => long,
                _ => &error.message,
            };
            if text.is_empty() && error.code.is_empty() {
                continue;
            }
            listed += 1;
            if listed > MAX_ERRORS_SHOWN {
                continue;
            }
            out.push_str(if listed == 1 { ": " } else { "; " });
            if text.is_empty() {
                out.push_str(&error.code);
            } else {
                out.push_str(text);
                if !error.code.is_empty() {
                    out.push_str(" (");
                    out.push_str(&error.code);
                    out.push(')');
                }
            }
        }
        if listed > MAX_ERRORS_SHOWN {
            out.push_str("; and ");
            push_count(out, listed - MAX_ERRORS_SHOWN, "more error");
        }
        if let Some(seconds) = self.retry_after {
            out.push_str("; retry after ");
            push_u64(out, seconds);
            out.push_str(" s");
        }
        if self.attempts > 1 {
            out.push_str("; ");
            push_count(out, self.attempts, "attempt");
        }
        if let Some(trace) = &self.clerk_trace_id {
            out.push_str(" [trace ");
            out.push_str(trace);
            out.push(']');
        }
    }
}

/// Appends the problems of params or options to a message's start: one line, or one line per
/// problem.
fn push_problems(out: &mut String, problems: &[Problem]) {
    out.push_str(": ");
    if let [only] = problems {
        out.push_str(&only.message);
        return;
    }
    push_u64(out, problems.len() as u64);
    out.push_str(" problems:");
    for problem in problems.get(..MAX_PROBLEMS_SHOWN).unwrap_or(problems) {
        out.push_str("\n- ");
        out.push_str(&problem.message);
    }
    if problems.len() > MAX_PROBLEMS_SHOWN {
        out.push_str("\n- and ");
        push_u64(out, (problems.len() - MAX_PROBLEMS_SHOWN) as u64);
        out.push_str(" more (see `problems`)");
    }
}

impl Error {
    /// The HTTP status a Worker (or any proxy) in front of the API should answer with: 400 for
    /// params refused (nothing was sent), 500 for options refused (the proxy's configuration), the
    /// API's own status for what the caller can act on (400, 402, 404, 409, 422, 429), 502 for
    /// the API refusing the key (401, 403), failing (5xx) or answering what this client cannot
    /// read, 504 when it could not be reached in time, 503 for a call cancelled by its signal.
    pub fn status(&self) -> u16 {
        match self {
            Error::InvalidParams { .. } => 400,
            Error::InvalidOptions { .. } => 500,
            Error::Api(api) if (400..500).contains(&api.status) && !matches!(api.status, 401 | 403) => api.status,
            Error::Api(_) | Error::UnexpectedResponse { .. } => 502,
            Error::Network { .. } | Error::Timeout { .. } => 504,
            Error::Aborted { .. } => 503,
        }
    }

    /// A readable message that names the problem and the fix.
    pub fn message(&self) -> String {
        // One `out` for every arm, each pushing its pieces.
        let mut out = String::new();
        match self {
            Error::InvalidParams { operation, problems } => {
                out.push_str(operation.as_str());
                out.push_str(" was not sent");
                push_problems(&mut out, problems);
            }
            Error::InvalidOptions { problems } => {
                out.push_str("Invalid client options");
                push_problems(&mut out, problems);
            }
            Error::Api(api) => api.push_message(&mut out),
            Error::Network { request, cause, attempts } => {
                out.push_str("Could not reach the Clerk API for ");
                out.push_str(request);
                out.push_str(" (");
                push_count(&mut out, *attempts, "attempt");
                out.push_str("): ");
                out.push_str(&cause.message);
                // workerd's answer to a fetch called with a foreign `this`.
                if find(&cause.message, "Illegal invocation").is_some() {
                    out.push_str(" (pass fetch bound to its object, or the binding itself)");
                }
            }
            Error::Timeout { request, timeout_ms, attempts } => {
                out.push_str(request.as_str());
                out.push_str(" got no complete response within ");
                push_u64(&mut out, (*timeout_ms).into());
                out.push_str(" ms (");
                push_count(&mut out, *attempts, "attempt");
                out.push_str("); raise timeoutMs or check the network");
            }
            Error::Aborted { cause } => {
                out.push_str("The call was aborted by its signal");
                if !cause.message.is_empty() {
                    out.push_str(": ");
                    out.push_str(&cause.message);
                }
            }
            // No status: what the host's fetch answered is not a response at all.
            Error::UnexpectedResponse { request, status: 0, reason, .. } => {
                out.push_str("The fetch you passed answered ");
                out.push_str(request);
                out.push_str(" with something that is not a Response: ");
                out.push_str(reason);
                out.push_str("; check the fetch option");
            }
            Error::UnexpectedResponse { request, status, reason, excerpt } => {
                out.push_str("Clerk API answered ");
                push_u64(&mut out, (*status).into());
                out.push_str(" to ");
                out.push_str(request);
                out.push_str(" with a body this client cannot read (");
                out.push_str(reason);
                out.push_str("): ");
                push_quoted(&mut out, excerpt);
            }
        }
        out
    }
}

/// `text` with `secret` replaced, then cut to `chars` characters.
fn scrub(text: &mut String, secret: &str, chars: usize) {
    // `redact` finds no empty secret, so an empty one changes nothing.
    redact(text, secret);
    if cut(text, chars).1 {
        *text = shortened(text, chars);
    }
}

impl Error {
    /// Makes the error safe to show: removes `secret` from everything it keeps from outside
    /// (what the server sent back, what the host reported, the caller's keys and values), then
    /// cuts each of those texts to a bounded excerpt. Redacting before cutting means that no part
    /// of the key can survive at the end of an excerpt.
    pub fn redact(&mut self, secret: &str) {
        match self {
            Error::InvalidParams { problems, .. } | Error::InvalidOptions { problems } => {
                // `Problem::new` cut the param and the values it quotes: this only removes the key.
                for problem in problems {
                    scrub(&mut problem.param, secret, usize::MAX);
                    scrub(&mut problem.message, secret, usize::MAX);
                }
            }
            Error::Api(api) => {
                for error in &mut api.errors {
                    scrub(&mut error.code, secret, NAME_CHARS);
                    scrub(&mut error.message, secret, SERVER_TEXT_CHARS);
                    if let Some(long) = &mut error.long_message {
                        scrub(long, secret, SERVER_TEXT_CHARS);
                    }
                    if let Some(meta) = &mut error.meta {
                        if !secret.is_empty() {
                            meta.redact(secret);
                        }
                        meta.bound(META_ITEMS, SERVER_TEXT_CHARS);
                    }
                }
                if let Some(trace) = &mut api.clerk_trace_id {
                    scrub(trace, secret, NAME_CHARS);
                }
                if let Some(body) = &mut api.body_excerpt {
                    scrub(body, secret, usize::MAX);
                }
            }
            Error::Network { cause, .. } | Error::Aborted { cause } => scrub(&mut cause.message, secret, CAUSE_CHARS),
            Error::Timeout { .. } => {}
            Error::UnexpectedResponse { reason, excerpt, .. } => {
                scrub(reason, secret, CAUSE_CHARS);
                scrub(excerpt, secret, usize::MAX);
            }
        }
    }
}

/// Characters kept of what the host reported (a thrown error's message).
const CAUSE_CHARS: usize = 200;

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

/// The error as a JSON object for an HTTP answer: `error` (the message), `status` (the API's, for
/// an API error), and the fields of its kind in the JS API's camelCase names (`problems`,
/// `errors`, `clerkTraceId`, `retryAfter`, `attempts`, `timeoutMs`, `body`).
#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("error", &self.message())?;
        match self {
            Error::InvalidParams { problems, .. } | Error::InvalidOptions { problems } => map.serialize_entry("problems", problems)?,
            Error::Api(api) => {
                map.serialize_entry("status", &api.status)?;
                map.serialize_entry("errors", &api.errors)?;
                map.serialize_entry("clerkTraceId", &api.clerk_trace_id)?;
                map.serialize_entry("retryAfter", &api.retry_after)?;
                map.serialize_entry("attempts", &api.attempts)?;
            }
            Error::Network { attempts, .. } => map.serialize_entry("attempts", attempts)?,
            Error::Timeout { timeout_ms, attempts, .. } => {
                map.serialize_entry("timeoutMs", timeout_ms)?;
                map.serialize_entry("attempts", attempts)?;
            }
            Error::UnexpectedResponse { status, excerpt, .. } => {
                map.serialize_entry("status", status)?;
                map.serialize_entry("body", excerpt)?;
            }
            Error::Aborted { .. } => {}
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_phrases_are_those_of_their_statuses() {
        let expected = |status: u16| match status {
            400 => " Bad Request",
            401 => " Unauthorized",
            402 => " Payment Required",
            403 => " Forbidden",
            404 => " Not Found",
            409 => " Conflict",
            422 => " Unprocessable Entity",
            429 => " Too Many Requests",
            500 => " Internal Server Error",
            502 => " Bad Gateway",
            503 => " Service Unavailable",
            504 => " Gateway Timeout",
            _ => "",
        };
        for status in 0..=u16::MAX {
            assert_eq!(reason_phrase(status), expected(status), "{status}");
        }
    }

    #[test]
    fn an_api_error_lists_five_errors_with_a_text_and_counts_the_rest() {
        let error = |code: &str, message: &str, long: Option<&str>| ClerkError {
            code: code.into(),
            message: message.into(),
            long_message: long.map(String::from),
            meta: None,
        };
        let mut errors = alloc::vec![error("", "", None), error("c1", "m1", Some("")), error("c2", "", None), error("", "m3", Some("long 3"))];
        errors.extend((4..9).map(|i| error("", &alloc::format!("m{i}"), None)));
        errors.push(error("", "", Some("")));
        let api = ApiError {
            request: "GET /instance".into(),
            status: 418,
            errors,
            clerk_trace_id: Some("t".into()),
            retry_after: Some(2),
            body_excerpt: None,
            attempts: 2,
        };
        assert_eq!(
            Error::Api(api).message(),
            "Clerk API answered 418 to GET /instance: m1 (c1); c2; long 3; m4; m5; and 3 more errors; retry after 2 s; 2 attempts [trace t]"
        );
    }
}
