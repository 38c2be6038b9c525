// The stand-in's own statement of Clerk's 14 instance operations (Backend API 2026-05-12). It is
// written independently of the crate's declarations on purpose: the stand-in plays Clerk, so a
// mistake copied from the client would otherwise be confirmed instead of caught. The conformance
// test in standin.test.mjs holds this table against the spec.

/** Every operation path below is relative to this prefix, as in the spec's server URL. */
export const API_PREFIX = "/v1";

/** Clerk's default OAuth scopes, restored by `default_scopes: null`. */
export const DEFAULT_SCOPES = ["openid", "profile", "email"];

const nullable = (type, extra) => ({ type, nullable: true, ...extra });
const notNull = (type, extra) => ({ type, nullable: false, ...extra });
// Sent by the official SDK and the seed documents, dropped from the 2026-05-12 spec; Clerk still accepts them.
const seed = (type) => ({ type, nullable: true, seed: true });

/**
 * The 14 operations: `name` is the spec's operationId, `status` the success status, `fields` the
 * request body's properties (`null` for reads, which take no body). A field has `type` (`boolean`,
 * `integer`, `string`, `string[]`), `nullable`, and optionally `enum`, `itemPattern`,
 * `itemEnum`, `maxItems`, `uniqueItems`, `deprecated`, `seed`.
 */
export const operations = [
  { name: "GetInstance", method: "GET", path: "/instance", status: 200, fields: null },
  {
    name: "UpdateInstance", method: "PATCH", path: "/instance", status: 204,
    fields: {
      test_mode: nullable("boolean"),
      hibp: nullable("boolean"),
      support_email: nullable("string"),
      clerk_js_version: nullable("string"),
      development_origin: nullable("string"),
      allowed_origins: notNull("string[]"),
      cookieless_dev: nullable("boolean", { deprecated: true }),
      url_based_session_syncing: nullable("boolean"),
      preferred_sign_in_strategy_when_password_required: nullable("string", { enum: ["password", "otp", ""] }),
      enhanced_email_deliverability: seed("boolean"),
    },
  },
  {
    name: "UpdateInstanceRestrictions", method: "PATCH", path: "/instance/restrictions", status: 200,
    fields: {
      allowlist: nullable("boolean"),
      blocklist: nullable("boolean"),
      allowlist_blocklist_disabled_on_sign_in: nullable("boolean"),
      block_email_subaddresses: nullable("boolean"),
      block_disposable_email_domains: nullable("boolean"),
      ignore_dots_for_gmail_addresses: seed("boolean"),
    },
  },
  { name: "GetInstanceProtect", method: "GET", path: "/instance/protect", status: 200, fields: null },
  {
    name: "UpdateInstanceProtect", method: "PATCH", path: "/instance/protect", status: 200,
    fields: { rules_enabled: nullable("boolean"), specter_enabled: nullable("boolean") },
  },
  { name: "GetInstanceCommunication", method: "GET", path: "/instance/communication", status: 200, fields: null },
  {
    name: "UpdateInstanceCommunication", method: "PATCH", path: "/instance/communication", status: 200,
    fields: {
      blocked_country_codes: nullable("string[]", { itemPattern: "^[A-Z]{2}$", maxItems: 250, uniqueItems: true }),
    },
  },
  {
    name: "GetInstanceOAuthApplicationSettings", method: "GET", path: "/instance/oauth_application_settings",
    status: 200, fields: null,
  },
  {
    name: "UpdateInstanceOAuthApplicationSettings", method: "PATCH", path: "/instance/oauth_application_settings",
    status: 200,
    fields: {
      dynamic_oauth_client_registration: nullable("boolean"),
      default_scopes: nullable("string[]"),
      oauth_jwt_access_tokens: nullable("boolean"),
      client_id_metadata_documents_advertised: nullable("boolean"),
      client_id_metadata_documents_only_allow_pre_registered_clients: nullable("boolean"),
      client_id_metadata_documents_block_implicitly_allowed_clients: nullable("boolean"),
    },
  },
  {
    name: "ChangeProductionInstanceDomain", method: "POST", path: "/instance/change_domain", status: 202,
    fields: { home_url: notNull("string"), is_secondary: notNull("boolean") },
  },
  {
    name: "GetInstanceOrganizationSettings", method: "GET", path: "/instance/organization_settings",
    status: 200, fields: null,
  },
  {
    name: "UpdateInstanceOrganizationSettings", method: "PATCH", path: "/instance/organization_settings",
    status: 200,
    fields: {
      enabled: nullable("boolean"),
      max_allowed_memberships: nullable("integer"),
      admin_delete_enabled: nullable("boolean"),
      domains_enabled: nullable("boolean"),
      slug_disabled: nullable("boolean"),
      // The request schema leaves the items open; the modes Clerk knows are the response schema's enum.
      domains_enrollment_modes: notNull("string[]", {
        itemEnum: ["manual_invitation", "automatic_invitation", "automatic_suggestion"],
      }),
      creator_role_id: nullable("string"),
      domains_default_role_id: nullable("string"),
    },
  },
  {
    name: "UpdateInstanceAuthConfig", method: "PATCH", path: "/beta_features/instance_settings", status: 200,
    fields: {
      restricted_to_allowlist: nullable("boolean"),
      from_email_address: nullable("string"),
      progressive_sign_up: nullable("boolean"),
      test_mode: nullable("boolean"),
      session_token_template: seed("string"),
      enhanced_email_deliverability: seed("boolean"),
    },
  },
  {
    name: "UpdateProductionInstanceDomain", method: "PUT", path: "/beta_features/domain", status: 202,
    deprecated: true,
    fields: { home_url: notNull("string"), is_secondary: notNull("boolean") },
  },
];

/** The operation at `method` and `path` (relative to `API_PREFIX`), or undefined. */
export function findOperation(method, path) {
  return operations.find((op) => op.method === method && op.path === path);
}
