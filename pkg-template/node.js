// Node, and bundlers building for it (esbuild --platform=node, webpack's node target, Vite SSR).
import "./embedded.js";

export * from "./api.js";
