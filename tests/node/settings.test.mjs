// Settings as code (tests/runtime/settings.js) against the package in Node, imported by name; and
// the settings document's JSON Schema as the package ships it, checked against what the module
// accepts and refuses.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import * as pkg from "clerk-instance-edge/settings";
import { FULL_DOCUMENT, settings } from "../runtime/settings.js";

test("settings as code in Node: plan, apply, verify, list edits", async (t) => {
  const standin = process.env.STANDIN_URL;
  assert.ok(standin, "run through tests/with-standin.mjs");
  const figures = await settings({ pkg, standin, runtime: "node" });
  t.diagnostic(`settings (node): ${JSON.stringify(figures)}`);
  assert.equal(figures.cases, 12);
});

/** The subset of JSON Schema 2020-12 the settings schema uses; answers the paths that fail. */
function validate(schema, value, path = "") {
  const errors = [];
  const type = Array.isArray(value) ? "array" : value === null ? "null" : Number.isInteger(value) ? "integer" : typeof value;
  const types = schema.type === undefined ? undefined : [schema.type].flat();
  if (types && !types.includes(type)) return [`${path}: ${type} is not ${types.join(" or ")}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not one of the enum`);
  if (schema.pattern && typeof value === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
  if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below the minimum`);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: too few items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: too many items`);
    if (schema.uniqueItems && new Set(value).size !== value.length) errors.push(`${path}: repeated items`);
    value.forEach((item, i) => errors.push(...validate(schema.items ?? {}, item, `${path}[${i}]`)));
  }
  if (type === "object") {
    for (const [key, member] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) errors.push(...validate(property, member, path ? `${path}.${key}` : key));
      else if (schema.additionalProperties === false) errors.push(`${path ? `${path}.` : ""}${key}: not allowed`);
    }
  }
  return errors;
}

test("settings.schema.json ships with the package and agrees with the module", async () => {
  const require = createRequire(import.meta.url);
  const file = require.resolve("clerk-instance-edge/settings.schema.json");
  const schema = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(Object.keys(schema.properties), ["$schema", "instance", "restrictions", "organizationSettings", "communication", "protect", "oauthApplicationSettings", "instanceSettings"]);
  const clerk = pkg.createInstanceClient({ secretKey: "sk_test_schema", retry: false, fetch: () => Promise.reject(new Error("nothing is sent")) });
  /** The module's verdict: the params it refuses, before anything is read. */
  const refused = (document) => clerk.settings.plan(document).then(
    () => [],
    (error) => (error instanceof pkg.ClerkInvalidParamsError ? error.problems.map((p) => p.param) : []),
  );
  const accepted = [
    FULL_DOCUMENT,
    { instance: { supportEmail: null, allowedOrigins: ["chrome-extension://abc", "capacitor://localhost", "http://[::1]:8080"] } },
    { instanceSettings: { fromEmailAddress: "ñandú" }, organizationSettings: { maxAllowedMemberships: 0 } },
    { instance: { preferredSignInStrategyWhenPasswordRequired: null }, oauthApplicationSettings: { defaultScopes: null } },
  ];
  for (const document of accepted) {
    assert.deepEqual(validate(schema, document), [], JSON.stringify(document));
  }
  const refusedByBoth = [
    { organisationSettings: {} },
    { protect: { rulesEnabeld: true } },
    { protect: { rulesEnabled: "yes" } },
    { communication: { blockedCountryCodes: ["us"] } },
    { communication: { blockedCountryCodes: ["US", "US"] } },
    { instance: { allowedOrigins: [] } },
    { instance: { allowedOrigins: null } },
    { instance: { allowedOrigins: ["example.com"] } },
    { instance: { preferredSignInStrategyWhenPasswordRequired: "passkey" } },
    { organizationSettings: { domainsEnrollmentModes: ["manual_invitation"] } },
    { organizationSettings: { maxAllowedMemberships: 1.5 } },
    { organizationSettings: { maxAllowedMemberships: -1 } },
    { instanceSettings: { fromEmailAddress: "hello@example.com" } },
    { instanceSettings: { fromEmailAddress: "a.b" } },
  ];
  for (const document of refusedByBoth) {
    assert.notDeepEqual(validate(schema, document), [], `the schema should refuse ${JSON.stringify(document)}`);
    assert.notDeepEqual(await refused(document), [], `the module should refuse ${JSON.stringify(document)}`);
  }
  for (const document of accepted) assert.deepEqual(await refused(document), [], `the module should accept ${JSON.stringify(document)}`);
});
