// The JS API, built from the operation table of the wasm module: `clerk.instances.update(...)`
// and the rest, `clerk.instance` as an alias, and `clerk.dryRun` with the same shape.
import { InstanceClient, operations } from "./clerk_instance_edge.js";
import { ClerkAPIResponseError } from "./host.js";

export {
  ClerkAPIResponseError,
  ClerkInvalidOptionsError,
  ClerkInvalidParamsError,
  ClerkNetworkError,
  ClerkTimeoutError,
  ClerkUnexpectedResponseError,
} from "./host.js";

let names;

/** A client for one Clerk instance (types in index.d.ts). Throws `ClerkInvalidOptionsError` for bad options. */
export function createInstanceClient(options) {
  const client = new InstanceClient(options);
  names ??= JSON.parse(operations());
  const clerk = { instances: {}, betaFeatures: {}, dryRun: { instances: {}, betaFeatures: {} } };
  for (const [index, group, name] of names) {
    clerk[group][name] = async (params, callOptions) => client.send(index, params, callOptions);
    clerk.dryRun[group][name] = (params) => JSON.parse(client.dryRun(index, params));
  }
  // @clerk/backend documents `instances` but its client names the property `instance`.
  clerk.instance = clerk.instances;
  clerk.dryRun.instance = clerk.dryRun.instances;
  return clerk;
}

/** The name `@clerk/backend` uses, so that switching is a change of import. */
export const createClerkClient = createInstanceClient;

/** Whether an error is an API error, like `isClerkAPIResponseError` of `@clerk/shared`. */
export function isClerkAPIResponseError(error) {
  return error?.constructor?.kind === "ClerkAPIResponseError" || error instanceof ClerkAPIResponseError;
}
