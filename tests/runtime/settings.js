// Settings as code against the stand-in: `clerk.settings.plan`, `apply` and the list edits, as a
// user calls them. Node (tests/node/settings.test.mjs) and workerd (tests/workerd/settings.test.js)
// run the same cases; each case has its own namespace, and checks what the stand-in received.
import { check, control, equal, namespace, timed } from "./support.js";

const KEY = "sk_test_SETTINGS0123456789";
const ERROR = (code, message) => ({ errors: [{ code, message, long_message: message, meta: {} }], clerk_trace_id: `t_${code}` });

/** Every field of every section, set: what a full settings file manages. */
export const FULL_DOCUMENT = {
  $schema: "./node_modules/clerk-instance-edge/settings.schema.json",
  instance: {
    testMode: true, hibp: true, supportEmail: "help@example.com", clerkJsVersion: "5", developmentOrigin: "http://localhost:3000",
    allowedOrigins: ["https://app.example.com"], cookielessDev: false, urlBasedSessionSyncing: true,
    preferredSignInStrategyWhenPasswordRequired: "password", enhancedEmailDeliverability: false,
  },
  restrictions: {
    allowlist: false, blocklist: true, allowlistBlocklistDisabledOnSignIn: false, blockEmailSubaddresses: true,
    blockDisposableEmailDomains: true, ignoreDotsForGmailAddresses: false,
  },
  organizationSettings: {
    enabled: true, maxAllowedMemberships: 10, adminDeleteEnabled: true, domainsEnabled: true, slugDisabled: false,
    domainsEnrollmentModes: ["automatic_invitation"], creatorRoleId: "rol_standin_admin", domainsDefaultRoleId: "rol_standin_member",
  },
  communication: { blockedCountryCodes: ["KP", "CU"] },
  protect: { rulesEnabled: true, specterEnabled: false },
  oauthApplicationSettings: {
    dynamicOauthClientRegistration: true, defaultScopes: ["openid", "email"], oauthJwtAccessTokens: true,
    clientIdMetadataDocumentsAdvertised: false, clientIdMetadataDocumentsOnlyAllowPreRegisteredClients: false,
    clientIdMetadataDocumentsBlockImplicitlyAllowedClients: false,
  },
  instanceSettings: {
    restrictedToAllowlist: false, fromEmailAddress: "hello", progressiveSignUp: true, testMode: true,
    sessionTokenTemplate: "", enhancedEmailDeliverability: false,
  },
};

/** `METHOD path` of each request the namespace received (with the body for writes). */
const sent = async (standin, ns) =>
  (await control(standin, ns, "requests")).map(({ method, path, body }) => (method === "GET" ? `GET ${path}` : `${method} ${path} ${body}`));
const writes = (lines) => lines.filter((line) => !line.startsWith("GET"));

