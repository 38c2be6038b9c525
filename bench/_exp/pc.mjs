import { spawn } from "node:child_process";
import { createInstanceClient } from "clerk-instance-edge";
import { attempt } from "./attempt.mjs";
const KEY = "sk_test_BENCHMARKKEY0123456789";
const child = spawn(process.execPath, [new URL("../../tests/standin/server.mjs", import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
const url = JSON.parse(String(await new Promise((r) => child.stdout.once("data", r)))).url;
const ours = createInstanceClient({ secretKey: KEY, apiUrl: `${url}/ns/ours` });
const raw = async (signal, ns = "raw", read = true) => {
  const response = await fetch(`${url}/ns/${ns}/v1/instance`, { method: "PATCH", headers: { Authorization: `Bearer ${KEY}`, "Clerk-API-Version": "2026-05-12", "User-Agent": "raw", "Content-Type": "application/json" }, body: JSON.stringify({ test_mode: true }), signal });
  if (read) await response.arrayBuffer();
  if (response.status !== 204) throw new Error(`raw: ${response.status}`);
};
const withTimeout = (f) => async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 10000); try { await f(c.signal); } finally { clearTimeout(t); } };
const clients = {
  raw: () => raw(undefined),
  rawTimeout: withTimeout((s) => raw(s)),
  rawTimeoutNoRead: withTimeout((s) => raw(s, "raw", false)),
  rawTimeoutOursNs: withTimeout((s) => raw(s, "ours")),
  ours: () => ours.instances.update({ testMode: true }),
  attemptOnly: async () => { const o = await attempt(undefined, { method: "PATCH", url: `${url}/ns/raw/v1/instance`, headers: { Authorization: `Bearer ${KEY}`, "Clerk-API-Version": "2026-05-12", "User-Agent": "raw", "Content-Type": "application/json" }, body: JSON.stringify({ test_mode: true }) }, 10000, undefined); if (o.status !== 204) throw new Error("x"); },
  dryOnly: async () => { ours.dryRun.instances.update({ testMode: true }); },
  burnThenRaw: async () => { const e = performance.now() + 0.006; while (performance.now() < e); await withTimeout((s) => raw(s))(); },
  dryThenRaw: async () => { ours.dryRun.instances.update({ testMode: true }); await withTimeout((s) => raw(s))(); },
};
const names = Object.keys(clients); const times = Object.fromEntries(names.map((n) => [n, []]));
for (const n of names) for (let i = 0; i < 200; i++) await clients[n]();
for (let round = 0; round < 3000; round++) for (let k = 0; k < names.length; k++) { const n = names[(round + k) % names.length]; const s = performance.now(); await clients[n](); times[n].push(performance.now() - s); }
const med = (v) => v.sort((a, b) => a - b)[v.length >> 1];
for (const n of names) console.log(n.padEnd(20), (med(times[n]) * 1000).toFixed(0), "us");
child.kill();
