// Every operation of the JS API against the stand-in Clerk API, in Node: byte-exact bodies with
// absent, null and value; resources; API errors with every field; retries; timeouts; the domain
// changes never retried; the decoder; the secret key. (The Rust client runs the same scenarios
// over HostFetch in tests/wasm.rs.)
import assert from "node:assert/strict";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge";
import { discover } from "../fuzz/schema.mjs";

const KEY = "sk_test_NODESECRET0123456789abcdef";
const standin = process.env.STANDIN_URL;

async function control(ns, action, body) {
  const response = await fetch(`${standin}/__standin/${ns}/${action}`, { method: body === undefined ? "GET" : "POST", body: body === undefined ? undefined : JSON.stringify(body) });
  assert.ok(response.ok, `stand-in ${action}: ${response.status}`);
  return response.json();
}

function client(ns, options = {}) {
  return pkg.createInstanceClient({ secretKey: KEY, apiUrl: `${standin}/ns/${ns}`, ...options });
}

/** A valid value for a field (role IDs are ones the stand-in knows). */
function sample(field) {
  const one = field.wire.endsWith("_role_id") ? "rol_standin_member"
    : field.oneOf ? field.oneOf[0]
    : { countryCodes: "US", emailLocalPart: "noreply", emailOrEmpty: "support@example.com", absoluteUrl: "https://www.example.com", origin: "https://app.example.com" }[field.rule] ?? "value";
  return { boolean: true, integer: 7, string: one, list: [one] }[field.kind];
}

test("every operation reaches the API byte-exact with absent, null and value", async () => {
  assert.ok(standin, "run through tests/with-standin.mjs");
  const ops = discover(() => Promise.reject(new Error("discover sends nothing")));
  assert.equal(ops.length, 15);
  for (const [n, op] of ops.entries()) {
    const ns = `bytes-${n}`;
    const clerk = client(ns);
    // Field i: a value when i % 3 == 0, null when i % 3 == 1 (a value if it cannot be null),
    // else undefined, so every operation sends all three states where it has the fields.
    const params = {};
    const expected = {};
    op.fields.forEach((field, i) => {
      if (i % 3 === 1 && field.nullable) params[field.name] = expected[field.wire] = null;
      else if (i % 3 < 2) params[field.name] = expected[field.wire] = sample(field);
      else params[field.name] = undefined;
    });
    const result = await clerk[op.group][op.name](params);
    const [record, ...more] = await control(ns, "requests");
    assert.equal(more.length, 0, op.label);
    assert.equal(record.method, op.method);
    assert.equal(record.path, `/v1${op.path}`);
    assert.equal(record.body, op.method === "GET" ? "" : JSON.stringify(expected), op.label);
    assert.equal(record.headers.authorization, `Bearer ${KEY}`);
    assert.equal(record.headers["clerk-api-version"], "2026-05-12");
    assert.equal(record.headers["content-type"], op.method === "GET" ? undefined : "application/json");
    assert.match(record.headers["user-agent"], /^clerk-instance-edge@/);
    assert.equal(result === undefined, op.resource === null, `${op.label}: 202/204 give undefined`);
  }
});

test("reads send no body and answer camelCase objects", async () => {
  const clerk = client("reads");
  const instance = await clerk.instances.get();
  assert.equal(instance.object, "instance");
  assert.equal(typeof instance.environmentType, "string");
  const settings = await clerk.instances.getOrganizationSettings();
  assert.equal(typeof settings.maxAllowedMemberships, "number");
  const [first] = await control("reads", "requests");
  assert.equal(first.body, "");
  assert.equal(first.headers["content-type"], undefined);
});

test("API errors arrive with every field", async () => {
  const clerk = client("api-errors");
  for (const status of [402, 404, 422]) {
    const body = { errors: [{ message: `m${status}`, long_message: `long ${status}`, code: `code_${status}`, meta: { param_name: "allowlist" } }], meta: {}, clerk_trace_id: `trace_${status}` };
    await control("api-errors", "script", [{ status, body }]);
    const error = await clerk.instances.updateRestrictions({ allowlist: true }).catch((e) => e);
    assert.equal(error.name, "ClerkAPIResponseError");
    assert.equal(error.clerkError, true);
    assert.equal(error.status, status);
    assert.equal(error.clerkTraceId, `trace_${status}`);
    assert.deepEqual(error.errors[0], { code: `code_${status}`, message: `m${status}`, longMessage: `long ${status}`, meta: { paramName: "allowlist" } });
    assert.match(error.message, new RegExp(`answered ${status}`));
    assert.equal(error.constructor.kind, "ClerkAPIResponseError");
    assert.ok(pkg.isClerkAPIResponseError(error));
  }
  assert.equal((await control("api-errors", "requests")).length, 3, "4xx is not retried");
});

test("a 429 waits for Retry-After, then succeeds", async () => {
  const clerk = client("rate-limited");
  await control("rate-limited", "script", [{ status: 429, headers: { "retry-after": "1" }, body: { errors: [{ code: "too_many_requests", message: "slow down" }] } }]);
  const started = Date.now();
  assert.equal(await clerk.instances.update({ hibp: true }), undefined);
  assert.ok(Date.now() - started >= 950, "waited for Retry-After: 1");
  const seen = await control("rate-limited", "requests");
  assert.equal(seen.length, 2);
  assert.equal(seen[0].body, seen[1].body);
});

