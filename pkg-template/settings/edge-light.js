// `clerk-instance-edge/settings`: as ../edge-light.js, with the module that has settings as code.
// Vercel Edge Functions and Next.js edge routes compile no wasm at run time: the module is
// imported compiled, with the `?module` suffix that Vercel's and Next.js's bundlers turn into a
// WebAssembly.Module binding.
import module from "../clerk_instance_edge_settings_bg.wasm?module";
import { initSync } from "../clerk_instance_edge.js";

initSync({ module, settings: true });

export * from "../settings.js";
