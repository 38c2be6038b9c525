// Injected faults: the stand-in drops connections, stalls, trickles bodies, answers 5xx, 429 and
// bodies that are not what Clerk sends, and the package must answer each with the documented
// error (or recover, where a retry should), within its attempt and time bounds, without an
// unhandled rejection, and without ever sending a domain change twice. Node and workerd run the
// same cases; each case has its own namespace in the stand-in.
import { check, control, equal, namespace, pause, timed } from "./support.js";

const KEY = "sk_test_FAULTS0123456789";
const TIMEOUT_MS = 300;
const MAX_DELAY_MS = 50;
// Small timeouts and waits so that the suite stays fast; every bound below is computed from them.
const FAST = { timeoutMs: TIMEOUT_MS, retry: { maxAttempts: 3, maxDelayMs: MAX_DELAY_MS } };
// Scheduling, the stand-in's own work and workerd's clock, on top of the computed bound.
const MARGIN_MS = 400;
// Longer than the timeout, so that a stalled or trickled attempt always times out.
const STALL_MS = 1000;

const clerkError = (code, message, trace) => ({
  errors: [{ code, message, long_message: `${message} (long)`, meta: {} }],
  ...(trace ? { clerk_trace_id: trace } : {}),
});

// A proxy's error page, longer than the 200 characters an error keeps of a body.
const HTML = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>cloudflare</p>${"<!-- padding -->".repeat(20)}</body></html>`;

const GET_INSTANCE = { method: "GET", path: "/v1/instance", body: "" };
const RESTRICTIONS = { allowlist: true, blocklist: null };
const PATCH_RESTRICTIONS = { method: "PATCH", path: "/v1/instance/restrictions", body: '{"allowlist":true,"blocklist":null}' };

/**
 * The cases for calls that may be retried. `script` is the faults the stand-in serves (all of
 * them: the queue must be empty afterwards), `records` how many requests must arrive (or a
 * range), `expect` the error's kind and documented fields, or `value` a check of the result
 * when a retry recovers; `waitMs` a Retry-After wait the time bound allows instead of backoffs.
 */
function retryCases() {
  // Dates are made when the case runs (a script may be a function), not when the list is built.
  const future = () => new Date(Date.now() + 30_000).toUTCString();
  const past = () => new Date(Date.now() - 30_000).toUTCString();
  const get = (c) => c.instances.get();
  const instance = (v) => v?.object === "instance";
  return [
    // Connection dropped before any answer: a network error after every attempt, or recovery.
    {
      name: "drop-before", call: (c) => c.instances.updateRestrictions(RESTRICTIONS), request: PATCH_RESTRICTIONS,
      script: [{ drop: "before", times: 3 }], records: 3, expect: { kind: "ClerkNetworkError", attempts: 3 },
    },
    {
      name: "drop-before-recovers", call: (c) => c.instances.updateRestrictions(RESTRICTIONS), request: PATCH_RESTRICTIONS,
      script: [{ drop: "before" }], records: 2, value: (v) => v?.object === "instance_restrictions" && v.allowlist === true,
    },
    // The same on a GET. workerd's own fetch sends a GET again, once, when a reused connection
    // closes before any answer, so the stand-in may see more requests than the package made
    // attempts (Node's fetch does not): up to twice as many, never more.
    { name: "drop-before-get", call: get, request: GET_INSTANCE, script: [{ drop: "before", times: 6 }], records: [3, 6], expect: { kind: "ClerkNetworkError", attempts: 3 } },
    // Cut in the middle of the body: the status line arrived, the body did not.
    {
      name: "drop-during", call: (c) => c.instances.updateRestrictions(RESTRICTIONS), request: PATCH_RESTRICTIONS,
      script: [{ drop: "during", times: 3 }], records: 3, expect: { kind: "ClerkNetworkError", attempts: 3 },
    },
    {
      name: "drop-during-recovers", call: (c) => c.instances.getOrganizationSettings(),
      request: { method: "GET", path: "/v1/instance/organization_settings", body: "" },
      script: [{ drop: "during" }], records: 2, value: (v) => v?.object === "organization_settings",
    },
    // A 204 is complete once its headers are in, so cutting the connection after them loses nothing.
    {
      name: "drop-during-after-204", call: (c) => c.instances.update({ hibp: false }),
      request: { method: "PATCH", path: "/v1/instance", body: '{"hibp":false}' },
      script: [{ drop: "during" }], records: 1, value: (v) => v === undefined,
    },
    // Stalls and trickled bodies past the timeout: a timeout error, every attempt timed out.
    {
      name: "stall", call: get, request: GET_INSTANCE, script: [{ delayMs: STALL_MS, times: 3 }], records: 3,
      expect: { kind: "ClerkTimeoutError", attempts: 3, timeoutMs: TIMEOUT_MS }, atLeastMs: 3 * TIMEOUT_MS,
    },
    { name: "stall-recovers", call: get, request: GET_INSTANCE, script: [{ delayMs: STALL_MS }], records: 2, value: instance, atLeastMs: TIMEOUT_MS },
    {
      name: "slow-body-past-timeout", call: get, request: GET_INSTANCE, script: [{ slowBodyMs: STALL_MS, times: 3 }], records: 3,
      expect: { kind: "ClerkTimeoutError", attempts: 3, timeoutMs: TIMEOUT_MS }, atLeastMs: 3 * TIMEOUT_MS,
    },
    {
      name: "slow-body-within-timeout", call: (c) => c.instances.getProtect(),
      request: { method: "GET", path: "/v1/instance/protect", body: "" },
      script: [{ slowBodyMs: 100 }], records: 1, value: (v) => v?.object === "instance_protect" && v.rulesEnabled === false, atLeastMs: 80,
    },
    // 500 is not retried; 502, 503 and 504 are, up to maxAttempts.
    {
      name: "500", call: (c) => c.instances.updateProtect({ rulesEnabled: true }),
      request: { method: "PATCH", path: "/v1/instance/protect", body: '{"rules_enabled":true}' },
      script: [{ status: 500, body: clerkError("internal_clerk_error", "Oops, an unexpected error occurred", "trace_500") }], records: 1,
      expect: { kind: "ClerkAPIResponseError", status: 500, attempts: 1, clerkTraceId: "trace_500", code: "internal_clerk_error", retryAfter: undefined, body: undefined },
    },
    ...[502, 503, 504].map((status) => ({
      name: String(status), call: (c) => c.instances.updateRestrictions(RESTRICTIONS), request: PATCH_RESTRICTIONS,
      script: [{ status, times: 3, body: clerkError("service_unavailable", `answered ${status}`, `trace_${status}`) }], records: 3,
      expect: { kind: "ClerkAPIResponseError", status, attempts: 3, clerkTraceId: `trace_${status}`, code: "service_unavailable", retryAfter: undefined },
    })),
    { name: "503-recovers", call: get, request: GET_INSTANCE, script: [{ status: 503, times: 2, text: "" }], records: 3, value: instance },
    // 429 with Retry-After in seconds: honoured when within maxDelayMs (one real second here)...
    {
      name: "429-retry-after-seconds-honoured", call: get, request: GET_INSTANCE,
      options: { timeoutMs: TIMEOUT_MS, retry: { maxAttempts: 3, maxDelayMs: 2000 } }, waitMs: 1000, atLeastMs: 1000, gapMs: 1000,
      script: [{ status: 429, headers: { "retry-after": "1" }, body: clerkError("too_many_requests", "Too many requests") }], records: 2, value: instance,
    },
    // ...and when it asks for more than maxDelayMs, the call stops at once and says when to retry.
    {
      name: "429-retry-after-seconds-too-long", call: get, request: GET_INSTANCE,
      script: [{ status: 429, headers: { "retry-after": "30", "cf-ray": "8f00-AMS" }, body: clerkError("too_many_requests", "Too many requests") }], records: 1,
      expect: { kind: "ClerkAPIResponseError", status: 429, attempts: 1, retryAfter: 30, clerkTraceId: "8f00-AMS", code: "too_many_requests" },
    },
    // Retry-After as an HTTP date: in the future it is read (30 s, too long here); in the past it means "now".
    {
      name: "429-retry-after-date-future", call: get, request: GET_INSTANCE,
      script: () => [{ status: 429, headers: { "retry-after": future() }, text: "" }], records: 1,
      expect: { kind: "ClerkAPIResponseError", status: 429, attempts: 1, body: "" }, retryAfterWithin: [28, 31],
    },
    { name: "429-retry-after-date-past", call: get, request: GET_INSTANCE, script: () => [{ status: 429, headers: { "retry-after": past() }, text: "" }], records: 2, value: instance },
    // No Retry-After: backoff (at most maxDelayMs), then the last 429.
    {
      name: "429-no-retry-after", call: get, request: GET_INSTANCE,
      script: [{ status: 429, times: 3, body: clerkError("too_many_requests", "Too many requests", "trace_429") }], records: 3,
      expect: { kind: "ClerkAPIResponseError", status: 429, attempts: 3, retryAfter: undefined, clerkTraceId: "trace_429" },
    },
    // A proxy's HTML page: an API error that keeps an excerpt and the cf-ray as the trace.
    {
      name: "html-502", call: get, request: GET_INSTANCE,
      script: [{ status: 502, times: 3, text: HTML, contentType: "text/html; charset=utf-8", headers: { "cf-ray": "8f01-FRA" } }], records: 3,
      expect: { kind: "ClerkAPIResponseError", status: 502, attempts: 3, clerkTraceId: "8f01-FRA", body: HTML.slice(0, 200), errors: [] },
    },
    // 2xx bodies that are not the documented resource: never retried (the server did answer).
    {
      name: "html-200", call: get, request: GET_INSTANCE, script: [{ status: 200, text: HTML, contentType: "text/html" }], records: 1,
      expect: { kind: "ClerkUnexpectedResponseError", status: 200, body: HTML.slice(0, 200) },
    },
    {
      name: "empty-200-json", call: get, request: GET_INSTANCE, script: [{ status: 200, text: "", contentType: "application/json" }], records: 1,
      expect: { kind: "ClerkUnexpectedResponseError", status: 200, body: "" },
    },
    {
      name: "truncated-json-200", call: (c) => c.instances.getCommunication(),
      request: { method: "GET", path: "/v1/instance/communication", body: "" },
      script: [{ status: 200, text: '{"object":"instance_communication","blocked_country_codes":["US",', contentType: "application/json" }], records: 1,
      expect: { kind: "ClerkUnexpectedResponseError", status: 200, body: '{"object":"instance_communication","blocked_country_codes":["US",' },
    },
    // A valid body under the wrong content type is still read: the body decides, not the header.
    {
      name: "wrong-content-type", call: (c) => c.instances.getCommunication(),
      request: { method: "GET", path: "/v1/instance/communication", body: "" },
      script: [{ status: 200, text: '{"object":"instance_communication","blocked_country_codes":["US","FR"]}', contentType: "text/plain" }], records: 1,
      value: (v) => JSON.stringify(v) === '{"object":"instance_communication","blockedCountryCodes":["US","FR"]}',
    },
  ];
}

/**
 * Domain changes log every user out, so whatever the fault they must reach the server at most
 * once, even with retries on. `changes` is how many the stand-in has applied once everything
 * settled (a stalled change is applied after the client gave up, as a slow server would).
 */
function domainCases() {
  const faults = [
    { fault: "drop-before", script: [{ drop: "before" }], expect: { kind: "ClerkNetworkError" }, changes: 0 },
    { fault: "drop-during", script: [{ drop: "during" }], expect: { kind: "ClerkNetworkError" }, changes: 1 },
    { fault: "stall", script: [{ delayMs: STALL_MS }], expect: { kind: "ClerkTimeoutError", timeoutMs: TIMEOUT_MS }, changes: 1, atLeastMs: TIMEOUT_MS },
    // A 202 whose body trickles past the timeout: a timeout, and no second attempt. (The normal
    // 202 has an empty body, complete with its headers, so the trickle needs a scripted body.)
    {
      fault: "slow-body", script: [{ status: 202, text: "accepted", slowBodyMs: STALL_MS }],
      expect: { kind: "ClerkTimeoutError", timeoutMs: TIMEOUT_MS }, changes: 0, atLeastMs: TIMEOUT_MS,
    },
    ...[500, 502, 503, 504].map((status) => ({
      fault: String(status), script: [{ status, body: clerkError("unavailable", `answered ${status}`) }],
      expect: { kind: "ClerkAPIResponseError", status, code: "unavailable" }, changes: 0,
    })),
    { fault: "429-retry-after-0", script: [{ status: 429, headers: { "retry-after": "0" }, text: "" }], expect: { kind: "ClerkAPIResponseError", status: 429, retryAfter: 0 }, changes: 0 },
    { fault: "429", script: [{ status: 429, text: "" }], expect: { kind: "ClerkAPIResponseError", status: 429, retryAfter: undefined }, changes: 0 },
    { fault: "html-502", script: [{ status: 502, text: HTML, contentType: "text/html" }], expect: { kind: "ClerkAPIResponseError", status: 502, body: HTML.slice(0, 200) }, changes: 0 },
  ];
  const methods = [
    { method: "instances.changeDomain", call: (c, p) => c.instances.changeDomain(p), request: { method: "POST", path: "/v1/instance/change_domain" } },
    { method: "betaFeatures.updateProductionInstanceDomain", call: (c, p) => c.betaFeatures.updateProductionInstanceDomain(p), request: { method: "PUT", path: "/v1/beta_features/domain" } },
  ];
  const cases = [];
  for (const m of methods) {
    for (const f of faults) {
      const homeUrl = `https://www.${f.fault}.example.com`;
      cases.push({
        name: `${m.method}:${f.fault}`, call: (c) => m.call(c, { homeUrl }), script: f.script, records: 1, changes: f.changes,
        request: { ...m.request, body: JSON.stringify({ home_url: homeUrl }) },
        ...(f.expect ? { expect: { ...f.expect, attempts: 1 } } : { value: f.value }), atLeastMs: f.atLeastMs,
      });
    }
  }
  // The alias sends the same request as instances.changeDomain, and is just as careful.
  cases.push({
    name: "betaFeatures.changeDomain:drop-during", call: (c) => c.betaFeatures.changeDomain({ homeUrl: "https://www.alias.example.com", isSecondary: false }),
    request: { method: "POST", path: "/v1/instance/change_domain", body: '{"home_url":"https://www.alias.example.com","is_secondary":false}' },
    script: [{ drop: "during" }], records: 1, changes: 1, expect: { kind: "ClerkNetworkError", attempts: 1 },
  });
  return cases;
}

