// A minimal Worker that calls instances.update with this package.
import { createInstanceClient } from "clerk-instance-edge";

export default {
  async fetch(request, env) {
    await createInstanceClient({ secretKey: env.CLERK_SECRET_KEY }).instances.update({ testMode: true });
    return new Response("ok");
  },
};
