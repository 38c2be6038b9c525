//! What the JS API gets back, as text for the package's JS: errors as JSON with the name of
//! their class, requests, resources with camelCase keys, the steps of a call, and the plans and
//! list edits of settings as code. Only this
//! module's output is ever given meaning by the JS: what a server sent is always plain data in it.

use alloc::string::String;

use super::table::error_class;
use crate::client::Next;
use crate::model::{Diff, Field, ListEdit, Merged, Operation, Patch, Problem, Resource, Section, Value};
use crate::text::{js_name, push_i64, push_string, push_string_list, push_u64};
use crate::wire::{push_json, push_patch, Error, HttpRequest};

/// Appends `,"key":` (or `"key":` first in an object).
fn key(out: &mut String, key: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    push_string(out, key);
    out.push(':');
}

fn number(out: &mut String, name: &str, n: u64) {
    key(out, name);
    push_u64(out, n);
}

fn text(out: &mut String, name: &str, value: &str) {
    key(out, name);
    push_string(out, value);
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A value as JSON. An integer a JS number cannot hold exactly is written as a string, and
/// `path` (its place in the answer) is added to `bigints`, the comma-separated list the JS makes
/// `BigInt`s of. The list is this module's, so no value a server sends can ask for that.
/// `path` is given in pieces, written one after the other (a `dyn Fn` that wrote it was
/// 51 B gzip of wasm more, 99 B in the settings module).
fn value(out: &mut String, value: &Patch<Value>, path: &[&str], bigints: &mut String) {
    match value {
        Patch::Value(Value::Integer(n)) if n.unsigned_abs() > MAX_SAFE_INTEGER => {
            out.push('"');
            push_i64(out, *n);
            out.push('"');
            if !bigints.is_empty() {
                bigints.push(',');
            }
            for piece in path {
                bigints.push_str(piece);
            }
        }
        // The request body's writer (75 B gzip less than a match of its own here).
        _ => push_patch(out, value),
    }
}

/// `out`, then after a newline the paths of the integers written as strings, if any.
fn with_bigints(out: &mut String, bigints: &str) {
    if !bigints.is_empty() {
        out.push('\n');
        out.push_str(bigints);
    }
}

/// A resource as a JSON object with camelCase keys (absent fields left out, null ones `null`),
/// then the keys of integers a JS number cannot hold (see `value`).
pub fn resource(out: &mut String, resource: &Resource, fields: &[Patch<Value>]) {
    let mut bigints = String::new();
    out.push('{');
    for (field, patch) in resource.fields.iter().zip(fields) {
        if patch.is_absent() {
            continue;
        }
        let name = js_name(field.name);
        key(out, &name);
        value(out, patch, &[&name], &mut bigints);
    }
    out.push('}');
    with_bigints(out, &bigints);
}

/// The JS names of fields, as a JSON array.
pub fn names(out: &mut String, fields: &[&Field]) {
    out.push('[');
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, &js_name(field.name));
    }
    out.push(']');
}

/// `[{"field", "from"?, "to"}, ...]` under `key`, the paths of big integers as `key.i.from`.
fn field_values<'a>(out: &mut String, name: &str, items: impl Iterator<Item = (&'a Field, Option<&'a Patch<Value>>, &'a Patch<Value>)>, bigints: &mut String) {
    key(out, name);
    out.push('[');
    for (i, (field, from, to)) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        text(out, "field", &js_name(field.name));
        let mut index = String::new();
        push_u64(&mut index, i as u64);
        if let Some(from) = from {
            key(out, "from");
            value(out, from, &[name, ".", &index, ".from"], bigints);
        }
        key(out, "to");
        value(out, to, &[name, ".", &index, ".to"], bigints);
        out.push('}');
    }
    out.push(']');
}

/// One section's plan: `{"section", "changes": [{"field", "from", "to"}], "unchanged": [field],
/// "writeOnly": [{"field", "to"}], "request": <the dry run> | null, "params": <what apply sends,
/// camelCase> | null}`, then the paths of big integers (see `value`).
pub fn section_plan(out: &mut String, section: &Section, diff: &Diff, request: Option<&HttpRequest>) {
    let mut bigints = String::new();
    out.push('{');
    text(out, "section", section.name);
    field_values(out, "changes", diff.changes.iter().map(|c| (c.field, Some(&c.from), &c.to)), &mut bigints);
    key(out, "unchanged");
    names(out, &diff.unchanged);
    field_values(out, "writeOnly", diff.write_only.iter().map(|w| (w.field, None, &w.to)), &mut bigints);
    key(out, "request");
    match request {
        Some(found) => self::request(out, found, true),
        None => out.push_str("null"),
    }
    key(out, "params");
    if diff.send.is_empty() {
        out.push_str("null");
    } else {
        out.push('{');
        for (index, patch) in &diff.send {
            let Some(field) = section.update.fields.get(*index) else { continue };
            let name = js_name(field.name);
            key(out, &name);
            value(out, patch, &["params.", &name], &mut bigints);
        }
        out.push('}');
    }
    out.push('}');
    with_bigints(out, &bigints);
}

