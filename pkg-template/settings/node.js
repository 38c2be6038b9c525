// `clerk-instance-edge/settings`: as ../node.js, with the module that has settings as code.
// Node, and bundlers building for it (esbuild --platform=node, webpack's node target, Vite SSR).
import "./embedded.js";

export * from "../settings.js";
