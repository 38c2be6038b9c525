//! The JS API's own tables, owned here and emitted at build time into the package's JS and
//! TypeScript (`tools/generate`): the client options and call options it accepts (and the
//! `@clerk/backend` options it ignores), and its error classes. The decoder reads options by
//! these names and the encoder names error classes by them; nothing else spells them.

use crate::wire::Error;

/// An option of the JS API.
#[derive(Debug)]
pub struct JsOption<T: 'static> {
    /// Its name (`timeoutMs`).
    pub name: &'static str,
    /// What the decoder does with it.
    pub meaning: T,
    /// Its TypeScript type (native builds only: the generator reads it).
    #[cfg(not(target_arch = "wasm32"))]
    pub ts: &'static str,
    /// Its documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
}

/// What a client option sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientOption {
    /// `secretKey`.
    SecretKey,
    /// `apiUrl`.
    ApiUrl,
    /// `apiVersion`.
    ApiVersion,
    /// `userAgent`.
    UserAgent,
    /// `fetch`: stays in JS; the decoder checks what JS reported of it.
    Fetch,
    /// `timeoutMs`.
    TimeoutMs,
    /// `retry`.
    Retry,
    /// `dangerouslyAllowBrowser`.
    DangerouslyAllowBrowser,
    /// An option of `@clerk/backend` that this client accepts and ignores.
    Ignored,
}

/// What a retry option sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryOption {
    /// `maxAttempts`.
    MaxAttempts,
    /// `maxDelayMs`.
    MaxDelayMs,
    /// `baseDelayMs`.
    BaseDelayMs,
}

macro_rules! js_options {
    ($($name:literal => $meaning:expr, $ts:literal, $doc:literal;)*) => {
        &[$(JsOption {
            name: $name,
            meaning: $meaning,
            #[cfg(not(target_arch = "wasm32"))]
            ts: $ts,
            #[cfg(not(target_arch = "wasm32"))]
            doc: $doc,
        }),*]
    };
}

/// Every option `createInstanceClient` accepts, in the order the types list them.
pub const CLIENT_OPTIONS: &[JsOption<ClientOption>] = js_options! {
    "secretKey" => ClientOption::SecretKey, "string",
        "The instance's secret key (`sk_live_...`, `sk_test_...`) from the Clerk Dashboard.";
    "apiUrl" => ClientOption::ApiUrl, "string",
        "The API's base URL, without `/v1`. `https`, or `http` for loopback hosts only. Default `https://api.clerk.com`.";
    "apiVersion" => ClientOption::ApiVersion, "string",
        "Sent as `Clerk-API-Version`, a date. Default `\"2026-05-12\"`. `\"v1\"` (what `@clerk/backend` means by it) keeps the default.";
    "userAgent" => ClientOption::UserAgent, "string",
        "Sent as `User-Agent`. Default `clerk-instance-edge@<version>`.";
    "fetch" => ClientOption::Fetch,
        "((input: string, init: RequestInit) => Promise<Response>) | { fetch(input: string, init: RequestInit): Promise<Response> }",
        "The fetch to use instead of the global one: a function (pass it bound), or an object with a `fetch` method such as a service binding.";
    "timeoutMs" => ClientOption::TimeoutMs, "number",
        "The timeout of each attempt, response body included. Default 10000.";
    "retry" => ClientOption::Retry, "false | RetryOptions",
        "Retries of GET, PATCH and PUT on 429, 502, 503, 504 and network errors. `false` turns them off.";
    "dangerouslyAllowBrowser" => ClientOption::DangerouslyAllowBrowser, "boolean",
        "Allows a secret key in a browser page. The key grants full access to the instance, and anyone who can open the page can read it: keep it on a server or in a Worker.";
    "publishableKey" => ClientOption::Ignored, "string", "Accepted and ignored, as in `@clerk/backend`.";
    "jwtKey" => ClientOption::Ignored, "string", "Accepted and ignored, as in `@clerk/backend`.";
    "audience" => ClientOption::Ignored, "string | string[]", "Accepted and ignored, as in `@clerk/backend`.";
    "proxyUrl" => ClientOption::Ignored, "string", "Accepted and ignored, as in `@clerk/backend`.";
    "domain" => ClientOption::Ignored, "string", "Accepted and ignored, as in `@clerk/backend`.";
    "isSatellite" => ClientOption::Ignored, "boolean", "Accepted and ignored, as in `@clerk/backend`.";
    "sdkMetadata" => ClientOption::Ignored, "unknown", "Accepted and ignored, as in `@clerk/backend`.";
    "telemetry" => ClientOption::Ignored, "unknown", "Accepted and ignored, as in `@clerk/backend`.";
    "machineSecretKey" => ClientOption::Ignored, "string", "Accepted and ignored, as in `@clerk/backend`.";
    "requireSecretKey" => ClientOption::Ignored, "boolean", "Accepted and ignored, as in `@clerk/backend`.";
    "skipApiVersionInUrl" => ClientOption::Ignored, "boolean", "Accepted and ignored, as in `@clerk/backend`.";
    "useMachineSecretKey" => ClientOption::Ignored, "boolean", "Accepted and ignored, as in `@clerk/backend`.";
};

/// The options of `retry`.
pub const RETRY_OPTIONS: &[JsOption<RetryOption>] = js_options! {
    "maxAttempts" => RetryOption::MaxAttempts, "number", "Attempts in all, the first included (1 to 10). Default 3.";
    "maxDelayMs" => RetryOption::MaxDelayMs, "number",
        "No wait is longer than this; a `Retry-After` asking for more ends the retries. Default 10000.";
    "baseDelayMs" => RetryOption::BaseDelayMs, "number",
        "The first backoff ceiling, doubled at each attempt, with full jitter. Default 500.";
};

