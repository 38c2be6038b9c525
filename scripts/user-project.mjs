// A user's project: a fresh temporary folder, files of this repository copied in, and the package
// installed there from the tarball `make pkg` writes (`npm install <tarball>`), as a user installs
// it. A file that the package's `files` list leaves out is missing here, as it would be for them.
// Used by the Node tests (tests/node/run.mjs), the wrangler tests and the demo.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../", import.meta.url);

/** The value of a variable the Makefile sets, or an error saying how to run the script. */
export function fromMake(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through make (make test, make demo)`);
  return value;
}

/**
 * Makes the project: `copy` maps paths in this repository to paths in the project. Returns
 * `{ dir, dispose() }`.
 */
export function userProject({ name = "clerk-user-project", copy = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    for (const [from, to] of Object.entries(copy)) cpSync(new URL(from, root), join(dir, to), { recursive: true });
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, private: true, type: "module" }, null, 2)}\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", fromMake("CLERK_TARBALL")], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
