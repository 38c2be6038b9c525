// `clerk-instance-edge/settings`: as ../index.js, with the module that has settings as code.
// Any other runtime or bundler (the `default` condition): the embedded module, as for Node.
import "./embedded.js";

export * from "../settings.js";
