// The JS API: `createInstanceClient(options)` and its `instances`, `betaFeatures` and `dryRun`
// groups (client.js). `clerk-instance-edge/settings` (settings.js) is the same API whose clients
// also have `settings`, on a module with settings as code: a Worker that does not plan settings
// does not ship them.
import { makeClient, tables } from "./client.js";

export * from "./errors.js";
export { stats as instanceStats } from "./clerk_instance_edge.js";

/** A client for one Clerk instance (types in index.d.ts). Throws `ClerkInvalidOptionsError` for bad options. */
export function createInstanceClient(options) {
  return makeClient(options).clerk;
}

/** The name `@clerk/backend` uses, so that switching is a change of import. */
export const createClerkClient = createInstanceClient;

/** Whether an error is an API error, like `isClerkAPIResponseError` of `@clerk/shared`. */
export function isClerkAPIResponseError(error) {
  try {
    return error?.constructor?.kind === "ClerkAPIResponseError" || error instanceof tables.classes.ClerkAPIResponseError;
  } catch {
    return false;
  }
}
