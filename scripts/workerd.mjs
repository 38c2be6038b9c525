// Runs workers in workerd the way a deployment would see them: each entry is bundled by esbuild
// through the package's `workerd` condition (as wrangler does), the wasm module is attached as a
// compiled module, and `workerd test` runs the `test` handlers. Used by the runtime tests and the
// demo.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const WASM = "clerk_instance_edge_bg.wasm";

const binding = ([name, value]) =>
  typeof value === "object" ? `(name = "${name}", service = "${value.service}")` : `(name = "${name}", text = ${JSON.stringify(value)})`;

/**
 * Runs `workerd test` over `workers` ({ name, entry, bindings }), with outbound fetches allowed to
 * loopback (and to the internet when `internet`), and services `external` ({ name: "host:port" })
 * reachable as service bindings. Returns workerd's exit status.
 */
export async function runWorkerd({ workers, external = {}, internet = false }) {
  const dir = mkdtempSync(join(tmpdir(), "clerk-workerd-"));
  try {
    copyFileSync(new URL(`../pkg/${WASM}`, import.meta.url), join(dir, WASM));
    const definitions = [];
    for (const { name, entry, bindings = {} } of workers) {
      await build({
        entryPoints: [entry],
        bundle: true,
        format: "esm",
        platform: "neutral",
        conditions: ["workerd", "worker"],
        external: ["*.wasm"],
        outfile: join(dir, name, "worker.js"),
        logLevel: "warning",
      });
      copyFileSync(join(dir, WASM), join(dir, name, WASM));
      definitions.push(`const ${name} :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "${name}/worker.js"),
    (name = "${WASM}", wasm = embed "${name}/${WASM}"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [${Object.entries(bindings).map(binding).join(", ")}],
  globalOutbound = "outbound",
);`);
    }
    const allow = internet ? `["local", "public"], tlsOptions = (trustBrowserCas = true)` : `["local"]`;
    const services = [
      ...workers.map(({ name }) => `(name = "${name}", worker = .${name})`),
      `(name = "outbound", network = (allow = ${allow}))`,
      ...Object.entries(external).map(([name, address]) => `(name = "${name}", external = (address = "${address}", http = ()))`),
    ];
    writeFileSync(
      join(dir, "config.capnp"),
      `using Workerd = import "/workerd/workerd.capnp";\nconst config :Workerd.Config = (\n  services = [\n    ${services.join(",\n    ")},\n  ],\n);\n${definitions.join("\n")}\n`,
    );
    // Asynchronous, so that a stand-in in this process keeps answering; a hung test fails after
    // two minutes instead of stalling the run.
    const child = spawn("workerd", ["test", join(dir, "config.capnp")], { stdio: "inherit" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    const status = await new Promise((resolve) => {
      child.on("error", (error) => resolve(console.error(`workerd: ${error.message}`) ?? 1));
      child.on("exit", (code) => resolve(code ?? 1));
    });
    clearTimeout(timer);
    return status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
