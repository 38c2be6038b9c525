//! The wire: JSON, the exact request of each call, reading responses and errors, retry timing.

pub mod error;
pub mod json;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
