// A minimal Worker that applies a settings document with this package's settings entry (a size
// row only: what settings as code adds over ours.js).
import { createInstanceClient } from "clerk-instance-edge/settings";

export default {
  async fetch(request, env) {
    await createInstanceClient({ secretKey: env.CLERK_SECRET_KEY }).settings.apply({ instance: { testMode: true } });
    return new Response("ok");
  },
};
