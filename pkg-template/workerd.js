// Cloudflare Workers and workerd compile no wasm at run time: the module is imported compiled.
import module from "./clerk_instance_edge_bg.wasm";
import { initSync } from "./clerk_instance_edge.js";

initSync({ module });

export * from "./api.js";
