// Runs workers in workerd the way a deployment would see them: each entry is bundled by esbuild
// through the package's `workerd` condition (as wrangler does), the wasm module is attached as a
// compiled module, and `workerd test` runs the `test` handlers. Used by the runtime tests, the
// demo and the benchmarks.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

/** How wrangler bundles a Worker: its conditions and main fields, the `.wasm` kept a module. */
export const WRANGLER_BUNDLE = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  external: ["*.wasm"],
};

/**
 * As wrangler's module collector does, a `.wasm` import becomes a module beside the worker: the
 * import names it by its file name (wrangler adds a hash), wherever the importing file sits.
 */
const flatWasm = {
  name: "flat-wasm",
  setup(build) {
    build.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: `./${args.path.split("/").pop()}`, external: true }));
  },
};

const binding = ([name, value]) =>
  typeof value === "object" ? `(name = "${name}", service = "${value.service}")` : `(name = "${name}", text = ${JSON.stringify(value)})`;

/**
 * Bundles `workers` ({ name, entry, bindings, outbound, flags }) into a workerd config in a temporary
 * directory. Outbound fetches may reach loopback (and the internet when `internet`), unless a
 * worker names another worker as its `outbound`; services `external` ({ name: "host:port" }) are
 * reachable as service bindings. Returns `{ run, dispose, bundled, modules }`, where `bundled[name]` lists
 * the files esbuild put in that worker's bundle and `modules[name]` the .wasm modules attached to it.
 */
export async function prepareWorkerd({ workers, external = {}, internet = false }) {
  const dir = mkdtempSync(join(tmpdir(), "clerk-workerd-"));
  const definitions = [];
  const bundled = {};
  const modules = {};
  for (const { name, entry, bindings = {}, outbound = "outbound", flags = [] } of workers) {
    const { metafile } = await build({
      ...WRANGLER_BUNDLE,
      entryPoints: [entry],
      outfile: join(dir, name, "worker.js"),
      logLevel: "warning",
      metafile: true,
      plugins: [flatWasm],
    });
    bundled[name] = Object.keys(metafile.inputs);
    mkdirSync(join(dir, name), { recursive: true });
    // Attached as wrangler would: the modules the bundle imports (flatWasm named them `./<file>`), and only those.
    const imports = Object.values(metafile.outputs).flatMap((output) => output.imports);
    const wasms = [...new Set(imports.filter((i) => i.external && i.path.endsWith(".wasm")).map((i) => i.path.slice(2)))];
    modules[name] = wasms;
    for (const wasm of wasms) copyFileSync(new URL(`../pkg/${wasm}`, import.meta.url), join(dir, name, wasm));
    definitions.push(`const ${name} :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "${name}/worker.js"),
${wasms.map((wasm) => `    (name = "${wasm}", wasm = embed "${name}/${wasm}"),\n`).join("")}  ],
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
    modules,
  };
}
