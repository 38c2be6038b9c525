// Runs a command with the stand-in Clerk API listening on loopback: `node tests/with-standin.mjs
// -- cmd args...`. The command finds it in STANDIN_URL; the stand-in stops when it exits.
import { spawn } from "node:child_process";
import { startStandin } from "./standin/server.mjs";

const args = process.argv.slice(process.argv.indexOf("--") + 1);
const standin = await startStandin();
const child = spawn(args[0], args.slice(1), { stdio: "inherit", env: { ...process.env, STANDIN_URL: standin.url } });
const code = await new Promise((resolve) => child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))));
await standin.close();
process.exit(code);
