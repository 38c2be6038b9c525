//! What the npm package takes from the crate's declarations and tables, so that none of it is
//! kept in step by hand: `index.d.ts`, and the JS error classes and operation table.

mod javascript;
mod typescript;

pub use javascript::errors_js;
pub use typescript::generate as index_d_ts;
