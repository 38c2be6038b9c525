// Every bundler, or a build-time error (issue 9, item 2). The package is installed from its
// tarball into a fresh project, as a user has it; each bundler (the versions package.json pins)
// bundles tests/bundlers/program.js there with its ordinary options, and the bundle runs in Node
// or in a Chromium page (playwright-core driving the system's Chromium, CHROMIUM), where it makes
// a dry run and three calls through a fake fetch. Each case checks which entry of the package the
// bundler took (from its own module graph), that it built without a warning, and the bytes it
// ships. Bundles that meet the package's `.wasm` import without a loader must fail at build time.
// The browser-page rules for the secret key (browser-key.js) run in Chromium too.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import nodeResolve from "@rollup/plugin-node-resolve";
import { build as esbuild } from "esbuild";
import { chromium } from "playwright-core";
import { rollup } from "rollup";
import { build as vite } from "vite";
import webpack from "webpack";
import { userProject } from "../../scripts/user-project.mjs";

const ORIGIN = "http://bundles.test";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let project;
let browser;
const rows = [];

before(async () => {
  project = userProject({ name: "clerk-bundlers", copy: { "tests/bundlers/program.js": "program.js", "tests/bundlers/settings-program.js": "settings-program.js", "tests/bundlers/browser-key.js": "browser-key.js" } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  project?.dispose();
});

/** The package's files a bundle took, by name (`node.js`, `embedded-wasm.js`...). */
const packageFiles = (paths) => paths.filter((p) => /node_modules\/clerk-instance-edge\//.test(p)).map((p) => p.split("/clerk-instance-edge/")[1]);

/** Every file under `dir` (relative paths). */
const filesUnder = (dir) => readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());

// Each build writes into `out` and answers { modules: paths the bundler read, warnings, script }:
// `script` is the JS file to run (Node) or to load in a page (with `module`: as a module script).
const builds = {
  async esbuild(options, file, program = "program.js") {
    const out = join(project.dir, "out", file);
    const result = await esbuild({ entryPoints: [join(project.dir, program)], bundle: true, minify: true, outfile: out, metafile: true, logLevel: "silent", ...options });
    return { modules: Object.keys(result.metafile.inputs), warnings: result.warnings.map((w) => w.text), script: out };
  },
  async vite(options, dir) {
    const out = join(project.dir, "out", dir);
    const warnings = [];
    const logger = { info() {}, warn: (m) => warnings.push(m), warnOnce: (m) => warnings.push(m), error: (m) => warnings.push(m), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false };
    if (!options.ssr) writeFileSync(join(project.dir, "index.html"), '<!doctype html>\n<script type="module" src="./program.js"></script>\n');
    const result = await vite({
      root: project.dir, configFile: false, base: "./", customLogger: logger,
      ...(options.ssr && { ssr: { noExternal: true } }),
      build: { outDir: out, emptyOutDir: true, ...(options.ssr && { ssr: "program.js" }) },
    });
    const chunks = [result].flat().flatMap((r) => r.output).filter((o) => o.type === "chunk");
    const modules = chunks.flatMap((c) => c.moduleIds ?? Object.keys(c.modules));
    return { modules, warnings, script: join(out, chunks.find((c) => c.isEntry).fileName), page: options.ssr ? undefined : join(out, "index.html") };
  },
  async webpack(options, file) {
    const out = join(project.dir, "out", file);
    const stats = await new Promise((resolve, reject) =>
      webpack({ mode: "production", context: project.dir, entry: "./program.js", output: { path: join(out, ".."), filename: file.split("/").pop() }, ...options }, (error, s) => (error ? reject(error) : resolve(s))),
    );
    const info = stats.toJson({ all: false, errors: true, warnings: true });
    if (info.errors.length) throw new Error(info.errors.map((e) => e.message).join("\n"));
    return { modules: [...stats.compilation.fileDependencies], warnings: info.warnings.map((w) => w.message), script: out };
  },
  async rollup(options, file) {
    const out = join(project.dir, "out", file);
    const warnings = [];
    const bundle = await rollup({ input: join(project.dir, "program.js"), plugins: [nodeResolve(options)], onwarn: (w) => warnings.push(w.message) });
    await bundle.write({ file: out, format: "esm" });
    return { modules: bundle.watchFiles, warnings, script: out };
  },
};

// bundler, options, output, the entry it must take, and where the bundle runs.
const CASES = [
  ["esbuild 0.28", "platform node, esm", () => builds.esbuild({ platform: "node", format: "esm" }, "esbuild-node.mjs"), "node.js", "node"],
  ["esbuild 0.28", "platform node, cjs", () => builds.esbuild({ platform: "node", format: "cjs" }, "esbuild-node.cjs"), "node.js", "node"],
  ["esbuild 0.28", "platform neutral, esm", () => builds.esbuild({ platform: "neutral", format: "esm" }, "esbuild-neutral.mjs"), "index.js", "node"],
  ["esbuild 0.28", "platform browser, esm", () => builds.esbuild({ platform: "browser", format: "esm" }, "esbuild-browser.mjs"), "browser.js", "module"],
  ["esbuild 0.28", "platform browser, iife", () => builds.esbuild({ platform: "browser", format: "iife" }, "esbuild-browser.js"), "browser.js", "script"],
  ["Vite 8", "app build (index.html)", () => builds.vite({}, "vite-app"), "browser.js", "page"],
  ["Vite 8", "SSR build, ssr.noExternal", () => builds.vite({ ssr: true }, "vite-ssr"), "node.js", "node"],
  ["webpack 5", "target web", () => builds.webpack({ target: "web" }, "webpack-web/main.js"), "browser.js", "script"],
  ["webpack 5", "target node", () => builds.webpack({ target: "node" }, "webpack-node/main.cjs"), "node.js", "node"],
  ["Rollup 4 + node-resolve 16", "browser: true", () => builds.rollup({ browser: true }, "rollup-browser.mjs"), "browser.js", "module"],
  ["Rollup 4 + node-resolve 16", "exportConditions: [node]", () => builds.rollup({ exportConditions: ["node"] }, "rollup-node.mjs"), "node.js", "node"],
  ["Rollup 4 + node-resolve 16", "defaults", () => builds.rollup({}, "rollup-default.mjs"), "index.js", "node"],
];

const KEY = "sk_test_BUNDLEDSECRET0123456789";
const EXPECTED = {
  dryRun: { body: '{"test_mode":true,"support_email":null}', authorization: "Bearer [redacted]" },
  updated: "undefined",
  allowlist: true,
  error: { api: true, status: 422, trace: "trace_bundle" },
  sent: [
    { url: "https://api.clerk.com/v1/instance", method: "PATCH", authorization: `Bearer ${KEY}`, body: '{"test_mode":true,"support_email":null}' },
    { url: "https://api.clerk.com/v1/instance/restrictions", method: "PATCH", authorization: `Bearer ${KEY}`, body: '{"allowlist":true}' },
    { url: "https://api.clerk.com/v1/instance", method: "GET", authorization: `Bearer ${KEY}`, body: null },
  ],
};

/** Runs a bundle in a fresh Node process; answers what the program left in `global` (awaited). */
function inNode(script, global = "clerkBundleResult") {
  const code = `await import(${JSON.stringify(`file://${script}`)}); console.log(JSON.stringify(await globalThis.${global}));`;
  const { status, stdout, stderr } = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: project.dir, encoding: "utf8" });
  assert.equal(status, 0, stderr);
  assert.equal(stderr, "", "the bundle printed to stderr");
  return JSON.parse(stdout);
}

