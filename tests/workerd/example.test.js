// The worker example end to end in workerd: requests go through a service binding to the
// example, which calls the stand-in Clerk API through the package. The cases are in
// tests/runtime/example.js; `EXAMPLE_UNREACHABLE` is a copy of the example whose API URL refuses
// connections.
import { cases, refusedConnections } from "../runtime/example.js";
import { control } from "../runtime/support.js";

/** A call through `service`; every response body is read (workerd waits for unread ones). */
const caller = (service, env) => async (method, path, body, token = env.ADMIN_TOKEN) => {
  const response = await service.fetch(`http://example${path}`, {
    method,
    headers: { ...(token !== null && { authorization: `Bearer ${token}` }), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
};

export default {
  async test(controller, env) {
    const context = { call: caller(env.EXAMPLE, env), control: (action, body) => control(env.STANDIN_URL, "example", action, body) };
    for (const [name, run] of Object.entries(cases)) {
      try {
        await run(context);
      } catch (error) {
        throw new Error(`worker example: ${name}: ${error.message}`);
      }
    }
    await refusedConnections(caller(env.EXAMPLE_UNREACHABLE, env));
    console.log(`worker example: ${Object.keys(cases).length + 1} cases`);
  },
};
