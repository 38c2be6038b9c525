//! The wasm exports that `pkg-template/api.js` builds the JS API from: `InstanceClient`, the
//! `PendingCall` that `run` in `host.js` drives, and the table of operation names. Values cross
//! as JSON text (see `decode` and `encode`).

use super::bindings::{encode as to_json, fail, fetcher, run, signal_of};
use super::{decode, encode, HostFetch};
use crate::client::{Call, Client, Failure, HttpResponse, MAX_BODY_BYTES};
use crate::model::validate::{validate, Spelling};
use crate::model::{Operation, Problem, OPERATIONS};
use crate::prelude::*;
use crate::wire::error::{Cause, Error};
use js_sys::Promise;
use wasm_bindgen::prelude::*;

fn thrown(error: &Error) -> JsValue {
    let mut text = String::new();
    encode::error(&mut text, error);
    fail(&text)
}

fn invalid(operation: String, problems: Vec<Problem>) -> JsValue {
    thrown(&Error::InvalidParams { operation, problems })
}

/// `instances.update`: how errors name an operation.
fn label(operation: &Operation) -> String {
    let mut label = String::new();
    if let Some((group, name)) = operation.js.first() {
        label.push_str(group.js_name());
        label.push('.');
        label.push_str(name);
    }
    label
}

/// A client for one instance, made from JS options.
#[wasm_bindgen]
pub struct InstanceClient {
    client: Client<HostFetch>,
}

#[wasm_bindgen]
impl InstanceClient {
    /// Checks the options (`secretKey`, `apiUrl`, `apiVersion`, `userAgent`, `fetch`,
    /// `timeoutMs`, `retry`); throws `ClerkInvalidOptionsError` listing every problem.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<InstanceClient, JsValue> {
        let mut problems = Vec::new();
        let options_text = to_json(options);
        let parsed = decode::options(&options_text, &mut problems);
        let fetch = fetcher(options);
        if fetch.is_null() {
            let rest = "must be a fetch function, or an object with a fetch method such as a service binding";
            problems.push(Problem::new("fetch".into(), rest));
        }
        Client::checked(HostFetch::with(fetch), parsed, problems)
            .map(|client| InstanceClient { client })
            .map_err(|error| thrown(&error))
    }

    fn prepare(&self, index: usize, params: &JsValue) -> Result<(&'static Operation, crate::HttpRequest), JsValue> {
        let Some(operation) = OPERATIONS.get(index).copied() else {
            let problem = Problem::new("operation".into(), "is not an operation of this client");
            return Err(invalid("InstanceClient".into(), vec![problem]));
        };
        let label = label(operation);
        let mut problems = Vec::new();
        let entries = decode::entries(operation, &to_json(params), &label, &mut problems);
        problems.extend(validate(operation, &entries, Spelling::Js));
        if !problems.is_empty() {
            return Err(invalid(label, problems));
        }
        Ok((operation, self.client.request(operation, &entries)))
    }

    /// Sends operation number `index` of the table with `params`; `options` may hold a
    /// `signal`. Resolves to the resource, or `undefined` for 202 and 204.
    pub fn send(&self, index: usize, params: &JsValue, options: &JsValue) -> Result<Promise, JsValue> {
        let mut problems = Vec::new();
        decode::call_options(&to_json(options), &mut problems);
        let signal = signal_of(options);
        if signal.is_null() && problems.is_empty() {
            problems.push(Problem::new("signal".into(), "must be an AbortSignal (from an AbortController, or AbortSignal.timeout())"));
        }
        if !problems.is_empty() {
            let operation = OPERATIONS.get(index).map(|op| label(op)).unwrap_or_default();
            return Err(invalid(operation, problems));
        }
        let (operation, request) = self.prepare(index, params)?;
        let call = PendingCall { call: self.client.call(operation, request) };
        Ok(run(call, self.client.transport().fetcher(), &signal, MAX_BODY_BYTES))
    }

    /// The exact request `send` would make, without sending it: `{ method, url, headers, body }`
    /// as JSON, the secret key redacted. Throws what `send` would reject with for invalid params.
    #[wasm_bindgen(js_name = dryRun)]
    pub fn dry_run(&self, index: usize, params: &JsValue) -> Result<String, JsValue> {
        self.prepare(index, params).map(|(_, request)| encode::request(&request, true))
    }
}

/// One call in flight, driven by `run` in `host.js`: it sends `request`, reports each attempt to
/// `next`, and waits when told to.
#[wasm_bindgen]
pub struct PendingCall {
    call: Call,
}

#[wasm_bindgen]
impl PendingCall {
    /// The request to send, secret key included, as JSON: `{ method, url, headers, body }`.
    #[wasm_bindgen(getter)]
    pub fn request(&self) -> String {
        encode::request(&self.call.request, false)
    }

    /// The timeout of each attempt.
    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> u32 {
        self.call.timeout_ms
    }

    /// After an attempt (a response, or a `failure`: "timeout", "network", "aborted"), the next
    /// step as JSON: `{"wait": ms}`, `{"value": ...}`, `{}` or `{"error": ...}`.
    #[allow(clippy::too_many_arguments)]
    pub fn next(
        &mut self,
        status: u16,
        body: String,
        truncated: bool,
        retry_after: Option<String>,
        cf_ray: Option<String>,
        failure: Option<String>,
        message: String,
    ) -> String {
        let cause = || Cause { message: message.clone(), js: JsValue::UNDEFINED };
        let outcome = match failure.as_deref() {
            None => Ok(HttpResponse { status, body, truncated, retry_after, cf_ray }),
            Some("timeout") => Err(Failure::Timeout),
            Some("aborted") => Err(Failure::Aborted(cause())),
            Some(_) => Err(Failure::Network(cause())),
        };
        let next = self.call.after(outcome, js_sys::Date::now(), js_sys::Math::random());
        encode::step(self.call.operation(), next)
    }
}

/// The JS names of the operations as JSON: `[[index, group, name], ...]`.
#[wasm_bindgen]
pub fn operations() -> String {
    encode::operation_names(OPERATIONS)
}
