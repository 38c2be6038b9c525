//! [`HostFetch`]: the [`Transport`] over the host's `fetch` and `setTimeout`.

use crate::prelude::*;

use super::bindings::{send, sleep, Outcome};
use crate::client::{Failure, HttpResponse, Transport, MAX_BODY_BYTES};
use crate::wire::error::Cause;
use crate::wire::request::HttpRequest;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The host's `fetch`: the global one, or one the caller supplies (a service binding, a proxy,
/// a test double). The per-call signal is an `AbortSignal` or `undefined`.
#[derive(Clone, Debug, Default)]
pub struct HostFetch {
    fetcher: JsValue,
}

/// An attempt's outcome as `host.js` reports it.
fn outcome(outcome: &Outcome) -> Result<HttpResponse, Failure> {
    match outcome.failure().as_deref() {
        None => Ok(HttpResponse {
            status: outcome.status(),
            body: outcome.body(),
            truncated: outcome.truncated(),
            retry_after: outcome.retry_after(),
            cf_ray: outcome.cf_ray(),
        }),
        Some("timeout") => Err(Failure::Timeout),
        Some("aborted") => Err(Failure::Aborted(cause(outcome.message(), outcome.cause()))),
        Some(_) => Err(Failure::Network(cause(outcome.message(), outcome.cause()))),
    }
}

impl HostFetch {
    /// The global `fetch`.
    pub fn global() -> HostFetch {
        HostFetch::default()
    }

    /// A caller-supplied fetch: a function called as `fetch(url, init)` (pass it bound), or an
    /// object with a `fetch` method (a service binding).
    pub fn with(fetcher: JsValue) -> HostFetch {
        HostFetch { fetcher }
    }

    /// The caller's fetch; `undefined` for the global one.
    pub fn fetcher(&self) -> &JsValue {
        &self.fetcher
    }
}

fn cause(message: String, js: JsValue) -> Cause {
    Cause { message, js }
}

impl Transport for HostFetch {
    type Signal = JsValue;

    async fn fetch(&self, request: &HttpRequest, timeout_ms: u32, signal: &JsValue) -> Result<HttpResponse, Failure> {
        let headers = Object::new();
        for (name, value) in &request.headers {
            // Setting a string key on a fresh plain object cannot fail.
            let _ = Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        let promise = send(
            &self.fetcher,
            &request.url,
            request.method.as_str(),
            &headers,
            request.body.clone(),
            timeout_ms,
            signal,
            MAX_BODY_BYTES,
        );
        match JsFuture::from(promise).await {
            Ok(value) => outcome(value.unchecked_ref()),
            Err(thrown) => Err(Failure::Network(cause("the host's fetch failed".into(), thrown))),
        }
    }

    async fn sleep(&self, ms: u32, signal: &JsValue) -> Result<(), Failure> {
        let aborted = JsFuture::from(sleep(ms, signal)).await.ok().and_then(|v| v.as_bool()).unwrap_or(false);
        if !aborted {
            return Ok(());
        }
        let reason = Reflect::get(signal, &JsValue::from_str("reason")).unwrap_or_default();
        Err(Failure::Aborted(cause("aborted while waiting to retry".into(), reason)))
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
