// The Rust Worker example (worker-example-rs/, built by `worker-build --release`) in workerd,
// against the stand-in: `node tests/with-standin.mjs -- node tests/rust-worker/run.mjs`.
//
// The built Worker is loaded as worker-build left it (index.js and index_bg.wasm), not bundled
// again. Testers reach it through service bindings; it reaches the stand-in over loopback, or
// through a service binding (the `CLERK_API` binding of `example-svc`).

import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NPM_API, workerExports } from "./exports.mjs";

const root = new URL("../../", import.meta.url).pathname;
const build = join(root, "worker-example-rs/build");
const here = (file) => new URL(file, import.meta.url).pathname;
const standin = new URL(process.env.STANDIN_URL);
const ADMIN_TOKEN = "admin-token-for-rust-tests";
const SECRET_KEY = "sk_test_rust_worker_e2e";

for (const file of ["index.js", "index_bg.wasm"]) {
  if (!existsSync(join(build, file))) throw new Error(`${join(build, file)} is missing: run make test-rust-worker`);
}

const dir = mkdtempSync(join(tmpdir(), "clerk-rust-worker-"));
copyFileSync(join(build, "index.js"), join(dir, "index.js"));
copyFileSync(join(build, "index_bg.wasm"), join(dir, "index_bg.wasm"));
copyFileSync(here("example.test.js"), join(dir, "example.test.js"));
copyFileSync(here("strict.test.js"), join(dir, "strict.test.js"));

const text = (name, value) => `(name = "${name}", text = ${JSON.stringify(value)})`;
const service = (name, target) => `(name = "${name}", service = "${target}")`;
const api = (namespace) => `${standin.origin}/ns/${namespace}`;

/** One instance of the Rust Worker: the same modules, its own bindings. */
const example = (name, bindings, secretKey = SECRET_KEY) => `const ${name} :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    (name = "index_bg.wasm", wasm = embed "index_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [${[text("CLERK_SECRET_KEY", secretKey), text("ADMIN_TOKEN", ADMIN_TOKEN), ...bindings].join(", ")}],
  globalOutbound = "outbound",
);`;

const tester = (name, file, bindings) => `const ${name} :Workerd.Worker = (
  modules = [(name = "${file}", esModule = embed "${file}")],
  compatibilityDate = "2025-09-01",
  bindings = [${[text("STANDIN_URL", standin.origin), text("ADMIN_TOKEN", ADMIN_TOKEN), text("SECRET_KEY", SECRET_KEY), ...bindings].join(", ")}],
  globalOutbound = "outbound",
);`;

const { named, methods } = workerExports(readFileSync(join(build, "index.js"), "utf8"));
const leaked = NPM_API.filter((name) => named.includes(name) || methods.includes(name));
const log = join(root, "worker-example-rs/target/worker-build.log");
const warnings = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter((line) => line.includes("[WARNING]")) : [];

const workers = {
  example: example("example", [text("CLERK_API_URL", api("rust")), text("CLERK_TIMEOUT_MS", "400")]),
  exampleSvc: example("exampleSvc", [text("CLERK_API_URL", "http://127.0.0.1/ns/rust-svc"), service("CLERK_API", "standin")]),
  exampleStrict: example("exampleStrict", [text("CLERK_API_URL", api("rust-strict"))]),
  // Misconfigured: an empty secret key, a timeout that is not a number, an http URL off loopback.
  exampleBroken: example("exampleBroken", [text("CLERK_API_URL", "http://api.clerk.com"), text("CLERK_TIMEOUT_MS", "soon")], ""),
  tester: tester("tester", "example.test.js", [
    service("EXAMPLE", "example"),
    service("EXAMPLE_SVC", "exampleSvc"),
    service("EXAMPLE_BROKEN", "exampleBroken"),
  ]),
  strict: tester("strict", "strict.test.js", [
    service("EXAMPLE", "exampleStrict"),
    text("EXPORTS", JSON.stringify({ named, methods, leaked })),
    text("BUILD_WARNINGS", JSON.stringify(warnings)),
  ]),
};
const config = join(dir, "config.capnp");
writeFileSync(
  config,
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${Object.keys(workers).map((name) => `(name = "${name}", worker = .${name})`).join(",\n    ")},
    (name = "outbound", network = (allow = ["local"])),
    (name = "standin", external = (address = "${standin.host}", http = ())),
  ],
);
${Object.values(workers).join("\n")}
`,
);

// Only the testers: the example instances have no test handler.
const run = (name) =>
  new Promise((resolve) => {
    const child = spawn("workerd", ["test", config, name], { stdio: "inherit" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", (error) => resolve(console.error(`workerd: ${error.message}`) ?? 1));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });

try {
  const status = (await run("tester")) || (await run("strict"));
  process.exitCode = status;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
