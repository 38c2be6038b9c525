//! The npm package's module (feature `npm`): three C-ABI exports and no imports at all, driven by
//! the package's own JS (`pkg-template/api.js`). Each exchange is: `buffer(n)` empties the arena
//! and gives `n` bytes for the input text, the JS writes UTF-8 there, `run(kind, len, now,
//! random)` answers with the length of the output text, found at `output()`.
//!
//! Why this shape (ARCHITECTURE.md, "What crosses the boundary"):
//! - **No imports.** Nothing in the module calls JS, so no JS exception can unwind through wasm
//!   frames (leaving the shadow stack pointer, a borrow or the heap half-updated, issues 14 and
//!   15). The only exceptions an export can raise are a trap (a bug) and a stack overflow when
//!   called near the JS stack limit; the JS then drops the instance and makes a new one from
//!   the same compiled module, which the module allows because:
//! - **No state between exchanges.** A client is its checked options, which the JS keeps as the
//!   text `client` returned and passes back with every exchange; a call is its operation and the
//!   number of attempts made. A new instance serves any client.
//! - **Text both ways.** Strings are written by `TextEncoder.encodeInto` from values the JS made
//!   strings itself, so every input is UTF-8 by construction; JSON is what `JSON.stringify` and
//!   `JSON.parse` do fastest. Compared with wasm-bindgen's generated glue (4.0 KB gzip, plus its
//!   runtime in the module) the JS side of this protocol is 60 lines.
//!
//! The exchanges (lines are separated by `\n`; JSON text never holds a raw newline):
//! - `CLIENT`: `facts` (`browser` or empty), options JSON. Answers `O<client>\n<headers>\n<headers
//!   with a body>`: the checked options as one line, which every later exchange starts with, and
//!   the headers of the client's requests as JSON objects (the same for every call, so the JS
//!   reads them once); or `E<error JSON>`.
//! - `PREPARE`: client, operation (its index, or `index,n` when called by its `n`th JS name,
//!   which messages then use), `1` for a dry run, call options JSON, params JSON.
//!   Answers `R<timeout ms>,<1 if a 2xx has a resource to read, else 0>\n<method>\n<URL>\n<body>`
//!   (the body empty when there is none; the headers are the client's), for a dry run
//!   `R…\n<request JSON>` with the secret key hidden, or `E<error JSON>`.
//! - `AFTER`: client, operation index, attempts made, the outcome as the JSON array
//!   `[failure, status, retryAfter, cfRay, truncated, message]`, then the body as is. Answers a
//!   step (see `encode::step`).
//!
//! - `SETTINGS`: client, `plan` or `apply`, options JSON (`{signal}`, or `{signal, verify}` for
//!   `apply`), the settings document JSON. Checks every section at once and answers
//!   `O{"verify":[reads,waitMs],"sections":[[index, 1 if it needs its read, fields set],...]}`
//!   (sections in apply order, by their index in `SECTIONS`) or `E<error JSON>`.
//! - `PLAN`: client, section index, `plan` or `verify`, the document JSON, then the body of the
//!   section's read as the API sent it (empty when it was not read). Answers `P<section plan
//!   JSON>` (see `encode::section_plan`), or for `verify` `S<JSON array of the fields a read does
//!   not show yet>` (without a body: every field a read can confirm); or `E<error JSON>`.
//! - `EDIT`: client, list edit index, `check` or `merge`, options JSON, items JSON, then (for
//!   `merge`) the body of the list's read. `check` answers `O{"verify":[reads,waitMs]}`; `merge`
//!   answers `N<report>` when nothing changes or `W<report>\n<params>` (see `encode::list_edit`);
//!   either may answer `E<error JSON>`.
//!
//! The document and the items are encoded once by the JS and passed whole to each exchange, so
//! every exchange sees the same values (a getter is never read twice).
//!
//! A protocol error (which only a bug in the JS can cause) answers `X<message>`.

use alloc::alloc::{alloc, Layout};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;

