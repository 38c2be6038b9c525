// Injected faults (tests/runtime/faults.js) against the package in Node, imported by name.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge";
import { faults } from "../runtime/faults.js";

// Every rejection nobody handled, from the package or its fetches; the cases check it stays empty.
const rejections = [];
process.on("unhandledRejection", (reason) => rejections.push(reason));

test("injected faults in Node: documented errors, bounded attempts and time, domain changes at most once", async (t) => {
  const standin = process.env.STANDIN_URL;
  assert.ok(standin, "run through tests/with-standin.mjs");
  const figures = await faults({ pkg, standin, runtime: "node", rejections });
  t.diagnostic(`faults (node): ${JSON.stringify(figures)}`);
  assert.equal(figures.survived, figures.injected);
  assert.equal(rejections.length, 0);
});
