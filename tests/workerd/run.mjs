// The workerd tests: the package through its `workerd` condition (tests/workerd/worker.js), the
// worker example end to end behind a service binding (tests/workerd/example.test.js), and the
// shared suites of tests/runtime/ (faults, load, the secret key, settings as code).
import { createServer } from "node:net";
import { prepareWorkerd } from "../../scripts/workerd.mjs";

const standin = new URL(process.env.STANDIN_URL);
const here = (file) => new URL(file, import.meta.url).pathname;
const ADMIN_TOKEN = "admin-token-for-tests";

/** A loopback port that was free a moment ago: connections to it are refused. */
const closedPort = await new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

const workerd = await prepareWorkerd({
  workers: [
    { name: "package", entry: here("worker.js"), bindings: { STANDIN_URL: standin.origin, STANDIN: { service: "standin" } } },
    {
      name: "example",
      entry: here("../../worker-example/src/index.js"),
      bindings: { CLERK_SECRET_KEY: "sk_test_example_e2e", ADMIN_TOKEN, CLERK_API_URL: `${standin.origin}/ns/example` },
    },
    // The same example, pointed at a loopback port where nothing listens.
    {
      name: "unreachable",
      entry: here("../../worker-example/src/index.js"),
      bindings: { CLERK_SECRET_KEY: "sk_test_example_e2e", ADMIN_TOKEN, CLERK_API_URL: `http://127.0.0.1:${closedPort}` },
    },
    {
      name: "tester",
      entry: here("example.test.js"),
      bindings: { EXAMPLE: { service: "example" }, EXAMPLE_UNREACHABLE: { service: "unreachable" }, STANDIN_URL: standin.origin, ADMIN_TOKEN },
    },
    // The hardening checks of tests/runtime/: injected faults, load, and the secret key.
    { name: "faults", entry: here("faults.test.js"), bindings: { STANDIN_URL: standin.origin } },
    { name: "load", entry: here("load.test.js"), bindings: { STANDIN_URL: standin.origin } },
    { name: "secret", entry: here("secret.test.js"), bindings: { STANDIN_URL: standin.origin } },
    { name: "settings", entry: here("settings.test.js"), bindings: { STANDIN_URL: standin.origin } },
  ],
  external: { standin: standin.host },
});
try {
  // The package's entry in the bundle (node_modules/clerk-instance-edge links to pkg/) is the one
  // its `workerd` condition names, and the module is not embedded.
  const taken = (name) => workerd.bundled[name].filter((file) => file.startsWith("pkg/")).map((file) => file.slice(4)).sort().join();
  if (taken("package") !== "api.js,clerk_instance_edge.js,client.js,errors.js,workerd.js") throw new Error(`the workerd bundle took ${taken("package")}`);
  // `clerk-instance-edge/settings` takes its own entry and module, and the core's API through it.
  const settings = "api.js,clerk_instance_edge.js,client.js,errors.js,settings-tables.js,settings.js,settings/workerd.js";
  if (taken("settings") !== settings) throw new Error(`the settings bundle took ${taken("settings")}`);
  if (workerd.modules.settings.join() !== "clerk_instance_edge_settings_bg.wasm") throw new Error(`the settings worker has ${workerd.modules.settings}`);
  if (workerd.modules.package.join() !== "clerk_instance_edge_bg.wasm") throw new Error(`the package worker has ${workerd.modules.package}`);
  console.log("ok    workerd: each bundle took its entry (workerd.js, settings/workerd.js), and its .wasm as a module");
  process.exitCode = await workerd.run();
} finally {
  workerd.dispose();
}
