// The module compiled from bytes embedded in the package as a string (embedded-wasm.js, written by
// `make pkg`), for every runtime that may compile wasm at run time: Node, Deno, Bun, browsers.
// Plain JS, so every bundler carries it without a loader or a copy step, and synchronous, so
// no top-level await (CommonJS and IIFE bundles, `require()`), no file to find, no permission.
// It costs 1.6 KB gzip over the `.wasm` file (README, Install); workerd and Vercel Edge, which
// compile nothing at run time, import the `.wasm` as a module instead (workerd.js, edge-light.js).
import text from "./embedded-wasm.js";
import { embeddedBytes } from "./embedded-bytes.js";
import { initSync } from "./clerk_instance_edge.js";

initSync({ module: new WebAssembly.Module(embeddedBytes(text)) });
