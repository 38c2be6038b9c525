// Settings as code (tests/runtime/settings.js) against the package in workerd, bundled through
// its `workerd` condition.
import * as pkg from "clerk-instance-edge/settings";
import { settings } from "../runtime/settings.js";

export default {
  async test(controller, env) {
    const figures = await settings({ pkg, standin: env.STANDIN_URL, runtime: "workerd" });
    if (figures.cases !== 12) throw new Error(`settings: ran ${figures.cases} cases`);
    console.log(`settings (workerd): ${JSON.stringify(figures)}`);
  },
};