function cases(pkg) {
  return {
    async "a plan sorts fields into changed, unchanged and write-only, with the exact request, and sends nothing"({ clerk, requests }) {
      const plan = await clerk.settings.plan({
        protect: { rulesEnabled: false, specterEnabled: true },
        instance: { allowedOrigins: ["https://app.example.com"], testMode: false },
        organizationSettings: { maxAllowedMemberships: 5, enabled: true, creatorRoleId: "rol_standin_admin" },
        restrictions: { allowlist: true },
      });
      equal(plan.sections.map((s) => s.section), ["instance", "restrictions", "organizationSettings", "protect"], "apply order");
      const [instance, restrictions, organization, protect] = plan.sections;
      equal(instance.changes, [{ field: "allowedOrigins", from: [], to: ["https://app.example.com"] }], "instance changes");
      equal(instance.writeOnly, [{ field: "testMode", to: false }], "write-only: the API cannot read testMode");
      equal(instance.request.body, '{"test_mode":false,"allowed_origins":["https://app.example.com"]}', "instance body");
      equal(instance.params, { testMode: false, allowedOrigins: ["https://app.example.com"] }, "instance params");
      equal([restrictions.changes, restrictions.unchanged, restrictions.writeOnly], [[], [], [{ field: "allowlist", to: true }]], "restrictions have no read");
      equal(organization.unchanged, ["maxAllowedMemberships"], "organization unchanged");
      equal(organization.changes, [{ field: "enabled", from: false, to: true }], "organization changes");
      equal(organization.writeOnly, [{ field: "creatorRoleId", to: "rol_standin_admin" }], "creator_role is not creator_role_id");
      equal(organization.request.body, '{"enabled":true,"creator_role_id":"rol_standin_admin"}', "the unchanged field is left out");
      equal([protect.unchanged, protect.changes], [["rulesEnabled"], [{ field: "specterEnabled", from: false, to: true }]], "protect");
      equal(protect.request.headers.Authorization, "Bearer [redacted]", "the key is redacted");
      check(!JSON.stringify(plan).includes(KEY), "no key anywhere in the plan");
      equal(JSON.parse(JSON.stringify(plan)), plan, "JSON-serialisable");
      equal((await requests()).sort(), ["GET /v1/instance", "GET /v1/instance/organization_settings", "GET /v1/instance/protect"], "reads only, none for restrictions");
    },

    async "null in a plan: unchanged against null, sent against a value"({ clerk, requests, control }) {
      await clerk.instances.updateOAuthApplicationSettings({ defaultScopes: ["openid"] });
      await control("script", [{ method: "GET", path: "/v1/instance/protect", body: { object: "instance_protect", rules_enabled: null, specter_enabled: true } }]);
      const plan = await clerk.settings.plan({ protect: { rulesEnabled: null, specterEnabled: null }, oauthApplicationSettings: { defaultScopes: null } });
      const [protect, oauth] = plan.sections;
      equal([protect.unchanged, protect.changes], [["rulesEnabled"], [{ field: "specterEnabled", from: true, to: null }]], "protect");
      equal(protect.request.body, '{"specter_enabled":null}', "null is sent as null");
      equal(oauth.changes, [{ field: "defaultScopes", from: ["openid"], to: null }], "defaultScopes: null resets");
      await clerk.settings.apply(plan);
      equal((await control("state")).oauth.default_scopes, ["openid", "profile", "email"], "reset to Clerk's defaults");
      const again = await clerk.settings.plan({ oauthApplicationSettings: { defaultScopes: null } });
      equal(again.sections[0].request?.body, '{"default_scopes":null}', "sent again by every apply: the read shows the defaults, not null");
      check((await requests()).length > 0, "requests");
    },

    async "every problem at once, and nothing read or sent"({ clerk, requests }) {
      const error = await clerk.settings
        .plan({
          instance: { allowedOrigins: [], testmode: true },
          communication: { blockedCountryCodes: ["kp"] },
          protect: null,
          organisationSettings: {},
          oauthApplicationSettings: "yes",
        })
        .then(() => null, (e) => e);
      check(error instanceof pkg.ClerkInvalidParamsError, `rejects with ClerkInvalidParamsError, not ${error}`);
      equal(error.problems.map((p) => p.param), [
        "instance.testmode", "instance.allowedOrigins", "communication.blockedCountryCodes[0]", "protect", "oauthApplicationSettings", "organisationSettings",
      ], "every problem, named section.param, in apply order, then the keys that name no section");
      check(error.problems[0].message.includes("did you mean `testMode`?"), error.problems[0].message);
      check(error.problems[2].message.includes('(use "KP")'), error.problems[2].message);
      check(error.problems[5].message.includes("did you mean `organizationSettings`?"), error.problems[5].message);
      check(error.message.startsWith("settings.plan was not sent: 6 problems:"), error.message);
      const refused = await clerk.settings.apply({ protect: { rulesEnabled: 1 } }, { verify: { reads: 0 } }).then(() => null, (e) => e);
      equal(refused?.problems?.map((p) => p.param), ["verify.reads", "protect.rulesEnabled"], "apply checks its options and the document first");
      for (const bad of [undefined, null, [], "x"]) {
        const e = await clerk.settings.plan(bad).then(() => null, (e) => e);
        check(e instanceof pkg.ClerkInvalidParamsError && e.problems[0].param === "settings", `plan(${JSON.stringify(bad)}): ${e}`);
      }
      equal(await requests(), [], "nothing read or sent");
    },

    async "apply sends in order, then a second apply sends nothing for readable sections"({ clerk, requests }) {
      const document = {
        communication: { blockedCountryCodes: ["KP", "CU"] },
        instance: { allowedOrigins: ["https://app.example.com", "https://admin.example.com"] },
        protect: { rulesEnabled: true },
        oauthApplicationSettings: { oauthJwtAccessTokens: true, defaultScopes: ["email", "openid"] },
        organizationSettings: { enabled: true, domainsEnrollmentModes: ["automatic_suggestion"] },
      };
      const first = await clerk.settings.apply(document);
      equal(first.sections.map((s) => `${s.section} ${s.outcome}`), [
        "instance applied", "organizationSettings applied", "communication applied", "protect applied", "oauthApplicationSettings applied",
      ], "first apply");
      equal(writes(await requests()).map((line) => line.split(" ")[1]), [
        "/v1/instance", "/v1/instance/organization_settings", "/v1/instance/communication", "/v1/instance/protect", "/v1/instance/oauth_application_settings",
      ], "written in apply order, not the document's");
      const before = (await requests()).length;
      const second = await clerk.settings.apply(document);
      check(second.ok && second.sections.every((s) => s.outcome === "unchanged"), JSON.stringify(second));
      const lines = (await requests()).slice(before);
      equal(writes(lines), [], "no PATCH for readable sections");
      equal(lines.length, 5, "five reads");
    },

    async "a full document: how many requests a plan and an idempotent re-apply make"({ clerk, requests, figures }) {
      const first = await clerk.settings.apply(FULL_DOCUMENT);
      check(first.ok, JSON.stringify(first));
      const afterFirst = (await requests()).length;
      const plan = await clerk.settings.plan(FULL_DOCUMENT);
      const afterPlan = (await requests()).length;
      const report = await clerk.settings.apply(plan);
      const reapply = (await requests()).slice(afterPlan);
      figures.planRequests = afterPlan - afterFirst;
      figures.reapplyRequests = reapply.length;
      equal(figures.planRequests, 5, "a plan reads the five readable sections");
      equal(plan.sections.filter((s) => s.request).map((s) => s.section), ["instance", "restrictions", "organizationSettings", "instanceSettings"], "only sections with write-only fields send");
      equal(plan.sections.find((s) => s.section === "communication").unchanged, ["blockedCountryCodes"], "communication");
      equal(reapply.map((line) => line.split(" ").slice(0, 2).join(" ")), [
        "PATCH /v1/instance", "PATCH /v1/instance/restrictions", "PATCH /v1/instance/organization_settings", "PATCH /v1/beta_features/instance_settings",
      ], "an idempotent re-apply of a full document");
      check(reapply[0].endsWith('"preferred_sign_in_strategy_when_password_required":"password","enhanced_email_deliverability":false}'), reapply[0]);
      check(!reapply[0].includes("allowed_origins"), "the readable allowedOrigins is left out");
      equal(report.sections.map((s) => s.outcome), ["applied", "applied", "applied", "unchanged", "unchanged", "unchanged", "applied"], "outcomes");
    },

    async "a failure midway leaves the rest not sent"({ clerk, requests, control }) {
      await control("script", [{ method: "PATCH", path: "/v1/instance/restrictions", status: 402, body: ERROR("payment_required", "upgrade your plan") }]);
      const report = await clerk.settings.apply({
        protect: { rulesEnabled: true },
        instance: { supportEmail: "help@example.com" },
        restrictions: { blocklist: true },
        communication: { blockedCountryCodes: ["KP"] },
      });
      equal(report.ok, false, "ok");
      equal(report.sections.map((s) => s.outcome), ["applied", "failed", "not sent", "not sent"], "outcomes");
      const { error } = report.sections[1];
      check(pkg.isClerkAPIResponseError(error) && error.status === 402 && error.errors[0].code === "payment_required", `the error: ${error}`);
      equal(writes(await requests()), [
        'PATCH /v1/instance {"support_email":"help@example.com"}',
        'PATCH /v1/instance/restrictions {"blocklist":true}',
      ], "nothing after the failure");
    },

    async "a plan survives JSON, and a plan edited by hand is checked before anything is sent"({ clerk, requests }) {
      const plan = JSON.parse(JSON.stringify(await clerk.settings.plan({ protect: { rulesEnabled: true }, communication: { blockedCountryCodes: ["CU"] } })));
      const reads = (await requests()).length;
      plan.sections[1].params.rulesEnabled = "yes";
      const error = await clerk.settings.apply(plan).then(() => null, (e) => e);
      equal(error?.problems?.map((p) => p.param), ["protect.rulesEnabled"], "the edited section");
      plan.sections[1].params.rulesEnabled = true;
      plan.sections.push({ section: "domain", params: { homeUrl: "https://evil.example" } });
      const domain = await clerk.settings.apply(plan).then(() => null, (e) => e);
      check(domain?.problems?.[0]?.message.includes("is not a section of the settings"), `a domain change is no section: ${domain}`);
      equal((await requests()).length, reads, "nothing sent");
      plan.sections.pop();
      const report = await clerk.settings.apply(plan);
      equal(report.sections.map((s) => s.outcome), ["applied", "applied"], "applied");
      equal(writes((await requests()).slice(reads)), ['PATCH /v1/instance/communication {"blocked_country_codes":["CU"]}', 'PATCH /v1/instance/protect {"rules_enabled":true}'], "sent");
      const empty = await clerk.settings.apply({ sections: [{ section: "protect", params: { rulesEnabled: undefined } }, { section: "communication", params: null }] });
      equal(empty.sections, [{ section: "communication", outcome: "unchanged" }, { section: "protect", outcome: "unchanged" }], "params that set nothing send nothing");
      equal(writes((await requests()).slice(reads)).length, 2, "no more writes");
    },

    async "verify rides out stale reads"({ clerk, requests, control }) {
      await control("config", { staleReadsMs: 1000 });
      const report = await clerk.settings.apply({ protect: { rulesEnabled: true }, restrictions: { allowlist: true } }, { verify: { reads: 20, waitMs: 200 } });
      equal(report.sections, [
        { section: "restrictions", outcome: "applied" },
        { section: "protect", outcome: "applied", confirmed: true },
      ], "confirmed after stale reads; restrictions cannot be read");
      const reads = (await requests()).filter((line) => line === "GET /v1/instance/protect").length;
      check(reads >= 1 + 2 && reads <= 1 + 20, `read ${reads} times: the plan's read, at least one stale read, the confirming one, within the bound`);
    },

    async "verify gives up within its bound and says which fields are stale"({ clerk, requests, control }) {
      await control("config", { staleReadsMs: 60_000 });
      const { value: report, ms } = await timed(() => clerk.settings.apply({ protect: { rulesEnabled: true, specterEnabled: null } }, { verify: { reads: 3, waitMs: 50 } }));
      equal(report.sections, [{ section: "protect", outcome: "applied", confirmed: false, stale: ["rulesEnabled"] }], "stale; a null is not checked");
      equal(report.ok, true, "the write was made");
      equal((await requests()).filter((line) => line === "GET /v1/instance/protect").length, 3 + 1, "the plan's read and three more");
      check(ms >= 100 && ms < 100 + 2000, `two waits of 50 ms, then gave up (${ms} ms)`);
    },

    async "list edits keep every other entry, write only when something changes, and check new entries"({ clerk, requests }) {
      const first = await clerk.settings.addAllowedOrigins(["https://a.example", "https://b.example"]);
      equal([first.before, first.after, first.written, first.confirmed], [[], ["https://a.example", "https://b.example"], true, true], "first");
      const added = await clerk.settings.addAllowedOrigins(["https://c.example", "https://a.example"]);
      equal([added.after, added.changed, added.unchanged], [["https://a.example", "https://b.example", "https://c.example"], ["https://c.example"], ["https://a.example"]], "every other origin kept, in order");
      const count = (await requests()).length;
      const none = await clerk.settings.addAllowedOrigins(["https://b.example"]);
      equal([none.written, none.changed, "confirmed" in none], [false, [], false], "a no-op");
      equal((await requests()).slice(count), ["GET /v1/instance"], "no write when nothing changes");
      const invalid = await clerk.settings.addAllowedOrigins(["https://d.example", "https://e.example/path", 3]).then(() => null, (e) => e);
      equal(invalid?.problems?.map((p) => p.param), ["origins[2]"], "a non-string first");
      const path = await clerk.settings.addAllowedOrigins(["https://e.example/path"]).then(() => null, (e) => e);
      check(path?.problems?.[0]?.message.includes('(use "https://e.example")'), `${path}`);
      equal((await requests()).length, count + 1, "nothing read when an entry is invalid");
      const removed = await clerk.settings.removeAllowedOrigins(["https://a.example", "https://c.example", "https://z.example"], { verify: false });
      equal([removed.after, removed.changed, removed.unchanged, "confirmed" in removed], [["https://b.example"], ["https://a.example", "https://c.example"], ["https://z.example"], false], "removed");
      const last = await clerk.settings.removeAllowedOrigins(["https://b.example"]).then(() => null, (e) => e);
      check(last instanceof pkg.ClerkInvalidParamsError && last.message.includes("ignores an empty list"), `removing the last origin: ${last}`);

      const blocked = await clerk.settings.blockCountries(["KP", "CU"]);
      const more = await clerk.settings.blockCountries(["IR", "KP"]);
      equal([blocked.after, more.after], [["KP", "CU"], ["KP", "CU", "IR"]], "blocked");
      const lower = await clerk.settings.blockCountries(["ir"]).then(() => null, (e) => e);
      check(lower?.message.includes('(use "IR")'), `${lower}`);
      const unblocked = await clerk.settings.unblockCountries(["KP", "CU", "IR"]);
      equal(unblocked.after, [], "a country list can be emptied");
      equal(writes(await requests()), [
        'PATCH /v1/instance {"allowed_origins":["https://a.example","https://b.example"]}',
        'PATCH /v1/instance {"allowed_origins":["https://a.example","https://b.example","https://c.example"]}',
        'PATCH /v1/instance {"allowed_origins":["https://b.example"]}',
        'PATCH /v1/instance/communication {"blocked_country_codes":["KP","CU"]}',
        'PATCH /v1/instance/communication {"blocked_country_codes":["KP","CU","IR"]}',
        'PATCH /v1/instance/communication {"blocked_country_codes":[]}',
      ], "every write");
    },

    async "a list edit confirms through stale reads"({ clerk, requests, control }) {
      await control("config", { staleReadsMs: 1000 });
      const report = await clerk.settings.blockCountries(["KP"], { verify: { reads: 20, waitMs: 200 } });
      equal([report.written, report.confirmed], [true, true], JSON.stringify(report));
      check((await requests()).filter((line) => line.startsWith("GET")).length >= 3, "read again until the list showed");
    },

    async "an aborted apply reports what was sent"({ clerk, requests, control }) {
      await control("script", [{ method: "PATCH", path: "/v1/instance/protect", delayMs: 3000 }]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("stopped")), 700);
      const report = await clerk.settings.apply({ instance: { hibp: true }, protect: { rulesEnabled: true }, oauthApplicationSettings: { oauthJwtAccessTokens: true } }, { signal: controller.signal });
      equal(report.sections.map((s) => s.outcome), ["applied", "failed", "not sent"], "outcomes");
      equal(report.sections[1].error?.message, "stopped", "the signal's reason");
      equal(writes(await requests()).length, 2, "nothing after the abort");
    },
  };
}

/** Runs every case in its own namespace; answers figures for the log (the request counts). */
export async function settings({ pkg, standin, runtime }) {
  const figures = { cases: 0 };
  for (const [name, run] of Object.entries(cases(pkg))) {
    const ns = `${runtime}-settings-${figures.cases}`;
    const apiUrl = await namespace(standin, ns);
    const clerk = pkg.createInstanceClient({ secretKey: KEY, apiUrl, timeoutMs: 5000, retry: { maxAttempts: 2, maxDelayMs: 50 } });
    const context = {
      clerk, standin, ns, figures,
      requests: () => sent(standin, ns),
      control: (action, body) => control(standin, ns, action, body),
    };
    try {
      await run(context);
    } catch (error) {
      throw new Error(`settings: ${name}: ${error.message}`);
    }
    figures.cases++;
  }
  return figures;
}
