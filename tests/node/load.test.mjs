// Load (tests/runtime/load.js): 1000 concurrent updates from one Node process, twice, and the
// package's wasm memory before and after.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge";
import { load } from "../runtime/load.js";

// The glue the package itself imports, by the same URL, so this is the same module instance.
const { initSync } = await import(new URL("clerk_instance_edge.js", import.meta.resolve("clerk-instance-edge")));

test("1000 concurrent updates from one Node process, twice, without wasm memory growth", async (t) => {
  const standin = process.env.STANDIN_URL;
  assert.ok(standin, "run through tests/with-standin.mjs");
  // Called again, initSync returns the exports of the instance already made; a second, fresh
  // copy of the glue would try to compile a module from nothing and throw.
  const figures = await load({ pkg, standin, runtime: "node", wasm: () => initSync() });
  t.diagnostic(`load (node): ${JSON.stringify(figures)}`);
});
