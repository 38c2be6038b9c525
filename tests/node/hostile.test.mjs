// Issues 14 and 15 in Node, one test per finding of their "Why" sections: what a caller's fetch
// answers or throws, the secret key as a param name, unbounded messages, errors that do not
// serialize, server text taken for markers, thrown values without a cause, re-entrant calls and
// calls near the JS stack limit. Each test runs in a worker thread with its own copy of the
// package, so that a module that spins (issue 14's third reproducer did) fails its test at the
// time limit instead of hanging the suite, and no test inherits another's module.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import * as pkg from "clerk-instance-edge";
import { nearStackLimit } from "../fuzz/stack.mjs";

const KEY = "sk_test_HOSTILEd0a1b2c3d4e5f6a7b8c9";
// Searched for as well as the whole key: an excerpt cut before it was redacted would show it.
const FRAGMENT = KEY.slice(8, 20);
const CLASSES = ["ClerkAPIResponseError", "ClerkInvalidParamsError", "ClerkInvalidOptionsError", "ClerkNetworkError", "ClerkTimeoutError", "ClerkUnexpectedResponseError"];
const MESSAGE_LIMIT = 8192;
const MiB = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Helpers (run in the worker)

const name = (value) => {
  try {
    return value?.constructor?.kind ?? value?.constructor?.name ?? typeof value;
  } catch {
    return "a value that cannot be inspected";
  }
};
const isPackageError = (value) => CLASSES.some((c) => value instanceof pkg[c]);
const show = (value) => {
  try {
    return `${name(value)}: ${String(value?.message ?? value).slice(0, 300)}`;
  } catch {
    return "a value with no string form";
  }
};

const revoked = () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};

