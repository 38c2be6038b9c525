// `make demo`: the worker example under `wrangler dev`, as a user runs it (the package installed
// from its tarball into a fresh project), changing instance settings through the package. By
// default it talks to the stand-in Clerk API on loopback and prints what the API received. With
// CLERK_SECRET_KEY set (and no CLERK_API_URL) it talks to the real Clerk API, and only writes back
// values it has just read, so the demo never changes a real instance.
import { randomBytes } from "node:crypto";
import { startStandin } from "../tests/standin/server.mjs";
import { dev, exampleProject } from "./wrangler.mjs";

const real = Boolean(process.env.CLERK_SECRET_KEY) && !process.env.CLERK_API_URL;
const standin = process.env.CLERK_API_URL || real ? null : await startStandin();
const apiUrl = process.env.CLERK_API_URL || (standin ? `${standin.url}/ns/demo` : "");
const adminToken = randomBytes(16).toString("hex");

const show = (title, value) => console.log(`\n== ${title}\n${typeof value === "string" ? value : JSON.stringify(value, null, 2)}`);
const unexpected = [];

console.log(real ? "Talking to the real Clerk API (api.clerk.com)." : `Talking to ${standin ? "the stand-in Clerk API at " : ""}${apiUrl}.`);
const project = exampleProject();
let server;
try {
  server = await dev(project.dir, {
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY || "sk_test_demo_stand_in",
    ADMIN_TOKEN: adminToken,
    CLERK_API_URL: apiUrl,
  });
  show(`wrangler dev (the worker example, from ${project.dir})`, server.output().trim());
  // From here on, wrangler's log of each request would repeat the headings below, and its log
  // file goes with the project; a warning or an error is printed as it comes, without its stack.
  const routine = /^\[wrangler:info\] [A-Z]+ \/\S* \d{3} |^\s+stack: |Logs were written to/;
  server.onOutput((text) => {
    for (const line of text.replace(/\x1b\[[0-9;]*m/g, "").split("\n")) if (line.trim() && !routine.test(line)) console.log(`wrangler: ${line}`);
  });

  const call = async (method, path, body, expected) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = { status: response.status, body: await response.json() };
    if (answer.status !== expected) unexpected.push(`${method} ${path} answered ${answer.status}, not ${expected}`);
    return answer;
  };

  const before = await call("GET", "/settings", undefined, 200);
  show(`GET /settings -> ${before.status}`, before.body);

  // Against the real API, re-apply only values that were just read: the write path runs and
  // nothing changes. A section that could not be read is left alone (an empty blocklist, say,
  // would replace the real one).
  const current = before.status === 200 ? before.body : {};
  const changes = real ? {} : {
    instance: { testMode: true, supportEmail: null, allowedOrigins: ["https://admin.example.com"] },
    restrictions: { allowlist: true, blockDisposableEmailDomains: true },
    organizationSettings: { maxAllowedMemberships: 25, domainsEnrollmentModes: ["automatic_invitation"] },
    communication: { blockedCountryCodes: ["KP", "IR"] },
  };
  if (real && Array.isArray(current.communication?.blockedCountryCodes)) {
    changes.communication = { blockedCountryCodes: current.communication.blockedCountryCodes };
  }
  if (real && typeof current.protect?.rulesEnabled === "boolean") {
    changes.protect = { rulesEnabled: current.protect.rulesEnabled };
  }
  if (Object.keys(changes).length === 0) {
    show("Nothing re-applied", "no section could be read, so none is written back");
  } else {
    show("POST /settings?dryRun=1 (what would be sent)", (await call("POST", "/settings?dryRun=1", changes, 200)).body);
    const applied = await call("POST", "/settings", changes, 200);
    show(`POST /settings -> ${applied.status}${real ? " (the current values, re-applied)" : ""}`, applied.body);
  }

  const typo = await call("POST", "/settings", { instance: { testMode: false }, restrictions: { allowlist: false }, protect: { rulesEnabeld: true } }, 400);
  show(`POST /settings with a typo in the third section -> ${typo.status} (nothing sent)`, typo.body);

  if (standin) {
    // Clerk refuses the second section (as a plan without the feature would): the first stays applied.
    await fetch(`${standin.url}/__standin/demo/script`, {
      method: "POST",
      body: JSON.stringify([{ method: "PATCH", path: "/v1/instance/restrictions", status: 402, body: { errors: [{ code: "payment_required", message: "upgrade your plan", long_message: "upgrade your plan", meta: {} }] } }]),
    });
    const partial = await call("POST", "/settings", { instance: { supportEmail: "help@example.com" }, restrictions: { blocklist: true }, protect: { rulesEnabled: true } }, 502);
    show(`POST /settings when Clerk refuses the second section -> ${partial.status} (the first applied, the third not sent)`, partial.body);
  }
} finally {
  await server?.stop();
  project.dispose();
}

if (standin) {
  const received = await (await fetch(`${standin.url}/__standin/demo/requests`)).json();
  console.log("\n== What the stand-in Clerk API received");
  for (const { method, path, headers, body, status: answered } of received) {
    console.log(`${method} ${path} -> ${answered}  [${headers["user-agent"]}, Clerk-API-Version ${headers["clerk-api-version"]}]${body ? `\n    ${body}` : ""}`);
  }
  await standin.close();
}
if (unexpected.length) {
  console.error(`\nmake demo: ${unexpected.join("; ")}`);
  process.exitCode = 1;
}
