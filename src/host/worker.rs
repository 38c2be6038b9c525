//! workers-rs conversions (feature `worker`): a service binding as the transport, and errors as
//! what a Worker's handler returns.

use alloc::string::ToString;

use super::fetch::HostFetch;
use crate::wire::Error;

impl From<worker::Fetcher> for HostFetch {
    /// Calls go through the service binding (`env.service("CLERK_API")?.into()`).
    fn from(binding: worker::Fetcher) -> HostFetch {
        HostFetch::binding(&binding).unwrap_or_default()
    }
}

impl From<Error> for worker::Error {
    /// For `?` in a handler: the message (no secret key in it). To answer with the right status
    /// instead of a bare 500, return [`Error::to_response`].
    fn from(error: Error) -> worker::Error {
        worker::Error::RustError(error.to_string())
    }
}

impl Error {
    /// The error as a Worker's answer: [`Error::status`], and the JSON of the error
    /// (`{"error": message, ...}`, see its `Serialize`).
    pub fn to_response(&self) -> worker::Result<worker::Response> {
        Ok(worker::Response::from_json(self)?.with_status(self.status()))
    }
}
