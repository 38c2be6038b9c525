// The worker example (worker-example/src/index.js) end to end, as an admin would use it: the same
// cases in workerd behind a service binding (tests/workerd/example.test.js) and under
// `wrangler dev` over HTTP (tests/wrangler/example.test.mjs). Each case takes
// `{ call, control }`: `call(method, path, body?, token?)` (token `null`: no Authorization header)
// answers `{ status, body }` from the example, whose CLERK_API_URL is the stand-in's namespace
// that `control(action, body?)` drives.
import { check, equal } from "./support.js";

const ERROR = (code, message) => ({ errors: [{ code, message, long_message: message, meta: {} }], clerk_trace_id: `t_${code}` });
const sent = async (control) => (await control("requests")).map(({ method, path, body }) => `${method} ${path} ${body}`);
const written = async (control) => (await sent(control)).filter((line) => !line.startsWith("GET "));
/** The outcomes of an apply, by section. */
const bySection = (sections) => Object.fromEntries(sections.map(({ section, ...outcome }) => [section, outcome]));

export const cases = {
  async "only the admin token gets in, only /settings and GET or POST answer"({ call }) {
    for (const token of ["wrong", "", null]) {
      const { status, body } = await call("GET", "/settings", undefined, token);
      equal([status, body], [401, { error: "unauthorized" }], `token ${JSON.stringify(token)}`);
    }
    equal((await call("GET", "/other")).status, 404, "another path");
    equal((await call("PUT", "/settings", {})).status, 405, "another method");
  },

  async "POST applies every section and answers each one's outcome"({ call, control }) {
    await control("reset", {});
    const { status, body } = await call("POST", "/settings", {
      restrictions: { allowlist: true, blocklist: undefined },
      instance: { testMode: true, supportEmail: null },
      protect: { rulesEnabled: true, specterEnabled: false },
    });
    check(status === 200, `answered ${status}: ${JSON.stringify(body)}`);
    equal(body.sections, [
      { section: "instance", outcome: "applied" },
      { section: "restrictions", outcome: "applied" },
      { section: "protect", outcome: "applied", confirmed: true },
    ], "in the package's order; protect read again until it showed the change");
    equal(await sent(control), [
      "GET /v1/instance/protect ",
      'PATCH /v1/instance {"test_mode":true,"support_email":null}',
      'PATCH /v1/instance/restrictions {"allowlist":true}',
      'PATCH /v1/instance/protect {"rules_enabled":true}',
      "GET /v1/instance/protect ",
    ], "what Clerk received: specterEnabled was already false, so it is left out");
    const again = await call("POST", "/settings", { protect: { rulesEnabled: true, specterEnabled: false } });
    equal(again.body.sections, [{ section: "protect", outcome: "unchanged" }], "applying it again changes nothing");
    equal((await written(control)).length, 3, "and sends nothing");
  },

  async "a dry run answers the plan, key redacted, and sends nothing"({ call, control }) {
    await control("reset", {});
    const { status, body } = await call("POST", "/settings?dryRun=1", { protect: { rulesEnabled: true, specterEnabled: false }, instance: { hibp: false } });
    check(status === 200 && body.dryRun === true, `answered ${status}: ${JSON.stringify(body)}`);
    const [instance, protect] = body.sections;
    equal([protect.section, protect.changes, protect.unchanged], ["protect", [{ field: "rulesEnabled", from: false, to: true }], ["specterEnabled"]], "protect");
    equal([protect.request.method, protect.request.body], ["PATCH", '{"rules_enabled":true}'], "protect's request");
    check(protect.request.url.endsWith("/v1/instance/protect"), protect.request.url);
    equal(protect.request.headers.Authorization, "Bearer [redacted]", "the key is hidden");
    equal([instance.writeOnly, instance.request.body], [[{ field: "hibp", to: false }], '{"hibp":false}'], "instance: hibp cannot be read back");
    equal(await written(control), [], "nothing sent");
    // The plan, posted back, applies exactly it.
    const applied = await call("POST", "/settings", body);
    equal(applied.body.sections.map((s) => s.outcome), ["applied", "applied"], JSON.stringify(applied.body));
    equal(await written(control), ['PATCH /v1/instance {"hibp":false}', 'PATCH /v1/instance/protect {"rules_enabled":true}'], "what Clerk received");
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
    check(body.error.startsWith("settings.apply was not sent: 2 problems:"), body.error);
    equal(body.problems.map((p) => p.param), ["communication.blockedCountryCodes[0]", "protect.rulesEnabeld"], "problems");
    check(body.problems[0].message.includes('"KP"'), body.problems[0].message);
    check(body.problems[1].message.includes("rulesEnabled"), "the fix is suggested");
    equal(await sent(control), [], "requests");

    const unknown = await call("POST", "/settings", { instance: {}, restriction: {} });
    equal([unknown.status, unknown.body.problems?.[0]?.param], [400, "restriction"], JSON.stringify(unknown.body));
    check(unknown.body.problems[0].message.includes("did you mean `restrictions`?"), unknown.body.problems[0].message);
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
    const sections = bySection(body.sections);
    equal(sections.instance, { outcome: "applied" }, "instance");
    const { outcome, error } = sections.restrictions;
    equal([outcome, error.status, error.clerkTraceId, error.errors[0].code], ["failed", 402, "t_payment_required", "payment_required"], "restrictions");
    equal(sections.communication, { outcome: "not sent" }, "communication");
    equal(await written(control), [
      'PATCH /v1/instance {"support_email":"help@example.com"}',
      'PATCH /v1/instance/restrictions {"blocklist":true}',
    ], "communication never reached Clerk");
    equal((await control("state")).settings.support_email, "help@example.com", "the applied section is in force");

    // The first section refused: nothing applied, and the answer says so.
    await control("script", [{ method: "PATCH", path: "/v1/instance", status: 422, body: ERROR("form_param_value_invalid", "bad value") }]);
    const first = await call("POST", "/settings", { instance: { testMode: true }, protect: { rulesEnabled: true } });
    const outcomes = bySection(first.body.sections ?? []);
    equal([first.status, first.body.partial, outcomes.instance?.outcome, outcomes.protect?.outcome], [502, false, "failed", "not sent"], JSON.stringify(first.body));
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
    equal([write.status, write.body.partial, write.body.sections?.[0]?.error?.status], [502, false, 401], JSON.stringify(write.body));
    const planned = await call("POST", "/settings", { protect: { rulesEnabled: true } });
    equal([planned.status, planned.body.cause?.status], [502, 401], JSON.stringify(planned.body));
    check(planned.body.error.startsWith("nothing was sent: "), "a plan that cannot read sends nothing");
    await control("config", { secretKey: null });
  },

  async "an API that drops every connection answers 504, and a lost write is flagged"({ call, control }) {
    await control("reset", {});
    await control("script", [{ drop: "before", times: 1000 }]);
    const read = await call("GET", "/settings");
    check(read.status === 504, `GET answered ${read.status}: ${JSON.stringify(read.body)}`);
    check(Object.values(read.body.sections).every((s) => typeof s.error.message === "string" && s.error.status === undefined), "every section's error");
    // Sections the API cannot read are sent without a read first.
    const write = await call("POST", "/settings", { instance: { testMode: true }, restrictions: { allowlist: true } });
    check(write.status === 504, `POST answered ${write.status}: ${JSON.stringify(write.body)}`);
    equal(write.body.sections.map((s) => s.outcome), ["failed", "not sent"], "outcomes");
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
  equal([write.status, write.body.sections?.[0]?.outcome], [504, "failed"], JSON.stringify(write.body));
}
