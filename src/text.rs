//! Text helpers, the bottom layer: numbers in and out, searching, redaction, bounded excerpts of
//! a caller's or a server's text, and the API's names in JS spelling. Written to stay small in
//! wasm: no `core::fmt`, no `str::parse`, no `&str` pattern searchers (ARCHITECTURE.md, "Bytes").

use alloc::string::String;

/// The byte offset of the first `byte` (ASCII) in `s`. A plain loop over the bytes, not
/// `s.find(':')`: a `char` pattern searches with `memchr`, whose slicing panic site drags
/// `core::fmt` into the module; and not a `char` predicate, which decodes UTF-8 as it goes (the
/// per-call profile had 12% of a call's CPU in splitting the exchange's lines that way).
pub fn find_byte(s: &str, byte: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == byte {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The byte offset of the first of `bytes` (ASCII) in `s`: `s.find(['/', '?', '#'])` without
/// the char-array searcher it brings into the module.
pub fn find_any(s: &str, bytes: &[u8]) -> Option<usize> {
    s.as_bytes().iter().position(|b| bytes.contains(b))
}

/// `s` before and after the first `byte` (ASCII), without it.
pub fn split_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    let at = find_byte(s, byte)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// The pieces of `s` between the `byte`s (ASCII), as `str::split` gives them.
#[cfg_attr(not(feature = "npm"), allow(dead_code))]
pub fn split_each(s: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let s = rest?;
        let (piece, after) = split_byte(s, byte).map_or((s, None), |(piece, after)| (piece, Some(after)));
        rest = after;
        Some(piece)
    })
}

/// The byte offset of the first `needle` in `haystack` (a plain scan: `str::find` with a `&str`
/// pattern brings a large searcher into the module).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack.as_bytes().windows(needle.len()).position(|window| window == needle.as_bytes())
}

/// The text that replaces a secret key, as a literal for `concat!`.
macro_rules! redacted {
    () => {
        "[redacted]"
    };
}

/// What replaces a secret key wherever it would appear.
pub const REDACTED: &str = redacted!();

/// Replaces every occurrence of `secret` in `text` by [`REDACTED`].
pub fn redact(text: &mut String, secret: &str) {
    if find(text, secret).is_none() {
        return;
    }
    let mut out = String::new();
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

/// Whether a value looks like a Clerk secret key, so that a message does not quote it back even
/// before the client knows its own key.
pub fn looks_like_secret(value: &str) -> bool {
    find(value, "sk_live_").is_some() || find(value, "sk_test_").is_some()
}

/// `bytes` as text if they are UTF-8 (RFC 3629: shortest form, no surrogates, at most
/// U+10FFFF). A plain loop: `core::str::from_utf8`, with its word-at-a-time ASCII path, is
/// 0.7 KB of wasm, and the npm module checks only the text its own JS wrote with `TextEncoder`.
#[cfg_attr(not(feature = "npm"), allow(dead_code))]
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let (len, min) = match lead {
            0..=0x7F => {
                i += 1;
                continue;
            }
            0xC2..=0xDF => (2, 0x80),
            0xE0..=0xEF => (3, 0x800),
            0xF0..=0xF4 => (4, 0x1_0000),
            _ => return None,
        };
        let mut c = u32::from(lead) & (0x7F >> len);
        for k in 1..len {
            let next = *bytes.get(i + k)?;
            if next & 0xC0 != 0x80 {
                return None;
            }
            c = c << 6 | u32::from(next & 0x3F);
        }
        if c < min || c > 0x10_FFFF || (0xD800..0xE000).contains(&c) {
            return None;
        }
        i += len;
    }
    // SAFETY: every byte was checked above against UTF-8's definition; the tests compare this
    // with `core::str::from_utf8` on every sequence of up to two bytes and around each boundary.
    Some(unsafe { core::str::from_utf8_unchecked(bytes) })
}

/// The value of a non-empty run of ASCII digits, `None` for anything else or on overflow. One
/// small function instead of `str::parse` for each integer type.
pub fn digits(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        // Compared rather than `checked_mul`, which on wasm32 is a 128-bit multiply (`__multi3`).
        if n > u64::MAX / 10 {
            return None;
        }
        (n * 10).checked_add(u64::from(digit))
    })
}

/// An `i64` written as JSON writes integers: an optional `-` and digits.
pub fn integer(text: &str) -> Option<i64> {
    match text.strip_prefix('-') {
        Some(rest) => digits(rest).and_then(|n| 0i64.checked_sub_unsigned(n)),
        None => digits(text).and_then(|n| i64::try_from(n).ok()),
    }
}

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, n: u64) {
    let mut place = 1;
    while n / place >= 10 {
        place *= 10;
    }
    loop {
        out.push(char::from(b'0' + (n / place % 10) as u8));
        if place == 1 {
            return;
        }
        place /= 10;
    }
}