test("a 503 is retried, and retries are bounded", async () => {
  const clerk = client("unavailable", { retry: { maxAttempts: 3, maxDelayMs: 20 } });
  await control("unavailable", "script", [{ status: 503, text: "", times: 2 }]);
  assert.equal((await clerk.instances.updateProtect({ rulesEnabled: true })).rulesEnabled, true);
  assert.equal((await control("unavailable", "requests")).length, 3);
  await control("unavailable", "script", [{ status: 503, text: "busy", times: 5 }]);
  const error = await clerk.instances.updateProtect({}).catch((e) => e);
  assert.equal(error.status, 503);
  assert.equal(error.attempts, 3);
  assert.equal((await control("unavailable", "requests")).length, 6);
});

test("a stall hits the timeout", async () => {
  const clerk = client("stall", { timeoutMs: 200, retry: false });
  await control("stall", "script", [{ delayMs: 3000 }]);
  const started = Date.now();
  const error = await clerk.instances.get().catch((e) => e);
  assert.equal(error.name, "ClerkTimeoutError");
  assert.equal(error.timeoutMs, 200);
  assert.ok(Date.now() - started < 2000);
});

test("domain changes are never retried", async () => {
  const clerk = client("domain", { retry: { maxAttempts: 3, maxDelayMs: 10 } });
  await control("domain", "script", [{ status: 503, text: "", times: 2 }]);
  const params = { homeUrl: "https://new.example.com" };
  for (const call of [clerk.instances.changeDomain, clerk.betaFeatures.updateProductionInstanceDomain]) {
    assert.equal((await call(params).catch((e) => e)).attempts, 1);
  }
  await control("domain", "script", [{ drop: "before" }]);
  const error = await clerk.instances.changeDomain(params).catch((e) => e);
  assert.equal(error.name, "ClerkNetworkError");
  assert.ok(error.cause !== undefined, "the fetch failure is the cause");
  assert.equal((await control("domain", "requests")).length, 3, "each change arrived once");
});

test("an HTML 502 keeps an excerpt", async () => {
  const clerk = client("html", { retry: false });
  await control("html", "script", [{ status: 502, text: "<html><body>Bad gateway</body></html>", contentType: "text/html", headers: { "cf-ray": "ray-502" } }]);
  const error = await clerk.instances.get().catch((e) => e);
  assert.equal(error.body, "<html><body>Bad gateway</body></html>");
  assert.equal(error.clerkTraceId, "ray-502");
  assert.deepEqual(error.errors, []);
});

test("the decoder refuses bad params before sending", async () => {
  const clerk = client("decoder");
  const error = await clerk.instances.update({ testmode: true, hibp: "yes", allowedOrigins: null }).catch((e) => e);
  assert.equal(error.name, "ClerkInvalidParamsError");
  assert.deepEqual(error.problems.map((p) => p.message), [
    "`testmode` is not a parameter of instances.update; did you mean `testMode`?",
    "`hibp` must be true or false, or null; got the string \"yes\"",
    "`allowedOrigins` cannot be null; leave it out to keep the current list",
  ]);
  // undefined is absent: nothing but the one value is sent.
  await clerk.instances.update({ testMode: false, hibp: undefined });
  const seen = await control("decoder", "requests");
  assert.equal(seen.length, 1, "the refused call sent nothing");
  assert.equal(seen[0].body, '{"test_mode":false}');
  assert.throws(() => pkg.createInstanceClient({ secretKey: "sk test" }), { name: "ClerkInvalidOptionsError" });
  // One mistake, one problem: the fetch option is checked in one place.
  const fetch3 = (() => { try { pkg.createInstanceClient({ secretKey: KEY, fetch: 3 }); } catch (e) { return e; } })();
  assert.deepEqual(fetch3.problems.map((p) => p.param), ["fetch"]);
});

test("an operation with two JS names is named as it was called", async () => {
  const clerk = client("names");
  for (const [call, label] of [
    [clerk.betaFeatures.changeDomain, "betaFeatures.changeDomain"],
    [clerk.instances.changeDomain, "instances.changeDomain"],
    [clerk.dryRun.betaFeatures.changeDomain, "betaFeatures.changeDomain"],
  ]) {
    const error = await (async () => call({ homeUrl: "https://new.example.com", homeUlr: 1 }))().catch((e) => e);
    assert.equal(error.name, "ClerkInvalidParamsError");
    assert.ok(error.message.startsWith(`${label} was not sent`), error.message);
    assert.equal(error.problems[0].message, `\`homeUlr\` is not a parameter of ${label}; did you mean \`homeUrl\`?`);
  }
  // The same request either way.
  assert.deepEqual(clerk.dryRun.betaFeatures.changeDomain({ homeUrl: "https://a.example.com" }), clerk.dryRun.instances.changeDomain({ homeUrl: "https://a.example.com" }));
  assert.equal((await control("names", "requests")).length, 0, "nothing refused was sent");
});

test("the secret key is in no error", async () => {
  const clerk = client("secret", { retry: false, timeoutMs: 300 });
  await control("secret", "script", [
    { status: 401, body: { errors: [{ code: "authentication_invalid", message: "bad key" }] } },
    { drop: "before" },
    { delayMs: 2000 },
    { status: 500, text: "<html>" },
  ]);
  const shown = [];
  const show = (e) => JSON.stringify({ string: String(e), message: e?.message, stack: e?.stack, ...e });
  for (let i = 0; i < 4; i++) shown.push(show(await clerk.instances.get().catch((e) => e)));
  shown.push(show(await clerk.instances.update({ x: 1, [KEY]: true }).catch((e) => e)));
  shown.push(JSON.stringify(clerk.dryRun.instances.update({ hibp: true })));
  for (const text of shown) assert.ok(!text.includes("NODESECRET"), text);
});
