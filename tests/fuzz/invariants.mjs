// The invariant checker. Every function returns a list of violations `{ code, msg }` (empty when
// all is well), so that the self-check can feed it synthetic failures and see them reported.
import { ERROR_CLASSES } from "./schema.mjs";
import { THROWN_BY_INPUT } from "./values.mjs";

/** The recognisable part of every secret key the fuzzer passes; it must never show up. */
export const SECRET_MARK = "FUZZSECRETKEY";

const v = (code, msg) => ({ code, msg });

/** The longest message an error may have, however large its input (issue 15). */
export const MESSAGE_LIMIT = 8192;

/**
 * Observations that are not failures (structuredClone of an error whose cause cannot be cloned,
 * which issue 15 calls optional; the key in a dry-run body): kind -> { count, example }. The run
 * prints them at the end.
 */
export const notes = new Map();

export function note(kind, example) {
  const n = notes.get(kind);
  if (n) n.count++;
  else notes.set(kind, { count: 1, example });
}

/** Describes any value without letting it throw (revoked proxies, throwing getters...). */
export function describe(value) {
  try {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      return typeof value === "string" ? JSON.stringify(value.slice(0, 200)) : typeof value === "symbol" ? value.toString() : String(value);
    }
    let ctor = "?";
    try {
      ctor = value.constructor?.name ?? "null-prototype";
    } catch {}
    let message = "";
    try {
      if (typeof value.message === "string") message = `: ${value.message.slice(0, 300)}`;
    } catch {}
    return `${ctor}${message}`;
  } catch {
    return "<undescribable value>";
  }
}

/**
 * Whether an error was thrown by a JS import that wasm called synchronously (its stack shows wasm
 * frames under the import), rather than by the async `run` loop: such an exception unwinds the
 * wasm frames without releasing what they held.
 */
export function crossedWasm(error) {
  let stack = "";
  try {
    stack = String(error?.stack ?? "");
  } catch {}
  return /\n\s+at wasm:\/\//.test(stack) && !/\n\s+at (async )?run \(/.test(stack);
}

/** `x instanceof C`, false instead of throwing (a revoked Proxy throws on instanceof). */
export function isA(x, C) {
  try {
    return x instanceof C;
  } catch {
    return false;
  }
}

/** Runs `fn` (sync or async) with a time limit: `{ kind: resolved|rejected|threw|hung, value, ms }`. */
export async function settle(fn, limitMs) {
  const t0 = performance.now();
  let promise;
  try {
    promise = fn();
  } catch (value) {
    return { kind: "threw", value, ms: performance.now() - t0 };
  }
  if (!(promise instanceof Promise)) return { kind: "returned", value: promise, ms: performance.now() - t0 };
  let timer;
  const hung = new Promise((resolve) => (timer = setTimeout(() => resolve({ kind: "hung" }), limitMs)));
  const done = promise.then(
    (value) => ({ kind: "resolved", value }),
    (value) => ({ kind: "rejected", value }),
  );
  const out = await Promise.race([done, hung]);
  clearTimeout(timer);
  out.ms = performance.now() - t0;
  return out;
}

/** Whether `text` (any value, stringified safely) contains the secret. */
function leaks(text) {
  return typeof text === "string" && text.includes(SECRET_MARK);
}

/** The secret in any of an error's texts: message, String(), JSON, stack, cause message. */
export function checkNoSecret(value, what) {
  const out = [];
  const texts = [];
  try {
    texts.push(["message", value?.message]);
  } catch {}
  try {
    texts.push(["String()", String(value)]);
  } catch {}
  try {
    texts.push(["JSON.stringify", JSON.stringify(value)]);
  } catch {}
  try {
    texts.push(["stack", value?.stack]);
  } catch {}
  for (const [where, text] of texts) if (leaks(text)) out.push(v("secret-leak", `${what}: the secret key appears in its ${where}: ${text.slice(0, 300)}`));
  return out;
}

const isInt = (n) => Number.isInteger(n);
const nonEmptyString = (s) => typeof s === "string" && s.length > 0;

/**
 * An error thrown or rejected by the package. `ctx.allowed`: the class names acceptable here;
 * `ctx.abortReasons`: values the call may reject with as they are (the caller's abort reasons).
 */
