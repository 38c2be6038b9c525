//! Reading what a JS caller passed: params, client options and call options. The package's JS
//! serializes them with `JSON.stringify` and a replacer, so a missing key or `undefined` is
//! already absent and `null` is null; what JSON would lose or alter (NaN, BigInt, functions,
//! class instances, unpaired surrogates, getters that throw) arrives as a marker object
//! `{"\u0000": "<what>"}`, and so do the facts only JS can see (a real `AbortSignal`, a fetch
//! function). JS reports; the rules are here. Plain Rust, so it is tested natively.

use alloc::string::String;
use alloc::vec::Vec;

use super::table::{option, CallOption, ClientOption, JsOption, RetryOption, VerifyOption, CALL_OPTIONS, CLIENT_OPTIONS, RETRY_OPTIONS, VERIFY_OPTIONS};
use crate::client::settings::Verify;
use crate::client::Options;
pub use crate::model::unknown_key;
use crate::model::{kind_phrase, null_section, unknown_section, Entry, Field, Kind, Operation, Patch, Problem, Spelling, Value, SECTIONS};
use crate::text::{find_byte, is_js_name, js_name, push_quoted, push_u64};
use crate::wire::{parse, Json, Retry};

/// The key of a marker object.
pub const MARKER: &str = "\u{0}";

/// A caller's key as the caller wrote it: the package's JS puts one more `\u0000` in front of keys that
/// start with one, so that no caller's object passes for a marker.
fn caller_key(key: &str) -> &str {
    key.strip_prefix('\u{0}').unwrap_or(key)
}

/// What a marker stands for: `"function"`, `"NaN"`, `"bigint"`, `"thrown"`...
fn marker(json: &Json) -> Option<&str> {
    match json {
        Json::Object(members) => match members.as_slice() {
            // `MARKER`, compared as the byte it is.
            [(key, Json::String(what)), ..] if key.as_bytes() == [0] => Some(what),
            _ => None,
        },
        _ => None,
    }
}

/// The text a marker carries (a BigInt's digits, a thrown message).
fn marker_value(json: &Json) -> &str {
    json.get("value").and_then(Json::as_str).unwrap_or_default()
}

/// The problem "`param` <rest>; got <what json is>", as `the string "yes"` or `the number 3.5`.
/// One function for every such problem: building the text at each call site was 0.1 KB gzip
/// more wasm.
fn given(problems: &mut Vec<Problem>, param: &str, rest: &str, json: &Json) {
    let mut text = String::from(rest);
    text.push_str("; got ");
    let marker = marker(json);
    let (phrase, value) = match (json, marker) {
        (_, Some("bigint")) => ("the BigInt ", marker_value(json)),
        (_, Some(number @ ("NaN" | "Infinity" | "-Infinity"))) => ("the number ", number),
        (_, Some("function")) => ("a function", ""),
        (_, Some("symbol")) => ("a symbol", ""),
        (_, Some("undefined")) => ("undefined", ""),
        (_, Some(_)) | (Json::Object(_), _) => ("an object", ""),
        (Json::String(s), _) => {
            text.push_str("the string ");
            push_quoted(&mut text, s);
            ("", "")
        }
        (Json::Number(n), _) => ("the number ", n.as_str()),
        (Json::Bool(true), _) => ("true", ""),
        (Json::Bool(false), _) => ("false", ""),
        (Json::Null, _) => ("null", ""),
        (Json::Array(_), _) => ("an array", ""),
    };
    text.push_str(phrase);
    text.push_str(value);
    report(problems, param, &text);
}

/// Pushes the problem "`param` <rest>": one place that builds and pushes a problem is smaller
/// than a push at each.
#[inline(never)]
fn report(problems: &mut Vec<Problem>, param: &str, rest: &str) {
    problems.push(Problem::at(param, rest));
}

/// The problem "`param` could not be read: <why>", then the message of a `thrown` marker.
fn unreadable(problems: &mut Vec<Problem>, param: &str, why: &str, thrown: Option<&Json>) {
    let mut rest = String::from("could not be read: ");
    rest.push_str(why);
    if let Some(json) = thrown {
        push_quoted(&mut rest, marker_value(json));
    }
    report(problems, param, &rest);
}

