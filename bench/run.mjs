// `make bench`: this package against @clerk/backend and a hand-written fetch, in one run, written
// to BENCHMARKS.md. Ratios (ours / theirs) are the headline; absolute times depend on the machine.
//
//   1. shipped bytes of a minimal Worker that calls instances.update, bundled as wrangler does
//   2. cold start: fresh Node processes (and workerd processes) from import to the first request
//   3. per call: sequential and concurrent updates against the stand-in on loopback
//   4. payload building alone, no network
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpus, totalmem } from "node:os";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import snakecaseKeys from "snakecase-keys";
import { createClerkClient } from "@clerk/backend";
import { createInstanceClient } from "clerk-instance-edge";
import { prepareWorkerd, WRANGLER_BUNDLE } from "../scripts/workerd.mjs";

const here = (file) => new URL(file, import.meta.url).pathname;
const KEY = "sk_test_BENCHMARKKEY0123456789";
const quick = process.env.BENCH_QUICK === "1";
const COLD_RUNS = quick ? 5 : 25;
// Start-up inside V8 is a few milliseconds, and its median over 25 processes moved by ±0.03x
// between runs: twice the processes (each is about 50 ms).
const STARTUP_RUNS = quick ? 5 : 50;
// workerd's own start-up varies by tens of milliseconds: many runs, and the spread reported.
const WORKERD_RUNS = quick ? 5 : 60;
const CALLS = quick ? 200 : 3000;
const CONCURRENCY = 50;
// The per-call figures move by 10-20% between runs on a shared machine: each is measured in
// blocks of CALLS calls, sequential and concurrent blocks alternating, and the headline gives
// the ratio over all calls with the range of the blocks' own ratios.
const BLOCKS = quick ? 1 : 3;
// Per call also on Node 22: Node 20 (end of life) builds an AbortSignal in JS, 3.5 µs each where
// Node 22 takes 0.2 µs, and every call with a timeout makes one. `make bench` names the Node 22 it
// installs.
const node22 = process.env.NODE22;
if (!node22) throw new Error("bench/run.mjs: set NODE22 to a Node 22 binary (make bench does)");

const median = (values) => quantile(values, 0.5);
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(2)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const version = (pkg) => JSON.parse(readFileSync(here(`../node_modules/${pkg}/package.json`), "utf8")).version;

// 1. Shipped bytes -----------------------------------------------------------------------------

async function bundle(worker) {
  const result = await build({
    ...WRANGLER_BUNDLE,
    entryPoints: [here(`workers/${worker}.js`)],
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const js = result.outputFiles[0].contents;
  // The package's .wasm module the bundle imports, if any (the core one, or the settings one).
  const imported = new TextDecoder().decode(js).match(/clerk_instance_edge(_settings)?_bg\.wasm/)?.[0];
  const wasm = imported ? readFileSync(here(`../pkg/${imported}`)) : new Uint8Array();
  const gz = (bytes) => (bytes.length ? gzipSync(bytes, { level: 9 }).length : 0);
  return { js: js.length, jsGz: gz(js), wasm: wasm.length, wasmGz: gz(wasm), raw: js.length + wasm.length, gz: gz(js) + gz(wasm) };
}

// 2. Cold start --------------------------------------------------------------------------------

/** One fresh Node process: milliseconds from the start of the import to the first fetch. */
function coldNode(which) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here("cold-child.mjs"), which], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`${which}: exit ${code}`))));
  });
}

/** Wall time of `workerd test` running one call of each worker, against a fake API worker:
 * median and quartiles per worker. */
async function coldWorkerd() {
  const names = ["empty", "raw", "official", "ours"];
  const workerd = await prepareWorkerd({
    workers: [
      // @clerk/backend reads `process`, so on Workers it needs the nodejs_compat flag.
      ...names.map((name) => ({
        name,
        entry: here(`workers/test-${name}.js`),
        bindings: { CLERK_SECRET_KEY: KEY },
        outbound: "fakeapi",
        flags: name === "official" ? ["nodejs_compat"] : [],
      })),
      { name: "fakeapi", entry: here("workers/fakeapi.js") },
    ],
  });
  const times = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let i = 0; i < WORKERD_RUNS; i++) {
      for (const name of names) {
        const started = performance.now();
        if ((await workerd.run({ quiet: true, service: name })) !== 0) throw new Error(`workerd ${name} failed`);
        times[name].push(performance.now() - started);
      }
    }
  } finally {
    workerd.dispose();
  }
  const spread = (values) => ({ median: median(values), q1: quantile(values, 0.25), q3: quantile(values, 0.75) });
  return Object.fromEntries(names.map((name) => [name, spread(times[name])]));
}

