// Load (tests/runtime/load.js): 1000 concurrent updates from one Node process, twice, and the
// package's wasm memory (its `instanceStats()`) before and after.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge";
import { load } from "../runtime/load.js";

test("1000 concurrent updates from one Node process, twice, without wasm memory growth", async (t) => {
  const standin = process.env.STANDIN_URL;
  assert.ok(standin, "run through tests/with-standin.mjs");
  const figures = await load({ pkg, standin, runtime: "node" });
  t.diagnostic(`load (node): ${JSON.stringify(figures)}`);
});
