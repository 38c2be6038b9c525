// Load: 1000 concurrent `instances.update` calls from one isolate against the stand-in, twice.
// Every call must be answered without error, the stand-in must have received exactly 1000
// requests per batch with exactly the bodies asked for, and the wasm memory must not grow from
// the first batch (the warm-up) to the second: nothing is kept per call.
import { check, control, equal, namespace } from "./support.js";

const KEY = "sk_test_LOAD0123456789";
export const CALLS = 1000;
// The wasm memory grows in 64 KiB pages and never shrinks. After a warm-up batch of the same
// size, a second batch may take at most one more page: a leak of even 64 bytes a call would
// take a page per 1000 calls.
const PAGE = 65536;
const GROWTH_BOUND = PAGE;

const STRATEGIES = ["password", "otp", ""];

/**
 * The params of call `i` of batch `batch`, and the body they must produce: fields in the
 * declaration order of PATCH /instance whatever order the params were written in, `null` kept,
 * `undefined` left out. Every body is unique (the support email carries batch and index).
 */
export function updateCall(batch, i) {
  const fields = [
    ["testMode", "test_mode", i % 2 === 0],
    ["hibp", "hibp", i % 3 === 0 ? null : i % 3 === 1],
    ["supportEmail", "support_email", `support+${batch}-${i}@example.com`],
    ["clerkJsVersion", "clerk_js_version", i % 5 === 0 ? "" : i % 5 === 1 ? undefined : `5.${i % 100}.${i % 7}`],
    ["developmentOrigin", "development_origin", i % 9 === 0 ? `http://localhost:${3000 + i}` : undefined],
    ["allowedOrigins", "allowed_origins", i % 4 === 0 ? [`https://app${i}.example.com`, "chrome-extension://abcdefghijklmnop"] : undefined],
    ["cookielessDev", "cookieless_dev", i % 13 === 0 ? false : undefined],
    ["urlBasedSessionSyncing", "url_based_session_syncing", i % 7 === 0 ? true : i % 7 === 1 ? null : undefined],
    ["preferredSignInStrategyWhenPasswordRequired", "preferred_sign_in_strategy_when_password_required", i % 6 === 0 ? STRATEGIES[i % 3] : undefined],
    ["enhancedEmailDeliverability", "enhanced_email_deliverability", i % 11 === 0 ? i % 2 === 0 : undefined],
  ];
  const expected = {};
  for (const [, wire, value] of fields) if (value !== undefined) expected[wire] = value;
  // The caller's key order varies (reversed for odd calls); the body's order must not.
  const params = {};
  for (const [js, , value] of i % 2 ? [...fields].reverse() : fields) params[js] = value;
  return { params, body: JSON.stringify(expected) };
}

async function batch({ pkg, standin, ns, name }) {
  const apiUrl = await namespace(standin, ns);
  const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl });
  const calls = Array.from({ length: CALLS }, (_, i) => updateCall(name, i));
  const started = Date.now();
  // All at once, from one isolate: the promises are made before any is awaited.
  const results = await Promise.allSettled(calls.map(({ params }) => clerk.instances.update(params)));
  const ms = Date.now() - started;

  const failed = results.filter((r) => r.status === "rejected");
  check(failed.length === 0, `${ns}: ${failed.length} of ${CALLS} calls failed, the first: ${failed[0]?.reason?.name}: ${failed[0]?.reason?.message}`);
  check(results.every((r) => r.value === undefined), `${ns}: every update answers undefined (204)`);

  // The stand-in's records: exactly one request per call (no retries), each body exactly once.
  const records = await control(standin, ns, "requests");
  equal(records.length, CALLS, `${ns}: requests received`);
  const wanted = new Map(calls.map(({ body }) => [body, 0]));
  for (const record of records) {
    check(record.method === "PATCH" && record.path === "/v1/instance", `${ns}: ${record.method} ${record.path}`);
    check(record.status === 204, `${ns}: the stand-in answered ${record.status} to ${record.body}`);
    check(record.headers.authorization === `Bearer ${KEY}`, `${ns}: authorization`);
    check(wanted.has(record.body), `${ns}: an unexpected body ${record.body}`);
    wanted.set(record.body, wanted.get(record.body) + 1);
  }
  check([...wanted.values()].every((n) => n === 1), `${ns}: every body arrived exactly once`);
  // The state took the last write of some call: the stand-in applied them all without error.
  const { settings } = await control(standin, ns, "state");
  check(/^support\+.*@example\.com$/.test(settings.support_email), `${ns}: support email applied`);
  return ms;
}

/**
 * Runs a warm-up batch and a second batch of CALLS concurrent updates, and reads the package's
 * `instanceStats()` around them. The module keeps nothing between exchanges (its arena is
 * emptied at the start of each), so what must hold is: the memory does not grow from the first
 * batch to the second, and no call needed a new instance (which the package makes only after a
 * trap or a stack overflow). Returns the figures.
 */
export async function load({ pkg, standin, runtime }) {
  const before = pkg.instanceStats();
  const warmUpMs = await batch({ pkg, standin, ns: `${runtime}-load-warm-up`, name: "w" });
  const afterWarmUp = pkg.instanceStats();
  const secondMs = await batch({ pkg, standin, ns: `${runtime}-load-second`, name: "s" });
  const afterSecond = pkg.instanceStats();
  check(
    afterSecond.memoryBytes - afterWarmUp.memoryBytes <= GROWTH_BOUND,
    `wasm memory grew by ${afterSecond.memoryBytes - afterWarmUp.memoryBytes} bytes over the second ${CALLS} calls (bound ${GROWTH_BOUND})`,
  );
  check(afterSecond.instances === before.instances || before.instances === 0, `the module was instantiated again: ${before.instances} -> ${afterSecond.instances}`);
  return {
    calls: CALLS,
    memoryBefore: before.memoryBytes,
    memoryAfterWarmUp: afterWarmUp.memoryBytes,
    memoryAfterSecond: afterSecond.memoryBytes,
    instances: afterSecond.instances,
    warmUpMs,
    secondMs,
  };
}
