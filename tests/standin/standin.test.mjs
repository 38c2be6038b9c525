// Tests of the stand-in itself: `node --test tests/standin/`. One server serves every test; each
// test works in its own namespace, which also shows that namespaces keep concurrent users apart.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { API_PREFIX, DEFAULT_SCOPES, operations } from "./api.mjs";
import { ROLES } from "./clerk.mjs";
import { startStandin } from "./server.mjs";

const SERVER_PATH = fileURLToPath(new URL("./server.mjs", import.meta.url));
const HEADERS = { authorization: "Bearer sk_test_standin", "clerk-api-version": "2026-05-12", "user-agent": "standin-test/1.0" };
const OBJECTS = {
  "/instance": "instance",
  "/instance/restrictions": "instance_restrictions",
  "/instance/protect": "instance_protect",
  "/instance/communication": "instance_communication",
  "/instance/oauth_application_settings": "oauth_application_settings",
  "/instance/organization_settings": "organization_settings",
  "/beta_features/instance_settings": "instance_settings",
};

let standin;
before(async () => { standin = await startStandin(); });
after(() => standin.close());

let namespaces = 0;
const fresh = (label) => `${label}-${++namespaces}`;

/** One request over a fresh connection; rejects with `{ status, received }` if the answer is cut short. */
function request(method, path, { headers = {}, body, base = standin.url } = {}) {
  const json = body !== undefined && typeof body !== "string" && !Buffer.isBuffer(body);
  const bytes = json ? JSON.stringify(body) : body;
  // Node's client sends a GET body without framing unless told its length.
  const framing = bytes !== undefined && { "content-length": Buffer.byteLength(bytes) };
  const all = { ...framing, ...(json && { "content-type": "application/json" }), ...headers };
  for (const name of Object.keys(all)) if (all[name] === undefined) delete all[name];
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: all, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", () => {});
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode, headers: res.headers, text, chunks: chunks.length, json: () => JSON.parse(text) });
      });
      res.on("close", () => {
        if (!res.complete) {
          reject(Object.assign(new Error("answer cut short"), { status: res.statusCode, received: Buffer.concat(chunks).toString() }));
        }
      });
    });
    req.on("error", reject);
    req.end(bytes);
  });
}

/** An API request in namespace `ns`, with a client's usual headers unless overridden. */
const api = (ns, method, path, { headers, ...rest } = {}) =>
  request(method, `/ns/${ns}${API_PREFIX}${path}`, { headers: { ...HEADERS, ...headers }, ...rest });

/** A control request; answers the parsed JSON and checks the status. */
async function control(method, ns, action, body, status = 200) {
  const res = await request(method, `/__standin/${ns}/${action}`, { body });
  assert.equal(res.status, status, res.text);
  return res.json();
}

const records = (ns) => control("GET", ns, "requests");
const state = (ns) => control("GET", ns, "state");
const script = (ns, reactions) => control("POST", ns, "script", reactions);

/** The error codes of a Clerk error answer, after checking its format. */
function errorCodes(res, status) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.headers["content-type"], "application/json");
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ["clerk_trace_id", "errors", "meta"]);
  assert.match(body.clerk_trace_id, /^[0-9a-f]{32}$/);
  for (const e of body.errors) assert.deepEqual(Object.keys(e).sort(), ["code", "long_message", "message", "meta"]);
  return body.errors.map((e) => e.code);
}

const paramErrors = (res) => (errorCodes(res, 422), res.json().errors.map((e) => [e.code, e.meta.param_name]));

describe("the 14 operations", () => {
  test("there are 14, and each answers its success status with the documented shape", async () => {
    assert.equal(operations.length, 14);
    const ns = fresh("ops");
    for (const op of operations) {
      const res = await api(ns, op.method, op.path, op.fields ? { body: {} } : {});
      assert.equal(res.status, op.status, `${op.method} ${op.path}: ${res.text}`);
      if (op.status === 200) {
        assert.equal(res.headers["content-type"], "application/json");
        assert.equal(res.json().object, OBJECTS[op.path], `${op.method} ${op.path}`);
      } else {
        assert.equal(res.text, "", `${op.method} ${op.path} answers an empty body`);
        assert.equal(res.headers["content-type"], undefined);
      }
    }
  });

  test("the instance settings answer has exactly the InstanceSettings fields", async () => {
    const res = await api(fresh("settings"), "PATCH", "/beta_features/instance_settings", { body: {} });
    assert.deepEqual(Object.keys(res.json()).sort(), [
      "enhanced_email_deliverability", "from_email_address", "id", "object", "progressive_sign_up", "restricted_to_allowlist",
    ]);
  });

  test("the default namespace answers at /v1 without a prefix", async () => {
    const res = await request("GET", "/v1/instance/protect", { headers: HEADERS });
    assert.equal(res.status, 200);
    assert.equal(res.json().object, "instance_protect");
    const recorded = await records("default");
    assert.equal(recorded.at(-1).path, "/v1/instance/protect");
  });
});

