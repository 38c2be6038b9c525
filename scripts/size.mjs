// `make size`: what a Worker loads for this package, raw and gzipped (the optimised wasm, the
// glue, the JS API and its generated tables, an entry), then what each export condition's entry
// ships once bundled and minified, then the wasm's largest items, read from a copy optimised the
// same way but keeping its name section (target/size/named.wasm), so that a regression shows
// where it came from.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { fromMake } from "./user-project.mjs";
import { sections } from "./wasm-sections.mjs";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);
const parts = [
  ["wasm", "clerk_instance_edge_bg.wasm"],
  ["glue", "clerk_instance_edge.js"],
  ["client.js", "client.js"],
  ["api.js", "api.js"],
  ["errors.js", "errors.js"],
  ["entry (workerd)", "workerd.js"],
];
// What `clerk-instance-edge/settings` loads instead of the core wasm and entry.
const settingsParts = [
  ["settings wasm", "clerk_instance_edge_settings_bg.wasm"],
  ["settings.js", "settings.js"],
  ["settings tables", "settings-tables.js"],
  ["entry (workerd)", "settings/workerd.js"],
];
let raw = 0;
let gz = 0;
for (const [name, file] of parts) {
  const bytes = readFileSync(new URL(file, pkg));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += zipped;
  console.log(`${name.padEnd(16)} ${String(bytes.length).padStart(7)} B raw ${String(zipped).padStart(7)} B gzip`);
}
console.log(`${"total".padEnd(16)} ${String(raw).padStart(7)} B raw ${String(gz).padStart(7)} B gzip (each part gzipped alone)`);
console.log("\nclerk-instance-edge/settings, instead of the core wasm and entry:");
for (const [name, file] of settingsParts) {
  const bytes = readFileSync(new URL(file, pkg));
  console.log(`${name.padEnd(16)} ${String(bytes.length).padStart(7)} B raw ${String(gzipSync(bytes, { level: 9 }).length).padStart(7)} B gzip`);
}

// Each entry bundled alone by esbuild (minified), as a bundler would for that condition: the JS,
// and the .wasm beside it where the entry imports it as a module.
const wasmGzip = Object.fromEntries(
  ["clerk_instance_edge_bg.wasm", "clerk_instance_edge_settings_bg.wasm"].map((file) => [file, gzipSync(readFileSync(new URL(file, pkg)), { level: 9 }).length]),
);
console.log("\nentry                    bundled JS (minified)   + .wasm module    = shipped");
const entries = [
  ["workerd.js", { platform: "neutral", conditions: ["workerd", "worker", "browser"] }],
  ["edge-light.js", { platform: "browser", conditions: ["edge-light", "worker", "browser"] }],
  ["node.js", { platform: "node" }],
  ["deno.js", { platform: "neutral", conditions: ["deno"] }],
  ["bun.js", { platform: "neutral", conditions: ["bun"] }],
  ["browser.js", { platform: "browser" }],
  ["index.js", { platform: "neutral" }],
];
for (const [entry, options, path = "clerk-instance-edge"] of [...entries, ...entries.map(([entry, options]) => [`settings/${entry}`, options, "clerk-instance-edge/settings"])]) {
  const { outputFiles, metafile } = await build({
    stdin: { contents: `export * from "${path}";`, resolveDir: root.pathname },
    bundle: true, minify: true, write: false, format: "esm", metafile: true, external: ["*.wasm", "*.wasm?module"], logLevel: "silent", ...options,
  });
  const took = Object.keys(metafile.inputs).map((file) => file.replace(/^(.*\/)?pkg\//, ""));
  if (!took.includes(entry)) throw new Error(`bundling for ${entry} took ${took}`);
  const js = outputFiles[0].contents;
  const imported = Object.keys(wasmGzip).find((file) => new TextDecoder().decode(js).includes(file));
  const module = imported ? wasmGzip[imported] : 0;
  const jsGzip = gzipSync(js, { level: 9 }).length;
  console.log(`${entry.padEnd(24)} ${String(js.length).padStart(6)} B, ${String(jsGzip).padStart(6)} B gzip   ${module ? `+ ${module} B gzip` : "(embedded)     "}  = ${String(jsGzip + module).padStart(6)} B gzip`);
}

// The same module as pkg/ ships (the Makefile names it and wasm-opt's flags), optimised with its
// names kept.
const built = new URL(fromMake("CORE_WASM"), root).pathname;
const named = new URL("target/size/named.wasm", root).pathname;
mkdirSync(new URL("target/size/", root), { recursive: true });
const flags = fromMake("WASM_OPT").split(/\s+/).filter(Boolean);
execFileSync("wasm-opt", [...flags, "-g", "--strip-dwarf", built, "-o", named]);

/** Function body sizes by name, and data segment sizes, from a module's sections. */
function items(bytes) {
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  for (const { id, end, size, name, reader: r } of sections(bytes)) {
    if (id === 2) {
      for (let n = r.leb(); n > 0 && r.at < end; n--) {
        r.text(r.leb());
        r.text(r.leb());
        if (r.byte() !== 0) break; // only functions matter here (the npm module imports nothing)
        imported++;
        r.leb();
      }
    } else if (id === 10) {
      for (let n = r.leb(); n > 0; n--) {
        const length = r.leb();
        bodies.push(length);
        r.at += length;
      }
    } else if (id === 11) {
      data = size;
    } else if (name === "name") {
      while (r.at < end) {
        const sub = r.byte();
        const subEnd = r.leb() + r.at;
        if (sub === 1) for (let n = r.leb(); n > 0; n--) names.set(r.leb(), r.text(r.leb()));
        r.at = subEnd;
      }
    }
  }
  const functions = bodies.map((length, i) => [length, names.get(imported + i) ?? `function ${imported + i}`]);
  return { functions, data };
}

const { functions, data } = items(readFileSync(named));
const code = functions.reduce((sum, [length]) => sum + length, 0);
console.log(`\nwasm: ${code} B of code in ${functions.length} functions, ${data} B of data; the largest functions:`);
/** A Rust symbol as a path (`clerk_instance_edge::host::npm::prepare::{{closure}}`), its hash dropped. */
function tidy(name) {
  const m = /^_ZN(.*)E$/.exec(name);
  if (!m) return name;
  const parts = [];
  for (let rest = m[1]; rest; ) {
    const digits = /^\d+/.exec(rest)?.[0];
    if (!digits) break;
    parts.push(rest.slice(digits.length, digits.length + Number(digits)));
    rest = rest.slice(digits.length + Number(digits));
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  const escapes = { "$u7b$": "{", "$u7d$": "}", "$LT$": "<", "$GT$": ">", "$u20$": " ", "$C$": ",", "$RF$": "&", "$BP$": "*", "$u27$": "'", "$u5b$": "[", "$u5d$": "]" };
  return parts.join("::").replace(/\$[A-Za-z0-9]+\$/g, (e) => escapes[e] ?? e).replace(/\.\./g, "::").replace(/(^|::)_(?=[{<])/g, "$1");
}
for (const [length, name] of functions.sort((a, b) => b[0] - a[0]).slice(0, 25)) {
  console.log(`${String(length).padStart(7)} B  ${tidy(name)}`);
}
