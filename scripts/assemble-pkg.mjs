// Assembles the npm package in pkg/ around the optimised wasm: the files of pkg-template/, the
// crate's version, the root README, and what tools/generate writes from the crate's tables
// (index.d.ts, and the error classes and operation table appended to errors.js), and each wasm
// module as a string in a JS module (embedded-wasm.js, embedded-settings-wasm.js).
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

// Each module as a JS string, for the entries that compile it from bytes (embedded.js,
// settings/embedded.js, through embedded-bytes.js, which reads it back). Every character of the
// string is ASCII, so that a bundle stays ASCII whatever a minifier makes of the literal (terser
// writes characters past 0x7F as they are, which a page without a charset decodes as
// windows-1252): a byte below 0x7E is its own character; 0x7E and 0x7F start a pair, with the
// byte 0x80 + the next character or 0x7E + the next. Byte for byte, unlike base64, so gzip still
// sees the module's repetitions: the Node bundle is 33.8 KB gzip instead of 41.3 with base64
// (`make size`, 2026-12-03).
const pair = (byte) => (byte < 0x7e ? [byte] : byte >= 0x80 ? [0x7e, byte - 0x80] : [0x7f, byte - 0x7e]);
const literal = (code) => (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c ? String.fromCharCode(code) : `\\x${code.toString(16).padStart(2, "0")}`);
for (const [wasm, js] of [["clerk_instance_edge_bg.wasm", "embedded-wasm.js"], ["clerk_instance_edge_settings_bg.wasm", "embedded-settings-wasm.js"]]) {
  const text = Array.from(readFileSync(new URL(wasm, pkg)), (byte) => pair(byte).map(literal).join("")).join("");
  writeFileSync(new URL(js, pkg), `// Written by make pkg: ${wasm} as ASCII text (scripts/assemble-pkg.mjs).\nexport default "${text}";\n`);
}