/// The members of a plain object, or `None` with the problem with the value pushed.
fn members<'a>(json: &'a Json, param: &str, problems: &mut Vec<Problem>) -> Option<&'a [(String, Json)]> {
    match (json, marker(json)) {
        (_, Some("thrown")) => unreadable(problems, param, "", Some(json)),
        (_, Some("too large")) => {
            report(problems, param, "is larger than 1 MiB as JSON; no instance setting needs that much");
        }
        (Json::Object(members), None) => return Some(members),
        _ => given(problems, param, "must be a plain object", json),
    }
    None
}

/// The problem that `json` is not of `kind`.
fn not_of_kind(problems: &mut Vec<Problem>, param: &str, kind: Kind, nullable: bool, json: &Json) {
    let mut rule = String::from(kind_phrase(kind));
    if nullable {
        rule.push_str(", or null");
    }
    given(problems, param, &rule, json);
}

/// The string, or `None` with its problem pushed (`kind` says what the value must be).
fn string(json: &Json, param: &str, kind: Kind, nullable: bool, problems: &mut Vec<Problem>) -> Option<String> {
    match (json, marker(json)) {
        (Json::String(s), _) => return Some(s.clone()),
        (_, Some("unpaired surrogate")) => report(
            problems,
            param,
            "contains an unpaired UTF-16 surrogate, which JSON text cannot carry; fix the string's encoding",
        ),
        _ => not_of_kind(problems, param, kind, nullable, json),
    }
    None
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

fn integer(json: &Json, param: &str, nullable: bool, problems: &mut Vec<Problem>) -> Option<i64> {
    let too_large = "is larger than a JS number holds exactly; pass it as a BigInt";
    let rest = match (json, marker(json)) {
        (_, Some("bigint")) => match crate::text::integer(marker_value(json)) {
            Some(n) => return Some(n),
            None => "must be from 0 to 9223372036854775807",
        },
        (Json::Number(text), _) => match json.as_i64() {
            Some(n) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) => return Some(n),
            Some(_) => too_large,
            // JSON.stringify writes 1e21 and up with an exponent; anything with a '.' has a fraction.
            None if find_byte(text, b'.').is_none() => too_large,
            None => "must be a whole number",
        },
        _ => {
            not_of_kind(problems, param, Kind::Integer, nullable, json);
            return None;
        }
    };
    given(problems, param, rest, json);
    None
}

/// The strings of an array (`None` when it is no array); the problems of its items, at most 10,
/// pushed to `problems`.
fn list(json: &Json, param: &str, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    let Json::Array(items) = json else { return None };
    let mut strings = Vec::new();
    let mut found = 0;
    for (i, item) in items.iter().enumerate() {
        if let Json::String(s) = item {
            strings.push(s.clone());
            continue;
        }
        // Only the first 10 problems are reported.
        found += 1;
        if found <= 10 {
            let mut item_param = String::from(param);
            item_param.push('[');
            push_u64(&mut item_param, i as u64);
            item_param.push(']');
            string(item, &item_param, Kind::String, false, problems);
        }
    }
    if found == 0 {
        Some(strings)
    } else {
        None
    }
}

/// The value of `field`, or `None` with its problems pushed to `problems`.
fn field_value(field: &Field, json: &Json, param: &str, problems: &mut Vec<Problem>) -> Option<Value> {
    let value = match (field.kind, json) {
        (Kind::Boolean, Json::Bool(b)) => Some(Value::Boolean(*b)),
        (Kind::Integer, _) => return Some(Value::Integer(integer(json, param, field.nullable, problems)?)),
        (Kind::String, _) => return Some(Value::String(string(json, param, Kind::String, field.nullable, problems)?)),
        (Kind::StringList, Json::Array(_)) => return Some(Value::StringList(list(json, param, problems)?)),
        _ => None,
    };
    if value.is_none() {
        not_of_kind(problems, param, field.kind, field.nullable, json);
    }
    value
}

/// The entries of JS params (as the package's JS serialized them) for `operation`, in
/// declaration order. Messages name the operation as the JS API does (`instances.update`; with
/// `named` 1, the operation's second name there, as `betaFeatures.changeDomain`).
pub fn entries(operation: &Operation, named: usize, params: &str, problems: &mut Vec<Problem>) -> Vec<Entry> {
    match read_json(params, "params", problems) {
        Some(json) => params_entries(operation, named, &json, problems),
        None => Vec::new(),
    }
}

