// The host side of the wasm module: turning JS values into JSON for Rust, one fetch attempt with
// its timeout, the loop of attempts and waits, and the error classes. Validation, bodies,
// responses and the retry policy are in Rust.

const MARKER = "\u0000";
const mark = (what, value) => ({ [MARKER]: what, value });

/**
 * What a thrown value says, without throwing again: `Object.create(null)`, a throwing `message`
 * getter or `toString`, a revoked Proxy all have no string form. Every function wasm calls here
 * must return normally: an exception that unwinds through wasm leaks a slot of wasm-bindgen's
 * reference table, and enough of them break the module for good.
 */
function describe(thrown) {
  try {
    return String(thrown?.message ?? thrown);
  } catch {
    return "a value with no string form";
  }
}

/**
 * JSON.stringify's replacer. JSON drops or alters some values silently (NaN becomes null, a
 * function disappears, a Date becomes a string); those become markers so that Rust can name
 * them in an error instead of sending something the caller did not write.
 */
function replacer(key, value) {
  const raw = this[key];
  switch (typeof raw) {
    case "number":
      return Number.isFinite(raw) ? raw : mark(String(raw));
    case "bigint":
      return mark("bigint", String(raw));
    case "function":
    case "symbol":
      return mark(typeof raw);
    case "undefined":
      return Array.isArray(this) ? mark("undefined") : undefined;
    case "string":
      return raw.isWellFormed?.() === false ? mark("unpaired surrogate") : raw;
    case "object": {
      if (raw === null || Array.isArray(raw)) return value;
      const proto = Object.getPrototypeOf(raw);
      // A toJSON would send something else than the object.
      if ((proto !== Object.prototype && proto !== null) || typeof raw.toJSON === "function") return mark("object");
      // A caller's key that starts with the marker key gets one more in front, so that no
      // object can pass for a marker; Rust takes it off again.
      const keys = Object.keys(raw);
      if (!keys.some((k) => k.startsWith(MARKER))) return value;
      return Object.fromEntries(keys.map((k) => [k.startsWith(MARKER) ? MARKER + k : k, raw[k]]));
    }
  }
  return value;
}

/** Params and options larger than this (as JSON) are refused before they reach wasm memory. */
const MAX_JSON = 1 << 20;

/** A JS value as JSON text for Rust. Never throws: a getter that throws becomes a marker. */
export function encode(value) {
  try {
    const text = value === undefined ? JSON.stringify(mark("undefined")) : JSON.stringify(value, replacer);
    // A root toJSON that answers undefined, a function or a symbol leaves no text at all.
    if (typeof text !== "string") return JSON.stringify(mark("object"));
    return text.length > MAX_JSON ? JSON.stringify(mark("too large")) : text;
  } catch (error) {
    return JSON.stringify(mark("thrown", describe(error)));
  }
}

const abortedGetter = globalThis.AbortSignal && Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted")?.get;

/**
 * The `signal` of a call's options: undefined when absent, null when it is not a real
 * AbortSignal (the getter's brand check refuses look-alikes and proxies) or cannot be read.
 */
export function signalOf(options) {
  try {
    const signal = options?.signal;
    if (signal === undefined || signal === null) return undefined;
    if (abortedGetter) abortedGetter.call(signal);
    else if (typeof signal.aborted !== "boolean" || typeof signal.addEventListener !== "function") return null;
    return signal;
  } catch {
    return null;
  }
}

/** The `fetch` option: undefined when absent, null when unusable. */
export function fetcher(options) {
  try {
    const f = options?.fetch;
    if (f === undefined || typeof f === "function" || typeof f?.fetch === "function") return f;
  } catch {}
  return null;
}

/**
 * Sends one attempt through `fetcher` (the global fetch when undefined, a function, or an object
 * with a `fetch` method such as a service binding) and reads at most `limit` bytes of the body,
 * all within `timeoutMs`. Never rejects: failures come back as `{ failure, cause, message }`.
 */
export async function send(fetcher, url, method, headers, body, timeoutMs, signal, limit) {
  const failed = (failure, cause) => {
    let message = describe(cause);
    // workerd's answer to a fetch called with a foreign `this`.
    if (message.includes("Illegal invocation")) message += " (pass fetch bound to its object, or the binding itself)";
    return { failure, cause, message };
  };
  if (signal?.aborted) return failed("aborted", signal.reason);
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  signal?.addEventListener("abort", abort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  // The timeout holds even for a fetch (or a body) that ignores the signal it was given.
  const aborted = new Promise((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason)));
  const settled = (promise) => {
    promise.catch(() => {}); // may reject after the race is over
    return Promise.race([promise, aborted]);
  };
  aborted.catch(() => {});
  try {
    const init = { method, headers, body, signal: controller.signal };
    // A plain call, or a method call on its own object: a foreign `this` makes workerd throw
    // "Illegal invocation".
    const response = await settled(
      (async () => (fetcher === undefined ? fetch(url, init) : typeof fetcher === "function" ? fetcher(url, init) : fetcher.fetch(url, init)))(),
    );
    const [text, truncated] = await settled(readText(response, limit));
    return {
      status: response.status,
      body: text,
      truncated,
      retryAfter: response.headers.get("retry-after"),
      cfRay: response.headers.get("cf-ray"),
    };
  } catch (cause) {
    if (signal?.aborted) return failed("aborted", signal.reason);
    return failed(timedOut ? "timeout" : "network", cause);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
  }
}

