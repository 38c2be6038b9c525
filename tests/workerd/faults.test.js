// Injected faults (tests/runtime/faults.js) against the package in workerd, bundled through its
// `workerd` condition. workerd neither logs nor fails a test on an unhandled rejection by itself,
// so the global event collects them and the cases check that none happened.
import * as pkg from "clerk-instance-edge";
import { faults } from "../runtime/faults.js";

const rejections = [];
addEventListener("unhandledrejection", (event) => {
  rejections.push(event.reason);
});

export default {
  async test(controller, env) {
    const figures = await faults({ pkg, standin: env.STANDIN_URL, runtime: "workerd", rejections });
    if (figures.survived !== figures.injected) throw new Error(`faults: ${JSON.stringify(figures)}`);
    console.log(`faults (workerd): ${JSON.stringify(figures)}`);
  },
};
