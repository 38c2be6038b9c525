// CommonJS: `require("clerk-instance-edge")` loads the ESM package (require(esm): Node 20.19+ and
// 22.12+, what `engines` says), through the `node` condition, as one module with `import`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge";

test(`require() works in Node ${process.version}, without a warning`, () => {
  const code = `const { createInstanceClient } = require("clerk-instance-edge");
const clerk = createInstanceClient({ secretKey: "sk_test_required" });
console.log(JSON.stringify({ resolved: require.resolve("clerk-instance-edge"), body: clerk.dryRun.instances.update({ hibp: false }).body }));`;
  const { status, stdout, stderr } = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  assert.equal(status, 0, stderr);
  assert.equal(stderr, "", "Node warned");
  const { resolved, body } = JSON.parse(stdout);
  assert.match(resolved, /\/node_modules\/clerk-instance-edge\/node\.js$/);
  assert.equal(body, '{"hibp":false}');
});

test("require() and import give the same module, not two copies", () => {
  const required = createRequire(import.meta.url)("clerk-instance-edge");
  assert.equal(required.createInstanceClient, pkg.createInstanceClient);
  assert.equal(required.ClerkAPIResponseError, pkg.ClerkAPIResponseError);
});
