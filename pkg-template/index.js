// Any other runtime or bundler (the `default` condition): the embedded module, as for Node.
import "./embedded.js";

export * from "./api.js";