export function checkError(error, ctx = {}) {
  const where = ctx.where ?? "the call";
  if (ctx.abortReasons?.some((r) => r === error)) return [];
  if (isA(error, WebAssembly.RuntimeError)) {
    return [v("wasm-trap", `${where} trapped: WebAssembly.RuntimeError: ${describe(error)} (the module is now poisoned)`)];
  }
  const entry = Object.entries(ERROR_CLASSES).find(([, C]) => isA(error, C));
  if (!entry) {
    const own = error !== null && typeof error === "object" && THROWN_BY_INPUT.has(error) ? " (the input's own exception escaped)" : "";
    const code = isA(error, TypeError) || isA(error, RangeError) ? `escaped-${error.constructor.name}` : "escaped-value";
    // Reported once per kind of escaped value, whatever the operation.
    return [{ ...v(code, `${where} failed with ${describe(error)}, not a package error${own}`), sig: describe(error).replace(/\d+/g, "#"), crossedWasm: crossedWasm(error) }];
  }
  // The most derived class: ClerkTimeoutError is also a ClerkNetworkError.
  const name = error.constructor?.kind;
  const out = [];
  if (ctx.allowed && !ctx.allowed.includes(name)) out.push(v("wrong-class", `${where} failed with ${name}, expected one of ${ctx.allowed.join(", ")}: ${describe(error)}`));
  if (error.name !== name) out.push(v("bad-name", `${where}: error.name is ${describe(error.name)}, its class is ${name}`));
  if (!nonEmptyString(error.message)) out.push(v("bad-message", `${where}: ${name} has message ${describe(error.message)}`));
  if (error.clerkError !== true) out.push(v("bad-field", `${where}: ${name}.clerkError is not true`));
  switch (name) {
    case "ClerkInvalidParamsError":
    case "ClerkInvalidOptionsError": {
      const p = error.problems;
      if (!Array.isArray(p) || p.length === 0) out.push(v("bad-problems", `${where}: ${name}.problems is ${describe(p)}, not a non-empty array`));
      else {
        for (const problem of p) {
          if (typeof problem?.param !== "string" || !nonEmptyString(problem?.message)) {
            out.push(v("bad-problems", `${where}: ${name} has a problem ${describe(problem)} without string param and message`));
            break;
          }
        }
      }
      break;
    }
    case "ClerkAPIResponseError": {
      if (!isInt(error.status) || (error.status >= 200 && error.status < 300)) out.push(v("bad-field", `${where}: API error with status ${describe(error.status)}`));
      if (!Array.isArray(error.errors)) out.push(v("bad-field", `${where}: API error.errors is ${describe(error.errors)}`));
      else if (error.errors.length === 0 && typeof error.body !== "string") out.push(v("bad-field", `${where}: API error with no errors and no body excerpt`));
      else for (const e of error.errors) {
        if (typeof e?.code !== "string" || typeof e?.message !== "string" || e?.meta === null || typeof e?.meta !== "object") {
          out.push(v("bad-field", `${where}: API error entry ${describe(e)} lacks code/message/meta`));
          break;
        }
      }
      if (!isInt(error.attempts) || error.attempts < 1) out.push(v("bad-field", `${where}: API error.attempts is ${describe(error.attempts)}`));
      if (error.retryAfter !== undefined && !(isInt(error.retryAfter) && error.retryAfter >= 0)) out.push(v("bad-field", `${where}: API error.retryAfter is ${describe(error.retryAfter)}`));
      if (error.body !== undefined && [...error.body].length > 200) out.push(v("bad-field", `${where}: API error.body excerpt is ${[...error.body].length} characters (at most 200)`));
      if (error.constructor.kind !== "ClerkAPIResponseError") out.push(v("bad-field", `${where}: API error without static kind`));
      break;
    }
    case "ClerkTimeoutError":
      if (!isInt(error.timeoutMs) || error.timeoutMs < 1) out.push(v("bad-field", `${where}: timeout error.timeoutMs is ${describe(error.timeoutMs)}`));
    // fallthrough
    case "ClerkNetworkError":
      if (!isInt(error.attempts) || error.attempts < 1) out.push(v("bad-field", `${where}: ${name}.attempts is ${describe(error.attempts)}`));
      break;
    case "ClerkUnexpectedResponseError":
      // Status 0: what the caller's fetch answered was not a Response at all (issue 14).
      if (!isInt(error.status) || ((error.status < 200 || error.status > 299) && error.status !== 0)) out.push(v("bad-field", `${where}: unexpected-response error with status ${describe(error.status)}`));
      if (typeof error.body !== "string") out.push(v("bad-field", `${where}: unexpected-response error.body is ${describe(error.body)}`));
      break;
  }
  out.push(...checkSerializable(error, `${where}: ${name}`));
  out.push(...checkNoSecret(error, `${where}: ${name}`));
  return out;
}

/**
 * Every error, whatever its input (issue 15): a message of at most MESSAGE_LIMIT characters, a
 * String() barely longer, JSON.stringify that does not throw. structuredClone is noted when it
 * throws (a cause that is a Symbol or a function cannot be cloned, and the cause must stay what
 * fetch threw).
 */
