// What a worker-build bundle exports, read from its minified index.js.

/** The npm package's JS API, which a Rust Worker must not export (issue 10). */
export const NPM_API = ["InstanceClient", "PendingCall", "operations"];

/**
 * The named exports of a bundle, and the methods worker-build put on its default entrypoint (it
 * turns every exported wasm-bindgen function into one: `Entrypoint.prototype.operations = ...`).
 */
export function workerExports(js) {
  const named = [...js.matchAll(/export\s*\{([^}]*)\}/g)].flatMap(([, list]) =>
    list.split(",").map((item) => item.trim().split(/\s+as\s+/).pop()),
  );
  const methods = [...js.matchAll(/\.prototype\.([A-Za-z_$][\w$]*)\s*=/g)].map(([, name]) => name);
  return { named, methods: [...new Set(methods)] };
}
