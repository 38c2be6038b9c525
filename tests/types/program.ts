// A TypeScript user's program against the installed package (tests/types/run.mjs compiles it with
// --strict, it never runs): what must type-check does, and each `@ts-expect-error` marks a
// mistake the types must refuse (tsc fails when the line under one compiles).
import {
  ClerkAPIResponseError,
  ClerkInvalidParamsError,
  createClerkClient,
  createInstanceClient,
  isClerkAPIResponseError,
  type Instance,
  type UpdateInstanceParams,
} from "clerk-instance-edge";
import * as withSettings from "clerk-instance-edge/settings";
import type { ApplyReport, SettingsClient, SettingsDocument, SettingsPlan } from "clerk-instance-edge/settings";

export async function core(secretKey: string, fetcher: typeof fetch): Promise<Instance> {
  const clerk = createInstanceClient({ secretKey, fetch: fetcher, retry: { maxAttempts: 3 } });
  // Tri-state: a value, null (sent as null), or absent.
  const params: UpdateInstanceParams = { testMode: true, supportEmail: null, hibp: undefined };
  await clerk.instances.update(params);
  await clerk.instance.updateRestrictions({ allowlist: true });
  const request = clerk.dryRun.instances.update({ testMode: false });
  const body: string | undefined = request.body;
  void body;
  // @ts-expect-error a misspelt field
  await clerk.instances.update({ tesMode: true });
  // @ts-expect-error a wrong type
  await clerk.instances.update({ testMode: "yes" });
  // @ts-expect-error allowedOrigins is not nullable
  await clerk.instances.update({ allowedOrigins: null });
  // @ts-expect-error settings is not on the core client
  void clerk.settings;
  // The name @clerk/backend code uses.
  const backend = createClerkClient({ secretKey });
  try {
    return await backend.instances.get();
  } catch (error) {
    if (isClerkAPIResponseError(error)) {
      const api: ClerkAPIResponseError = error;
      throw new Error(`${api.status} ${api.errors.map((e) => e.code).join()}`);
    }
    if (error instanceof ClerkInvalidParamsError) throw error;
    throw error;
  }
}

export async function settings(secretKey: string): Promise<ApplyReport> {
  const clerk: SettingsClient = withSettings.createInstanceClient({ secretKey });
  const document: SettingsDocument = { protect: { rulesEnabled: true }, communication: { blockedCountryCodes: ["KP"] } };
  const plan: SettingsPlan = await clerk.settings.plan(document);
  for (const section of plan.sections) void section.changes.map((change) => change.field);
  // @ts-expect-error an unknown section
  await clerk.settings.plan({ protekt: { rulesEnabled: true } });
  await clerk.settings.addAllowedOrigins(["https://app.example.com"], { verify: false });
  // The core API is there too, under the same names.
  await clerk.instances.update({ testMode: true });
  if (!withSettings.isClerkAPIResponseError(new Error("x"))) void withSettings.ClerkNetworkError;
  return clerk.settings.apply(plan, { verify: true });
}
