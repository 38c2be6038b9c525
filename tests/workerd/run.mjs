// Bundles a worker with esbuild through the package's `workerd` condition (as wrangler does),
// writes a workerd config that lets it reach the stand-in on loopback, and runs `workerd test`.
// Usage: node tests/workerd/run.mjs <worker.js> (STANDIN_URL from tests/with-standin.mjs).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const standin = new URL(process.env.STANDIN_URL);
const dir = mkdtempSync(join(tmpdir(), "clerk-workerd-"));
try {
  await build({
    entryPoints: [resolve(process.argv[2])],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker"],
    external: ["*.wasm"],
    outfile: join(dir, "worker.js"),
    logLevel: "warning",
  });
  copyFileSync(new URL("../../pkg/clerk_instance_edge_bg.wasm", import.meta.url), join(dir, "clerk_instance_edge_bg.wasm"));
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
    (name = "standin", external = (address = "${standin.host}", http = ())),
  ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "clerk_instance_edge_bg.wasm", wasm = embed "clerk_instance_edge_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "STANDIN_URL", text = "${standin.origin}"),
    (name = "STANDIN", service = "standin"),
  ],
  globalOutbound = "loopback",
);
`,
  );
  const run = spawnSync("workerd", ["test", join(dir, "config.capnp")], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
