// The demo's user: it calls the worker example through a service binding, as an admin would
// with curl, and prints what came back.
const show = (title, value) => console.log(`\n== ${title}\n${typeof value === "string" ? value : JSON.stringify(value, null, 2)}`);

export default {
  async test(controller, env) {
    const call = async (method, path, body) => {
      const response = await env.EXAMPLE.fetch(`http://example${path}`, {
        method,
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    const real = env.DEMO_MODE === "real";
    const before = await call("GET", "/settings");
    show(`GET /settings -> ${before.status}`, before.body);

    // Against the real API, re-apply only values that were just read: the write path runs and
    // nothing changes. A section that could not be read is left alone (an empty blocklist, say,
    // would replace the real one).
    const changes = real ? {} : {
      instance: { testMode: true, supportEmail: null, allowedOrigins: ["https://admin.example.com"] },
      restrictions: { allowlist: true, blockDisposableEmailDomains: true, blocklist: undefined },
      organizationSettings: { maxAllowedMemberships: 25, domainsEnrollmentModes: ["automatic_invitation"] },
      communication: { blockedCountryCodes: ["KP", "IR"] },
    };
    if (real && Array.isArray(before.body.communication?.blockedCountryCodes)) {
      changes.communication = { blockedCountryCodes: before.body.communication.blockedCountryCodes };
    }
    if (real && typeof before.body.protect?.rulesEnabled === "boolean") {
      changes.protect = { rulesEnabled: before.body.protect.rulesEnabled };
    }
    if (Object.keys(changes).length === 0) {
      show("Nothing re-applied", "no section could be read, so none is written back");
      return;
    }
    show("POST /settings?dryRun=1 (what would be sent)", (await call("POST", "/settings?dryRun=1", changes)).body);
    const applied = await call("POST", "/settings", changes);
    show(`POST /settings -> ${applied.status}${real ? " (the current values, re-applied)" : ""}`, applied.body);
    const typo = await call("POST", "/settings", { instance: { testmode: true, supportEmail: "support" } });
    show(`POST /settings with a typo -> ${typo.status} (nothing sent)`, typo.body);
  },
};