const scriptedFaults = (script) => script.reduce((n, reaction) => n + (reaction.times ?? 1), 0);

/** The error's kind and documented fields against `expect`. */
function checkError(pkg, name, error, expect) {
  const { kind, code, ...fields } = expect;
  check(error instanceof Error, `${name}: rejects with an Error, got ${String(error)}`);
  equal(error.name, kind, `${name}: error kind (${error.message})`);
  check(error instanceof pkg[kind], `${name}: an instance of the exported ${kind}`);
  check(error.clerkError === true, `${name}: clerkError`);
  for (const [field, value] of Object.entries(fields)) equal(error[field], value, `${name}: ${field}`);
  if (kind === "ClerkAPIResponseError") {
    check(pkg.isClerkAPIResponseError(error), `${name}: isClerkAPIResponseError`);
    check(Array.isArray(error.errors), `${name}: errors is an array`);
    if (code) equal(error.errors[0]?.code, code, `${name}: errors[0].code`);
  }
  if (kind === "ClerkNetworkError" || kind === "ClerkTimeoutError") {
    check(error instanceof pkg.ClerkNetworkError, `${name}: a timeout is a network error too`);
    equal(error.status, undefined, `${name}: no status without a response`);
  }
  if (kind === "ClerkNetworkError") {
    // What fetch threw, kept as the cause; its message is in ours.
    check(error.cause instanceof Error && error.cause.message, `${name}: cause is what fetch threw, got ${String(error.cause)}`);
    check(error.message.includes(error.cause.message), `${name}: the message quotes the cause: ${error.message}`);
  }
  if (error.attempts > 1) check(error.message.includes(`${error.attempts} attempts`), `${name}: the message counts the attempts: ${error.message}`);
}

