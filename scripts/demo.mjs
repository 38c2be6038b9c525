// `make demo`: the worker example, built from this crate, runs in workerd and changes instance
// settings. By default it talks to the stand-in Clerk API on loopback and prints what the API
// received. With CLERK_SECRET_KEY set (and no CLERK_API_URL) it talks to the real Clerk API, and
// only re-applies the current values, so the demo never changes a real instance.
import { startStandin } from "../tests/standin/server.mjs";
import { runWorkerd } from "./workerd.mjs";

const real = Boolean(process.env.CLERK_SECRET_KEY) && !process.env.CLERK_API_URL;
const standin = process.env.CLERK_API_URL ? null : real ? null : await startStandin();
const apiUrl = process.env.CLERK_API_URL || (standin ? `${standin.url}/ns/demo` : "");
const here = (file) => new URL(file, import.meta.url).pathname;

console.log(real ? "Talking to the real Clerk API (api.clerk.com)." : `Talking to ${standin ? "the stand-in Clerk API at " : ""}${apiUrl}.`);
const status = await runWorkerd({
  workers: [
    {
      name: "example",
      entry: here("../worker-example/src/index.js"),
      bindings: { CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY || "sk_test_demo_stand_in", ADMIN_TOKEN: "demo-admin-token", CLERK_API_URL: apiUrl },
    },
    { name: "driver", entry: here("demo-driver.js"), bindings: { EXAMPLE: { service: "example" }, ADMIN_TOKEN: "demo-admin-token", DEMO_MODE: real ? "real" : "local" } },
  ],
  internet: real || Boolean(process.env.CLERK_API_URL),
});

if (standin) {
  const received = await (await fetch(`${standin.url}/__standin/demo/requests`)).json();
  console.log("\n== What the stand-in Clerk API received");
  for (const { method, path, headers, body, status: answered } of received) {
    console.log(`${method} ${path} -> ${answered}  [${headers["user-agent"]}, Clerk-API-Version ${headers["clerk-api-version"]}]${body ? `\n    ${body}` : ""}`);
  }
  await standin.close();
}
process.exitCode = status;
