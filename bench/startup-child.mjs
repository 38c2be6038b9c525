// One start-up inside V8, in a fresh Node process: what a cold isolate pays for a minimal Worker
// bundled as wrangler does, without workerd's process start-up around it. Prints JSON:
// { compileMs, evaluateMs, firstCallMs, totalMs }: compiling the .wasm (ours only), evaluating the
// bundle, and its first call up to the moment the request is handed to fetch (which includes
// instantiating the module).
// `node startup-child.mjs <bundle.mjs> [<module.wasm>]`
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [bundle, wasm] = process.argv.slice(2);
const bytes = wasm ? readFileSync(wasm) : undefined;
// Node loads some of its web globals lazily, on first use (fetch's Request, Response and Headers,
// AbortController, the encoders): load them before the clock starts, so that neither client pays
// for what a Worker's runtime has built in.
new Response(new Request("http://warm/").headers.get("x"));
new AbortController().signal.aborted;
new TextDecoder().decode(new TextEncoder().encode("warm"));
let handed;
globalThis.fetch = async () => {
  handed ??= performance.now();
  return new Response(null, { status: 204 });
};
const t0 = performance.now();
// The bundle imports the module from `globalThis.__startupWasm` (see bench/run.mjs), as a
// Worker's upload gives it a compiled module.
if (bytes) globalThis.__startupWasm = new WebAssembly.Module(bytes);
const t1 = performance.now();
const worker = (await import(pathToFileURL(bundle).href)).default;
const t2 = performance.now();
await worker.fetch(new Request("http://worker/"), { CLERK_SECRET_KEY: "sk_test_STARTUP0123456789" });
// The empty Worker makes no request: its first call ends when fetch returns.
const t3 = handed ?? performance.now();
process.stdout.write(JSON.stringify({ compileMs: t1 - t0, evaluateMs: t2 - t1, firstCallMs: t3 - t2, totalMs: t3 - t0 }));
