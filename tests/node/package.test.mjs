// The npm package in Node, imported by name through its `node` export condition.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge";
import { smoke } from "../runtime/smoke.js";

test("the package works in Node against the stand-in", async () => {
  const standin = process.env.STANDIN_URL;
  assert.ok(standin, "run through tests/with-standin.mjs");
  // Installed from the tarball (tests/node/run.mjs): a real folder in node_modules, not a link to pkg/.
  assert.match(import.meta.resolve("clerk-instance-edge"), /\/node_modules\/clerk-instance-edge\/node\.js$/, "resolved through the node condition");
  // A caller-supplied fetch: a wrapper, as a proxy or a test double would be.
  const done = await smoke({ pkg, standin, runtime: "node", fetchers: { wrapped: (url, init) => fetch(url, init) } });
  assert.equal(done.length, 5);
});
