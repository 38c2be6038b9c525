// The stand-in Clerk API as the wasm tests see it: its URL from STANDIN_URL (set by
// tests/with-standin.mjs) and its control API.
const base = () => {
  const url = globalThis.process?.env?.STANDIN_URL;
  if (!url) throw new Error("STANDIN_URL is not set: run the wasm tests through tests/with-standin.mjs");
  return url;
};

/** The apiUrl of a namespace of the stand-in. */
export function apiUrl(ns) {
  return `${base()}/ns/${ns}`;
}

/** The requests the namespace received, as JSON text. */
export async function requests(ns) {
  const response = await fetch(`${base()}/__standin/${ns}/requests`);
  return JSON.stringify(await response.json());
}

/** Queues scripted reactions (JSON text) for the namespace. */
export async function script(ns, reactions) {
  const response = await fetch(`${base()}/__standin/${ns}/script`, { method: "POST", body: reactions });
  if (!response.ok) throw new Error(`script failed: ${response.status}`);
}

/** Parses JSON text and sets the listed keys to `undefined`. */
export function params(json, undefinedKeys) {
  const value = JSON.parse(json);
  for (const key of undefinedKeys) value[key] = undefined;
  return value;
}

/** `Date.now()`. */
export const now = () => Date.now();

/** The JSON of a thrown value with its message and own fields (what a log would show). */
export function show(error) {
  return JSON.stringify({ string: String(error), message: error?.message, name: error?.name, ...error });
}
