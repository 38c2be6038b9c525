//! [`HostFetch`]: the [`Transport`](crate::Transport) of Rust Workers, over the host's `fetch`
//! and timers, with web-sys types. It compiles on every target (so a Worker type-checks on the
//! host), but only sends on wasm32: elsewhere each call fails with an error saying so. The global `fetch` is bound directly (never through `window()`, which Workers
//! and Deno do not have). Every call into JS that can throw is a `catch` binding or a web-sys
//! method returning `Result`; what the host answers is checked with `dyn_into` before use.

use alloc::string::String;
use alloc::vec::Vec;
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, Request, RequestInit, Response};

use crate::client::{Failure, HttpResponse, Transport, MAX_BODY_BYTES};
use crate::wire::{Cause, HttpRequest};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(request: &Request) -> Result<Promise, JsValue>;

    /// An object with a `fetch` method: a service binding (`worker::Fetcher`), or anything shaped
    /// like one.
    #[derive(Clone, Debug)]
    pub type FetchBinding;

    #[wasm_bindgen(method, catch, js_name = fetch)]
    fn fetch(this: &FetchBinding, request: &Request) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: u32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

#[derive(Clone, Debug, Default)]
enum Fetcher {
    #[default]
    Global,
    Function(Function),
    Binding(FetchBinding),
}

/// The host's `fetch`: the global one, a function, or a service binding. A call's signal is an
/// `Option<AbortSignal>`.
#[derive(Clone, Debug, Default)]
pub struct HostFetch {
    fetcher: Fetcher,
}

impl HostFetch {
    /// The global `fetch`.
    pub fn global() -> HostFetch {
        HostFetch::default()
    }

    /// A fetch function, called as `fetch(request)` (pass it bound to its object if it needs one).
    pub fn function(fetch: Function) -> HostFetch {
        HostFetch { fetcher: Fetcher::Function(fetch) }
    }

    /// An object with a `fetch` method, such as a service binding: `HostFetch::binding(&env.service("API")?)`.
    /// `None` when it has no `fetch` method (always on the host).
    pub fn binding(object: &impl AsRef<JsValue>) -> Option<HostFetch> {
        if cfg!(not(target_arch = "wasm32")) {
            return None;
        }
        let object = object.as_ref();
        let method = Reflect::get(object, &JsValue::from_str("fetch")).ok()?;
        method.is_function().then(|| HostFetch { fetcher: Fetcher::Binding(object.clone().unchecked_into()) })
    }

    /// A function or an object with a `fetch` method; the global `fetch` for anything else.
    pub fn with(fetcher: JsValue) -> HostFetch {
        match fetcher.dyn_into::<Function>() {
            Ok(function) => HostFetch::function(function),
            Err(other) => HostFetch::binding(&other).unwrap_or_default(),
        }
    }

    fn start(&self, request: &Request) -> Result<Promise, JsValue> {
        match &self.fetcher {
            Fetcher::Global => global_fetch(request),
            Fetcher::Function(function) => function.call1(&JsValue::UNDEFINED, request)?.dyn_into::<Promise>().or_else(|value| {
                // A function that answered a value, not a promise: wrap it, and check it below.
                Ok(Promise::resolve(&value))
            }),
            Fetcher::Binding(binding) => binding.fetch(request),
        }
    }
}

fn cause(message: &str, js: JsValue) -> Cause {
    let message = match js.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => js.as_string().unwrap_or_else(|| String::from(message)),
    };
    #[cfg(target_arch = "wasm32")]
    return Cause { message, js };
    #[cfg(not(target_arch = "wasm32"))]
    return Cause { message };
}

/// A promise that rejects after `ms` (and aborts `controller`), with the timer to clear.
struct Deadline {
    promise: Promise,
    timer: JsValue,
    _fire: Closure<dyn FnMut()>,
}

impl Deadline {
    fn new(ms: u32, controller: AbortController) -> Deadline {
        let reject: Rc<RefCell<Option<Function>>> = Rc::default();
        let slot = reject.clone();
        let promise = Promise::new(&mut |_, reject| *slot.borrow_mut() = Some(reject));
        let fire = Closure::new(move || {
            controller.abort();
            if let Some(reject) = reject.borrow_mut().take() {
                let _ = reject.call1(&JsValue::UNDEFINED, &JsValue::from_str("timeout"));
            }
        });
        // Cleared when the call is over (`Drop`), so it never rejects with nobody waiting.
        let timer = set_timeout(fire.as_ref().unchecked_ref(), ms);
        Deadline { promise, timer, _fire: fire }
    }