use super::arena::Arena;
use super::{decode, encode};
use crate::client::{Failure, HttpResponse, Options, MAX_BODY_BYTES};
use crate::model::{validate, Operation, Problem, Spelling, OPERATIONS};
use crate::text::{digits, push_u64, split_byte, split_each, utf8};
use crate::wire::{encode_body, parse, Cause, Error, HttpRequest, Json, Retry};

#[cfg(feature = "npm-settings")]
use {
    super::table::{APPLY_OPTIONS, CALL_OPTIONS},
    crate::client::settings::Verify,
    crate::model::{Entry, Patch, Section, Value, LIST_EDITS, SECTIONS},
    crate::wire::read_resource,
};

#[global_allocator]
static ARENA: Arena = Arena::new();

// A panic traps at once (a bug); the JS replaces the instance. No message is formatted.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// Where the input and the output of the current exchange are.
struct Exchange {
    input: Cell<(usize, usize)>,
    output: Cell<usize>,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread.
unsafe impl Sync for Exchange {}

static EXCHANGE: Exchange = Exchange { input: Cell::new((0, 0)), output: Cell::new(0) };

/// Starts an exchange: empties the arena and returns room for `len` bytes of input.
#[no_mangle]
pub extern "C" fn buffer(len: usize) -> *mut u8 {
    ARENA.reset();
    // SAFETY: a non-zero size with alignment 1 is a valid layout.
    let ptr = unsafe { alloc(Layout::from_size_align_unchecked(len.max(1), 1)) };
    EXCHANGE.input.set((ptr as usize, if ptr.is_null() { 0 } else { len }));
    ptr
}

/// Where the output of the last `run` starts.
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    EXCHANGE.output.get() as *const u8
}

/// Runs an exchange on the first `len` bytes of the input; returns the output's length.
#[no_mangle]
pub extern "C" fn run(kind: u32, len: usize, now_ms: f64, random: f64) -> usize {
    let (ptr, capacity) = EXCHANGE.input.get();
    // SAFETY: `buffer` allocated `capacity` bytes at `ptr` in this exchange, and the arena keeps
    // them until the next `buffer`.
    let bytes = unsafe { core::slice::from_raw_parts(ptr as *const u8, len.min(capacity)) };
    let mut out = String::new();
    match utf8(bytes) {
        Some(input) => match kind {
            0 => client(input, &mut out),
            1 => prepare(input, &mut out),
            2 => after(input, now_ms, random, &mut out),
            #[cfg(feature = "npm-settings")]
            3 => settings(input, &mut out),
            #[cfg(feature = "npm-settings")]
            4 => plan(input, &mut out),
            #[cfg(feature = "npm-settings")]
            5 => edit(input, &mut out),
            _ => out.push_str("Xunknown exchange"),
        },
        None => out.push_str("Xthe input is not UTF-8"),
    }
    EXCHANGE.output.set(out.as_ptr() as usize);
    let len = out.len();
    core::mem::forget(out);
    len
}

/// The first line of `text` and the rest.
fn line(text: &str) -> (&str, &str) {
    split_byte(text, b'\n').unwrap_or((text, ""))
}

fn fail(out: &mut String, mut error: Error, secret: &str) {
    error.redact(secret);
    out.push('E');
    encode::error(out, &error);
}

