// Browsers, through bundlers (esbuild --platform=browser, Vite, webpack, Rollup with
// browser: true). A secret key in a page is refused unless `dangerouslyAllowBrowser: true`.
import "./embedded.js";

export * from "./api.js";
