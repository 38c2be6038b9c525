//! What the JS API returns, as JSON text for `host.js` to parse: resources with camelCase keys,
//! errors (with the name of their class in `host.js`), requests and the steps of a call.

use crate::prelude::*;
use crate::client::Next;
use crate::model::{js_name, Operation, Patch, Problem, Resource, Value};
use crate::wire::error::Error;
use crate::wire::json::{push_i64, push_string, push_u64, Json};
use crate::wire::request::HttpRequest;

/// Appends `,"key":` (or `"key":` first in an object).
fn key(out: &mut String, key: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    push_string(out, key);
    out.push(':');
}

fn string_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, item);
    }
    out.push(']');
}

/// Appends a JSON value as it was read; with `camel`, this object level's snake_case keys in
/// camelCase (keys that start with `_`, like `__proto__`, are kept as they are).
pub fn push_json(out: &mut String, json: &Json, camel: bool) {
    match json {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(text) => out.push_str(text),
        Json::String(s) => push_string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json(out, item, false);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (name, member) in members {
                let rename = camel && !name.starts_with('_');
                key(out, &if rename { js_name(name) } else { name.clone() });
                push_json(out, member, false);
            }
            out.push('}');
        }
    }
}

/// A resource as an object with camelCase keys: absent fields left out, null ones `null`.
pub fn resource(out: &mut String, resource: &Resource, fields: Vec<Patch<Value>>) {
    out.push('{');
    for (field, patch) in resource.fields.iter().zip(fields) {
        let value = match patch {
            Patch::Absent => continue,
            Patch::Null => None,
            Patch::Value(value) => Some(value),
        };
        key(out, &js_name(field.name));
        match value {
            None => out.push_str("null"),
            Some(Value::Boolean(b)) => out.push_str(if b { "true" } else { "false" }),
            Some(Value::Integer(n)) if n.unsigned_abs() > MAX_SAFE_INTEGER => {
                // host.js turns this marker into a BigInt: a JS number would round it.
                out.push_str("{\"\\u0000\":\"bigint\",\"value\":\"");
                push_i64(out, n);
                out.push_str("\"}");
            }
            Some(Value::Integer(n)) => push_i64(out, n),
            Some(Value::String(s)) => push_string(out, &s),
            Some(Value::StringList(items)) => string_list(out, &items),
        }
    }
    out.push('}');
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn problems(out: &mut String, list: &[Problem]) {
    key(out, "problems");
    out.push('[');
    for (i, problem) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"param\":");
        push_string(out, &problem.param);
        out.push_str(",\"message\":");
        push_string(out, &problem.message);
        out.push('}');
    }
    out.push(']');
}

fn number(out: &mut String, name: &str, n: u64) {
    key(out, name);
    push_u64(out, n);
}

fn text(out: &mut String, name: &str, value: &str) {
    key(out, name);
    push_string(out, value);
}

/// An error as `{"name": <class in host.js>, "message", ...fields}`. An abort is
/// `{"name": "AbortError"}`: `host.js` rethrows the signal's reason instead.
pub fn error(out: &mut String, error: &Error) {
    out.push('{');
    let name = match error {
        Error::Api(_) => "ClerkAPIResponseError",
        Error::InvalidParams { .. } => "ClerkInvalidParamsError",
        Error::InvalidOptions { .. } => "ClerkInvalidOptionsError",
        Error::Network { .. } => "ClerkNetworkError",
        Error::Timeout { .. } => "ClerkTimeoutError",
        Error::UnexpectedResponse { .. } => "ClerkUnexpectedResponseError",
        Error::Aborted { .. } => "AbortError",
    };
    text(out, "name", name);
    text(out, "message", &error.message());
    match error {
        Error::Api(api) => {
            number(out, "status", api.status.into());
            key(out, "errors");
            out.push('[');
            for (i, e) in api.errors.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('{');
                text(out, "code", &e.code);
                text(out, "message", &e.message);
                if let Some(long) = &e.long_message {
                    text(out, "longMessage", long);
                }
                key(out, "meta");
                match &e.meta {
                    Some(meta) => push_json(out, meta, true),
                    None => out.push_str("{}"),
                }
                out.push('}');
            }
            out.push(']');
            if let Some(trace) = &api.clerk_trace_id {
                text(out, "clerkTraceId", trace);
            }
            if let Some(seconds) = api.retry_after {
                number(out, "retryAfter", seconds);
            }
            number(out, "attempts", api.attempts.into());
            if let Some(body) = &api.body_excerpt {
                text(out, "body", body);
            }
        }
        Error::InvalidParams { problems: list, .. } | Error::InvalidOptions { problems: list } => problems(out, list),
        Error::Network { attempts, .. } => number(out, "attempts", (*attempts).into()),
        Error::Timeout { timeout_ms, attempts, .. } => {
            number(out, "timeoutMs", (*timeout_ms).into());
            number(out, "attempts", (*attempts).into());
        }
        Error::UnexpectedResponse { status, excerpt, .. } => {
            number(out, "status", (*status).into());
            text(out, "body", excerpt);
        }
        Error::Aborted { .. } => {}
    }
    out.push('}');
}

/// A request as `{"method", "url", "headers", "body"}`; with `redact`, the dry-run view that
/// hides the secret key.
pub fn request(request: &HttpRequest, redact: bool) -> String {
    let mut out = String::with_capacity(256 + request.url.len() + request.body.as_ref().map_or(0, String::len));
    out.push('{');
    text(&mut out, "method", request.method.as_str());
    text(&mut out, "url", &request.url);
    key(&mut out, "headers");
    out.push('{');
    for (name, value) in &request.headers {
        let value = if redact { request.redacted_value(name, value) } else { value };
        text(&mut out, name, value);
    }
    out.push('}');
    if let Some(body) = &request.body {
        text(&mut out, "body", body);
    }
    out.push('}');
    out
}

/// A step of a call: `{"wait": ms}`, `{"value": resource}`, `{}` for an empty success, or
/// `{"error": {...}}`.
pub fn step(operation: &Operation, next: Next) -> String {
    let mut out = String::with_capacity(256);
    out.push('{');
    match (next, operation.resource) {
        (Next::Wait(ms), _) => number(&mut out, "wait", ms.into()),
        (Next::Done(Ok(Some(fields))), Some(found)) => {
            key(&mut out, "value");
            resource(&mut out, found, fields);
        }
        (Next::Done(Ok(_)), _) => {}
        (Next::Done(Err(failure)), _) => {
            key(&mut out, "error");
            error(&mut out, &failure);
        }
    }
    out.push('}');
    out
}

/// The JS names of the operations: `[[index, group, name], ...]`.
pub fn operation_names(operations: &[&Operation]) -> String {
    let mut out = String::with_capacity(1024);
    out.push('[');
    for (index, operation) in operations.iter().enumerate() {
        for (group, name) in operation.js {
            if out.len() > 1 {
                out.push(',');
            }
            out.push('[');
            push_u64(&mut out, index as u64);
            out.push(',');
            push_string(&mut out, group.js_name());
            out.push(',');
            push_string(&mut out, name);
            out.push(']');
        }
    }
    out.push(']');
    out
}