fn client(input: &str, out: &mut String) {
    let (facts, text) = line(input);
    let in_browser = facts == "browser";
    let mut problems = Vec::new();
    let Some(mut json) = decode::read_json(text, "options", &mut problems) else {
        return fail(out, Error::InvalidOptions { problems }, "");
    };
    let secret = String::from(decode::secret_key(&json));
    let options = decode::client_options(&json, in_browser, &mut problems);
    // `secretKey` itself holds the key whenever it is a non-empty string.
    if !problems.is_empty() && !secret.is_empty() {
        // The key may sit where another option belongs and be quoted there, cut short:
        // read the options again with it taken out everywhere but in `secretKey` itself.
        json.redact(&secret);
        if let Json::Object(members) = &mut json {
            for (key, value) in members {
                if key == "secretKey" {
                    *value = Json::String(secret.clone());
                }
            }
        }
        problems.clear();
        decode::client_options(&json, in_browser, &mut problems);
    }
    if !problems.is_empty() {
        return fail(out, Error::InvalidOptions { problems }, &secret);
    }
    out.push('O');
    let retry = options.retry;
    for (i, field) in [&options.secret_key, &options.api_url, &options.api_version, &options.user_agent].into_iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.push_str(field);
    }
    for n in [options.timeout_ms, retry.max_attempts, retry.max_delay_ms, retry.base_delay_ms] {
        out.push('\t');
        push_u64(out, n.into());
    }
    for with_body in [false, true] {
        out.push('\n');
        encode::headers(out, options.headers(with_body).iter().map(|(name, value)| (*name, value.as_str())));
    }
}

/// The options of a client line that `client` wrote.
fn options_of(line: &str) -> Options {
    let mut fields = split_each(line, b'\t');
    let mut text = || String::from(fields.next().unwrap_or_default());
    let mut options = Options::new(text());
    options.api_url = text();
    options.api_version = text();
    options.user_agent = text();
    let mut number = || fields.next().and_then(digits).and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
    options.timeout_ms = number();
    options.retry = Retry { max_attempts: number(), max_delay_ms: number(), base_delay_ms: number() };
    options
}

/// The index written in `text`, and the entry of `table` there.
fn nth<T>(table: &'static [T], text: &str) -> Option<(usize, &'static T)> {
    let index = usize::try_from(digits(text)?).ok()?;
    Some((index, table.get(index)?))
}

/// The client's options and the operation of an exchange, from its first two lines: the
/// operation is its index, or `index,n` when the caller called it by its `n`th JS name.
fn call_of(input: &str) -> Option<(Options, &'static Operation, usize, &str)> {
    let (client, rest) = line(input);
    let (reference, rest) = line(rest);
    let (index, js_name) = split_byte(reference, b',').unwrap_or((reference, "0"));
    let (_, operation) = nth(OPERATIONS, index)?;
    let js_name = usize::try_from(digits(js_name)?).ok()?;
    Some((options_of(client), *operation, js_name, rest))
}

fn prepare(input: &str, out: &mut String) {
    let Some((options, operation, js_name, rest)) = call_of(input) else { return out.push_str("Xno such operation") };
    let (dry, rest) = line(rest);
    let (call_text, params_text) = line(rest);
    let secret = options.secret_key.as_str();
    let mut problems = Vec::new();
    // Through `checked`, as the params: a value quoted cut short must not end in part of the key.
    checked(call_text, "call options", secret, &mut problems, decode::call_options_json);
    let entries = checked(params_text, "params", secret, &mut problems, |json, problems| {
        let entries = decode::params_entries(operation, js_name, json, problems);
        problems.extend(validate(operation, &entries, Spelling::Js));
        entries
    })
    .unwrap_or_default();
    if !problems.is_empty() {
        return fail(out, Error::InvalidParams { operation: operation.js_label(js_name), problems }, secret);
    }
    out.push('R');
    push_u64(out, options.timeout_ms.into());
    // Whether a 2xx answer has a body to read: without one, any 2xx ends the call as a success
    // (as `Call::after` decides), and the JS need not ask the module.
    out.push_str(if operation.resource.is_some() { ",1\n" } else { ",0\n" });
    if dry == "1" {
        return encode::request(out, &options.request(operation, &entries), true);
    }
    // Lines, without the headers (the JS has the client's): a URL has no whitespace
    // (`Options::problems`) and JSON text no raw newline.
    let body = encode_body(operation, &entries);
    for part in [operation.method.as_str(), "\n", &options.url(operation), "\n", body.as_deref().unwrap_or_default()] {
        out.push_str(part);
    }
}

