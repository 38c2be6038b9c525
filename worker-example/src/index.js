// A Cloudflare Worker that changes Clerk instance settings: a small admin endpoint.
//
//   GET  /settings                     the current settings, section by section
//   POST /settings                     apply {"instance": {...}, "restrictions": {...}, ...}
//   POST /settings?dryRun=1            show the requests it would send instead
//
// Every request needs `Authorization: Bearer <ADMIN_TOKEN>`. Bindings: CLERK_SECRET_KEY and
// ADMIN_TOKEN (secrets), CLERK_API_URL (optional, for a proxy or a local stand-in).
import {
  ClerkInvalidParamsError,
  ClerkNetworkError,
  createInstanceClient,
  isClerkAPIResponseError,
} from "clerk-instance-edge";

/** The sections a POST body may hold, and the call each one makes. */
const SECTIONS = {
  instance: "update",
  restrictions: "updateRestrictions",
  organizationSettings: "updateOrganizationSettings",
  communication: "updateCommunication",
  protect: "updateProtect",
  oauthApplicationSettings: "updateOAuthApplicationSettings",
};

let cached;

/** One client per isolate: the options are checked once, not on every request. */
function clerk(env) {
  if (cached?.key !== env.CLERK_SECRET_KEY) {
    const client = createInstanceClient({ secretKey: env.CLERK_SECRET_KEY, apiUrl: env.CLERK_API_URL || undefined });
    cached = { key: env.CLERK_SECRET_KEY, client };
  }
  return cached.client;
}

const json = (body, status = 200) =>
  new Response(JSON.stringify(body, null, 2), { status, headers: { "content-type": "application/json" } });

/** Compares the token in constant time, so its length and prefix do not leak through timing. */
function authorized(request, env) {
  const given = new TextEncoder().encode(request.headers.get("authorization") ?? "");
  const expected = new TextEncoder().encode(`Bearer ${env.ADMIN_TOKEN}`);
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= expected[i] ^ (given[i] ?? 0);
  return Boolean(env.ADMIN_TOKEN) && difference === 0;
}

/** Maps a failure to an answer a person can act on. */
function failure(error) {
  if (error instanceof ClerkInvalidParamsError) return json({ error: error.message, problems: error.problems }, 400);
  if (isClerkAPIResponseError(error)) {
    return json({ error: error.message, status: error.status, errors: error.errors, clerkTraceId: error.clerkTraceId }, 502);
  }
  if (error instanceof ClerkNetworkError) return json({ error: error.message }, 504);
  return json({ error: String(error?.message ?? error) }, 500);
}

async function apply(request, env, dryRun) {
  let body;
  try {
    body = await request.json();
  } catch {
    return json({ error: "the body must be a JSON object of sections" }, 400);
  }
  const unknown = Object.keys(body ?? {}).filter((section) => !(section in SECTIONS));
  if (!body || typeof body !== "object" || unknown.length) {
    return json({ error: `unknown sections: ${unknown.join(", ")}; use ${Object.keys(SECTIONS).join(", ")}` }, 400);
  }
  const client = clerk(env);
  const results = {};
  for (const [section, params] of Object.entries(body)) {
    const method = SECTIONS[section];
    results[section] = dryRun ? client.dryRun.instances[method](params) : ((await client.instances[method](params)) ?? null);
  }
  return json({ dryRun, results });
}

/** The GET endpoints of the API, read in parallel; a section that fails shows its error. */
async function read(env) {
  const client = clerk(env);
  const reads = {
    instance: client.instances.get(),
    organizationSettings: client.instances.getOrganizationSettings(),
    communication: client.instances.getCommunication(),
    protect: client.instances.getProtect(),
    oauthApplicationSettings: client.instances.getOAuthApplicationSettings(),
  };
  const settled = await Promise.allSettled(Object.values(reads));
  const sections = Object.keys(reads).map((section, i) => {
    const { status, value, reason } = settled[i];
    return [section, status === "fulfilled" ? value : { error: reason.message }];
  });
  return json(Object.fromEntries(sections));
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/settings") return json({ error: "not found; use /settings" }, 404);
    if (!authorized(request, env)) return json({ error: "unauthorized" }, 401);
    try {
      if (request.method === "GET") return await read(env);
      if (request.method === "POST") return await apply(request, env, url.searchParams.has("dryRun"));
      return json({ error: "use GET or POST" }, 405);
    } catch (error) {
      return failure(error);
    }
  },
};
