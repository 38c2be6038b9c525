// The fake `fetch`: a dispatcher per client that records every request (and checks that a real
// fetch would accept it, by building a `Request`), then plays one scripted step per attempt: a
// Response, a throw, a rejection, a hang, a body that errors midway... A well-behaved step honours
// the request's signal like a real fetch; the `ignoresAbort` steps do not (a hostile host).
import { hostile, randomString, show, thrownValue, bigString } from "./values.mjs";

export class Dispatcher {
  constructor() {
    this.script = [];
    this.calls = [];
    this.requestErrors = [];
    // Requests made while `inside` runs (a re-entrant call from a getter or from this fetch):
    // answered 204 and kept apart, so that they count as none of the case's attempts.
    this.innerCalls = [];
    this.depth = 0;
    // The function handed to the client; `this` is never relied on.
    this.fetch = (url, init) => this.#handle(url, init);
  }

  /** Runs `fn` with requests to this dispatcher answered 204 and not counted (see innerCalls). */
  inside(fn) {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** Plays `steps` for the next attempts (the last one repeats), and forgets earlier calls. */
  reset(steps) {
    this.script = steps;
    this.calls = [];
    this.requestErrors = [];
    this.innerCalls = [];
  }

  #handle(url, init) {
    if (this.depth > 0) {
      this.innerCalls.push({ url, method: init?.method, body: init?.body });
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    const headers = init?.headers && typeof init.headers === "object" ? { ...init.headers } : init?.headers;
    const call = { url, method: init?.method, headers, body: init?.body, signal: init?.signal };
    this.calls.push(call);
    this.onCall?.(call);
    // What a real fetch would do with this request: throw on a header or method it refuses.
    try {
      new Request(url, init);
    } catch (error) {
      this.requestErrors.push(String(error?.message ?? error));
      return Promise.reject(error);
    }
    const step = this.script[Math.min(this.calls.length - 1, this.script.length - 1)] ?? { kind: "status", status: 204 };
    return play(step, init?.signal, call);
  }
}

const abortError = (signal) => signal.reason ?? new DOMException("This operation was aborted", "AbortError");

/** A promise that rejects when `signal` aborts (as fetch does), else never settles. */
function untilAborted(signal) {
  return new Promise((_, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    signal?.addEventListener("abort", () => reject(abortError(signal)), { once: true });
  });
}

const delay = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(abortError(signal))), { once: true });
  });

const NULL_BODY = new Set([204, 205, 304]);

function headersOf(step) {
  const h = new Headers();
  for (const [k, v] of Object.entries(step.headers ?? {})) {
    try {
      h.set(k, v);
    } catch {} // a value a real server could not send either
  }
  return h;
}

/** A body stream that sends `bytes` in chunks, then errors, stalls or ends. */
function stream(bytes, { chunk = 4096, errorAfter = -1, error, stall = false, ignoresAbort = false, badChunk }, signal) {
  let offset = 0;
  let sent = 0;
  let badSent = false;
  return new ReadableStream({
    start(controller) {
      if (!ignoresAbort) signal?.addEventListener("abort", () => {
        try {
          controller.error(abortError(signal));
        } catch {}
      }, { once: true });
    },
    pull(controller) {
      if (errorAfter >= 0 && sent >= errorAfter) return controller.error(error);
      if (badChunk !== undefined && sent === 1 && !badSent) {
        badSent = true;
        return controller.enqueue(badChunk);
      }
      if (offset >= bytes.length) {
        if (stall) return new Promise(() => {}); // never another chunk
        return controller.close();
      }
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
      sent++;
    },
  });
}

const encoder = new TextEncoder();
const bytesOf = (body) => (body instanceof Uint8Array ? body : encoder.encode(body ?? ""));

