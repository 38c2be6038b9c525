//! Text helpers for code that must stay small in wasm.

/// A pattern matching one character. `s.find(is(':'))` instead of `s.find(':')`: a `char`
/// pattern searches with `memchr`, whose slicing panic site drags `core::fmt` into the module.
pub fn is(target: char) -> impl Fn(char) -> bool {
    move |c| c == target
}
