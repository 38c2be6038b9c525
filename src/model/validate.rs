//! Client-side checks, run before anything is sent. They only restate what the API's schema and
//! documentation say; where the API's rule is unclear the value goes through and the server
//! decides.

use alloc::string::String;
use alloc::vec::Vec;

use super::descriptor::{Entry, Field, Kind, Operation, Rule, Value};
use super::patch::Patch;
use crate::text::{digits, find_byte, has_space, is_js_name, is_letters_any_case, js_name, push_quoted, push_shortened, push_u64, split_byte, split_url, NAME_CHARS};

/// One thing wrong with the params of a call: which param (in the caller's spelling) and what
/// is wrong with it, with the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Problem {
    /// The param as the caller spelled it: `allowedOrigins[2]` from JS, `allowed_origins[2]`
    /// from Rust.
    pub param: String,
    /// A sentence that names the param, the problem and the fix.
    pub message: String,
}

/// How the caller spells field names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    /// `allowed_origins`: Rust params and the wire.
    Wire,
    /// `allowedOrigins`: the JS API.
    Js,
}

impl Spelling {
    /// A wire name (`allowed_origins`) in this spelling.
    pub fn name(self, wire: &str) -> String {
        match self {
            Spelling::Wire => wire.into(),
            Spelling::Js => js_name(wire),
        }
    }
}

impl Problem {
    /// The same problem one level down: `testMode` in section `instance` is `instance.testMode`,
    /// and `params` (the section's value itself) is `instance`.
    pub fn within(self, scope: &str) -> Problem {
        let mut param = String::from(scope);
        if self.param != "params" {
            param.push('.');
            param.push_str(&self.param);
        }
        Problem::new(param, self.rest())
    }

    /// The message after `` `param` ``.
    fn rest(&self) -> &str {
        self.message.get(self.param.len() + 3..).filter(|_| self.message.starts_with('`')).unwrap_or(&self.message)
    }

    /// [`Problem::new`] with a borrowed param: the one that builds, so that no caller copies
    /// the param for it (29 B less wasm, the same gzip).
    pub(crate) fn at(param: &str, rest: &str) -> Problem {
        // The param is written once, cut, into the message and copied from there (56 B gzip
        // less wasm than cutting it apart).
        let mut message = String::from("`");
        push_shortened(&mut message, param, NAME_CHARS);
        let param = String::from(message.get(1..).unwrap_or_default());
        message.push_str("` ");
        message.push_str(rest);
        Problem { param, message }
    }

    /// A problem whose message is `` `param` `` followed by `rest`. A param that is a caller's
    /// key of any length is cut to 100 characters in both.
    pub fn new(param: String, rest: &str) -> Problem {
        Problem::at(&param, rest)
    }
}

/// Every problem with the set fields of one call, in declaration order.
pub fn validate(operation: &Operation, entries: &[Entry], spelling: Spelling) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, patch) in entries {
        let Some(field) = operation.fields.get(*index) else { continue };
        let before = problems.len();
        // Checked under the wire name, and checked again under the JS name only where there is
        // a problem: building the JS name of every field sent was 5% of a call's CPU. Checking
        // twice rather than renaming the problems found, through one function: 131 B gzip less
        // wasm.
        check_patch(field, field.name, patch, &mut problems);
        if spelling == Spelling::Js && problems.len() > before {
            problems.truncate(before);
            check_patch(field, &js_name(field.name), patch, &mut problems);
        }
    }
    problems
}

/// Every problem with a field's patch, named `param`.
fn check_patch(field: &Field, param: &str, patch: &Patch<Value>, problems: &mut Vec<Problem>) {
    match patch {
        Patch::Absent => {}
        Patch::Null if field.nullable => {}
        Patch::Null => problems.push(refused_null(field, param.into())),
        Patch::Value(value) => check(field, param, value, problems),
    }
}

/// The problem with `null` for a field that cannot be null.
pub fn refused_null(field: &Field, param: String) -> Problem {
    let rest = if field.kind == Kind::StringList {
        "cannot be null; leave it out to keep the current list"
    } else {
        "cannot be null; leave it out to keep the current value"
    };
    Problem::new(param, rest)
}

/// The Levenshtein distance between a key of at most [`NAME_CHARS`] bytes and a name (one row,
/// no indexing), by bytes, ignoring ASCII case: the names are ASCII, and a non-ASCII key is no
/// typo of one. The row is the key's, so it fits an array on the stack, where a `Vec` of the
/// name's length brought its own growth path.
fn distance(key: &str, name: &str) -> usize {
    let mut row = [0usize; NAME_CHARS];
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j + 1;
    }
    let mut last = key.len();
    for (i, cb) in name.as_bytes().iter().enumerate() {
        let (mut diagonal, mut left) = (i, i + 1);
        for (ca, cell) in key.as_bytes().iter().zip(row.iter_mut()) {
            let value = (*cell + 1).min(left + 1).min(diagonal + usize::from(!ca.eq_ignore_ascii_case(cb)));
            diagonal = *cell;
            *cell = value;
            left = value;
        }
        last = left;
    }
    last
}

