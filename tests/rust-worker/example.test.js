// The Rust Worker example (worker-example-rs/) end to end in workerd: requests reach it through
// a service binding, and it calls the stand-in Clerk API through clerk-instance-edge. Each case
// starts from a fresh stand-in namespace and checks what the stand-in received, byte for byte.

class Failed extends Error {}

function check(condition, message) {
  if (!condition) throw new Failed(message);
}

function equal(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

/** The stand-in's control API for one namespace. */
const standin = (env, namespace) => (action, body) =>
  fetch(`${env.STANDIN_URL}/__standin/${namespace}/${action}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((r) => r.json());

/** Calls the Worker; answers `{ status, body, text }`. Every body is read: workerd waits for it. */
const caller = (service, token) => async (method, path, body, { auth = `Bearer ${token}` } = {}) => {
  const response = await service.fetch(`http://example${path}`, {
    method,
    headers: { ...(auth === null ? {} : { authorization: auth }), "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
};

/** What the stand-in received, writes only (a plan reads first, and `apply` reads again). */
const writesOf = (requests) => requests.filter((r) => r.method !== "GET");
/** Each section's outcome as `[section, outcome, confirmed]` (serde_json sorts an object's keys). */
const outcomes = (sections) => sections.map(({ section, outcome, confirmed }) => [section, outcome, confirmed ?? null]);

/** Cases against the example bound to namespace `rust` (CLERK_TIMEOUT_MS = 400). */
const CASES = {
  async "routes: 404 off /settings, 405 for other methods"({ call, sent }) {
    equal((await call("GET", "/nope")).status, 404, "GET /nope");
    equal((await call("GET", "/settingsx")).status, 404, "GET /settingsx");
    equal((await call("PUT", "/settings", {})).status, 405, "PUT /settings");
    equal((await call("POST", "/settings/restrictions", {})).status, 405, "POST /settings/restrictions");
    equal((await call("PATCH", "/settings/nope", {})).status, 404, "PATCH /settings/nope");
    equal((await sent()).length, 0, "requests sent to Clerk");
  },

  async "admin token: missing, wrong, a prefix or an extension of it are refused"({ call, env, sent }) {
    for (const auth of [null, "", "Bearer", `Bearer ${env.ADMIN_TOKEN.slice(0, -1)}`, `Bearer ${env.ADMIN_TOKEN}x`,
      `bearer ${env.ADMIN_TOKEN}`, `Bearer ${"x".repeat(env.ADMIN_TOKEN.length)}`]) {
      const answer = await call("GET", "/settings", undefined, { auth });
      check(answer.status === 401 && answer.body.error === "unauthorized", `${JSON.stringify(auth)} answered ${answer.status}`);
    }
    equal((await sent()).length, 0, "requests sent to Clerk");
  },

  async "GET /settings reads five sections with the crate's headers"({ call, env, sent }) {
    const answer = await call("GET", "/settings");
    equal(answer.status, 200, "status");
    equal(Object.keys(answer.body).sort(), ["communication", "instance", "oauthApplicationSettings", "organizationSettings", "protect"], "sections");
    equal(answer.body.instance.object, "instance", "instance.object");
    equal(answer.body.protect.object, "instance_protect", "protect.object");
    const requests = await sent();
    equal(requests.map((r) => `${r.method} ${r.path}`).sort(), [
      "GET /v1/instance", "GET /v1/instance/communication", "GET /v1/instance/oauth_application_settings",
      "GET /v1/instance/organization_settings", "GET /v1/instance/protect",
    ], "requests");
    for (const r of requests) {
      equal(r.body, "", `${r.path} body`);
      equal(r.headers.authorization, `Bearer ${env.SECRET_KEY}`, "Authorization");
      equal(r.headers["clerk-api-version"], "2026-05-12", "Clerk-API-Version");
      check(/^clerk-instance-edge@\d/.test(r.headers["user-agent"]), `User-Agent ${r.headers["user-agent"]}`);
      equal(r.headers["content-type"], undefined, "Content-Type of a read");
    }
  },

  async "POST /settings sends exact bodies: absent left out, null sent as null, values as values"({ call, sent, control }) {
    const answer = await call("POST", "/settings", {
      instance: { test_mode: false, support_email: null },
      restrictions: { allowlist: true },
      communication: { blocked_country_codes: ["US", "CA"] },
      oauthApplicationSettings: { default_scopes: null, oauth_jwt_access_tokens: true },
    });
    equal(answer.status, 200, `status (${answer.text})`);
    equal(answer.body.dryRun, false, "dryRun");
    equal(outcomes(answer.body.sections), [
      ["instance", "applied", null],
      ["restrictions", "applied", null],
      ["communication", "applied", true],
      ["oauthApplicationSettings", "applied", true],
    ], "outcomes; the readable sections read again until they showed the writes");
    const state = await control("state");
    equal(state.communication.blocked_country_codes, ["US", "CA"], "blocked_country_codes");
    equal(state.oauth.default_scopes, ["openid", "profile", "email"], "null reset default_scopes");
    const requests = writesOf(await sent());
    equal(requests.map((r) => [r.method, r.path, r.body]), [
      ["PATCH", "/v1/instance", '{"test_mode":false,"support_email":null}'],
      ["PATCH", "/v1/instance/restrictions", '{"allowlist":true}'],
      ["PATCH", "/v1/instance/communication", '{"blocked_country_codes":["US","CA"]}'],
      ["PATCH", "/v1/instance/oauth_application_settings", '{"default_scopes":null,"oauth_jwt_access_tokens":true}'],
    ], "requests, in section order, fields in declaration order");
    for (const r of requests) equal(r.headers["content-type"], "application/json", `${r.path} Content-Type`);
  },

  async "POST /settings: a string value, then null to leave it, then \"\" to clear it"({ call, sent, control }) {
    // The stand-in stores a cleared string as null.
    for (const [value, after] of [["help@example.com", "help@example.com"], [null, "help@example.com"], ["", null]]) {
      equal((await call("POST", "/settings", { instance: { support_email: value } })).status, 200, `support_email ${value}`);
      equal((await control("state")).settings.support_email, after, `support_email after sending ${JSON.stringify(value)}`);
    }
    equal((await sent()).map((r) => r.body), [
      '{"support_email":"help@example.com"}', '{"support_email":null}', '{"support_email":""}',
    ], "bodies");
  },

  async "POST /settings: an empty section or none changes nothing, and the same document twice sends nothing"({ call, sent }) {
    equal(outcomes((await call("POST", "/settings", { protect: {} })).body.sections), [["protect", "unchanged", null]], "protect");
    equal((await call("POST", "/settings", {})).body, { dryRun: false, sections: [] }, "no sections");
    equal((await sent()).length, 0, "nothing read or sent");
    const document = { protect: { rules_enabled: true }, communication: { blocked_country_codes: ["KP"] } };
    equal((await call("POST", "/settings", document)).body.sections.map((s) => s.outcome), ["applied", "applied"], "first");
    const before = (await sent()).length;
    equal((await call("POST", "/settings", document)).body.sections.map((s) => s.outcome), ["unchanged", "unchanged"], "second");
    equal((await sent()).slice(before).map((r) => r.method), ["GET", "GET"], "the second apply only reads");
  },

  async "params use the API's names: a camelCase key is refused by name, nothing sent"({ call, sent }) {
    const answer = await call("POST", "/settings", { instance: { supportEmail: null } });
    equal(answer.status, 400, "status");
    check(answer.body.error.includes("`instance.supportEmail`") && answer.body.error.includes("support_email"), answer.body.error);
    equal((await sent()).length, 0, "requests sent");
  },

  async "an unknown section is refused by name, nothing sent"({ call, sent }) {
    const answer = await call("POST", "/settings", { instance: { hibp: true }, restrictons: { allowlist: true } });
    equal(answer.status, 400, "status");
    check(answer.body.error.includes("`restrictons`") && answer.body.error.includes("restrictions"), answer.body.error);
    equal((await sent()).length, 0, "requests sent");
  },

  async "all or nothing: a typo in a later section sends nothing"({ call, sent }) {
    const answer = await call("POST", "/settings", { instance: { test_mode: true }, restrictions: { allowlst: true } });
    equal(answer.status, 400, "status");
    check(answer.body.error.includes("`restrictions.allowlst`"), answer.body.error);
    equal((await sent()).length, 0, "requests sent");
  },

  async "all or nothing: an invalid value in a later section sends nothing, every problem listed"({ call, sent }) {
    const answer = await call("POST", "/settings", {
      instance: { test_mode: true, support_email: "not an address" },
      restrictions: { allowlist: true },
      communication: { blocked_country_codes: ["us", "US", "US"] },
    });
    equal(answer.status, 400, `status (${answer.text})`);
    equal(answer.body.problems.map((p) => p.param), ["instance.support_email", "communication.blocked_country_codes[0]", "communication.blocked_country_codes"], "every problem");
    check(answer.body.problems.every((p) => p.message.startsWith(`\`${p.param}\``)), answer.text);
    equal((await sent()).length, 0, "requests sent");
  },

  async "a wrong type, a non-object and a non-JSON body answer 400, nothing sent"({ call, sent }) {
    for (const body of [{ instance: { test_mode: "yes" } }, { organizationSettings: { max_allowed_memberships: 2.5 } }, [], "nope", ""]) {
      const answer = await call("POST", "/settings", body);
      check(answer.status === 400 && answer.body.error.startsWith("the body must be"), `${JSON.stringify(body)}: ${answer.status} ${answer.text}`);
    }
    equal((await sent()).length, 0, "requests sent");
  },

  async "dry run: the plan and the exact requests, Authorization redacted, the key nowhere, nothing sent"({ call, env, sent }) {
    const answer = await call("POST", "/settings?dryRun=1", {
      instance: { test_mode: false, clerk_js_version: null },
      protect: { rules_enabled: true, specter_enabled: false },
    });
    equal(answer.status, 200, "status");
    equal(answer.body.dryRun, true, "dryRun");
    const [instancePlan, protectPlan] = answer.body.sections;
    equal(instancePlan.writeOnly, [{ field: "test_mode", to: false }, { field: "clerk_js_version", to: null }], "instance: write-only");
    equal([protectPlan.changes, protectPlan.unchanged], [[{ field: "rules_enabled", from: false, to: true }], ["specter_enabled"]], "protect");
    const [instance, protect] = [instancePlan.request, protectPlan.request];
    equal(instance.method, "PATCH", "method");
    equal(instance.url, `${env.STANDIN_URL}/ns/rust/v1/instance`, "url");
    equal(instance.body, '{"test_mode":false,"clerk_js_version":null}', "body");
    equal(instance.headers.Authorization, "Bearer [redacted]", "Authorization");
    equal(instance.headers["Clerk-API-Version"], "2026-05-12", "Clerk-API-Version");
    equal(instance.headers["Content-Type"], "application/json", "Content-Type");
    equal(protect.url, `${env.STANDIN_URL}/ns/rust/v1/instance/protect`, "protect url");
    check(!answer.text.includes(env.SECRET_KEY), "the secret key is in the dry run");
    equal(protect.body, '{"rules_enabled":true}', "protect body: specter_enabled is already false");
    const invalid = await call("POST", "/settings?dryRun", { instance: { support_email: "nope" } });
    equal(invalid.status, 400, "a dry run of invalid params");
    equal((await sent()).map((r) => `${r.method} ${r.path}`), ["GET /v1/instance/protect"], "only the read");
  },

  async "API error 402: answered with Clerk's status, errors and trace ID"({ call, sent, control }) {
    await control("script", [{
      method: "PATCH", path: "/v1/instance/restrictions", status: 402,
      body: { errors: [{ code: "payment_required", message: "upgrade", long_message: "Upgrade your plan to use restrictions" }], clerk_trace_id: "trace_402" },
    }]);
    const answer = await call("POST", "/settings", { restrictions: { allowlist: true } });
    equal(answer.status, 402, "status (Error::status: what the caller can act on keeps Clerk's status)");
    equal(answer.body.status, 402, "Clerk's status");
    equal(answer.body.errors[0].code, "payment_required", "code");
    equal(answer.body.errors[0].longMessage, "Upgrade your plan to use restrictions", "longMessage");
    equal(answer.body.clerkTraceId, "trace_402", "clerkTraceId");
    check(answer.body.error.includes("402"), answer.body.error);
    equal((await sent()).length, 1, "requests sent (a 402 is not retried)");
  },

  async "API error 422 (scripted, with meta): answered 422 with the param"({ call, sent, control }) {
    await control("script", [{
      method: "PATCH", path: "/v1/instance/organization_settings", status: 422,
      body: { errors: [{ code: "form_param_value_invalid", message: "is invalid", meta: { param_name: "max_allowed_memberships" } }] },
    }]);
    const answer = await call("POST", "/settings", { organizationSettings: { max_allowed_memberships: 7 } });
    equal(answer.status, 422, "status");
    equal(answer.body.status, 422, "Clerk's status");
    equal(answer.body.errors[0].meta, { param_name: "max_allowed_memberships" }, "meta");
    equal(writesOf(await sent()).length, 1, "requests sent");
  },

  async "API error 422 (the stand-in's own check): development_origin on production"({ call, control }) {
    await control("config", { environmentType: "production" });
    const answer = await call("POST", "/settings", { instance: { development_origin: "http://localhost:3000" } });
    equal(answer.status, 422, "status");
    equal(answer.body.status, 422, "Clerk's status");
    equal(answer.body.errors[0].code, "form_param_value_invalid", "code");
  },

  async "a failure after some sections were applied says which ones"({ call, sent, control }) {
    await control("script", [{ method: "PATCH", path: "/v1/instance/communication", status: 422, body: { errors: [{ code: "x", message: "no" }] } }]);
    const answer = await call("POST", "/settings", {
      instance: { hibp: true }, restrictions: { blocklist: true }, communication: { blocked_country_codes: ["KP"] }, protect: { rules_enabled: true },
    });
    equal(answer.status, 422, "status");
    equal(answer.body.section, "communication", "failing section");
    equal(answer.body.applied, ["instance", "restrictions"], "applied sections");
    equal(answer.body.sections.map((s) => s.outcome), ["applied", "applied", "failed", "not sent"], "outcomes");
    equal(writesOf(await sent()).map((r) => r.path), ["/v1/instance", "/v1/instance/restrictions", "/v1/instance/communication"], "sent");
  },

  async "unreachable API: 504 after three attempts"({ call, sent, control }) {
    await control("script", [{ method: "PATCH", path: "/v1/instance/protect", drop: "before", times: 3 }]);
    const answer = await call("POST", "/settings", { protect: { specter_enabled: true } });
    equal(answer.status, 504, `status (${answer.text})`);
    check(answer.body.error.includes("3 attempts"), answer.body.error);
    equal(writesOf(await sent()).length, 3, "attempts");
  },

  async "timeout (CLERK_TIMEOUT_MS = 400): 504 naming the timeout"({ call, control }) {
    await control("script", [{ method: "GET", path: "/v1/instance", delayMs: 1500, times: 3 }]);
    const answer = await call("GET", "/settings");
    equal(answer.status, 200, "a read answers with each section");
    check(answer.body.instance.error.includes("within 400 ms"), JSON.stringify(answer.body.instance));
    equal(answer.body.protect.object, "instance_protect", "the other sections");
    await control("script", [{ method: "PATCH", path: "/v1/instance", delayMs: 1500, times: 3 }]);
    const write = await call("POST", "/settings", { instance: { hibp: false } });
    equal(write.status, 504, `status (${write.text})`);
    check(write.body.error.includes("within 400 ms"), write.body.error);
  },

  async "PATCH /settings/<section> (req.json()): exact bodies, tri-state through serde-wasm-bindgen"({ call, sent }) {
    const restrictions = await call("PATCH", "/settings/restrictions", { allowlist: true, blocklist: null });
    equal(restrictions.status, 200, `status (${restrictions.text})`);
    equal(restrictions.body.result.allowlist, true, "result");
    const instance = await call("PATCH", "/settings/instance", { hibp: true, support_email: null, allowed_origins: ["https://a.example"] });
    equal(instance.body, { result: null }, "the 204 of PATCH /instance");
    equal((await call("PATCH", "/settings/organizationSettings", { max_allowed_memberships: 7 })).body.result.max_allowed_memberships, 7, "integer");
    equal((await sent()).map((r) => r.body), [
      '{"allowlist":true,"blocklist":null}',
      '{"hibp":true,"support_email":null,"allowed_origins":["https://a.example"]}',
      '{"max_allowed_memberships":7}',
    ], "bodies");
  },

  async "PATCH /settings/<section> (req.json()): wrong types and invalid values answer 400, nothing sent"({ call, sent }) {
    const wrongType = await call("PATCH", "/settings/restrictions", { allowlist: "yes" });
    equal(wrongType.status, 400, `wrong type (${wrongType.text})`);
    const invalid = await call("PATCH", "/settings/communication", { blocked_country_codes: ["us"] });
    equal(invalid.status, 400, `invalid value (${invalid.text})`);
    equal(invalid.body.problems[0].param, "blocked_country_codes[0]", "param");
    equal((await call("PATCH", "/settings/protect", "nope")).status, 400, "not JSON");
    equal((await sent()).length, 0, "requests sent");
  },
};

async function runCases(cases, context) {
  const failures = [];
  for (const [name, run] of Object.entries(cases)) {
    await context.control("reset", {});
    try {
      await run(context);
      console.log(`ok    ${name}`);
    } catch (error) {
      failures.push(name);
      console.log(`FAIL  ${name}\n      ${error instanceof Failed ? error.message : error.stack}`);
    }
  }
  return failures;
}

export default {
  async test(controller, env) {
    const control = standin(env, "rust");
    const context = { env, control, sent: () => control("requests"), call: caller(env.EXAMPLE, env.ADMIN_TOKEN) };
    const failures = await runCases(CASES, context);

    // The same Worker sending through a service binding (CLERK_API) instead of the global fetch.
    const svc = standin(env, "rust-svc");
    const viaBinding = {
      env, control: svc, sent: () => svc("requests"), call: caller(env.EXAMPLE_SVC, env.ADMIN_TOKEN),
    };
    failures.push(...(await runCases({
      async "service binding (CLERK_API): reads and writes go through it"({ call, sent }) {
        equal((await call("GET", "/settings")).body.instance.object, "instance", "read");
        equal(outcomes((await call("POST", "/settings", { restrictions: { allowlist: false } })).body.sections), [["restrictions", "applied", null]], "write");
        const requests = await sent();
        equal(requests.length, 6, "requests received through the binding");
        equal(requests.at(-1).body, '{"allowlist":false}', "body");
      },
    }, viaBinding)));

    const broken = { env, control, sent: () => control("requests"), call: caller(env.EXAMPLE_BROKEN, env.ADMIN_TOKEN) };
    failures.push(...(await runCases({
      async "misconfigured bindings: 500 naming every bad option, nothing sent"({ call, sent }) {
        const answer = await call("GET", "/settings");
        equal(answer.status, 500, "status");
        for (const option of ["secret_key", "api_url", "timeout_ms"]) check(answer.body.error.includes(`\`${option}\``), answer.body.error);
        equal((await sent()).length, 0, "requests sent");
      },
    }, broken)));

    if (failures.length) throw new Error(`${failures.length} Rust Worker case(s) failed: ${failures.join("; ")}`);
    console.log(`Rust Worker example: ${Object.keys(CASES).length + 2} cases passed`);
  },
};
