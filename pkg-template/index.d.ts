// Generated from the declarations in src/model/ by tests/typescript.rs. Do not edit by hand:
// run `UPDATE_TYPES=1 cargo test --test typescript`.

/** Options of `createInstanceClient`. */
export interface ClientOptions {
  /** The instance's secret key (`sk_live_...`, `sk_test_...`) from the Clerk Dashboard. */
  secretKey: string;
  /** The API's base URL, without `/v1`. `https`, or `http` for loopback hosts only. Default `https://api.clerk.com`. */
  apiUrl?: string;
  /** Sent as `Clerk-API-Version`, a date. Default `"2026-05-12"`. `"v1"` (what `@clerk/backend` means by it) keeps the default. */
  apiVersion?: string;
  /** Sent as `User-Agent`. Default `clerk-instance-edge@<version>`. */
  userAgent?: string;
  /** The fetch to use instead of the global one: a function (pass it bound), or an object with a `fetch` method such as a service binding. */
  fetch?: ((input: string, init: RequestInit) => Promise<Response>) | { fetch(input: string, init: RequestInit): Promise<Response> };
  /** The timeout of each attempt, response body included. Default 10000. */
  timeoutMs?: number;
  /** Retries of GET, PATCH and PUT on 429, 502, 503, 504 and network errors. `false` turns them off. */
  retry?: false | RetryOptions;
  /** Accepted and ignored, as in `@clerk/backend`. */
  publishableKey?: string;
  /** Accepted and ignored, as in `@clerk/backend`. */
  jwtKey?: string;
  /** Accepted and ignored, as in `@clerk/backend`. */
  audience?: string | string[];
  /** Accepted and ignored, as in `@clerk/backend`. */
  proxyUrl?: string;
  /** Accepted and ignored, as in `@clerk/backend`. */
  domain?: string;
  /** Accepted and ignored, as in `@clerk/backend`. */
  isSatellite?: boolean;
  /** Accepted and ignored, as in `@clerk/backend`. */
  sdkMetadata?: unknown;
  /** Accepted and ignored, as in `@clerk/backend`. */
  telemetry?: unknown;
  /** Accepted and ignored, as in `@clerk/backend`. */
  machineSecretKey?: string;
}

