import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInstanceClient } from "clerk-instance-edge";
const KEY = "sk_test_BENCHMARKKEY0123456789";
const child = spawn(process.execPath, [new URL("../../tests/standin/server.mjs", import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
const url = JSON.parse(String(await new Promise((r) => child.stdout.once("data", r)))).url;
const raw = async (signal) => { const response = await fetch(`${url}/ns/raw/v1/instance`, { method: "PATCH", headers: { Authorization: `Bearer ${KEY}`, "Clerk-API-Version": "2026-05-12", "User-Agent": "raw", "Content-Type": "application/json" }, body: JSON.stringify({ test_mode: true }), signal }); await response.arrayBuffer(); };
const mod = new WebAssembly.Module(readFileSync(process.env.W ?? "/work/main/pkg/clerk_instance_edge_bg.wasm"));
const w = new WebAssembly.Instance(mod, {}).exports;
const enc = new TextEncoder(), dec = new TextDecoder();
const line = dec.decode(new Uint8Array(0));
function ex(kind, input, lap) { const room = input.length * 3; const at = w.buffer(room); lap(0); const { written } = enc.encodeInto(input, new Uint8Array(w.memory.buffer, at, room)); lap(1); const n = w.run(kind, written, 0, 0); lap(2); const out = dec.decode(new Uint8Array(w.memory.buffer, w.output(), n)); lap(3); return out; }
const c = ex(0, `\n{"secretKey":"${KEY}","apiUrl":"${url}/ns/ours"}`, () => {}).slice(1).split("\n")[0];
const input = `${c}\n1\n0\n${JSON.stringify({"\u0000":"undefined"})}\n{"testMode":true}`;
const sums = [[], [], [], []];
for (let i = 0; i < 6000; i++) {
  await raw();
  let t = performance.now();
  const lap = (k) => { const n = performance.now(); sums[k].push(n - t); t = n; };
  ex(1, input, lap);
}
for (const [k, v] of sums.entries()) { v.sort((a, b) => a - b); console.log(["buffer", "encodeInto", "run", "decode"][k], (v[3000] * 1000).toFixed(1), "us"); }
let t = performance.now(); for (let i = 0; i < 20000; i++) ex(1, input, () => {}); console.log("tight", ((performance.now() - t) * 1000 / 20000).toFixed(1));
child.kill();
