//! The one error type. Every message names the problem and the fix, and none can hold the
//! secret key: it is never passed to anything that builds one.

use crate::prelude::*;

use super::json::{push_quoted_excerpt, push_u64, Json};
use super::text::redact;
use crate::model::Problem;

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
    /// The API answered 2xx with a body this client cannot read.
    UnexpectedResponse {
        /// The operation (`GET /instance`).
        request: String,
        /// The HTTP status.
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
    /// The JS value the host threw (an `Error`, an abort reason).
    #[cfg(target_arch = "wasm32")]
    pub js: wasm_bindgen::JsValue,
}

/// A non-2xx answer of the API, with the fields of Clerk's error body.
#[derive(Clone, Debug, Default, PartialEq)]
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

fn push_count(out: &mut String, n: u32, one: &str, many: &str) {
    push_u64(out, n.into());
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
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
    }
}

impl ApiError {
    /// A readable summary: status, request, the API's messages, trace ID and wait.
    pub fn message(&self) -> String {
        let mut out = String::from("Clerk API answered ");
        push_u64(&mut out, self.status.into());
        out.push_str(reason_phrase(self.status));
        out.push_str(" to ");
        out.push_str(&self.request);
        if self.errors.is_empty() {
            match &self.body_excerpt {
                Some(excerpt) if !excerpt.is_empty() => {
                    out.push_str(" with a body that is not a Clerk error: ");
                    push_quoted_excerpt(&mut out, excerpt);
                }
                _ => out.push_str(" with an empty body"),
            }
        }
        let mut shown = 0;
        for error in &self.errors {
            let text = error.long_message.as_deref().filter(|m| !m.is_empty()).unwrap_or(&error.message);
            if text.is_empty() && error.code.is_empty() {
                continue;
            }
            out.push_str(if shown == 0 { ": " } else { "; " });
            shown += 1;
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
        if let Some(seconds) = self.retry_after {
            out.push_str("; retry after ");
            push_u64(&mut out, seconds);
            out.push_str(" s");
        }
        if self.attempts > 1 {
            out.push_str("; ");
            push_count(&mut out, self.attempts, "attempt", "attempts");
        }
        if let Some(trace) = &self.clerk_trace_id {
            out.push_str(" [trace ");
            out.push_str(trace);
            out.push(']');
        }
        out
    }
}

/// The message of params or options problems: one line, or one line per problem.
pub fn problems_message(intro: &str, problems: &[Problem]) -> String {
    let mut out = String::from(intro);
    if let [only] = problems {
        out.push_str(": ");
        out.push_str(&only.message);
        return out;
    }
    out.push_str(": ");
    push_u64(&mut out, problems.len() as u64);
    out.push_str(" problems:");
    for problem in problems {
        out.push_str("\n- ");
        out.push_str(&problem.message);
    }
    out
}

impl Error {
    /// A readable message that names the problem and the fix.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidParams { operation, problems } => {
                let mut intro = String::from(operation.as_str());
                intro.push_str(" was not sent");
                problems_message(&intro, problems)
            }
            Error::InvalidOptions { problems } => problems_message("Invalid client options", problems),
            Error::Api(api) => api.message(),
            Error::Network { request, cause, attempts } => {
                let mut out = String::from("Could not reach the Clerk API for ");
                out.push_str(request);
                out.push_str(" (");
                push_count(&mut out, *attempts, "attempt", "attempts");
                out.push_str("): ");
                out.push_str(&cause.message);
                out
            }
            Error::Timeout { request, timeout_ms, attempts } => {
                let mut out = String::from(request.as_str());
                out.push_str(" got no complete response within ");
                push_u64(&mut out, (*timeout_ms).into());
                out.push_str(" ms (");
                push_count(&mut out, *attempts, "attempt", "attempts");
                out.push_str("); raise timeoutMs or check the network");
                out
            }
            Error::Aborted { cause } => {
                let mut out = String::from("The call was aborted by its signal");
                if !cause.message.is_empty() {
                    out.push_str(": ");
                    out.push_str(&cause.message);
                }
                out
            }
            Error::UnexpectedResponse { request, status, reason, excerpt } => {
                let mut out = String::from("Clerk API answered ");
                push_u64(&mut out, (*status).into());
                out.push_str(" to ");
                out.push_str(request);
                out.push_str(" with a body this client cannot read (");
                out.push_str(reason);
                out.push_str("): ");
                push_quoted_excerpt(&mut out, excerpt);
                out
            }
        }
    }
}

fn redact_json(json: &mut Json, secret: &str) {
    match json {
        Json::String(s) => redact(s, secret),
        Json::Array(items) => items.iter_mut().for_each(|item| redact_json(item, secret)),
        Json::Object(members) => members.iter_mut().for_each(|(key, value)| {
            redact(key, secret);
            redact_json(value, secret);
        }),
        _ => {}
    }
}

impl Error {
    /// Removes `secret` from everything the error keeps: what the server sent back (messages,
    /// meta, the body excerpt, the trace ID) and what the host reported.
    pub fn redact(&mut self, secret: &str) {
        if secret.is_empty() {
            return;
        }
        match self {
            Error::InvalidParams { problems, .. } | Error::InvalidOptions { problems } => {
                for problem in problems {
                    redact(&mut problem.param, secret);
                    redact(&mut problem.message, secret);
                }
            }
            Error::Api(api) => {
                for error in &mut api.errors {
                    redact(&mut error.code, secret);
                    redact(&mut error.message, secret);
                    error.long_message.iter_mut().for_each(|m| redact(m, secret));
                    error.meta.iter_mut().for_each(|m| redact_json(m, secret));
                }
                api.clerk_trace_id.iter_mut().for_each(|t| redact(t, secret));
                api.body_excerpt.iter_mut().for_each(|b| redact(b, secret));
            }
            Error::Network { cause, .. } | Error::Aborted { cause } => redact(&mut cause.message, secret),
            Error::Timeout { .. } => {}
            Error::UnexpectedResponse { reason, excerpt, .. } => {
                redact(reason, secret);
                redact(excerpt, secret);
            }
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}
