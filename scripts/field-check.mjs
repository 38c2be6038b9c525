// `make field-check`: the claim "a new field is one line in its operation's declaration (and one
// in its resource)" checked, so that it cannot rot. On a scratch copy of the repository it adds a
// nullable boolean `field_check_probe` to PATCH /instance/restrictions and its answer in a copy of
// the spec, and the same field to the two declarations, and nothing else; then it builds the
// package and runs the tests that would notice a field missing anywhere: the native tests,
// conformance against the spec copy (declarations and stand-in), the stand-in's tests, and the
// package in Node (every operation byte-exact against the stand-in, with the field's type read
// from the generated index.d.ts), plus a call that sends the field and reads it back.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import yaml from "js-yaml";

const root = new URL("../", import.meta.url).pathname;
const specPath = process.env.CLERK_OPENAPI_SPEC;
if (!specPath) throw new Error("set CLERK_OPENAPI_SPEC (make field-check does)");

const scratch = mkdtempSync(join(tmpdir(), "clerk-field-check-"));
const repo = join(scratch, "repo");
const run = (command, args, options = {}) => {
  console.log(`field-check: ${command} ${args.join(" ")}`);
  const { status } = spawnSync(command, args, { cwd: repo, stdio: "inherit", ...options });
  if (status !== 0) throw new Error(`field-check: ${command} ${args.join(" ")} failed (exit ${status})`);
};

try {
  // The repository as it is (tracked and new files), mtimes kept so make rebuilds only what changes.
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const from = join(root, file);
    let stat;
    try {
      stat = statSync(from);
    } catch {
      continue; // deleted in the working tree
    }
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    copyFileSync(from, join(repo, file));
    utimesSync(join(repo, file), stat.atime, stat.mtime);
  }
  // Installed tools are shared, not copied (read only here).
  symlinkSync(join(root, "node_modules"), join(repo, "node_modules"));
  symlinkSync(join(root, ".tools"), join(repo, ".tools"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
  execFileSync("git", ["add", "-A"], { cwd: repo });
  execFileSync("git", ["-c", "user.name=field-check", "-c", "user.email=field-check@localhost", "commit", "-qm", "before"], { cwd: repo });

  // The spec copy: the field in the request and in the answer.
  const spec = yaml.load(readFileSync(specPath, "utf8"));
  const deref = (node) => {
    while (node?.$ref) node = node.$ref.slice(2).split("/").reduce((n, key) => n[key], spec);
    return node;
  };
  const patch = spec.paths["/instance/restrictions"].patch;
  const probe = { type: "boolean", nullable: true, description: "A field added by make field-check." };
  deref(patch.requestBody.content["application/json"].schema).properties.field_check_probe = probe;
  const answer = Object.entries(patch.responses).find(([status]) => status.startsWith("2"))[1];
  deref(deref(answer).content["application/json"].schema).properties.field_check_probe = probe;
  const specCopy = join(scratch, "spec.yml");
  writeFileSync(specCopy, yaml.dump(spec));

  // The two lines.
  const edit = (file, after, line) => {
    const path = join(repo, file);
    const text = readFileSync(path, "utf8");
    if (!text.includes(after)) throw new Error(`field-check: ${file} no longer has \`${after.trim()}\``);
    writeFileSync(path, text.replace(after, `${after}\n        /// A field added by make field-check.\n        ${line}`));
  };
  edit("src/model/operations.rs", "        block_disposable_email_domains: Patch<bool>,", "field_check_probe: Patch<bool>,");
  edit("src/model/resources.rs", "        block_disposable_email_domains: bool,", "field_check_probe: bool,");
  const changed = execFileSync("git", ["diff", "--name-only"], { cwd: repo, encoding: "utf8" }).trim().split("\n");
  if (changed.join() !== "src/model/operations.rs,src/model/resources.rs") throw new Error(`field-check: edited ${changed}`);

  const env = { ...process.env, CLERK_OPENAPI_SPEC: specCopy, CARGO_TARGET_DIR: join(root, "target/field-check") };
  run("make", ["--no-print-directory", "pkg"], { env });
  run("cargo", ["test", "--workspace", "--quiet"], { env });
  // make conformance's own checks (not the target, which would run this check again).
  run("cargo", ["test", "--quiet", "--test", "conformance"], { env });
  run("node", ["--test", "tests/conformance/"], { env });
  run("make", ["--no-print-directory", "test-standin", "test-node"], { env });
  // The field, sent and read back through the package and the stand-in.
  const probeCall = `
    import { createInstanceClient } from "../pkg/node.js"; // this copy's package (node_modules is shared)
    const clerk = createInstanceClient({ secretKey: "sk_test_fieldcheck", apiUrl: process.env.STANDIN_URL + "/ns/field-check" });
    const answer = await clerk.instances.updateRestrictions({ fieldCheckProbe: true });
    if (answer.fieldCheckProbe !== true) throw new Error("the answer lacks fieldCheckProbe: " + JSON.stringify(answer));
    const sent = clerk.dryRun.instances.updateRestrictions({ fieldCheckProbe: null }).body;
    if (sent !== '{"field_check_probe":null}') throw new Error("sent " + sent);
    console.log("field-check: fieldCheckProbe sent and read back");`;
  writeFileSync(join(repo, "tests/field-check-probe.mjs"), probeCall);
  run("node", ["tests/with-standin.mjs", "--", "node", "tests/field-check-probe.mjs"], { env });
  console.log("field-check: a new field took one line in operations.rs and one in resources.rs; every test passed");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
