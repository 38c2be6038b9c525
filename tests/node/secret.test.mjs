// The secret key (tests/runtime/secret.js) in Node: every error path, dry runs, apiUrl and
// header checks, __proto__ in answers. util.inspect shows what a logged error would.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import * as pkg from "clerk-instance-edge";
import { secret } from "../runtime/secret.js";

test("the secret key stays out of every error and dry run in Node", async (t) => {
  const standin = process.env.STANDIN_URL;
  assert.ok(standin, "run through tests/with-standin.mjs");
  const counts = await secret({ pkg, standin, runtime: "node", inspect });
  t.diagnostic(`secret (node): ${JSON.stringify(counts)}`);
});
