// The npm package in workerd, bundled through its `workerd` export condition as wrangler would,
// run by `workerd test`. Checks the global fetch, a service binding's fetch passed bound, and
// the binding itself.
import * as pkg from "clerk-instance-edge";
import { smoke } from "../runtime/smoke.js";

export default {
  async test(controller, env) {
    const fetchers = { bound: env.STANDIN.fetch.bind(env.STANDIN), binding: env.STANDIN };
    const done = await smoke({ pkg, standin: env.STANDIN_URL, runtime: "workerd", fetchers });
    if (done.length !== 6) throw new Error(`ran ${done.length} checks`);
    // Unbound, workerd refuses the call; the error must say how to fix it.
    const unbound = pkg.createInstanceClient({ secretKey: "sk_test_x", apiUrl: env.STANDIN_URL, fetch: env.STANDIN.fetch, retry: false });
    const error = await unbound.instances.get().then(() => null, (e) => e);
    if (error?.name !== "ClerkNetworkError" || !error.message.includes("pass fetch bound to its object")) {
      throw new Error(`an unbound binding fetch gave ${error}`);
    }
    done.push("unbound fetch explained");
    console.log(`workerd: ${done.join("; ")}`);
  },
};
