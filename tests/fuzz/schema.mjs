// What the fuzzer knows about the package, read from the package itself: the operations by
// enumerating a client (so a new operation is fuzzed without touching this directory), and their
// params and results from the generated index.d.ts. Only the rules that the types cannot express
// (origins, emails, country codes...) are restated here, from the README's "Checks before sending".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as pkg from "clerk-instance-edge";

export { pkg };

export const PKG_DIR = dirname(createRequire(import.meta.url).resolve("clerk-instance-edge/package.json"));
export const VERSION = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8")).version;

/** The package's error classes, by name. */
export const ERROR_CLASSES = {
  ClerkAPIResponseError: pkg.ClerkAPIResponseError,
  ClerkInvalidParamsError: pkg.ClerkInvalidParamsError,
  ClerkInvalidOptionsError: pkg.ClerkInvalidOptionsError,
  ClerkNetworkError: pkg.ClerkNetworkError,
  ClerkTimeoutError: pkg.ClerkTimeoutError,
  ClerkUnexpectedResponseError: pkg.ClerkUnexpectedResponseError,
};

/** Rules beyond the type, by JS param name (README, "Checks before sending"). */
const RULES = {
  supportEmail: "emailOrEmpty",
  developmentOrigin: "origin",
  allowedOrigins: "origin",
  blockedCountryCodes: "countryCodes",
  fromEmailAddress: "emailLocalPart",
  homeUrl: "absoluteUrl",
};

/** Operations that are never retried (README, "Retries and timeouts"). */
const NO_RETRY_PATHS = new Set(["/instance/change_domain", "/beta_features/domain"]);

/** `maxAllowedMemberships` -> `max_allowed_memberships`: the API's names are snake_case. */
export const wireName = (js) => js.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());

/** A TypeScript type of index.d.ts as a field spec. */
function fieldSpec(name, type) {
  const nullable = /\bnull\b/.test(type);
  const literals = [...type.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  let kind;
  if (/\[\]|Array</.test(type)) kind = "list";
  else if (/\bboolean\b/.test(type)) kind = "boolean";
  else if (/\bnumber\b|\bbigint\b/.test(type)) kind = "integer";
  else if (/\bstring\b/.test(type) || literals.length) kind = "string";
  else throw new Error(`fuzz/schema: cannot read the type of ${name}: ${type}`);
  return { name, wire: wireName(name), kind, nullable, oneOf: literals.length ? literals : null, rule: RULES[name] ?? null };
}

/** `export interface Name { field?: type; ... }` blocks of index.d.ts, with the comment before. */
function interfaces(dts) {
  const out = new Map();
  const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*export interface (\w+) \{([\s\S]*?)\n\}/g;
  for (const [, comment = "", name, body] of dts.matchAll(re)) {
    const fields = [];
    for (const line of body.split("\n")) {
      const m = /^\s+(\w+)\?: (.+);$/.exec(line);
      if (m) fields.push([m[1], m[2]]);
    }
    const methods = [...body.matchAll(/^\s+(\w+)\(params\?: (\w+), options\?: CallOptions\): Promise<(\w+)>;$/gm)];
    out.set(name, { comment, fields, methods: methods.map(([, m, params, result]) => ({ name: m, params, result })) });
  }
  return out;
}

/**
 * Every operation as `{ group, name, label, index, method, path, fields, resource, retry, success }`,
 * from a client made with `fetch` (never called here).
 */
export function discover(fetch) {
  const clerk = pkg.createInstanceClient({ secretKey: "sk_test_discover", fetch });
  const dts = readFileSync(join(PKG_DIR, "index.d.ts"), "utf8");
  const types = interfaces(dts);
  const apis = { instances: types.get("InstancesApi"), betaFeatures: types.get("BetaFeaturesApi") };
  const ops = [];
  for (const group of ["instances", "betaFeatures"]) {
    for (const name of Object.keys(clerk[group])) {
      const { method, url } = clerk.dryRun[group][name]();
      const path = new URL(url).pathname.replace(/^\/v1/, "");
      const sig = apis[group]?.methods.find((m) => m.name === name);
      if (!sig) throw new Error(`fuzz/schema: ${group}.${name} is not in index.d.ts`);
      const params = sig.params === "NoParams" ? [] : types.get(sig.params)?.fields;
      if (!params) throw new Error(`fuzz/schema: no interface ${sig.params} in index.d.ts`);
      const resource = sig.result === "void" ? null : types.get(sig.result)?.fields.map(([n, t]) => fieldSpec(n, t));
      if (resource === undefined) throw new Error(`fuzz/schema: no interface ${sig.result} in index.d.ts`);
      ops.push({
        group,
        name,
        label: `${group}.${name}`,
        method,
        path,
        fields: params.map(([n, t]) => fieldSpec(n, t)),
        resource,
        retry: method !== "POST" && !NO_RETRY_PATHS.has(path),
        // README, Operations: 204 for instances.update, 202 for the domain changes.
        success: resource ? 200 : method === "PATCH" ? 204 : 202,
      });
    }
  }
  if (ops.length < 14) throw new Error(`fuzz/schema: only ${ops.length} operations found`);
  return ops;
}
