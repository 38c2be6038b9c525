// The modules the embedded entries carry as text (embedded-wasm.js, embedded-settings-wasm.js,
// written by scripts/assemble-pkg.mjs) read back, through the package's own decoder, as the
// `.wasm` files it ships, byte for byte; and the text is ASCII, so that no minifier can turn it
// into bytes a page without a charset misreads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const dir = new URL("./", import.meta.resolve("clerk-instance-edge"));
const { embeddedBytes } = await import(new URL("embedded-bytes.js", dir));

for (const [js, wasm] of [
  ["embedded-wasm.js", "clerk_instance_edge_bg.wasm"],
  ["embedded-settings-wasm.js", "clerk_instance_edge_settings_bg.wasm"],
]) {
  test(`${js} is ${wasm}, as ASCII text`, async () => {
    const text = (await import(new URL(js, dir))).default;
    const shipped = readFileSync(new URL(wasm, dir));
    const beyond = [...text].findIndex((c) => c.charCodeAt(0) > 0x7f);
    assert.equal(beyond, -1, `a character past 0x7F at ${beyond}`);
    // Every way a byte is written occurs: alone, and each kind of pair (0x7E i64 and 0x7F i32 are
    // wasm's type codes, bytes past 0x7F its LEB128 numbers).
    assert.ok(shipped.some((b) => b < 0x7e) && shipped.includes(0x7e) && shipped.includes(0x7f) && shipped.some((b) => b > 0x7f));
    assert.deepEqual(Buffer.from(embeddedBytes(text)), shipped);
  });
}
