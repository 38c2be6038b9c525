// The package in Bun (npm `bun`, the version package.json pins), installed from its tarball and
// imported by name through its `bun` condition; run by tests/bun/run.mjs with the stand-in.
import * as pkg from "clerk-instance-edge";
import { smoke } from "./tests/runtime/smoke.js";

const entry = import.meta.resolve("clerk-instance-edge");
if (!entry.endsWith("/node_modules/clerk-instance-edge/bun.js")) throw new Error(`resolved ${entry}, not the bun condition`);
// require() takes the same module, not a second copy.
if (require("clerk-instance-edge").createInstanceClient !== pkg.createInstanceClient) throw new Error("require() gave another copy");
const done = await smoke({ pkg, standin: process.env.STANDIN_URL, runtime: "bun", fetchers: { wrapped: (url, init) => fetch(url, init) } });
if (done.length !== 5) throw new Error(`ran ${done.length} checks`);
console.log(`ok    Bun ${Bun.version}: ${entry.replace(/.*\/node_modules\//, "")}: ${done.join("; ")}`);
