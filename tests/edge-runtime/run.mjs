// The package in Vercel's Edge Runtime emulator (npm `edge-runtime`), bundled the way Vercel
// bundles an edge function: esbuild with the conditions Next.js and Vercel's adapters use
// (`edge-light`, `worker`, `browser`) and Vercel's wasm plugin, which turns an import of
// `x.wasm?module` into a global WebAssembly.Module binding that the runtime provides (as
// @vercel/node's edge-wasm-plugin and next-middleware-wasm-loader do). The runtime is created with
// wasm code generation off, as Vercel's edge compiles no wasm from bytes: the module must come
// from the binding. The package is installed from its tarball into a fresh project; the checks
// are tests/runtime/smoke.js against the stand-in.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { EdgeRuntime } from "edge-runtime";
import { userProject } from "../../scripts/user-project.mjs";

/** Vercel's esbuild plugin for `?module` wasm imports: a binding named after the file's SHA-1. */
function vercelWasm(bindings) {
  return {
    name: "vercel-wasm",
    setup(b) {
      b.onResolve({ filter: /\.wasm\?module$/i }, async (args) => {
        const { path } = await b.resolve(args.path.replace(/\?module$/i, ""), { importer: args.importer, resolveDir: args.resolveDir, kind: "entry-point" });
        const name = `wasm_${createHash("sha1").update(readFileSync(path)).digest("hex")}`;
        bindings[name] = path;
        return { path: name, namespace: "vercel-wasm" };
      });
      b.onLoad({ filter: /.*/, namespace: "vercel-wasm" }, (args) => ({ loader: "js", contents: `export default globalThis[${JSON.stringify(args.path)}];` }));
    },
  };
}

const project = userProject({ name: "clerk-edge-runtime-test", copy: { "tests/runtime/": "tests/runtime" } });
try {
  const bindings = {};
  const program = `import * as pkg from "clerk-instance-edge";
import { smoke } from "./tests/runtime/smoke.js";
globalThis.clerkSmoke = smoke({ pkg, standin: STANDIN_URL, runtime: "edge-runtime" });`;
  const result = await build({
    stdin: { contents: program, resolveDir: project.dir },
    bundle: true, write: false, minify: true, metafile: true, logLevel: "silent",
    platform: "browser", format: "iife", conditions: ["edge-light", "worker", "browser"],
    plugins: [vercelWasm(bindings)],
  });
  assert.deepEqual(result.warnings, []);
  const taken = Object.keys(result.metafile.inputs).filter((p) => p.includes("node_modules/clerk-instance-edge/")).map((p) => p.split("/clerk-instance-edge/")[1]);
  assert.ok(taken.includes("edge-light.js"), `took ${taken}, not edge-light.js`);
  assert.ok(!taken.includes("embedded-wasm.js"), "the embedded module was bundled too");
  const modules = Object.fromEntries(Object.entries(bindings).map(([name, path]) => [name, new WebAssembly.Module(readFileSync(path))]));
  assert.equal(Object.keys(modules).length, 1, "one wasm binding");
  const runtime = new EdgeRuntime({
    codeGeneration: { strings: false, wasm: false },
    extend: (context) => Object.assign(context, modules, { STANDIN_URL: process.env.STANDIN_URL }),
  });
  assert.throws(() => runtime.evaluate("new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))"), /Wasm code generation disallowed/, "the runtime compiles no wasm from bytes");
  runtime.evaluate(result.outputFiles[0].text);
  const done = await runtime.context.clerkSmoke;
  assert.equal(done.length, 4, `ran ${done}`);
  const js = result.outputFiles[0].contents;
  const wasm = readFileSync(Object.values(bindings)[0]);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`ok    edge-runtime ${JSON.parse(readFileSync(new URL("../../node_modules/edge-runtime/package.json", import.meta.url))).version}: took ${taken.filter((f) => !f.startsWith("clerk_")).join(", ")}; ${done.join("; ")}`);
  console.log(`      shipped: bundle ${kib(js.length)} (gzip ${kib(gzipSync(js).length)}), wasm binding ${kib(wasm.length)} (gzip ${kib(gzipSync(wasm).length)})`);
} finally {
  project.dispose();
}
