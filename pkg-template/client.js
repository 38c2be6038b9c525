// The package's client, shared by its two public modules (api.js, and settings.js for
// `clerk-instance-edge/settings`); not exported from the package. The wasm module owns every rule
// (options, params, requests, retries, errors and their messages); this file reports what only JS
// can see (a real AbortSignal, a fetch function, a browser page), sends the attempts, waits, and
// turns the module's answers into values and errors. See ARCHITECTURE.md.
import { exchange } from "./clerk_instance_edge.js";
import tables from "./errors.js";

export { exchange, tables };

const CLIENT = 0;
const PREPARE = 1;
const AFTER = 2;

/** Bodies longer than this are cut (the module says so in its error). */
const MAX_BODY = 1 << 20;

/** Params and options larger than this (as JSON) are refused before they reach the module. */
const MAX_JSON = 1 << 20;

const MARKER = "\u0000";
const marker = (what, value) => ({ [MARKER]: what, value });
/** Most calls pass no options: their text is made once. */
const UNDEFINED = JSON.stringify(marker("undefined"));

/**
 * What a thrown value says, without throwing again: `Object.create(null)`, a throwing `message`
 * getter or `toString`, a revoked Proxy have no string form.
 */
function describe(thrown) {
  try {
    return clip(String(thrown?.message ?? thrown));
  } catch {
    return "a value with no string form";
  }
}

/**
 * What a host reports (a thrown message, a header) is cut here before it reaches the module: the
 * module keeps at most 500 characters of any such text, so copying megabytes into wasm memory
 * would only cost time and memory. Longer than anything the module shows, so that a secret key
 * the cut falls inside is never in what it shows.
 */
const TEXT_LIMIT = 1000;
const clip = (text) => (text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT) : text);

/**
 * Whether `value` nests deeper than any params or options do (the module reads 64 levels): then
 * a RangeError from JSON.stringify was the value's doing, not the caller's stack's. Iterative, and
 * bounded in width, so that it cannot overflow or run long itself.
 */
