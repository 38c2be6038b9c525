// What each client adds to a call without a network, in a process whose global fetch answers
// 204 at once: installed before the imports, because @clerk/backend keeps the fetch it found.
// Prints { raw, rawTimeout, official, ours } in microseconds per call.
const instant = async () => new Response(null, { status: 204 });
globalThis.fetch = instant;
const { createClerkClient } = await import("@clerk/backend");
const { createInstanceClient } = await import("clerk-instance-edge");

const KEY = "sk_test_OVERHEAD0123456789";
const n = Number(process.argv[2] ?? 50_000);
const ours = createInstanceClient({ secretKey: KEY });
const official = createClerkClient({ secretKey: KEY });
const clients = {
  raw: async () => {
    const response = await fetch("https://api.clerk.com/v1/instance", {
      method: "PATCH",
      headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ test_mode: true }),
    });
    if (response.status !== 204) throw new Error("raw");
  },
  // The same with the per-attempt timeout this package puts on every call: what it costs alone.
  rawTimeout: async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 10_000);
    try {
      const response = await fetch("https://api.clerk.com/v1/instance", {
        method: "PATCH",
        headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ test_mode: true }),
        signal: controller.signal,
      });
      if (response.status !== 204) throw new Error("rawTimeout");
    } finally {
      clearTimeout(timer);
    }
  },
  official: () => official.instance.update({ testMode: true }), // 3.x names it `instance`
  ours: () => ours.instances.update({ testMode: true }),
};
const result = {};
for (const [name, call] of Object.entries(clients)) {
  for (let i = 0; i < 2000; i++) await call();
  const samples = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    for (let i = 0; i < n; i++) await call();
    samples.push(((performance.now() - started) * 1000) / n);
  }
  result[name] = samples.sort((a, b) => a - b)[2];
}
process.stdout.write(JSON.stringify(result));