describe("state", () => {
  test("PATCH /instance: allowed_origins replaces the list, an empty list keeps it", async () => {
    const ns = fresh("origins");
    assert.equal((await api(ns, "PATCH", "/instance", { body: { allowed_origins: ["chrome-extension://abc", "capacitor://localhost"] } })).status, 204);
    assert.deepEqual((await api(ns, "GET", "/instance")).json().allowed_origins, ["chrome-extension://abc", "capacitor://localhost"]);
    assert.equal((await api(ns, "PATCH", "/instance", { body: { allowed_origins: [] } })).status, 204);
    assert.deepEqual((await api(ns, "GET", "/instance")).json().allowed_origins, ["chrome-extension://abc", "capacitor://localhost"]);
  });

  test("PATCH /instance: values set, null keeps, \"\" clears, seed field accepted", async () => {
    const ns = fresh("instance");
    const patch = (body) => api(ns, "PATCH", "/instance", { body }).then((res) => assert.equal(res.status, 204, res.text));
    await patch({ support_email: "help@example.com", hibp: false, preferred_sign_in_strategy_when_password_required: "otp", enhanced_email_deliverability: true });
    await patch({ support_email: null, hibp: null, test_mode: false });
    let settings = (await state(ns)).settings;
    assert.equal(settings.support_email, "help@example.com");
    assert.equal(settings.hibp, false);
    assert.equal(settings.test_mode, false);
    assert.equal(settings.enhanced_email_deliverability, true);
    assert.equal(settings.preferred_sign_in_strategy_when_password_required, "otp");
    await patch({ support_email: "", preferred_sign_in_strategy_when_password_required: "" });
    settings = (await state(ns)).settings;
    assert.equal(settings.support_email, null);
    assert.equal(settings.preferred_sign_in_strategy_when_password_required, null);
  });

  test("development_origin: accepted by development instances, refused by production ones", async () => {
    const ns = fresh("devorigin");
    assert.equal((await api(ns, "PATCH", "/instance", { body: { development_origin: "http://localhost:5173" } })).status, 204);
    assert.equal((await state(ns)).settings.development_origin, "http://localhost:5173");
    await control("POST", ns, "config", { environmentType: "production" });
    assert.equal((await api(ns, "GET", "/instance")).json().environment_type, "production");
    const refused = await api(ns, "PATCH", "/instance", { body: { development_origin: "http://localhost:3000", hibp: false } });
    assert.deepEqual(paramErrors(refused), [["form_param_value_invalid", "development_origin"]]);
    assert.equal((await state(ns)).settings.hibp, true, "a refused request changes nothing");
    assert.equal((await api(ns, "PATCH", "/instance", { body: { development_origin: null } })).status, 204);
  });

  test("restrictions: PATCH answers the new state, null keeps a value", async () => {
    const ns = fresh("restrictions");
    const first = await api(ns, "PATCH", "/instance/restrictions", { body: { allowlist: true, ignore_dots_for_gmail_addresses: true } });
    assert.equal(first.status, 200);
    assert.equal(first.json().allowlist, true);
    assert.equal(first.json().ignore_dots_for_gmail_addresses, true);
    const second = (await api(ns, "PATCH", "/instance/restrictions", { body: { allowlist: null, blocklist: true } })).json();
    assert.deepEqual([second.allowlist, second.blocklist, second.block_email_subaddresses], [true, true, false]);
  });

  test("protect: PATCH then GET", async () => {
    const ns = fresh("protect");
    assert.equal((await api(ns, "PATCH", "/instance/protect", { body: { rules_enabled: true } })).json().rules_enabled, true);
    const got = (await api(ns, "GET", "/instance/protect")).json();
    assert.deepEqual([got.rules_enabled, got.specter_enabled, got.checks_bypassed], [true, false, false]);
  });

  test("communication: the list is replaced whole, unknown codes dropped, null keeps, [] clears", async () => {
    const ns = fresh("communication");
    const codes = async (body) => (await api(ns, "PATCH", "/instance/communication", { body })).json().blocked_country_codes;
    assert.deepEqual(await codes({ blocked_country_codes: ["NG", "IN"] }), ["NG", "IN"]);
    assert.deepEqual(await codes({ blocked_country_codes: ["RU", "QZ", "XK", "ZZ"] }), ["RU", "XK"]);
    assert.deepEqual(await codes({ blocked_country_codes: null }), ["RU", "XK"]);
    assert.deepEqual((await api(ns, "GET", "/instance/communication")).json().blocked_country_codes, ["RU", "XK"]);
    assert.deepEqual(await codes({ blocked_country_codes: [] }), []);
  });

  test("oauth: default_scopes set, other nulls keep, default_scopes null resets to defaults", async () => {
    const ns = fresh("oauth");
    await api(ns, "PATCH", "/instance/oauth_application_settings", { body: { default_scopes: ["openid"], oauth_jwt_access_tokens: true } });
    let got = (await api(ns, "GET", "/instance/oauth_application_settings")).json();
    assert.deepEqual(got.default_scopes, ["openid"]);
    got = (await api(ns, "PATCH", "/instance/oauth_application_settings", { body: { default_scopes: null, oauth_jwt_access_tokens: null } })).json();
    assert.deepEqual(got.default_scopes, DEFAULT_SCOPES);
    assert.equal(got.oauth_jwt_access_tokens, true);
  });

  test("organization settings: values, empty enrollment modes keep, role ids map to keys, unknown role is 404", async () => {
    const ns = fresh("orgs");
    const patch = (body) => api(ns, "PATCH", "/instance/organization_settings", { body });
    let got = (await patch({ enabled: true, max_allowed_memberships: 0, domains_enrollment_modes: ["automatic_invitation"] })).json();
    assert.deepEqual([got.enabled, got.max_allowed_memberships, got.domains_enrollment_modes], [true, 0, ["automatic_invitation"]]);
    got = (await patch({ domains_enrollment_modes: [], creator_role_id: ROLES[1].id })).json();
    assert.deepEqual(got.domains_enrollment_modes, ["automatic_invitation"]);
    assert.equal(got.creator_role, ROLES[1].key);
    const unknown = await patch({ domains_default_role_id: "rol_missing", enabled: false });
    assert.deepEqual(errorCodes(unknown, 404), ["resource_not_found"]);
    assert.equal(unknown.json().errors[0].meta.param_name, "domains_default_role_id");
    assert.equal((await api(ns, "GET", "/instance/organization_settings")).json().enabled, true);
  });

  test("beta instance settings: seed fields accepted, restricted_to_allowlist is the restrictions' allowlist", async () => {
    const ns = fresh("beta");
    const res = await api(ns, "PATCH", "/beta_features/instance_settings", {
      body: { restricted_to_allowlist: true, from_email_address: "accounts", session_token_template: "tmpl", enhanced_email_deliverability: true, test_mode: false },
    });
    assert.equal(res.status, 200, res.text);
    const got = res.json();
    assert.deepEqual([got.restricted_to_allowlist, got.from_email_address, got.enhanced_email_deliverability], [true, "accounts", true]);
    assert.equal(got.id, (await api(ns, "GET", "/instance")).json().id);
    assert.equal((await api(ns, "PATCH", "/instance/restrictions", { body: {} })).json().allowlist, true);
    const { settings } = await state(ns);
    assert.deepEqual([settings.session_token_template, settings.test_mode], ["tmpl", false]);
  });

  test("both domain operations answer 202 and record the new home_url", async () => {
    const ns = fresh("domain");
    assert.equal((await api(ns, "POST", "/instance/change_domain", { body: { home_url: "https://one.example.com" } })).status, 202);
    assert.equal((await state(ns)).domain.home_url, "https://one.example.com");
    assert.equal((await api(ns, "PUT", "/beta_features/domain", { body: { home_url: "https://app.two.example.com", is_secondary: true } })).status, 202);
    const { domain } = await state(ns);
    assert.deepEqual([domain.home_url, domain.is_secondary, domain.changes.length], ["https://app.two.example.com", true, 2]);
  });
});