/// Appends the decimal digits of `n`, with a `-` when negative.
pub fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

/// Appends `s` as a JSON string, escaped exactly as `JSON.stringify` does. Runs that need no
/// escape are copied whole: a char-by-char push is many times slower in an `opt-level = "z"` build.
pub fn push_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    // An index loop: `bytes().enumerate()` stays a call per byte at opt-level "z".
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // The byte is ASCII, so both slices end on character boundaries.
        out.push_str(s.get(run..i - 1).unwrap_or_default());
        run = i;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

/// Appends a list of strings as a JSON array.
pub fn push_string_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, item);
    }
    out.push(']');
}

/// The start of `s`, at most `chars` characters, and whether it was cut.
pub fn cut(s: &str, chars: usize) -> (&str, bool) {
    // Counting the bytes that start a character, as `push_length` does: smaller in wasm than
    // `char_indices().nth(chars)`, which decodes every character.
    let bytes = s.as_bytes();
    let (mut seen, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            if seen == chars {
                return (s.get(..i).unwrap_or(s), true);
            }
            seen += 1;
        }
        i += 1;
    }
    (s, false)
}

/// Appends ` (N characters)`, the length of a text that was cut.
fn push_length(out: &mut String, s: &str) {
    out.push_str(" (");
    // Characters are the bytes that do not continue one (smaller in wasm than `chars().count()`).
    push_u64(out, s.bytes().filter(|b| b & 0xC0 != 0x80).count() as u64);
    out.push_str(" characters)");
}

/// Characters of a caller's value that a message quotes.
pub const QUOTED_CHARS: usize = 60;

/// Appends a caller's value quoted and escaped like a JSON string, cut to [`QUOTED_CHARS`]
/// characters with `…` and its length. A value that looks like a secret key is not shown.
pub fn push_quoted(out: &mut String, s: &str) {
    if looks_like_secret(s) {
        out.push_str("a value that looks like a secret key (not shown)");
        return;
    }
    let (start, was_cut) = cut(s, QUOTED_CHARS);
    push_string(out, start);
    if was_cut {
        out.pop();
        out.push_str("…\"");
        push_length(out, s);
    }
}

/// Characters of a caller's key, or of what a host or server reported, that a message keeps.
pub const NAME_CHARS: usize = 100;

/// Appends `s` cut to `chars` characters, with `…` and its length when it was longer: for keys,
/// the host's messages and the server's texts, so that no message grows with its input.
pub fn push_shortened(out: &mut String, s: &str, chars: usize) {
    let (start, was_cut) = cut(s, chars);
    out.push_str(start);
    if was_cut {
        out.push('…');
        push_length(out, s);
    }
}

/// `s` cut like [`push_shortened`].
pub fn shortened(s: &str, chars: usize) -> String {
    let mut out = String::new();
    push_shortened(&mut out, s, chars);
    out
}

/// `scheme` and `rest` of `scheme://rest`, whatever the scheme.
pub fn split_at_scheme(s: &str) -> Option<(&str, &str)> {
    let colon = find_byte(s, b':')?;
    Some((s.get(..colon)?, s.get(colon + 1..)?.strip_prefix("//")?))
}

/// Whether `key` is the lowerCamelCase JS name of `wire`, without building it.
pub fn is_js_name(wire: &str, key: &str) -> bool {
    let mut key = key.bytes();
    let mut upper = false;
    for b in wire.bytes() {
        if b == b'_' {
            upper = true;
            continue;
        }
        let expected = if upper { b.to_ascii_uppercase() } else { b };
        upper = false;
        if key.next() != Some(expected) {
            return false;
        }
    }
    key.next().is_none()
}

/// The lowerCamelCase JS name of a wire name: `oauth_jwt_access_tokens` -> `oauthJwtAccessTokens`.
pub fn js_name(wire: &str) -> String {
    // `new`, not `with_capacity`, here and in `redact`: 34 B gzip of wasm less, and the arena
    // grows the latest allocation in place.
    let mut out = String::new();
    let mut upper = false;
    for c in wire.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `s` has a character that `char::is_whitespace` accepts or, with `controls`, one that
/// `char::is_control` accepts, matched on the last bytes read: a window that ends a character's
/// encoding holds only that character.
pub fn has_space(s: &str, controls: bool) -> bool {
    let mut w = 0u32;
    for &c in s.as_bytes() {
        w = w << 8 | u32::from(c);
        let hit = matches!(c, 0x09..=0x0D | b' ')
            || matches!(w & 0xFFFF, 0xC285 | 0xC2A0)
            || matches!(w & 0xFF_FFFF, 0xE1_9A80 | 0xE2_8080..=0xE2_808A | 0xE2_80A8 | 0xE2_80A9 | 0xE2_80AF | 0xE2_819F | 0xE3_8080)
            || (controls && (c < 0x20 || c == 0x7F || matches!(w & 0xFFFF, 0xC280..=0xC29F)));
        if hit {
            return true;
        }
    }
    false
}

/// `scheme://rest` as its scheme (`None` without `://`), the authority (the start of `rest` up
/// to a `/`, `?` or `#`) and `rest` (the whole text without a scheme): the one reading of a URL
/// that the URL and origin rules and the client's `apiUrl` share.
pub fn split_url(s: &str) -> (Option<&str>, &str, &str) {
    let (scheme, rest) = match split_at_scheme(s) {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, s),
    };
    (scheme, rest.get(..find_any(rest, b"/?#").unwrap_or(rest.len())).unwrap_or_default(), rest)
}

