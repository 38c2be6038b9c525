// The worker example as a user runs it: the package installed from its tarball into a fresh
// project, then `wrangler deploy --dry-run` (the bundle that would be uploaded) and
// `wrangler dev --local` against the stand-in Clerk API, driven over HTTP with the cases of
// tests/runtime/example.js. Run by `make test-wrangler`, which installs wrangler and its Node.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { deployDryRun, dev, exampleProject, run } from "../../scripts/wrangler.mjs";
import { cases } from "../runtime/example.js";
import { control } from "../runtime/support.js";
import { startStandin } from "../standin/server.mjs";

const SECRET_KEY = `sk_test_wrangler_${randomBytes(8).toString("hex")}`;
const ADMIN_TOKEN = randomBytes(16).toString("hex");

let project;
before(() => {
  project = exampleProject();
});
after(() => project?.dispose());

describe("wrangler deploy --dry-run", () => {
  test("runs the wrangler that worker-example/package.json pins, exactly", async () => {
    const pinned = JSON.parse(readFileSync(new URL("../../worker-example/package.json", import.meta.url), "utf8")).devDependencies.wrangler;
    assert.match(pinned, /^\d+\.\d+\.\d+$/, "an exact version, not a range");
    const { code, output } = await run(project.dir, ["--version"]);
    assert.equal(code, 0, output);
    assert.equal(output.trim(), pinned);
  });

  test("bundles the example and the settings entry's wasm (only that one), as a module beside it, without a warning", async (t) => {
    const outdir = join(project.dir, "upload");
    const { code, output } = await deployDryRun(project.dir, outdir);
    assert.equal(code, 0, output);
    assert.doesNotMatch(output, /WARNING|warn/i, "wrangler warned");
    const installed = join(project.dir, "node_modules", "clerk-instance-edge");
    // The package holds two modules; the example imports `clerk-instance-edge/settings`, whose module it is.
    const modules = readdirSync(installed).filter((file) => file.endsWith(".wasm")).sort();
    assert.deepEqual(modules, ["clerk_instance_edge_bg.wasm", "clerk_instance_edge_settings_bg.wasm"], "the installed package's modules");
    const wasmName = "clerk_instance_edge_settings_bg.wasm";
    const files = readdirSync(outdir).filter((file) => !file.endsWith(".map") && file !== "README.md");
    const uploaded = files.filter((file) => file.endsWith(".wasm"));
    assert.deepEqual(files.sort(), ["index.js", ...uploaded].sort(), `uploaded ${files}`);
    assert.equal(uploaded.length, 1, `uploaded ${files}`);
    assert.ok(uploaded[0].endsWith(`-${wasmName}`), `${uploaded[0]} is the package's ${wasmName}`);
    const wasm = readFileSync(join(outdir, uploaded[0]));
    assert.ok(wasm.equals(readFileSync(join(installed, wasmName))), "the wasm is uploaded as the package ships it");
    const bundle = readFileSync(join(outdir, "index.js"));
    assert.match(bundle.toString(), new RegExp(`^import \\w+ from "\\./${uploaded[0].replace(/\./g, "\\.")}";$`, "m"), "imported as a module");
    const total = /Total Upload: ([\d.]+ KiB) \/ gzip: ([\d.]+ KiB)/.exec(output);
    assert.ok(total, output);
    const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
    t.diagnostic(
      `wrangler upload: ${total[1]} (gzip ${total[2]}): index.js ${kib(bundle.length)} (gzip ${kib(gzipSync(bundle).length)}), ` +
        `${wasmName} ${kib(wasm.length)} (gzip ${kib(gzipSync(wasm).length)})`,
    );
  });
});

describe("wrangler dev against the stand-in", () => {
  let standin;
  let server;
  before(async () => {
    standin = await startStandin();
    server = await dev(project.dir, { CLERK_SECRET_KEY: SECRET_KEY, ADMIN_TOKEN, CLERK_API_URL: `${standin.url}/ns/wrangler` });
  });
  after(async () => {
    await server?.stop();
    await standin?.close();
  });

  /** A request to the example over HTTP; token `null` sends no Authorization header. */
  async function call(method, path, body, token = ADMIN_TOKEN) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token !== null && { authorization: `Bearer ${token}` }), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const context = { call, control: (action, body) => control(standin.url, "wrangler", action, body) };

  for (const [name, run] of Object.entries(cases)) test(name, () => run(context));

  test("wrangler shows the secrets as hidden and never prints the key", () => {
    const output = server.output();
    assert.match(output, /env\.CLERK_SECRET_KEY \("\(hidden\)"\)/, output);
    assert.ok(!output.includes(SECRET_KEY) && !output.includes(ADMIN_TOKEN), "a secret in wrangler's output");
    assert.match(output, /POST \/settings 502/, "wrangler logged the requests");
  });
});
