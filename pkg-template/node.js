// Node reads the module next to this file.
import { readFileSync } from "node:fs";
import { initSync } from "./clerk_instance_edge.js";

initSync({ module: new WebAssembly.Module(readFileSync(new URL("./clerk_instance_edge_bg.wasm", import.meta.url))) });

export * from "./api.js";
