//! The host layer: what the JS API of the npm package reads (`decode`) and gets back (`encode`),
//! its tables (`table`), the npm module's exports and allocator (`npm`, `arena`), and for Rust
//! Workers the transport over the host's `fetch` (`fetch`) and the JS value conversions
//! (`serde_js`). Everything but the wasm-only parts is plain Rust, tested natively.

pub mod decode;
pub mod encode;
mod table;

pub use table::{error_class, option, ClientOption, ErrorClass, JsOption, RetryOption, CALL_OPTIONS, CLIENT_OPTIONS, ERROR_CLASSES, RETRY_OPTIONS};

#[cfg(all(target_arch = "wasm32", feature = "npm"))]
mod arena;
#[cfg(all(target_arch = "wasm32", feature = "npm"))]
mod npm;

#[cfg(all(target_arch = "wasm32", feature = "fetch"))]
mod fetch;
#[cfg(all(target_arch = "wasm32", feature = "fetch"))]
pub use fetch::HostFetch;

#[cfg(all(target_arch = "wasm32", feature = "serde"))]
mod serde_js;
#[cfg(all(target_arch = "wasm32", feature = "serde"))]
pub use serde_js::{from_js, to_js};

#[cfg(all(target_arch = "wasm32", feature = "worker"))]
mod worker;
