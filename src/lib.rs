#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod client;
mod model;
mod wire;

#[cfg(target_arch = "wasm32")]
mod host;

pub use client::{Client, Failure, HttpResponse, Options, Transport, API_URL, API_VERSION, MAX_BODY_BYTES, USER_AGENT};
pub use model::validate::{validate, Spelling};
pub use model::*;
pub use wire::error::{ApiError, Cause, ClerkError, Error};
pub use wire::json::{parse as parse_json, Json, ParseError};
pub use wire::request::{encode_body, HttpRequest};
pub use wire::response::{read_api_error, read_resource};
pub use wire::retry::{retry_after_ms, Retry};

#[cfg(target_arch = "wasm32")]
pub use host::HostFetch;
