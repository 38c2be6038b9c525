// Assembles the npm package in pkg/ around wasm-bindgen's output: the files of pkg-template/,
// the crate's version, the root README, and host.js, which re-exports the host.js snippet that
// wasm-bindgen copied under a hashed path (api.js imports it from the fixed name).
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const pkg = new URL("pkg/", root);

cpSync(new URL("pkg-template/", root), pkg, { recursive: true });
cpSync(new URL("README.md", root), new URL("README.md", pkg));

const cargo = readFileSync(new URL("Cargo.toml", root), "utf8");
const version = cargo.match(/^version = "([^"]+)"/m)[1];
const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
manifest.version = version;
writeFileSync(new URL("package.json", pkg), JSON.stringify(manifest, null, 2) + "\n");

const [snippet, ...others] = readdirSync(new URL("snippets/", pkg));
if (!snippet || others.length) throw new Error(`expected one snippet directory, found ${[snippet, ...others]}`);
writeFileSync(new URL("host.js", pkg), `export * from "./snippets/${snippet}/src/host/host.js";\n`);
