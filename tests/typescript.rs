//! `pkg-template/index.d.ts` is generated from the declarations: this test writes it with
//! `UPDATE_TYPES=1 cargo test --test typescript`, and otherwise fails when the committed file
//! differs from what the declarations say.

use clerk_instance_edge::*;
use std::fmt::Write;

const HEADER: &str = r#"// Generated from the declarations in src/model/ by tests/typescript.rs. Do not edit by hand:
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
"#;

const FOOTER: &str = r#"
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
"#;

fn doc(out: &mut String, indent: &str, text: &str, deprecated: bool) {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() && !deprecated {
        return;
    }
    writeln!(out, "{indent}/**").unwrap();
    for line in &lines {
        writeln!(out, "{indent} * {line}").unwrap();
    }
    if deprecated {
        writeln!(out, "{indent} * @deprecated").unwrap();
    }
    writeln!(out, "{indent} */").unwrap();
}

fn ts_type(kind: Kind, rule: Rule) -> String {
    let literal = |choices: &[&str]| choices.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(" | ");
    match (kind, rule) {
        (Kind::Boolean, _) => "boolean".into(),
        (Kind::Integer, _) => "number | bigint".into(),
        (Kind::String, Rule::OneOf(choices)) => literal(choices),
        (Kind::String, _) => "string".into(),
        (Kind::StringList, Rule::OneOf(choices)) => format!("Array<{}>", literal(choices)),
        (Kind::StringList, _) => "string[]".into(),
    }
}

fn params_name(op: &Operation) -> String {
    if op.fields.is_empty() {
        "NoParams".into()
    } else {
        format!("{}Params", op.id)
    }
}

fn generate() -> String {
    let mut out = String::from(HEADER);
    for op in OPERATIONS.iter().filter(|op| !op.fields.is_empty()) {
        out.push('\n');
        doc(&mut out, "", &format!("The params of {} {}.", op.method.as_str(), op.path), false);
        writeln!(out, "export interface {} {{", params_name(op)).unwrap();
        for field in op.fields {
            doc(&mut out, "  ", field.doc, field.deprecated);
            let null = if field.nullable { " | null" } else { "" };
            writeln!(out, "  {}?: {}{null} | undefined;", js_name(field.name), ts_type(field.kind, field.rule)).unwrap();
        }
        out.push_str("}\n");
    }
    let mut resources: Vec<&Resource> = OPERATIONS.iter().filter_map(|op| op.resource).collect();
    resources.sort_by_key(|r| r.name);
    resources.dedup_by_key(|r| r.name);
    for resource in resources {
        out.push('\n');
        doc(&mut out, "", resource.doc, false);
        writeln!(out, "export interface {} {{", resource.name).unwrap();
        for field in resource.fields {
            doc(&mut out, "  ", field.doc, false);
            writeln!(out, "  {}?: {} | null;", js_name(field.name), ts_type(field.kind, Rule::Any)).unwrap();
        }
        out.push_str("}\n");
    }
    for (group, interface) in [(Group::Instances, "InstancesApi"), (Group::BetaFeatures, "BetaFeaturesApi")] {
        out.push('\n');
        writeln!(out, "/** `clerk.{}`. */", group.js_name()).unwrap();
        writeln!(out, "export interface {interface} {{").unwrap();
        for op in OPERATIONS {
            for (_, name) in op.js.iter().filter(|(g, _)| *g == group) {
                doc(&mut out, "  ", op.doc, op.deprecated);
                let result = op.resource.map_or("void", |r| r.name);
                writeln!(out, "  {name}(params?: {}, options?: CallOptions): Promise<{result}>;", params_name(op)).unwrap();
            }
        }
        out.push_str("}\n");
    }
    out.push_str(FOOTER);
    out
}

#[test]
fn index_d_ts_matches_the_declarations() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/index.d.ts");
    let generated = generate();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "pkg-template/index.d.ts is out of date with the declarations; run `UPDATE_TYPES=1 cargo test --test typescript`"
    );
}

#[test]
fn nullable_and_non_nullable_fields_have_the_exact_types() {
    let generated = generate();
    assert!(generated.contains("  testMode?: boolean | null | undefined;\n"));
    assert!(generated.contains("  allowedOrigins?: string[] | undefined;\n"));
    assert!(generated.contains("  preferredSignInStrategyWhenPasswordRequired?: \"password\" | \"otp\" | \"\" | null | undefined;\n"));
    assert!(generated.contains("  domainsEnrollmentModes?: Array<\"automatic_invitation\" | \"automatic_suggestion\"> | undefined;\n"));
    assert!(generated.contains("  maxAllowedMemberships?: number | bigint | null | undefined;\n"));
    assert!(generated.contains("  update(params?: UpdateInstanceParams, options?: CallOptions): Promise<void>;\n"));
    assert!(generated.contains("  changeDomain(params?: ChangeProductionInstanceDomainParams, options?: CallOptions): Promise<void>;\n"));
}
