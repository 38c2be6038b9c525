// Load (tests/runtime/load.js): 1000 concurrent updates from one workerd worker, twice, and the
// package's wasm memory before and after.
import * as pkg from "clerk-instance-edge";
import { load } from "../runtime/load.js";

export default {
  async test(controller, env) {
    const figures = await load({ pkg, standin: env.STANDIN_URL, runtime: "workerd" });
    console.log(`load (workerd): ${JSON.stringify(figures)}`);
  },
};
