// The same Worker with @clerk/backend (whose 3.x client names the property `instance`).
import { createClerkClient } from "@clerk/backend";

export default {
  async fetch(request, env) {
    await createClerkClient({ secretKey: env.CLERK_SECRET_KEY }).instance.update({ testMode: true });
    return new Response("ok");
  },
};
