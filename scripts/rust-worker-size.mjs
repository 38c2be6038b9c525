// Prints what the Rust Worker example ships (the wasm and JS that `worker-build --release` leaves in
// build/), raw and gzipped, next to two baselines built the same way: a hello-world `worker` Worker
// and one that makes a single call through the crate. Also: the wasm without its name section
// (which worker-build keeps), what the JS exports, and the warnings of each build. Run by
// `make size-rust-worker`.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { NPM_API, workerExports } from "../tests/rust-worker/exports.mjs";
import { sections } from "./wasm-sections.mjs";

const root = new URL("../worker-example-rs/", import.meta.url);
const builds = [
  ["example", "build/", "target/worker-build.log"],
  ["one call", "size/one-call/build/", "target/worker-build-one-call.log"],
  ["bare", "size/bare/build/", "target/worker-build-bare.log"],
];

/** The module without its custom section `name` (worker-build keeps it: `wasm-opt --debuginfo`). */
function withoutSection(bytes, unwanted) {
  const kept = [bytes.subarray(0, 8)];
  for (const { start, end, name } of sections(bytes)) if (name !== unwanted) kept.push(bytes.subarray(start, end));
  return Buffer.concat(kept);
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const rows = [];
for (const [name, dir, log] of builds) {
  const at = (file) => new URL(dir + file, root);
  if (!existsSync(at("index_bg.wasm"))) throw new Error(`${new URL(dir, root).pathname} is not built: run make size-rust-worker`);
  const wasm = readFileSync(at("index_bg.wasm"));
  const js = readFileSync(at("index.js"));
  const warnings = existsSync(new URL(log, root))
    ? readFileSync(new URL(log, root), "utf8").split("\n").filter((line) => /\[WARNING\]/.test(line)).map((line) => line.replace(/^.*\[WARNING\]\s*/, ""))
    : ["(no build log in worker-example-rs/target/)"];
  rows.push({ name, wasm, js, stripped: withoutSection(wasm, "name"), exports: workerExports(js.toString()), warnings });
}

console.log("shipped bytes (each file gzipped alone, level 9)");
console.log(`${"".padEnd(9)} ${"wasm".padStart(19)} ${"JS".padStart(19)} ${"total".padStart(19)} ${"wasm without names".padStart(21)}`);
const bare = rows.at(-1);
for (const { name, wasm, js, stripped } of rows) {
  const cell = (raw, zipped) => `${kb(raw)} / ${kb(zipped)}`.padStart(19);
  console.log(
    `${name.padEnd(9)} ${cell(wasm.length, gzip(wasm))} ${cell(js.length, gzip(js))} ${cell(wasm.length + js.length, gzip(wasm) + gzip(js))} ${cell(stripped.length, gzip(stripped)).padStart(21)}`,
  );
}
for (const row of rows.slice(0, -1)) {
  const raw = row.wasm.length + row.js.length - bare.wasm.length - bare.js.length;
  const zipped = gzip(row.wasm) + gzip(row.js) - gzip(bare.wasm) - gzip(bare.js);
  console.log(`${row.name} adds ${kb(raw)} raw, ${kb(zipped)} gzip to the bare Worker`);
}
console.log();
for (const { name, exports, warnings } of rows) {
  const leaked = NPM_API.filter((api) => exports.named.includes(api) || exports.methods.includes(api));
  console.log(`${name}: exports ${exports.named.join(", ")}; default entrypoint methods ${exports.methods.join(", ")}`);
  if (leaked.length) console.log(`  npm API leaked: ${leaked.join(", ")}`);
  for (const warning of warnings) console.log(`  build warning: ${warning}`);
}
