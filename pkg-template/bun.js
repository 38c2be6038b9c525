// Bun, and `bun build`.
import "./embedded.js";

export * from "./api.js";
