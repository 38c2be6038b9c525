// The program each bundler bundles (tests/bundlers/bundlers.test.mjs): it imports the package by
// name, makes a dry run and two calls through a fake fetch (no network), and leaves what it saw
// in `globalThis.clerkBundleResult`, a promise, so that Node and a Chromium page read it the same
// way whatever the bundle's format (no top-level await: CommonJS and IIFE bundles too).
import { createInstanceClient, isClerkAPIResponseError } from "clerk-instance-edge";

const KEY = "sk_test_BUNDLEDSECRET0123456789";

async function run() {
  const sent = [];
  const answers = [
    new Response(null, { status: 204 }),
    new Response(JSON.stringify({ object: "instance_restrictions", allowlist: true, blocklist: false }), { status: 200, headers: { "content-type": "application/json" } }),
    new Response(JSON.stringify({ errors: [{ code: "form_param_format_invalid", message: "is invalid" }], clerk_trace_id: "trace_bundle" }), { status: 422 }),
  ];
  const fetch = async (url, init) => {
    sent.push({ url: String(url), method: init.method, authorization: new Headers(init.headers).get("authorization"), body: init.body ?? null });
    return answers.shift();
  };
  // A page is a browser: the secret key needs the caller's explicit opt-in there.
  const page = typeof window === "object" && typeof document === "object";
  const clerk = createInstanceClient({ secretKey: KEY, fetch, retry: false, ...(page && { dangerouslyAllowBrowser: true }) });
  const dryRun = clerk.dryRun.instances.update({ testMode: true, supportEmail: null });
  const updated = await clerk.instances.update({ testMode: true, supportEmail: null });
  const restrictions = await clerk.instances.updateRestrictions({ allowlist: true });
  const error = await clerk.instances.get().then(() => null, (e) => e);
  return {
    dryRun: { body: dryRun.body, authorization: dryRun.headers.Authorization },
    updated: updated === undefined ? "undefined" : updated,
    allowlist: restrictions.allowlist,
    error: { api: isClerkAPIResponseError(error), status: error?.status, trace: error?.clerkTraceId },
    sent,
  };
}

globalThis.clerkBundleResult = run();