async function play(step, signal, call) {
  switch (step.kind) {
    case "status": {
      const status = step.status;
      if (step.delayMs) await delay(step.delayMs, signal);
      // A server (or proxy) that echoes the request's headers back: the key must not reach an error.
      const auth = String(call.headers?.Authorization ?? "");
      const echo = (text) => text.replaceAll("$AUTH", auth).replaceAll("$KEY", auth.replace(/^Bearer /, ""));
      let body = NULL_BODY.has(status) ? null : step.body == null ? null : step.echo ? echo(step.body) : step.body;
      if (step.echo && step.headers) step = { ...step, headers: Object.fromEntries(Object.entries(step.headers).map(([k, x]) => [k, echo(x)])) };
      if (body !== null && step.stream) body = stream(bytesOf(body), step.stream, signal);
      return new Response(body, { status, headers: headersOf(step) });
    }
    case "throw":
      throw step.value;
    case "reject":
      await null;
      throw step.value;
    case "hang":
      return untilAborted(signal);
    case "hangIgnoringAbort":
      return new Promise(() => {});
    case "weird":
      return step.value;
    case "make":
      // A response-like made fresh for each attempt (its getters and proxies act once).
      return step.make();
    case "reenter":
      // The caller's fetch calls the package before it answers.
      step.reenter();
      return play(step.then, signal, call);
  }
  throw new Error(`fuzz/fetch: unknown step ${step.kind}`);
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** The JS name of a wire name, exactly as the package makes it (keys starting with `_` kept). */
export function jsName(wire) {
  let out = "";
  let upper = false;
  for (const c of wire) {
    if (c === "_") upper = true;
    else if (upper) {
      out += c.length === 1 && c >= "a" && c <= "z" ? c.toUpperCase() : c;
      upper = false;
    } else out += c;
  }
  return out;
}

/** How deep a JSON value nests (a scalar is 0): the package refuses more than 64. */
export function depthOf(v) {
  if (v === null || typeof v !== "object") return 0;
  let max = -1;
  for (const k of Object.keys(v)) max = Math.max(max, depthOf(v[k]));
  return max + 1 > 0 ? max + 1 : 0;
}

/** A JSON text of a string, sometimes with every non-ASCII character as a \u escape. */
function jsonString(rng, s) {
  const text = JSON.stringify(s);
  return rng.chance(0.2) ? text.replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) : text;
}

const ws = (rng) => (rng.chance(0.1) ? rng.pick([" ", "\n", "\t", "\r\n  "]) : "");

/** An object shaped like the package's internal markers, as JSON text: `{"\u0000":"bigint",...}`. */
export function markerJson(rng) {
  const what = rng.pick(["bigint", "undefined", "thrown", "too large", "function", "object", "NaN", "symbol", "AbortSignal", "fetcher"]);
  const value = rng.pick([null, '"zz"', '"12"', '"9223372036854775808"', '""', "12", "{}"]);
  return `{"\\u0000":${JSON.stringify(what)}${value === null ? "" : `,"value":${value}`}}`;
}

/** A random JSON value as text (well formed). */
export function randomJsonValue(rng, depth = 0) {
  return rng.weighted([
    [3, () => JSON.stringify(rng.chance(0.5))],
    [2, () => "null"],
    [3, () => String(rng.pick([0, -1, 1.5, 1e21, -0, 123456789012345678901234567890n, 9223372036854775807n, 2e-308]))],
    [3, () => jsonString(rng, randomString(rng, { wellFormed: true }))],
    [1, () => rng.pick(['"\\ud800"', '"\\udc00\\ud800"', '"\\u0000"', '"\\/"'])],
    [depth < 4 ? 2 : 0, () => `[${Array.from({ length: rng.range(0, 3) }, () => randomJsonValue(rng, depth + 1)).join(",")}]`],
    [depth < 4 ? 2 : 0, () => `{${Array.from({ length: rng.range(0, 3) }, () => `${jsonString(rng, randomString(rng, { wellFormed: true, maxLen: 8 }))}:${randomJsonValue(rng, depth + 1)}`).join(",")}}`],
  ]);
}

