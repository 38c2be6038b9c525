// The stand-in's table of Clerk's 14 instance operations (Backend API 2026-05-12), derived from
// the crate's declarations: `make pkg` writes them as data to pkg/clerk-api.json (tools/generate),
// so a field added to a declaration reaches the stand-in with no edit here. The stand-in plays
// Clerk, so a mistake in a declaration would be confirmed here instead of caught: `make
// conformance` holds the declarations, and this table, against the spec.
import { readFileSync } from "node:fs";

/** Every operation path below is relative to this prefix, as in the spec's server URL. */
export const API_PREFIX = "/v1";

/** Clerk's default OAuth scopes, restored by `default_scopes: null`. */
export const DEFAULT_SCOPES = ["openid", "profile", "email"];

const DESCRIPTION = new URL("../../pkg/clerk-api.json", import.meta.url);

function load() {
  try {
    return JSON.parse(readFileSync(DESCRIPTION, "utf8"));
  } catch (error) {
    throw new Error(`the stand-in reads the declarations from ${DESCRIPTION.pathname}: run \`make pkg\` first (${error.message})`);
  }
}

const description = load();

/**
 * The 14 operations: `name` is the spec's operationId, `status` the success status, `resource`
 * the name of the success body's schema (or null), `fields` the request body's properties (`null`
 * for reads, which take no body). A field has `type` (`boolean`, `integer`, `string`,
 * `string[]`), `nullable`, and optionally `enum`, `itemPattern`, `itemEnum`, `maxItems`,
 * `uniqueItems`, `deprecated`, `seed` (in no spec version: the seed documents' or the SDK's).
 */
export const operations = description.operations;

/** The response schemas: `{ object, fields: { name: type } }` by schema name. */
export const resources = description.resources;

/** The operation at `method` and `path` (relative to `API_PREFIX`), or undefined. */
export function findOperation(method, path) {
  return operations.find((op) => op.method === method && op.path === path);
}