export function checkSerializable(error, where) {
  const out = [];
  try {
    const message = error.message;
    if (typeof message === "string" && message.length > MESSAGE_LIMIT) out.push({ ...v("long-message", `${where}: a message of ${message.length} characters (at most ${MESSAGE_LIMIT}): ${message.slice(0, 200)}…`), sig: "message" });
    const text = String(error);
    if (text.length > MESSAGE_LIMIT + 200) out.push({ ...v("long-message", `${where}: String(error) has ${text.length} characters`), sig: "String" });
  } catch (e) {
    out.push(v("unprintable", `${where}: reading message or String(error) threw ${describe(e)}`));
  }
  try {
    const json = JSON.stringify(error);
    if (typeof json !== "string") out.push(v("json-throws", `${where}: JSON.stringify(error) gave ${typeof json}`));
  } catch (e) {
    out.push(v("json-throws", `${where}: JSON.stringify(error) threw ${describe(e)}`));
  }
  try {
    structuredClone(error);
  } catch (e) {
    let cause = "no cause";
    try {
      cause = "cause" in error ? `a cause of type ${typeof error.cause}` : "no cause";
    } catch {}
    note(`structuredClone throws (${cause})`, `${where}: ${describe(e)}`);
  }
  return out;
}

/** An outcome of `settle`: a hang, a synchronous throw where none belongs, or a bad error. */
export function checkOutcome(outcome, ctx = {}) {
  const where = ctx.where ?? "the call";
  switch (outcome.kind) {
    case "hung":
      return [v("hang", `${where} neither resolved nor rejected within the case's time limit`)];
    case "threw":
      if (!ctx.sync) return [v("sync-throw", `${where} threw synchronously instead of rejecting: ${describe(outcome.value)}`), ...checkError(outcome.value, ctx)];
      return checkError(outcome.value, ctx);
    case "rejected":
      if (ctx.sync) return [v("async-reject", `${where} returned a rejected promise, expected a synchronous result`)];
      return checkError(outcome.value, ctx);
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Prototypes

const WATCHED = { "Object.prototype": Object.prototype, "Array.prototype": Array.prototype, "Function.prototype": Function.prototype, "String.prototype": String.prototype, "Error.prototype": Error.prototype, "Promise.prototype": Promise.prototype };

/** The own keys of the built-in prototypes, to compare after each case. */
export function snapshotPrototypes() {
  const out = {};
  for (const [name, proto] of Object.entries(WATCHED)) out[name] = Reflect.ownKeys(proto).map(String).join(",");
  out.getPrototypeOf = String(Object.getPrototypeOf({}) === Object.prototype);
  return out;
}

export function checkPrototypes(before) {
  const after = snapshotPrototypes();
  const out = [];
  for (const name of Object.keys(before)) {
    if (before[name] !== after[name]) {
      const added = after[name].split(",").filter((k) => !before[name].split(",").includes(k));
      out.push(v("proto-polluted", `${name} changed; new keys: ${added.join(", ") || "(none; keys removed)"}`));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Health: a known-good call still works on the same client and the same module instance

export async function checkHealth(clerk, dispatcher, label, limitMs = 3000) {
  const out = [];
  const dry = await settle(() => clerk.dryRun.instances.update({ testMode: true }), limitMs);
  if (dry.kind !== "returned") out.push(...checkOutcome(dry, { where: `health (${label}): dryRun.instances.update({testMode: true})`, sync: true, allowed: [] }), v("health", `health (${label}): dryRun.instances.update({testMode: true}) failed: ${describe(dry.value)}`));
  else {
    const r = dry.value;
    if (r?.method !== "PATCH" || r?.body !== '{"test_mode":true}' || r?.headers?.Authorization !== "Bearer [redacted]") {
      out.push(v("health", `health (${label}): dry run gave ${JSON.stringify(r)?.slice(0, 300)}`));
    }
    out.push(...checkNoSecret(r, `health (${label}): dry-run output`));
  }
  dispatcher.reset([{ kind: "status", status: 204 }]);
  const sent = await settle(() => clerk.instances.update({ hibp: false }), limitMs);
  if (sent.kind !== "resolved" || sent.value !== undefined) {
    out.push(v("health", `health (${label}): instances.update({hibp: false}) ${sent.kind} ${describe(sent.value)}`));
    if (isA(sent.value, WebAssembly.RuntimeError)) out.push(v("wasm-trap", `health (${label}): the module is poisoned: ${describe(sent.value)}`));
  } else if (dispatcher.calls.length !== 1 || dispatcher.calls[0].body !== '{"hibp":false}') {
    out.push(v("health", `health (${label}): update({hibp: false}) sent ${dispatcher.calls.length} requests, body ${describe(dispatcher.calls[0]?.body)}`));
  }
  return out;
}
