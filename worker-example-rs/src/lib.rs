//! A Rust Worker (workers-rs) that changes Clerk instance settings: a small admin endpoint, the
//! Rust twin of `worker-example/src/index.js`, settings as code with `Client::plan` and
//! `Client::apply`.
//!
//! ```text
//! GET   /settings                 the current settings, section by section
//! POST  /settings                 apply a settings document {"instance": {...}, "protect": {...}}:
//!                                 every section is checked before anything is read or sent, then
//!                                 the sections that change something are sent in order
//! POST  /settings?dryRun=1        the plan instead: what would change, the requests (key redacted)
//! PATCH /settings/<section>       apply one section, its params read with workers-rs' req.json()
//! ```
//!
//! Every request needs `Authorization: Bearer <ADMIN_TOKEN>`. Bindings: `CLERK_SECRET_KEY` and
//! `ADMIN_TOKEN` (secrets); optional: `CLERK_API_URL` (a proxy or a local stand-in),
//! `CLERK_TIMEOUT_MS` (per attempt), `CLERK_API` (a service binding to send through).
//!
//! Section names are the JS example's; the params inside a section use the API's own field names
//! (`support_email`), which is what the crate's serde derives accept.

use clerk_instance_edge::{self as clerk, Client, HostFetch, Options, Params, Settings, Verify};
use clerk_instance_edge::{
    GetInstance, GetInstanceCommunication, GetInstanceOAuthApplicationSettings, GetInstanceOrganizationSettings,
    GetInstanceProtect, UpdateInstance, UpdateInstanceCommunication, UpdateInstanceOAuthApplicationSettings,
    UpdateInstanceOrganizationSettings, UpdateInstanceProtect, UpdateInstanceRestrictions,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use worker::{event, Context, Env, Method, Request, Response, Result};

type Clerk = Client<HostFetch>;

const SECTION_NAMES: &str =
    "instance, restrictions, organizationSettings, communication, protect, oauthApplicationSettings";

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let path = req.path();
    let section = match path.strip_prefix("/settings") {
        Some("") => None,
        Some(rest) if rest.len() > 1 && rest.starts_with('/') => Some(rest[1..].to_owned()),
        _ => return answer(404, json!({ "error": "not found; use /settings" })),
    };
    if !authorized(&req, &env) {
        return answer(401, json!({ "error": "unauthorized" }));
    }
    let client = match clerk(&env) {
        Ok(client) => client,
        Err(error) => return failure(&error),
    };
    match (req.method(), section) {
        (Method::Get, None) => read(&client).await,
        (Method::Post, None) => {
            let dry_run = has_query_key(&req, "dryRun");
            apply(req, &client, dry_run).await
        }
        (Method::Patch, Some(section)) => apply_section(req, &client, &section).await,
        (_, None) => answer(405, json!({ "error": "use GET or POST" })),
        (_, Some(_)) => answer(405, json!({ "error": "use PATCH" })),
    }
}

/// Whether the query has this key, with any value (`searchParams.has`). Read by hand: `req.url()`
/// parses with the `url` crate, whose IDNA tables made this Worker 180 KB larger (78 KB gzip).
fn has_query_key(req: &Request, key: &str) -> bool {
    let url = req.inner().url();
    let query = url.split('#').next().unwrap_or_default().split_once('?').map_or("", |(_, query)| query);
    query.split('&').any(|pair| pair.split('=').next() == Some(key))
}

/// A client for this request's bindings. Making one only checks the options: no I/O.
fn clerk(env: &Env) -> core::result::Result<Clerk, clerk::Error> {
    let secret_key = env.secret("CLERK_SECRET_KEY").map(|key| key.to_string()).unwrap_or_default();
    let mut options = Options::new(secret_key);
    if let Some(url) = var(env, "CLERK_API_URL") {
        options.api_url = url;
    }
    if let Some(ms) = var(env, "CLERK_TIMEOUT_MS") {
        // 0 is out of range: `Client::new` then refuses the options, naming `timeout_ms`.
        options.timeout_ms = ms.parse().unwrap_or(0);
    }
    let fetch = match env.service("CLERK_API") {
        Ok(service) => HostFetch::from(service),
        Err(_) => HostFetch::global(),
    };
    Client::new(fetch, options)
}

/// A text binding, `None` when it is missing or empty.
fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name).map(|value| value.to_string()).ok().filter(|value| !value.is_empty())
}

/// Compares the token in constant time, so its length and prefix do not leak through timing.
fn authorized(req: &Request, env: &Env) -> bool {
    let Some(token) = env.secret("ADMIN_TOKEN").ok().map(|token| token.to_string()).filter(|t| !t.is_empty()) else {
        return false;
    };
    let given = req.headers().get("Authorization").ok().flatten().unwrap_or_default();
    let expected = format!("Bearer {token}");
    let (given, expected) = (given.as_bytes(), expected.as_bytes());
    let mut difference = given.len() ^ expected.len();
    for (i, byte) in expected.iter().enumerate() {
        difference |= usize::from(byte ^ given.get(i).copied().unwrap_or(0));
    }
    core::hint::black_box(difference) == 0
}

