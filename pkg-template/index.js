// Browsers, bundlers and other edge runtimes: fetch the module next to this file.
import { initSync } from "./clerk_instance_edge.js";

const url = new URL("./clerk_instance_edge_bg.wasm", import.meta.url);
initSync({ module: await WebAssembly.compileStreaming(fetch(url)).catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer())) });

export * from "./api.js";
