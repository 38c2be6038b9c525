#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![no_std]

extern crate alloc;
// Links std (its panic handler and allocator) everywhere but the npm package's wasm build.
#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
extern crate std;

/// The `alloc` names every module uses.
mod prelude {
    pub use alloc::string::String;
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

// Without std (the npm build), a panic traps at once instead of formatting a message nobody
// reads, and a small single-threaded allocator replaces dlmalloc.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without threads runs one thread.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

mod client;
mod model;
mod wire;

mod host;

pub use client::{Call, Client, Failure, Next, HttpResponse, Options, Transport, API_URL, API_VERSION, MAX_BODY_BYTES, USER_AGENT};
pub use model::validate::{validate, Spelling};
pub use model::*;
pub use wire::error::{ApiError, Cause, ClerkError, Error};
pub use wire::json::{parse as parse_json, Json, ParseError};
pub use wire::request::{encode_body, HttpRequest};
pub use wire::response::{read_api_error, read_resource};
pub use wire::retry::{retry_after_ms, Retry};

pub use host::{decode, encode};
#[cfg(target_arch = "wasm32")]
pub use host::{operations, HostFetch, InstanceClient, PendingCall};
