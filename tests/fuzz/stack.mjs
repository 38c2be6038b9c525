// Calls near the JS stack limit, for the fuzzer (cases.mjs) and the hostile tests (tests/node/).

/**
 * Calls `fn` with about `back` frames of room left: recurses until the engine refuses, then
 * unwinds `back` frames. `{ outer }` when the recursion itself failed.
 */
export function nearStackLimit(back, fn) {
  let left = back;
  let out;
  const dive = () => {
    try {
      dive();
    } catch (error) {
      if (left-- > 0) throw error;
      out = fn();
    }
  };
  try {
    dive();
  } catch (outer) {
    return { outer };
  }
  return out;
}