/// The problem with an unknown key: the nearest valid key, or the list of valid ones.
pub fn unknown_key(key: &str, valid: &[String], owner: &str) -> Problem {
    let mut rest = String::from("is not a parameter of ");
    rest.push_str(owner);
    unknown(key, valid, rest)
}

/// The problem with a key of a settings document that names no section.
pub fn unknown_section(key: &str, valid: &[String]) -> Problem {
    unknown(key, valid, String::from("is not a section of the settings"))
}

/// `key` followed by `rest` and the nearest valid name, or the list of valid ones.
fn unknown(key: &str, valid: &[String], mut rest: String) -> Problem {
    // A key longer than any name is no typo of one (and would make the distance slow).
    let comparable = key.len() <= NAME_CHARS;
    // A loop rather than `map` and `min_by_key`: 0.3 KB less wasm. The first nearest wins.
    let mut nearest: Option<(usize, &String)> = None;
    for candidate in valid.iter().filter(|_| comparable) {
        let d = if is_js_name(key, candidate) { 0 } else { distance(key, candidate) };
        if nearest.map_or(true, |(best, _)| d < best) {
            nearest = Some((d, candidate));
        }
    }
    match nearest {
        None => rest.push_str(", which takes none; leave it out"),
        Some((d, candidate)) if d <= (key.len() / 3).max(2) => {
            rest.push_str("; did you mean `");
            rest.push_str(candidate);
            rest.push_str("`?");
        }
        Some(_) => {
            rest.push_str("; use one of ");
            for (i, candidate) in valid.iter().enumerate() {
                if i > 0 {
                    rest.push_str(", ");
                }
                rest.push_str(candidate);
            }
        }
    }
    Problem::at(key, &rest)
}

/// Item problems reported one by one per list; the rest are counted.
const MAX_ITEM_PROBLEMS: usize = 10;

/// Every problem with a value of `field` under its kind and rule, named `param` (`param[2]` for
/// an item of a list).
pub fn check(field: &Field, param: &str, value: &Value, problems: &mut Vec<Problem>) {
    match value {
        _ if value.kind() != field.kind => {
            problems.push(Problem::at(param, kind_phrase(field.kind)));
        }
        Value::Integer(n) if *n < 0 => {
            let mut rest = String::from(kind_phrase(Kind::Integer));
            rest.push_str("; got -");
            push_u64(&mut rest, n.unsigned_abs());
            problems.push(Problem::at(param, &rest));
        }
        Value::String(s) => {
            let mut rest = String::new();
            if check_string(field.rule(), s, &mut rest) {
                problems.push(Problem::at(param, &rest));
            }
        }
        Value::StringList(items) => {
            let (mut invalid, mut rest) = (0, String::new());
            for (i, item) in items.iter().enumerate() {
                if check_string(field.rule(), item, &mut rest) {
                    invalid += 1;
                    if invalid > MAX_ITEM_PROBLEMS {
                        continue;
                    }
                    let mut item_param = String::from(param);
                    item_param.push('[');
                    push_u64(&mut item_param, i as u64);
                    item_param.push(']');
                    problems.push(Problem::new(item_param, &rest));
                }
            }
            if invalid > MAX_ITEM_PROBLEMS {
                let mut rest = String::from("has ");
                push_u64(&mut rest, (invalid - MAX_ITEM_PROBLEMS) as u64);
                rest.push_str(" more invalid items like these");
                problems.push(Problem::at(param, &rest));
            }
            if field.rule() == Rule::CountryCodes {
                check_country_list(param, items, problems);
            }
        }
        _ => {}
    }
}

/// What a value of this kind must be, as the end of a sentence about the param.
pub fn kind_phrase(kind: Kind) -> &'static str {
    match kind {
        Kind::Boolean => "must be true or false",
        Kind::Integer => "must be a whole number from 0 to 9223372036854775807",
        Kind::String => "must be a string",
        Kind::StringList => "must be an array of strings",
    }
}

