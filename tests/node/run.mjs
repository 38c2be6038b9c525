// The Node tests against the package as a user has it: tests/node/ and tests/runtime/ are copied
// into a fresh project where `npm install <tarball>` put the package, and run there, so that
// `import "clerk-instance-edge"` resolves from that project's node_modules, not from pkg/. All of
// them on the machine's Node; the package and require() tests also on Node 22 (NODE22), so that
// both majors `engines` allows are tested.
import { spawnSync } from "node:child_process";
import { fromMake, userProject } from "../../scripts/user-project.mjs";

const project = userProject({ name: "clerk-node-test", copy: { "tests/node/": "tests/node", "tests/runtime/": "tests/runtime", "tests/fuzz/": "tests/fuzz" } });
try {
  const run = (node, files) => spawnSync(node, ["--test", ...files], { cwd: project.dir, stdio: "inherit" }).status ?? 1;
  process.exitCode = run(process.execPath, ["tests/node/"]) || run(fromMake("NODE22"), ["tests/node/package.test.mjs", "tests/node/require.test.mjs"]);
} finally {
  project.dispose();
}
