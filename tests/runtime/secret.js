// The secret key: a recognisable key is driven through every error path (API errors, HTML and
// unexpected bodies, network errors, timeouts, invalid params and options, aborts) and must
// appear in no message, string, JSON, stack or cause, nor in a dry run. Also: plain http only
// for loopback hosts, no control characters in the key or the User-Agent, and `__proto__` in a
// response body pollutes nothing. Node and workerd run the same checks.
import { check, control, equal, namespace } from "./support.js";

const KEY = "sk_live_SECRETCANARY0123456789";
// Searched for instead of the whole key, so that a cut or re-quoted excerpt still shows.
const CANARY = "SECRETCANARY";
const FAST = { timeoutMs: 300, retry: { maxAttempts: 2, maxDelayMs: 20 } };

const clerkError = (code, message, meta = {}) => ({ errors: [{ code, message, long_message: `${message} (long)`, meta }], clerk_trace_id: `trace_${code}` });
const HTML = "<!DOCTYPE html><html><head><title>Bad gateway</title></head><body><h1>502</h1></body></html>";

const safe = (f) => {
  try {
    return f();
  } catch (error) {
    return `(threw ${error?.message})`;
  }
};

/**
 * Where the canary shows in a thrown value: its message, `String()`, JSON, stack, every own
 * property (enumerable or not) and the cause chain, a few levels deep, plus `inspect` when the
 * runtime has one (Node's util.inspect shows what a log line would).
 */
function leaks(value, inspect) {
  const found = [];
  const seen = new Set();
  const look = (where, text) => {
    if (typeof text === "string" && text.includes(CANARY)) found.push(where);
  };
  const visit = (v, where, depth) => {
    if (v === null || v === undefined || depth > 4) return;
    if (typeof v !== "object" && typeof v !== "function") return look(where, String(v));
    if (seen.has(v)) return;
    seen.add(v);
    look(`${where}.message`, safe(() => v.message));
    look(`String(${where})`, safe(() => String(v)));
    look(`JSON.stringify(${where})`, safe(() => JSON.stringify(v)));
    look(`${where}.stack`, safe(() => v.stack));
    for (const name of safe(() => Object.getOwnPropertyNames(v)) ?? []) {
      if (name !== "message" && name !== "stack") visit(safe(() => v[name]), `${where}.${name}`, depth + 1);
    }
    visit(safe(() => v.cause), `${where}.cause`, depth + 1);
  };
  visit(value, "error", 0);
  if (inspect) look("inspect(error)", safe(() => inspect(value, { depth: 8, showHidden: true })));
  return found;
}

