// Runs tests/bun/smoke.mjs in Bun, in a fresh project where the tarball is installed as a user
// installs it.
import { spawnSync } from "node:child_process";
import { userProject } from "../../scripts/user-project.mjs";

const project = userProject({ name: "clerk-bun-test", copy: { "tests/bun/smoke.mjs": "smoke.mjs", "tests/runtime/": "tests/runtime" } });
try {
  const { status } = spawnSync("bun", ["smoke.mjs"], { cwd: project.dir, stdio: "inherit" });
  process.exitCode = status ?? 1;
} finally {
  project.dispose();
}