describe("checks", () => {
  const ns = "checks";
  const patch = (body, headers) => api(ns, "PATCH", "/instance/protect", { body, headers });

  test("Authorization must be Bearer with a token", async () => {
    for (const authorization of [undefined, "Bearer ", "Basic c2s6", "sk_test_x", "Bearer  two words"]) {
      assert.deepEqual(errorCodes(await api(ns, "GET", "/instance", { headers: { authorization } }), 401), ["authentication_invalid"], String(authorization));
    }
  });

  test("a configured secretKey must match", async () => {
    const keyed = fresh("keyed");
    await control("POST", keyed, "config", { secretKey: "sk_test_right" });
    assert.deepEqual(errorCodes(await api(keyed, "GET", "/instance"), 401), ["authentication_invalid"]);
    assert.equal((await api(keyed, "GET", "/instance", { headers: { authorization: "Bearer sk_test_right" } })).status, 200);
    await control("POST", keyed, "config", { secretKey: null });
    assert.equal((await api(keyed, "GET", "/instance")).status, 200);
  });

  test("Clerk-API-Version and User-Agent must be present", async () => {
    assert.deepEqual(errorCodes(await api(ns, "GET", "/instance", { headers: { "clerk-api-version": undefined } }), 400), ["api_version_missing"]);
    assert.deepEqual(errorCodes(await api(ns, "GET", "/instance", { headers: { "clerk-api-version": "v1" } }), 400), ["api_version_invalid"]);
    assert.deepEqual(errorCodes(await api(ns, "GET", "/instance", { headers: { "user-agent": undefined } }), 400), ["user_agent_missing"]);
  });

  test("unknown paths and methods are 404 resource_not_found", async () => {
    for (const [method, path] of [["DELETE", "/instance"], ["GET", "/instance/restrictions"], ["POST", "/beta_features/change_domain"], ["GET", "/users"]]) {
      assert.deepEqual(errorCodes(await api(ns, method, path), 404), ["resource_not_found"], `${method} ${path}`);
    }
    assert.deepEqual(errorCodes(await request("GET", `/ns/${ns}/instance`, { headers: HEADERS }), 404), ["resource_not_found"]);
  });

  test("writes need Content-Type application/json", async () => {
    const text = JSON.stringify({ rules_enabled: true });
    assert.deepEqual(errorCodes(await patch(text, { "content-type": "text/plain" }), 415), ["unsupported_content_type"]);
    assert.deepEqual(errorCodes(await patch(text, {}), 415), ["unsupported_content_type"]);
    assert.equal((await patch(text, { "content-type": "application/json; charset=utf-8" })).status, 200);
  });

  test("a write body must be a JSON object", async () => {
    for (const body of ["", "{", "[]", "null", "\"x\"", "1"]) {
      assert.deepEqual(errorCodes(await patch(body, { "content-type": "application/json" }), 400), ["malformed_request"], JSON.stringify(body));
    }
  });

  test("a read takes no body", async () => {
    const res = await api(ns, "GET", "/instance", { body: "{}", headers: { "content-type": "application/json" } });
    assert.deepEqual(errorCodes(res, 400), ["malformed_request"]);
  });

  test("every parameter problem is one entry, named by meta.param_name", async () => {
    const res = await api(ns, "PATCH", "/instance", {
      body: { hibpp: true, hibp: "yes", allowed_origins: null, preferred_sign_in_strategy_when_password_required: "sms", test_mode: null },
    });
    assert.deepEqual(paramErrors(res), [
      ["form_param_unknown", "hibpp"],
      ["form_param_type_invalid", "hibp"],
      ["form_param_nil", "allowed_origins"],
      ["form_param_value_invalid", "preferred_sign_in_strategy_when_password_required"],
    ]);
  });

  test("types: integers, string arrays, non-nullable fields", async () => {
    const org = (body) => api(ns, "PATCH", "/instance/organization_settings", { body });
    assert.deepEqual(paramErrors(await org({ max_allowed_memberships: 1.5 })), [["form_param_type_invalid", "max_allowed_memberships"]]);
    assert.deepEqual(paramErrors(await org({ max_allowed_memberships: "5" })), [["form_param_type_invalid", "max_allowed_memberships"]]);
    assert.deepEqual(paramErrors(await org({ domains_enrollment_modes: ["automatic_invitation", 3] })), [["form_param_type_invalid", "domains_enrollment_modes"]]);
    assert.deepEqual(paramErrors(await org({ domains_enrollment_modes: ["sometimes"] })), [["form_param_value_invalid", "domains_enrollment_modes"]]);
    assert.deepEqual(paramErrors(await org({ domains_enrollment_modes: null })), [["form_param_nil", "domains_enrollment_modes"]]);
    const domain = await api(ns, "POST", "/instance/change_domain", { body: { home_url: null, is_secondary: null } });
    assert.deepEqual(paramErrors(domain), [["form_param_nil", "home_url"], ["form_param_nil", "is_secondary"]]);
    const beta = await api(ns, "PUT", "/beta_features/domain", { body: { home_url: 1, is_secondary: "no" } });
    assert.deepEqual(paramErrors(beta), [["form_param_type_invalid", "home_url"], ["form_param_type_invalid", "is_secondary"]]);
  });

  test("blocked_country_codes: pattern, uniqueness, at most 250", async () => {
    const codes = (blocked_country_codes) => api(ns, "PATCH", "/instance/communication", { body: { blocked_country_codes } });
    const twoLetters = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));
    for (const bad of [["us"], ["USA"], ["US", "US"], twoLetters.slice(0, 251)]) {
      assert.deepEqual(paramErrors(await codes(bad)), [["form_param_value_invalid", "blocked_country_codes"]], bad.slice(0, 3).join());
    }
    assert.equal((await codes(twoLetters.slice(0, 250))).status, 200);
  });
});

