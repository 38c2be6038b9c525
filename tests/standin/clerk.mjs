// What the stand-in does as Clerk: the state of one instance, the checks on a request, the
// operations, and the error format. No HTTP here; server.mjs owns sockets, namespaces and scripts.
import { randomBytes } from "node:crypto";
import { API_PREFIX, DEFAULT_SCOPES, findOperation, operations, resources } from "./api.mjs";

/** Roles every stand-in instance has; `creator_role_id` and `domains_default_role_id` must name one. */
export const ROLES = [
  { id: "rol_standin_admin", key: "org:admin" },
  { id: "rol_standin_member", key: "org:member" },
];

// ISO 3166 user-assigned codes are well-formed but no country, so Clerk silently drops them
// (all but XK, which is in common use for Kosovo).
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;

/** Where the stand-in keeps each stored resource's fields in its state. */
const STATE_KEYS = {
  Instance: "instance",
  InstanceRestrictions: "restrictions",
  InstanceProtect: "protect",
  InstanceCommunication: "communication",
  OAuthApplicationSettings: "oauth",
  OrganizationSettings: "organization",
};

/** The resource an update writes to: its own answer's, else that of the read at the same path. */
const homeOf = (op) => op.resource ?? operations.find((o) => o.method === "GET" && o.path === op.path)?.resource;

/** Fields handled by a rule of their own below, never stored as they are sent. */
const SPECIAL = new Set(["home_url", "is_secondary", "creator_role_id", "domains_default_role_id", "restricted_to_allowlist"]);

/**
 * Settings Clerk accepts but no read returns, visible through the control API's state endpoint:
 * every request field that is not in the resource its update writes to (from the declarations).
 */
const WRITE_ONLY = [...new Set(operations.flatMap((op) => {
  const home = resources[homeOf(op)];
  return Object.keys(op.fields ?? {}).filter((name) => !SPECIAL.has(name) && !(STATE_KEYS[homeOf(op)] && home?.fields[name]));
}))];

const KIND_DEFAULTS = { boolean: false, integer: 0, string: null, "string[]": [] };
const fieldDefault = (type) => structuredClone(KIND_DEFAULTS[type] ?? null);

/** What a new instance shows where it differs from its field's kind default (false, 0, null, []). */
const INITIAL = {
  instance: { environment_type: "development" },
  settings: { test_mode: true, hibp: true, from_email_address: "notifications", progressive_sign_up: true },
  oauth: { default_scopes: DEFAULT_SCOPES },
  organization: {
    max_allowed_memberships: 5,
    max_allowed_roles: 10,
    max_role_sets_allowed: 1,
    max_allowed_domains: 10,
    max_allowed_permissions: 50,
    creator_role: "org:admin",
    admin_delete_enabled: true,
    domains_default_role: "org:member",
  },
};

/** A fresh instance, as Clerk would report it right after creation. */
export function initialState(ns) {
  const state = {};
  for (const [name, key] of Object.entries(STATE_KEYS)) {
    const { object, fields } = resources[name];
    state[key] = Object.fromEntries(Object.entries(fields).map(([field, type]) => [field, field === "object" ? object : fieldDefault(type)]));
  }
  const types = Object.fromEntries(operations.flatMap((op) => Object.entries(op.fields ?? {}).map(([name, f]) => [name, f.type])));
  state.settings = Object.fromEntries(WRITE_ONLY.map((name) => [name, fieldDefault(types[name])]));
  for (const [key, values] of Object.entries(INITIAL)) Object.assign(state[key], structuredClone(values));
  state.instance.id = `ins_standin_${ns}`;
  // Every accepted domain change, oldest first; `home_url` is the latest.
  state.domain = { home_url: null, is_secondary: false, changes: [] };
  return state;
}

/** One entry of a Clerk error body. */
function clerkError(code, message, longMessage, meta = {}) {
  return { message, long_message: longMessage, code, meta };
}

