// The checks every runtime runs against the stand-in Clerk API: Node, Deno and workerd each
// import the package the way a user would and hand it to `smoke`. Plain JS: no runtime APIs
// beyond fetch.

const KEY = "sk_test_RUNTIMESECRET0123456789";

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

function equal(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${message}: expected ${e}, got ${a}`);
}

async function control(standin, ns, action, body) {
  const response = await fetch(`${standin}/__standin/${ns}/${action}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  check(response.ok, `stand-in ${action} answered ${response.status}`);
  return response.json();
}

/**
 * Runs the shared checks. `pkg` is the imported package; `runtime` names the namespace in the
 * stand-in; `fetchers` maps a name to a `fetch` option to try besides the global fetch (a
 * service binding's fetch, passed bound, in workerd). Returns the names of the checks run.
 */
export async function smoke({ pkg, standin, runtime, fetchers = {} }) {
  const done = [];
  const { createInstanceClient, createClerkClient, isClerkAPIResponseError } = pkg;
  check(typeof createInstanceClient === "function", "createInstanceClient is exported");
  check(createClerkClient === createInstanceClient, "createClerkClient is the same function");

  const ways = { global: undefined, ...fetchers };
  for (const [way, fetch] of Object.entries(ways)) {
    const ns = `${runtime}-${way}`;
    await control(standin, ns, "reset", {});
    const clerk = createInstanceClient({ secretKey: KEY, apiUrl: `${standin}/ns/${ns}`, fetch });
    // absent (undefined and missing), null and value in one update
    const result = await clerk.instances.update({ testMode: true, supportEmail: null, hibp: undefined, allowedOrigins: ["https://app.example.com"] });
    check(result === undefined, "update answers undefined (204)");
    const [record] = await control(standin, ns, "requests");
    equal(record.method, "PATCH", "method");
    equal(record.path, "/v1/instance", "path");
    equal(record.body, '{"test_mode":true,"support_email":null,"allowed_origins":["https://app.example.com"]}', "body bytes");
    equal(record.headers.authorization, `Bearer ${KEY}`, "authorization");
    equal(record.headers["clerk-api-version"], "2026-05-12", "api version");
    check(record.headers["user-agent"].startsWith("clerk-instance-edge@"), "user agent");
    // a read through the alias
    const restrictions = await clerk.instance.updateRestrictions({ allowlist: true, blocklist: null });
    equal(restrictions.allowlist, true, "restrictions.allowlist");
    equal(restrictions.object, "instance_restrictions", "restrictions.object");
    done.push(`update and read through ${way} fetch`);
  }

  const ns = `${runtime}-errors`;
  await control(standin, ns, "reset", {});
  const clerk = createInstanceClient({ secretKey: KEY, apiUrl: `${standin}/ns/${ns}`, retry: false });
  await control(standin, ns, "script", [
    {
      status: 422,
      body: { errors: [{ code: "form_param_format_invalid", message: "is invalid", long_message: "support_email is invalid", meta: { param_name: "support_email" } }], clerk_trace_id: "trace_smoke" },
    },
  ]);
  try {
    await clerk.instances.update({ supportEmail: "support@example.com" });
    check(false, "the scripted 422 rejects");
  } catch (error) {
    check(isClerkAPIResponseError(error), "isClerkAPIResponseError");
    check(error.constructor.kind === "ClerkAPIResponseError" && error.clerkError === true, "recognised by @clerk/shared");
    equal(error.status, 422, "status");
    equal(error.clerkTraceId, "trace_smoke", "clerkTraceId");
    equal(error.errors[0].code, "form_param_format_invalid", "code");
    equal(error.errors[0].longMessage, "support_email is invalid", "longMessage");
    equal(error.errors[0].meta.paramName, "support_email", "meta.paramName");
    check(!JSON.stringify({ ...error, message: error.message }).includes("RUNTIMESECRET"), "no secret in the error");
  }
  done.push("API error with its fields");

  try {
    await clerk.instances.update({ testmode: true });
    check(false, "an unknown key rejects");
  } catch (error) {
    equal(error.name, "ClerkInvalidParamsError", "invalid params error");
    check(error.message.includes("did you mean `testMode`?"), "suggests the nearest key");
  }
  done.push("invalid params refused before sending");

  const dry = clerk.dryRun.instances.update({ hibp: false });
  equal(dry.body, '{"hibp":false}', "dry-run body");
  equal(dry.headers.Authorization, "Bearer [redacted]", "dry-run hides the key");
  equal((await control(standin, ns, "requests")).length, 1, "only the scripted call reached the stand-in");
  done.push("dry run");
  return done;
}
