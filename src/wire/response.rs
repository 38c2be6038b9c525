//! Reading response bodies: resources on success, Clerk's error format otherwise. Nothing here
//! trusts the body: a proxy's HTML page, an empty body or truncated JSON all become errors
//! with a readable reason.

use alloc::string::String;
use core::mem::take;
use alloc::vec::Vec;

use super::error::{ApiError, ClerkError};
use super::json::{parse, Json};
use crate::model::{Kind, Patch, Resource, Value};
use crate::text::{cut, push_u64};

/// At most this many entries of an error body's `errors` are kept.
const MAX_ERRORS: usize = 50;

/// At most this many characters of a body are kept in an error.
pub const EXCERPT_CHARS: usize = 200;

/// The start of a body, for error messages.
pub fn excerpt(body: &str) -> String {
    cut(body, EXCERPT_CHARS).0.into()
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
        (Kind::StringList, Json::Array(items)) => {
            let mut strings = Vec::new();
            for item in items {
                strings.push(item.as_str()?.into());
            }
            Value::StringList(strings)
        }
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
    // `Json::get` finds the last of duplicate keys, as JSON.parse keeps (0.2 KB gzip of wasm less
    // than a Vec of slots filled by one walk over the members). Read by reference,
    // copying only the values kept: moving them out made this function 0.5 KB larger in wasm.
    // `Vec::new`, not `with_capacity`, here and for string lists: 27 B gzip of wasm less.
    let mut fields = Vec::new();
    for field in resource.fields {
        let member = json.get(field.name);
        fields.push(match member {
            None => Patch::Absent,
            Some(Json::Null) => Patch::Null,
            Some(member) => match value_of(field.kind, member) {
                Some(value) => Patch::Value(value),
                None => {
                    let mut reason = String::from("`");
                    reason.push_str(field.name);
                    reason.push_str("` is ");
                    reason.push_str(json_type(member));
                    reason.push_str(" where ");
                    reason.push_str(expected(field.kind));
                    reason.push_str(" is expected");
                    return Err(reason);
                }
            },
        });
    }
    Ok(fields)
}

fn parse_body(body: &str) -> Result<Json, String> {
    if body.trim_ascii().is_empty() {
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

/// The entries of an error body's `errors` that are objects, at most [`MAX_ERRORS`]. The texts
/// and `meta` are moved out of the parsed body: cloning `meta` brought `Json`'s deep clone into
/// the module (0.15 KB gzip of wasm).
#[inline(never)] // Kept apart: 9 B gzip of wasm less than inlined into its one caller.
fn clerk_errors(items: &mut [Json]) -> Vec<ClerkError> {
    let mut errors = Vec::new();
    for item in items {
        let Json::Object(members) = item else { continue };
        if errors.len() == MAX_ERRORS {
            break;
        }
        // Filled in place: 17 B gzip of wasm less than built apart and moved in.
        errors.push(ClerkError::default());
        let Some(error) = errors.last_mut() else { break };
        for (key, member) in members {
            match (key.as_str(), member) {
                ("code", Json::String(s)) => error.code = take(s),
                ("message", Json::String(s)) => error.message = take(s),
                ("long_message", Json::String(s)) => error.long_message = Some(take(s)),
                ("long_message", _) => error.long_message = None,
                ("meta", meta @ Json::Object(_)) => error.meta = Some(core::mem::replace(meta, Json::Null)),
                ("meta", _) => error.meta = None,
                _ => {}
            }
        }
    }
    errors
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
    // Read straight into the answer's fields: 50 B gzip of wasm less than temporaries moved in.
    let mut error = ApiError { request, status, retry_after, attempts: 1, ..ApiError::default() };
    if let Ok(Json::Object(mut members)) = parse(body) {
        for (key, member) in &mut members {
            match (key.as_str(), member) {
                ("errors", Json::Array(items)) => error.errors = clerk_errors(items),
                ("errors", _) => error.errors = Vec::new(),
                ("clerk_trace_id", Json::String(trace)) if !trace.is_empty() => error.clerk_trace_id = Some(take(trace)),
                ("clerk_trace_id", _) => error.clerk_trace_id = None,
                _ => {}
            }
        }
    }
    if error.errors.is_empty() {
        error.body_excerpt = Some(excerpt(body));
    }
    if error.clerk_trace_id.is_none() {
        error.clerk_trace_id = cf_ray.filter(|ray| !ray.is_empty()).map(String::from);
    }
    error
}
