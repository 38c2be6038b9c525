// `make test-types`: the package's types as a TypeScript user meets them. The tarball is installed
// into a fresh project (scripts/user-project.mjs) with tests/types/program.ts, which each
// TypeScript the devDependencies pin compiles with --strict (--noEmit), resolving the package
// as Node does (nodenext) and as a bundler does (bundler). A type error, or an `@ts-expect-error`
// whose line compiles, fails the run.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { userProject } from "../../scripts/user-project.mjs";

const require = createRequire(import.meta.url);
const COMPILERS = ["typescript", "typescript5"];
const RESOLUTIONS = [
  ["nodenext", "nodenext"],
  ["esnext", "bundler"],
];

const project = userProject({ name: "clerk-types-test", copy: { "tests/types/program.ts": "program.ts" } });
let failed = 0;
try {
  for (const compiler of COMPILERS) {
    const tsc = require.resolve(`${compiler}/bin/tsc`);
    const { version } = require(`${compiler}/package.json`);
    for (const [module, resolution] of RESOLUTIONS) {
      const args = [tsc, "--noEmit", "--strict", "--target", "es2022", "--lib", "es2022,dom", "--module", module, "--moduleResolution", resolution, "--skipLibCheck", "false", "program.ts"];
      const { status, stdout, stderr } = spawnSync(process.execPath, args, { cwd: project.dir, encoding: "utf8" });
      const what = `TypeScript ${version}, --module ${module} --moduleResolution ${resolution}`;
      if (status === 0) console.log(`ok    ${what}: the program type-checks, each mistake is refused`);
      else {
        failed++;
        console.log(`FAIL  ${what}:\n${stdout}${stderr}`);
      }
    }
  }
} finally {
  project.dispose();
}
process.exitCode = failed ? 1 : 0;
