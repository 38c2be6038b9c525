// The program of the `clerk-instance-edge/settings` cases (tests/bundlers/bundlers.test.mjs): a
// plan through a fake fetch (no network), left in `globalThis.clerkSettingsResult`, a promise.
import { createInstanceClient } from "clerk-instance-edge/settings";

async function run() {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push(`${init.method} ${String(url)}`);
    return new Response(JSON.stringify({ object: "instance_protect", rules_enabled: false, specter_enabled: true }), { status: 200, headers: { "content-type": "application/json" } });
  };
  const page = typeof window === "object" && typeof document === "object";
  const clerk = createInstanceClient({ secretKey: "sk_test_BUNDLEDSECRET0123456789", fetch, retry: false, ...(page && { dangerouslyAllowBrowser: true }) });
  const plan = await clerk.settings.plan({ protect: { rulesEnabled: true, specterEnabled: true } });
  const [protect] = plan.sections;
  return { sent, changes: protect.changes, unchanged: protect.unchanged, body: protect.request.body };
}

globalThis.clerkSettingsResult = run();
