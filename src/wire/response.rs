//! Reading response bodies: resources on success, Clerk's error format otherwise. Nothing here
//! trusts the body: a proxy's HTML page, an empty body or truncated JSON all become errors
//! with a readable reason.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{ApiError, ClerkError};
use super::json::{parse, Json};
use crate::model::{Kind, Patch, Resource, Value};
use crate::text::push_u64;

/// At most this many entries of an error body's `errors` are kept.
const MAX_ERRORS: usize = 50;

/// At most this many characters of a body are kept in an error.
pub const EXCERPT_CHARS: usize = 200;

/// The start of a body, for error messages.
pub fn excerpt(body: &str) -> String {
    match body.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => body.get(..cut).unwrap_or(body).into(),
        None => body.into(),
    }
}

fn json_type(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Boolean => "a boolean",
        Kind::Integer => "an integer",
        Kind::String => "a string",
        Kind::StringList => "an array of strings",
    }
}

fn value_of(kind: Kind, json: &Json) -> Option<Value> {
    Some(match (kind, json) {
        (Kind::Boolean, Json::Bool(b)) => Value::Boolean(*b),
        (Kind::Integer, number) => Value::Integer(number.as_i64()?),
        (Kind::String, Json::String(s)) => Value::String(s.clone()),
        (Kind::StringList, Json::Array(items)) => Value::StringList(
            items.iter().map(|item| item.as_str().map(String::from)).collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// The declared fields of a resource, read from a success body, in declaration order: absent
/// when missing, `Null` when null. Unknown fields are ignored; a declared field of the wrong type
/// is an error naming it.
pub fn read_resource(resource: &Resource, body: &str) -> Result<Vec<Patch<Value>>, String> {
    let json = parse_body(body)?;
    if !matches!(json, Json::Object(_)) {
        let mut reason = String::from("expected a JSON object, got ");
        reason.push_str(json_type(&json));
        return Err(reason);
    }
    resource
        .fields
        .iter()
        .map(|field| match json.get(field.name) {
            None => Ok(Patch::Absent),
            Some(Json::Null) => Ok(Patch::Null),
            Some(found) => value_of(field.kind, found).map(Patch::Value).ok_or_else(|| {
                let mut reason = String::from("`");
                reason.push_str(field.name);
                reason.push_str("` is ");
                reason.push_str(json_type(found));
                reason.push_str(" where ");
                reason.push_str(expected(field.kind));
                reason.push_str(" is expected");
                reason
            }),
        })
        .collect()
}

fn parse_body(body: &str) -> Result<Json, String> {
    if body.trim().is_empty() {
        return Err("the body is empty".into());
    }
    parse(body).map_err(|error| {
        let mut reason = String::from("not JSON: ");
        reason.push_str(error.reason);
        reason.push_str(" at byte ");
        push_u64(&mut reason, error.offset as u64);
        reason
    })
}

fn text(json: Option<&Json>) -> Option<String> {
    json.and_then(Json::as_str).map(String::from)
}

/// An API error from a non-2xx answer. Lenient: missing `long_message` or `meta`, entries that
/// are not objects, and bodies that are not Clerk's format at all are all accepted; the last keep
/// an excerpt of the body instead.
pub fn read_api_error(
    request: String,
    status: u16,
    body: &str,
    cf_ray: Option<&str>,
    retry_after: Option<u64>,
) -> ApiError {
    let json = parse(body).ok();
    let errors: Option<Vec<ClerkError>> = match json.as_ref().and_then(|j| j.get("errors")) {
        Some(Json::Array(items)) => Some(
            items
                .iter()
                .filter(|item| matches!(item, Json::Object(_)))
                .take(MAX_ERRORS)
                .map(|item| ClerkError {
                    code: text(item.get("code")).unwrap_or_default(),
                    message: text(item.get("message")).unwrap_or_default(),
                    long_message: text(item.get("long_message")),
                    meta: item.get("meta").filter(|meta| matches!(meta, Json::Object(_))).cloned(),
                })
                .collect(),
        ),
        _ => None,
    };
    let body_trace = text(json.as_ref().and_then(|j| j.get("clerk_trace_id"))).filter(|t| !t.is_empty());
    ApiError {
        request,
        status,
        body_excerpt: if errors.as_ref().is_some_and(|e| !e.is_empty()) { None } else { Some(excerpt(body)) },
        errors: errors.unwrap_or_default(),
        clerk_trace_id: body_trace.or_else(|| cf_ray.filter(|ray| !ray.is_empty()).map(String::from)),
        retry_after,
        attempts: 1,
    }
}
