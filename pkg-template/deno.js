// Deno reads the module next to this file: it needs read permission for that one file only.
import { initSync } from "./clerk_instance_edge.js";

initSync({ module: new WebAssembly.Module(await Deno.readFile(new URL("./clerk_instance_edge_bg.wasm", import.meta.url))) });

export * from "./api.js";