/// Whether one string breaks `rule`; if so, `out` (emptied first) holds the problem as the end
/// of a sentence about the param: what the rule asks, `; got` and the value, and a fix when one
/// is sure. One builder for every rule's message rather than one per rule (with the origin's
/// authority checked once: 98 B gzip less), and one buffer for all the items of a list rather
/// than a `String` answered per item (23 B).
fn check_string(rule: Rule, s: &str, out: &mut String) -> bool {
    out.clear();
    let mut fix = None;
    // Read here for the URL and origin rules: one call site, and a scan that costs little.
    let url = split_url(s);
    match rule {
        Rule::Any => return false,
        Rule::OneOf(allowed) => {
            if allowed.iter().any(|choice| *choice == s) {
                return false;
            }
            out.push_str("must be one of ");
            for (i, choice) in allowed.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_quoted(out, choice);
            }
        }
        Rule::CountryCodes => {
            let b = s.as_bytes();
            if b.len() == 2 && b.iter().all(u8::is_ascii_uppercase) {
                return false;
            }
            if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
                fix = Some(s.to_ascii_uppercase());
            }
            out.push_str("must be an ISO 3166-1 alpha-2 country code in capitals, like \"US\"");
        }
        Rule::EmailLocalPart => {
            if let Some(at) = find_byte(s, b'@') {
                fix = Some(String::from(s.get(..at).unwrap_or(s)));
                out.push_str("must be only the local part of the address, like \"foo\" for foo@example.com");
            } else if s.as_bytes().iter().all(|b| !b.is_ascii() || b.is_ascii_alphanumeric()) {
                // Non-ASCII letters are left for the server to judge.
                return false;
            } else {
                out.push_str("may contain only letters and digits");
            }
        }
        Rule::EmailOrEmpty => {
            if s.is_empty()
                || (!has_space(s, false) && s.as_bytes().iter().rposition(|b| *b == b'@').is_some_and(|at| at > 0 && at + 1 < s.len()))
            {
                return false;
            }
            out.push_str("must be an email address like \"support@example.com\", or \"\" to clear it");
        }
        Rule::AbsoluteUrl => {
            let spaced = has_space(s, true);
            match url {
                // `http` and `https` are well-formed schemes: no need to check the scheme first.
                (Some(scheme), authority, _) => {
                    let http = is_letters_any_case(scheme, "http") || is_letters_any_case(scheme, "https");
                    if http && !authority.is_empty() && !spaced {
                        return false;
                    }
                }
                (None, ..) if !s.is_empty() && !spaced => {
                    let mut with_scheme = String::from("https://");
                    with_scheme.push_str(s);
                    fix = Some(with_scheme);
                }
                (None, ..) => {}
            }
            out.push_str("must be an absolute http(s) URL like \"https://www.example.com\"");
        }
        Rule::Origin => {
            if let (Some(scheme), authority, rest) = url {
                let b = scheme.as_bytes();
                let scheme_ok = b.first().is_some_and(u8::is_ascii_alphabetic)
                    && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
                // The value up to its path, query or fragment is the fix when that is an origin.
                if scheme_ok && is_authority(authority) {
                    if authority.len() == rest.len() {
                        return false;
                    }
                    fix = Some(String::from(s.get(..s.len() - rest.len() + authority.len()).unwrap_or(s)));
                }
            }
            out.push_str("must be an origin (scheme://host[:port], no path) like \"https://example.com\"");
        }
    }
    out.push_str("; got ");
    push_quoted(out, s);
    if let Some(fix) = fix {
        out.push_str(" (use ");
        push_quoted(out, &fix);
        out.push(')');
    }
    true
}

/// Whether the text after `scheme://` is `host[:port]` and nothing else (`[v6]` for an IPv6 host).
fn is_authority(authority: &str) -> bool {
    let (host, after) = match authority.strip_prefix('[') {
        Some(v6) => match split_byte(v6, b']') {
            Some(parts) => parts,
            None => return false,
        },
        None => {
            let colon = find_byte(authority, b':').unwrap_or(authority.len());
            (authority.get(..colon).unwrap_or_default(), authority.get(colon..).unwrap_or_default())
        }
    };
    let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(|p| p.len() <= 5 && digits(p).is_some_and(|n| n <= 65535));
    port_ok && !host.is_empty() && !has_space(host, true) && !host.as_bytes().iter().any(|b| matches!(b, b'@' | b'\\'))
}

fn check_country_list(param: &str, items: &[String], problems: &mut Vec<Problem>) {
    if items.len() > 250 {
        let mut rest = String::from("has ");
        push_u64(&mut rest, items.len() as u64);
        rest.push_str(" codes; the API accepts at most 250");
        problems.push(Problem::at(param, &rest));
    }
    // Quadratic, so only for lists the API could accept; a longer one is refused above.
    if items.len() > 250 {
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if items.iter().take(i).filter(|earlier| *earlier == item).count() == 1 {
            let mut rest = String::from("lists ");
            push_quoted(&mut rest, item);
            rest.push_str(" more than once; each code may appear once");
            problems.push(Problem::at(param, &rest));
        }
    }
}