async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** Runs the checks. `inspect` is optional (Node's util.inspect). Returns the figures. */
export async function secret({ pkg, standin, runtime, inspect }) {
  const figures = { errorPaths: 0, errorKinds: {}, optionCases: 0, apiUrlCases: 0, controlCharCases: 0, protoCases: 0, dryRuns: 0 };
  // Each of these was a bug once (found by this suite); now each must hold.
  const holds = (id, ok, observed) => check(ok, `${id}: ${observed}`);
  const name = (s) => `${runtime}-secret-${s}`;

  /** A thrown value must be the expected kind and carry no trace of the key. */
  const clean = (label, error, kind) => {
    check(error !== undefined, `${label}: an error`);
    if (kind) equal(error?.name, kind, `${label}: kind (${error?.message})`);
    const where = leaks(error, inspect);
    check(where.length === 0, `${label}: the key shows in ${where.join(", ")}`);
    figures.errorPaths++;
    figures.errorKinds[error?.name] = (figures.errorKinds[error?.name] ?? 0) + 1;
  };

  // The canary is real: the stand-in receives it in the Authorization header.
  {
    const apiUrl = await namespace(standin, name("sent"));
    await pkg.createInstanceClient({ secretKey: KEY, apiUrl }).instances.get();
    const [record] = await control(standin, name("sent"), "requests");
    equal(record.headers.authorization, `Bearer ${KEY}`, "the key is sent");
  }

  // API errors, answered by the stand-in itself (401, 404, 422) or scripted (the rest).
  const apiCases = [
    { id: "401", config: { secretKey: "sk_live_other" }, call: (c) => c.instances.get(), status: 401 },
    { id: "402", script: [{ status: 402, body: clerkError("payment_required", "Upgrade your plan") }], call: (c) => c.instances.updateRestrictions({ allowlist: true }), status: 402 },
    { id: "404", suffix: "/not-here", call: (c) => c.instances.get(), status: 404 },
    { id: "422", config: { environmentType: "production" }, call: (c) => c.instances.update({ developmentOrigin: "http://localhost:3000" }), status: 422 },
    { id: "429", script: [{ status: 429, headers: { "retry-after": "5" }, body: clerkError("too_many_requests", "Too many requests") }], call: (c) => c.instances.get(), status: 429 },
    ...[500, 502, 503, 504].map((status) => ({
      id: String(status), script: [{ status, times: 2, body: clerkError("server_error", `answered ${status}`) }], call: (c) => c.instances.getProtect(), status,
    })),
    { id: "html-502", script: [{ status: 502, times: 2, text: HTML, contentType: "text/html" }], call: (c) => c.instances.get(), status: 502 },
    { id: "html-401", script: [{ status: 401, text: HTML, contentType: "text/html" }], call: (c) => c.instances.changeDomain({ homeUrl: "https://www.example.com" }), status: 401 },
  ];
  for (const c of apiCases) {
    const apiUrl = await namespace(standin, name(c.id), c.script);
    if (c.config) await control(standin, name(c.id), "config", c.config);
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl: apiUrl + (c.suffix ?? ""), ...FAST });
    const { error } = await settle(c.call(clerk));
    clean(`API ${c.id}`, error, "ClerkAPIResponseError");
    equal(error.status, c.status, `API ${c.id}: status`);
  }

  // 2xx answers the client cannot read.
  const unexpected = [
    { id: "200-html", text: HTML, contentType: "text/html" },
    { id: "200-empty", text: "", contentType: "application/json" },
    { id: "200-truncated", text: '{"object":"instance","id":"ins_', contentType: "application/json" },
    { id: "200-wrong-type", text: '{"object":"instance","allowed_origins":"https://a.example.com"}', contentType: "application/json" },
    { id: "200-array", text: "[]", contentType: "application/json" },
  ];
  for (const c of unexpected) {
    const apiUrl = await namespace(standin, name(c.id), [{ status: 200, text: c.text, contentType: c.contentType }]);
    const { error } = await settle(pkg.createInstanceClient({ secretKey: KEY, apiUrl, ...FAST }).instances.get());
    clean(`unexpected ${c.id}`, error, "ClerkUnexpectedResponseError");
  }

  // No answer: dropped connections, a refused connection, an unresolvable host, timeouts.
  const network = [
    { id: "drop-before", script: [{ drop: "before", times: 2 }], kind: "ClerkNetworkError" },
    { id: "drop-during", script: [{ drop: "during", times: 2 }], kind: "ClerkNetworkError" },
    { id: "refused", apiUrl: "http://127.0.0.1:2", kind: "ClerkNetworkError" },
    { id: "unresolvable", apiUrl: "https://clerk-instance-edge.invalid", kind: "ClerkNetworkError" },
    { id: "stall", script: [{ delayMs: 1000, times: 2 }], kind: "ClerkTimeoutError" },
    { id: "slow-body", script: [{ slowBodyMs: 1000, times: 2 }], kind: "ClerkTimeoutError" },
    // A domain change is not retried, so its one failure is the whole story.
    { id: "domain-drop", script: [{ drop: "before" }], kind: "ClerkNetworkError", call: (c) => c.betaFeatures.updateProductionInstanceDomain({ homeUrl: "https://www.example.com" }) },
  ];
  for (const c of network) {
    const apiUrl = c.apiUrl ?? (await namespace(standin, name(c.id), c.script));
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl, ...FAST });
    const { error } = await settle((c.call ?? ((cl) => cl.instances.updateCommunication({ blockedCountryCodes: ["US"] })))(clerk));
    clean(`network ${c.id}`, error, c.kind);
  }

  // Aborts reject with the signal's reason: before sending, while waiting for an answer, and
  // while waiting to retry.
  {
    const apiUrl = await namespace(standin, name("abort"), [{ delayMs: 1000 }, { status: 503, text: "", headers: { "retry-after": "2" } }]);
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl, timeoutMs: 5000, retry: { maxAttempts: 3, maxDelayMs: 2000 } });
    const aborted = new AbortController();
    aborted.abort();
    clean("abort before sending", (await settle(clerk.instances.get(undefined, { signal: aborted.signal }))).error, "AbortError");
    clean("abort while waiting for an answer", (await settle(clerk.instances.get(undefined, { signal: AbortSignal.timeout(100) }))).error, "TimeoutError");
    const waiting = new AbortController();
    const pending = settle(clerk.instances.get(undefined, { signal: waiting.signal }));
    // Once the 503 has come back, the client waits the 2 s it asks for before its next attempt.
    for (let polls = 0; (await control(standin, name("abort"), "requests")).length < 2; polls++) check(polls < 200, "the 503 never came");
    setTimeout(() => waiting.abort(new Error("stopped by the caller")), 50);
    clean("abort while waiting to retry", (await pending).error, "Error");
  }

  // Invalid params: refused before anything is sent, whatever the shape.
  {
    const apiUrl = await namespace(standin, name("params"));
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl });
    const throwing = {
      get testMode() {
        throw new Error("getter failed");
      },
    };
    const invalid = [
      { testmode: true },
      { testMode: "yes", supportEmail: "not an email", allowedOrigins: ["https://a.example.com/app"] },
      { developmentOrigin: null, hibp: 3.5, clerkJsVersion: NaN, urlBasedSessionSyncing: () => true },
      throwing,
      "testMode",
      [true],
      { supportEmail: "x".repeat(2_000_000) },
      JSON.parse('{"__proto__": {"testMode": true}}'),
    ];
    for (const [i, params] of invalid.entries()) {
      clean(`invalid params ${i}`, (await settle(clerk.instances.update(params))).error, "ClerkInvalidParamsError");
      clean(`invalid params ${i} in a dry run`, thrown(() => clerk.dryRun.instances.update(params)), "ClerkInvalidParamsError");
    }
    clean("invalid call options", (await settle(clerk.instances.get(undefined, { signal: "soon", timeout: 5 }))).error, "ClerkInvalidParamsError");
    equal((await control(standin, name("params"), "requests")).length, 0, "invalid params send nothing");
  }

  // Invalid options, with the key set: each refused with the key nowhere in the error.
  const optionCases = [
    { apiUrl: "ftp://api.clerk.com" },
    { apiUrl: "http://api.clerk.com" },
    { apiUrl: "not a url" },
    { apiUrl: `https://user:${KEY}@api.clerk.com` },
    { apiUrl: "https://api.clerk.com/?token=x" },
    { timeoutMs: 0 },
    { timeoutMs: 2.5 },
    { retry: { maxAttempts: 11 } },
    { retry: { attempts: 2 } },
    { retry: "often" },
    { apiVersion: "latest" },
    { userAgent: "" },
    { fetch: 42 },
    { unknownOption: true },
    { secretkey: KEY },
    { secretKey: `${KEY} ` },
    { secretKey: `${KEY}\n` },
    { secretKey: [KEY] },
    { secretKey: 123 },
    { secretKey: undefined },
  ];
  for (const [i, extra] of optionCases.entries()) {
    const error = thrown(() => pkg.createInstanceClient({ secretKey: KEY, ...extra }));
    clean(`invalid options ${i} (${Object.keys(extra)})`, error, "ClerkInvalidOptionsError");
    figures.optionCases++;
  }

  // Keys that end up where they do not belong. The package knows the key, so it could keep it
  // out of every message; today some of these quote it back.
  {
    const asOptions = thrown(() => pkg.createInstanceClient(KEY));
    holds("a key passed as the options (createInstanceClient(key)) is quoted back", leaks(asOptions).length === 0, `${asOptions?.name} "${asOptions?.message}"`);
    const swapped = thrown(() => pkg.createInstanceClient({ secretKey: "https://api.clerk.com", apiUrl: KEY }));
    holds("a key passed as apiUrl (swapped settings) is quoted back", leaks(swapped).length === 0, `${swapped?.name} "${swapped?.message}"`);
    const asVersion = thrown(() => pkg.createInstanceClient({ secretKey: KEY, apiVersion: KEY }));
    holds("a key passed as apiVersion is quoted back", leaks(asVersion).length === 0, `${asVersion?.name} "${asVersion?.message}"`);
  }

  // A server or proxy that echoes the key (a debug page, a gateway's 401): the package knows
  // the key and could redact it from the excerpts it keeps; today it keeps it.
  {
    const echoes = [
      { id: "echo-text", script: [{ status: 401, text: `Invalid API key ${KEY}` }] },
      { id: "echo-json", script: [{ status: 422, body: clerkError("form_param_value_invalid", `bad key ${KEY}`, { param_name: KEY }) }] },
      { id: "echo-trace", script: [{ status: 401, text: "", headers: { "cf-ray": KEY } }] },
      { id: "echo-200", script: [{ status: 200, text: `<html>Hello ${KEY}</html>` }] },
    ];
    for (const c of echoes) {
      const apiUrl = await namespace(standin, name(c.id), c.script);
      const { error } = await settle(pkg.createInstanceClient({ secretKey: KEY, apiUrl, retry: false }).instances.get());
      check(error, `${c.id}: an error`);
      const where = leaks(error);
      holds(`a response that echoes the key (${c.id}) is kept in the error`, where.length === 0, `${error.name} "${error.message}" (in ${where.slice(0, 3).join(", ")})`);
    }
  }

  // A publishable key passed as the secret key has its own message, and is not quoted back
  // either. Outside a browser page, `dangerouslyAllowBrowser` changes nothing; it must be a
  // boolean. (The page itself is tested in Chromium: tests/bundlers/browser-key.js.)
  {
    const publishable = `pk_live_${CANARY}PUBLISHABLE`;
    for (const extra of [{}, { dangerouslyAllowBrowser: true }]) {
      const error = thrown(() => pkg.createInstanceClient({ secretKey: publishable, ...extra }));
      clean("a publishable key as secretKey", error, "ClerkInvalidOptionsError");
      check(/publishable key \(pk_\.\.\.\).*secret key \(sk_live_\.\.\. or sk_test_\.\.\.\)/.test(error.message), `the publishable key's message: ${error.message}`);
      check(!/browser/.test(error.message), `outside a page, no word of a browser: ${error.message}`);
    }
    for (const allow of [true, false]) {
      check(thrown(() => pkg.createInstanceClient({ secretKey: KEY, dangerouslyAllowBrowser: allow })) === undefined, `dangerouslyAllowBrowser: ${allow} outside a page`);
    }
    const notBoolean = thrown(() => pkg.createInstanceClient({ secretKey: KEY, dangerouslyAllowBrowser: "yes" }));
    clean("dangerouslyAllowBrowser: a string", notBoolean, "ClerkInvalidOptionsError");
    check(notBoolean.message.includes("dangerouslyAllowBrowser") && notBoolean.message.includes("must be true or false"), notBoolean.message);
    figures.optionCases += 5;
  }

  // Dry runs of every operation show the request without the key.
  {
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl: "https://api.clerk.com" });
    for (const group of ["instances", "betaFeatures"]) {
      for (const [op, dry] of Object.entries(clerk.dryRun[group])) {
        const request = dry(op.startsWith("get") ? undefined : {});
        const text = JSON.stringify(request);
        check(!text.includes(CANARY), `dry run ${group}.${op} shows the key: ${text}`);
        equal(request.headers.Authorization, "Bearer [redacted]", `dry run ${group}.${op}: Authorization`);
        figures.dryRuns++;
      }
    }
  }

  // apiUrl: https anywhere; plain http only for loopback hosts.
  {
    const accepted = ["https://api.clerk.com", "https://proxy.example.com/clerk/", "http://127.0.0.1:8787", "http://127.1.2.3", "http://localhost:8787", "http://LOCALHOST", "http://[::1]:8787", "http://app.localhost:8787"];
    const refused = [
      "http://api.clerk.com", "http://example.com:8080", "http://10.0.0.1", "http://192.168.1.10", "http://0.0.0.0", "http://[::2]",
      "ftp://api.clerk.com", "ws://api.clerk.com", "api.clerk.com", "//api.clerk.com", "http://localhost.example.com", "http://evil.example/127.0.0.1",
      "http://127.0.0.1@evil.example", "http://evil.example#@127.0.0.1", "http://evil.example?127.0.0.1",
    ];
    for (const apiUrl of accepted) {
      const error = thrown(() => pkg.createInstanceClient({ secretKey: KEY, apiUrl }));
      check(error === undefined, `apiUrl ${apiUrl} is accepted, but: ${error?.message}`);
      figures.apiUrlCases++;
    }
    for (const apiUrl of refused) {
      const error = thrown(() => pkg.createInstanceClient({ secretKey: KEY, apiUrl }));
      check(error?.name === "ClerkInvalidOptionsError" && error.problems.some((p) => p.param === "apiUrl"), `apiUrl ${apiUrl} is refused`);
      clean(`apiUrl ${apiUrl}`, error);
      figures.apiUrlCases++;
    }
    // Names that only start like a loopback address are public hosts: plain http there would
    // send the key in clear over the internet.
    for (const apiUrl of ["http://127.0.0.1.nip.io", "http://127.attacker.example", "http://127.0.0.1.attacker.example:8080"]) {
      const error = thrown(() => pkg.createInstanceClient({ secretKey: KEY, apiUrl }));
      holds(`plain http to the public host ${apiUrl} is refused`, error?.name === "ClerkInvalidOptionsError", "accepted as a loopback host (is_loopback: starts_with(\"127.\"))");
      figures.apiUrlCases++;
    }
  }

  // Control characters: in the key they would split the Authorization header; in userAgent,
  // the User-Agent header. Both refused before any request.
  {
    const controls = ["\r\n", "\n", "\r", "\0", "\t", "\x7f", "\x1b", "\u0085", "\u2028", " "];
    for (const c of controls) {
      const tries = [["secretKey", `${KEY}${c}X-Injected: 1`], ["secretKey", `${c}${KEY}`]];
      // A space belongs in a User-Agent; every other character here does not.
      if (c !== " ") tries.push(["userAgent", `my-app/1.0${c}X-Injected: 1`]);
      for (const [option, value] of tries) {
        const error = thrown(() => pkg.createInstanceClient({ secretKey: KEY, [option]: value }));
        const label = `${option} with ${JSON.stringify(c)}`;
        check(error?.name === "ClerkInvalidOptionsError" && error.problems.some((p) => p.param === option), `${label} is refused, got ${error?.name}`);
        clean(label, error);
        figures.controlCharCases++;
      }
    }
    // Printable ASCII is fine for both.
    check(thrown(() => pkg.createInstanceClient({ secretKey: KEY, userAgent: "my-app/1.0 (+https://example.com)" })) === undefined, "a printable userAgent is accepted");
  }

  // __proto__ in answers: in a resource, in an error's meta, at the top of an error body.
  {
    const polluted = () => Object.prototype.polluted !== undefined || {}.polluted !== undefined || Object.hasOwn(Object.prototype, "polluted");
    const evil = '{"polluted":"yes"}';
    const cases = [
      {
        id: "resource", call: (c) => c.instances.get(),
        text: `{"object":"instance","id":"ins_1","__proto__":${evil},"constructor":{"prototype":${evil}},"environment_type":"production","allowed_origins":[]}`,
        check: ({ value }) => {
          check(Object.getPrototypeOf(value) === Object.prototype, "resource: a plain object");
          check(!Object.hasOwn(value, "__proto__") && value.polluted === undefined && !Object.hasOwn(value, "constructor"), `resource: only declared fields: ${JSON.stringify(value)}`);
          equal(value.environmentType, "production", "resource: fields still read");
        },
      },
      {
        id: "resource-patch", call: (c) => c.instances.updateRestrictions({ allowlist: true }),
        text: `{"__proto__":${evil},"object":"instance_restrictions","allowlist":true}`,
        check: ({ value }) => check(value.allowlist === true && value.polluted === undefined, "restrictions read, nothing extra"),
      },
      {
        id: "error-meta", call: (c) => c.instances.get(), status: 422,
        text: `{"__proto__":${evil},"errors":[{"code":"form_param_value_invalid","message":"bad","long_message":"bad","meta":{"param_name":"x","__proto__":${evil},"constructor":{"prototype":${evil}}},"__proto__":${evil}}],"clerk_trace_id":"t","meta":{"__proto__":${evil}}}`,
        check: ({ error }) => {
          check(error instanceof pkg.ClerkAPIResponseError && pkg.isClerkAPIResponseError(error), "error-meta: still an API error");
          check(Object.getPrototypeOf(error) === pkg.ClerkAPIResponseError.prototype && error.polluted === undefined, "error-meta: the error's prototype untouched");
          const meta = error.errors[0].meta;
          equal(meta.paramName, "x", "error-meta: meta read");
          check(Object.getPrototypeOf(meta) === Object.prototype && meta.polluted === undefined, "error-meta: meta's prototype untouched");
          check(Object.getPrototypeOf(error.errors[0]) === Object.prototype && error.errors[0].polluted === undefined, "error-meta: the entry's prototype untouched");
        },
      },
    ];
    for (const c of cases) {
      const apiUrl = await namespace(standin, name(`proto-${c.id}`), [{ status: c.status ?? 200, text: c.text, contentType: "application/json" }]);
      const outcome = await settle(c.call(pkg.createInstanceClient({ secretKey: KEY, apiUrl, retry: false })));
      check(!polluted(), `${c.id}: Object.prototype polluted`);
      c.check(outcome);
      figures.protoCases++;
    }
    // __proto__ in params: refused, nothing polluted, nothing sent.
    const apiUrl = await namespace(standin, name("proto-params"));
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl });
    const { error } = await settle(clerk.instances.update(JSON.parse('{"__proto__":{"polluted":"yes"},"testMode":true}')));
    equal(error?.name, "ClerkInvalidParamsError", "__proto__ in params refused");
    const { error: inherited } = await settle(clerk.instances.update(Object.create({ testMode: true })));
    equal(inherited?.name, "ClerkInvalidParamsError", "params with a prototype other than Object's refused");
    check(!polluted(), "params: Object.prototype polluted");
    equal((await control(standin, name("proto-params"), "requests")).length, 0, "__proto__ params send nothing");
    figures.protoCases += 2;
  }
  return figures;
}

/** What `f` throws, or undefined. */
function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}