/** A complete Clerk error answer with a fresh trace id. */
function errorAnswer(status, errors) {
  const body = { errors, meta: {}, clerk_trace_id: randomBytes(16).toString("hex") };
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

const paramError = (code, param, message, longMessage) =>
  clerkError(code, message, longMessage, { param_name: param });

const ok = (status, resource) =>
  resource === undefined
    ? { status, headers: {}, body: "" }
    : { status, headers: { "content-type": "application/json" }, body: JSON.stringify(resource) };

/**
 * Answers one API request: `path` is the namespace-relative path without query (`/v1/instance`),
 * `body` the raw bytes. Checks run in this order: route, authentication, headers, body.
 */
export function handle({ method, path, headers, body }, state, config) {
  // The route first, so a client that builds a wrong URL learns that before anything else.
  const op = path.startsWith(`${API_PREFIX}/`) && findOperation(method, path.slice(API_PREFIX.length));
  if (!op) {
    return errorAnswer(404, [clerkError("resource_not_found", "not found",
      `There is no ${method} ${path} in the Backend API.`)]);
  }
  const auth = /^Bearer (\S+)$/.exec(headers.authorization ?? "");
  if (!auth || (config.secretKey !== undefined && auth[1] !== config.secretKey)) {
    return errorAnswer(401, [clerkError("authentication_invalid", "Invalid authentication",
      "Unable to authenticate the request, you need to supply an active API key")]);
  }
  const version = headers["clerk-api-version"];
  if (!version) {
    return errorAnswer(400, [clerkError("api_version_missing", "API version missing",
      "The Clerk-API-Version header is required.")]);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) {
    return errorAnswer(400, [clerkError("api_version_invalid", "API version invalid",
      `The Clerk-API-Version header must be a date like 2026-05-12, not "${version}".`)]);
  }
  if (!headers["user-agent"]) {
    return errorAnswer(400, [clerkError("user_agent_missing", "User-Agent missing",
      "The User-Agent header is required.")]);
  }
  if (op.fields === null) {
    if (body.length > 0) {
      return errorAnswer(400, [clerkError("malformed_request", "malformed request",
        `${method} ${path} takes no request body.`)]);
    }
    return ok(op.status, operate[op.name](state));
  }
  const mediaType = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    return errorAnswer(415, [clerkError("unsupported_content_type", "unsupported content type",
      `The request body must be sent as application/json, not "${headers["content-type"] ?? ""}".`)]);
  }
  let params;
  try {
    params = JSON.parse(body.toString("utf8"));
  } catch {
    params = undefined;
  }
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    return errorAnswer(400, [clerkError("malformed_request", "malformed request",
      "The request body must be a JSON object.")]);
  }
  const problems = checkParams(op.fields, params);
  if (problems.length > 0) return errorAnswer(422, problems);
  return operate[op.name](state, params, config) ?? ok(op.status);
}

const TYPE_NAMES = { boolean: "a boolean", integer: "an integer", string: "a string", "string[]": "an array of strings" };

function matchesType(type, value) {
  if (type === "string[]") return Array.isArray(value) && value.every((item) => typeof item === "string");
  if (type === "integer") return Number.isInteger(value);
  return typeof value === type;
}

/** Every problem with the body's parameters, one Clerk error each. */
function checkParams(fields, params) {
  const problems = [];
  for (const [name, value] of Object.entries(params)) {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!field) {
      problems.push(paramError("form_param_unknown", name, "is unknown", `${name} is not a valid parameter for this request.`));
    } else if (value === null) {
      if (!field.nullable) {
        problems.push(paramError("form_param_nil", name, "must not be null",
          `${name} cannot be null; leave it out to keep the current value.`));
      }
    } else if (!matchesType(field.type, value)) {
      problems.push(paramError("form_param_type_invalid", name, `must be ${TYPE_NAMES[field.type]}`,
        `${name} must be ${TYPE_NAMES[field.type]}.`));
    } else {
      const reason = valueProblem(field, value);
      if (reason) problems.push(paramError("form_param_value_invalid", name, "is invalid", `${name} ${reason}.`));
    }
  }
  return problems;
}

