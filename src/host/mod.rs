//! The host side: reading what JS passes (`decode`), writing what JS gets back (`encode`), and,
//! on wasm, the bindings to `host.js`, the transport over `fetch` and the wasm exports.

pub mod decode;
pub mod encode;

#[cfg(target_arch = "wasm32")]
mod bindings;
#[cfg(target_arch = "wasm32")]
mod exports;
#[cfg(target_arch = "wasm32")]
mod transport;

#[cfg(target_arch = "wasm32")]
pub use exports::{operations, InstanceClient, PendingCall};
#[cfg(target_arch = "wasm32")]
pub use transport::HostFetch;