describe("scripts", () => {
  test("status, body and headers; times; then the normal answer", async () => {
    const ns = fresh("script");
    const error = { errors: [{ message: "Too many requests", code: "too_many_requests" }] };
    assert.deepEqual(await script(ns, [{ status: 429, body: error, headers: { "Retry-After": "1", "cf-ray": "8f00-AMS" }, times: 2 }]), { queued: 1 });
    for (let i = 0; i < 2; i++) {
      const res = await api(ns, "GET", "/instance");
      assert.equal(res.status, 429);
      assert.deepEqual(res.json(), error);
      assert.equal(res.headers["retry-after"], "1");
      assert.equal(res.headers["cf-ray"], "8f00-AMS");
    }
    assert.equal((await api(ns, "GET", "/instance")).status, 200);
    assert.deepEqual((await records(ns)).map((r) => r.status), [429, 429, 200]);
  });

  test("text with a content type, e.g. a proxy's HTML page", async () => {
    const ns = fresh("html");
    await script(ns, [{ status: 502, text: "<html>Bad gateway</html>", contentType: "text/html" }, { status: 503 }]);
    const html = await api(ns, "GET", "/instance");
    assert.deepEqual([html.status, html.headers["content-type"], html.text], [502, "text/html", "<html>Bad gateway</html>"]);
    const empty = await api(ns, "GET", "/instance");
    assert.deepEqual([empty.status, empty.text], [503, ""]);
  });

  test("filters: the first reaction whose method and path match is taken", async () => {
    const ns = fresh("filters");
    await script(ns, [
      { method: "PATCH", status: 500 },
      { path: "/v1/instance/protect", status: 402, body: { errors: [] } },
      { status: 418 },
    ]);
    assert.equal((await api(ns, "GET", "/instance/protect")).status, 402);
    assert.equal((await api(ns, "GET", "/instance")).status, 418);
    assert.equal((await api(ns, "GET", "/instance")).status, 200);
    assert.equal((await control("GET", ns, "script")).length, 1, "the PATCH reaction is still queued");
    assert.equal((await api(ns, "PATCH", "/instance", { body: {} })).status, 500);
    assert.deepEqual(await control("GET", ns, "script"), []);
  });

  test("scripted answers skip the checks, but the request is still recorded", async () => {
    const ns = fresh("scripted");
    await script(ns, [{ status: 200, body: { object: "instance" } }]);
    const res = await request("GET", `/ns/${ns}/v1/instance`);
    assert.equal(res.status, 200);
    const [record] = await records(ns);
    assert.deepEqual([record.method, record.path, record.status], ["GET", "/v1/instance", 200]);
  });

  test("delayMs stalls, and with no status/body/text the normal answer follows", async () => {
    const ns = fresh("delay");
    await script(ns, [{ delayMs: 150, headers: { "x-extra": "yes" } }]);
    const started = Date.now();
    const res = await api(ns, "PATCH", "/instance/protect", { body: { rules_enabled: true } });
    assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
    assert.equal(res.status, 200);
    assert.equal(res.json().rules_enabled, true);
    assert.equal(res.headers["x-extra"], "yes");
  });

  test("drop before: no answer at all, recorded with status null", async () => {
    const ns = fresh("dropbefore");
    await script(ns, [{ drop: "before" }]);
    await assert.rejects(api(ns, "PATCH", "/instance", { body: { hibp: false } }), (e) => e.status === undefined && /hang up|ECONNRESET/.test(e.message));
    const [record] = await records(ns);
    assert.deepEqual([record.status, record.body], [null, "{\"hibp\":false}"]);
    assert.equal((await state(ns)).settings.hibp, true, "a request dropped before answering changes nothing");
  });

  test("drop during: status and part of the body, then the connection ends", async () => {
    const ns = fresh("dropduring");
    const body = { object: "instance", id: "ins_cut", padding: "x".repeat(100) };
    await script(ns, [{ status: 200, body, drop: "during" }]);
    const error = await api(ns, "GET", "/instance").then(() => assert.fail("the answer should be cut"), (e) => e);
    assert.equal(error.status, 200);
    assert.ok(error.received.startsWith("{\"object\":\"instance\""), error.received);
    assert.ok(error.received.length < JSON.stringify(body).length, error.received);
    assert.equal((await records(ns))[0].status, null);
  });

  test("slowBodyMs: the body arrives whole, in pieces, over that time", async () => {
    const ns = fresh("slow");
    await script(ns, [{ slowBodyMs: 200 }]);
    const started = Date.now();
    const res = await api(ns, "GET", "/instance/oauth_application_settings");
    assert.ok(Date.now() - started >= 180, `took ${Date.now() - started} ms`);
    assert.ok(res.chunks >= 3, `${res.chunks} chunks`);
    assert.deepEqual(res.json().default_scopes, DEFAULT_SCOPES);
  });

  test("malformed scripts and config are refused with 400", async () => {
    const ns = fresh("badscript");
    for (const bad of [{ status: 500 }, [{ stauts: 500 }], [{ drop: "after" }], [{ times: 0 }], [{ body: {}, text: "" }], [{ path: "v1/instance" }]]) {
      assert.match((await control("POST", ns, "script", bad, 400)).error, /./);
    }
    assert.deepEqual(await control("GET", ns, "script"), []);
    await control("POST", ns, "config", { environmentType: "prod" }, 400);
    await control("POST", ns, "config", { secret_key: "x" }, 400);
  });
});

