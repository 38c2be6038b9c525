// A Cloudflare Worker that changes Clerk instance settings: a small admin endpoint.
//
//   GET  /settings                     the current settings, section by section
//   POST /settings                     apply {"instance": {...}, "restrictions": {...}, ...}
//   POST /settings?dryRun=1            show the requests it would send instead
//
// Every request needs `Authorization: Bearer <ADMIN_TOKEN>`. Bindings: CLERK_SECRET_KEY and
// ADMIN_TOKEN (secrets), CLERK_API_URL (optional, for a proxy or a local stand-in). The answers
// and their statuses are listed in README.md.
import {
  ClerkInvalidOptionsError,
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

/** The sections GET reads, and the call for each. */
const READS = {
  instance: "get",
  organizationSettings: "getOrganizationSettings",
  communication: "getCommunication",
  protect: "getProtect",
  oauthApplicationSettings: "getOAuthApplicationSettings",
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

/** What a person needs of a failed call: the message, and Clerk's status, errors and trace ID. */
function describe(error) {
  if (isClerkAPIResponseError(error)) {
    return { message: error.message, status: error.status, errors: error.errors, clerkTraceId: error.clerkTraceId };
  }
  return { message: String(error?.message ?? error) };
}

/** 504 when Clerk could not be reached or did not answer in time; 502 when it answered with an error. */
const gatewayStatus = (error) => (error instanceof ClerkNetworkError ? 504 : 502);

const list = (names) => names.join(", ") || "none";

async function apply(request, env, dryRun) {
  let body;
  try {
    body = await request.json();
  } catch {
    body = undefined;
  }
  const known = Object.keys(SECTIONS).join(", ");
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return json({ error: `the body must be a JSON object of sections: ${known}` }, 400);
  }
  const names = Object.keys(body);
  const unknown = names.filter((section) => !Object.hasOwn(SECTIONS, section));
  if (unknown.length || !names.length) {
    return json({ error: `${unknown.length ? `unknown sections: ${list(unknown)}` : "no section"}; use ${known}` }, 400);
  }

  // Every section is checked before any is sent: a typo in the last section must not leave the
  // first ones applied. The dry run validates exactly as the call would, and sends nothing.
  const client = clerk(env);
  const requests = {};
  const problems = {};
  for (const section of names) {
    try {
      requests[section] = client.dryRun.instances[SECTIONS[section]](body[section]);
    } catch (error) {
      if (!(error instanceof ClerkInvalidParamsError)) throw error;
      problems[section] = error.problems;
    }
  }
  const invalid = Object.keys(problems);
  if (invalid.length) {
    const sections = Object.fromEntries(names.map((s) => [s, { outcome: "not sent", ...(problems[s] && { problems: problems[s] }) }]));
    return json({ error: `invalid params in ${list(invalid)}; nothing was sent`, sections }, 400);
  }
  if (dryRun) {
    return json({ dryRun: true, sections: Object.fromEntries(names.map((s) => [s, { outcome: "not sent", request: requests[s] }])) });
  }

  // One at a time, in the body's order, stopping at the first failure: the answer then says
  // exactly which sections are in force. Each section is a PATCH, so repeating the whole request
  // after a failure sets the applied ones to the same values again.
  const sections = Object.fromEntries(names.map((s) => [s, { outcome: "not sent" }]));
  for (const [index, section] of names.entries()) {
    try {
      const result = await client.instances[SECTIONS[section]](body[section]);
      sections[section] = { outcome: "applied", result: result ?? null };
    } catch (error) {
      sections[section] = { outcome: "failed", error: describe(error) };
      const applied = names.slice(0, index);
      // A lost answer does not prove that the change was lost too.
      const lost = error instanceof ClerkNetworkError ? " (its answer was lost, so it may be in force: GET /settings tells)" : "";
      return json(
        {
          error: `${section} failed${lost}; applied before it: ${list(applied)}; not sent: ${list(names.slice(index + 1))}`,
          partial: applied.length > 0,
          sections,
        },
        gatewayStatus(error),
      );
    }
  }
  return json({ sections });
}

/** The GET endpoints of the API, read in parallel; a section that fails shows its error. */
async function read(env) {
  const client = clerk(env);
  const names = Object.keys(READS);
  const settled = await Promise.allSettled(names.map((section) => client.instances[READS[section]]()));
  const failures = settled.filter(({ status }) => status === "rejected").map(({ reason }) => reason);
  const sections = Object.fromEntries(
    settled.map(({ status, value, reason }, i) => [names[i], status === "fulfilled" ? value : { error: describe(reason) }]),
  );
  if (failures.length === names.length) {
    // Nothing read: Clerk refused every call (a wrong or revoked key, say), or could not be reached.
    const cause = failures.find((error) => !(error instanceof ClerkNetworkError)) ?? failures[0];
    return json({ error: `no section could be read: ${cause.message}`, cause: describe(cause), sections }, gatewayStatus(cause));
  }
  return json(sections);
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
      // The Worker's own configuration (CLERK_SECRET_KEY missing or malformed), or a bug.
      const configuration = error instanceof ClerkInvalidOptionsError;
      return json({ error: `${configuration ? "the Worker's configuration: " : ""}${error?.message ?? error}` }, 500);
    }
  },
};