/**
 * Loads a bundle in a Chromium page served from `out/` (no network: playwright answers every
 * request for ORIGIN from the files), as a module or a classic script, or an HTML page the
 * bundler wrote; answers what the page left in `global` (awaited).
 */
async function inChromium({ script, page: html }, how, global = "clerkBundleResult") {
  const out = join(project.dir, "out");
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  try {
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = decodeURIComponent(new URL(route.request().url()).pathname);
      if (path === "/__page.html") {
        const tag = how === "module" ? `<script type="module" src="/${relative(out, script)}"></script>` : `<script src="/${relative(out, script)}"></script>`;
        return route.fulfill({ contentType: "text/html", body: `<!doctype html>\n${tag}\n` });
      }
      const type = path.endsWith(".html") ? "text/html" : path.endsWith(".wasm") ? "application/wasm" : "text/javascript";
      return route.fulfill({ contentType: type, body: readFileSync(join(out, path)) }).catch(() => route.fulfill({ status: 404 }));
    });
    await page.goto(how === "page" ? `${ORIGIN}/${relative(out, html)}` : `${ORIGIN}/__page.html`);
    await page.waitForFunction((name) => globalThis[name] !== undefined, global);
    const result = await page.evaluate((name) => globalThis[name], global);
    assert.deepEqual(errors, [], "the page reported errors");
    return result;
  } finally {
    await page.close();
  }
}