describe("records", () => {
  test("method, path, lower-case headers, byte-exact body, status and time, in arrival order", async () => {
    const ns = fresh("records");
    const raw = "{ \"support_email\" : \"caf\\u00e9@example.com\",\n  \"hibp\":false , \"test_mode\":true}";
    const startedAt = Date.now();
    await api(ns, "PATCH", "/instance", { body: raw, headers: { "Content-Type": "application/json", "X-Trace-Me": "MiXeD" } });
    await api(ns, "GET", "/instance?expand=1");
    await api(ns, "GET", "/nowhere");
    const [patch, get, missing] = await records(ns);
    assert.deepEqual([patch.method, patch.path, patch.body, patch.status], ["PATCH", "/v1/instance", raw, 204]);
    assert.equal(patch.headers["x-trace-me"], "MiXeD");
    assert.equal(patch.headers["clerk-api-version"], "2026-05-12");
    assert.equal(patch.headers["content-length"], String(Buffer.byteLength(raw)));
    assert.ok(Object.keys(patch.headers).every((name) => name === name.toLowerCase()));
    assert.ok(patch.at >= startedAt && patch.at <= Date.now());
    assert.deepEqual([get.path, get.body, get.status], ["/v1/instance?expand=1", "", 200]);
    assert.deepEqual([missing.path, missing.status], ["/v1/nowhere", 404]);
    assert.equal((await state(ns)).settings.support_email, "café@example.com");
  });

  test("UTF-8 bodies are kept exactly", async () => {
    const ns = fresh("utf8");
    const raw = "{\"from_email_address\":\"ñandú\"}";
    await api(ns, "PATCH", "/beta_features/instance_settings", { body: Buffer.from(raw), headers: { "content-type": "application/json" } });
    assert.equal((await records(ns))[0].body, raw);
  });
});

