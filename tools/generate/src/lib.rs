//! What the npm package (and the stand-in) take from the crate's declarations and tables, so
//! that none of it is kept in step by hand: `index.d.ts`, the JS error classes and tables, the
//! settings document's JSON Schema, and `clerk-api.json` (the declarations as data, which the
//! package does not ship).

mod description;
mod javascript;
mod schema;
mod typescript;

pub use description::clerk_api_json;
pub use javascript::{errors_js, settings_tables_js};
pub use schema::settings_schema;
pub use typescript::{generate as index_d_ts, settings_d_ts};