/// [`entries`] of params already parsed.
pub fn params_entries(operation: &Operation, named: usize, json: &Json, problems: &mut Vec<Problem>) -> Vec<Entry> {
    if let Some("undefined") = marker(json) {
        return Vec::new();
    }
    let Some(members) = members(json, "params", problems) else { return Vec::new() };
    // Not `vec![None; n]`, which clones a `Patch` (+0.4 KB of wasm), nor `resize_with`.
    let mut slots: Vec<Patch<Value>> = Vec::new();
    for _ in operation.fields {
        slots.push(Patch::Absent);
    }
    let mut unreported = 0;
    // The JS names, built at the first unknown key.
    let mut names: Option<Vec<String>> = None;
    for (key, value) in members {
        let key = caller_key(key);
        let Some(i) = operation.fields.iter().position(|field| is_js_name(field.name, key)) else {
            // Past the cap, unknown keys are counted, not matched against every name.
            if problems.len() >= MAX_PROBLEMS {
                unreported += 1;
                continue;
            }
            let names = names.get_or_insert_with(|| {
                let mut names = Vec::new();
                for field in operation.fields {
                    names.push(js_name(field.name));
                }
                names
            });
            problems.push(unknown_key(key, names, &operation.js_label(named)));
            continue;
        };
        // A slot for each field.
        let (Some(field), Some(slot)) = (operation.fields.get(i), slots.get_mut(i)) else { continue };
        if let Some("thrown") = marker(value) {
            unreadable(problems, key, "its getter threw ", Some(value));
            continue;
        }
        *slot = match value {
            Json::Null => Patch::Null,
            _ => match field_value(field, value, key, problems) {
                Some(value) => Patch::Value(value),
                None => continue,
            },
        };
    }
    if unreported > 0 {
        let mut rest = String::from("has ");
        push_u64(&mut rest, unreported);
        rest.push_str(" more unknown keys");
        report(problems, "params", &rest);
    }
    // Loops rather than iterator adapters collected: each `collect` is its own 0.2-1 KB of wasm.
    let mut entries = Vec::new();
    for (i, patch) in slots.into_iter().enumerate() {
        if !patch.is_absent() {
            entries.push((i, patch));
        }
    }
    entries
}

/// Unknown keys are suggested for, one by one, up to this many problems; the rest are counted.
const MAX_PROBLEMS: usize = 20;

fn names<T>(table: &[JsOption<T>], keep: impl Fn(&T) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    for option in table {
        if keep(&option.meaning) {
            names.push(String::from(option.name));
        }
    }
    names
}

fn whole_number(json: &Json, param: &str, problems: &mut Vec<Problem>) -> Option<u32> {
    let n = json_u32(json);
    if n.is_none() {
        given(problems, param, "must be a whole number", json);
    }
    n
}

/// JSON text from the package's JS, or a problem: nesting beyond what the reader takes is the
/// only way its text fails to parse.
pub fn read_json(text: &str, param: &str, problems: &mut Vec<Problem>) -> Option<Json> {
    parse(text).map_err(|error| unreadable(problems, param, error.reason, None)).ok()
}

/// Client options from JS, as text. See [`client_options`].
pub fn options(text: &str, problems: &mut Vec<Problem>) -> Options {
    match read_json(text, "options", problems) {
        Some(json) => client_options(&json, false, problems),
        None => Options::new(""),
    }
}

/// The `secretKey` of options, when it is a string: known before any other option is read, so
/// that no problem quotes it (see `npm`).
pub fn secret_key(json: &Json) -> &str {
    json.get("secretKey").and_then(Json::as_str).unwrap_or_default()
}

