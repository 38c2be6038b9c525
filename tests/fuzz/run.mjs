#!/usr/bin/env node
// Fuzzes everything of the npm package that takes outside data: params of every operation (and
// of their dry runs), call options, client options, and what fetch answers. In Node, through the
// real package, with a fake fetch. See README.md here for the invariants and the options.
//
//   node tests/fuzz/run.mjs                     # the short run (make test)
//   node tests/fuzz/run.mjs --cases 200000      # a long run (make fuzz)
//   node tests/fuzz/run.mjs --seed 42 --case 17 # replays one case, verbosely
import { performance } from "node:perf_hooks";
import { Dispatcher } from "./fetch.mjs";
import { checkHealth, checkPrototypes, describe, notes, snapshotPrototypes } from "./invariants.mjs";
import { Rng, caseRng } from "./rng.mjs";
import { discover, pkg } from "./schema.mjs";
import { selfCheck } from "./selfcheck.mjs";
import {
  callOptionsCase, clientOptionsCase, concurrentCase, fetchCase, guardCase, innerOutcomes, paramsCase, responsesCase, secretKey, stackCase, validCase,
} from "./cases.mjs";

const CATEGORIES = {
  params: [30, paramsCase],
  valid: [14, validCase],
  responses: [24, responsesCase],
  fetch: [10, fetchCase],
  "call-options": [9, callOptionsCase],
  "client-options": [11, clientOptionsCase],
  concurrent: [3, concurrentCase],
  guard: [2, guardCase],
  stack: [2, stackCase],
};

/** Inputs that can be left out with --skip, one per finding, so a known bug need not block. */
const SKIPPABLE = {
  "forged-marker": "objects with a \"\\u0000\" key (they look like the package's internal markers)",
  "throw-non-error": "thrown values that String() cannot convert (Object.create(null), throwing toString/message)",
  "signal-not-abortsignal": "call options whose signal is an object that is not an AbortSignal",
  "fetch-ignores-abort": "a fetch (or body) that never settles and ignores the abort signal",
  "big-integers": "integers above 2^53 in response bodies",
  "signal-getter-throws": "call options whose non-enumerable signal getter throws",
  "toJSON-undefined": "objects whose toJSON returns undefined, a function or a symbol",
  "deep-call-options": "call options nested more than 64 levels deep",
  "reader-not-a-reader": "a body whose getReader() answers something without a read() method",
  "stack-getters": "calls near the stack limit whose params or options are read through getters",
  "signal-passes-brand-check": "call options whose signal is a Proxy that passes Node's AbortSignal brand check",
};

function parseArgs(argv) {
  const args = { cases: 1000, seed: null, case: null, only: null, skip: new Set(), maxFailures: 8, callLimitMs: 2000, amplify: 1100, verbose: false, selfCheckOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, null];
    const value = () => inline ?? next();
    switch (flag) {
      case "--cases": args.cases = Number(value()); break;
      case "--seed": args.seed = Number(value()) >>> 0; break;
      case "--case": args.case = Number(value()); break;
      case "--only": args.only = value().split(",").filter(Boolean); break;
      case "--skip": for (const s of value().split(",").filter(Boolean)) args.skip.add(s); break;
      case "--max-failures": args.maxFailures = Number(value()); break;
      case "--call-limit": args.callLimitMs = Number(value()); break;
      case "--amplify": args.amplify = Number(value()); break;
      case "--verbose": case "-v": args.verbose = true; break;
      case "--self-check": args.selfCheckOnly = true; break;
      case "--help": case "-h":
        console.log(`usage: node tests/fuzz/run.mjs [--cases N] [--seed S] [--case K] [--only ${Object.keys(CATEGORIES).join(",")}]
       [--skip ${Object.keys(SKIPPABLE).join(",")}] [--max-failures N] [--call-limit MS] [--amplify N] [--verbose] [--self-check]
skippable inputs:\n${Object.entries(SKIPPABLE).map(([k, d]) => `  ${k}: ${d}`).join("\n")}`);
        process.exit(0);
      default: throw new Error(`unknown argument ${a} (see --help)`);
    }
  }
  for (const s of args.skip) if (!SKIPPABLE[s]) throw new Error(`--skip ${s}: not one of ${Object.keys(SKIPPABLE).join(", ")}`);
  for (const c of args.only ?? []) if (!CATEGORIES[c]) throw new Error(`--only ${c}: not one of ${Object.keys(CATEGORIES).join(", ")}`);
  if (!(args.cases >= 0)) throw new Error("--cases must be a number");
  return args;
}