/** Bytes of the files a bundle ships (not the HTML page): raw and gzipped, each file alone. */
function shipped(built) {
  const dir = built.page ? join(built.page, "..") : undefined;
  const files = dir ? filesUnder(dir).filter((f) => !f.endsWith(".html")).map((f) => join(dir, f)) : [built.script];
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

describe("bundled by each bundler, run where it targets", () => {
  for (const [bundler, options, build, entry, where] of CASES) {
    test(`${bundler}, ${options}: takes ${entry}, runs in ${where === "node" ? "Node" : "Chromium"}`, async () => {
      const built = await build();
      assert.deepEqual(built.warnings, [], "the bundler warned");
      const taken = packageFiles(built.modules);
      const entries = ["node.js", "browser.js", "index.js", "deno.js", "bun.js", "workerd.js", "edge-light.js"].filter((e) => taken.includes(e));
      assert.deepEqual(entries, [entry], `took ${taken}`);
      assert.ok(taken.includes("embedded-wasm.js"), "the module travels as JS");
      const result = where === "node" ? inNode(built.script) : await inChromium(built, where);
      assert.deepEqual(result, EXPECTED);
      const { raw, gzip } = shipped(built);
      const minified = /^(esbuild|webpack)/.test(bundler) || options.startsWith("app");
      rows.push(`${bundler}, ${options} | ${entry} | ${(raw / 1024).toFixed(1)} KiB${minified ? " minified" : ""}, ${(gzip / 1024).toFixed(1)} KiB gzip | ${where === "node" ? "Node" : "Chromium"}: works`);
    });
  }
});

// `clerk-instance-edge/settings`: its own entry for the condition, and only its own module.
describe("clerk-instance-edge/settings, bundled", () => {
  const SETTINGS_EXPECTED = {
    sent: ["GET https://api.clerk.com/v1/instance/protect"],
    changes: [{ field: "rulesEnabled", from: false, to: true }],
    unchanged: ["specterEnabled"],
    body: '{"rules_enabled":true}',
  };
  for (const [options, platform, entry, where] of [
    ["platform node, esm", "node", "settings/node.js", "node"],
    ["platform browser, esm", "browser", "settings/browser.js", "module"],
  ]) {
    test(`esbuild 0.28, ${options}: takes ${entry} and one module, runs in ${where === "node" ? "Node" : "Chromium"}`, async () => {
      const built = await builds.esbuild({ platform, format: "esm" }, `settings-${platform}.mjs`, "settings-program.js");
      assert.deepEqual(built.warnings, [], "the bundler warned");
      const taken = packageFiles(built.modules);
      assert.ok(taken.includes(entry), `took ${taken}`);
      assert.ok(taken.includes("embedded-settings-wasm.js") && !taken.includes("embedded-wasm.js"), `one module, the settings one: took ${taken}`);
      const result = where === "node" ? inNode(built.script, "clerkSettingsResult") : await inChromium(built, where, "clerkSettingsResult");
      assert.deepEqual(result, SETTINGS_EXPECTED);
      const { raw, gzip } = shipped(built);
      rows.push(`esbuild 0.28, ${options} (/settings) | ${entry} | ${(raw / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB gzip | ${where === "node" ? "Node" : "Chromium"}: works`);
    });
  }
});

describe("bundlers that meet the .wasm import without a loader fail at build time", () => {
  const refuse = (what, run, message) =>
    test(what, async () => {
      await assert.rejects(run, (error) => {
        const text = error.errors?.map((e) => e.text).join("\n") ?? error.message;
        assert.match(text, message);
        rows.push(`${what} | build error: ${text.split("\n")[0].replace(/ [^ ]*\/node_modules\//, " ")}`);
        return true;
      });
    });
  const entryPoints = () => [join(project.dir, "program.js")];
  refuse("esbuild, conditions workerd (Cloudflare) without a .wasm loader", () => esbuild({ entryPoints: entryPoints(), bundle: true, write: false, platform: "neutral", conditions: ["workerd", "worker", "browser"], logLevel: "silent" }), /No loader is configured for "\.wasm" files: .*clerk_instance_edge_bg\.wasm/);
  refuse("esbuild, conditions edge-light (Vercel) without Vercel's ?module plugin", () => esbuild({ entryPoints: entryPoints(), bundle: true, write: false, platform: "browser", conditions: ["edge-light", "worker", "browser"], logLevel: "silent" }), /No loader is configured for "\.wasm" files: .*clerk_instance_edge_bg\.wasm\?module/);
  refuse("webpack 5, target webworker (the worker condition)", () => builds.webpack({ target: "webworker" }, "webpack-webworker/main.js"), /export 'default' \(imported as 'module'\) was not found in '\.\/clerk_instance_edge_bg\.wasm'/);
});

describe("a secret key in a browser page (Chromium)", () => {
  let result;
  before(async () => {
    const out = join(project.dir, "out", "browser-key.mjs");
    await esbuild({ entryPoints: [join(project.dir, "browser-key.js")], bundle: true, minify: true, outfile: out, platform: "browser", format: "esm", logLevel: "silent" });
    result = await inChromium({ script: out }, "module", "clerkKeyResult");
  });

  test("it is a page: window and document are objects", () => {
    assert.deepEqual(result.page, { window: "object", document: "object" });
  });
  test("refused without dangerouslyAllowBrowser: true, saying why and how, without the key", () => {
    for (const refused of [result.refused, result.refusedWhenFalse]) {
      assert.equal(refused?.name, "ClerkInvalidOptionsError");
      assert.match(refused.message, /`secretKey` cannot be used in a browser \(a page or its Web Workers\): the secret key grants full access to the instance/);
      assert.match(refused.message, /pass `dangerouslyAllowBrowser: true` if you mean it/);
      assert.equal(refused.quotesKey, false, "the key is quoted back");
    }
  });
  test("a publishable key gets its own message, opted in or not, without the key", () => {
    for (const refused of [result.publishable, result.publishableOptedIn]) {
      assert.equal(refused?.name, "ClerkInvalidOptionsError");
      assert.match(refused.message, /`secretKey` is a publishable key \(pk_\.\.\.\); pass the secret key \(sk_live_\.\.\. or sk_test_\.\.\.\)/);
      assert.equal(refused.quotesKey, false, "the key is quoted back");
    }
  });
  test("with dangerouslyAllowBrowser: true, dry runs and calls work", () => {
    assert.deepEqual(result.optedIn, {
      dryRunAuthorization: "Bearer [redacted]",
      allowlist: true,
      sent: [{ url: "https://api.clerk.com/v1/instance/restrictions", authorization: "Bearer sk_live_PAGECANARY0123456789" }],
    });
  });
});

// A Worker started by a page runs in the browser too, and anyone who opens the page can read what
// it holds; it has no `window` or `document`, so the package also looks for `importScripts`: a
// function in Chromium's classic and module Workers, undefined in Node 20 and 22, Deno, Bun,
// workerd and the Edge Runtime (measured 2026-12-03).
test("a secret key in a browser Web Worker is refused too", async () => {
  const out = join(project.dir, "out", "worker-key.js");
  const program = `import { createInstanceClient } from "clerk-instance-edge";
try { createInstanceClient({ secretKey: "sk_live_WORKERCANARY" }); postMessage("accepted"); } catch (error) { postMessage(error.message); }`;
  await esbuild({ stdin: { contents: program, resolveDir: project.dir }, bundle: true, minify: true, outfile: out, platform: "browser", format: "iife", logLevel: "silent" });
  const page = await browser.newPage();
  try {
    await page.route(`${ORIGIN}/**`, (route) =>
      route.request().url().endsWith("/worker-key.js") ? route.fulfill({ contentType: "text/javascript", body: readFileSync(out) }) : route.fulfill({ contentType: "text/html", body: "<!doctype html>\n" }),
    );
    await page.goto(`${ORIGIN}/`);
    const answer = await page.evaluate(() => new Promise((resolve) => (new Worker("/worker-key.js").onmessage = (event) => resolve(event.data))));
    assert.match(answer, /cannot be used in a browser/);
  } finally {
    await page.close();
  }
});

test("the matrix", (t) => {
  for (const row of rows) t.diagnostic(row);
});
