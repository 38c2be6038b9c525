// The secret key (tests/runtime/secret.js) in workerd: every error path, dry runs, apiUrl and
// header checks, __proto__ in answers.
import * as pkg from "clerk-instance-edge";
import { secret } from "../runtime/secret.js";

const rejections = [];
addEventListener("unhandledrejection", (event) => {
  rejections.push(event.reason);
});

export default {
  async test(controller, env) {
    const counts = await secret({ pkg, standin: env.STANDIN_URL, runtime: "workerd" });
    console.log(`secret (workerd): ${JSON.stringify(counts)}`);
    if (rejections.length) throw new Error(`unhandled rejections: ${rejections.map(String).join("; ")}`);
  },
};
