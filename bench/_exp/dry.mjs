import { createInstanceClient } from "clerk-instance-edge";
const ours = createInstanceClient({ secretKey: "sk_test_BENCHMARKKEY0123456789" });
const f = () => ours.dryRun.instances.update({ testMode: true });
for (let i = 0; i < 5000; i++) f();
let t = performance.now(); for (let i = 0; i < 20000; i++) f(); console.log("tight", ((performance.now() - t) * 1000 / 20000).toFixed(1), "us");
// interleaved with a timer turn each time
const times = [];
for (let i = 0; i < 3000; i++) { await new Promise((r) => setImmediate(r)); const s = performance.now(); f(); times.push(performance.now() - s); }
times.sort((a, b) => a - b); console.log("after setImmediate", (times[1500] * 1000).toFixed(1), "us");
const big = new Array(200000).fill(0).map((_, i) => ({ i }));
const t2 = [];
for (let i = 0; i < 3000; i++) { let x = 0; for (let j = 0; j < big.length; j += 7) x += big[j].i; const s = performance.now(); f(); t2.push(performance.now() - s); }
t2.sort((a, b) => a - b); console.log("after cache thrash", (t2[1500] * 1000).toFixed(1), "us");