#[cfg(feature = "npm-settings")]
/// `O{"verify":[reads,waitMs]` (the caller closes the object).
fn verify_answer(out: &mut String, verify: Verify) {
    out.push_str("O{\"verify\":[");
    push_u64(out, verify.reads.into());
    out.push(',');
    push_u64(out, verify.wait_ms.into());
    out.push(']');
}

/// Parses `text` and checks it with `check`; when there are problems, checks it again with the
/// secret key taken out: messages quote values cut short, and no part of the key may survive at
/// the end of an excerpt. Answers what the first check made.
fn checked<T>(text: &str, param: &str, secret: &str, problems: &mut Vec<Problem>, check: impl Fn(&Json, &mut Vec<Problem>) -> T) -> Option<T> {
    let mut json = decode::read_json(text, param, problems)?;
    let mut found = Vec::new();
    let value = check(&json, &mut found);
    // Without the key in the JSON, taking it out changes nothing and the second check finds the
    // same problems: no search for it first (0.1 KB gzip).
    if !found.is_empty() {
        json.redact(secret);
        found.clear();
        check(&json, &mut found);
    }
    problems.extend(found);
    Some(value)
}

#[cfg(feature = "npm-settings")]
fn settings(input: &str, out: &mut String) {
    let (client, rest) = line(input);
    let (what, rest) = line(rest);
    let (options_text, document) = line(rest);
    let options = options_of(client);
    let secret = options.secret_key.as_str();
    let apply = what == "apply";
    let mut problems = Vec::new();
    let table = if apply { APPLY_OPTIONS } else { CALL_OPTIONS };
    let verify = checked(options_text, "options", secret, &mut problems, |json, problems| decode::call_options_in(json, table, Verify::OFF, problems));
    let sections = checked(document, "settings", secret, &mut problems, decode::settings_entries).unwrap_or_default();
    if !problems.is_empty() {
        let operation = if apply { "settings.apply" } else { "settings.plan" };
        return fail(out, Error::InvalidParams { operation: operation.into(), problems }, secret);
    }
    verify_answer(out, verify.unwrap_or(Verify::OFF));
    out.push_str(",\"sections\":[");
    for (i, (index, entries)) in sections.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_u64(out, *index as u64);
        let read = SECTIONS.get(*index).is_some_and(|section| section.needs_read(entries));
        out.push_str(if read { ",1," } else { ",0," });
        push_u64(out, entries.len() as u64);
        out.push(']');
    }
    out.push_str("]}");
}

#[cfg(feature = "npm-settings")]
/// The fields of a section's read resource from the body the API sent; `None` when not read.
fn current(section: &Section, body: &str, secret: &str) -> Result<Option<Vec<Patch<Value>>>, Error> {
    let Some(read) = section.read else { return Ok(None) };
    let Some(resource) = read.resource.filter(|_| !body.is_empty()) else { return Ok(None) };
    match read_resource(resource, body) {
        Ok(fields) => Ok(Some(fields)),
        Err(reason) => {
            let mut excerpt = crate::wire::excerpt(body);
            crate::text::redact(&mut excerpt, secret);
            Err(Error::UnexpectedResponse { request: read.request_line(), status: 200, reason, excerpt })
        }
    }
}

