// The bytes of a module embedded as ASCII text (embedded-wasm.js and embedded-settings-wasm.js,
// written by `make pkg`; scripts/assemble-pkg.mjs says why this form): a character below 0x7E
// is its own byte; 0x7E and 0x7F start a pair, the byte 0x80 + the next character or 0x7E + the
// next.
export function embeddedBytes(text) {
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[length++] = code < 0x7e ? code : (code === 0x7e ? 0x80 : 0x7e) + text.charCodeAt(++i);
  }
  return bytes.subarray(0, length);
}
