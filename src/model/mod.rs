//! The data model: the tri-state [`Patch`], the declaration of every operation and resource, and
//! the validation rules. Everything here is plain data and runs natively.

#[macro_use]
mod declare;
mod descriptor;
#[macro_use]
mod operations;
mod patch;
mod resources;
mod validate;

pub use descriptor::*;
pub use operations::*;
pub use patch::Patch;
pub use resources::*;
pub use validate::{kind_phrase, refused_null, unknown_key, validate, Problem, Spelling};

