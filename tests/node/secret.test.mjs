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

// A key that does not look like one (no sk_live_/sk_test_ prefix, which messages never quote)
// can still sit at the end of a value or key that a message quotes cut short: the cut must not
// leave its first characters there, in params, call options and their keys alike.
test("no message quotes the start of a key that a cut excerpt would keep", async () => {
  const key = "Qz9KwXv7Jt2Lm4Np8Rs6";
  const start = key.slice(0, 2);
  const clerk = pkg.createInstanceClient({ secretKey: key, fetch: async () => new Response(null, { status: 204 }) });
  // Quoted values keep 60 characters and keys 100: pads that end the kept part 1 to 5 characters into the key.
  for (let inside = 1; inside <= 5; inside++) {
    const value = "A".repeat(60 - inside) + key;
    const name = "a".repeat(100 - inside) + key;
    const calls = {
      "a param's value": () => clerk.instances.update({ testMode: value }),
      "a call option's value": () => clerk.instances.update({ testMode: true }, { signal: value }),
      "a param's key": () => clerk.instances.update({ [name]: true }),
      "a call option's key": () => clerk.instances.update({ testMode: true }, { [name]: true }),
    };
    for (const [what, call] of Object.entries(calls)) {
      const error = await call().then(() => undefined, (thrown) => thrown);
      assert.equal(error?.name, "ClerkInvalidParamsError", `${what}, ${inside}: ${error?.message}`);
      assert.ok(!inspect(error, { depth: 8, showHidden: true }).includes(start), `${what}, ${inside} characters in: ${error.message}`);
    }
  }
});