const MiB = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Categories whose inputs cross into wasm synchronously (params, options): worth repeating. */
const AMPLIFIED = new Set(["params", "valid", "call-options", "client-options", "concurrent"]);

/** Runs case `index` again `times` times (at most 10 s), checking the module's health as it goes. */
async function amplify(index, pick, env, times) {
  const t0 = performance.now();
  const hide = () => {};
  for (let r = 1; r <= times; r++) {
    const { rng, category } = pick(index);
    await CATEGORIES[category][1](rng, env).catch(hide);
    if (r % 64 === 0 || r === times || performance.now() - t0 > 10_000) {
      const health = await checkHealth(env.main.clerk, env.main.dispatcher, "after repeating", env.limitMs);
      if (health.length) {
        return [{
          code: health.some((x) => x.code === "wasm-trap") ? "wasm-trap" : "health",
          sig: "amplified",
          msg: `the module broke after case ${index} was repeated ${r} times (each time an exception escaped): ${health[0].msg}`,
        }];
      }
      if (performance.now() - t0 > 10_000) break;
    }
  }
  return [];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const seed = args.seed ?? (Math.random() * 2 ** 32) >>> 0;

  // Faults outside any awaited promise: attributed to the case that was running.
  let current = null;
  const unhandled = [];
  process.on("unhandledRejection", (reason) => unhandled.push({ case: current, what: `unhandled rejection: ${describe(reason)}` }));
  process.on("uncaughtException", (error) => unhandled.push({ case: current, what: `uncaught exception: ${describe(error)}` }));

  const wrong = await selfCheck({ unhandled });
  if (wrong.length) {
    console.error(`fuzz: the checker's self-check failed:\n${wrong.map((w) => `  - ${w}`).join("\n")}`);
    process.exit(2);
  }
  if (args.selfCheckOnly) {
    console.log("fuzz: self-check passed");
    return;
  }

  // No request may reach the network: the global fetch is a dispatcher too.
  const globalDispatcher = new Dispatcher();
  globalThis.fetch = globalDispatcher.fetch;

  const ops = discover(globalDispatcher.fetch);
  // The long-lived clients: made once, used by every category for the whole run, and each
  // health-checked after every case. They share one secret key, which the params and fetch
  // categories also pass as param names and values.
  const secret = secretKey(new Rng(seed, 1e9));
  const mk = (label, options, maxAttempts, maxDelayMs, shape = "function") => {
    const dispatcher = new Dispatcher();
    const fetch = shape === "object" ? { fetch: dispatcher.fetch } : shape === "binding" ? new (class Binding { fetch(u, i) { return dispatcher.fetch(u, i); } })() : dispatcher.fetch;
    const create = shape === "binding" ? pkg.createClerkClient : pkg.createInstanceClient;
    const clerk = create({ secretKey: secret, fetch, ...options });
    return { label, clerk, dispatcher, maxAttempts, maxDelayMs, timeoutMs: options.timeoutMs };
  };
  const pool = [
    mk("A (retry 2 attempts ≤5 ms, timeout 25 ms)", { retry: { maxAttempts: 2, maxDelayMs: 5, baseDelayMs: 2 }, timeoutMs: 25 }, 2, 5),
    mk("B (retry off, timeout 25 ms)", { retry: false, timeoutMs: 25 }, 1, 0),
    mk("C (retry 3 attempts ≤5 ms, timeout 30 ms, {fetch} object)", { retry: { maxAttempts: 3, maxDelayMs: 5 }, timeoutMs: 30 }, 3, 5, "object"),
    mk("D (createClerkClient, retry 2 attempts ≤3 ms, timeout 40 ms, a binding)", { retry: { maxAttempts: 2, maxDelayMs: 3, baseDelayMs: 1 }, timeoutMs: 40 }, 2, 3, "binding"),
  ];
  const [first, second] = pool;

  // Real package errors, for the isClerkAPIResponseError cases.
  const samples = {};
  first.dispatcher.reset([{ kind: "status", status: 404, body: '{"errors":[{"code":"resource_not_found","message":"nope"}]}' }]);
  samples.api = await first.clerk.instances.get().catch((e) => e);
  samples.params = await first.clerk.instances.update({ testmode: true }).catch((e) => e);
  second.dispatcher.reset([{ kind: "reject", value: new TypeError("fetch failed") }]);
  samples.network = await second.clerk.instances.get().catch((e) => e);
  const ok = [[samples.api, pkg.ClerkAPIResponseError], [samples.params, pkg.ClerkInvalidParamsError], [samples.network, pkg.ClerkNetworkError]];
  if (!ok.every(([e, C]) => e instanceof C)) throw new Error("fuzz: could not make sample errors");

  // The client that re-entrant getters call while another call reads its params.
  const reentrant = mk("R (re-entrant calls)", { retry: false, timeoutMs: 25 }, 1, 0);
  const env = { ops, pool, main: first, reentrant, globalDispatcher, skip: args.skip, limitMs: args.callLimitMs, samples, secret, inner: [], caseClient: null };
  // The wasm module's figures: the memory of its current instance (0 between a dropped instance
  // and the next exchange), and how many instances were made (a new one after a stack overflow
  // inside an exchange, or after an exchange that grew it past 8 MiB).
  const statsStart = pkg.instanceStats();
  let memHigh = statsStart.memoryBytes;

  const only = args.only ?? Object.keys(CATEGORIES);
  const table = only.map((c) => [CATEGORIES[c][0], c]);
  const stats = Object.fromEntries(only.map((c) => [c, { n: 0, ms: 0, replaced: 0 }]));
  const failures = new Map(); // signature -> { first, count }
  let trapped = false;
  const amplified = new Set(); // signatures of escapes already repeated
  const indices = args.case !== null ? [args.case] : Array.from({ length: args.cases }, (_, i) => i);

  console.log(`fuzz: seed ${seed}, ${args.case !== null ? `case ${args.case}` : `${args.cases} cases`}${args.skip.size ? `, skipping ${[...args.skip].join(", ")}` : ""} (${ops.length} operations)`);
  const t0 = performance.now();
  // The case's generator, after it picked the category: the same input every time.
  const pick = (index) => {
    const rng = caseRng(seed, index);
    return { rng, category: rng.weighted(table) };
  };
  for (const index of indices) {
    const { rng, category } = pick(index);
    current = index;
    const protos = snapshotPrototypes();
    const instancesBefore = pkg.instanceStats().instances;
    const started = performance.now();
    let result;
    try {
      result = await CATEGORIES[category][1](rng, env);
    } catch (error) {
      result = { d: "(the fuzzer itself failed)", violations: [{ code: "fuzzer-bug", msg: `${describe(error)}\n${error?.stack ?? ""}` }] };
    }
    let violations = result.violations;
    // What re-entrant getters and fetches started during the case.
    violations.push(...(await innerOutcomes(env)));
    env.caseClient = null;
    // After an escape or a trap, complaints about the outcome would only repeat it.
    if (violations.some((x) => x.code.startsWith("escaped") || x.code === "wasm-trap")) {
      violations = violations.filter((x) => !["wrong-outcome", "wrong-attempts", "bad-field"].includes(x.code));
    }
    violations.push(...checkPrototypes(protos));
    // A trap poisons the module: the same client, and the long-lived one, must still work.
    const checked = new Set();
    for (const c of [result.client, ...pool, reentrant]) {
      if (!c || checked.has(c.clerk)) continue;
      checked.add(c.clerk);
      violations.push(...(await checkHealth(c.clerk, c.dispatcher, c.label, env.limitMs)));
    }
    for (const u of unhandled.splice(0)) violations.push({ code: "unhandled", msg: `${u.what}${u.case !== index ? ` (while case ${u.case} ran)` : ""}` });
    // An escape means an exception went where the package did not expect one. When it crossed
    // wasm frames, what they held (borrowed references, stack) is never released: repeat the
    // input and see whether the module survives.
    const crossing = violations.find((x) => x.crossedWasm && !amplified.has(x.sig));
    if (args.amplify > 0 && crossing && AMPLIFIED.has(category) && amplified.size < 3) {
      amplified.add(crossing.sig);
      violations.push(...(await amplify(index, pick, env, args.amplify)));
    }
    const ms = performance.now() - started;
    stats[category].n++;
    stats[category].ms += ms;
    const now = pkg.instanceStats();
    if (now.instances !== instancesBefore || now.memoryBytes === 0) stats[category].replaced++;
    memHigh = Math.max(memHigh, now.memoryBytes);
    if (args.verbose) console.log(`case ${index} (${category}, ${ms.toFixed(1)} ms): ${result.d}`);
    for (const x of violations) {
      // One report per kind of violation: by code, and by what escaped or by category.
      const signature = `${x.code}|${x.sig ?? category}`;
      const f = failures.get(signature);
      if (f) f.count++;
      else failures.set(signature, { index, category, code: x.code, msg: x.msg, d: result.d, count: 1 });
      if (x.code === "wasm-trap") trapped = true;
    }
    if (trapped || failures.size >= args.maxFailures) break;
  }
  current = null;
  // Late faults: give stray promises a moment to reject.
  await new Promise((resolve) => setTimeout(resolve, 20));
  for (const u of unhandled.splice(0)) failures.set(`late|${u.what}`, { index: u.case, category: "?", code: "unhandled", msg: u.what, d: "(after the cases)", count: 1 });
  const total = performance.now() - t0;

  const ran = Object.values(stats).reduce((a, s) => a + s.n, 0);
  for (const [c, s] of Object.entries(stats)) {
    if (s.n || args.case === null) console.log(`  ${c.padEnd(15)} ${String(s.n).padStart(7)} cases ${(s.ms / 1000).toFixed(2).padStart(7)} s${s.replaced ? `  (${s.replaced} replaced the instance)` : ""}`);
  }
  const statsEnd = pkg.instanceStats();
  console.log(`fuzz: ${ran} cases in ${(total / 1000).toFixed(2)} s; wasm memory ${MiB(statsStart.memoryBytes)} -> ${MiB(statsEnd.memoryBytes)} (at most ${MiB(memHigh)}), instances ${statsStart.instances} -> ${statsEnd.instances}; ${pool.length} long-lived clients healthy after every case`);
  for (const [kind, n] of notes) console.log(`  note: ${kind}: ${n.count} time(s), e.g. ${n.example.slice(0, 300)}`);

  if (failures.size) {
    console.log(`\nfuzz: FAILED: ${failures.size} distinct violation(s)${trapped ? " (stopped: the module trapped)" : failures.size >= args.maxFailures ? ` (stopped after ${args.maxFailures}; raise --max-failures)` : ""}`);
    for (const f of failures.values()) {
      console.log(`\n[${f.code}] case ${f.index} (${f.category})${f.count > 1 ? `, and ${f.count - 1} more like it` : ""}`);
      console.log(`  ${f.msg.split("\n").join("\n  ")}`);
      console.log(`  input: ${f.d.slice(0, 1500)}`);
      if (f.index !== null) console.log(`  replay: node tests/fuzz/run.mjs --seed ${seed} --case ${f.index}${args.skip.size ? ` --skip ${[...args.skip].join(",")}` : ""}`);
    }
    process.exitCode = 1;
  } else console.log("fuzz: ok");
  // Hung calls (if any) hold nothing that should keep Node alive, but be sure.
  setTimeout(() => process.exit(), 50).unref();
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exit(2);
});