/// Whether `s` is `letters` (lowercase ASCII letters) in any case: `str::eq_ignore_ascii_case`
/// stays a call into core. A byte matches a letter in either case exactly when it equals the
/// letter once bit 5 is set.
pub fn is_letters_any_case(s: &str, letters: &str) -> bool {
    s.len() == letters.len() && s.as_bytes().iter().zip(letters.as_bytes()).all(|(a, b)| a | 0x20 == *b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

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
    fn byte_splits_agree_with_str_split() {
        for text in ["", "a", ":", "a:b", "a::b:", ":é:ü€:", "no separator", "\t\t"] {
            for byte in [b':', b'\t'] {
                let expected: Vec<&str> = text.split(char::from(byte)).collect();
                assert_eq!(split_each(text, byte).collect::<Vec<_>>(), expected, "{text:?}");
                assert_eq!(split_byte(text, byte), text.split_once(char::from(byte)), "{text:?}");
                assert_eq!(find_byte(text, byte), text.find(char::from(byte)), "{text:?}");
                assert_eq!(find_any(text, &[byte, b'b']), text.find([char::from(byte), 'b']), "{text:?}");
            }
        }
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
        assert_eq!(digits("18446744073709551620"), None);
        assert_eq!(digits("184467440737095516150"), None);
        assert_eq!(digits("1844674407370955161"), Some(u64::MAX / 10));
    }

    #[test]
    fn utf8_agrees_with_core() {
        let agree = |bytes: &[u8]| assert_eq!(utf8(bytes), core::str::from_utf8(bytes).ok(), "{bytes:x?}");
        for a in 0..=255u8 {
            agree(&[a]);
            for b in 0..=255u8 {
                agree(&[a, b]);
                agree(&[b'x', a, b]);
            }
        }
        // Every lead byte of three and four with the continuation bytes around each boundary
        // (overlong forms, surrogates, the end of Unicode), and truncations of each.
        let edges = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF];
        for lead in 0xE0..=0xFFu8 {
            for b in edges {
                for c in edges {
                    agree(&[lead, b, c]);
                    for d in edges {
                        agree(&[lead, b, c, d]);
                        agree(&[lead, b, c, d, b'x']);
                    }
                }
            }
        }
        for text in ["", "abc", "é€𝄞", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"] {
            agree(text.as_bytes());
        }
    }

    #[test]
    fn cut_agrees_with_char_indices() {
        for text in ["", "a", "abc", "é€𝄞x", "𝄞𝄞𝄞"] {
            for chars in 0..6 {
                let expected = text.char_indices().nth(chars).map_or((text, false), |(at, _)| (&text[..at], true));
                assert_eq!(cut(text, chars), expected, "{text:?} {chars}");
            }
        }
    }

    #[test]
    fn excerpts_are_bounded_and_say_how_long_the_text_was() {
        let long = "é".repeat(5000);
        let mut quoted = String::new();
        push_quoted(&mut quoted, &long);
        assert_eq!(quoted, alloc::format!("\"{}…\" (5000 characters)", "é".repeat(QUOTED_CHARS)));
        assert_eq!(shortened("short", 10), "short");
        assert_eq!(shortened("abcdef", 3), "abc… (6 characters)");
    }
    #[test]
    fn has_space_agrees_with_char_methods() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = alloc::format!("a{c}b");
            assert_eq!(has_space(&text, false), c.is_whitespace(), "{c:?}");
            assert_eq!(has_space(&text, true), c.is_whitespace() || c.is_control(), "{c:?}");
        }
    }
    #[test]
    fn letters_any_case_agree_with_eq_ignore_ascii_case() {
        for letters in ["http", "https", "localhost"] {
            for a in 0..=255u8 {
                for at in 0..letters.len() {
                    let mut bytes = letters.as_bytes().to_vec();
                    bytes[at] = a;
                    if let Ok(text) = core::str::from_utf8(&bytes) {
                        assert_eq!(is_letters_any_case(text, letters), text.eq_ignore_ascii_case(letters), "{text:?}");
                    }
                }
            }
            assert!(is_letters_any_case(&letters.to_ascii_uppercase(), letters));
            assert!(!is_letters_any_case(&letters[1..], letters));
        }
    }
}
