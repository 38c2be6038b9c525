//! The client: a [`Transport`] (the host's fetch and timers), its [`Options`], one method per
//! operation, each a thin wrapper over [`Client::send`], and settings as code (`settings.rs`). The retry loop is the sans-IO
//! [`Call`], so everything here is tested natively with a scripted transport.

use alloc::vec::Vec;

mod call;
mod options;
// Re-exported by lib.rs, not here: it extends `Client`, so a `pub use` here would be an import
// loop (tests/layers.rs).
pub(crate) mod settings;

pub use call::{Call, Failure, HttpResponse, Next, MAX_BODY_BYTES};
pub use options::{Options, API_URL, API_VERSION, USER_AGENT};

use crate::model::*;
use crate::text::{find, redact};
use crate::wire::{Error, HttpRequest};

/// Sends requests and waits. On wasm this is the host's `fetch` and `setTimeout`; tests use a
/// scripted one.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// What lets a caller cancel a call (an `AbortSignal` on wasm).
    type Signal: Default;
    /// Sends one attempt, giving up after `timeout_ms`.
    async fn fetch(&self, request: &HttpRequest, timeout_ms: u32, signal: &Self::Signal) -> Result<HttpResponse, Failure>;
    /// Waits `ms` milliseconds; fails only when the signal fires.
    async fn sleep(&self, ms: u32, signal: &Self::Signal) -> Result<(), Failure>;
    /// The current Unix time in milliseconds (for `Retry-After` dates).
    fn now_ms(&self) -> f64;
    /// A uniform random number in `[0, 1)` (for backoff jitter).
    fn random(&self) -> f64;
}

/// A client for the instance operations, over a [`Transport`]: one `async` method per operation,
/// named after the spec's operationId in snake_case. Every call checks its params first (nothing
/// is sent when any is wrong), retries what may be retried, and never holds the secret key in an
/// error.
///
/// Reads and updates (the JS API's `clerk.instances`):
///
/// ```no_run
/// # async fn example() -> Result<(), clerk_instance_edge::Error> {
/// use clerk_instance_edge::*;
///
/// let client = Client::new(HostFetch::global(), Options::new("sk_live_..."))?;
/// let settings = client.get_instance_organization_settings(&GetInstanceOrganizationSettings {}).await?;
/// if settings.max_allowed_memberships < Some(10) {
///     let update = UpdateInstanceOrganizationSettings { max_allowed_memberships: Patch::Value(10), ..Default::default() };
///     client.update_instance_organization_settings(&update).await?;
/// }
/// // `null` resets the default scopes; an absent field keeps its setting.
/// let oauth = UpdateInstanceOAuthApplicationSettings { default_scopes: Patch::Null, ..Default::default() };
/// client.update_instance_oauth_application_settings(&oauth).await?;
/// # Ok(()) }
/// ```
///
/// Domain changes, never retried once they may have reached the server (each logs every user out):
///
/// ```no_run
/// # async fn example(client: &clerk_instance_edge::Client<clerk_instance_edge::HostFetch>) -> Result<(), clerk_instance_edge::Error> {
/// use clerk_instance_edge::ChangeProductionInstanceDomain;
///
/// let change = ChangeProductionInstanceDomain { home_url: Some("https://www.example.com".into()), ..Default::default() };
/// client.change_production_instance_domain(&change).await?;
/// # Ok(()) }
/// ```
///
/// The beta features (the JS API's `clerk.betaFeatures`), and a request checked and built first,
/// sent later:
///
/// ```no_run
/// # async fn example(client: &clerk_instance_edge::Client<clerk_instance_edge::HostFetch>) -> Result<(), clerk_instance_edge::Error> {
/// use clerk_instance_edge::{Patch, UpdateInstanceAuthConfig};
///
/// let params = UpdateInstanceAuthConfig { from_email_address: Patch::Value("notifications".into()), ..Default::default() };
/// let request = client.prepare(&params)?; // the exact request; its Debug hides the key
/// let settings = client.send_prepared::<UpdateInstanceAuthConfig>(request).await?;
/// assert_eq!(settings.from_email_address.as_deref(), Some("notifications"));
/// # Ok(()) }
/// ```
pub struct Client<T> {
    transport: T,
    options: Options,
}

impl<T> core::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Client").field("options", &self.options).finish_non_exhaustive()
    }
}

impl<T: Transport> Client<T> {
    /// A client with these options; fails when they are invalid.
    pub fn new(transport: T, options: Options) -> Result<Self, Error> {
        let problems = options.problems(Spelling::Wire);
        Self::checked(transport, options, problems)
    }

