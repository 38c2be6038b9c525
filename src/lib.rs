#![doc = include_str!("../README.md")]
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `std` | yes | Links the Rust standard library. Needed by `fetch`. |
//! | `fetch` | yes | On `wasm32`: [`HostFetch`], the [`Transport`] over the host's `fetch` (web-sys), for Rust Workers. Implies `std`. |
//! | `serde` | no | `Serialize`/`Deserialize` for [`Patch`], every params struct and every resource; on `wasm32` also [`from_js`] and [`to_js`] (serde-wasm-bindgen). |
//! | `worker` | no | `From<Error>` for `worker::Error` and `Error::to_response` for workers-rs (`worker` 0.8). Implies `fetch`. |
//! | `npm` | no | The npm package's module: C-ABI exports driven by its own JS, a no_std build with a trapping panic handler and a small allocator. Only for `make pkg`; it cannot be combined with `std`, `fetch` or `worker`. |
//!
//! A Rust Worker uses the defaults (plus `serde`, and `worker` if it wants the conversions).
//! Natively, the crate builds with any features: [`Client`] works over any [`Transport`].
#![deny(missing_docs)]
#![no_std]

extern crate alloc;
#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
extern crate std;

#[cfg(all(feature = "npm", feature = "std"))]
compile_error!(
    "the `npm` feature builds the npm package's no_std module (`make pkg`); build it with \
     `--no-default-features --features npm`, and do not combine it with `std`, `fetch` or `worker`"
);

// The layers, bottom-up: each module imports only from those above it in this list.
#[macro_use]
mod text;
#[macro_use]
mod model;
mod wire;
mod client;
mod host;

pub use client::settings::{ApplyReport, Confirmation, ListEditReport, Outcome, Plan, SectionOutcome, SectionPlan, Verify};
pub use client::*;
pub use host::*;
pub use model::*;
pub use text::{is_js_name, js_name};
pub use wire::{
    encode_body, excerpt, parse as parse_json, read_api_error, read_resource, retry_after_ms, ApiError, Cause,
    ClerkError, Error, HttpRequest, Json, ParseError, Retry,
};