function nestsDeep(value) {
  try {
    let level = [value];
    for (let depth = 0; depth < 100; depth++) {
      const next = [];
      for (const node of level) {
        if (node === null || typeof node !== "object") continue;
        for (const key of Object.keys(node)) {
          if (next.length === 10_000) return false;
          next.push(node[key]);
        }
      }
      if (next.length === 0) return false;
      level = next;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * A JS value as JSON text for the module. JSON drops or alters some values silently (NaN
 * becomes null, a function disappears, a Date becomes a string); those become markers so that
 * the module can name them in an error instead of sending something the caller did not write.
 * `facts(key, value)` may report a member of the top-level object as a marker (a signal, a
 * fetch). Never throws, except a RangeError when the caller is at the JS stack limit.
 */
export function encode(value, facts) {
  let top;
  function replacer(key, serialized) {
    const raw = this[key];
    if (this === top && facts) {
      const fact = facts(key, raw);
      if (fact) return fact;
    }
    const out = plain(raw, serialized, this);
    if (key === "" && top === undefined) top = out;
    return out;
  }
  try {
    const text = value === undefined ? UNDEFINED : JSON.stringify(value, replacer);
    // A root toJSON that answers undefined, a function or a symbol leaves no text at all.
    if (typeof text !== "string") return JSON.stringify(marker("object"));
    return text.length > MAX_JSON ? JSON.stringify(marker("too large")) : text;
  } catch (error) {
    // The engine's stack overflow at the caller's depth is reported as such, not as bad input.
    if (isStackOverflow(error) && !nestsDeep(value)) throw error;
    return JSON.stringify(marker("thrown", describe(error)));
  }
}

/** The engine's "Maximum call stack size exceeded" (a getter's own RangeError is just an error). */
function isStackOverflow(thrown) {
  try {
    return thrown instanceof RangeError && /call stack/i.test(describe(thrown));
  } catch {
    return false; // a revoked Proxy, thrown: `instanceof` itself throws
  }
}

/** The replacer's answer for one value (see `encode`). */
function plain(raw, serialized, holder) {
  switch (typeof raw) {
    case "number":
      return Number.isFinite(raw) ? raw : marker(String(raw));
    case "bigint":
      return marker("bigint", String(raw));
    case "function":
    case "symbol":
      return marker(typeof raw);
    case "undefined":
      return Array.isArray(holder) ? marker("undefined") : undefined;
    case "string":
      return raw.isWellFormed?.() === false ? marker("unpaired surrogate") : raw;
    case "object": {
      if (raw === null || Array.isArray(raw)) return serialized;
      const proto = Object.getPrototypeOf(raw);
      // A toJSON would send something else than the object.
      if ((proto !== Object.prototype && proto !== null) || typeof raw.toJSON === "function") return marker("object");
      // A caller's key that starts with the marker key gets one more in front, so that no
      // object can pass for a marker; the module takes it off again.
      const keys = Object.keys(raw);
      if (!keys.some((k) => k.startsWith(MARKER))) return serialized;
      return Object.fromEntries(keys.map((k) => [k.startsWith(MARKER) ? MARKER + k : k, raw[k]]));
    }
  }
  return serialized;
}

const abortedGetter = globalThis.AbortSignal && Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted")?.get;

/**
 * Whether `value` is a real AbortSignal: the getter's brand check refuses look-alikes, and the
 * prototype check the Proxies that pass Node's brand check (it reads a symbol through them).
 */
function isAbortSignal(value) {
  try {
    abortedGetter.call(value);
    return Object.getPrototypeOf(value) === AbortSignal.prototype;
  } catch {
    return false;
  }
}

/** An error the module answered (`E<json>`), or an internal one (`X<message>`: a bug). */
export function answered(text, failure) {
  if (text[0] !== "E") return new Error(`clerk-instance-edge: internal error: ${text.slice(1)}`);
  const fields = JSON.parse(text.slice(1));
  const Class = tables.classes[fields.name];
  // What the caller's fetch threw (even `undefined`) is the cause of a network error.
  return failure && "cause" in failure ? new Class(fields, { cause: failure.cause }) : new Class(fields);
}

/** A value the module answered: JSON, then the paths (`key`, `changes.0.to`) of integers to make BigInts. */
export function resource(text) {
  const newline = text.indexOf("\n");
  if (newline < 0) return JSON.parse(text);
  const value = JSON.parse(text.slice(0, newline));
  for (const path of text.slice(newline + 1).split(",")) {
    const keys = path.split(".");
    const last = keys.pop();
    const holder = keys.reduce((object, key) => object[key], value);
    holder[last] = BigInt(holder[last]);
  }
  return value;
}

const typeOf = (value) =>
  value === null || value === undefined ? String(value) : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;

/**
 * One attempt through `fetcher` (the global fetch when undefined, a function, or an object with
 * a `fetch` method), body included, within `timeoutMs`; the caller's `signal` cancels it. What
 * comes back is read and checked here, at the edge of JS, so that only strings and numbers
 * reach the module: a response that is not what the Fetch standard says is `malformed`, a
 * rejection while waiting is `network` (or `timeout`, `aborted`). Never throws.
 */
async function attempt(fetcher, { method, url, headers, body }, timeoutMs, signal) {
  let stage = "network";
  let timedOut = false;
  const controller = new AbortController();
  // The timeout holds even for a fetch (or a body) that ignores the signal it was given: each
  // wait is a promise that `halt` rejects when the attempt's controller is aborted, and a wait
  // that starts after that rejects at once. One promise per wait, not a race against a promise
  // per attempt: 3% to 9% less of what a call adds without a network (interleaved A/B).
  let stop;
  const halt = () => stop?.(controller.signal.reason);
  const abort = () => {
    controller.abort(signal.reason);
    halt();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    halt();
  }, timeoutMs);
  // What `promise` settles to, unless the attempt is aborted first (a rejection after that is
  // handled, and ignored).
  const settled = (promise) =>
    new Promise((resolve, reject) => {
      if (controller.signal.aborted) return reject(controller.signal.reason);
      stop = reject;
      Promise.resolve(promise).then(resolve, reject);
    });
  try {
    if (signal?.aborted) return { failure: "aborted", cause: signal.reason };
    signal?.addEventListener("abort", abort);
    const init = { method, headers, body, signal: controller.signal };
    // A plain call, or a method call on its own object: a foreign `this` makes workerd throw
    // "Illegal invocation".
    const response = await settled(fetcher === undefined ? fetch(url, init) : typeof fetcher === "function" ? fetcher(url, init) : fetcher.fetch(url, init));
    stage = "malformed";
    if (response === null || typeof response !== "object") return malformed(`it resolved to ${typeOf(response)}`);
    const status = response.status;
    if (!Number.isInteger(status) || status < 100 || status > 599) return malformed(`its status is ${typeOf(status)}${typeof status === "number" ? ` (${status})` : ""}, not an HTTP status`);
    const headerOf = response.headers;
    if (headerOf === null || typeof headerOf !== "object" || typeof headerOf.get !== "function") return malformed("its headers have no get method");
    const found = {};
    for (const name of ["retry-after", "cf-ray", "content-length"]) {
      const value = headerOf.get(name);
      if (value !== null && value !== undefined && typeof value !== "string") return malformed(`its header ${name} is ${typeOf(value)}, not a string`);
      found[name] = value === null || value === undefined ? null : clip(value);
    }
    const read = await readBody(response, found["content-length"], settled, (next) => (stage = next));
    if (read.malformed) return malformed(read.malformed);
    return { status, retryAfter: found["retry-after"], cfRay: found["cf-ray"], body: read.text, truncated: read.truncated };
  } catch (cause) {
    if (signal?.aborted) return { failure: "aborted", cause: signal.reason };
    if (timedOut) return { failure: "timeout", cause, message: "" };
    if (stage === "malformed") return { ...malformed(`reading it threw ${JSON.stringify(describe(cause))}`), cause };
    return { failure: "network", cause, message: describe(cause) };
  } finally {
    clearTimeout(timer);
    try {
      signal?.removeEventListener("abort", abort);
    } catch {} // a real AbortSignal (checked before the call) does not throw; nothing may escape here
  }
}

const malformed = (message) => ({ failure: "malformed", message });

/**
 * The body as text, at most MAX_BODY bytes of it, and whether it was cut. A body whose length is
 * known and within the limit is read whole: workerd reports a streamed read that breaks off as
 * an unhandled rejection even when it is handled. Others are streamed and cut at the limit, so
 * that no answer can fill the isolate's memory.
 */
async function readBody(response, length, settled, stage) {
  const stream = response.body;
  if (stream === null || stream === undefined) return { text: "", truncated: false };
  // A read that throws or rejects is network I/O failing; what it yields is checked as the answer.
  if (length !== null && Number(length) <= MAX_BODY) {
    if (typeof response.text !== "function") return { malformed: "it has a body but no text() method" };
    stage("network");
    const text = await settled(response.text());
    stage("malformed");
    if (typeof text !== "string") return { malformed: `its text() resolved to ${typeOf(text)}, not a string` };
    // Content-Length counts compressed bytes: cut what decompressed beyond the limit.
    return text.length > MAX_BODY ? { text: text.slice(0, MAX_BODY), truncated: true } : { text, truncated: false };
  }
  if (typeof stream.getReader !== "function") return { malformed: "its body is not a stream" };
  const reader = stream.getReader();
  if (reader === null || typeof reader !== "object" || typeof reader.read !== "function") {
    return { malformed: `its body's getReader() answered ${typeOf(reader)}, not a reader` };
  }
  const decoder = new TextDecoder();
  let text = "";
  let left = MAX_BODY;
  for (;;) {
    stage("network");
    const chunk = await settled(reader.read());
    stage("malformed");
    if (chunk === null || typeof chunk !== "object") return { malformed: `its body stream gave ${typeOf(chunk)}, not a chunk` };
    const { done, value } = chunk;
    if (done) return { text: text + decoder.decode(), truncated: false };
    if (!ArrayBuffer.isView(value)) return { malformed: `its body stream gave ${typeOf(value)}, not bytes` };
    if (value.byteLength > left) {
      Promise.resolve(reader.cancel?.()).catch(() => {});
      return { text: text + decoder.decode(new Uint8Array(value.buffer, value.byteOffset, left)), truncated: true };
    }
    left -= value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/** Waits `ms`; resolves `true` early when the signal fires. */
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

/** Reports a real AbortSignal under `signal` (and keeps it): the module checks the rest. */
export const signalFact = (kept) => (key, value) => {
  if (key === "signal" && value !== undefined && value !== null && isAbortSignal(value)) {
    kept.signal = value;
    return marker("AbortSignal");
  }
};

/** Reports a fetch function or an object with a `fetch` method under `fetch` (and keeps it). */
const fetchFact = (kept) => (key, value) => {
  if (key !== "fetch") return;
  if (typeof value === "function") {
    kept.fetch = value;
    return marker("function");
  }
  if (value !== null && typeof value === "object" && typeof value.fetch === "function") {
    kept.fetch = value;
    return marker("fetcher");
  }
};

/**
 * Sends operation `index` (its index, or "index,n" when called by its `n`th JS name, which
 * the module's messages then use) and reads its answer, with the retries the module asks for. With
 * `raw`, a success answers the body as the API sent it (checked by the module all the same), for
 * an exchange that reads it again.
 */
export async function send(client, index, params, options, raw = false) {
  const kept = {};
  const [head, method, url, body] = prepare(client, index, false, encode(options, signalFact(kept)), params).split("\n");
  const comma = head.indexOf(",");
  const timeoutMs = Number(head.slice(1, comma));
  // The module says whether a 2xx has a resource to read; without one, a 2xx ends the call.
  const hasResource = head[comma + 1] === "1";
  // The client's headers, copied: a caller's fetch may change what it is given.
  const request = body ? { method, url, headers: { ...client.headers[1] }, body } : { method, url, headers: { ...client.headers[0] } };
  const { signal } = kept;
  for (let attempts = 1; ; attempts++) {
    const outcome = await attempt(client.fetch, request, timeoutMs, signal);
    if (outcome.failure === "aborted") throw outcome.cause;
    if (!hasResource && !outcome.failure && outcome.status >= 200 && outcome.status < 300) return undefined;
    const { failure = "", status = 0, retryAfter = null, cfRay = null, truncated = false, message = "", body = "" } = outcome;
    const facts = JSON.stringify([failure, status, retryAfter, cfRay, truncated, message]);
    const step = exchange(AFTER, `${client.line}\n${index}\n${attempts}\n${facts}\n${body}`, Date.now(), Math.random());
    switch (step[0]) {
      case "W":
        if (await sleep(Number(step.slice(1)), signal)) throw signal.reason;
        break;
      case "V":
        return raw ? body : resource(step.slice(1));
      case "N":
        return undefined;
      default:
        throw answered(step, failure ? outcome : undefined);
    }
  }
}

/**
 * The PREPARE exchange for operation `index`: the module's `R<timeoutMs>,<0|1>\n<method>\n<URL>\n<body>`
 * (`…\n<request JSON>` for a dry run), or the error it answered, thrown.
 */
function prepare(client, index, dry, optionsText, params) {
  const prepared = exchange(PREPARE, `${client.line}\n${index}\n${dry ? 1 : 0}\n${optionsText}\n${encode(params)}`);
  if (prepared[0] !== "R") throw answered(prepared);
  return prepared;
}

/** The request operation `index` would send, the secret key redacted. */
function dryRun(client, index, params) {
  const prepared = prepare(client, index, true, encode(undefined), params);
  return JSON.parse(prepared.slice(prepared.indexOf("\n") + 1));
}

/**
 * A client for one Clerk instance: the public object (`clerk`: its groups and their dry runs)
 * and what the calls share (`client`: the module's line of checked options, the fetch). Throws
 * `ClerkInvalidOptionsError` for bad options.
 */
export function makeClient(options) {
  const kept = {};
  // A page (`window` and `document`) or a browser's Web Worker (`importScripts`, which no server
  // runtime defines: Node, Deno, Bun, workerd and the Edge Runtime do not).
  const inBrowser = (typeof window === "object" && typeof document === "object") || typeof importScripts === "function";
  const browser = inBrowser ? "browser" : "";
  const checked = exchange(CLIENT, `${browser}\n${encode(options, fetchFact(kept))}`);
  if (checked[0] !== "O") throw answered(checked);
  // The checked options, which every exchange starts with, and the headers of every request
  // (without a body, and with one).
  const [line, ...headers] = checked.slice(1).split("\n");
  const client = { line, headers: headers.map((text) => JSON.parse(text)), fetch: kept.fetch };
  const clerk = { dryRun: {} };
  for (const [index, group, name] of tables.operations) {
    clerk[group] ??= {};
    clerk.dryRun[group] ??= {};
    // One promise per call: an async wrapper around `send` would leave send's own promise
    // rejected with no handler for a moment, which workerd reports as an unhandled rejection.
    clerk[group][name] = (params, callOptions) => send(client, index, params, callOptions);
    clerk.dryRun[group][name] = (params) => dryRun(client, index, params);
  }
  // @clerk/backend documents `instances` but its client names the property `instance`.
  clerk.instance = clerk.instances;
  clerk.dryRun.instance = clerk.dryRun.instances;
  return { clerk, client };
}
