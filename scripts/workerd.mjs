// Runs workers in workerd the way a deployment would see them: each entry is bundled by esbuild
// through the package's `workerd` condition (as wrangler does), the wasm module is attached as a
// compiled module, and `workerd test` runs the `test` handlers. Used by the runtime tests, the
// demo and the benchmarks.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const WASM = "clerk_instance_edge_bg.wasm";

/** How wrangler bundles a Worker: its conditions and main fields, the `.wasm` kept a module. */
export const WRANGLER_BUNDLE = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  external: ["*.wasm"],
};

const binding = ([name, value]) =>
  typeof value === "object" ? `(name = "${name}", service = "${value.service}")` : `(name = "${name}", text = ${JSON.stringify(value)})`;

/**
 * Bundles `workers` ({ name, entry, bindings, outbound, flags }) into a workerd config in a temporary
 * directory. Outbound fetches may reach loopback (and the internet when `internet`), unless a
 * worker names another worker as its `outbound`; services `external` ({ name: "host:port" }) are
 * reachable as service bindings. Returns `{ run, dispose, bundled }`, where `bundled[name]` lists
 * the files esbuild put in that worker's bundle.
 */
export async function prepareWorkerd({ workers, external = {}, internet = false }) {
  const dir = mkdtempSync(join(tmpdir(), "clerk-workerd-"));
  const definitions = [];
  const bundled = {};
  for (const { name, entry, bindings = {}, outbound = "outbound", flags = [] } of workers) {
    const { metafile } = await build({
      ...WRANGLER_BUNDLE,
      entryPoints: [entry],
      outfile: join(dir, name, "worker.js"),
      logLevel: "warning",
      metafile: true,
    });
    bundled[name] = Object.keys(metafile.inputs);
    mkdirSync(join(dir, name), { recursive: true });
    copyFileSync(new URL(`../pkg/${WASM}`, import.meta.url), join(dir, name, WASM));
    definitions.push(`const ${name} :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "${name}/worker.js"),
    (name = "${WASM}", wasm = embed "${name}/${WASM}"),
  ],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = [${flags.map((flag) => JSON.stringify(flag)).join(", ")}],
  bindings = [${Object.entries(bindings).map(binding).join(", ")}],
  globalOutbound = "${outbound}",
);`);
  }
  const allow = internet ? `["local", "public"], tlsOptions = (trustBrowserCas = true)` : `["local"]`;
  const services = [
    ...workers.map(({ name }) => `(name = "${name}", worker = .${name})`),
    `(name = "outbound", network = (allow = ${allow}))`,
    ...Object.entries(external).map(([name, address]) => `(name = "${name}", external = (address = "${address}", http = ()))`),
  ];
  const config = join(dir, "config.capnp");
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";\nconst config :Workerd.Config = (\n  services = [\n    ${services.join(",\n    ")},\n  ],\n);\n${definitions.join("\n")}\n`,
  );
  return {
    /** Runs `workerd test` (the `test` handlers, or only `service`'s); resolves to its exit status. */
    run({ quiet = false, service } = {}) {
      // Asynchronous, so that a stand-in in this process keeps answering; a hung test fails
      // after two minutes instead of stalling the run.
      const args = ["test", config, ...(service ? [service] : [])];
      const child = spawn("workerd", args, { stdio: quiet ? "ignore" : "inherit" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      return new Promise((resolve) => {
        child.on("error", (error) => resolve(console.error(`workerd: ${error.message}`) ?? 1));
        child.on("exit", (code) => resolve(code ?? 1));
      }).finally(() => clearTimeout(timer));
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
    bundled,
  };
}