#[cfg(feature = "npm-settings")]
fn plan(input: &str, out: &mut String) {
    let (client, rest) = line(input);
    let (index, rest) = line(rest);
    let (mode, rest) = line(rest);
    let (document, body) = line(rest);
    let Some((wanted, section)) = nth(SECTIONS, index) else { return out.push_str("Xno such section") };
    let options = options_of(client);
    let secret = options.secret_key.as_str();
    let mut problems = Vec::new();
    let sections = checked(document, "settings", secret, &mut problems, decode::settings_entries).unwrap_or_default();
    if !problems.is_empty() {
        return fail(out, Error::InvalidParams { operation: "settings.plan".into(), problems }, secret);
    }
    // Each section is there once at most. A loop, not `find` and `map`: 70 B gzip less.
    let mut entries: Vec<Entry> = Vec::new();
    for (index, section_entries) in sections {
        if index == wanted {
            entries = section_entries;
        }
    }
    let current = match current(section, body, secret) {
        Ok(current) => current,
        Err(error) => return fail(out, error, secret),
    };
    if mode == "verify" {
        out.push('S');
        return encode::names(out, &section.unconfirmed(&entries, current.as_deref()));
    }
    let diff = section.diff(&entries, current.as_deref());
    let request = (!diff.send.is_empty()).then(|| options.request(section.update, &diff.send));
    out.push('P');
    encode::section_plan(out, section, &diff, request.as_ref());
}

#[cfg(feature = "npm-settings")]
fn edit(input: &str, out: &mut String) {
    let (client, rest) = line(input);
    let (index, rest) = line(rest);
    let (stage, rest) = line(rest);
    let (options_text, rest) = line(rest);
    let (items_text, body) = line(rest);
    let Some((_, edit)) = nth(LIST_EDITS, index) else { return out.push_str("Xno such list edit") };
    let options = options_of(client);
    let secret = options.secret_key.as_str();
    let label = edit.label(Spelling::Js);
    let mut problems = Vec::new();
    let verify = checked(options_text, "options", secret, &mut problems, |json, problems| {
        decode::call_options_in(json, APPLY_OPTIONS, Verify::default(), problems)
    });
    let items = checked(items_text, edit.argument, secret, &mut problems, |json, problems| {
        let items = decode::string_list(json, edit.argument, problems);
        if problems.is_empty() {
            problems.extend(edit.check(&items));
        }
        items
    })
    .unwrap_or_default();
    if !problems.is_empty() {
        return fail(out, Error::InvalidParams { operation: label, problems }, secret);
    }
    if stage == "check" {
        verify_answer(out, verify.unwrap_or_default());
        return out.push('}');
    }
    let fields = match current(edit.section, body, secret) {
        Ok(fields) => fields.unwrap_or_default(),
        Err(error) => return fail(out, error, secret),
    };
    let before = edit.current(&fields);
    match edit.merge(&before, &items, Spelling::Js) {
        Ok(merged) => {
            out.push(if merged.changed.is_empty() { 'N' } else { 'W' });
            encode::list_edit(out, edit, &before, &merged);
        }
        Err(problems) => fail(out, Error::InvalidParams { operation: label, problems }, secret),
    }
}

fn after(input: &str, now_ms: f64, random: f64, out: &mut String) {
    let Some((options, operation, _, rest)) = call_of(input) else { return out.push_str("Xno such operation") };
    let (attempts, rest) = line(rest);
    let (outcome, body) = line(rest);
    let Ok(Json::Array(fields)) = parse(outcome) else { return out.push_str("Xno outcome") };
    let text = |i: usize| Some(String::from(fields.get(i)?.as_str()?));
    let message = text(5).unwrap_or_default();
    let outcome = match text(0).as_deref() {
        Some("timeout") => Err(Failure::Timeout),
        Some("network") => Err(Failure::Network(Cause { message })),
        Some("malformed") => Err(Failure::Malformed(message)),
        _ => Ok(HttpResponse {
            status: fields.get(1).and_then(Json::as_i64).and_then(|n| u16::try_from(n).ok()).unwrap_or(0),
            body: body.into(),
            truncated: matches!(fields.get(4), Some(Json::Bool(true))) || body.len() > MAX_BODY_BYTES,
            retry_after: text(2),
            cf_ray: text(3),
        }),
    };
    let request = HttpRequest { method: operation.method, url: String::new(), headers: Vec::new(), body: None };
    let made = digits(attempts).and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
    let next = options.call(operation, request).after_attempts(made.saturating_sub(1)).after(outcome, now_ms, random);
    encode::step(out, operation, &next);
}