/// Client options from JS. The `fetch` option itself stays in JS, which reports a function as
/// `{"\u0000": "function"}` and an object with a `fetch` method as `{"\u0000": "fetcher"}`;
/// `in_browser` is true when JS found a browser page (`window` and `document`) or a browser's Web
/// Worker (`importScripts`).
pub fn client_options(json: &Json, in_browser: bool, problems: &mut Vec<Problem>) -> Options {
    let mut options = Options::new("");
    let Some(members) = members(json, "options", problems) else { return options };
    let mut allow_browser = false;
    for (key, value) in members {
        let key = caller_key(key);
        let Some(meaning) = option(CLIENT_OPTIONS, key) else {
            problems.push(unknown_key(key, &names(CLIENT_OPTIONS, |m| *m != ClientOption::Ignored), "the client options"));
            continue;
        };
        match meaning {
            ClientOption::Ignored => {}
            // Never described: a wrong value could be the key itself.
            ClientOption::SecretKey if !matches!(value, Json::String(_)) => report(problems, key, "must be a string"),
            ClientOption::SecretKey if matches!(value, Json::String(secret) if secret.starts_with("pk_")) => report(
                problems,
                key,
                "is a publishable key (pk_...); pass the secret key (sk_live_... or sk_test_...) from the Clerk Dashboard (API keys)",
            ),
            // `@clerk/backend` uses apiVersion for the URL's "v1", which is what this client sends.
            ClientOption::ApiVersion if matches!(value, Json::String(v) if v == "v1") => {}
            // A wrong value leaves the default, which `Options::problems` then does not report
            // twice (it reports no param already reported).
            ClientOption::SecretKey | ClientOption::ApiUrl | ClientOption::ApiVersion | ClientOption::UserAgent => {
                if let Some(s) = string(value, key, Kind::String, false, problems) {
                    *match meaning {
                        ClientOption::SecretKey => &mut options.secret_key,
                        ClientOption::ApiUrl => &mut options.api_url,
                        ClientOption::ApiVersion => &mut options.api_version,
                        _ => &mut options.user_agent,
                    } = s;
                }
            }
            ClientOption::TimeoutMs => options.timeout_ms = whole_number(value, key, problems).unwrap_or(0),
            ClientOption::Fetch => {
                if !matches!(marker(value), Some("function" | "fetcher")) {
                    given(problems, key, "must be a fetch function, or an object with a fetch method such as a service binding", value);
                }
            }
            ClientOption::Retry => options.retry = retry(value, problems),
            ClientOption::DangerouslyAllowBrowser => match value {
                Json::Bool(allow) => allow_browser = *allow,
                _ => given(problems, key, "must be true or false", value),
            },
        }
    }
    if in_browser && !allow_browser {
        report(
            problems,
            "secretKey",
            "cannot be used in a browser (a page or its Web Workers): the secret key grants full access to the instance, and anyone who can open the page can read it; call the API from a server or a Worker, or pass `dangerouslyAllowBrowser: true` if you mean it",
        );
    }
    for problem in options.problems(Spelling::Js) {
        if !problems.iter().any(|p| p.param == problem.param) {
            problems.push(problem);
        }
    }
    options
}

fn retry(json: &Json, problems: &mut Vec<Problem>) -> Retry {
    match json {
        Json::Bool(false) => return Retry::OFF,
        Json::Bool(true) => return Retry::default(),
        _ => {}
    }
    let mut retry = Retry::default();
    nested(json, "retry", "must be false or { maxAttempts, maxDelayMs }", RETRY_OPTIONS, problems, |meaning, param, value, problems| {
        let slot = match meaning {
            RetryOption::MaxAttempts => &mut retry.max_attempts,
            RetryOption::MaxDelayMs => &mut retry.max_delay_ms,
            RetryOption::BaseDelayMs => &mut retry.base_delay_ms,
        };
        if let Some(n) = whole_number(value, &param, problems) {
            *slot = n;
        }
    });
    retry
}

/// Reads the members of a nested option (`retry`, `verify`) in order: `each` gets what a key of
/// `table` sets, its param (`retry.maxAttempts`) and its value; an unknown key is a problem, and
/// so is a value that is no plain object (`rule` says what the option takes).
fn nested<T: Copy>(
    json: &Json,
    name: &str,
    rule: &str,
    table: &'static [JsOption<T>],
    problems: &mut Vec<Problem>,
    mut each: impl FnMut(T, String, &Json, &mut Vec<Problem>),
) {
    let (Json::Object(members), None) = (json, marker(json)) else { return given(problems, name, rule, json) };
    for (key, value) in members {
        let key = caller_key(key);
        match option(table, key) {
            Some(meaning) => {
                let mut param = String::from(name);
                param.push('.');
                param.push_str(key);
                each(meaning, param, value, problems);
            }
            None => problems.push(unknown_key(key, &names(table, |_| true), name)),
        }
    }
}

/// Checks the options of one call (`{ signal }`), as text. The signal itself stays in JS, which
/// reports a real `AbortSignal` as `{"\u0000": "AbortSignal"}`.
pub fn call_options(text: &str, problems: &mut Vec<Problem>) {
    if let Some(json) = read_json(text, "call options", problems) {
        call_options_json(&json, problems);
    }
}

/// [`call_options`] already parsed.
pub fn call_options_json(json: &Json, problems: &mut Vec<Problem>) {
    call_options_in(json, CALL_OPTIONS, Verify::OFF, problems);
}

