//! Text helpers for code that must stay small in wasm.

/// A pattern matching one character. `s.find(is(':'))` instead of `s.find(':')`: a `char`
/// pattern searches with `memchr`, whose slicing panic site drags `core::fmt` into the module.
pub fn is(target: char) -> impl Fn(char) -> bool {
    move |c| c == target
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
