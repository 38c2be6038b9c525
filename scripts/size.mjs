// Prints what a Worker loads for this package, raw and gzipped: the optimised wasm, the
// wasm-bindgen glue, the host snippet, and the package's own JS (api.js and an entry).
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const pkg = new URL("../pkg/", import.meta.url);
const snippet = readdirSync(new URL("snippets/", pkg))[0];
const parts = [
  ["wasm", "clerk_instance_edge_bg.wasm"],
  ["glue", "clerk_instance_edge.js"],
  ["host.js", `snippets/${snippet}/src/host/host.js`],
  ["api.js + entry", "api.js", "workerd.js", "host.js"],
];
let raw = 0;
let gz = 0;
for (const [name, ...files] of parts) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(new URL(f, pkg))));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += zipped;
  console.log(`${name.padEnd(16)} ${String(bytes.length).padStart(7)} B raw ${String(zipped).padStart(7)} B gzip`);
}
console.log(`${"total".padEnd(16)} ${String(raw).padStart(7)} B raw ${String(gz).padStart(7)} B gzip (each part gzipped alone)`);