/**
 * Start-up inside V8 (bench/startup-child.mjs), fresh Node processes interleaved: the minimal
 * Workers of section 1, bundled as wrangler does but with the `.wasm` import served from
 * `globalThis.__startupWasm` (a compiled module, as a Worker's upload gives it).
 */
async function startupV8() {
  const dir = mkdtempSync(join(tmpdir(), "clerk-startup-"));
  const fromGlobal = {
    name: "wasm from a global",
    setup(build) {
      build.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: args.path, namespace: "startup-wasm" }));
      build.onLoad({ filter: /.*/, namespace: "startup-wasm" }, () => ({ contents: "export default globalThis.__startupWasm;", loader: "js" }));
    },
  };
  try {
    const files = {};
    const workers = ["empty", "ours", "official"];
    for (const worker of workers) {
      files[worker] = join(dir, `${worker}.mjs`);
      await build({ ...WRANGLER_BUNDLE, external: [], plugins: [fromGlobal], entryPoints: [here(`workers/${worker}.js`)], minify: true, outfile: files[worker], logLevel: "silent" });
    }
    const wasm = here("../pkg/clerk_instance_edge_bg.wasm");
    const samples = { empty: [], ours: [], official: [] };
    for (let i = 0; i < STARTUP_RUNS; i++) {
      for (const worker of workers) {
        const args = [here("startup-child.mjs"), files[worker], ...(worker === "ours" ? [wasm] : [])];
        samples[worker].push(JSON.parse(String(execFileSync(process.execPath, args))));
      }
    }
    const summary = (list) => Object.fromEntries(Object.keys(list[0]).map((key) => [key, median(list.map((s) => s[key]))]));
    const result = { empty: summary(samples.empty), ours: summary(samples.ours), official: summary(samples.official) };
    // What Node's module loader costs for any file is not the package's: the empty Worker's.
    for (const worker of ["ours", "official"]) result[worker].netMs = result[worker].totalMs - result.empty.totalMs;
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 3. Per call ----------------------------------------------------------------------------------

async function startStandinProcess() {
  const child = spawn(process.execPath, [here("../tests/standin/server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((resolve) => child.stdout.once("data", (chunk) => resolve(String(chunk))));
  return { url: JSON.parse(line).url, stop: () => child.kill("SIGTERM") };
}

function callers(apiBase) {
  const ours = createInstanceClient({ secretKey: KEY, apiUrl: `${apiBase}/ns/ours` });
  const official = createClerkClient({ secretKey: KEY, apiUrl: `${apiBase}/ns/official` });
  const rawUrl = `${apiBase}/ns/raw/v1/instance`;
  const raw = async (signal) => {
    const response = await fetch(rawUrl, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${KEY}`, "Clerk-API-Version": "2026-05-12", "User-Agent": "raw", "Content-Type": "application/json" },
      body: JSON.stringify({ test_mode: true }),
      signal,
    });
    await response.arrayBuffer();
    if (response.status !== 204) throw new Error(`raw: ${response.status}`);
  };
  return {
    raw: () => raw(undefined),
    // The same hand-written call with a per-attempt timeout, as this package has on every call.
    rawTimeout: async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        await raw(controller.signal);
      } finally {
        clearTimeout(timer);
      }
    },
    official: () => official.instance.update({ testMode: true }), // 3.x names it `instance`
    ours: () => ours.instances.update({ testMode: true }),
  };
}

/** Per-call latencies, the clients interleaved call by call (or batch by batch). */
async function perCall(apiBase, concurrency) {
  const clients = callers(apiBase);
  const names = Object.keys(clients);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) await clients[name](); // warm: connections, JIT
  const rounds = concurrency === 1 ? CALLS : CALLS / concurrency;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          const started = performance.now();
          await clients[name]();
          times[name].push(performance.now() - started);
        }),
      );
    }
  }
  return times;
}

/** Medians and p99 of each client over every block's calls, and each block's medians. */
function pooled(blocks) {
  const names = Object.keys(blocks[0]);
  const summary = (times) => ({ median: median(times), p99: quantile(times, 0.99) });
  const result = Object.fromEntries(names.map((name) => [name, summary(blocks.flatMap((block) => block[name]))]));
  result.blocks = blocks.map((block) => Object.fromEntries(names.map((name) => [name, median(block[name])])));
  return result;
}

/**
 * What each client adds to a call, without a network (see overhead-child.mjs), on the Node given
 * (this one by default).
 */
function overhead(node = process.execPath) {
  const calls = quick ? 5_000 : 50_000;
  const out = execFileSync(node, [here("overhead-child.mjs"), String(calls)]);
  return JSON.parse(String(out));
}

// 4. Payload building --------------------------------------------------------------------------

function payloads() {
  const params = { testMode: true, supportEmail: null, allowedOrigins: ["https://app.example.com", "capacitor://localhost"] };
  const dry = createInstanceClient({ secretKey: KEY }).dryRun.instances;
  const builders = {
    raw: () => JSON.stringify({ test_mode: params.testMode, support_email: params.supportEmail, allowed_origins: params.allowedOrigins }),
    official: () => JSON.stringify(snakecaseKeys(params, { deep: false })),
    ours: () => dry.update(params).body,
  };
  const expected = builders.raw();
  for (const [name, make] of Object.entries(builders)) if (make() !== expected) throw new Error(`${name} builds ${make()}`);
  const n = quick ? 20_000 : 200_000;
  const result = {};
  for (const [name, make] of Object.entries(builders)) {
    const samples = [];
    for (let run = 0; run < 5; run++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < n; i++) make();
      samples.push(Number(process.hrtime.bigint() - started) / n);
    }
    result[name] = median(samples);
  }
  return result;
}

/** Section 3 on this Node: blocks of sequential and concurrent calls against the stand-in. */
async function perCallAll() {
  const standin = await startStandinProcess();
  try {
    const blocks = { sequential: [], concurrent: [] };
    for (let block = 0; block < BLOCKS; block++) {
      blocks.sequential.push(await perCall(standin.url, 1));
      blocks.concurrent.push(await perCall(standin.url, CONCURRENCY));
    }
    return { sequential: pooled(blocks.sequential), concurrent: pooled(blocks.concurrent) };
  } finally {
    standin.stop();
  }
}

// Run and report -------------------------------------------------------------------------------

if (process.env.BENCH_PER_CALL_ONLY === "1") {
  process.stdout.write(JSON.stringify(await perCallAll()));
  process.exit(0);
}

const sizes = { ours: await bundle("ours"), official: await bundle("official"), raw: await bundle("raw"), settings: await bundle("settings") };
const coldTimes = { ours: [], official: [] };
for (let i = 0; i < COLD_RUNS; i++) for (const which of ["ours", "official"]) coldTimes[which].push(await coldNode(which));
const cold = { ours: median(coldTimes.ours), official: median(coldTimes.official) };
const v8 = await startupV8();
const workerdCold = await coldWorkerd();
const { sequential, concurrent } = await perCallAll();
// The same on Node 22, in a process of its own (see `node22` above).
const perCall22 = JSON.parse(String(execFileSync(node22, [here("run.mjs")], { env: { ...process.env, BENCH_PER_CALL_ONLY: "1" }, stdio: ["ignore", "pipe", "inherit"] })));
const build_ = payloads();
const added = overhead();
const added22 = overhead(node22);
const node22Version = String(execFileSync(node22, ["--version"])).trim();

const cpu = cpus()[0]?.model ?? "unknown CPU";
const workerdVersion = execFileSync("workerd", ["--version"]).toString().trim();
const row = (name, s) => `| ${name} | ${s.js} | ${s.jsGz} | ${s.wasm} | ${s.wasmGz} | **${kb(s.gz)}** | ${kb(s.raw)} |`;
const latency = (table, name) => `| ${name} | ${ms(table[name].median)} | ${ms(table[name].p99)} | ${ratio(table[name].median, table.raw.median)} |`;
/** The latency table of one run of section 3 (`sequential` or `concurrent`), a row per client. */
const latencies = (table) => `| client | median | p99 | vs raw fetch |\n|---|---|---|---|\n${["raw", "rawTimeout", "official", "ours"].map((n) => latency(table, n)).join("\n")}`;
const workerdOver = (name) => workerdCold[name].median - workerdCold.empty.median;
const us = (value) => `${value.toFixed(1)} µs`;
/** `ours / other` over all calls, with the range of the blocks' ratios when there are several. */
const blockRatio = (table, other) => {
  const all = ratio(table.ours.median, table[other].median);
  if (table.blocks.length < 2) return all;
  const each = table.blocks.map((block) => block.ours / block[other]);
  return `${all} (blocks ${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}×)`;
};
const perCallRatios = (table) => `${blockRatio(table, "official")}; ${blockRatio(table, "raw")} of raw fetch, ${blockRatio(table, "rawTimeout")} of raw fetch with a timeout`;

const report = `# Benchmarks

Produced by \`make bench\` (\`node bench/run.mjs\`) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${workerdVersion},
@clerk/backend ${version("@clerk/backend")}, esbuild ${version("esbuild")}, clerk-instance-edge ${version("clerk-instance-edge")}.
Ratios are the headline: absolute times depend on the machine.

## Headline

| measure | ours / @clerk/backend | target |
|---|---|---|
| bytes a Worker ships (gzip) | ${ratio(sizes.ours.gz, sizes.official.gz)} (${kb(sizes.ours.gz)} vs ${kb(sizes.official.gz)}) | at most 0.5×, and at most 20 KB |
| cold start, Node (import to first request) | ${ratio(cold.ours, cold.official)} (${ms(cold.ours)} vs ${ms(cold.official)}) | at most 0.25× |
| start-up inside V8: compile + evaluate + first call, over an empty Worker (median) | ${ratio(v8.ours.netMs, v8.official.netMs)} (${ms(v8.ours.netMs)} vs ${ms(v8.official.netMs)}) | none set: measured (issue 12) |
| cold start, workerd (median over an empty Worker) | ${ms(workerdOver("ours"))} vs ${ms(workerdOver("official"))}, inside workerd's start-up spread (IQR ${ms(workerdCold.empty.q3 - workerdCold.empty.q1)}): not resolvable this way | at most 0.33× |
| per call, sequential (median) | ${perCallRatios(sequential)}; on Node ${node22Version}: ${perCallRatios(perCall22.sequential)} | no slower; within 1.10× of raw fetch with a timeout |
| per call, ${CONCURRENCY} concurrent (median) | ${perCallRatios(concurrent)}; on Node ${node22Version}: ${perCallRatios(perCall22.concurrent)} | no slower; within 1.10× of raw fetch with a timeout |
| what a call adds, no network | ${ratio(added.ours - added.raw, added.official - added.raw)} (${us(added.ours - added.raw)} vs ${us(added.official - added.raw)} over a raw fetch, ${us(added.rawTimeout - added.raw)} of it the timeout's AbortController and timer); on Node ${node22Version}: ${ratio(added22.ours - added22.raw, added22.official - added22.raw)} (${us(added22.ours - added22.raw)} vs ${us(added22.official - added22.raw)}, the timeout ${us(added22.rawTimeout - added22.raw)}) | (no target) |
| building an update body | ${ratio(build_.ours, build_.official)} (${build_.ours.toFixed(0)} ns vs ${build_.official.toFixed(0)} ns) | (no target) |

## 1. Bytes a Worker ships for one \`instances.update\`

Each Worker in \`bench/workers/\` bundled by esbuild as wrangler does (conditions \`workerd\`,
\`worker\`, \`browser\`; minified; the \`.wasm\` kept as a module), each file gzipped alone (level 9).

| Worker | JS bytes | JS gzip | wasm bytes | wasm gzip | total gzip | total raw |
|---|---|---|---|---|---|---|
${row("clerk-instance-edge", sizes.ours)}
${row("@clerk/backend", sizes.official)}
${row("hand-written fetch (the floor)", sizes.raw)}
${row("clerk-instance-edge/settings, \`settings.apply\` (no counterpart elsewhere)", sizes.settings)}

## 2. Cold start

Node: ${COLD_RUNS} fresh processes each, interleaved (\`bench/cold-child.mjs\`); the time from the
start of \`import()\` to the moment the first request is handed to \`fetch\` (a stub answering 204),
median.

| | median |
|---|---|
| clerk-instance-edge | ${ms(cold.ours)} |
| @clerk/backend | ${ms(cold.official)} |

Inside V8: ${STARTUP_RUNS} fresh Node processes each, interleaved (\`bench/startup-child.mjs\`), on the
minimal Workers of section 1 bundled as wrangler does, the \`.wasm\` given as a compiled module
the way a Worker's upload gives it: compiling the \`.wasm\` (\`new WebAssembly.Module\`), evaluating
the bundle, and the first call up to the request handed to \`fetch\` (instantiating the module
included), medians. This is what a cold isolate pays for the package, without workerd's process
start-up around it.

| | compile .wasm | evaluate bundle | first call | total | over the empty Worker |
|---|---|---|---|---|---|
| empty Worker (Node's loader) | — | ${ms(v8.empty.evaluateMs)} | ${ms(v8.empty.firstCallMs)} | ${ms(v8.empty.totalMs)} | |
| clerk-instance-edge | ${ms(v8.ours.compileMs)} | ${ms(v8.ours.evaluateMs)} | ${ms(v8.ours.firstCallMs)} | ${ms(v8.ours.totalMs)} | **${ms(v8.ours.netMs)}** |
| @clerk/backend | — | ${ms(v8.official.evaluateMs)} | ${ms(v8.official.firstCallMs)} | ${ms(v8.official.totalMs)} | **${ms(v8.official.netMs)}** |

Node's web globals that load lazily (fetch's classes, \`AbortController\`, the encoders) are loaded
before the clock starts: a Worker's runtime has them built in.

workerd: ${WORKERD_RUNS} runs each of \`workerd test\` on one Worker that makes one \`instances.update\`
against a fake API Worker; wall time of the whole process, median, minus the same for a Worker
that does nothing (workerd freezes its clocks during a request, so this is measured from outside).
\`@clerk/backend\` reads \`process\`, so its Worker runs with the \`nodejs_compat\` flag it needs
there; the others run without it.

| Worker | median wall time | quartiles | median over the empty Worker |
|---|---|---|---|
${["empty", "raw", "official", "ours"].map((n) => `| ${n} | ${ms(workerdCold[n].median)} | ${ms(workerdCold[n].q1)} – ${ms(workerdCold[n].q3)} | ${n === "empty" ? "" : ms(workerdOver(n))} |`).join("\n")}

The differences between Workers are smaller than the spread of workerd's own start-up, so this
measure cannot rank them; the Node figures above are the reliable cold-start comparison.

## 3. Per call

\`instances.update({ testMode: true })\` against the stand-in Clerk API (\`tests/standin\`, a
separate Node process on loopback, keep-alive), ${BLOCKS} blocks of ${CALLS} calls per client
(sequential and concurrent blocks alternating), the clients interleaved call by call in one
process; medians over all blocks, and in the headline the range of the blocks' own ratios.
The stand-in's own work (parsing, checking, recording) is in every
figure. \`rawTimeout\` is the hand-written call with the per-attempt timeout this package puts on
every call (an AbortController and a timer): it shows what the timeout itself costs.

Sequential:

${latencies(sequential)}

${CONCURRENCY} concurrent (latency of each call within its batch):

${latencies(concurrent)}

The same on Node ${node22Version} (a process of its own), sequential:

${latencies(perCall22.sequential)}

and ${CONCURRENCY} concurrent:

${latencies(perCall22.concurrent)}

What each client adds to a call, without a network: the same call against an instant \`fetch\`
that answers 204 (median of 5 runs of ${quick ? "5,000" : "50,000"} calls). This is the cost the
library puts on every call, whatever the API's latency: validation, the body, the request, the
timeout's AbortController and timer, and reading the answer. \`rawTimeout\` is the raw call with
that timeout and nothing else.

| client | µs per call, Node ${process.version} | added over a raw fetch | µs per call, Node ${node22Version} | added over a raw fetch |
|---|---|---|---|---|
${["raw", "rawTimeout", "official", "ours"].map((n) => `| ${n} | ${us(added[n])} | ${n === "raw" ? "" : us(added[n] - added.raw)} | ${us(added22[n])} | ${n === "raw" ? "" : us(added22[n] - added22.raw)} |`).join("\n")}

Node 20 builds an AbortSignal in JS (about 3.5 µs each, where Node 22 takes 0.2 µs): that is the
difference between the two columns' \`rawTimeout\` rows, and most of what separates the columns'
\`ours\` rows. @clerk/backend puts no timeout on its calls, so it pays none of it.

## 4. Building an update body (no network)

\`{ testMode: true, supportEmail: null, allowedOrigins: [two origins] }\` to its wire body, median
of 5 runs: ours is \`clerk.dryRun.instances.update\` (decoding, validation, the body and the
request, through wasm); the official SDK's path is \`snakecase-keys\` ${version("snakecase-keys")}
(what it bundles) plus \`JSON.stringify\`; raw writes the body by hand.

| path | ns per body |
|---|---|
| raw | ${build_.raw.toFixed(0)} |
| @clerk/backend's path | ${build_.official.toFixed(0)} |
| clerk-instance-edge | ${build_.ours.toFixed(0)} |
`;
writeFileSync(here("../BENCHMARKS.md"), report);
console.log(report);
