// Browsers, bundlers and other edge runtimes: fetch the module next to this file.
import init from "./clerk_instance_edge.js";

await init({ module_or_path: new URL("./clerk_instance_edge_bg.wasm", import.meta.url) });

export * from "./api.js";
