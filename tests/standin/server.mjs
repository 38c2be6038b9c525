// The stand-in Clerk API: a loopback HTTP server that answers the 14 instance operations under
// `/v1` (namespace `default`) or `/ns/<name>/v1` (namespace `<name>`), records every request, and
// can be scripted to misbehave. `node tests/standin/server.mjs [--port N]` runs it from a shell.
import http from "node:http";
import { realpathSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { handle, initialState } from "./clerk.mjs";

const ENVIRONMENT_TYPES = ["development", "staging", "production"];
const REACTION_KEYS = ["method", "path", "times", "status", "body", "text", "contentType", "headers", "delayMs", "drop", "slowBodyMs"];
const SLOW_BODY_CHUNKS = 10;

const newNamespace = (name) => ({ records: [], queue: [], config: {}, state: initialState(name) });
const isLoopback = (host) => host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
const isCount = (v, min) => Number.isInteger(v) && v >= min;
const decode = (segment) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray "%" still names a namespace, just not a decoded one
  }
};

/** Starts the stand-in on loopback; resolves to `{ url, close() }` once it listens. */
export async function startStandin({ port = 0, host = "127.0.0.1" } = {}) {
  if (!isLoopback(host)) throw new Error(`the stand-in binds loopback only, not ${host}`);
  const namespaces = new Map();
  const namespace = (name) => {
    if (!namespaces.has(name)) namespaces.set(name, newNamespace(name));
    return namespaces.get(name);
  };
  // Aborted by close(), so that delays and slow bodies in flight do not keep the process alive.
  const stopping = new AbortController();
  const pause = (ms) => sleep(ms, undefined, { signal: stopping.signal });

  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const work = url.startsWith("/__standin/") ? control(req, res, url) : api(req, res, url);
    work.catch((error) => {
      // A client that went away, or close() during a delay, is routine; anything else is a bug here.
      if (!stopping.signal.aborted && !req.socket.destroyed) console.error("stand-in:", error);
      req.socket.destroy();
    });
  });

  async function api(req, res, url) {
    const [pathname, query = ""] = splitQuery(url);
    const match = /^\/ns\/([^/]+)(\/.*)?$/.exec(pathname);
    const space = namespace(match ? decode(match[1]) : "default");
    const path = match ? (match[2] ?? "/") : pathname;
    const record = {
      method: req.method, path: path + (query && `?${query}`), headers: { ...req.headers },
      body: "", status: null, at: Date.now(),
    };
    space.records.push(record);
    const reaction = takeReaction(space.queue, req.method, path);
    res.on("finish", () => { record.status = res.statusCode; });

    const body = await readBody(req);
    record.body = body.toString("utf8");
    if (reaction?.delayMs) await pause(reaction.delayMs);
    if (reaction?.drop === "before") return req.socket.destroy();
    const answer = reaction && ["status", "body", "text"].some((k) => k in reaction)
      ? scriptedAnswer(reaction)
      : answerLagging(space, { method: req.method, path, headers: req.headers, body });
    for (const [name, value] of Object.entries(reaction?.headers ?? {})) answer.headers[name.toLowerCase()] = String(value);
    await send(res, answer, reaction ?? {});
  }

  async function send(res, { status, headers, body }, { drop, slowBodyMs }) {
    const bytes = Buffer.from(body);
    const hasBody = status !== 204 && status !== 304;
    // A cut body announces at least one byte, so that even an empty one visibly ends too soon.
    const length = drop === "during" ? Math.max(bytes.length, 1) : bytes.length;
    res.writeHead(status, hasBody ? { ...headers, "content-length": String(length) } : headers);
    if (drop === "during") {
      res.flushHeaders();
      const part = bytes.subarray(0, Math.floor(bytes.length / 2));
      if (part.length > 0) await new Promise((resolve) => res.write(part, resolve));
      return res.socket?.destroy();
    }
    if (slowBodyMs) {
      res.flushHeaders();
      const size = Math.max(1, Math.ceil(bytes.length / SLOW_BODY_CHUNKS));
      const chunks = Math.max(1, Math.ceil(bytes.length / size));
      for (let offset = 0; offset < Math.max(bytes.length, 1); offset += size) {
        if (offset < bytes.length) res.write(bytes.subarray(offset, offset + size));
        await pause(slowBodyMs / chunks);
        if (res.destroyed) return;
      }
      return res.end();
    }
    res.end(bytes);
  }

  async function control(req, res, url) {
    const parts = splitQuery(url)[0].split("/").slice(2).map(decode);
    const body = await readBody(req);
    if (parts.length === 1 && parts[0] === "health" && req.method === "GET") return reply(res, 200, { ok: true });
    if (parts.length !== 2) return reply(res, 404, { error: `no control endpoint ${req.method} ${url}` });
    const [name, action] = parts;
    const route = `${req.method} ${action}`;
    if (route === "GET requests") return reply(res, 200, namespace(name).records);
    if (route === "GET state") return reply(res, 200, namespace(name).state);
    if (route === "GET script") return reply(res, 200, namespace(name).queue);
    if (route === "POST reset") {
      namespaces.delete(name);
      return reply(res, 200, { ok: true });
    }
    if (route !== "POST script" && route !== "POST config") {
      return reply(res, 404, { error: `no control endpoint ${req.method} ${url}` });
    }
    let input;
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      return reply(res, 400, { error: "the body must be JSON" });
    }
    const space = namespace(name);
    const problem = route === "POST script" ? scriptProblem(input) : configProblem(input);
    if (problem) return reply(res, 400, { error: problem });
    if (route === "POST script") {
      space.queue.push(...input.map((reaction) => ({ ...reaction, times: reaction.times ?? 1 })));
      return reply(res, 200, { queued: space.queue.length });
    }
    for (const [key, value] of Object.entries(input)) {
      if (value === null) delete space.config[key];
      else space.config[key] = value;
    }
    if (input.environmentType !== undefined) {
      space.state.instance.environment_type = input.environmentType ?? "development";
    }
    return reply(res, 200, { config: space.config });
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { address, port: bound } = server.address();
  let closing;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${bound}`,
    /** Stops listening, cuts open connections and pending delays; resolves when the server is closed. */
    close() {
      closing ??= new Promise((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Clerk's answer, with reads that lag writes as Clerk's can: for `config.staleReadsMs` after a
 * successful write, a read answers the state from before the first write of that window.
 */
function answerLagging(space, request) {
  const lag = space.config.staleReadsMs ?? 0;
  const now = Date.now();
  if (!(lag > 0 && now < space.staleUntil)) space.staleState = undefined;
  if (request.method === "GET") return handle(request, space.staleState ?? space.state, space.config);
  const before = lag > 0 && !space.staleState ? structuredClone(space.state) : undefined;
  const answer = handle(request, space.state, space.config);
  if (lag > 0 && answer.status < 300) {
    space.staleState ??= before;
    space.staleUntil = now + lag;
  }
  return answer;
}

function splitQuery(url) {
  const at = url.indexOf("?");
  return at < 0 ? [url, ""] : [url.slice(0, at), url.slice(at + 1)];
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function reply(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

// The first queued reaction whose filters match, with one use consumed.
function takeReaction(queue, method, path) {
  const index = queue.findIndex((r) =>
    (r.method === undefined || r.method.toUpperCase() === method) && (r.path === undefined || r.path === path));
  if (index < 0) return undefined;
  const reaction = queue[index];
  if (--reaction.times === 0) queue.splice(index, 1);
  return reaction;
}

function scriptedAnswer({ status = 200, body, text, contentType }) {
  if (body !== undefined) {
    return { status, headers: { "content-type": contentType ?? "application/json" }, body: JSON.stringify(body) };
  }
  const headers = contentType ? { "content-type": contentType } : {};
  if (text !== undefined) return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: text };
  return { status, headers, body: "" };
}

// Typos in a script would silently fall back to normal answers, so refuse them loudly instead.
function scriptProblem(input) {
  if (!Array.isArray(input)) return "a script is a JSON array of reactions";
  for (const [i, r] of input.entries()) {
    const at = `reaction ${i}`;
    if (r === null || typeof r !== "object" || Array.isArray(r)) return `${at} is not an object`;
    const unknown = Object.keys(r).find((key) => !REACTION_KEYS.includes(key));
    if (unknown) return `${at} has unknown key "${unknown}"; known keys: ${REACTION_KEYS.join(", ")}`;
    if (r.method !== undefined && typeof r.method !== "string") return `${at}: method must be a string`;
    if (r.path !== undefined && !(typeof r.path === "string" && r.path.startsWith("/"))) {
      return `${at}: path must start with "/" (like /v1/instance)`;
    }
    if (r.times !== undefined && !isCount(r.times, 1)) return `${at}: times must be an integer of at least 1`;
    if (r.status !== undefined && !(isCount(r.status, 200) && r.status <= 599)) return `${at}: status must be 200 to 599`;
    if (r.body !== undefined && r.text !== undefined) return `${at}: give body or text, not both`;
    if (r.text !== undefined && typeof r.text !== "string") return `${at}: text must be a string`;
    if (r.contentType !== undefined && typeof r.contentType !== "string") return `${at}: contentType must be a string`;
    if (r.headers !== undefined && (typeof r.headers !== "object" || r.headers === null || Array.isArray(r.headers))) {
      return `${at}: headers must be an object`;
    }
    for (const key of ["delayMs", "slowBodyMs"]) {
      if (r[key] !== undefined && !(typeof r[key] === "number" && r[key] >= 0)) return `${at}: ${key} must be a number >= 0`;
    }
    if (r.drop !== undefined && r.drop !== "before" && r.drop !== "during") return `${at}: drop must be "before" or "during"`;
  }
  return undefined;
}

function configProblem(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return "config is a JSON object";
  const unknown = Object.keys(input).find((key) => !["secretKey", "environmentType", "staleReadsMs"].includes(key));
  if (unknown) return `unknown config key "${unknown}"; known keys: secretKey, environmentType, staleReadsMs`;
  const { secretKey, environmentType, staleReadsMs } = input;
  if (staleReadsMs !== undefined && staleReadsMs !== null && !isCount(staleReadsMs, 0)) {
    return "staleReadsMs must be a whole number of milliseconds (0 or null: reads are never stale)";
  }
  if (secretKey !== undefined && secretKey !== null && !(typeof secretKey === "string" && secretKey !== "")) {
    return "secretKey must be a non-empty string (or null to accept any token)";
  }
  if (environmentType !== undefined && environmentType !== null && !ENVIRONMENT_TYPES.includes(environmentType)) {
    return `environmentType must be one of ${ENVIRONMENT_TYPES.join(", ")} (or null for development)`;
  }
  return undefined;
}

function cliPort(argv) {
  const inline = argv.find((a) => a.startsWith("--port="));
  const value = inline ? inline.slice(7) : argv[argv.indexOf("--port") + 1];
  if (!inline && !argv.includes("--port")) return 0;
  const port = Number(value);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new Error(`--port needs 0 to 65535, not ${value}`);
  return port;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const standin = await startStandin({ port: cliPort(process.argv.slice(2)) });
  process.stdout.write(`${JSON.stringify({ url: standin.url })}\n`);
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => standin.close().then(() => process.exit(0)));
  }
}
