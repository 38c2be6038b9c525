//! What the npm package takes from the crate's declarations and tables, so that none of it is
//! kept in step by hand: `index.d.ts`, the JS error classes and tables, and the settings
//! document's JSON Schema.

mod javascript;
mod schema;
mod typescript;

pub use javascript::errors_js;
pub use schema::settings_schema;
pub use typescript::generate as index_d_ts;
