// `make demo` (scripts/demo.mjs) with a secret key of its own, against the stand-in as a user's
// CLERK_API_URL: it succeeds, prints no warning or runtime debug line, and never the key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { control } from "../runtime/support.js";
import { startStandin } from "../standin/server.mjs";

test("make demo's output is clean and never holds the secret key", async () => {
  const standin = await startStandin();
  try {
    const secretKey = `sk_test_demo_${randomBytes(12).toString("hex")}`;
    await control(standin.url, "demo-test", "config", { secretKey });
    const demo = spawn(process.execPath, [new URL("../../scripts/demo.mjs", import.meta.url).pathname], {
      env: { ...process.env, CLERK_SECRET_KEY: secretKey, CLERK_API_URL: `${standin.url}/ns/demo-test` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    for (const stream of [demo.stdout, demo.stderr]) stream.on("data", (chunk) => (output += chunk));
    const code = await new Promise((resolve) => demo.on("close", resolve));
    assert.equal(code, 0, output);
    assert.ok(!output.includes(secretKey), "the key is in the demo's output");
    // wrangler's own warnings and errors reach the output as "wrangler: ..." lines.
    const noise = output.split("\n").filter((line) => /^wrangler: |\[ TEST \]|debug: |WARNING|▲/.test(line));
    assert.deepEqual(noise, [], output);
    for (const heading of ["GET /settings -> 200", "POST /settings -> 200", "POST /settings with a typo in the third section -> 400"]) {
      assert.ok(output.includes(`== ${heading}`), `${heading} in:\n${output}`);
    }
    const received = await control(standin.url, "demo-test", "requests");
    assert.ok(received.every((r) => r.headers.authorization === `Bearer ${secretKey}` && r.status < 300), "every call authenticated and answered");
    assert.equal(received.filter((r) => r.method === "PATCH").length, 4, "the four sections of the demo's change, once each");
  } finally {
    await standin.close();
  }
});
