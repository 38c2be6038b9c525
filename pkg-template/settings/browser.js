// `clerk-instance-edge/settings`: as ../browser.js, with the module that has settings as code.
// Browsers, through bundlers (esbuild --platform=browser, Vite, webpack, Rollup with
// browser: true). A secret key in a page is refused unless `dangerouslyAllowBrowser: true`.
import "./embedded.js";

export * from "../settings.js";