/** How failed attempts are retried. */
export interface RetryOptions {
  /** Attempts in all, the first included (1 to 10). Default 3. */
  maxAttempts?: number;
  /** No wait is longer than this; a `Retry-After` asking for more ends the retries. Default 10000. */
  maxDelayMs?: number;
  /** The first backoff ceiling, doubled at each attempt, with full jitter. Default 500. */
  baseDelayMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call, its attempts and its waits; the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The exact request a call would send (the secret key redacted). */
export interface PreparedRequest {
  method: "GET" | "PATCH" | "PUT" | "POST";
  url: string;
  headers: Record<string, string>;
  /** The JSON body; absent for reads. */
  body?: string;
}

/** The params of an operation that takes none. */
export type NoParams = Record<string, never>;

/**
 * The params of PATCH /instance.
 */
export interface UpdateInstanceParams {
  /**
   * Toggles test mode for this instance, allowing the use of test email addresses and
   * phone numbers. Defaults to true for development instances.
   */
  testMode?: boolean | null | undefined;
  /**
   * Whether the instance should be using the HIBP service to check passwords for breaches.
   */
  hibp?: boolean | null | undefined;
  /**
   * The support email for the instance: an email address, or `""` to clear it.
   */
  supportEmail?: string | null | undefined;
  /**
   * The npm version for `@clerk/clerk-js`, or `""` to clear it.
   */
  clerkJsVersion?: string | null | undefined;
  /**
   * The development origin for the instance (`scheme://host[:port]`). Development
   * instances only.
   */
  developmentOrigin?: string | null | undefined;
  /**
   * The instance's allowed origins, for browser-like stacks: browser extensions
   * (`chrome-extension://<id>`), Electron (`http://localhost:3000`), Capacitor.js
   * (`capacitor://localhost`). Replaces the list; an empty list changes nothing.
   */
  allowedOrigins?: string[] | undefined;
  /**
   * Deprecated: use `url_based_session_syncing`. Whether the instance should operate in
   * cookieless development mode (without third-party cookies).
   * @deprecated
   */
  cookielessDev?: boolean | null | undefined;
  /**
   * Whether the instance should use URL-based session syncing in development mode
   * (without third-party cookies).
   */
  urlBasedSessionSyncing?: boolean | null | undefined;
  /**
   * When a password is required, the sign-in strategy surfaced to Clerk components:
   * `"password"` (the default), `"otp"`, or `""` to clear the override.
   */
  preferredSignInStrategyWhenPasswordRequired?: "password" | "otp" | "" | null | undefined;
  /**
   * Deprecated (dropped from the newest spec; still sent when set): send emails from
   * `verifications@clerk.dev` instead of your domain.
   * @deprecated
   */
  enhancedEmailDeliverability?: boolean | null | undefined;
}

/**
 * The params of PATCH /instance/restrictions.
 */
export interface UpdateInstanceRestrictionsParams {
  /**
   * Whether sign-up is restricted to the allowlist.
   */
  allowlist?: boolean | null | undefined;
  /**
   * Whether the blocklist is enforced.
   */
  blocklist?: boolean | null | undefined;
  /**
   * Whether the allowlist and blocklist are skipped on sign-in.
   */
  allowlistBlocklistDisabledOnSignIn?: boolean | null | undefined;
  /**
   * Whether email subaddresses (`user+tag@example.com`) are blocked.
   */
  blockEmailSubaddresses?: boolean | null | undefined;
  /**
   * Whether sign-ups with disposable email domains are blocked.
   */
  blockDisposableEmailDomains?: boolean | null | undefined;
  /**
   * Deprecated (in no spec version; the official JS SDK still sends it): whether dots in
   * Gmail addresses are ignored.
   * @deprecated
   */
  ignoreDotsForGmailAddresses?: boolean | null | undefined;
}

/**
 * The params of PATCH /instance/protect.
 */
export interface UpdateInstanceProtectParams {
  /**
   * Whether Protect rules are enabled.
   */
  rulesEnabled?: boolean | null | undefined;
  /**
   * Whether Specter is enabled.
   */
  specterEnabled?: boolean | null | undefined;
}

/**
 * The params of PATCH /instance/communication.
 */
export interface UpdateInstanceCommunicationParams {
  /**
   * ISO 3166-1 alpha-2 codes (`"US"`) to block for SMS delivery: uppercase, unique, at most
   * 250. Replaces the whole list; codes that are not SMS-tier countries are dropped by the
   * server.
   */
  blockedCountryCodes?: string[] | null | undefined;
}

/**
 * The params of PATCH /instance/oauth_application_settings.
 */
export interface UpdateInstanceOAuthApplicationSettingsParams {
  /**
   * Whether dynamic OAuth client registration (RFC 7591) is enabled.
   */
  dynamicOauthClientRegistration?: boolean | null | undefined;
  /**
   * Default scopes. `null` resets them to Clerk's defaults.
   */
  defaultScopes?: string[] | null | undefined;
  /**
   * Whether OAuth access tokens are JWTs (false: opaque tokens).
   */
  oauthJwtAccessTokens?: boolean | null | undefined;
  /**
   * Whether the authorization server metadata advertises Client ID Metadata Documents.
   */
  clientIdMetadataDocumentsAdvertised?: boolean | null | undefined;
  /**
   * When true, new unknown CIMD clients are rejected.
   */
  clientIdMetadataDocumentsOnlyAllowPreRegisteredClients?: boolean | null | undefined;
  /**
   * When true, recorded implicitly allowed CIMD clients are rejected on future lookups.
   */
  clientIdMetadataDocumentsBlockImplicitlyAllowedClients?: boolean | null | undefined;
}

/**
 * The params of PATCH /instance/organization_settings.
 */
export interface UpdateInstanceOrganizationSettingsParams {
  /**
   * Whether organizations are enabled.
   */
  enabled?: boolean | null | undefined;
  /**
   * The maximum number of memberships per organization.
   */
  maxAllowedMemberships?: number | bigint | null | undefined;
  /**
   * Whether admins may delete organizations.
   */
  adminDeleteEnabled?: boolean | null | undefined;
  /**
   * Whether verified domains are enabled for organizations.
   */
  domainsEnabled?: boolean | null | undefined;
  /**
   * Whether organization slugs are disabled.
   */
  slugDisabled?: boolean | null | undefined;
  /**
   * Which enrollment modes to enable for organization domains. Replaces the list; an
   * empty list changes nothing.
   */
  domainsEnrollmentModes?: Array<"automatic_invitation" | "automatic_suggestion"> | undefined;
  /**
   * The default organization role of an organization's creator.
   */
  creatorRoleId?: string | null | undefined;
  /**
   * The default organization role for organization domains.
   */
  domainsDefaultRoleId?: string | null | undefined;
}

/**
 * The params of POST /instance/change_domain.
 */
export interface ChangeProductionInstanceDomainParams {
  /**
   * The new home URL of the production instance, e.g. `https://www.example.com`.
   */
  homeUrl?: string | undefined;
  /**
   * Whether the domain is for a secondary app (its subdomain is kept as part of the domain).
   */
  isSecondary?: boolean | undefined;
}

/**
 * The params of PATCH /beta_features/instance_settings.
 */
export interface UpdateInstanceAuthConfigParams {
  /**
   * Whether sign-up is restricted to the allowlist.
   */
  restrictedToAllowlist?: boolean | null | undefined;
  /**
   * The local part of the address authentication emails are sent from: letters and digits
   * only (`foo` for `foo@example.com`).
   */
  fromEmailAddress?: string | null | undefined;
  /**
   * Deprecated by the API: the Progressive Sign Up algorithm.
   * @deprecated
   */
  progressiveSignUp?: boolean | null | undefined;
  /**
   * Toggles test mode for this instance.
   */
  testMode?: boolean | null | undefined;
  /**
   * Deprecated (dropped from the newest spec; still sent when set): the JWT template that
   * augments session tokens, or `""` to disable it.
   * @deprecated
   */
  sessionTokenTemplate?: string | null | undefined;
  /**
   * Deprecated (dropped from the newest spec; still sent when set): send emails from
   * `verifications@clerk.dev` instead of your domain.
   * @deprecated
   */
  enhancedEmailDeliverability?: boolean | null | undefined;
}

/**
 * The params of PUT /beta_features/domain.
 */
export interface UpdateProductionInstanceDomainParams {
  /**
   * The new home URL of the production instance, e.g. `https://www.example.com`.
   */
  homeUrl?: string | undefined;
  /**
   * Whether the domain is for a secondary app.
   */
  isSecondary?: boolean | undefined;
}

/**
 * The current instance (`GET /instance`).
 */
export interface Instance {
  /**
   * Always `"instance"`.
   */
  object?: string | null;
  /**
   * The instance ID.
   */
  id?: string | null;
  /**
   * `"development"`, `"staging"` or `"production"`.
   */
  environmentType?: string | null;
  /**
   * The allowed origins; may be null.
   */
  allowedOrigins?: string[] | null;
  /**
   * The workspace that owns the application; null when it has no owner.
   */
  workspaceId?: string | null;
}

/**
 * The SMS communication settings of an instance.
 */
export interface InstanceCommunication {
  /**
   * Always `"instance_communication"`.
   */
  object?: string | null;
  /**
   * ISO 3166-1 alpha-2 codes blocked for SMS delivery.
   */
  blockedCountryCodes?: string[] | null;
}

/**
 * The Protect settings of an instance.
 */
export interface InstanceProtect {
  /**
   * Always `"instance_protect"`.
   */
  object?: string | null;
  /**
   * Whether Protect rules are enabled.
   */
  rulesEnabled?: boolean | null;
  /**
   * Whether Specter is enabled.
   */
  specterEnabled?: boolean | null;
  /**
   * Whether the instance opted out of the Protect prerequisite checks.
   */
  checksBypassed?: boolean | null;
}

/**
 * The restriction settings of an instance.
 */
export interface InstanceRestrictions {
  /**
   * Always `"instance_restrictions"`.
   */
  object?: string | null;
  /**
   * Whether sign-up is restricted to the allowlist.
   */
  allowlist?: boolean | null;
  /**
   * Whether the blocklist is enforced.
   */
  blocklist?: boolean | null;
  /**
   * Whether the allowlist and blocklist are skipped on sign-in.
   */
  allowlistBlocklistDisabledOnSignIn?: boolean | null;
  /**
   * Whether email subaddresses are blocked.
   */
  blockEmailSubaddresses?: boolean | null;
  /**
   * Whether disposable email domains are blocked.
   */
  blockDisposableEmailDomains?: boolean | null;
  /**
   * Deprecated: whether dots in Gmail addresses are ignored (read by the official SDK).
   */
  ignoreDotsForGmailAddresses?: boolean | null;
}

/**
 * The settings answered by `PATCH /beta_features/instance_settings`.
 */
export interface InstanceSettings {
  /**
   * Always `"instance_settings"`.
   */
  object?: string | null;
  /**
   * The instance ID.
   */
  id?: string | null;
  /**
   * Whether sign-up is restricted to the allowlist.
   */
  restrictedToAllowlist?: boolean | null;
  /**
   * The local part of the address authentication emails are sent from.
   */
  fromEmailAddress?: string | null;
  /**
   * Deprecated: the Progressive Sign Up algorithm.
   */
  progressiveSignUp?: boolean | null;
  /**
   * Deprecated: enhanced email deliverability.
   */
  enhancedEmailDeliverability?: boolean | null;
}

/**
 * The OAuth application settings of an instance.
 */
export interface OAuthApplicationSettings {
  /**
   * Always `"oauth_application_settings"`.
   */
  object?: string | null;
  /**
   * Whether dynamic OAuth client registration (RFC 7591) is enabled.
   */
  dynamicOauthClientRegistration?: boolean | null;
  /**
   * Default scopes; may be null.
   */
  defaultScopes?: string[] | null;
  /**
   * Whether OAuth access tokens are JWTs.
   */
  oauthJwtAccessTokens?: boolean | null;
  /**
   * Whether Client ID Metadata Documents are advertised.
   */
  clientIdMetadataDocumentsAdvertised?: boolean | null;
  /**
   * Whether new unknown CIMD clients are rejected.
   */
  clientIdMetadataDocumentsOnlyAllowPreRegisteredClients?: boolean | null;
  /**
   * Whether implicitly allowed CIMD clients are rejected.
   */
  clientIdMetadataDocumentsBlockImplicitlyAllowedClients?: boolean | null;
}

/**
 * The organization settings of an instance.
 */
export interface OrganizationSettings {
  /**
   * Always `"organization_settings"`.
   */
  object?: string | null;
  /**
   * Whether organizations are enabled.
   */
  enabled?: boolean | null;
  /**
   * The maximum number of memberships per organization.
   */
  maxAllowedMemberships?: number | bigint | null;
  /**
   * The maximum number of roles.
   */
  maxAllowedRoles?: number | bigint | null;
  /**
   * The maximum number of role sets.
   */
  maxRoleSetsAllowed?: number | bigint | null;
  /**
   * The maximum number of domains per organization.
   */
  maxAllowedDomains?: number | bigint | null;
  /**
   * Deprecated: a no-op, permissions are unlimited.
   */
  maxAllowedPermissions?: number | bigint | null;
  /**
   * The role key given to an organization's creator.
   */
  creatorRole?: string | null;
  /**
   * Whether admins may delete organizations.
   */
  adminDeleteEnabled?: boolean | null;
  /**
   * Whether verified domains are enabled.
   */
  domainsEnabled?: boolean | null;
  /**
   * Whether organization slugs are disabled.
   */
  slugDisabled?: boolean | null;
  /**
   * The enabled enrollment modes (`manual_invitation`, `automatic_invitation`,
   * `automatic_suggestion`, or values newer than this crate).
   */
  domainsEnrollmentModes?: string[] | null;
  /**
   * The role key used for domain invitations and suggestions.
   */
  domainsDefaultRole?: string | null;
  /**
   * The role set key used for new organizations; may be null.
   */
  initialRoleSetKey?: string | null;
}

/** `clerk.instances`. */
export interface InstancesApi {
  /**
   * Fetches the current instance.
   */
  get(params?: NoParams, options?: CallOptions): Promise<Instance>;
  /**
   * Updates the settings of an instance. Answers 204 with no body.
   */
  update(params?: UpdateInstanceParams, options?: CallOptions): Promise<void>;
  /**
   * Updates the restriction settings of an instance. Answers with the restrictions; 402 when
   * the plan does not include them.
   */
  updateRestrictions(params?: UpdateInstanceRestrictionsParams, options?: CallOptions): Promise<InstanceRestrictions>;
  /**
   * Fetches the instance's Protect settings.
   */
  getProtect(params?: NoParams, options?: CallOptions): Promise<InstanceProtect>;
  /**
   * Updates the instance's Protect settings.
   */
  updateProtect(params?: UpdateInstanceProtectParams, options?: CallOptions): Promise<InstanceProtect>;
  /**
   * Fetches the instance's SMS communication settings, including the SMS country blocklist.
   */
  getCommunication(params?: NoParams, options?: CallOptions): Promise<InstanceCommunication>;
  /**
   * Replaces the instance's SMS country blocklist.
   */
  updateCommunication(params?: UpdateInstanceCommunicationParams, options?: CallOptions): Promise<InstanceCommunication>;
  /**
   * Fetches the instance's OAuth application settings.
   */
  getOAuthApplicationSettings(params?: NoParams, options?: CallOptions): Promise<OAuthApplicationSettings>;
  /**
   * Updates the instance's OAuth application settings.
   */
  updateOAuthApplicationSettings(params?: UpdateInstanceOAuthApplicationSettingsParams, options?: CallOptions): Promise<OAuthApplicationSettings>;
  /**
   * Fetches the instance's organization settings. 402, 404 and 422 are possible.
   */
  getOrganizationSettings(params?: NoParams, options?: CallOptions): Promise<OrganizationSettings>;
  /**
   * Updates the instance's organization settings. 400, 402, 403, 404 and 422 are possible.
   */
  updateOrganizationSettings(params?: UpdateInstanceOrganizationSettingsParams, options?: CallOptions): Promise<OrganizationSettings>;
  /**
   * Changes the domain of a production instance. Answers 202 with no body.
   * Every user is logged out, so this is never retried once it may have reached the server.
   */
  changeDomain(params?: ChangeProductionInstanceDomainParams, options?: CallOptions): Promise<void>;
}

/** `clerk.betaFeatures`. */
export interface BetaFeaturesApi {
  /**
   * Changes the domain of a production instance. Answers 202 with no body.
   * Every user is logged out, so this is never retried once it may have reached the server.
   */
  changeDomain(params?: ChangeProductionInstanceDomainParams, options?: CallOptions): Promise<void>;
  /**
   * Updates the instance settings of the beta features ("Update instance settings"). 402 when
   * the plan does not include them.
   */
  updateInstanceSettings(params?: UpdateInstanceAuthConfigParams, options?: CallOptions): Promise<InstanceSettings>;
  /**
   * Deprecated twin of `ChangeProductionInstanceDomain` (PUT /beta_features/domain). Answers
   * 202 with no body, and is never retried.
   * @deprecated
   */
  updateProductionInstanceDomain(params?: UpdateProductionInstanceDomainParams, options?: CallOptions): Promise<void>;
}

/** The dry-run twin of an API group: each method returns the request it would send. */
export type DryRun<T> = {
  [K in keyof T]: T[K] extends (params?: infer P, options?: CallOptions) => Promise<unknown> ? (params?: P) => PreparedRequest : never;
};

/** A client for one Clerk instance. */
export interface InstanceClient {
  instances: InstancesApi;
  /** The same object as `instances` (the name `@clerk/backend` 3.x uses). */
  instance: InstancesApi;
  betaFeatures: BetaFeaturesApi;
  /** The same methods, returning the request they would send instead of sending it. */
  dryRun: { instances: DryRun<InstancesApi>; instance: DryRun<InstancesApi>; betaFeatures: DryRun<BetaFeaturesApi> };
}

/** A client for one Clerk instance. Throws `ClerkInvalidOptionsError` for bad options. */
export declare function createInstanceClient(options: ClientOptions): InstanceClient;

/** `createInstanceClient` under the name `@clerk/backend` uses. */
export declare const createClerkClient: typeof createInstanceClient;

/** Whether an error is an API error (also recognised by `isClerkAPIResponseError` of `@clerk/shared`). */
export declare function isClerkAPIResponseError(error: unknown): error is ClerkAPIResponseError;

/** One problem with params or options. */
export interface Problem {
  /** The param as the caller spelled it (`allowedOrigins[2]`). */
  param: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** One entry of a Clerk error body. */
export interface ClerkAPIError {
  code: string;
  message: string;
  longMessage?: string;
  /** The error's `meta`, keys in camelCase (`paramName`). */
  meta: Record<string, unknown>;
}

declare class ClerkError extends Error {
  readonly clerkError: true;
}

/** A non-2xx answer of the Clerk API. */
export declare class ClerkAPIResponseError extends ClerkError {
  static readonly kind: "ClerkAPIResponseError";
  status: number;
  errors: ClerkAPIError[];
  /** The body's `clerk_trace_id`, else the `cf-ray` header. */
  clerkTraceId?: string;
  /** The `Retry-After` header, in seconds. */
  retryAfter?: number;
  /** How many attempts were made. */
  attempts: number;
  /** The start of the body, when it was not Clerk's error format. */
  body?: string;
}

/** Params refused before anything was sent. */
export declare class ClerkInvalidParamsError extends ClerkError {
  static readonly kind: "ClerkInvalidParamsError";
  problems: Problem[];
}

/** Client options refused. */
export declare class ClerkInvalidOptionsError extends ClerkError {
  static readonly kind: "ClerkInvalidOptionsError";
  problems: Problem[];
}

/** The API could not be reached; `cause` is what fetch threw. */
export declare class ClerkNetworkError extends ClerkError {
  static readonly kind: "ClerkNetworkError" | "ClerkTimeoutError";
  attempts: number;
}

/** No complete response within `timeoutMs`, on every attempt. */
export declare class ClerkTimeoutError extends ClerkNetworkError {
  static readonly kind: "ClerkTimeoutError";
  timeoutMs: number;
}

/** A 2xx answer whose body is not what the API documents. */
export declare class ClerkUnexpectedResponseError extends ClerkError {
  static readonly kind: "ClerkUnexpectedResponseError";
  status: number;
  body: string;
}
