import { spawn } from "node:child_process";
import { createInstanceClient } from "clerk-instance-edge";
const KEY = "sk_test_BENCHMARKKEY0123456789";
const child = spawn(process.execPath, [new URL("../../tests/standin/server.mjs", import.meta.url).pathname], { stdio: ["ignore", "pipe", "inherit"] });
const url = JSON.parse(String(await new Promise((r) => child.stdout.once("data", r)))).url;
const ours = createInstanceClient({ secretKey: KEY, apiUrl: `${url}/ns/ours` });
const raw = async (signal) => { const response = await fetch(`${url}/ns/raw/v1/instance`, { method: "PATCH", headers: { Authorization: `Bearer ${KEY}`, "Clerk-API-Version": "2026-05-12", "User-Agent": "raw", "Content-Type": "application/json" }, body: JSON.stringify({ test_mode: true }), signal }); await response.arrayBuffer(); };
const mode = process.argv[2];
const times = [];
for (let i = 0; i < 6000; i++) {
  await raw();
  const s = performance.now();
  if (mode === "dry") ours.dryRun.instances.update({ testMode: true });
  else if (mode === "enc") JSON.stringify({ testMode: true }, function (k, v) { return v; });
  else if (mode === "ours") await ours.instances.update({ testMode: true });
  else if (mode === "tiny") ours.dryRun.instances.get();
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b); console.log(mode, (times[3000] * 1000).toFixed(1), "us");
child.kill();