/** `{ kind: "resolved" | "rejected", value, ms }`; rejects if `promise` takes longer than `ms`. */
async function settle(promise, ms = 2000) {
  const t0 = performance.now();
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise.then((value) => ({ kind: "resolved", value }), (value) => ({ kind: "rejected", value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message, `String()`, JSON and stack of an error: none may hold the key, nor its start. */
function assertNoKey(error, where) {
  const texts = { message: error?.message, "String()": String(error), "JSON.stringify()": JSON.stringify(error), stack: error?.stack };
  for (const [what, text] of Object.entries(texts)) {
    assert.equal(typeof text, "string", `${where}: ${what} is not a string`);
    assert.ok(!text.includes(KEY) && !text.includes(FRAGMENT), `${where}: the secret key is in the error's ${what}: ${text.slice(0, 400)}`);
  }
}

/** A fetch that answers 204 and records the bodies it was sent. */
function recorder() {
  const bodies = [];
  const fetch = async (url, init) => {
    bodies.push(init.body);
    return new Response(null, { status: 204 });
  };
  return { fetch, bodies };
}

/** A good call on a new client settles as it should, in normal time: the module still serves. */
async function assertServes(where) {
  const { fetch, bodies } = recorder();
  const clerk = pkg.createInstanceClient({ secretKey: KEY, fetch });
  const outcome = await settle(clerk.instances.update({ hibp: true }), 1000);
  assert.equal(outcome.kind, "resolved", `${where}: a good call failed: ${show(outcome.value)}`);
  assert.equal(outcome.value, undefined);
  assert.deepEqual(bodies, ['{"hibp":true}'], `${where}: the good call sent ${JSON.stringify(bodies)}`);
  assert.equal(clerk.dryRun.instances.update({ testMode: false }).body, '{"test_mode":false}', `${where}: a dry run failed`);
}

/** The wasm module's figures; the package exports them since issue 15. */
function stats() {
  assert.equal(typeof pkg.instanceStats, "function", "the package exports no instanceStats()");
  return pkg.instanceStats();
}

/** A tiny deterministic PRNG (mulberry32), so that a failing order can be replayed. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


// ---------------------------------------------------------------------------------------------
// What a caller's fetch can answer that is not a Response, and what it must become: `malformed`
// is a ClerkUnexpectedResponseError with status 0 after exactly one attempt; `network` is a
// rejection while waiting (the thrown value is the cause), retried like any network error.
// A revoked Proxy cannot even be an answer: resolving a promise with it reads its `then`, which
// throws, so the caller's fetch rejects.

const H = () => new Headers();
const lengthKnown = () => new Headers({ "content-length": "2" });
const withText = (text) => ({ status: 200, headers: lengthKnown(), body: {}, text });
const streamOf = (...chunks) => ({ status: 200, headers: H(), body: new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(x); c.close(); } }) });
const reader = (read) => ({ status: 200, headers: H(), body: { getReader: () => ({ read, cancel() {} }) } });
const throwing = (what) => ({ get() { throw what; } });

const MALFORMED = [
  ["status 200n", () => ({ status: 200n, headers: H(), body: null })],
  ["status Symbol()", () => ({ status: Symbol("status"), headers: H(), body: null })],
  ['status "200"', () => ({ status: "200", headers: H(), body: null })],
  ["status NaN", () => ({ status: NaN, headers: H(), body: null })],
  ["status {}", () => ({ status: {}, headers: H(), body: null })],
  ["status 99", () => ({ status: 99, headers: H(), body: null })],
  ["status 600", () => ({ status: 600, headers: H(), body: null })],
  ["status 2.5e9", () => ({ status: 2.5e9, headers: H(), body: null })],
  ["status 200.5", () => ({ status: 200.5, headers: H(), body: null })],
  ["status undefined", () => ({ headers: H(), body: null })],
  ["status getter throws", () => Object.defineProperty({ headers: H(), body: null }, "status", throwing(new Error("status getter")))],
  ["status getter throws a revoked Proxy", () => Object.defineProperty({ headers: H(), body: null }, "status", throwing(revoked()))],
  ["headers missing", () => ({ status: 200, body: null })],
  ["headers null", () => ({ status: 429, headers: null, body: null })],
  ["headers without get", () => ({ status: 200, headers: { "retry-after": "1" }, body: null })],
  ["headers a revoked Proxy", () => ({ status: 503, headers: revoked(), body: null })],
  ["headers getter throws", () => Object.defineProperty({ status: 200, body: null }, "headers", throwing(Symbol("headers")))],
  ["headers.get answers a Symbol", () => ({ status: 429, headers: { get: () => Symbol("x") }, body: null })],
  ["headers.get answers an object", () => ({ status: 429, headers: { get: () => ({}) }, body: null })],
  ["headers.get answers a number", () => ({ status: 200, headers: { get: () => 5 }, body: null })],
  ["headers.get answers a BigInt", () => ({ status: 503, headers: { get: () => 1n }, body: null })],
  ["headers.get throws", () => ({ status: 200, headers: { get() { throw new TypeError("get"); } }, body: null })],
  ["headers.get throws null", () => ({ status: 200, headers: { get() { throw null; } }, body: null })],
  ["text() resolves to a number", () => withText(async () => 5)],
  ["text() resolves to an object", () => withText(async () => ({}))],
  ["text() resolves to a Symbol", () => withText(async () => Symbol("text"))],
  ["text() resolves to undefined", () => withText(async () => undefined)],
  ["text() answers a number at once", () => withText(() => 7)],
  ["text missing", () => ({ status: 200, headers: lengthKnown(), body: {} })],
  ["body getter throws", () => Object.defineProperty({ status: 200, headers: H() }, "body", throwing(new Error("body")))],
  ["body not a stream", () => ({ status: 200, headers: H(), body: 42 })],
  ["body.getReader throws", () => ({ status: 200, headers: H(), body: { getReader() { throw new Error("getReader"); } } })],
  ["a string chunk", () => streamOf("{}")],
  ["a number chunk", () => reader(async () => ({ done: false, value: 5 }))],
  ["an object chunk", () => reader(async () => ({ done: false, value: {} }))],
  ["an ArrayBuffer chunk", () => reader(async () => ({ done: false, value: new ArrayBuffer(2) }))],
  ["a revoked Proxy chunk", () => reader(async () => ({ done: false, value: revoked() }))],
  ["read() resolves to null", () => reader(async () => null)],
  ["read() answers a number", () => reader(() => 3)],
  ["read() result's done getter throws", () => reader(async () => Object.defineProperty({}, "done", throwing(new Error("done"))))],
  ["the response is null", () => null],
  ["the response is undefined", () => undefined],
  ["the response is a number", () => 42],
  ["the response is a string", () => "200 OK"],
  ["the response is a Symbol", () => Symbol("response")],
  ["the response is a BigInt", () => 200n],
  ["the response is a function", () => () => 200],
].map(([d, make]) => ({ d, make, expect: "malformed" }));

const REJECTED = [
  ["the response is a revoked Proxy", () => revoked()],
  ["the response is a Proxy whose every trap throws", () => new Proxy({}, { get() { throw new Error("trap"); } })],
  ["text() throws", () => withText(() => { throw new Error("text"); })],
  ["text() rejects", () => withText(async () => { throw new TypeError("terminated"); })],
  ["read() throws", () => reader(() => { throw new Error("read"); })],
  ["read() rejects with undefined", () => reader(async () => { throw undefined; })],
  ["read() resolves to a revoked Proxy", () => reader(async () => revoked())],
].map(([d, make]) => ({ d, make, expect: "network" }));

const ANSWERS = [...MALFORMED, ...REJECTED];

// ---------------------------------------------------------------------------------------------
// The scenarios, one per test

const scenarios = {
  async issue14Reproducers() {
    const mk = (fetch) => pkg.createInstanceClient({ secretKey: "sk_test_x", apiUrl: "http://127.0.0.1:9", retry: false, fetch });
    const calls = [
      ["headers.get answers a Symbol", mk(async () => ({ status: 429, headers: { get: () => Symbol("x") }, body: null })).instances.update({})],
      ["headers.get answers an object", mk(async () => ({ status: 429, headers: { get: () => ({}) }, body: null })).instances.update({})],
      ["text() answers a Symbol", mk(async () => ({ status: 200, headers: new Headers({ "content-length": "5" }), body: {}, text: async () => Symbol() })).instances.get({})],
    ];
    for (const [d, call] of calls) {
      const outcome = await settle(call, 1000);
      assert.equal(outcome.kind, "rejected", `${d}: resolved`);
      assert.ok(outcome.value instanceof pkg.ClerkUnexpectedResponseError, `${d}: rejected with ${show(outcome.value)}`);
      assert.equal(outcome.value.status, 0, d);
      assert.match(outcome.value.message, /not a Response/, d);
    }
    await assertServes("after the reproducers");
  },

  async issue14OtherMalformed() {
    let answer;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch: async () => answer });
    for (const [d, value, says] of [
      ["status: 200n", { status: 200n, headers: H(), body: null }, /status/],
      ["status: Symbol()", { status: Symbol(), headers: H(), body: null }, /status/],
      ["text() resolving to a number", withText(async () => 12), /text\(\)/],
      ["text() resolving to an object", withText(async () => ({ object: "instance" })), /text\(\)/],
    ]) {
      answer = value;
      const outcome = await settle(clerk.instances.get(), 1000);
      assert.ok(outcome.value instanceof pkg.ClerkUnexpectedResponseError, `${d}: ${outcome.kind} ${show(outcome.value)}`);
      assert.equal(outcome.value.status, 0, d);
      assert.match(outcome.value.message, says, `${d}: the message does not say what was wrong: ${outcome.value.message}`);
    }
    await assertServes("after the malformed answers");
  },

  async tenThousandMalformed() {
    const random = prng(14);
    // Two long-lived clients: network failures are retried on the second one.
    const kindOf = new Map();
    const attempts = new Map();
    const fetch = async (url, init) => {
      const id = JSON.parse(init.body).clerk_js_version;
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      return kindOf.get(id).make();
    };
    const lanes = [
      { clerk: pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch }), maxAttempts: 1 },
      { clerk: pkg.createInstanceClient({ secretKey: KEY, fetch: { fetch }, retry: { maxAttempts: 3, maxDelayMs: 1, baseDelayMs: 1 } }), maxAttempts: 3 },
    ];
    await assertServes("before");
    const before = stats();
    // Every kind in runs and in random mixes, up to 25 calls in flight at once.
    const order = [];
    for (const answer of ANSWERS) for (let i = 0; i < 20; i++) order.push(answer);
    while (order.length < 10_000) order.push(ANSWERS[Math.floor(random() * ANSWERS.length)]);
    for (let n = 0; n < 10_000; n += 25) {
      const batch = [];
      for (let i = n; i < n + 25; i++) {
        const id = String(i);
        kindOf.set(id, order[i]);
        const lane = lanes[Math.floor(random() * lanes.length)];
        batch.push(settle(lane.clerk.instances.update({ clerkJsVersion: id }), 5000).then((outcome) => ({ id, lane, outcome })));
      }
      for (const { id, lane, outcome } of await Promise.all(batch)) {
        const { d, expect } = kindOf.get(id);
        const e = outcome.value;
        if (expect === "malformed") {
          assert.ok(e instanceof pkg.ClerkUnexpectedResponseError, `call ${id} (${d}): expected ClerkUnexpectedResponseError, got ${outcome.kind} ${show(e)}`);
          assert.equal(e.status, 0, `call ${id} (${d}): status`);
          assert.equal(attempts.get(id), 1, `call ${id} (${d}): a malformed answer was retried`);
        } else {
          assert.ok(e instanceof pkg.ClerkNetworkError, `call ${id} (${d}): expected ClerkNetworkError, got ${outcome.kind} ${show(e)}`);
          assert.ok("cause" in e, `call ${id} (${d}): no cause`);
          assert.equal(attempts.get(id), lane.maxAttempts, `call ${id} (${d}): attempts`);
          assert.equal(e.attempts, lane.maxAttempts, `call ${id} (${d}): error.attempts`);
        }
      }
    }
    const t0 = performance.now();
    await assertServes("after 10,000 malformed answers");
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `the good call took ${ms.toFixed(0)} ms`);
    const after = stats();
    assert.deepEqual(after, before, "the wasm memory grew, or the instance had to be replaced");
    return { before, after, goodCallMs: Math.round(ms) };
  },

  async readerThatIsNoReader() {
    // A getReader() that answers something without read() is an answer that is not what the
    // Fetch standard says, like a chunk that is not bytes: malformed, never retried.
    let answer;
    let attempts = 0;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: { maxAttempts: 3, maxDelayMs: 1 }, fetch: async () => (attempts++, answer) });
    for (const [d, reader] of [["null", null], ["{}", {}], ["{ read: 5 }", { read: 5 }], ["42", 42]]) {
      answer = { status: 200, headers: H(), body: { getReader: () => reader } };
      attempts = 0;
      const outcome = await settle(clerk.instances.get());
      assert.ok(outcome.value instanceof pkg.ClerkUnexpectedResponseError, `getReader() answering ${d}: ${outcome.kind} ${show(outcome.value)} after ${attempts} attempts`);
      assert.equal(outcome.value.status, 0);
      assert.equal(attempts, 1, `getReader() answering ${d}: retried`);
    }
  },

  async signalPassingTheBrandCheck() {
    // Node's AbortSignal brand check reads a symbol property, so a Proxy that answers every
    // property passes it; whatever the package then makes of it (a signal aborted with `true`,
    // or refused params), its own code must not throw a TypeError past the call.
    const clerk = pkg.createInstanceClient({ secretKey: KEY, fetch: recorder().fetch });
    for (const [d, answer] of [["true", true], ["false", false], ["1", 1]]) {
      const signal = new Proxy({}, { get: () => answer });
      const outcome = await settle(clerk.instances.update({ hibp: true }, { signal }));
      const ok = outcome.kind === "resolved" || isPackageError(outcome.value) || Object.is(outcome.value, answer);
      assert.ok(ok, `a signal Proxy whose every property is ${d}: ${outcome.kind} ${show(outcome.value)}`);
    }
    await assertServes("after the look-alike signals");
  },

  async hugeTextsStayInJs() {
    // What the caller's fetch throws or answers, and what its getters throw, is cut in JS
    // before it reaches the module, as bodies are (at 1 MiB): a 16 MiB thrown message or header
    // must not be copied into wasm memory whole (measured: about 35 ms of CPU per MiB, and an
    // instance grown past 8 MiB, dropped and made again).
    let answer;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch: async () => answer() });
    const huge = "z".repeat(16 * MiB);
    await assertServes("before");
    const before = stats();
    const cases = {
      "a 16 MiB thrown message": () => { throw new Error(huge); },
      "a 16 MiB thrown string": () => { throw huge; },
      "a 16 MiB cf-ray": () => ({ status: 500, headers: { get: (h) => (h === "cf-ray" ? huge : null) }, body: null }),
      "a 16 MiB Retry-After": () => ({ status: 429, headers: { get: (h) => (h === "retry-after" ? huge : null) }, body: null }),
      "a 16 MiB message thrown while reading": () => Object.defineProperty({ status: 200, body: null }, "headers", throwing(new Error(huge))),
    };
    const grew = [];
    const check = (d, error) => {
      assert.ok(isPackageError(error), `${d}: ${show(error)}`);
      assert.ok(error.message.length <= MESSAGE_LIMIT, d);
      const now = stats();
      if (now.instances !== before.instances || now.memoryBytes !== before.memoryBytes) grew.push(`${d}: ${JSON.stringify(now)}`);
    };
    for (const [d, make] of Object.entries(cases)) {
      answer = make;
      check(d, (await settle(clerk.instances.get(), 10_000)).value);
    }
    // The same for what a params getter or an options getter throws.
    try {
      clerk.dryRun.instances.update(Object.defineProperty({}, "hibp", { ...throwing(new Error(huge)), enumerable: true }));
    } catch (error) {
      check("a 16 MiB message thrown by a params getter", error);
    }
    try {
      pkg.createInstanceClient(Object.defineProperty({ secretKey: KEY }, "fetch", { ...throwing(new Error(huge)), enumerable: true }));
    } catch (error) {
      check("a 16 MiB message thrown by an options getter", error);
    }
    assert.deepEqual(grew, [], `the module had to take in the whole text (before: ${JSON.stringify(before)})`);
  },

  async mixedHostileSequence() {
    // Long-lived clients, one per lane, each used for the whole sequence; every round ends with
    // a good call on each. Steps near the stack limit may replace the instance (that is the
    // recovery), everything else must run on the same one.
    const random = prng(15);
    let answer = () => new Response(null, { status: 204 });
    const fetch = async () => answer();
    const lanes = [
      pkg.createInstanceClient({ secretKey: KEY, fetch, retry: false }),
      pkg.createInstanceClient({ secretKey: KEY, fetch: { fetch }, retry: { maxAttempts: 2, maxDelayMs: 1 }, timeoutMs: 50 }),
      pkg.createClerkClient({ secretKey: KEY, fetch, timeoutMs: 50, retry: { maxAttempts: 3, maxDelayMs: 1 } }),
    ];
    const other = recorder();
    const otherClient = pkg.createInstanceClient({ secretKey: KEY, fetch: other.fetch });
    const cyclic = { a: 1 };
    cyclic.self = cyclic;
    const getterCalling = (f) => Object.defineProperty({}, "hibp", { enumerable: true, get: () => (f(), true) });
    const steps = [
      ...ANSWERS.map(({ d, make }) => ({ d, run: (c) => ((answer = make), c.instances.get()) })),
      { d: "fetch throws undefined", run: (c) => ((answer = () => { throw undefined; }), c.instances.get()) },
      { d: "fetch throws a revoked Proxy", run: (c) => ((answer = () => { throw revoked(); }), c.instances.get()) },
      { d: "fetch throws Object.create(null)", run: (c) => ((answer = () => { throw Object.create(null); }), c.instances.get()) },
      { d: "a marker-shaped error body", run: (c) => ((answer = () => new Response('{"errors":[{"code":"c","message":"m","meta":{"\\u0000":"bigint","value":"zz"}}]}', { status: 422 })), c.instances.get()) },
      { d: "a marker-shaped success body", run: (c) => ((answer = () => new Response('{"\\u0000":"bigint","value":"zz","object":"instance"}', { status: 200 })), c.instances.get()) },
      { d: "params with a throwing getter", run: (c) => c.instances.update(Object.defineProperty({}, "hibp", { enumerable: true, get() { throw Symbol("no"); } })) },
      { d: "params a revoked Proxy", run: (c) => c.instances.update(revoked()) },
      { d: "cyclic params", run: (c) => c.instances.update(cyclic) },
      { d: "params whose toJSON answers undefined", run: (c) => c.instances.update({ toJSON: () => undefined }) },
      { d: "params with a forged marker", run: (c) => c.instances.update({ "\u0000": "bigint", value: "zz" }) },
      { d: "params with BigInts and Symbols", run: (c) => c.instances.updateOrganizationSettings({ maxAllowedMemberships: 2n ** 70n, adminDeleteEnabled: Symbol("x") }) },
      { d: "the key as a param name", run: (c) => c.instances.update({ [KEY]: true }) },
      { d: "a 512 KiB param value", run: (c) => c.instances.update({ supportEmail: "x".repeat(MiB / 2) }) },
      { d: "call options a revoked Proxy", run: (c) => c.instances.get(undefined, revoked()) },
      { d: "an aborted signal", run: (c) => c.instances.get(undefined, { signal: AbortSignal.abort(new Error("stop")) }) },
      { d: "a re-entrant getter (same client)", run: (c) => c.instances.update(getterCalling(() => c.dryRun.instances.update({ hibp: false }))) },
      { d: "a re-entrant getter (another client's call)", run: (c) => c.instances.update(getterCalling(() => void otherClient.instances.update({ hibp: true }).catch(() => {}))) },
      { d: "options with a throwing getter", run: async () => pkg.createInstanceClient(Object.defineProperty({ secretKey: KEY }, "fetch", { enumerable: true, get() { throw revoked(); } })) },
      { d: "options a revoked Proxy", run: async () => pkg.createInstanceClient(revoked()) },
      { d: "a call near the stack limit", near: true, run: (c) => nearStackLimit(Math.floor(random() * 700), () => { try { return c.instances.update({ hibp: true }); } catch (e) { return Promise.reject(e); } }) },
      { d: "a dry run near the stack limit", near: true, run: (c) => nearStackLimit(Math.floor(random() * 700), () => { try { return Promise.resolve(c.dryRun.instances.update({ hibp: true })); } catch (e) { return Promise.reject(e); } }) },
    ];
    const play = async (step, lane, where) => {
      const { instances, memoryBytes } = stats();
      let promise;
      try {
        promise = Promise.resolve(step.run(lane));
      } catch (thrown) {
        promise = Promise.reject(thrown);
      }
      const outcome = await settle(promise.then((r) => (r?.outer ? Promise.reject(r.outer) : r)), 3000);
      answer = () => new Response(null, { status: 204 });
      if (outcome.kind === "rejected" && !isPackageError(outcome.value)) {
        const stackOverflow = step.near && outcome.value instanceof RangeError;
        const aborted = step.d === "an aborted signal" && outcome.value?.message === "stop";
        assert.ok(stackOverflow || aborted, `${where}, ${step.d}: rejected with ${show(outcome.value)}, not a package error`);
      }
      const now = stats();
      // Only a stack overflow inside an exchange replaces the instance; the new one is made by
      // the next exchange (memoryBytes is 0 in between).
      if (!step.near) assert.equal(now.instances, instances + (memoryBytes === 0 ? 1 : 0), `${where}, ${step.d}: the instance was replaced`);
      return now;
    };
    // One pass of every step first: the memory a step needs at most (a 512 KiB value) is the
    // plateau; the sequence must stay under it.
    await assertServes("before");
    let plateau = 0;
    for (const step of steps) if (!step.near) plateau = Math.max(plateau, (await play(step, lanes[0], "warm-up")).memoryBytes);
    const before = stats();
    let near = 0;
    let highest = 0;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 75; i++) {
        const step = steps[Math.floor(random() * steps.length)];
        if (step.near) near++;
        highest = Math.max(highest, (await play(step, lanes[Math.floor(random() * lanes.length)], `round ${round}`)).memoryBytes);
      }
      for (const [n, clerk] of lanes.entries()) {
        const outcome = await settle(clerk.instances.update({ hibp: false }), 1000);
        assert.equal(outcome.kind, "resolved", `round ${round}: lane ${n} no longer serves: ${show(outcome.value)}`);
      }
    }
    await assertServes("after the sequence");
    const after = stats();
    assert.ok(highest <= plateau, `the wasm memory grew to ${highest} bytes, past the ${plateau} one pass of every step needs`);
    assert.ok(after.instances - before.instances <= near, `${after.instances - before.instances} new instances after ${near} calls near the stack limit`);
    return { plateau, highest, before, after, nearStackLimit: near };
  },

  async keyAsParamName() {
    const clerk = pkg.createInstanceClient({ secretKey: KEY, fetch: recorder().fetch });
    const env = { CLERK_SECRET_KEY: KEY, CLERK_PUBLISHABLE_KEY: "pk_test_x", NODE_ENV: "production" };
    const cases = {
      "{ [secretKey]: true }": { [KEY]: true },
      "params from an env object, names and values swapped": Object.fromEntries(Object.entries(env).map(([k, v]) => [v, k])),
      "an env object spread into params": { ...env, hibp: true },
      "an env-like Proxy": new Proxy(env, {}),
      "the key inside a long name that is cut": { [`${"x".repeat(150)}${KEY}${"y".repeat(1000)}`]: true },
      "the key across the 100-character cut of a name": { [`${"x".repeat(80)}${KEY}`]: true },
      "the key inside a long value that is cut": { supportEmail: `${"x".repeat(150)}${KEY}${"y".repeat(1000)}` },
      "the key across the cut of a value": { supportEmail: `${"x".repeat(50)}${KEY}@` },
      "the key as a list item": { allowedOrigins: [KEY] },
      "the key as a typo'd name next to others": { [KEY]: 1, testmode: true, [`${KEY}Mode`]: 2 },
    };
    for (const [d, params] of Object.entries(cases)) {
      let thrown;
      try {
        clerk.dryRun.instances.update(params);
      } catch (error) {
        thrown = error;
      }
      assert.ok(thrown instanceof pkg.ClerkInvalidParamsError, `dry run, ${d}: ${show(thrown)}`);
      assertNoKey(thrown, `dry run, ${d}`);
      const outcome = await settle(clerk.instances.update(params));
      assert.ok(outcome.value instanceof pkg.ClerkInvalidParamsError, `${d}: ${outcome.kind} ${show(outcome.value)}`);
      assertNoKey(outcome.value, d);
    }
  },

  async boundedMessages() {
    let answer;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch: async () => answer() });
    const huge = "h".repeat(2 * MiB);
    const errors = {};
    const sync = (f) => {
      try {
        return { value: f() };
      } catch (error) {
        return { error };
      }
    };
    errors["a 512 KiB unknown key"] = sync(() => clerk.dryRun.instances.update({ [huge.slice(0, MiB / 2)]: true })).error;
    errors["a 900 KB value"] = sync(() => clerk.dryRun.instances.update({ supportEmail: huge.slice(0, 900_000) })).error;
    errors["a 900 KB list item"] = sync(() => clerk.dryRun.instances.update({ allowedOrigins: [huge.slice(0, 900_000)] })).error;
    errors["1000 unknown keys of 300 characters"] = sync(() => clerk.dryRun.instances.update(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`${i}${"k".repeat(300)}`, true])))).error;
    errors["300 bad list items"] = sync(() => clerk.dryRun.instances.updateCommunication({ blockedCountryCodes: Array.from({ length: 300 }, () => "x".repeat(2000)) })).error;
    errors["a 512 KiB unknown option"] = sync(() => pkg.createInstanceClient({ secretKey: KEY, [huge.slice(0, MiB / 2)]: 1 })).error;
    errors["a 512 KiB apiUrl"] = sync(() => pkg.createInstanceClient({ secretKey: KEY, apiUrl: `https://${huge.slice(0, MiB / 2)}?q` })).error;
    errors["a 512 KiB user agent with a newline"] = sync(() => pkg.createInstanceClient({ secretKey: KEY, userAgent: `${huge.slice(0, MiB / 2)}\n` })).error;
    const answers = {
      "a 2 MiB cause": () => { throw new Error(huge); },
      "a 2 MiB thrown string": () => { throw huge; },
      "a 2 MiB cause while reading": () => Object.defineProperty({ status: 200, body: null }, "headers", throwing(new Error(huge))),
      "a 512 KiB server message, code and long message": () => new Response(JSON.stringify({ errors: [{ code: huge.slice(0, MiB / 4), message: huge.slice(0, MiB / 4), long_message: huge.slice(0, MiB / 4) }] }), { status: 422 }),
      "500 server errors": () => new Response(JSON.stringify({ errors: Array.from({ length: 500 }, (_, i) => ({ code: `c${i}`, message: "m".repeat(600), long_message: "l".repeat(600) })) }), { status: 400 }),
      "a 1 MiB HTML page": () => new Response(`<html>${huge.slice(0, MiB)}`, { status: 502 }),
      "a 1 MiB unreadable success": () => new Response(`{"object":"${huge.slice(0, MiB)}`, { status: 200 }),
      "a 1 MB cf-ray": () => ({ status: 500, headers: { get: (h) => (h === "cf-ray" ? huge.slice(0, 1_000_000) : null) }, body: null }),
      "a 1 MB Retry-After": () => ({ status: 429, headers: { get: (h) => (h === "retry-after" ? huge.slice(0, 1_000_000) : null) }, body: null }),
      "a 1 MB clerk_trace_id": () => new Response(JSON.stringify({ errors: [{ code: "c", message: "m" }], clerk_trace_id: huge.slice(0, 1_000_000) }), { status: 404 }),
    };
    for (const [d, make] of Object.entries(answers)) {
      answer = make;
      const outcome = await settle(clerk.instances.get(), 5000);
      errors[d] = outcome.value;
    }
    const sizes = {};
    for (const [d, error] of Object.entries(errors)) {
      assert.ok(isPackageError(error), `${d}: ${show(error)}`);
      assert.ok(error.message.length <= MESSAGE_LIMIT, `${d}: a message of ${error.message.length} characters`);
      assert.ok(String(error).length <= MESSAGE_LIMIT + 100, `${d}: String(error) of ${String(error).length} characters`);
      for (const [field, value] of Object.entries(error)) {
        if (typeof value === "string") assert.ok(value.length <= MESSAGE_LIMIT, `${d}: error.${field} has ${value.length} characters`);
      }
      sizes[d] = error.message.length;
    }
    return sizes;
  },

  async errorsSerialize() {
    let answer;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, timeoutMs: 20, fetch: async () => answer() });
    const errors = [];
    const sync = (f) => {
      try {
        f();
      } catch (error) {
        return error;
      }
    };
    errors.push(["ClerkInvalidOptionsError", sync(() => pkg.createInstanceClient({ secretKey: KEY, retry: { maxAttempts: 11n } }))]);
    errors.push(["ClerkInvalidParamsError", sync(() => clerk.dryRun.instances.update({ testMode: 1n, hibp: Symbol() }))]);
    for (const cause of [12n, Symbol("s"), undefined, revoked(), Object.create(null), { big: 1n }]) {
      answer = () => { throw cause; };
      errors.push(["ClerkNetworkError", (await settle(clerk.instances.get())).value]);
    }
    answer = () => new Promise(() => {});
    errors.push(["ClerkTimeoutError", (await settle(clerk.instances.get())).value]);
    answer = () => ({ status: 200n, headers: H(), body: null });
    errors.push(["ClerkUnexpectedResponseError", (await settle(clerk.instances.get())).value]);
    answer = () => new Response('{"object":5}', { status: 200 });
    errors.push(["ClerkUnexpectedResponseError", (await settle(clerk.instances.get())).value]);
    const meta = { "\u0000": "bigint", value: "12" };
    answer = () => new Response(JSON.stringify({ errors: [{ code: "c", message: "m", meta }], meta: { n: 123456789012345678901234567890 } }), { status: 422 });
    const api = (await settle(clerk.instances.get())).value;
    errors.push(["ClerkAPIResponseError", api]);
    answer = () => new Response('{"errors":[{"code":"c","message":"m","meta":{"n":123456789012345678901234567890,"m":{"\\u0000":"bigint","value":"zz"}}}]}', { status: 429 });
    errors.push(["ClerkAPIResponseError", (await settle(clerk.instances.get())).value]);
    const clones = {};
    for (const [expected, error] of errors) {
      assert.equal(name(error), expected, show(error));
      let json;
      assert.doesNotThrow(() => (json = JSON.stringify(error)), `JSON.stringify(${expected}: ${error.message})`);
      assert.equal(typeof json, "string");
      assert.doesNotThrow(() => JSON.parse(json));
      // Optional in issue 15: reported, not required (a cause that cannot be cloned stays the cause).
      try {
        structuredClone(error);
      } catch (e) {
        clones[`${expected}${"cause" in error ? ` (cause: ${typeof error.cause})` : ""}`] = String(e.message).slice(0, 80);
      }
    }
    // The marker-shaped meta is plain data: what the server sent, not a BigInt.
    assert.deepEqual(api.errors[0].meta, meta);
    return { structuredCloneThrows: clones };
  },

  async markersAreData() {
    let body;
    let status;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch: async () => new Response(body, { status }) });
    const marker = (what, value) => (value === undefined ? { "\u0000": what } : { "\u0000": what, value });
    // Error bodies: every meta comes back as it was sent.
    for (const meta of [marker("bigint", "zz"), marker("bigint", "12"), marker("bigint"), marker("undefined"), marker("thrown", "boom"), marker("function"), { nested: marker("bigint", "zz"), list: [marker("NaN")] }]) {
      body = JSON.stringify({ errors: [{ code: "c", message: "m", meta }] });
      status = 400;
      const outcome = await settle(clerk.instances.get());
      assert.ok(outcome.value instanceof pkg.ClerkAPIResponseError, `meta ${JSON.stringify(meta)}: ${show(outcome.value)}`);
      assert.deepEqual(outcome.value.errors[0].meta, meta);
      assert.doesNotThrow(() => JSON.stringify(outcome.value));
    }
    // The body itself, or the error list, shaped like a marker.
    for (const text of ['{"\\u0000":"bigint","value":"zz"}', '{"errors":{"\\u0000":"bigint","value":"zz"}}', '{"errors":[{"\\u0000":"bigint","value":"zz"}]}']) {
      body = text;
      status = 500;
      const outcome = await settle(clerk.instances.get());
      assert.ok(outcome.value instanceof pkg.ClerkAPIResponseError, `${text}: ${show(outcome.value)}`);
      assert.doesNotThrow(() => JSON.stringify(outcome.value));
    }
    // Success bodies: a marker in an unknown field is ignored, in a known one it is a wrong type.
    body = '{"object":"instance","id":"ins_1","extra":{"\\u0000":"bigint","value":"zz"},"\\u0000":"bigint","value":"zz"}';
    status = 200;
    const ok = await settle(clerk.instances.get());
    assert.equal(ok.kind, "resolved", show(ok.value));
    assert.deepEqual(ok.value, { object: "instance", id: "ins_1" });
    body = '{"object":"instance","id":{"\\u0000":"bigint","value":"zz"}}';
    const wrong = await settle(clerk.instances.get());
    assert.ok(wrong.value instanceof pkg.ClerkUnexpectedResponseError, show(wrong.value));
    assert.equal(wrong.value.status, 200);
    body = '{"max_allowed_memberships":{"\\u0000":"bigint","value":"12"}}';
    const settings = await settle(clerk.instances.getOrganizationSettings());
    assert.ok(settings.value instanceof pkg.ClerkUnexpectedResponseError, `a marker where an integer belongs: ${settings.kind} ${show(settings.value)}`);
  },

  async thrownValuesBecomeCause() {
    let thrown;
    let how;
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: { maxAttempts: 2, maxDelayMs: 1 }, fetch: async () => {
      if (how === "reject") await null;
      throw thrown;
    } });
    const sync = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch: () => { throw thrown; } });
    const values = {
      null: null,
      undefined,
      "a string": "connection refused",
      "an empty string": "",
      "Object.create(null)": Object.create(null),
      "a throwing toString": { toString() { throw new Error("no"); } },
      "a throwing message getter": { get message() { throw new Error("no"); } },
      "a Symbol": Symbol("thrown"),
      "a revoked Proxy": revoked(),
      "a BigInt": 10n,
      "0": 0,
      false: false,
    };
    for (const [d, value] of Object.entries(values)) {
      for (const [client, mode] of [[clerk, "throw"], [clerk, "reject"], [sync, "throw"]]) {
        thrown = value;
        how = mode;
        const outcome = await settle(client.instances.get());
        const e = outcome.value;
        const where = `fetch ${mode === "reject" ? "rejects with" : "throws"} ${d}${client === sync ? " (a plain function)" : ""}`;
        assert.ok(e instanceof pkg.ClerkNetworkError, `${where}: ${outcome.kind} ${show(e)}`);
        assert.ok("cause" in e, `${where}: the error has no cause`);
        assert.ok(Object.is(e.cause, value), `${where}: the cause is not the thrown value`);
        assert.ok(e.message.length > 0);
        assert.doesNotThrow(() => JSON.stringify(e), where);
      }
    }
  },

  async reentrantCalls() {
    const inner = [];
    const ok = () => new Response('{"object":"instance","id":"ins_1"}', { status: 200 });
    let answer = ok;
    const bodies = [];
    const fetch = async (url, init) => {
      bodies.push(init.body);
      return answer();
    };
    const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch });
    const other = pkg.createInstanceClient({ secretKey: KEY, fetch: recorder().fetch });
    // What a getter (or a fetch) does before answering. Each re-entry records its outcome; a
    // budget per place stops a re-entered call from re-entering again without end.
    let busy = false;
    let budget = 0;
    const reenter = (d, f) => () => {
      if (busy || budget-- <= 0) return;
      busy = true;
      try {
        const r = f();
        inner.push(r instanceof Promise ? settle(r).then((o) => [d, o]) : [d, { kind: "returned", value: r }]);
      } catch (error) {
        inner.push([d, { kind: "threw", value: error }]);
      } finally {
        busy = false;
      }
    };
    const reentries = {
      "a dry run on the same client": [() => clerk.dryRun.instances.update({ testMode: true }), "returned"],
      "a refused dry run on the same client": [() => clerk.dryRun.instances.update({ testmode: true }), "threw"],
      "a call on the same client": [() => clerk.instances.get(), null],
      "a call on another client": [() => other.instances.update({ hibp: true }), "resolved"],
      "a new client": [() => pkg.createInstanceClient({ secretKey: KEY }), "returned"],
      "a refused new client": [() => pkg.createInstanceClient({ secretKey: KEY, retries: 3 }), "threw"],
    };
    for (const [rd, [f, expected]] of Object.entries(reentries)) {
      const again = reenter(rd, f);
      const withGetter = (params, key) => Object.defineProperty(params, key, { enumerable: true, get: () => (again(), true) });
      const places = {
        "a params getter": () => clerk.instances.update(withGetter({}, "hibp")),
        "a params toJSON": () => clerk.instances.update({ toJSON: () => (again(), { hibp: true }) }),
        "a params Proxy's ownKeys": () => clerk.instances.update(new Proxy({ hibp: true }, { ownKeys: (t) => (again(), Reflect.ownKeys(t)) })),
        "a call options signal getter": () => clerk.instances.get(undefined, Object.defineProperty({}, "signal", { enumerable: true, get: () => (again(), undefined) })),
        "an options getter of a new client": async () => pkg.createInstanceClient(Object.defineProperty({ secretKey: KEY }, "fetch", { enumerable: true, get: () => (again(), fetch) })).instances.get(),
        "the caller's fetch": () => ((answer = () => (again(), ok())), clerk.instances.get()),
        "headers.get": () => ((answer = () => ({ status: 200, headers: { get: (h) => (again(), h === "content-length" ? "2" : null) }, body: {}, text: async () => "{}" })), clerk.instances.get()),
        "text()": () => ((answer = () => withText(async () => (again(), '{"object":"instance"}'))), clerk.instances.get()),
        "a concurrent call of the same client": () => Promise.all([clerk.instances.update({ testMode: true }), (again(), clerk.instances.update(withGetter({}, "hibp")))]),
      };
      for (const [pd, call] of Object.entries(places)) {
        budget = 2;
        bodies.length = 0;
        const outcome = await settle(Promise.resolve().then(call));
        answer = ok;
        assert.ok(outcome.kind === "resolved" || isPackageError(outcome.value), `${rd} from ${pd}: the outer call rejected with ${show(outcome.value)}`);
        assert.ok(bodies.length > 0 || isPackageError(outcome.value), `${rd} from ${pd}: nothing was sent`);
        for (const [d, o] of await Promise.all(inner.splice(0))) {
          const where = `${d}, re-entered from ${pd}`;
          assert.ok(["resolved", "returned"].includes(o.kind) || isPackageError(o.value), `${where}: ${o.kind} ${show(o.value)}`);
          if (expected) assert.equal(o.kind, expected, `${where}: ${o.kind} ${show(o.value)}`);
        }
      }
      // The outer params are read as written, whatever the getter did in between.
      budget = 2;
      bodies.length = 0;
      answer = () => new Response(null, { status: 204 });
      const outcome = await settle(clerk.instances.update(withGetter({ testMode: false }, "hibp")));
      assert.equal(outcome.kind, "resolved", `${rd}: ${show(outcome.value)}`);
      assert.ok(bodies.includes('{"test_mode":false,"hibp":true}'), `${rd}: the outer call sent ${JSON.stringify(bodies)}`);
      await Promise.all(inner.splice(0));
      answer = ok;
    }
    await assertServes("after the re-entrant calls");
  },

  async stackLimitPlain() {
    return stackLimit({ getters: false });
  },

  async stackLimitGetters() {
    return stackLimit({ getters: true });
  },
};

/**
 * Calls made with little stack left: each settles with a RangeError (the engine's, thrown or
 * rejected) or works; a network error whose cause is that RangeError (an attempt could not run)
 * is a faithful report too. Never invalid params or options: the caller's input was valid.
 * With `getters`, params and options are read through getters (a computed config, a Proxy).
 */
async function stackLimit({ getters }) {
  const { fetch } = recorder();
  const clerk = pkg.createInstanceClient({ secretKey: KEY, retry: false, fetch });
  const params = () => (getters ? Object.defineProperty({ testMode: true }, "hibp", { enumerable: true, get: () => true }) : { testMode: true, hibp: true });
  const options = () => (getters ? Object.defineProperty({ secretKey: KEY }, "fetch", { enumerable: true, get: () => fetch }) : { secretKey: KEY, fetch });
  const kinds = {
    "instances.update": () => clerk.instances.update(params()),
    "dryRun.instances.update": () => clerk.dryRun.instances.update(params()),
    createInstanceClient: () => pkg.createInstanceClient(options()),
  };
  await assertServes("before");
  const before = stats();
  const outcomes = {};
  const wrong = [];
  const tryAt = async (back) => {
    let worked = false;
    for (const [kind, f] of Object.entries(kinds)) {
      const r = nearStackLimit(back, () => {
        try {
          return { value: f() };
        } catch (error) {
          return { error };
        }
      });
      if (r.outer) continue;
      let outcome;
      if (r.error !== undefined) outcome = { kind: "threw", value: r.error };
      else if (r.value instanceof Promise) outcome = await settle(r.value);
      else outcome = { kind: "returned", value: r.value };
      const e = outcome.value;
      const ok = outcome.kind === "resolved" || outcome.kind === "returned" || e instanceof RangeError || (e instanceof pkg.ClerkNetworkError && e.cause instanceof RangeError);
      const label = `${kind} ${outcome.kind} ${outcome.kind === "resolved" || outcome.kind === "returned" ? "" : name(e)}`;
      outcomes[label] = (outcomes[label] ?? 0) + 1;
      if (!ok && wrong.length < 5) wrong.push(`${kind}, ${back} frames from the limit: ${outcome.kind} ${show(e)}`);
      worked ||= outcome.kind === "returned";
    }
    return worked;
  };
  // Coarse steps until calls work, then every frame around where they start to.
  let first = null;
  for (let back = 0; back < 4000 && first === null; back += 16) if (await tryAt(back)) first = back;
  assert.ok(first !== null, "no call worked even 4000 frames from the stack limit");
  for (let back = Math.max(0, first - 64); back < first + 200; back++) await tryAt(back);
  assert.deepEqual(wrong, [], `calls near the stack limit reported as something else than a stack overflow (outcomes: ${JSON.stringify(outcomes)})`);
  await assertServes("after the calls near the stack limit");
  const after = stats();
  assert.ok(after.instances - before.instances <= 3, `${after.instances - before.instances} new instances`);
  assert.equal(after.memoryBytes, before.memoryBytes);
  return { outcomes, firstWorkingFrames: first, instances: after.instances - before.instances };
}

// ---------------------------------------------------------------------------------------------
// The worker side, and the tests

if (!isMainThread) {
  const unhandled = [];
  process.on("unhandledRejection", (reason) => unhandled.push(`unhandled rejection: ${show(reason)}`));
  process.on("uncaughtException", (error) => unhandled.push(`uncaught exception: ${show(error)}`));
  try {
    const info = await scenarios[workerData.scenario]();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, [], "faults outside any awaited promise");
    parentPort.postMessage({ ok: true, info: JSON.stringify(info ?? null) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error?.stack ?? String(error) });
  }
}

/** Runs a scenario in a worker with its own copy of the package; fails after `limitMs`. */
function inWorker(scenario, limitMs) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { scenario } });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`${scenario}: no answer within ${limitMs / 1000} s (the module spins or a call never settles)`));
    }, limitMs);
    worker.on("message", (m) => {
      clearTimeout(timer);
      worker.terminate();
      if (m.ok) resolve(JSON.parse(m.info));
      else reject(new Error(`${scenario}: ${m.message}`));
    });
    worker.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