describe("namespaces", () => {
  test("state, records, scripts and config are per namespace; reset clears one", async () => {
    const [a, b] = [fresh("iso-a"), fresh("iso-b")];
    await api(a, "PATCH", "/instance/protect", { body: { specter_enabled: true } });
    await script(a, [{ status: 500, times: 5 }]);
    await control("POST", a, "config", { secretKey: "sk_a", environmentType: "production" });
    const other = await api(b, "GET", "/instance/protect");
    assert.deepEqual([other.status, other.json().specter_enabled], [200, false]);
    assert.equal((await api(b, "GET", "/instance")).json().environment_type, "development");
    assert.equal((await records(b)).length, 2);
    assert.equal((await records(a)).length, 1);

    assert.deepEqual(await control("POST", a, "reset", {}), { ok: true });
    assert.deepEqual(await records(a), []);
    assert.deepEqual(await control("GET", a, "script"), []);
    const after = await api(a, "GET", "/instance/protect");
    assert.deepEqual([after.status, after.json().specter_enabled], [200, false], "config, script and state are gone");
  });

  test("concurrent requests in different namespaces do not mix", async () => {
    const names = Array.from({ length: 8 }, (_, i) => fresh(`par${i}`));
    await Promise.all(names.map((ns, i) => api(ns, "PATCH", "/instance/organization_settings", { body: { max_allowed_memberships: i } })));
    const got = await Promise.all(names.map((ns) => api(ns, "GET", "/instance/organization_settings")));
    assert.deepEqual(got.map((res) => res.json().max_allowed_memberships), names.map((_, i) => i));
  });
});

