// The stand-in against Clerk's OpenAPI spec: its table of operations (tests/standin/api.mjs,
// derived from the crate's declarations) and every answer it gives. Run by `make conformance`, which finds the spec (CLERK_OPENAPI_SPEC,
// default ../shared/reference/clerk-bapi-2026-05-12-instance.yml) and passes its absolute path.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { API_PREFIX, operations } from "../standin/api.mjs";
import { startStandin } from "../standin/server.mjs";

const SPEC_PATH = process.env.CLERK_OPENAPI_SPEC;
const HEADERS = { authorization: "Bearer sk_test_standin", "clerk-api-version": "2026-05-12", "user-agent": "conformance-test/1.0" };

let standin;
before(async () => { standin = await startStandin(); });
after(() => standin.close());

let namespaces = 0;
const fresh = (label) => `${label}-${++namespaces}`;

/** An API request in namespace `ns`; a body is sent as JSON. */
async function api(ns, method, path, { body } = {}) {
  const headers = { ...HEADERS, ...(body !== undefined && { "content-type": "application/json" }) };
  const res = await fetch(`${standin.url}/ns/${ns}${API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

// Read inside a test, so that a missing file fails the tests instead of skipping them.
let specCache;
const spec = () => {
  assert.ok(SPEC_PATH, "set CLERK_OPENAPI_SPEC to the spec's path (make conformance does)");
  return (specCache ??= yaml.load(readFileSync(SPEC_PATH, "utf8")));
};
const deref = (node) => {
  while (node?.$ref) node = node.$ref.slice(2).split("/").reduce((n, key) => n[key], spec());
  return node;
};

describe("conformance with the spec", () => {
  // Fields the SDK and the seed documents send that the 2026-05-12 spec dropped.
  const SEED_FIELDS = {
    "PATCH /instance": { enhanced_email_deliverability: "boolean" },
    "PATCH /instance/restrictions": { ignore_dots_for_gmail_addresses: "boolean" },
    "PATCH /beta_features/instance_settings": { enhanced_email_deliverability: "boolean", session_token_template: "string" },
  };
  // Response fields the stand-in returns beyond the spec's schemas.
  const EXTRA_RESPONSE_FIELDS = ["instance_restrictions.ignore_dots_for_gmail_addresses"];

  const specOperations = () =>
    Object.entries(spec().paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  const successStatus = (op) => Number(Object.keys(op.responses).find((s) => s.startsWith("2")));
  const successSchema = (op) => deref(deref(op.responses[successStatus(op)])?.content?.["application/json"]?.schema);

  function specField(schema, responseSchema, name) {
    const isList = schema.type === "array";
    const field = { type: isList ? `${schema.items.type}[]` : schema.type, nullable: schema.nullable === true };
    if (schema.enum) field.enum = schema.enum;
    if (isList && schema.items.pattern) field.itemPattern = schema.items.pattern;
    // Where the request leaves items open, the modes Clerk knows are those its answer can hold.
    const itemEnum = isList && (schema.items.enum ?? responseSchema?.properties?.[name]?.items?.enum);
    if (itemEnum) field.itemEnum = itemEnum;
    if (schema.maxItems !== undefined) field.maxItems = schema.maxItems;
    if (schema.uniqueItems) field.uniqueItems = true;
    if (schema.deprecated) field.deprecated = true;
    return field;
  }

  test("api.mjs declares exactly the spec's operations, with their success status", () => {
    const fromSpec = specOperations().map(({ path, method, op }) =>
      [op.operationId, method, path, successStatus(op), op.deprecated === true]).sort();
    const declared = operations.map((op) => [op.name, op.method, op.path, op.status, op.deprecated === true]).sort();
    assert.equal(fromSpec.length, 14);
    assert.deepEqual(declared, fromSpec);
  });

  test("the stand-in's request fields are exactly the spec's plus the seed fields, with the spec's types and rules", () => {
    for (const { path, method, op } of specOperations()) {
      const key = `${method} ${path}`;
      const declared = operations.find((o) => o.method === method && o.path === path);
      const schema = deref(op.requestBody?.content?.["application/json"]?.schema);
      if (!schema) {
        assert.equal(declared.fields, null, `${key} takes no body`);
        continue;
      }
      assert.equal(schema.additionalProperties, false, key);
      const seeds = SEED_FIELDS[key] ?? {};
      assert.deepEqual(Object.keys(declared.fields).sort(), [...Object.keys(schema.properties), ...Object.keys(seeds)].sort(), `${key}: the fields`);
      for (const [name, s] of Object.entries(schema.properties)) {
        const { itemEnum, deprecated, ...expected } = specField(s, successSchema(op), name);
        const { itemEnum: ourItemEnum, deprecated: ourDeprecated, ...ours } = declared.fields[name];
        assert.deepEqual(ours, expected, `${key} ${name}`);
        // The declarations may deprecate more than the spec does, never less.
        if (deprecated) assert.equal(ourDeprecated, true, `${key} ${name} is deprecated in the spec`);
        // Where the request leaves items open, the declarations may narrow them to modes Clerk knows.
        if (ourItemEnum) assert.ok(itemEnum && ourItemEnum.every((v) => itemEnum.includes(v)), `${key} ${name}: ${ourItemEnum} within ${itemEnum}`);
      }
      for (const [name, type] of Object.entries(seeds)) {
        assert.ok(!(name in schema.properties), `${key} ${name} is in the spec now; drop it from SEED_FIELDS`);
        assert.deepEqual(declared.fields[name], { type, nullable: true, seed: true }, `${key} ${name}`);
      }
    }
  });

  test("every answer the stand-in gives conforms to the spec's response schema", async () => {
    const ns = fresh("conform");
    // Non-default values first, so that strings, lists and numbers are exercised too.
    await api(ns, "PATCH", "/instance", { body: { allowed_origins: ["https://a.example"] } });
    await api(ns, "PATCH", "/instance/communication", { body: { blocked_country_codes: ["NG"] } });
    await api(ns, "PATCH", "/instance/organization_settings", { body: { domains_enrollment_modes: ["automatic_suggestion"] } });
    for (const { path, method, op } of specOperations()) {
      const declared = operations.find((o) => o.method === method && o.path === path);
      const res = await api(ns, method, path, declared.fields ? { body: {} } : {});
      assert.equal(res.status, successStatus(op), `${method} ${path}`);
      const schema = successSchema(op);
      if (!schema) {
        assert.equal(res.text, "", `${method} ${path} has no response body`);
        continue;
      }
      assert.deepEqual(problems(schema, res.json(), schema.properties.object.enum[0]), [], `${method} ${path}`);
    }

    function problems(schema, value, where) {
      schema = deref(schema);
      if (value === null) return schema.nullable ? [] : [`${where} is null`];
      if (schema.type === "object") {
        if (typeof value !== "object" || Array.isArray(value)) return [`${where} is not an object`];
        const missing = (schema.required ?? []).filter((name) => !(name in value)).map((name) => `${where}.${name} is missing`);
        return missing.concat(Object.entries(value).flatMap(([name, v]) =>
          schema.properties[name] ? problems(schema.properties[name], v, `${where}.${name}`)
            : EXTRA_RESPONSE_FIELDS.includes(`${where}.${name}`) ? [] : [`${where}.${name} is not in the spec`]));
      }
      if (schema.type === "array") {
        if (!Array.isArray(value)) return [`${where} is not an array`];
        return value.flatMap((item, i) => problems(schema.items, item, `${where}[${i}]`));
      }
      if (schema.type === "integer" ? !Number.isInteger(value) : typeof value !== schema.type) return [`${where} is not ${schema.type}`];
      if (schema.enum && !schema.enum.includes(value)) return [`${where} is not one of ${schema.enum}`];
      return [];
    }
  });
});
