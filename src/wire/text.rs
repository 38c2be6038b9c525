//! Text helpers for code that must stay small in wasm.

use crate::prelude::*;

/// A pattern matching one character. `s.find(is(':'))` instead of `s.find(':')`: a `char`
/// pattern searches with `memchr`, whose slicing panic site drags `core::fmt` into the module.
pub fn is(target: char) -> impl Fn(char) -> bool {
    move |c| c == target
}

/// The byte offset of the first `needle` in `haystack` (a plain scan: `str::find` with a `&str`
/// pattern brings a large searcher into the module).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack.as_bytes().windows(needle.len()).position(|window| window == needle.as_bytes())
}

/// What replaces a secret key in anything an error keeps.
pub const REDACTED: &str = "[redacted]";

/// `text` with every occurrence of `secret` replaced by `[redacted]`.
pub fn redact(text: &mut String, secret: &str) {
    if find(text, secret).is_none() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    // A match of a UTF-8 needle always starts and ends on character boundaries.
    while let Some(at) = find(rest, secret) {
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(REDACTED);
        rest = rest.get(at + secret.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    *text = out;
}

/// Whether a value looks like a Clerk secret key, so that a message does not quote it back.
pub fn looks_like_secret(value: &str) -> bool {
    find(value, "sk_live_").is_some() || find(value, "sk_test_").is_some()
}

/// The value of a non-empty run of ASCII digits, `None` for anything else or on overflow. One
/// small function instead of `str::parse` for each integer type.
pub fn digits(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// An `i64` written as JSON writes integers: an optional `-` and digits.
pub fn integer(text: &str) -> Option<i64> {
    match text.strip_prefix('-') {
        Some(rest) => digits(rest).and_then(|n| 0i64.checked_sub_unsigned(n)),
        None => digits(text).and_then(|n| i64::try_from(n).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_everywhere_they_occur() {
        let mut text = String::from("key sk_live_X then sk_live_X, é sk_live_X");
        redact(&mut text, "sk_live_X");
        assert_eq!(text, "key [redacted] then [redacted], é [redacted]");
        let mut untouched = String::from("nothing here");
        redact(&mut untouched, "sk_live_X");
        assert_eq!(untouched, "nothing here");
        redact(&mut untouched, "");
        assert_eq!(untouched, "nothing here");
        assert_eq!(find("abcabd", "abd"), Some(3));
        assert!(looks_like_secret("Bearer sk_test_abc") && !looks_like_secret("sk_other"));
    }

    #[test]
    fn integers_are_read_like_str_parse() {
        for text in ["0", "7", "-1", "9223372036854775807", "-9223372036854775808", "007"] {
            assert_eq!(integer(text), text.parse().ok(), "{text}");
        }
        for text in ["", "-", "+1", "1.0", "1e3", "9223372036854775808", "-9223372036854775809", " 1", "１"] {
            assert_eq!(integer(text), None, "{text}");
        }
        assert_eq!(digits("18446744073709551615"), Some(u64::MAX));
        assert_eq!(digits("18446744073709551616"), None);
    }
}