    pub(crate) fn checked(transport: T, mut options: Options, problems: Vec<Problem>) -> Result<Self, Error> {
        if !problems.is_empty() {
            // The key may have been passed where another option belongs, and quoted there.
            let mut error = Error::InvalidOptions { problems };
            error.redact(&options.secret_key);
            return Err(error);
        }
        let kept = options.api_url.trim_end_matches('/').len();
        options.api_url.truncate(kept);
        Ok(Client { transport, options })
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The transport in use.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The exact request a call would send, without sending it: for logging, review or queueing.
    pub fn prepare<P: Params>(&self, params: &P) -> Result<HttpRequest, Error> {
        let mut entries = params.entries();
        let problems = validate(P::OPERATION, &entries, Spelling::Wire);
        if problems.is_empty() {
            return Ok(self.options.request(P::OPERATION, &entries));
        }
        // Messages quote values cut short: quote them with the key already taken out, so that
        // no part of it can survive at the end of an excerpt.
        let secret = &self.options.secret_key;
        let problems = if redact_entries(&mut entries, secret) { validate(P::OPERATION, &entries, Spelling::Wire) } else { problems };
        let mut error = Error::InvalidParams { operation: P::OPERATION.id.into(), problems };
        error.redact(secret);
        Err(error)
    }

    /// Sends a call and reads its answer.
    pub async fn send<P: Params>(&self, params: &P) -> Result<P::Response, Error> {
        self.send_with_signal(params, &T::Signal::default()).await
    }

    /// Sends a request that [`Client::prepare`] returned for `P` (checked and built once, for
    /// instance to check every request of a batch before sending any).
    pub async fn send_prepared<P: Params>(&self, request: HttpRequest) -> Result<P::Response, Error> {
        let fields = self.execute(P::OPERATION, request, &T::Signal::default()).await?;
        Ok(P::Response::from_fields(fields.unwrap_or_default()))
    }

    /// Sends a call that the signal can cancel.
    pub async fn send_with_signal<P: Params>(&self, params: &P, signal: &T::Signal) -> Result<P::Response, Error> {
        let request = self.prepare(params)?;
        let fields = self.execute(P::OPERATION, request, signal).await?;
        Ok(P::Response::from_fields(fields.unwrap_or_default()))
    }

    /// The request for entries that passed [`validate`](crate::model::validate).
    pub fn request(&self, operation: &Operation, entries: &[Entry]) -> HttpRequest {
        self.options.request(operation, entries)
    }

    /// The retry loop of one call, for a host that sends and waits itself (see [`Call`]).
    pub fn call(&self, operation: &'static Operation, request: HttpRequest) -> Call {
        self.options.call(operation, request)
    }

    /// Sends the request with retries, and reads the resource of a success: `None` when the
    /// operation answers with no body.
    pub(crate) async fn execute(
        &self,
        operation: &'static Operation,
        request: HttpRequest,
        signal: &T::Signal,
    ) -> Result<Option<Vec<Patch<Value>>>, Error> {
        let mut call = self.call(operation, request);
        loop {
            let outcome = self.transport.fetch(&call.request, call.timeout_ms, signal).await;
            match call.after(outcome, self.transport.now_ms(), self.transport.random()) {
                Next::Done(result) => return result,
                Next::Wait(ms) => {
                    if let Err(Failure::Aborted(cause)) = self.transport.sleep(ms, signal).await {
                        return Err(Error::Aborted { cause });
                    }
                }
            }
        }
    }
}

/// Removes `secret` from the string values of `entries`; true when any held it.
pub(crate) fn redact_entries(entries: &mut [Entry], secret: &str) -> bool {
    let mut found = false;
    let mut clean = |s: &mut alloc::string::String| {
        if find(s, secret).is_some() {
            redact(s, secret);
            found = true;
        }
    };
    for (_, patch) in entries.iter_mut() {
        match patch {
            Patch::Value(Value::String(s)) => clean(s),
            Patch::Value(Value::StringList(items)) => items.iter_mut().for_each(&mut clean),
            _ => {}
        }
    }
    found
}

/// One `async fn` per operation, from the declarations (`each_operation!`).
macro_rules! client_methods {
    ($( $(#[doc = $doc:literal])* $id:ident, $rust:ident, $response:ty; )*) => {
        impl<T: Transport> Client<T> {
            $(
                $(#[doc = $doc])*
                pub async fn $rust(&self, params: &$id) -> Result<$response, Error> {
                    self.send(params).await
                }
            )*
        }
    };
}

each_operation!(client_methods);
