// The npm package in Deno, imported by name through its `deno` export condition, with network
// access to loopback only and read access to the wasm file only.
import * as pkg from "clerk-instance-edge";
import { smoke } from "../runtime/smoke.js";

Deno.test("the package works in Deno against the stand-in", async () => {
  const standin = Deno.env.get("STANDIN_URL");
  if (!standin) throw new Error("run through tests/with-standin.mjs");
  const entry = import.meta.resolve("clerk-instance-edge");
  if (!entry.endsWith("/deno.js")) throw new Error(`resolved ${entry}, not the deno condition`);
  const done = await smoke({ pkg, standin, runtime: "deno", fetchers: { wrapped: (url, init) => fetch(url, init) } });
  if (done.length !== 5) throw new Error(`ran ${done.length} checks`);
});