    /// Waits for `promise`, or fails with `Failure::Timeout` at the deadline.
    async fn race(&self, promise: &Promise, what: &str) -> Result<JsValue, Failure> {
        let both = Array::of2(promise, &self.promise);
        JsFuture::from(Promise::race(&both)).await.map_err(|thrown| {
            if thrown.as_string().as_deref() == Some("timeout") {
                Failure::Timeout
            } else {
                Failure::Network(cause(what, thrown))
            }
        })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}

fn build(request: &HttpRequest, signal: &AbortSignal) -> Result<Request, JsValue> {
    let headers = Headers::new()?;
    for (name, value) in &request.headers {
        headers.append(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    Request::new_with_str_and_init(&request.url, &init)
}

/// The body as text, at most `limit` bytes of it, and whether it was cut.
async fn read_body(response: &Response, limit: usize, deadline: &Deadline) -> Result<(String, bool), Failure> {
    let Some(stream) = response.body() else { return Ok((String::new(), false)) };
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| Failure::Malformed("its body cannot be read as a stream".into()))?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = deadline.race(&reader.read(), "the body broke off").await?;
        if Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()) == Some(true) {
            return Ok((String::from_utf8_lossy(&bytes).into_owned(), false));
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value")).unwrap_or_default();
        let Some(array) = value.dyn_ref::<Uint8Array>() else {
            return Err(Failure::Malformed("its body stream gave a chunk that is not bytes".into()));
        };
        let room = limit - bytes.len();
        let take = (array.length() as usize).min(room);
        let start = bytes.len();
        bytes.resize(start + take, 0);
        array.subarray(0, take as u32).copy_to(&mut bytes[start..]);
        if take < array.length() as usize {
            let _ = reader.cancel();
            return Ok((String::from_utf8_lossy(&bytes).into_owned(), true));
        }
    }
}

impl Transport for HostFetch {
    type Signal = Option<AbortSignal>;

    async fn fetch(&self, request: &HttpRequest, timeout_ms: u32, signal: &Option<AbortSignal>) -> Result<HttpResponse, Failure> {
        if cfg!(not(target_arch = "wasm32")) {
            let message = "HostFetch sends through a JS host's fetch, and there is none here: build for wasm32 (a Worker), or use a Transport of your own";
            return Err(Failure::Network(Cause { message: message.into(), #[cfg(target_arch = "wasm32")] js: JsValue::UNDEFINED }));
        }
        if let Some(signal) = signal.as_ref().filter(|s| s.aborted()) {
            return Err(Failure::Aborted(cause("aborted", signal.reason())));
        }
        let controller = AbortController::new().map_err(|e| Failure::Network(cause("no AbortController", e)))?;
        let fetch_signal = match signal {
            Some(caller) => AbortSignal::any(&Array::of2(caller, &controller.signal())),
            None => controller.signal(),
        };
        let request = build(request, &fetch_signal).map_err(|e| Failure::Network(cause("the request could not be built", e)))?;
        let deadline = Deadline::new(timeout_ms, controller);
        let outcome = async {
            let started = self.start(&request).map_err(|e| Failure::Network(cause("the host's fetch threw", e)))?;
            let answer = deadline.race(&started, "the host's fetch failed").await?;
            let response: Response = answer
                .dyn_into()
                .map_err(|_| Failure::Malformed("it is not a Response".into()))?;
            let headers = response.headers();
            let header = |name: &str| headers.get(name).ok().flatten();
            let (retry_after, cf_ray) = (header("retry-after"), header("cf-ray"));
            let (body, truncated) = read_body(&response, MAX_BODY_BYTES, &deadline).await?;
            Ok(HttpResponse { status: response.status(), body, truncated, retry_after, cf_ray })
        }
        .await;
        match (outcome, signal) {
            (Err(_), Some(signal)) if signal.aborted() => Err(Failure::Aborted(cause("aborted", signal.reason()))),
            (outcome, _) => outcome,
        }
    }

    async fn sleep(&self, ms: u32, signal: &Option<AbortSignal>) -> Result<(), Failure> {
        if cfg!(not(target_arch = "wasm32")) {
            return Ok(());
        }
        let wake: Rc<RefCell<Option<Function>>> = Rc::default();
        let slot = wake.clone();
        let promise = Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve));
        let done = Closure::<dyn FnMut()>::new(move || {
            if let Some(resolve) = wake.borrow_mut().take() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        let timer = set_timeout(done.as_ref().unchecked_ref(), ms);
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", done.as_ref().unchecked_ref());
        }
        let _ = JsFuture::from(promise).await;
        clear_timeout(&timer);
        match signal {
            Some(signal) => {
                let _ = signal.remove_event_listener_with_callback("abort", done.as_ref().unchecked_ref());
                if signal.aborted() {
                    return Err(Failure::Aborted(cause("aborted while waiting to retry", signal.reason())));
                }
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn now_ms(&self) -> f64 {
        if cfg!(target_arch = "wasm32") {
            js_sys::Date::now()
        } else {
            0.0
        }
    }

    fn random(&self) -> f64 {
        if cfg!(target_arch = "wasm32") {
            js_sys::Math::random()
        } else {
            0.5
        }
    }
}
