// Deno, Deno Deploy and Netlify Edge: no read permission needed, the module is embedded.
import "./embedded.js";

export * from "./api.js";
