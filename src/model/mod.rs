//! The data model: the tri-state [`Patch`], the declaration of every operation and resource, the
//! validation rules, and the sections of a settings document with their diff. Everything here is
//! plain data and runs natively.

#[macro_use]
mod declare;
mod descriptor;
#[macro_use]
mod operations;
mod patch;
mod resources;
mod settings;
mod validate;

pub use descriptor::*;
pub use operations::*;
pub use patch::Patch;
pub use resources::*;
pub use settings::*;
pub use validate::{check, kind_phrase, refused_null, unknown_key, unknown_section, validate, Problem, Spelling};