/**
 * Runs every case. `rejections` is filled by the harness's unhandled-rejection listener (Node's
 * process event, workerd's global event); it must stay empty. Returns the figures.
 */
export async function faults({ pkg, standin, runtime, rejections }) {
  const started = Date.now();
  const figures = { cases: 0, injected: 0, survived: 0, recovered: 0, documentedErrors: 0, domainChanges: 0, hostResends: 0, slowestCaseMs: 0, slowestCase: "" };
  const timings = {}; // each case's call, in ms
  const settle = []; // domain namespaces to look at again once stalled changes have landed
  const cases = [...retryCases().map((c) => ({ ...c, group: "retry" })), ...domainCases().map((c) => ({ ...c, group: "domain" }))];
  for (const c of cases) {
    const ns = `${runtime}-faults-${c.name}`;
    const options = c.options ?? FAST;
    const script = typeof c.script === "function" ? c.script() : c.script;
    const apiUrl = await namespace(standin, ns, script);
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl, ...options });
    const outcome = await timed(() => c.call(clerk));

    if (c.expect) {
      check("error" in outcome, `${c.name}: rejects, but resolved to ${JSON.stringify(outcome.value)}`);
      checkError(pkg, c.name, outcome.error, c.expect);
      if (c.retryAfterWithin) {
        const [low, high] = c.retryAfterWithin;
        check(outcome.error.retryAfter >= low && outcome.error.retryAfter <= high, `${c.name}: retryAfter ${outcome.error.retryAfter} within ${low}..${high}`);
      }
      figures.documentedErrors++;
    } else {
      check(!("error" in outcome), `${c.name}: should recover, but rejected with ${outcome.error?.name}: ${outcome.error?.message}`);
      check(c.value(outcome.value), `${c.name}: the value ${JSON.stringify(outcome.value)}`);
    }

    // The stand-in's view: exactly the expected requests, each the same bytes, and the script
    // used up (or, where the host may resend, one reaction used per request that arrived).
    const records = await control(standin, ns, "requests");
    const [fewest, most] = Array.isArray(c.records) ? c.records : [c.records, c.records];
    check(records.length >= fewest && records.length <= most, `${c.name}: ${records.length} requests reached the stand-in, expected ${fewest === most ? fewest : `${fewest} to ${most}`}`);
    for (const [i, record] of records.entries()) {
      equal([record.method, record.path, record.body], [c.request.method, c.request.path, c.request.body], `${c.name}: request ${i + 1}`);
      equal(record.headers.authorization, `Bearer ${KEY}`, `${c.name}: request ${i + 1} authorization`);
    }
    const scripted = scriptedFaults(script);
    const left = (await control(standin, ns, "script")).reduce((n, reaction) => n + reaction.times, 0);
    const injected = scripted - left;
    equal(injected, Math.min(scripted, records.length), `${c.name}: scripted reactions used`);
    if (fewest === most) equal(left, 0, `${c.name}: every scripted reaction was used`);
    figures.hostResends += records.length - (c.expect?.attempts ?? records.length);
    if (!c.expect && records.length > 1) figures.recovered++;
    if (c.gapMs) check(records[1].at - records[0].at >= c.gapMs - 5, `${c.name}: waited ${records[1].at - records[0].at} ms of the ${c.gapMs} asked`);

    // Attempts within the bound, time within attempts × timeout + waits.
    const attempts = c.expect?.attempts ?? records.length;
    check(attempts <= (options.retry?.maxAttempts ?? 3), `${c.name}: ${attempts} attempts within maxAttempts`);
    // The waits are backoffs (each at most maxDelayMs) or, where the case says, what Retry-After asked.
    const boundMs = attempts * options.timeoutMs + (c.waitMs ?? (attempts - 1) * options.retry.maxDelayMs) + MARGIN_MS;
    check(outcome.ms <= boundMs, `${c.name}: took ${outcome.ms} ms, bound ${boundMs} ms`);
    if (c.atLeastMs) check(outcome.ms >= c.atLeastMs - 5, `${c.name}: took ${outcome.ms} ms, at least ${c.atLeastMs} expected`);

    if (c.group === "domain") {
      const { domain } = await control(standin, ns, "state");
      check(domain.changes.length <= 1, `${c.name}: the domain changed ${domain.changes.length} times`);
      settle.push({ c, ns, at: Date.now() + (script[0].delayMs ?? 0) + 100 });
    }

    // A rejection nobody handled surfaces after the call; the control requests above gave it time.
    await pause(0);
    for (const reason of rejections.splice(0)) check(false, `${c.name}: unhandled rejection: ${String(reason)}`);
    figures.cases++;
    figures.injected += injected;
    figures.survived += injected;
    timings[c.name] = outcome.ms;
    if (outcome.ms > figures.slowestCaseMs) Object.assign(figures, { slowestCaseMs: outcome.ms, slowestCase: c.name });
  }

  // Once stalled changes had time to land: each domain change applied exactly as often as the
  // fault allows (never twice), and still only one request each.
  for (const { c, ns, at } of settle) {
    if (Date.now() < at) await pause(at - Date.now());
    const { domain } = await control(standin, ns, "state");
    equal(domain.changes.length, c.changes, `${c.name}: domain changes applied once settled`);
    equal((await control(standin, ns, "requests")).length, 1, `${c.name}: still one request once settled`);
    figures.domainChanges += domain.changes.length;
  }
  await pause(10);
  check(rejections.length === 0, `unhandled rejection at the end: ${String(rejections[0])}`);
  figures.timings = timings;
  figures.ms = Date.now() - started;
  return figures;
}
