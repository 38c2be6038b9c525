// What a Rust Worker author expects of the crate (issue 10), each found missing once: unknown keys
// and null for a non-nullable field refused on the `req.json()` path too, nothing of the npm API
// in a Rust Worker's exports, a build without warnings. Every case is required.

class Failed extends Error {}

function check(condition, message) {
  if (!condition) throw new Failed(message);
}

/** The Worker answers 400 naming `name`, and Clerk receives nothing. */
async function refusedByName({ call, sent }, method, path, body, name) {
  const answer = await call(method, path, body);
  const requests = await sent();
  check(answer.status === 400 && answer.text.includes(name) && requests.length === 0,
    `answered ${answer.status} ${answer.text}; Clerk received ${JSON.stringify(requests.map((r) => r.body))}`);
}

const CASES = {
  "req.json(): a misspelt key is refused by name, nothing sent": (io) => refusedByName(io, "PATCH", "/settings/restrictions", { allowlst: true }, "allowlst"),
  "req.json(): a camelCase key is refused by name, nothing sent": (io) => refusedByName(io, "PATCH", "/settings/instance", { supportEmail: null }, "supportEmail"),
  "serde_json: null for a field that cannot be null (allowed_origins) is refused, not dropped": (io) => refusedByName(io, "POST", "/settings", { instance: { allowed_origins: null } }, "allowed_origins"),
  "req.json(): null for a field that cannot be null (allowed_origins) is refused, not dropped": (io) => refusedByName(io, "PATCH", "/settings/instance", { allowed_origins: null }, "allowed_origins"),

  async "the Rust Worker exports nothing of the npm API"({ env }) {
    const { named, methods, leaked } = JSON.parse(env.EXPORTS);
    check(leaked.length === 0,
      `${leaked.join(", ")} leak (named exports: ${named.join(", ")}; entrypoint methods: ${methods.join(", ")})`);
  },

  async "a Worker bound to it cannot call the crate's \`operations\` over RPC, past the admin token"({ env }) {
    let answer;
    try {
      answer = await env.EXAMPLE.operations();
    } catch {
      return; // not a method of the entrypoint: correct
    }
    check(false, `env.EXAMPLE.operations() answered ${JSON.stringify(answer).slice(0, 80)}...`);
  },

  async "worker-build (esbuild) builds the Worker without warnings"({ env }) {
    const warnings = JSON.parse(env.BUILD_WARNINGS);
    check(warnings.length === 0, warnings.join("; "));
  },
};

export default {
  async test(controller, env) {
    const control = (action, body) =>
      fetch(`${env.STANDIN_URL}/__standin/rust-strict/${action}`, {
        method: body === undefined ? "GET" : "POST",
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.json());
    const call = async (method, path, body) => {
      const response = await env.EXAMPLE.fetch(`http://example${path}`, {
        method,
        headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    };
    const context = { env, call, sent: () => control("requests") };
    const failing = [];
    for (const [name, run] of Object.entries(CASES)) {
      await control("reset", {});
      try {
        await run(context);
        console.log(`ok    ${name}`);
      } catch (error) {
        if (!(error instanceof Failed)) throw error;
        failing.push(name);
        console.log(`FAIL  ${name}\n      ${error.message}`);
      }
    }
    if (failing.length) throw new Error(`${failing.length} case(s) failed: ${failing.join("; ")}`);
  },
};
