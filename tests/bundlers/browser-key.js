// A secret key in a browser page (issue 9, item 7), run in a real Chromium page by
// bundlers.test.mjs: refused without `dangerouslyAllowBrowser: true`, working with it, a
// publishable key named as such, and neither key ever quoted back. Leaves what it saw in
// `globalThis.clerkKeyResult`.
import { createInstanceClient } from "clerk-instance-edge";

const KEY = "sk_live_PAGECANARY0123456789";
const PUBLISHABLE = "pk_live_PAGECANARYPUBLISHABLE";

/** What `f` throws, as plain data (name, message, and whether a key shows anywhere in it). */
function thrown(f) {
  try {
    f();
    return null;
  } catch (error) {
    const text = [error.message, String(error), error.stack, JSON.stringify(error), JSON.stringify(Object.getOwnPropertyNames(error).map((k) => String(error[k])))].join("\n");
    return { name: error.name, message: error.message, quotesKey: text.includes("PAGECANARY") };
  }
}

async function run() {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ url: String(url), authorization: new Headers(init.headers).get("authorization") });
    return new Response(JSON.stringify({ object: "instance_restrictions", allowlist: true }), { status: 200 });
  };
  const page = { window: typeof window, document: typeof document };
  const refused = thrown(() => createInstanceClient({ secretKey: KEY, fetch }));
  const refusedWhenFalse = thrown(() => createInstanceClient({ secretKey: KEY, fetch, dangerouslyAllowBrowser: false }));
  const publishable = thrown(() => createInstanceClient({ secretKey: PUBLISHABLE, fetch }));
  const publishableOptedIn = thrown(() => createInstanceClient({ secretKey: PUBLISHABLE, fetch, dangerouslyAllowBrowser: true }));
  const clerk = createInstanceClient({ secretKey: KEY, fetch, dangerouslyAllowBrowser: true });
  const dryRun = clerk.dryRun.instances.updateRestrictions({ allowlist: true });
  const restrictions = await clerk.instances.updateRestrictions({ allowlist: true });
  return { page, refused, refusedWhenFalse, publishable, publishableOptedIn, optedIn: { dryRunAuthorization: dryRun.headers.Authorization, allowlist: restrictions.allowlist, sent } };
}

globalThis.clerkKeyResult = run();