/**
 * A success body for `resource` (field specs), with the value the package must resolve to:
 * `{ text, expected }`. Unknown keys, `__proto__`, duplicates and escapes included.
 */
export function resourceBody(rng, resource, { bigIntegers = true } = {}) {
  const members = [];
  const expected = {};
  for (const field of rng.subset(resource, 0.7)) {
    let text;
    let value;
    if (field.nullable && rng.chance(0.15)) [text, value] = ["null", null];
    else {
      switch (field.kind) {
        case "boolean":
          value = rng.chance(0.5);
          text = String(value);
          break;
        case "integer":
          value = rng.weighted([[6, () => BigInt(rng.range(0, 100000))], [1, () => -BigInt(rng.range(1, 1000))], [bigIntegers ? 1 : 0, () => rng.bigint(63)]]);
          text = String(value);
          break;
        case "string":
          value = randomString(rng, { wellFormed: true });
          text = jsonString(rng, value);
          break;
        case "list":
          value = Array.from({ length: rng.range(0, 4) }, () => randomString(rng, { wellFormed: true, maxLen: 6 }));
          text = `[${value.map((s) => jsonString(rng, s)).join(",")}]`;
          break;
      }
    }
    // Sometimes an earlier duplicate of the wrong type: the last one counts, as in JSON.parse.
    const stale = rng.chance(0.05) ? `"${field.wire}":{"stale":true},` : "";
    members.push(`${stale}${ws(rng)}"${field.wire}"${ws(rng)}:${ws(rng)}${text}`);
    expected[field.name] = value;
  }
  for (let i = rng.weighted([[6, 0], [3, 1], [1, 3]]); i > 0; i--) {
    const key = rng.pick(["__proto__", "constructor", "prototype", "toString", "unknown_field", "id_", "_private", "OBJECT", "\u0000", "value", randomString(rng, { wellFormed: true, maxLen: 6 })]);
    if (resource.some((f) => f.wire === key)) continue;
    members.push(`${JSON.stringify(key)}:${rng.weighted([[2, '{"polluted":true}'], [2, () => markerJson(rng)], [6, () => randomJsonValue(rng)]])}`);
  }
  return { text: `${ws(rng)}{${rng.shuffle(members).join(",")}}${ws(rng)}`, expected };
}

/** A Clerk error body: `{ text, errors }` where `errors` is what `error.errors` must equal. */
export function clerkErrorBody(rng) {
  const errors = [];
  const items = [];
  for (let i = rng.range(1, 3); i > 0; i--) {
    const code = rng.pick(["form_param_format_invalid", "resource_not_found", "authentication_invalid", "too_many_requests", randomString(rng, { wellFormed: true })]);
    const message = randomString(rng, { wellFormed: true });
    const item = { code, message };
    const out = { code, message };
    if (rng.chance(0.6)) item.long_message = out.longMessage = randomString(rng, { wellFormed: true, maxLen: 80 });
    let metaText = null;
    if (rng.chance(0.7)) {
      metaText = rng.pick([
        '{"param_name":"test_mode"}',
        '{"param_names":["a","b"],"session_id":null}',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
        '{"a__b":1,"_x_y":2,"c_":3,"param_name":"p","paramName":"q"}',
        '{"nested":{"snake_case":"stays"}}',
        randomJsonValue(rng),
        // Shaped like the package's markers: plain data all the same (issue 15).
        markerJson(rng),
        `{"nested":${markerJson(rng)},"list":[${markerJson(rng)}]}`,
      ]);
    }
    const text = `{"code":${JSON.stringify(code)},"message":${JSON.stringify(message)}${item.long_message !== undefined ? `,"long_message":${JSON.stringify(item.long_message)}` : ""}${metaText !== null ? `,"meta":${metaText}` : ""}}`;
    items.push(text);
    const meta = metaText === null ? null : JSON.parse(metaText);
    out.meta = meta !== null && typeof meta === "object" && !Array.isArray(meta) ? camelTop(meta) : {};
    errors.push(out);
  }
  // Non-object entries are skipped by the package.
  if (rng.chance(0.1)) items.push(rng.pick(["null", "1", '"x"', "[]"]));
  const trace = rng.chance(0.5) ? randomString(rng, { wellFormed: true, maxLen: 12 }) : null;
  const text = `{"errors":[${items.join(",")}]${trace !== null ? `,"clerk_trace_id":${JSON.stringify(trace)}` : ""}}`;
  return { text, errors, trace: trace || null };
}

