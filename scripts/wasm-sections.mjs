// Reading a wasm module's sections, for the size reports (scripts/size.mjs and
// scripts/rust-worker-size.mjs).

/** A cursor over a module's bytes: LEB128 numbers, bytes, UTF-8 names. */
export class WasmReader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  byte() {
    return this.bytes[this.at++];
  }

  leb() {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  text(length) {
    return new TextDecoder().decode(this.bytes.subarray(this.at, (this.at += length)));
  }
}

/**
 * The module's sections, in order: `{ id, start, end, size, name, reader }`. `start` and `end`
 * bound the whole section; `reader` stands at its contents (after the name, for a custom
 * section, whose `name` is given), and may be moved: the next section is read from `end`.
 */
export function* sections(bytes) {
  const reader = new WasmReader(bytes, 8);
  while (reader.at < bytes.length) {
    const start = reader.at;
    const id = reader.byte();
    const size = reader.leb();
    const end = reader.at + size;
    const name = id === 0 ? reader.text(reader.leb()) : undefined;
    yield { id, start, end, size, name, reader };
    reader.at = end;
  }
}
