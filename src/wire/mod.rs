//! The wire: JSON, the exact request of each call, reading responses and errors, retry timing.

mod error;
mod json;
mod request;
mod response;
mod retry;

pub use error::{ApiError, Cause, ClerkError, Error};
pub use json::{parse, push_json, Json, ParseError};
pub use request::{encode_body, push_patch, HttpRequest, AUTHORIZATION};
pub use response::{excerpt, read_api_error, read_resource};
pub use retry::{retry_after_ms, retryable_status, Retry};
