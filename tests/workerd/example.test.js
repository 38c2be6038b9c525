// The worker example end to end in workerd: requests go through a service binding to the
// example, which calls the stand-in Clerk API through the package.

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

export default {
  async test(controller, env) {
    const standin = (action, body) =>
      fetch(`${env.STANDIN_URL}/__standin/example/${action}`, {
        method: body === undefined ? "GET" : "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.json());
    const call = (method, path, body, token = env.ADMIN_TOKEN) =>
      env.EXAMPLE.fetch(`http://example${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    await standin("reset", {});

    // Every response body is read: workerd waits for unread service-binding bodies.
    const unauthorized = await call("POST", "/settings", {}, "wrong");
    check(unauthorized.status === 401 && (await unauthorized.json()).error === "unauthorized", "a wrong admin token is refused");

    const applied = await call("POST", "/settings", {
      instance: { testMode: true, supportEmail: null },
      restrictions: { allowlist: true, blocklist: undefined },
    });
    check(applied.status === 200, `apply answered ${applied.status}`);
    const { results } = await applied.json();
    check(results.instance === null && results.restrictions.allowlist === true, JSON.stringify(results));
    const sent = await standin("requests");
    check(sent.length === 2, `${sent.length} requests`);
    check(sent[0].method === "PATCH" && sent[0].path === "/v1/instance", "instance update");
    check(sent[0].body === '{"test_mode":true,"support_email":null}', sent[0].body);
    check(sent[1].body === '{"allowlist":true}', sent[1].body);

    const invalid = await call("POST", "/settings", { instance: { testmode: true } });
    const problems = await invalid.json();
    check(invalid.status === 400 && problems.problems[0].param === "testmode", JSON.stringify(problems));

    const dry = await (await call("POST", "/settings?dryRun=1", { protect: { rulesEnabled: false } })).json();
    check(dry.results.protect.body === '{"rules_enabled":false}', JSON.stringify(dry));
    check(dry.results.protect.headers.Authorization === "Bearer [redacted]", "dry runs hide the key");

    await standin("script", [{ method: "PATCH", path: "/v1/instance/restrictions", status: 402, body: { errors: [{ code: "payment_required", message: "upgrade your plan" }], clerk_trace_id: "t_402" } }]);
    const refused = await call("POST", "/settings", { restrictions: { blocklist: true } });
    const refusal = await refused.json();
    check(refused.status === 502 && refusal.status === 402 && refusal.clerkTraceId === "t_402", JSON.stringify(refusal));

    const read = await (await call("GET", "/settings")).json();
    check(read.instance.object === "instance" && read.protect.object === "instance_protect", JSON.stringify(read));
    check((await standin("requests")).length === 3 + 5, "invalid and dry-run calls sent nothing");
    console.log("worker example: auth, apply, invalid params, dry run, API error, read");
  },
};