fn answer(status: u16, body: Value) -> Result<Response> {
    Ok(Response::from_json(&body)?.with_status(status))
}

/// Maps a failure to an answer a person can act on: the crate's `Error::status()` (400 for
/// params, nothing sent; Clerk's own status for what the caller can fix, such as 402 or 422; 502
/// when Clerk refuses the key or fails; 504 when it cannot be reached in time) and the error as
/// JSON (`{"error": message, "problems" | "status", "errors", "clerkTraceId", ...}`).
fn failure(error: &clerk::Error) -> Result<Response> {
    error.to_response()
}

/// The GET endpoints of the API, read in parallel; a section that fails shows its error.
async fn read(client: &Clerk) -> Result<Response> {
    let (instance, organization_settings, communication, protect, oauth_application_settings) =
        futures_util::future::join5(
            client.get_instance(&GetInstance {}),
            client.get_instance_organization_settings(&GetInstanceOrganizationSettings {}),
            client.get_instance_communication(&GetInstanceCommunication {}),
            client.get_instance_protect(&GetInstanceProtect {}),
            client.get_instance_oauth_application_settings(&GetInstanceOAuthApplicationSettings {}),
        )
        .await;
    answer(
        200,
        json!({
            "instance": section_or_error(instance),
            "organizationSettings": section_or_error(organization_settings),
            "communication": section_or_error(communication),
            "protect": section_or_error(protect),
            "oauthApplicationSettings": section_or_error(oauth_application_settings),
        }),
    )
}

fn section_or_error<T: Serialize>(result: core::result::Result<T, clerk::Error>) -> Value {
    match result {
        Ok(resource) => serde_json::to_value(resource).unwrap_or(Value::Null),
        Err(error) => json!({ "error": error.message() }),
    }
}

/// Applies a settings document, or answers its plan. The crate checks every section first: one
/// problem anywhere, and nothing is read or sent.
async fn apply(mut req: Request, client: &Clerk, dry_run: bool) -> Result<Response> {
    // Read with serde_json: the crate's `Settings` refuses an unknown section or key by name,
    // through serde-wasm-bindgen (`req.json()`) too.
    let text = req.text().await?;
    let settings: Settings = match serde_json::from_str(&text) {
        Ok(settings) => settings,
        Err(error) => {
            let error = format!("the body must be a JSON object of settings sections ({SECTION_NAMES}, instanceSettings): {error}");
            return answer(400, json!({ "error": error }));
        }
    };
    // Invalid params answer 400 with every problem (`section.param`); a read that fails answers
    // the API's status, and nothing was sent.
    let plan = match client.plan(&settings).await {
        Ok(plan) => plan,
        Err(error) => return failure(&error),
    };
    if dry_run {
        return answer(200, json!({ "dryRun": true, "sections": plan.sections }));
    }
    // Sent in order, stopping at the first failure, then read again until they show the writes.
    let report = client.apply(&plan, Verify::default()).await;
    let Some((section, error)) = report.error() else {
        return answer(200, json!({ "dryRun": false, "sections": report.sections }));
    };
    // Sections before the failing one were applied: say which, so the caller can retry the rest.
    let mut body = serde_json::to_value(error).unwrap_or(Value::Null);
    body["section"] = section.name.into();
    body["applied"] = report
        .sections
        .iter()
        .filter(|s| matches!(s.outcome, clerk::Outcome::Applied(_)))
        .map(|s| s.section.name)
        .collect();
    body["sections"] = serde_json::to_value(&report.sections).unwrap_or(Value::Null);
    answer(error.status(), body)
}

/// `PATCH /settings/<section>`: one section, its params read with workers-rs' `req.json()`.
async fn apply_section(req: Request, client: &Clerk, section: &str) -> Result<Response> {
    match section {
        "instance" => update::<UpdateInstance>(req, client).await,
        "restrictions" => update::<UpdateInstanceRestrictions>(req, client).await,
        "organizationSettings" => update::<UpdateInstanceOrganizationSettings>(req, client).await,
        "communication" => update::<UpdateInstanceCommunication>(req, client).await,
        "protect" => update::<UpdateInstanceProtect>(req, client).await,
        "oauthApplicationSettings" => update::<UpdateInstanceOAuthApplicationSettings>(req, client).await,
        _ => answer(404, json!({ "error": format!("no section `{section}`; use {SECTION_NAMES}") })),
    }
}

async fn update<P>(mut req: Request, client: &Clerk) -> Result<Response>
where
    P: Params + DeserializeOwned,
    P::Response: Serialize,
{
    // The crate's params read every key, through serde-wasm-bindgen too: a misspelt key, or null
    // for a field that cannot be null, is refused by name here as with serde_json.
    let params: P = match req.json().await {
        Ok(params) => params,
        Err(error) => {
            let error = format!("the body must be a JSON object of {} params: {error}", P::OPERATION.id);
            return answer(400, json!({ "error": error }));
        }
    };
    match client.send(&params).await {
        Ok(resource) => answer(200, json!({ "result": resource })),
        Err(error) => failure(&error),
    }
}
