// `clerk-instance-edge/settings`: as ../bun.js, with the module that has settings as code.
// Bun, and `bun build`.
import "./embedded.js";

export * from "../settings.js";
