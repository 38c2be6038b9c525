//! The raw JS bindings, all in one place: the functions of `host.js`.

use super::exports::PendingCall;
use crate::prelude::*;
use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/host/host.js")]
extern "C" {
    /// A JS value as JSON text, with markers for what JSON cannot carry (see `decode`).
    pub fn encode(value: &JsValue) -> String;

    /// The error object for an error's JSON (see `encode::error`).
    pub fn fail(error: &str) -> JsValue;

    /// The `fetch` option: `undefined` when absent, `null` when it is not a function or an
    /// object with a `fetch` method.
    pub fn fetcher(options: &JsValue) -> JsValue;

    /// The `signal` of a call's options: `undefined` when absent, `null` when it is not an
    /// AbortSignal.
    #[wasm_bindgen(js_name = signalOf)]
    pub fn signal_of(options: &JsValue) -> JsValue;

    /// Drives a [`PendingCall`] (attempts, waits, the caller's signal); resolves to its result.
    pub fn run(call: PendingCall, fetcher: &JsValue, signal: &JsValue, limit: usize) -> Promise;

    /// One fetch attempt with its timeout; resolves to an [`Outcome`], never rejects.
    #[allow(clippy::too_many_arguments)]
    pub fn send(
        fetcher: &JsValue,
        url: &str,
        method: &str,
        headers: &Object,
        body: Option<String>,
        timeout_ms: u32,
        signal: &JsValue,
        limit: usize,
    ) -> Promise;

    /// Resolves to `true` when the signal fired before `ms` passed.
    pub fn sleep(ms: u32, signal: &JsValue) -> Promise;

    /// What [`send`] resolves to.
    pub type Outcome;
    #[wasm_bindgen(method, getter)]
    pub fn failure(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    pub fn cause(this: &Outcome) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub fn message(this: &Outcome) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &Outcome) -> u16;
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &Outcome) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn truncated(this: &Outcome) -> bool;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    pub fn retry_after(this: &Outcome) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = cfRay)]
    pub fn cf_ray(this: &Outcome) -> Option<String>;
}