/// What a list edit found: `{"field", "before", "after", "changed", "unchanged"}`; then, when
/// it changes the list, a newline and the params that write it (`{"allowedOrigins": [...]}`).
pub fn list_edit(out: &mut String, edit: &ListEdit, before: &[String], merged: &Merged) {
    let name = js_name(edit.field.name);
    let changes = !merged.changed.is_empty();
    out.push('{');
    text(out, "field", &name);
    for (label, list) in [("before", before), ("after", if changes { &merged.after } else { before }), ("changed", &merged.changed), ("unchanged", &merged.unchanged)] {
        key(out, label);
        push_string_list(out, list);
    }
    out.push('}');
    if changes {
        out.push_str("\n{");
        key(out, &name);
        push_string_list(out, &merged.after);
        out.push('}');
    }
}

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

/// An error as `{"name": <its JS class>, "message", ...fields}`; an abort is
/// `{"name": "AbortError"}` (the JS rejects with the signal's reason instead).
pub fn error(out: &mut String, error: &Error) {
    out.push('{');
    text(out, "name", error_class(error).map_or("AbortError", |class| class.name));
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
pub fn request(out: &mut String, request: &HttpRequest, redact: bool) {
    out.push('{');
    text(out, "method", request.method.as_str());
    text(out, "url", &request.url);
    key(out, "headers");
    // Its own loop, not `headers` over a mapping iterator: 50 B gzip of wasm less.
    out.push('{');
    for (name, value) in &request.headers {
        text(out, name, if redact { request.redacted_value(name, value) } else { value });
    }
    out.push('}');
    if let Some(body) = &request.body {
        text(out, "body", body);
    }
    out.push('}');
}

/// Headers as a JSON object.
pub fn headers<'a>(out: &mut String, headers: impl Iterator<Item = (&'a str, &'a str)>) {
    out.push('{');
    for (name, value) in headers {
        text(out, name, value);
    }
    out.push('}');
}

/// The step after an attempt, its first character saying which: `W<ms>` to wait and send again,
/// `V<resource>` (see [`resource`]) for a success with a body, `N` for one without, `E<error>`.
pub fn step(out: &mut String, operation: &Operation, next: &Next) {
    match (next, operation.resource) {
        (Next::Wait(ms), _) => {
            out.push('W');
            push_u64(out, (*ms).into());
        }
        (Next::Done(Ok(Some(fields))), Some(found)) => {
            out.push('V');
            resource(out, found, fields);
        }
        (Next::Done(Ok(_)), _) => out.push('N'),
        (Next::Done(Err(failure)), _) => {
            out.push('E');
            error(out, failure);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, WriteOnly, SECTIONS};

    #[test]
    fn a_plan_lists_the_paths_of_its_big_integers() {
        let section = SECTIONS.iter().find(|s| s.name == "organizationSettings").unwrap();
        let index = section.update.fields.iter().position(|f| f.name == "max_allowed_memberships").unwrap();
        let field = &section.update.fields[index];
        let big = |n: i64| Patch::Value(Value::Integer(n));
        let diff = Diff {
            changes: alloc::vec![Change { field, from: big(1 << 60), to: big(-(1 << 61)) }],
            unchanged: alloc::vec![],
            write_only: alloc::vec![WriteOnly { field, to: big(1 << 62) }, WriteOnly { field, to: big(7) }],
            send: alloc::vec![(index, big(1 << 53))],
        };
        let mut out = String::new();
        section_plan(&mut out, section, &diff, None);
        assert_eq!(
            out,
            concat!(
                r#"{"section":"organizationSettings","changes":[{"field":"maxAllowedMemberships","from":"1152921504606846976","to":"-2305843009213693952"}],"#,
                r#""unchanged":[],"writeOnly":[{"field":"maxAllowedMemberships","to":"4611686018427387904"},{"field":"maxAllowedMemberships","to":7}],"#,
                r#""request":null,"params":{"maxAllowedMemberships":"9007199254740992"}}"#,
                "\nchanges.0.from,changes.0.to,writeOnly.0.to,params.maxAllowedMemberships"
            )
        );
    }
}