/// Checks the options of one call against `table` (`{ signal }`, or `{ signal, verify }` for
/// `settings.apply` and the list edits), and answers how to verify the writes: `default` when
/// `verify` is not given.
pub fn call_options_in(json: &Json, table: &'static [JsOption<CallOption>], default: Verify, problems: &mut Vec<Problem>) -> Verify {
    let mut verify = default;
    if matches!((json, marker(json)), (Json::Null, _) | (_, Some("undefined"))) {
        return verify;
    }
    let Some(members) = members(json, "call options", problems) else { return verify };
    for (key, value) in members {
        let key = caller_key(key);
        match option(table, key) {
            None => problems.push(unknown_key(key, &names(table, |_| true), "the call options")),
            Some(CallOption::Signal) => {
                if !matches!((value, marker(value)), (Json::Null, _) | (_, Some("AbortSignal"))) {
                    given(problems, key, "must be an AbortSignal", value);
                }
            }
            Some(CallOption::Verify) if READS_VERIFY => verify = verify_option(value, default, problems),
            Some(CallOption::Verify) => {}
        }
    }
    verify
}

/// Whether this build reads `verify`. Only `settings.apply` and the list edits take it, and the
/// npm module without settings has neither, so its tables never answer `Verify`: leaving the
/// reader and its messages out of that module is 0.4 KB gzip.
const READS_VERIFY: bool = !cfg!(feature = "npm") || cfg!(feature = "npm-settings");

fn verify_option(json: &Json, default: Verify, problems: &mut Vec<Problem>) -> Verify {
    match json {
        Json::Null => return default,
        Json::Bool(true) => return Verify::default(),
        Json::Bool(false) => return Verify::OFF,
        _ => {}
    }
    let mut verify = Verify::default();
    nested(json, "verify", "must be true, false or { reads, waitMs }", VERIFY_OPTIONS, problems, |meaning, param, value, problems| {
        let (slot, range, rest) = match meaning {
            VerifyOption::Reads => (&mut verify.reads, 1..=Verify::MAX_READS, "must be a whole number from 1 to 20"),
            VerifyOption::WaitMs => (&mut verify.wait_ms, 0..=Verify::MAX_WAIT_MS, "must be a whole number of milliseconds from 0 to 60000"),
        };
        match json_u32(value).filter(|n| range.contains(n)) {
            Some(n) => *slot = n,
            None => given(problems, &param, rest, value),
        }
    });
    verify
}

fn json_u32(json: &Json) -> Option<u32> {
    json.as_i64().and_then(|n| u32::try_from(n).ok())
}

/// A list of strings from JS (the items of a list edit), or its problems under `param`.
pub fn string_list(json: &Json, param: &str, problems: &mut Vec<Problem>) -> Vec<String> {
    let strings = list(json, param, problems);
    if !matches!(json, Json::Array(_)) {
        not_of_kind(problems, param, Kind::StringList, false, json);
    }
    strings.unwrap_or_default()
}

/// The sections of a settings document from JS, in apply order (each section's index in
/// `SECTIONS` and its entries), with every problem of every section named `section.param` (what
/// decoding found and the section's own checks, in apply order), then the keys that name no
/// section. `$schema` (an editor's link to the JSON Schema)
/// is skipped.
pub fn settings_entries(json: &Json, problems: &mut Vec<Problem>) -> Vec<(usize, Vec<Entry>)> {
    let Some(members) = members(json, "settings", problems) else { return Vec::new() };
    let mut sections = Vec::new();
    for (index, section) in SECTIONS.iter().enumerate() {
        // The last of duplicate keys wins, as with JSON.parse.
        let Some((_, value)) = members.iter().rev().find(|(key, _)| caller_key(key) == section.name) else { continue };
        if matches!(value, Json::Null) {
            problems.push(null_section(section.name));
            continue;
        }
        let mut decoded = Vec::new();
        let entries = params_entries(section.update, 0, value, &mut decoded);
        for problem in decoded {
            problems.push(problem.within(section.name));
        }
        section.check(&entries, Spelling::Js, problems);
        sections.push((index, entries));
    }
    let mut names: Option<Vec<String>> = None;
    for (key, _) in members {
        let key = caller_key(key);
        if key != "$schema" && problems.len() < MAX_PROBLEMS && !SECTIONS.iter().any(|section| section.name == key) {
            // A loop rather than `collect`: 97 B gzip less in the settings module.
            let names = names.get_or_insert_with(|| {
                let mut names = Vec::new();
                for section in SECTIONS {
                    names.push(String::from(section.name));
                }
                names
            });
            problems.push(unknown_section(key, names));
        }
    }
    sections
}