/// The options of one call.
pub const CALL_OPTIONS: &[JsOption<CallOption>] = js_options! {
    "signal" => CallOption::Signal, "AbortSignal", "Cancels the call, its attempts and its waits; the call rejects with the signal's reason.";
};

/// What an option of one call sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallOption {
    /// `signal`: stays in JS; the decoder checks what JS reported of it.
    Signal,
    /// `verify` (`settings.apply` and the list edits).
    Verify,
}

/// What an option of `verify` sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyOption {
    /// `reads`.
    Reads,
    /// `waitMs`.
    WaitMs,
}

/// The options of `settings.apply` and of the list edits (`settings.addAllowedOrigins`...).
pub const APPLY_OPTIONS: &[JsOption<CallOption>] = js_options! {
    "signal" => CallOption::Signal, "AbortSignal",
        "Cancels the calls, their attempts and their waits. The promise rejects with the signal's reason, except once `settings.apply` has sent a section: it then resolves with the report, the section in flight `failed` with the reason.";
    "verify" => CallOption::Verify, "boolean | VerifyOptions",
        "Reads written sections again until they show the written values (reads right after a write can be stale). `true`: 6 reads, 500 ms apart. Default: `false` for `settings.apply`, `true` for the list edits.";
};

/// The options of `verify`.
pub const VERIFY_OPTIONS: &[JsOption<VerifyOption>] = js_options! {
    "reads" => VerifyOption::Reads, "number", "Reads of each written section, at most, the first right after the writes (1 to 20). Default 6.";
    "waitMs" => VerifyOption::WaitMs, "number", "The wait before each further read, in ms (0 to 60000). Default 500.";
};

/// The option with this name.
pub fn option<T: Copy>(table: &'static [JsOption<T>], name: &str) -> Option<T> {
    table.iter().find(|option| option.name == name).map(|option| option.meaning)
}

/// An error class of the JS API.
#[derive(Debug)]
pub struct ErrorClass {
    /// The class name, also its static `kind` (`ClerkAPIResponseError`).
    pub name: &'static str,
    /// The class it extends, when not the package's base `ClerkError` (native builds only: the
    /// generator reads it; 14 B gzip in the npm module).
    #[cfg(not(target_arch = "wasm32"))]
    pub parent: Option<&'static str>,
    /// Its documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: &'static str,
    /// Its own fields as TypeScript declarations, each with its documentation (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub fields: &'static [(&'static str, &'static str)],
}

macro_rules! error_classes {
    ($($name:literal $(: $parent:literal)?, $doc:literal { $($field:literal, $field_doc:literal;)* })*) => {
        &[$(ErrorClass {
            name: $name,
            #[cfg(not(target_arch = "wasm32"))]
            parent: error_classes!(@parent $($parent)?),
            #[cfg(not(target_arch = "wasm32"))]
            doc: $doc,
            #[cfg(not(target_arch = "wasm32"))]
            fields: &[$(($field, $field_doc)),*],
        }),*]
    };
    (@parent) => { None };
    (@parent $parent:literal) => { Some($parent) };
}

/// The error classes, in the order of [`error_class`]'s answers.
pub const ERROR_CLASSES: &[ErrorClass] = error_classes! {
    "ClerkAPIResponseError", "A non-2xx answer of the Clerk API. `isClerkAPIResponseError()` of `@clerk/shared` recognises it." {
        "status: number", "The HTTP status.";
        "errors: ClerkAPIError[]", "The errors of Clerk's error body; empty when the body was not in that format.";
        "clerkTraceId?: string", "The body's `clerk_trace_id`, else the `cf-ray` header.";
        "retryAfter?: number", "The `Retry-After` header, in seconds.";
        "attempts: number", "How many attempts were made.";
        "body?: string", "The start of the body, when it was not Clerk's error format.";
    }
    "ClerkInvalidParamsError", "Params refused before anything was sent." {
        "problems: Problem[]", "Every problem found.";
    }
    "ClerkInvalidOptionsError", "Client options refused." {
        "problems: Problem[]", "Every problem found.";
    }
    "ClerkNetworkError", "The API could not be reached; `cause` is what fetch threw." {
        "attempts: number", "How many attempts were made.";
    }
    "ClerkTimeoutError": "ClerkNetworkError", "No complete response within `timeoutMs`, on every attempt." {
        "timeoutMs: number", "The timeout of each attempt.";
    }
    "ClerkUnexpectedResponseError", "A 2xx answer whose body is not what the API documents, or (status 0) an answer of the fetch you passed that is not a Response." {
        "status: number", "The HTTP status; 0 when the answer had none.";
        "body: string", "The start of the body.";
    }
};

/// The JS class of an error, or `None` for an abort (the call rejects with the signal's reason).
pub fn error_class(error: &Error) -> Option<&'static ErrorClass> {
    let index = match error {
        Error::Api(_) => 0,
        Error::InvalidParams { .. } => 1,
        Error::InvalidOptions { .. } => 2,
        Error::Network { .. } => 3,
        Error::Timeout { .. } => 4,
        Error::UnexpectedResponse { .. } => 5,
        Error::Aborted { .. } => return None,
    };
    ERROR_CLASSES.get(index)
}
