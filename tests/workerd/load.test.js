// Load (tests/runtime/load.js): 1000 concurrent updates from one workerd worker, twice, and the
// package's wasm memory before and after.
import * as pkg from "clerk-instance-edge";
// esbuild resolves node_modules/clerk-instance-edge to pkg/ (it follows links), so the package
// and this import share one copy of the glue in the bundle. initSync, called again, returns the
// exports of the instance already made; another copy would try to compile a module (which
// workerd forbids at run time) and throw.
import { initSync } from "../../pkg/clerk_instance_edge.js";
import { load } from "../runtime/load.js";

export default {
  async test(controller, env) {
    const figures = await load({ pkg, standin: env.STANDIN_URL, runtime: "workerd", wasm: () => initSync() });
    console.log(`load (workerd): ${JSON.stringify(figures)}`);
  },
};
