//! One call's retry loop without I/O ([`Call`]), and what an attempt can come back with.

use alloc::string::String;
use alloc::vec::Vec;

use crate::model::{Operation, Patch, Value};
use crate::text::redact;
use crate::wire::{excerpt, read_api_error, read_resource, retry_after_ms, retryable_status, Cause, Error, HttpRequest, Retry};

/// Bodies longer than this many bytes are not read further.
pub const MAX_BODY_BYTES: usize = 1 << 20;

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
    /// The host's fetch answered something that is not a response (a status that is not a
    /// number, a header or a body that is not text): what was wrong with it.
    Malformed(String),
}

/// What to do after an attempt.
#[derive(Debug)]
pub enum Next {
    /// Wait this many milliseconds, then send the request again.
    Wait(u32),
    /// The call is over: the resource of a success (`None` for an empty answer), or the error.
    Done(Result<Option<Vec<Patch<Value>>>, Error>),
}

/// One call's retry loop without I/O: whoever sends the request (the async
/// [`Client`](crate::Client), or the JS loop of the npm package) reports each attempt's outcome
/// to [`Call::after`] and is told what next.
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
    pub(crate) fn new(operation: &'static Operation, request: HttpRequest, retry: Retry, timeout_ms: u32, secret: String) -> Call {
        Call { operation, request, retry, timeout_ms, attempt: 0, secret }
    }

    /// The same call after `made` attempts: for a host that keeps only the count between
    /// attempts and makes the `Call` again for each outcome.
    pub fn after_attempts(mut self, made: u32) -> Call {
        self.attempt = made;
        self
    }

    /// The operation being called.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }


    /// The next step after an attempt's outcome. `now_ms` (Unix time) reads `Retry-After` dates;
    /// `random` in `[0, 1)` jitters the backoff. An error never holds the secret key, even when
    /// the server sent it back.
    pub fn after(&mut self, outcome: Result<HttpResponse, Failure>, now_ms: f64, random: f64) -> Next {
        self.attempt += 1;
        let attempt = self.attempt;
        let retry = self.retry;
        let last = attempt >= retry.max_attempts;
        let request = self.operation.request_line();
        // Every error leaves through the one redaction at the end: one copy of the (large) error
        // in place of a match that rebuilt it (20 B gzip of wasm less).
        let mut error = match outcome {
            Ok(mut response) if (200..300).contains(&response.status) => match read_success(self.operation, &mut response, request, &self.secret) {
                Ok(fields) => return Next::Done(Ok(fields)),
                Err(error) => error,
            },
            // Redacted before anything is cut from it, so that no part of the key survives.
            Ok(mut response) => {
                redact(&mut response.body, &self.secret);
                response.cf_ray.iter_mut().for_each(|ray| redact(ray, &self.secret));
                let wait_ms = response.retry_after.as_deref().and_then(|v| retry_after_ms(v, now_ms));
                let mut error = read_api_error(request, response.status, &response.body, response.cf_ray.as_deref(), wait_ms.map(|ms| ms.div_ceil(1000)));
                error.attempts = attempt;
                let too_long = wait_ms.is_some_and(|ms| ms > u64::from(retry.max_delay_ms));
                if !(last || !retryable_status(response.status) || too_long) {
                    return Next::Wait(match wait_ms {
                        Some(ms) => ms as u32,
                        None => retry.backoff_ms(attempt, random),
                    });
                }
                Error::Api(error)
            }
            Err(Failure::Aborted(cause)) => Error::Aborted { cause },
            // A host answer that is not a response is a bug of the host's fetch: retrying the
            // same fetch would get the same answer.
            Err(Failure::Malformed(reason)) => Error::UnexpectedResponse { request, status: 0, reason, excerpt: String::new() },
            Err(Failure::Network(cause)) if last => Error::Network { request, cause, attempts: attempt },
            Err(Failure::Timeout) if last => Error::Timeout { request, timeout_ms: self.timeout_ms, attempts: attempt },
            Err(_) => return Next::Wait(retry.backoff_ms(attempt, random)),
        };
        error.redact(&self.secret);
        Next::Done(Err(error))
    }
}

fn read_success(
    operation: &Operation,
    response: &mut HttpResponse,
    request: String,
    secret: &str,
) -> Result<Option<Vec<Patch<Value>>>, Error> {
    let Some(resource) = operation.resource else { return Ok(None) };
    if response.status == 202 || response.status == 204 {
        return Ok(None);
    }
    let reason = if response.truncated {
        "the body is larger than 1 MiB".into()
    } else {
        match read_resource(resource, &response.body) {
            Ok(fields) => return Ok(Some(fields)),
            Err(reason) => reason,
        }
    };
    redact(&mut response.body, secret);
    Err(Error::UnexpectedResponse { request, status: response.status, reason, excerpt: excerpt(&response.body) })
}
