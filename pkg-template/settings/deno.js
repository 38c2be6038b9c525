// `clerk-instance-edge/settings`: as ../deno.js, with the module that has settings as code.
// Deno, Deno Deploy and Netlify Edge: no read permission needed, the module is embedded.
import "./embedded.js";

export * from "../settings.js";
