// `clerk-instance-edge/settings`: as ../workerd.js, with the module that has settings as code.
// Cloudflare Workers and workerd compile no wasm at run time: the module is imported compiled.
import module from "../clerk_instance_edge_settings_bg.wasm";
import { initSync } from "../clerk_instance_edge.js";

initSync({ module, settings: true });

export * from "../settings.js";