function valueProblem(field, value) {
  if (field.enum && !field.enum.includes(value)) return `must be one of ${field.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (!Array.isArray(value)) return undefined;
  if (field.maxItems !== undefined && value.length > field.maxItems) return `accepts at most ${field.maxItems} items`;
  if (field.uniqueItems && new Set(value).size !== value.length) return "must not repeat an item";
  const pattern = field.itemPattern && new RegExp(field.itemPattern);
  const bad = value.find((item) => (pattern && !pattern.test(item)) || (field.itemEnum && !field.itemEnum.includes(item)));
  if (bad === undefined) return undefined;
  return pattern ? `has "${bad}", which does not match ${field.itemPattern}` : `has "${bad}", which is not one of ${field.itemEnum.join(", ")}`;
}

// Absent and null both mean "unchanged"; the operations handle the exceptions before this.
const clearable = (value) => (value === "" ? null : value);
const roleKey = (id) => ROLES.find((role) => role.id === id)?.key;
const nonEmpty = (list) => list !== undefined && list !== null && list.length > 0;
const copy = (value) => (Array.isArray(value) ? [...value] : value);

/**
 * Stores the params of `op` the way Clerk does: a field of the resource the update writes to is
 * set there, any other (write-only) one in `state.settings`, `""` clearing a string; absent and
 * null change nothing. Fields with a rule of their own are left to the operation.
 */
function store(op, state, params, skip = []) {
  const key = STATE_KEYS[homeOf(op)];
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || SPECIAL.has(name) || skip.includes(name)) continue;
    if (key && Object.hasOwn(state[key], name)) state[key][name] = copy(value);
    else state.settings[name] = typeof value === "string" ? clearable(value) : copy(value);
  }
}

function changeDomain(state, params) {
  if (params.home_url !== undefined) state.domain.home_url = params.home_url;
  if (params.is_secondary !== undefined) state.domain.is_secondary = params.is_secondary;
  state.domain.changes.push({ home_url: params.home_url, is_secondary: params.is_secondary });
}

/** The answer of PATCH /beta_features/instance_settings: a view over the stored settings. */
const instanceSettings = (state) =>
  Object.fromEntries(Object.keys(resources.InstanceSettings.fields).map((name) => [name,
    name === "object" ? resources.InstanceSettings.object
      : name === "id" ? state.instance.id
        // The older name of the restrictions' allowlist switch.
        : name === "restricted_to_allowlist" ? state.restrictions.allowlist
          : state.settings[name] ?? null]));

const op = (name) => operations.find((o) => o.name === name);

// One function per operation: reads return the resource; writes return an error answer, a
// resource, or nothing (then the operation's empty success status is sent).
const operate = {
  GetInstance: (s) => s.instance,
  UpdateInstance(s, p) {
    if (p.development_origin != null && s.instance.environment_type !== "development") {
      return errorAnswer(422, [paramError("form_param_value_invalid", "development_origin", "is invalid",
        `development_origin can only be set on development instances; this one is ${s.instance.environment_type}.`)]);
    }
    store(op("UpdateInstance"), s, p, ["allowed_origins"]);
    // An empty list changes nothing.
    if (nonEmpty(p.allowed_origins)) s.instance.allowed_origins = [...p.allowed_origins];
  },
  UpdateInstanceRestrictions(s, p) {
    store(op("UpdateInstanceRestrictions"), s, p);
    return ok(200, s.restrictions);
  },
  GetInstanceProtect: (s) => s.protect,
  UpdateInstanceProtect(s, p) {
    store(op("UpdateInstanceProtect"), s, p);
    return ok(200, s.protect);
  },
  GetInstanceCommunication: (s) => s.communication,
  UpdateInstanceCommunication(s, p) {
    store(op("UpdateInstanceCommunication"), s, p, ["blocked_country_codes"]);
    if (p.blocked_country_codes != null) s.communication.blocked_country_codes = p.blocked_country_codes.filter((c) => !NOT_A_COUNTRY.test(c));
    return ok(200, s.communication);
  },
  GetInstanceOAuthApplicationSettings: (s) => s.oauth,
  UpdateInstanceOAuthApplicationSettings(s, p) {
    store(op("UpdateInstanceOAuthApplicationSettings"), s, p);
    if (p.default_scopes === null) s.oauth.default_scopes = [...DEFAULT_SCOPES];
    return ok(200, s.oauth);
  },
  ChangeProductionInstanceDomain: changeDomain,
  GetInstanceOrganizationSettings: (s) => s.organization,
  UpdateInstanceOrganizationSettings(s, p) {
    const unknownRole = ["creator_role_id", "domains_default_role_id"].find((n) => p[n] != null && !roleKey(p[n]));
    if (unknownRole) {
      return errorAnswer(404, [paramError("resource_not_found", unknownRole, "not found",
        `No role with id "${p[unknownRole]}" exists in this instance.`)]);
    }
    const o = s.organization;
    store(op("UpdateInstanceOrganizationSettings"), s, p, ["domains_enrollment_modes"]);
    if (nonEmpty(p.domains_enrollment_modes)) o.domains_enrollment_modes = [...p.domains_enrollment_modes];
    if (p.creator_role_id != null) o.creator_role = roleKey(p.creator_role_id);
    if (p.domains_default_role_id != null) o.domains_default_role = roleKey(p.domains_default_role_id);
    return ok(200, o);
  },
  UpdateInstanceAuthConfig(s, p) {
    if (p.restricted_to_allowlist != null) s.restrictions.allowlist = p.restricted_to_allowlist;
    store(op("UpdateInstanceAuthConfig"), s, p);
    return ok(200, instanceSettings(s));
  },
  UpdateProductionInstanceDomain: changeDomain,
};
