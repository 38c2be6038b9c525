// The Node tests against the package as a user has it: tests/node/ and tests/runtime/ are copied
// into a fresh project where `npm install <tarball>` put the package, and run there, so that
// `import "clerk-instance-edge"` resolves from that project's node_modules, not from pkg/.
import { spawnSync } from "node:child_process";
import { userProject } from "../../scripts/user-project.mjs";

const project = userProject({ name: "clerk-node-test", copy: { "tests/node/": "tests/node", "tests/runtime/": "tests/runtime", "tests/fuzz/": "tests/fuzz" } });
try {
  const { status } = spawnSync(process.execPath, ["--test", "tests/node/"], { cwd: project.dir, stdio: "inherit" });
  process.exitCode = status ?? 1;
} finally {
  project.dispose();
}
