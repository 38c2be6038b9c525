// The worker example (worker-example/src/index.js) end to end, as an admin would use it: the same
// cases in workerd behind a service binding (tests/workerd/example.test.js) and under
// `wrangler dev` over HTTP (tests/wrangler/example.test.mjs). Each case takes
// `{ call, control }`: `call(method, path, body?, token?)` (token `null`: no Authorization header)
// answers `{ status, body }` from the example, whose CLERK_API_URL is the stand-in's namespace
// that `control(action, body?)` drives.
import { check, equal } from "./support.js";

const ERROR = (code, message) => ({ errors: [{ code, message, long_message: message, meta: {} }], clerk_trace_id: `t_${code}` });
const sent = async (control) => (await control("requests")).map(({ method, path, body }) => `${method} ${path} ${body}`);

export const cases = {
  async "only the admin token gets in, only /settings and GET or POST answer"({ call }) {
    for (const token of ["wrong", "", null]) {
      const { status, body } = await call("GET", "/settings", undefined, token);
      equal([status, body], [401, { error: "unauthorized" }], `token ${JSON.stringify(token)}`);
    }
    equal((await call("GET", "/other")).status, 404, "another path");
    equal((await call("PUT", "/settings", {})).status, 405, "another method");
  },

  async "POST applies every section and answers each one's result"({ call, control }) {
    await control("reset", {});
    const { status, body } = await call("POST", "/settings", {
      instance: { testMode: true, supportEmail: null },
      restrictions: { allowlist: true, blocklist: undefined },
    });
    check(status === 200, `answered ${status}: ${JSON.stringify(body)}`);
    equal(body.sections.instance, { outcome: "applied", result: null }, "instance (204, no body)");
    equal([body.sections.restrictions.outcome, body.sections.restrictions.result.allowlist], ["applied", true], "restrictions");
    equal(await sent(control), [
      'PATCH /v1/instance {"test_mode":true,"support_email":null}',
      'PATCH /v1/instance/restrictions {"allowlist":true}',
    ], "what Clerk received, in the body's order");
  },

  async "a dry run answers the requests, key redacted, and sends nothing"({ call, control }) {
    await control("reset", {});
    const { status, body } = await call("POST", "/settings?dryRun=1", { protect: { rulesEnabled: false }, instance: { hibp: false } });
    check(status === 200 && body.dryRun === true, `answered ${status}: ${JSON.stringify(body)}`);
    const { protect, instance } = body.sections;
    equal([protect.outcome, protect.request.method, protect.request.body], ["not sent", "PATCH", '{"rules_enabled":false}'], "protect");
    check(protect.request.url.endsWith("/v1/instance/protect"), protect.request.url);
    equal(protect.request.headers.Authorization, "Bearer [redacted]", "the key is hidden");
    equal(instance.request.body, '{"hibp":false}', "instance");
    equal(await sent(control), [], "requests");
  },

  async "a typo in a later section sends nothing, and every section's problems are listed"({ call, control }) {
    await control("reset", {});
    const { status, body } = await call("POST", "/settings", {
      instance: { testMode: false },
      restrictions: { allowlist: false },
      communication: { blockedCountryCodes: ["kp"] },
      protect: { rulesEnabeld: true },
    });
    check(status === 400, `answered ${status}: ${JSON.stringify(body)}`);
    equal(body.error, "invalid params in communication, protect; nothing was sent", "error");
    equal(body.sections.instance, { outcome: "not sent" }, "a valid section");
    equal(body.sections.restrictions, { outcome: "not sent" }, "another valid section");
    equal(body.sections.communication.problems.map((p) => p.param), ["blockedCountryCodes[0]"], "communication");
    check(body.sections.communication.problems[0].message.includes('"KP"'), body.sections.communication.problems[0].message);
    equal(body.sections.protect.problems.map((p) => p.param), ["rulesEnabeld"], "protect");
    check(body.sections.protect.problems[0].message.includes("rulesEnabled"), "the fix is suggested");
    equal(await sent(control), [], "requests");

    const unknown = await call("POST", "/settings", { instance: {}, restriction: {} });
    equal([unknown.status, unknown.body.error.startsWith("unknown sections: restriction;")], [400, true], JSON.stringify(unknown.body));
    for (const bad of [[], "settings", null, {}]) equal((await call("POST", "/settings", bad)).status, 400, `body ${JSON.stringify(bad)}`);
    equal(await sent(control), [], "requests after malformed bodies");
  },

  async "a failure midway says what was applied, what failed and what was not sent"({ call, control }) {
    await control("reset", {});
    await control("script", [{ method: "PATCH", path: "/v1/instance/restrictions", status: 402, body: ERROR("payment_required", "upgrade your plan") }]);
    const { status, body } = await call("POST", "/settings", {
      instance: { supportEmail: "help@example.com" },
      restrictions: { blocklist: true },
      communication: { blockedCountryCodes: ["KP"] },
    });
    check(status === 502, `answered ${status}: ${JSON.stringify(body)}`);
    equal(body.error, "restrictions failed; applied before it: instance; not sent: communication", "error");
    equal(body.partial, true, "partial");
    equal(body.sections.instance, { outcome: "applied", result: null }, "instance");
    const { outcome, error } = body.sections.restrictions;
    equal([outcome, error.status, error.clerkTraceId, error.errors[0].code], ["failed", 402, "t_payment_required", "payment_required"], "restrictions");
    equal(body.sections.communication, { outcome: "not sent" }, "communication");
    equal(await sent(control), [
      'PATCH /v1/instance {"support_email":"help@example.com"}',
      'PATCH /v1/instance/restrictions {"blocklist":true}',
    ], "communication never reached Clerk");
    equal((await control("state")).settings.support_email, "help@example.com", "the applied section is in force");

    // The first section refused: nothing applied, and the answer says so.
    await control("script", [{ method: "PATCH", path: "/v1/instance", status: 422, body: ERROR("form_param_value_invalid", "bad value") }]);
    const first = await call("POST", "/settings", { instance: { testMode: true }, protect: { rulesEnabled: true } });
    equal([first.status, first.body.partial, first.body.sections.instance.outcome, first.body.sections.protect.outcome], [502, false, "failed", "not sent"], JSON.stringify(first.body));
    equal(first.body.error, "instance failed; applied before it: none; not sent: protect", "error");
  },

  async "GET reads every section"({ call, control }) {
    await control("reset", {});
    const { status, body } = await call("GET", "/settings");
    check(status === 200, `answered ${status}: ${JSON.stringify(body)}`);
    equal(Object.keys(body), ["instance", "organizationSettings", "communication", "protect", "oauthApplicationSettings"], "sections");
    equal([body.instance.object, body.protect.object, body.communication.object], ["instance", "instance_protect", "instance_communication"], "objects");
    equal((await sent(control)).length, 5, "one request per section");
  },

  async "a key Clerk refuses answers 502 with Clerk's 401"({ call, control }) {
    await control("reset", {});
    await control("config", { secretKey: "sk_test_not_the_one_the_worker_has" });
    const read = await call("GET", "/settings");
    check(read.status === 502, `GET answered ${read.status}: ${JSON.stringify(read.body)}`);
    equal([read.body.cause.status, read.body.cause.errors[0].code], [401, "authentication_invalid"], "Clerk's status and code");
    check(read.body.error.startsWith("no section could be read: "), read.body.error);
    check(Object.values(read.body.sections).every((s) => s.error.status === 401), "every section's error");
    const write = await call("POST", "/settings", { instance: { testMode: true } });
    equal([write.status, write.body.partial, write.body.sections.instance.error.status], [502, false, 401], JSON.stringify(write.body));
    await control("config", { secretKey: null });
  },

  async "an API that drops every connection answers 504, and a lost write is flagged"({ call, control }) {
    await control("reset", {});
    await control("script", [{ drop: "before", times: 1000 }]);
    const read = await call("GET", "/settings");
    check(read.status === 504, `GET answered ${read.status}: ${JSON.stringify(read.body)}`);
    check(Object.values(read.body.sections).every((s) => typeof s.error.message === "string" && s.error.status === undefined), "every section's error");
    const write = await call("POST", "/settings", { instance: { testMode: true }, protect: { rulesEnabled: true } });
    check(write.status === 504, `POST answered ${write.status}: ${JSON.stringify(write.body)}`);
    equal([write.body.sections.instance.outcome, write.body.sections.protect.outcome], ["failed", "not sent"], "outcomes");
    check(write.body.error.includes("may be in force"), write.body.error);
    await control("reset", {});
  },
};

/** For a harness that also runs a copy of the example whose API URL refuses connections. */
export async function refusedConnections(call) {
  const { status, body } = await call("GET", "/settings");
  check(status === 504, `answered ${status}: ${JSON.stringify(body)}`);
  check(body.error.startsWith("no section could be read: "), body.error);
  const write = await call("POST", "/settings", { instance: { testMode: true } });
  equal([write.status, write.body.sections.instance.outcome], [504, "failed"], JSON.stringify(write.body));
}
