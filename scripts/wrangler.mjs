// wrangler as a user runs it, for the wrangler tests and the demo: the worker example copied into
// a fresh project with the package installed from the tarball (scripts/user-project.mjs), and the
// wrangler that worker-example/package.json pins, on the Node 22 it needs (both installed into
// .tools/ by the Makefile, which passes their paths).
import { spawn } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fromMake, userProject } from "./user-project.mjs";

/** A fresh project holding worker-example/'s Worker and the package installed from the tarball. */
export const exampleProject = () =>
  userProject({ name: "clerk-settings-admin", copy: { "worker-example/src/": "src", "worker-example/wrangler.toml": "wrangler.toml" } });

/**
 * The environment wrangler runs in: Node 22 first on the PATH, nothing sent to Cloudflare, and
 * not the caller's Clerk variables (the Worker gets its own through `.dev.vars`).
 */
function environment(dir) {
  const inherited = { ...process.env };
  delete inherited.CLERK_SECRET_KEY;
  delete inherited.CLERK_API_URL;
  return {
    ...inherited,
    PATH: `${dirname(fromMake("WRANGLER_NODE"))}:${process.env.PATH}`,
    WRANGLER_SEND_METRICS: "false",
    // Without it, `wrangler dev` fetches the `Request.cf` placeholder from Cloudflare on every
    // start, and warns twice when offline.
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: join(dir, ".wrangler", "logs"),
  };
}

/** Starts `wrangler args...` in `dir`, in its own process group so that stopping it stops workerd too. */
function start(dir, args) {
  const child = spawn(fromMake("WRANGLER_NODE"), [fromMake("WRANGLER_JS"), ...args], {
    cwd: dir,
    env: environment(dir),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const listeners = new Set();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (text) => {
      output += text;
      for (const listener of listeners) listener(text);
    });
  }
  const exited = new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => output, listen: (listener) => listeners.add(listener) };
}

/** `wrangler args...` in `dir`, to its end: resolves to `{ code, output }`. */
export async function run(dir, args) {
  const wrangler = start(dir, args);
  const code = await wrangler.exited;
  return { code, output: wrangler.output() };
}

/** `wrangler deploy --dry-run --outdir <outdir>`: resolves to `{ code, output }`. */
export const deployDryRun = (dir, outdir) => run(dir, ["deploy", "--dry-run", "--outdir", outdir]);

/**
 * `wrangler dev --local` on a free loopback port, with `vars` (secrets included) in `.dev.vars`,
 * which wrangler shows as "(hidden)". Resolves once it is ready to `{ url, output(), onOutput(fn),
 * stop() }`; rejects with its output if it exits or is not ready within a minute.
 */
export async function dev(dir, vars) {
  const file = join(dir, ".dev.vars");
  writeFileSync(file, Object.entries(vars).map(([name, value]) => `${name}=${JSON.stringify(value)}\n`).join(""));
  chmodSync(file, 0o600);
  const run = start(dir, ["dev", "--local", "--ip", "127.0.0.1", "--port", "0", "--inspector-port", "0"]);
  const stop = async () => {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill("SIGINT");
      const timer = setTimeout(() => process.kill(-run.child.pid, "SIGKILL"), 10_000);
      await run.exited;
      clearTimeout(timer);
    }
    // Whatever wrangler left of its group (workerd), if it did not stop it itself.
    try {
      process.kill(-run.child.pid, "SIGKILL");
    } catch {
      // the group is gone: the usual case
    }
  };
  const ready = new Promise((resolve, reject) => {
    const found = () => /Ready on (http:\/\/\S+)/.exec(run.output())?.[1];
    run.listen(() => found() && resolve(found()));
    run.exited.then((code) => reject(new Error(`wrangler dev exited (${code}) before it was ready:\n${run.output()}`)));
    setTimeout(() => reject(new Error(`wrangler dev was not ready within a minute:\n${run.output()}`)), 60_000).unref();
  });
  try {
    const url = await ready;
    return { url, output: run.output, onOutput: run.listen, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
