//! A Rust Worker (workers-rs) that changes Clerk instance settings: a small admin endpoint, the
//! Rust twin of `worker-example/src/index.js`.
//!
//! ```text
//! GET   /settings                 the current settings, section by section
//! POST  /settings                 apply {"instance": {...}, "restrictions": {...}, ...}: every
//!                                 section is checked before any is sent
//! POST  /settings?dryRun=1        the requests it would send instead, secret key redacted
//! PATCH /settings/<section>       apply one section, its params read with workers-rs' req.json()
//! ```
//!
//! Every request needs `Authorization: Bearer <ADMIN_TOKEN>`. Bindings: `CLERK_SECRET_KEY` and
//! `ADMIN_TOKEN` (secrets); optional: `CLERK_API_URL` (a proxy or a local stand-in),
//! `CLERK_TIMEOUT_MS` (per attempt), `CLERK_API` (a service binding to send through).
//!
//! Section names are the JS example's; the params inside a section use the API's own field names
//! (`support_email`), which is what the crate's serde derives accept.

use clerk_instance_edge::{self as clerk, Client, HostFetch, HttpRequest, Options, Params};
use clerk_instance_edge::{
    GetInstance, GetInstanceCommunication, GetInstanceOAuthApplicationSettings, GetInstanceOrganizationSettings,
    GetInstanceProtect, UpdateInstance, UpdateInstanceCommunication, UpdateInstanceOAuthApplicationSettings,
    UpdateInstanceOrganizationSettings, UpdateInstanceProtect, UpdateInstanceRestrictions,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use worker::{event, Context, Env, Method, Request, Response, Result};

type Clerk = Client<HostFetch>;

/// The sections a POST body may hold, each the params of one update. Read with serde_json, so
/// a key that is not a section, or not a param of its section, is refused by name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Sections {
    instance: Option<UpdateInstance>,
    restrictions: Option<UpdateInstanceRestrictions>,
    organization_settings: Option<UpdateInstanceOrganizationSettings>,
    communication: Option<UpdateInstanceCommunication>,
    protect: Option<UpdateInstanceProtect>,
    oauth_application_settings: Option<UpdateInstanceOAuthApplicationSettings>,
}

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

/// Applies the sections of a POST body, or answers the requests it would send. Every section is
/// checked first: one problem anywhere, and nothing is sent.
async fn apply(mut req: Request, client: &Clerk, dry_run: bool) -> Result<Response> {
    // The sections are this Worker's own derive, whose `deny_unknown_fields` serde-wasm-bindgen
    // (under `req.json()`) does not apply: read the text with serde_json, so that an unknown
    // section is refused by name. (The crate's params refuse unknown keys on both paths.)
    let text = req.text().await?;
    let sections: Sections = match serde_json::from_str(&text) {
        Ok(sections) => sections,
        Err(error) => {
            let error = format!("the body must be a JSON object of sections ({SECTION_NAMES}): {error}");
            return answer(400, json!({ "error": error }));
        }
    };

    let mut checked = Checked::default();
    checked.section(client, "instance", &sections.instance);
    checked.section(client, "restrictions", &sections.restrictions);
    checked.section(client, "organizationSettings", &sections.organization_settings);
    checked.section(client, "communication", &sections.communication);
    checked.section(client, "protect", &sections.protect);
    checked.section(client, "oauthApplicationSettings", &sections.oauth_application_settings);
    let Checked { requests, problems } = checked;
    if !problems.is_empty() {
        let error = format!("nothing was sent: {} problem(s) in the params", problems.len());
        return answer(400, json!({ "error": error, "problems": problems }));
    }
    if dry_run {
        let results = requests.iter().map(|(section, request)| (section.to_string(), redacted(request))).collect();
        return answer(200, json!({ "dryRun": true, "results": object(results) }));
    }

    // Each request was checked and built once, above; sent in the order of the body's sections.
    let mut results = Vec::new();
    let mut requests = requests.into_iter().peekable();
    let sent = async {
        send::<UpdateInstance>(&mut results, &mut requests, "instance", client).await?;
        send::<UpdateInstanceRestrictions>(&mut results, &mut requests, "restrictions", client).await?;
        send::<UpdateInstanceOrganizationSettings>(&mut results, &mut requests, "organizationSettings", client).await?;
        send::<UpdateInstanceCommunication>(&mut results, &mut requests, "communication", client).await?;
        send::<UpdateInstanceProtect>(&mut results, &mut requests, "protect", client).await?;
        send::<UpdateInstanceOAuthApplicationSettings>(&mut results, &mut requests, "oauthApplicationSettings", client).await
    }
    .await;
    match sent {
        Ok(()) => {
            let results = results.into_iter().map(|(section, value)| (section.into(), value)).collect();
            answer(200, json!({ "dryRun": false, "results": object(results) }))
        }
        Err((section, error)) => {
            // Sections before the failing one were applied: say which, so the caller can retry
            // the rest.
            let mut body = serde_json::to_value(&error).unwrap_or(Value::Null);
            body["section"] = section.into();
            body["applied"] = results.iter().map(|(section, _)| *section).collect();
            answer(error.status(), body)
        }
    }
}

/// The requests of a body's sections, and every problem found in them.
#[derive(Default)]
struct Checked {
    requests: Vec<(&'static str, HttpRequest)>,
    problems: Vec<Value>,
}

impl Checked {
    /// Checks one section, if present: its request, or its problems named `section.param`.
    fn section<P: Params>(&mut self, client: &Clerk, section: &'static str, params: &Option<P>) {
        let Some(params) = params else { return };
        // `prepare` checks the params and builds the exact request, without sending it.
        match client.prepare(params) {
            Ok(request) => self.requests.push((section, request)),
            Err(clerk::Error::InvalidParams { problems, .. }) => self.problems.extend(problems.iter().map(
                |p| json!({ "section": section, "param": format!("{section}.{}", p.param), "message": p.message }),
            )),
            Err(other) => self.problems.push(json!({ "section": section, "message": other.message() })),
        }
    }
}

/// Sends the next checked request if it is this section's, recording its answer (`null` for the
/// 204 of `PATCH /instance`).
async fn send<P: Params>(
    results: &mut Vec<(&'static str, Value)>,
    requests: &mut core::iter::Peekable<std::vec::IntoIter<(&'static str, HttpRequest)>>,
    section: &'static str,
    client: &Clerk,
) -> core::result::Result<(), (&'static str, clerk::Error)>
where
    P::Response: Serialize,
{
    let Some((_, request)) = requests.next_if(|(name, _)| *name == section) else { return Ok(()) };
    let resource = client.send_prepared::<P>(request).await.map_err(|error| (section, error))?;
    results.push((section, serde_json::to_value(resource).unwrap_or(Value::Null)));
    Ok(())
}

/// A request as a dry run shows it: the `Authorization` header redacted, the body as sent.
fn redacted(request: &HttpRequest) -> Value {
    let headers = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_string(), request.redacted_value(name, value).into()))
        .collect();
    json!({ "method": request.method.as_str(), "url": request.url, "headers": object(headers), "body": request.body })
}

/// A JSON object of these members. Inserted one by one: collecting into serde_json's map sorts
/// first, and each collect site brought its own copy of the sort (about 3 KB of wasm each).
fn object(members: Vec<(String, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in members {
        map.insert(key, value);
    }
    Value::Object(map)
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
