const MAX_BODY = 1 << 20;
const TEXT_LIMIT = 1000;
const clip = (text) => (text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT) : text);
function describe(t){try{return clip(String(t?.message ?? t));}catch{return "x";}}
const typeOf = (value) =>
  value === null || value === undefined ? String(value) : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;

/**
 * One attempt through `fetcher` (the global fetch when undefined, a function, or an object with
 * a `fetch` method), body included, within `timeoutMs`; the caller's `signal` cancels it. What
 * comes back is read and checked here, at the edge of JS, so that only strings and numbers
 * reach the module: a response that is not what the Fetch standard says is `malformed`, a
 * rejection while waiting is `network` (or `timeout`, `aborted`). Never throws.
 */
export async function attempt(fetcher, { method, url, headers, body }, timeoutMs, signal) {
  let stage = "network";
  let timedOut = false;
  const controller = new AbortController();
  // The timeout holds even for a fetch (or a body) that ignores the signal it was given: every
  // wait races `stopped`, which rejects when the attempt is aborted.
  let stop;
  const stopped = new Promise((_, reject) => (stop = reject));
  stopped.catch(() => {});
  const abort = () => {
    controller.abort(signal.reason);
    stop(signal.reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    stop(controller.signal.reason);
  }, timeoutMs);
  const settled = (promise) => {
    Promise.resolve(promise).catch(() => {}); // may reject after the race is over
    return Promise.race([promise, stopped]);
  };
  try {
    if (signal?.aborted) return { failure: "aborted", cause: signal.reason };
    signal?.addEventListener("abort", abort);
    const init = { method, headers, body, signal: controller.signal };
    // A plain call, or a method call on its own object: a foreign `this` makes workerd throw
    // "Illegal invocation".
    const response = await settled(fetcher === undefined ? fetch(url, init) : typeof fetcher === "function" ? fetcher(url, init) : fetcher.fetch(url, init));
    stage = "malformed";
    if (response === null || typeof response !== "object") return malformed(`it resolved to ${typeOf(response)}`);
    const status = response.status;
    if (!Number.isInteger(status) || status < 100 || status > 599) return malformed(`its status is ${typeOf(status)}${typeof status === "number" ? ` (${status})` : ""}, not an HTTP status`);
    const headerOf = response.headers;
    if (headerOf === null || typeof headerOf !== "object" || typeof headerOf.get !== "function") return malformed("its headers have no get method");
    const found = {};
    for (const name of ["retry-after", "cf-ray", "content-length"]) {
      const value = headerOf.get(name);
      if (value !== null && value !== undefined && typeof value !== "string") return malformed(`its header ${name} is ${typeOf(value)}, not a string`);
      found[name] = value === null || value === undefined ? null : clip(value);
    }
    const read = await readBody(response, found["content-length"], settled, (next) => (stage = next));
    if (read.malformed) return malformed(read.malformed);
    return { status, retryAfter: found["retry-after"], cfRay: found["cf-ray"], body: read.text, truncated: read.truncated };
  } catch (cause) {
    if (signal?.aborted) return { failure: "aborted", cause: signal.reason };
    if (timedOut) return { failure: "timeout", cause, message: "" };
    if (stage === "malformed") return { ...malformed(`reading it threw ${JSON.stringify(describe(cause))}`), cause };
    return { failure: "network", cause, message: describe(cause) };
  } finally {
    clearTimeout(timer);
    try {
      signal?.removeEventListener("abort", abort);
    } catch {} // a real AbortSignal (checked before the call) does not throw; nothing may escape here
  }
}

export const malformed = (message) => ({ failure: "malformed", message });

/**
 * The body as text, at most MAX_BODY bytes of it, and whether it was cut. A body whose length is
 * known and within the limit is read whole: workerd reports a streamed read that breaks off as
 * an unhandled rejection even when it is handled. Others are streamed and cut at the limit, so
 * that no answer can fill the isolate's memory.
 */
async function readBody(response, length, settled, stage) {
  const stream = response.body;
  if (stream === null || stream === undefined) return { text: "", truncated: false };
  // A read that throws or rejects is network I/O failing; what it yields is checked as the answer.
  if (length !== null && Number(length) <= MAX_BODY) {
    if (typeof response.text !== "function") return { malformed: "it has a body but no text() method" };
    stage("network");
    const text = await settled(response.text());
    stage("malformed");
    if (typeof text !== "string") return { malformed: `its text() resolved to ${typeOf(text)}, not a string` };
    // Content-Length counts compressed bytes: cut what decompressed beyond the limit.
    return text.length > MAX_BODY ? { text: text.slice(0, MAX_BODY), truncated: true } : { text, truncated: false };
  }
  if (typeof stream.getReader !== "function") return { malformed: "its body is not a stream" };
  const reader = stream.getReader();
  if (reader === null || typeof reader !== "object" || typeof reader.read !== "function") {
    return { malformed: `its body's getReader() answered ${typeOf(reader)}, not a reader` };
  }
  const decoder = new TextDecoder();
  let text = "";
  let left = MAX_BODY;
  for (;;) {
    stage("network");
    const chunk = await settled(reader.read());
    stage("malformed");
    if (chunk === null || typeof chunk !== "object") return { malformed: `its body stream gave ${typeOf(chunk)}, not a chunk` };
    const { done, value } = chunk;
    if (done) return { text: text + decoder.decode(), truncated: false };
    if (!ArrayBuffer.isView(value)) return { malformed: `its body stream gave ${typeOf(value)}, not bytes` };
    if (value.byteLength > left) {
      Promise.resolve(reader.cancel?.()).catch(() => {});
      return { text: text + decoder.decode(new Uint8Array(value.buffer, value.byteOffset, left)), truncated: true };
    }
    left -= value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