if (isMainThread) {
  const run = (title, scenario, limitMs = 30_000) =>
    test(title, async (t) => {
      const info = await inWorker(scenario, limitMs);
      if (info) t.diagnostic(`${scenario}: ${JSON.stringify(info)}`);
    });

  // Issue 14
  run("issue 14: the three reproducers reject with ClerkUnexpectedResponseError and the module keeps serving", "issue14Reproducers", 10_000);
  run("issue 14: status 200n or Symbol(), text() resolving to a number or an object: ClerkUnexpectedResponseError, not a TypeError", "issue14OtherMalformed", 10_000);
  run("issue 14: 10,000 malformed answers of every kind through one module instance, then a good call; memory and instance flat", "tenThousandMalformed", 120_000);
  run("issue 14: a body whose getReader() answers no reader is malformed, not a network error retried", "readerThatIsNoReader", 10_000);
  // Issue 15
  run("issue 15: a long mixed hostile sequence on long-lived clients never kills the module", "mixedHostileSequence", 120_000);
  run("issue 15: the secret key as a param name (or in a long name or value that is cut) is in no message, String, JSON or stack", "keyAsParamName");
  run("issue 15: huge keys, values, causes and server texts give messages of at most 8 KB", "boundedMessages");
  run("issue 15: JSON.stringify works on every error class, BigInt-shaped meta included", "errorsSerialize");
  run("issue 15: marker-shaped server bodies are read as plain data", "markersAreData");
  run("issue 15: whatever the caller's fetch throws (null, undefined, a string, no string form) is the cause of a ClerkNetworkError", "thrownValuesBecomeCause");
  run("issue 15: re-entrant calls work or fail with a package error", "reentrantCalls");
  run("issue 15: a call near the JS stack limit is a RangeError or works, never invalid params or options", "stackLimitPlain", 60_000);
  run("issue 15: the same near the stack limit when params and options are read through getters", "stackLimitGetters", 60_000);
  run("issue 15: a huge thrown message or header is cut in JS, not copied whole into the module", "hugeTextsStayInJs", 60_000);
  run("issue 15: a signal Proxy that passes Node's AbortSignal brand check gives a package error or its reason, not a TypeError", "signalPassingTheBrandCheck", 10_000);
}
