// Helpers shared by the hardening checks (faults.js, load.js, secret.js): the same tiny `check`
// and `equal` as smoke.js, the stand-in's control API, and a clock. Plain JS: no runtime APIs
// beyond fetch, so Node and workerd run the same code.

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

export function equal(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${message}: expected ${e}, got ${a}`);
}

/** GET (no body) or POST (a body) on the stand-in's control API for namespace `ns`; the body is always read (workerd waits for unread bodies). */
export async function control(standin, ns, action, body) {
  const response = await fetch(`${standin}/__standin/${encodeURIComponent(ns)}/${action}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  check(response.ok, `stand-in ${action} for ${ns} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** A fresh namespace with `script` queued; returns the `apiUrl` that points a client at it. */
export async function namespace(standin, ns, script) {
  await control(standin, ns, "reset", {});
  if (script?.length) await control(standin, ns, "script", script);
  return `${standin}/ns/${encodeURIComponent(ns)}`;
}

/**
 * Runs `call` and settles it into `{ value }` or `{ error }` with the time it took. workerd only
 * advances `Date.now()` across I/O; every call here ends with network I/O or a timer, so the
 * difference is real time in both runtimes.
 */
export async function timed(call) {
  const started = Date.now();
  try {
    const value = await call();
    return { value, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

/** Waits for a timer; also lets pending rejections surface as unhandled ones before a check. */
export const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