/**
 * The body as text, at most `limit` bytes of it, and whether it was cut. A body whose length is
 * known and within the limit is read whole: workerd reports a streamed read that breaks off as
 * an unhandled rejection even when it is handled. Others are streamed and cut at the limit, so
 * that no answer can fill the isolate's memory.
 */
async function readText(response, limit) {
  if (!response.body) return ["", false];
  const length = response.headers.get("content-length");
  if (length !== null && Number(length) <= limit) {
    // Content-Length counts compressed bytes: cut what decompressed beyond the limit.
    const text = await response.text();
    return text.length > limit ? [text.slice(0, limit), true] : [text, false];
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let left = limit;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return [text + decoder.decode(), false];
    if (value.byteLength > left) {
      reader.cancel().catch(() => {});
      return [text + decoder.decode(value.subarray(0, left)), true];
    }
    left -= value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/** Waits `ms` with the global setTimeout; resolves `true` early when the signal fires. */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(true);
    const done = (aborted) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    signal?.addEventListener("abort", onAbort);
  });
}

/** Integers a JS number cannot hold exactly arrive as `{"\u0000":"bigint","value":"…"}`. */
const bigints = (key, value) => (value?.[MARKER] === "bigint" ? BigInt(value.value) : value);
const parse = (text) => (text.includes("\\u0000") ? JSON.parse(text, bigints) : JSON.parse(text));

/**
 * Drives a wasm `PendingCall`: sends its request, reports each attempt to `call.next`, which
 * answers with a wait before the next attempt, the value, or the error. The policy is in Rust;
 * this is only the loop. The caller's signal cancels attempts and waits alike.
 */
export async function run(call, fetcher, signal, limit) {
  try {
    const { method, url, headers, body } = JSON.parse(call.request);
    for (;;) {
      const o = await send(fetcher, url, method, headers, body, call.timeoutMs, signal, limit);
      const step = parse(call.next(o.status ?? 0, o.body ?? "", !!o.truncated, o.retryAfter, o.cfRay, o.failure, o.message ?? ""));
      if (step.error) {
        if (step.error.name === "AbortError") throw signal.reason;
        throw make(step.error, o.cause);
      }
      if (step.wait === undefined) return step.value;
      if (await sleep(step.wait, signal)) throw signal.reason;
    }
  } finally {
    call.free();
  }
}

class ClerkError extends Error {
  clerkError = true;
  constructor({ message, name, ...fields }, cause) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }
  get name() {
    return this.constructor.kind;
  }
}

/**
 * A non-2xx answer of the Clerk API. `isClerkAPIResponseError()` from `@clerk/shared` recognises
 * it through `kind`. Fields: `status`, `errors` (`code`, `message`, `longMessage`, `meta`),
 * `clerkTraceId`, `retryAfter` (seconds), `attempts`, and `body` (an excerpt) when the body was
 * not Clerk's error format.
 */
export class ClerkAPIResponseError extends ClerkError {
  static kind = "ClerkAPIResponseError";
}

/** Params refused before anything was sent; `problems` lists `{ param, message }`. */
export class ClerkInvalidParamsError extends ClerkError {
  static kind = "ClerkInvalidParamsError";
}

/** Client options refused; `problems` lists `{ param, message }`. */
export class ClerkInvalidOptionsError extends ClerkError {
  static kind = "ClerkInvalidOptionsError";
}

/** The API could not be reached; `cause` is what fetch threw, `attempts` how many were made. */
export class ClerkNetworkError extends ClerkError {
  static kind = "ClerkNetworkError";
}

/** No complete response within `timeoutMs`, on every attempt. */
export class ClerkTimeoutError extends ClerkNetworkError {
  static kind = "ClerkTimeoutError";
}

/** A 2xx answer whose body is not what the API documents; `status` and `body` (an excerpt). */
export class ClerkUnexpectedResponseError extends ClerkError {
  static kind = "ClerkUnexpectedResponseError";
}

const classes = {
  ClerkAPIResponseError,
  ClerkInvalidParamsError,
  ClerkInvalidOptionsError,
  ClerkNetworkError,
  ClerkTimeoutError,
  ClerkUnexpectedResponseError,
};

const make = (fields, cause) => new classes[fields.name](fields, cause);

/** The error object for an error's JSON, thrown from wasm as is. */
export function fail(text) {
  return make(JSON.parse(text));
}
