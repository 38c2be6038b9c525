//! The host layer: what the JS API of the npm package reads (`decode`) and gets back (`encode`),
//! its tables (`table`), the npm module's exports and allocator (`npm`, `arena`), and for Rust
//! Workers the transport over the host's `fetch` (`fetch`) and the JS value conversions
//! (`serde_js`). Everything but the wasm-only parts is plain Rust, tested natively.

pub mod decode;
pub mod encode;
mod table;

pub use table::{
    error_class, option, CallOption, ClientOption, ErrorClass, JsOption, RetryOption, VerifyOption, APPLY_OPTIONS, CALL_OPTIONS, CLIENT_OPTIONS,
    ERROR_CLASSES, RETRY_OPTIONS, VERIFY_OPTIONS,
};

#[cfg(all(target_arch = "wasm32", feature = "npm"))]
mod arena;
#[cfg(all(target_arch = "wasm32", feature = "npm"))]
mod npm;

// On every target, so that a Worker type-checks on the host (`cargo check`, rust-analyzer);
// there, `HostFetch` answers every call with an error.
#[cfg(feature = "fetch")]
mod fetch;
#[cfg(feature = "fetch")]
pub use fetch::{FetchBinding, HostFetch};

#[cfg(feature = "serde")]
mod serde_js;
#[cfg(feature = "serde")]
pub use serde_js::{from_js, to_js};

#[cfg(feature = "worker")]
mod worker;
