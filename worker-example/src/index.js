// A Cloudflare Worker that changes Clerk instance settings: a small admin endpoint, settings as
// code.
//
//   GET  /settings                     the current settings, section by section
//   POST /settings                     apply a settings document {"instance": {...}, "protect": {...}, ...}
//                                      (or a plan that a dry run answered)
//   POST /settings?dryRun=1            the plan: what would change, what is already so, the requests
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
} from "clerk-instance-edge/settings";

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
  if (!body || typeof body !== "object" || Array.isArray(body) || !Object.keys(body).length) {
    return json({ error: "the body must be a JSON object of settings sections (instance, restrictions, organizationSettings, communication, protect, oauthApplicationSettings, instanceSettings), or a plan" }, 400);
  }

  // The package checks every section before it reads or sends anything: a typo in the last
  // section must not leave the first ones applied.
  const client = clerk(env);
  let answer;
  try {
    answer = dryRun ? await client.settings.plan(body) : await client.settings.apply(body, { verify: true });
  } catch (error) {
    if (error instanceof ClerkInvalidParamsError) return json({ error: `${error.message}`, problems: error.problems }, 400);
    // A read failed while planning: nothing was sent.
    if (error instanceof ClerkNetworkError || isClerkAPIResponseError(error)) {
      return json({ error: `nothing was sent: ${error.message}`, cause: describe(error) }, gatewayStatus(error));
    }
    throw error;
  }
  if (dryRun) return json({ dryRun: true, ...answer });

  // Sent one at a time, in the package's order, stopping at the first failure: the answer then
  // says exactly which sections are in force.
  const sections = answer.sections.map(({ error, ...outcome }) => (error === undefined ? outcome : { ...outcome, error: describe(error) }));
  const failed = answer.sections.findIndex(({ outcome }) => outcome === "failed");
  if (failed < 0) return json({ sections });
  const { section, error } = answer.sections[failed];
  const applied = answer.sections.filter(({ outcome }) => outcome === "applied").map((s) => s.section);
  const notSent = answer.sections.filter(({ outcome }) => outcome === "not sent").map((s) => s.section);
  // A lost answer does not prove that the change was lost too.
  const lost = error instanceof ClerkNetworkError ? " (its answer was lost, so it may be in force: GET /settings tells)" : "";
  return json(
    { error: `${section} failed${lost}; applied before it: ${list(applied)}; not sent: ${list(notSent)}`, partial: applied.length > 0, sections },
    gatewayStatus(error),
  );
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