/** Top-level keys in camelCase (but those starting with `_`), nested values as they are. */
function camelTop(meta) {
  const parts = Object.keys(meta).map((k) => `${JSON.stringify((k.startsWith("_") ? k : jsName(k)).toWellFormed())}:${JSON.stringify(wellFormedDeep(meta[k]))}`);
  return JSON.parse(`{${parts.join(",")}}`);
}

/** Lone surrogates become U+FFFD, as the package's JSON reader does. */
function wellFormedDeep(v) {
  if (typeof v === "string") return v.toWellFormed();
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(wellFormedDeep);
  return JSON.parse(`{${Object.keys(v).map((k) => `${JSON.stringify(k.toWellFormed())}:${JSON.stringify(wellFormedDeep(v[k]))}`).join(",")}}`);
}

const MiB = 1 << 20;

/** Other bodies: broken, foreign, huge or hostile. `{ body, d, json }` (json: parses as JSON). */
export function otherBody(rng, resourceText) {
  return rng.weighted([
    [3, () => ({ body: "", d: "empty" })],
    [1, () => ({ body: "   \n", d: "whitespace" })],
    [3, () => ({ body: "<html><body><h1>502 Bad Gateway</h1></body></html>", d: "HTML" })],
    [4, () => ({ body: randomJsonValue(rng), d: "random JSON", json: true })],
    [3, () => {
      const cut = rng.range(0, Math.max(0, resourceText.trimEnd().length - 1));
      return { body: resourceText.slice(0, cut), d: `truncated JSON (${cut} chars)` };
    }],
    [1, () => ({ body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', d: "__proto__ JSON", json: true })],
    [1, () => {
      const d = rng.pick([60, 63, 64, 65, 100, 10000, 200000]);
      return { body: "[".repeat(d) + "]".repeat(d), d: `arrays nested ${d}` };
    }],
    [1, () => {
      const d = rng.pick([63, 64, 65, 5000]);
      // The innermost value sits at depth d: readable up to 64.
      return { body: '{"a":'.repeat(d) + "1" + "}".repeat(d), d: `objects nested ${d}`, json: d <= 64 };
    }],
    [1, () => ({ body: `{"a":"${"\\u".repeat(3)}`, d: "bad escapes" })],
    [2, () => ({ body: Uint8Array.from({ length: rng.range(1, 300) }, () => rng.int(256)), d: "random bytes" })],
    [1, () => ({ body: Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d), d: "invalid UTF-8 in a string", json: true })],
    [1, () => ({ body: Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode(resourceText)), d: "BOM + resource", json: true, same: true })],
    [1, () => ({ body: "\u0000".repeat(10), d: "NULs" })],
    [1, () => ({ body: markerJson(rng), d: "a body shaped like a marker", json: true })],
    [1, () => ({ body: resourceText + " ".repeat(MiB + 1 - new TextEncoder().encode(resourceText).length), d: "resource padded to 1 MiB + 1", over: true })],
    [1, () => ({ body: bigString(MiB * 2, "x"), d: "2 MiB of x", over: true })],
    [1, () => ({ body: JSON.stringify({ errors: [{ code: "x", message: bigString(MiB, "é") }] }), d: "error body over 1 MiB", over: true })],
    [1, () => ({ body: resourceText + " ".repeat(Math.max(0, MiB - new TextEncoder().encode(resourceText).length)), d: "resource padded to exactly 1 MiB", json: true, same: true })],
  ]);
}

const DIGIT_RETRY = ["0", "1", "2", "3", "120", "86400", "99999999999999999999999", " 1 ", "007"];
const JUNK_RETRY = ["", "soon", "-1", "1.5", "1e3", "+5", "0x10", "1 2", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Fri, 31 Dec 9999 23:59:60 GMT x", "\u00e9"];

/** A `Retry-After` value and the wait the package must read from it (null: none). */
export function retryAfter(rng) {
  return rng.weighted([
    [4, () => {
      const v = rng.pick(DIGIT_RETRY);
      return { value: v, ms: Number(v.trim()) * 1000 };
    }],
    [2, () => ({ value: new Date(Date.now() - rng.range(1000, 1e11)).toUTCString(), ms: 0 })],
    [2, () => ({ value: new Date(Date.now() + rng.range(60_000, 1e11)).toUTCString(), ms: Infinity })],
    [3, () => ({ value: rng.pick(JUNK_RETRY), ms: null })],
  ]);
}

/** A body that echoes the request's credentials (`$AUTH`, `$KEY` filled in by the fake fetch). */
export function echoBody(rng) {
  return rng.pick([
    { body: '{"errors":[{"code":"authentication_invalid","message":"bad key $KEY","long_message":"$AUTH is invalid","meta":{"authorization":"$AUTH"}}],"clerk_trace_id":"$KEY"}', d: "a Clerk error echoing the key", json: true },
    { body: "<html>Unauthorized: $AUTH</html>", d: "HTML echoing the Authorization header" },
    { body: '{"headers":{"authorization":"$AUTH"}}', d: "JSON echoing the Authorization header", json: true },
    { body: "$KEY", d: "the bare key" },
    { body: `${"x".repeat(190)}$KEY`, d: "the key across the 200-character excerpt limit" },
    { body: '{"id":7,"object":"$KEY"}', d: "a resource with the key in a mistyped field", json: true },
  ]);
}

export { hostile, show, thrownValue };

// ---------------------------------------------------------------------------------------------
// Response-likes: what a caller's fetch may resolve to that is not a Response (issue 14)

const revokedProxy = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};
const getterThrowing = (o, key, value) => Object.defineProperty(o, key, { enumerable: true, get() { throw value; } });

/** A value of a type no field of a Response has. */
function wrongTyped(rng) {
  return rng.pick([
    () => [200n, "200n"], () => [Symbol("x"), "a Symbol"], () => [{}, "{}"], () => [[200], "[200]"], () => [null, "null"],
    () => [undefined, "undefined"], () => [true, "true"], () => [() => 200, "a function"], () => [revokedProxy(), "a revoked Proxy"],
    () => [Object.create(null), "Object.create(null)"], () => [new Number(200), "new Number(200)"], () => [NaN, "NaN"],
  ])();
}

/**
 * A response-like the caller's fetch resolves to, made fresh per attempt, and what it must
 * become (issue 14): `malformed`, a ClerkUnexpectedResponseError with status 0 after exactly one
 * attempt, never retried; or `network`, a rejection while waiting (text() or read() throwing or
 * rejecting, or an answer that the promise machinery itself rejects, such as a revoked Proxy,
 * whose `then` cannot be read), retried like any network error. `cause` is the thrown value when
 * the package must keep it as the cause. `{ make, expect, cause?, d, finding? }`.
 */
export function responseLike(rng, thrown, { readerFinding = true } = {}) {
  const H = () => new Headers();
  const sized = () => new Headers({ "content-length": String(rng.range(0, 50)) });
  const t = () => thrown();
  const malformed = (d, make, extra = {}) => ({ d, make, expect: "malformed", ...extra });
  const network = (d, make, extra = {}) => ({ d, make, expect: "network", ...extra });
  const reader = (read) => ({ getReader: () => ({ read, cancel() {} }) });
  return rng.weighted([
    // The status.
    [4, () => {
      const [v, d] = rng.chance(0.6) ? wrongTyped(rng) : rng.pick([[-1, "-1"], [0, "0"], [99, "99"], [600, "600"], [1e9, "1e9"], [200.5, "200.5"], [Infinity, "Infinity"], ["200", '"200"'], [" 204", '" 204"']]);
      return malformed(`status ${d}`, () => ({ status: v, headers: H(), body: null }));
    }],
    [1, () => {
      const x = t();
      return malformed(`a status getter that throws ${x.d}`, () => getterThrowing({ headers: H(), body: null }, "status", x.v), { cause: x.v });
    }],
    // The headers.
    [3, () => {
      const status = rng.pick([200, 204, 404, 429, 503]);
      return rng.weighted([
        [1, () => malformed("no headers", () => ({ status, body: null }))],
        [1, () => {
          const [v, d] = wrongTyped(rng);
          return malformed(`headers ${d}`, () => ({ status, headers: v, body: null }));
        }],
        [1, () => malformed("headers without get", () => ({ status, headers: { "retry-after": "1", has: () => true }, body: null }))],
        [1, () => malformed("headers whose get is not a function", () => ({ status, headers: { get: "retry-after" }, body: null }))],
        [3, () => {
          const [v, d] = wrongTyped(rng);
          const name = rng.pick(["retry-after", "cf-ray", "content-length", "every header"]);
          // null and undefined are what Headers.get answers for a header that is absent.
          if (v === null || v === undefined) return { d: `headers.get answering ${d}`, make: () => ({ status: 204, headers: { get: () => v }, body: null }), expect: "ok204" };
          return malformed(`headers.get answering ${d} for ${name}`, () => ({ status, headers: { get: (h) => (name === "every header" || h === name ? v : null) }, body: null }));
        }],
        [2, () => {
          const x = t();
          return malformed(`headers.get throwing ${x.d}`, () => ({ status, headers: { get() { throw x.v; } }, body: null }), { cause: x.v });
        }],
        [1, () => {
          const x = t();
          return malformed(`a headers getter throwing ${x.d}`, () => getterThrowing({ status, body: null }, "headers", x.v), { cause: x.v });
        }],
      ]);
    }],
    // text(), when the length is known.
    [3, () => {
      const base = (text) => ({ status: rng.pick([200, 500]), headers: sized(), body: {}, text });
      return rng.weighted([
        [3, () => {
          const [v, d] = rng.chance(0.7) ? wrongTyped(rng) : rng.pick([[5, "5"], [new String("{}"), 'new String("{}")'], [new Uint8Array(2), "a Uint8Array"]]);
          // A revoked Proxy cannot resolve a promise: text() rejects.
          if (d === "a revoked Proxy") return network(`text() resolving to ${d}`, () => base(async () => revokedProxy()));
          return malformed(`text() resolving to ${d}`, () => base(async () => v));
        }],
        [1, () => malformed("text() answering a number without a promise", () => base(() => 7))],
        [1, () => malformed("a body but no text()", () => ({ status: 200, headers: sized(), body: {} }))],
        [1, () => malformed("text that is not a function", () => ({ ...base(undefined), text: "{}" }))],
        [1, () => {
          const x = t();
          return malformed(`a text getter throwing ${x.d}`, () => getterThrowing({ status: 200, headers: sized(), body: {} }, "text", x.v), { cause: x.v });
        }],
        [2, () => {
          const x = t();
          return network(`text() throwing ${x.d}`, () => base(() => { throw x.v; }), { cause: x.v });
        }],
        [2, () => {
          const x = t();
          return network(`text() rejecting with ${x.d}`, () => base(async () => { throw x.v; }), { cause: x.v });
        }],
      ]);
    }],
    // The body stream, when the length is not known.
    [4, () => {
      const status = rng.pick([200, 500]);
      const ok = new TextEncoder().encode("{}");
      const chunks = (bad) => {
        let i = 0;
        return reader(async () => (i++ === 0 ? bad : { done: true }));
      };
      return rng.weighted([
        [3, () => {
          const [v, d] = rng.chance(0.6) ? wrongTyped(rng) : rng.pick([["{}", '"{}"'], [42, "42"], [new ArrayBuffer(2), "an ArrayBuffer"], [[123, 125], "[123, 125]"], [{ byteLength: 2 }, "{byteLength: 2}"]]);
          return malformed(`a body stream chunk ${d}`, () => ({ status, headers: H(), body: chunks({ done: false, value: v }) }));
        }],
        [1, () => {
          const [v, d] = wrongTyped(rng);
          // A revoked Proxy cannot resolve a promise: read() rejects.
          if (d === "a revoked Proxy") return network(`read() resolving to ${d}`, () => ({ status, headers: H(), body: reader(async () => revokedProxy()) }));
          return malformed(`read() resolving to ${d}`, () => ({ status, headers: H(), body: reader(async () => v) }));
        }],
        [1, () => malformed("read() answering a number without a promise", () => ({ status, headers: H(), body: reader(() => 3) }))],
        [1, () => {
          const x = t();
          return malformed(`a read() result whose done getter throws ${x.d}`, () => ({ status, headers: H(), body: reader(async () => getterThrowing({}, "done", x.v)) }), { cause: x.v });
        }],
        [1, () => {
          const x = t();
          return network(`read() throwing ${x.d}`, () => ({ status, headers: H(), body: reader(() => { throw x.v; }) }), { cause: x.v });
        }],
        [1, () => {
          const x = t();
          return network(`read() rejecting with ${x.d} after a chunk`, () => {
            let i = 0;
            return { status, headers: H(), body: reader(async () => { if (i++ === 0) return { done: false, value: ok }; throw x.v; }) };
          }, { cause: x.v });
        }],
        [1, () => {
          const [v, d] = rng.pick([[42, "42"], ["{}", '"{}"'], [{}, "{}"], [true, "true"]]);
          return malformed(`a body ${d} that is not a stream`, () => ({ status, headers: H(), body: v }));
        }],
        [1, () => {
          const x = t();
          return malformed(`a body getter throwing ${x.d}`, () => getterThrowing({ status, headers: H() }, "body", x.v), { cause: x.v });
        }],
        [1, () => {
          const x = t();
          return malformed(`getReader() throwing ${x.d}`, () => ({ status, headers: H(), body: { getReader() { throw x.v; } } }), { cause: x.v });
        }],
        // A getReader() that answers no reader: the package's own read() call then throws.
        [readerFinding ? 1 : 0, () => {
          const [v, d] = rng.pick([[null, "null"], [{}, "{}"], [{ read: 5 }, "{read: 5}"], [42, "42"]]);
          return malformed(`getReader() answering ${d}`, () => ({ status, headers: H(), body: { getReader: () => v } }), { finding: "reader-not-a-reader" });
        }],
      ]);
    }],
    // The answer itself.
    [3, () => {
      return rng.weighted([
        [4, () => {
          const [v, d] = rng.pick([[null, "null"], [undefined, "undefined"], [42, "42"], ["200 OK", '"200 OK"'], [Symbol("r"), "a Symbol"], [200n, "200n"], [false, "false"], [() => 200, "a function"]]);
          return malformed(`fetch resolving to ${d}`, () => v);
        }],
        [1, () => malformed("fetch resolving to {}", () => ({}))],
        [1, () => malformed("fetch resolving to [200]", () => [200])],
        [2, () => network("fetch resolving to a revoked Proxy", () => revokedProxy())],
        [1, () => {
          const x = t();
          return network(`fetch resolving to a Proxy whose every trap throws ${x.d}`, () => new Proxy({}, { get() { throw x.v; } }), { cause: x.v });
        }],
        [1, () => {
          const x = t();
          return malformed(`fetch resolving to a Proxy whose get throws ${x.d} but for then`, () => new Proxy({}, { get(_, k) { if (k === "then") return undefined; throw x.v; } }), { cause: x.v });
        }],
      ]);
    }],
  ]);
}
