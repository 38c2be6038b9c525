// The glue between the package's JS and its wasm module, in place of wasm-bindgen's (which is
// 4.0 KB gzip and calls back into JS from wasm). The module has no imports and keeps no state
// between exchanges (src/host/npm.rs): text goes in, text comes out. So no JS exception can
// unwind through wasm frames, and whatever an exception (a trap, a stack overflow near the JS
// stack limit) leaves behind is dropped with the instance: the next exchange runs on a new one,
// made from the same compiled module.

let compiled;
let compiledHasSettings = false;
let wasm;
let instances = 0;

/**
 * Gives the compiled module (each entry loads it its own way); returns the current exports. The
 * package has two: the module of `clerk-instance-edge/settings` (`settings: true`) can do all the
 * other can, so when a program imports both entries, it is the one kept.
 */
export function initSync(options) {
  if (options?.module && !(compiledHasSettings && !options.settings)) {
    compiled = options.module;
    compiledHasSettings = Boolean(options.settings);
    wasm = undefined;
  }
  return exports();
}

function exports() {
  if (!wasm) {
    if (!compiled) throw new Error("clerk-instance-edge: the wasm module is not loaded; import the package by its name so that an entry loads it");
    wasm = new WebAssembly.Instance(compiled, {}).exports;
    instances++;
  }
  return wasm;
}

/** The bytes of wasm memory of the current instance, and how many instances were made. */
export function stats() {
  return { memoryBytes: wasm ? wasm.memory.buffer.byteLength : 0, instances };
}

/** An instance that grew past this in one exchange (a huge answer) is replaced, to give it back. */
const MAX_MEMORY = 8 << 20;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * One exchange: `input` in, the module's answer out (the exchanges are described in
 * src/host/npm.rs). Throws only what the engine throws (a RangeError near the stack limit), or
 * an Error for a trap, which is a bug; either way the instance is replaced.
 */
export function exchange(kind, input, now = 0, random = 0) {
  const module = exports();
  try {
    const room = input.length * 3;
    const at = module.buffer(room);
    if (!at) throw new RangeError(`clerk-instance-edge: no memory for ${room} bytes of input`);
    const { written } = encoder.encodeInto(input, new Uint8Array(module.memory.buffer, at, room));
    const length = module.run(kind, written, now, random);
    const output = decoder.decode(new Uint8Array(module.memory.buffer, module.output(), length));
    if (module.memory.buffer.byteLength > MAX_MEMORY) wasm = undefined;
    return output;
  } catch (error) {
    wasm = undefined;
    if (error instanceof RangeError) throw error;
    throw new Error(`clerk-instance-edge: internal error (${error?.message}); the module was restarted for the next call; please report this`);
  }
}
