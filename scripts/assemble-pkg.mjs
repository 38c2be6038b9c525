// Assembles the npm package in pkg/ around the optimised wasm: the files of pkg-template/, the
// crate's version, the root README, and what tools/generate writes from the crate's tables
// (index.d.ts, and the error classes and operation table appended to errors.js), and the wasm as
// base64 in embedded-wasm.js.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);

cpSync(new URL("pkg-template/", root), pkg, { recursive: true });
cpSync(new URL("README.md", root), new URL("README.md", pkg));

const cargo = readFileSync(new URL("Cargo.toml", root), "utf8");
const version = cargo.match(/^version = "([^"]+)"/m)[1];
const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
manifest.version = version;
writeFileSync(new URL("package.json", pkg), JSON.stringify(manifest, null, 2) + "\n");

execFileSync("cargo", ["run", "--quiet", "--release", "-p", "generate", "--", pkg.pathname], { cwd: root, stdio: "inherit" });

// Each module as base64 in a JS module, for the entries that compile it from bytes (embedded.js,
// settings/embedded.js).
for (const [wasm, js] of [["clerk_instance_edge_bg.wasm", "embedded-wasm.js"], ["clerk_instance_edge_settings_bg.wasm", "embedded-settings-wasm.js"]]) {
  const bytes = readFileSync(new URL(wasm, pkg));
  writeFileSync(new URL(js, pkg), `// Written by make pkg: ${wasm} as base64.\nexport default "${bytes.toString("base64")}";\n`);
}