describe("control API and lifecycle", () => {
  test("health, and unknown control endpoints are 404", async () => {
    assert.deepEqual((await request("GET", "/__standin/health")).json(), { ok: true });
    assert.equal((await request("GET", "/__standin/x/nothing")).status, 404);
    assert.equal((await request("DELETE", "/__standin/x/requests")).status, 404);
  });

  test("refuses to bind anything but loopback", async () => {
    await assert.rejects(startStandin({ host: "0.0.0.0" }), /loopback/);
  });

  test("close() ends promptly while a delayed answer is pending", async () => {
    const own = await startStandin();
    await request("POST", "/__standin/default/script", { base: own.url, body: [{ delayMs: 30_000 }] });
    const pending = request("GET", "/v1/instance", { base: own.url, headers: HEADERS });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await own.close();
    assert.ok(Date.now() - started < 1000);
    await assert.rejects(pending);
  });

  test("the CLI prints one JSON line with the url and exits cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [SERVER_PATH, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    for await (const chunk of child.stdout) {
      out += chunk;
      if (out.includes("\n")) break;
    }
    const { url } = JSON.parse(out);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual((await request("GET", "/__standin/health", { base: url })).json(), { ok: true });
    const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    child.kill("SIGTERM");
    assert.deepEqual(await exited, { code: 0, signal: null });
  });
});

describe("stale reads", () => {
  test("with staleReadsMs, reads after a write answer the state from before it, then catch up", async () => {
    const ns = fresh("stale");
    await control("POST", ns, "config", { staleReadsMs: 300 });
    const rules = async () => (await api(ns, "GET", "/instance/protect")).json().rules_enabled;
    assert.equal(await rules(), false);
    const written = await api(ns, "PATCH", "/instance/protect", { body: { rules_enabled: true } });
    assert.equal(written.json().rules_enabled, true, "the write's own answer is fresh");
    await api(ns, "PATCH", "/instance/protect", { body: { specter_enabled: true } });
    const stale = (await api(ns, "GET", "/instance/protect")).json();
    assert.deepEqual([stale.rules_enabled, stale.specter_enabled], [false, false], "the state before the first write of the window");
    assert.equal((await state(ns)).protect.rules_enabled, true, "the state itself is written");
    // A refused write does not open a window.
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal(await rules(), true, "caught up");
    await api(ns, "PATCH", "/instance/protect", { body: { rules_enabled: "yes" } });
    assert.equal(await rules(), true);
    await control("POST", ns, "config", { staleReadsMs: null });
    await api(ns, "PATCH", "/instance/protect", { body: { rules_enabled: false } });
    assert.equal(await rules(), false, "off again: reads are fresh");
    await control("POST", ns, "config", { staleReadsMs: -1 }, 400);
  });
});
