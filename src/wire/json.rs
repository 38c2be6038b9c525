//! A small JSON reader and writer. Hand-written rather than serde_json: about 3 KB of wasm instead
//! of tens of kilobytes, every path returns an error instead of panicking, and nesting is limited
//! so that recursion cannot exhaust wasm's stack (ARCHITECTURE.md, "The JSON reader").

use alloc::string::String;
use alloc::vec::Vec;

use crate::text::{cut, push_string, redact};

/// A parsed JSON value. Numbers keep their text; object keys keep their order and duplicates.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key` in an object (the last one, like `JSON.parse`), if any.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is a number without fraction or exponent that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(text) => crate::text::integer(text),
            _ => None,
        }
    }

    /// Replaces `secret` in every string and key.
    pub fn redact(&mut self, secret: &str) {
        match self {
            Json::String(s) => redact(s, secret),
            Json::Array(items) => items.iter_mut().for_each(|item| item.redact(secret)),
            Json::Object(members) => members.iter_mut().for_each(|(key, value)| {
                redact(key, secret);
                value.redact(secret);
            }),
            _ => {}
        }
    }

    /// Cuts every string and key to `chars` characters and every array and object to `items`
    /// entries, so that a value from a server cannot make an error of any size.
    pub fn bound(&mut self, items: usize, chars: usize) {
        let shorten = |s: &mut String| {
            let (start, was_cut) = cut(s, chars);
            if was_cut {
                let mut short = String::from(start);
                short.push('…');
                *s = short;
            }
        };
        match self {
            Json::String(s) => shorten(s),
            Json::Array(list) => {
                list.truncate(items);
                list.iter_mut().for_each(|item| item.bound(items, chars));
            }
            Json::Object(members) => {
                members.truncate(items);
                members.iter_mut().for_each(|(key, value)| {
                    shorten(key);
                    value.bound(items, chars);
                });
            }
            _ => {}
        }
    }
}

/// Appends a JSON value; with `camel`, this object level's snake_case keys in lowerCamelCase
/// (keys that start with `_`, like `__proto__`, are kept as they are).
pub fn push_json(out: &mut String, json: &Json, camel: bool) {
    match json {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(text) => out.push_str(text),
        Json::String(s) => push_string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json(out, item, false);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (name, member)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if camel && !name.starts_with('_') {
                    push_string(out, &crate::text::js_name(name));
                } else {
                    push_string(out, name);
                }
                out.push(':');
                push_json(out, member, false);
            }
            out.push('}');
        }
    }
}

/// Nesting deeper than this is refused: recursion in wasm has a small, fixed stack.
pub const MAX_DEPTH: usize = 64;

/// Why a text is not JSON: the byte offset and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What went wrong.
    pub reason: &'static str,
}

/// Parses a complete JSON text (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut reader = Reader { text, pos: 0, error: ParseError { offset: 0, reason: "expected a JSON value" } };
    let value = reader.value(0);
    reader.skip_whitespace();
    match value {
        Some(value) if reader.pos == text.len() => return Ok(value),
        // Every `None` comes from `fail`, which keeps its problem.
        Some(_) => reader.fail_at("unexpected text after the JSON value"),
        None => {}
    }
    Err(reader.error)
}

/// The reader answers `None` on the first problem and keeps it in `error`: an `Option` of a
/// value is cheaper to pass around in wasm than a `Result` carrying the error (64 B gzip).
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    error: ParseError,
}

impl Reader<'_> {
    // Out of line: one copy of the stores instead of one at each of the reader's problems (36 B
    // gzip).
    #[inline(never)]
    fn fail_at(&mut self, reason: &'static str) {
        self.error = ParseError { offset: self.pos, reason };
    }

    fn fail<T>(&mut self, reason: &'static str) -> Option<T> {
        self.fail_at(reason);
        None
    }

    /// The byte at the position, 0 at the end: a byte rather than an `Option`, which wasm
    /// returns through memory (the places where a 0 byte and the end differ check the position).
    /// Out of line: inlined at each use, its bounds check cost 0.15 KB gzip.
    #[inline(never)]
    fn peek(&self) -> u8 {
        self.text.as_bytes().get(self.pos).copied().unwrap_or(0)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == byte;
        self.pos += usize::from(found);
        found
    }

    /// [`Self::eat`] after whitespace.
    fn next_is(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        self.eat(byte)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let start = self.pos;
        for &byte in word.as_bytes() {
            if !self.eat(byte) {
                self.pos = start;
                return false;
            }
        }
        true
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.skip_whitespace();
        match self.peek() {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            _ if self.eat_word("true") => Some(Json::Bool(true)),
            _ if self.eat_word("false") => Some(Json::Bool(false)),
            _ if self.eat_word("null") => Some(Json::Null),
            _ if self.pos >= self.text.len() => self.fail("unexpected end of text"),
            _ => self.fail("expected a JSON value"),
        }
    }

    // Each value is built in one place (a `break` rather than a second `return`): building one
    // is a few unaligned copies in wasm.
    fn object(&mut self, depth: usize) -> Option<Json> {
        self.pos += 1;
        let mut members = Vec::new();
        if !self.next_is(b'}') {
            loop {
                self.skip_whitespace();
                if self.peek() != b'"' {
                    return self.fail("expected a string key");
                }
                let key = self.string()?;
                if !self.next_is(b':') {
                    return self.fail("expected ':'");
                }
                members.push((key, self.value(depth + 1)?));
                if self.next_is(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return self.fail("expected ',' or '}'");
                }
            }
        }
        Some(Json::Object(members))
    }

    fn array(&mut self, depth: usize) -> Option<Json> {
        self.pos += 1;
        let mut items = Vec::new();
        if !self.next_is(b']') {
            loop {
                items.push(self.value(depth + 1)?);
                if self.next_is(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return self.fail("expected ',' or ']'");
                }
            }
        }
        Some(Json::Array(items))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_ascii_digit() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return self.fail("expected a digit"),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return self.fail("expected a digit after '.'");
        }
        if matches!(self.peek(), b'e' | b'E') {
            self.pos += 1;
            if matches!(self.peek(), b'+' | b'-') {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.fail("expected a digit in the exponent");
            }
        }
        Some(Json::Number(self.text.get(start..self.pos).unwrap_or_default().into()))
    }

    /// The code of four hex digits, or `u32::MAX` when they are not (a number rather than an
    /// `Option`, which wasm returns through memory).
    fn hex4(&mut self) -> u32 {
        let mut code = 0;
        for _ in 0..4 {
            let Some(digit) = char::from(self.peek()).to_digit(16) else {
                self.fail_at("expected four hex digits after \\u");
                return u32::MAX;
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        code
    }

    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while !matches!(self.peek(), b'"' | b'\\' | 0..=0x1f) {
                self.pos += 1;
            }
            // The run stops only at ASCII bytes, so it ends on a character boundary.
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let escape = self.peek();
                    if escape == b'u' {
                        self.pos += 1;
                        let code = self.unicode_escape()?;
                        out.push(code);
                        continue;
                    }
                    // The escapes and what they stand for, at the same index.
                    let Some(at) = b"\"\\/bfnrt".iter().position(|&b| b == escape) else { return self.fail("unknown escape") };
                    self.pos += 1;
                    out.push(char::from(b"\"\\/\x08\x0c\n\r\t".get(at).copied().unwrap_or_default()));
                }
                _ if self.pos >= self.text.len() => return self.fail("unterminated string"),
                _ => return self.fail("control character in string"),
            }
        }
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), joining surrogate pairs. A
    /// lone surrogate becomes U+FFFD, as `TextDecoder` does.
    fn unicode_escape(&mut self) -> Option<char> {
        let high = self.hex4();
        if high == u32::MAX {
            return None;
        }
        let mut code = high;
        if (0xD800..0xDC00).contains(&high) {
            let save = self.pos;
            code = 0xFFFD;
            if self.eat_word("\\u") {
                let low = self.hex4();
                if low == u32::MAX {
                    return None;
                }
                if (0xDC00..0xE000).contains(&low) {
                    code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                } else {
                    self.pos = save;
                }
            }
        }
        // A lone low surrogate is no `char` either.
        Some(char::from_u32(code).unwrap_or('\u{FFFD}'))
    }
}

/// As the JSON value it is (numbers kept as written where they fit an `f64` or an integer).
#[cfg(feature = "serde")]
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(text) => match self.as_i64() {
                Some(n) => serializer.serialize_i64(n),
                None => serializer.serialize_str(text),
            },
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_is_equal_and_a_parse_error_says_where() {
        let text = r#"{"a":[1,-2.5e3,"x\u00e9\ud83d\ude00",true,null,{}],"a":{"b":[[]]},"":false}"#;
        let json = parse(text).unwrap();
        assert_eq!(json.clone(), json);
        let mut out = String::new();
        push_json(&mut out, &json.clone(), false);
        assert_eq!(out, "{\"a\":[1,-2.5e3,\"xé😀\",true,null,{}],\"a\":{\"b\":[[]]},\"\":false}");
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).is_ok());
        let deeper = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert_eq!(parse(&deeper), Err(ParseError { offset: MAX_DEPTH + 1, reason: "nested too deeply" }));
        for (text, offset, reason) in [
            ("", 0, "unexpected end of text"),
            ("\"a", 2, "unterminated string"),
            ("\"\u{1}\"", 1, "control character in string"),
            ("\"\\x\"", 2, "unknown escape"),
            ("\"\\u12\"", 5, "expected four hex digits after \\u"),
            ("{\"a\" 1}", 5, "expected ':'"),
            ("{1}", 1, "expected a string key"),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("{\"a\":1 \"b\"}", 7, "expected ',' or '}'"),
            ("-", 1, "expected a digit"),
            ("1.", 2, "expected a digit after '.'"),
            ("1e+", 3, "expected a digit in the exponent"),
            ("nul", 0, "expected a JSON value"),
            ("1 2", 2, "unexpected text after the JSON value"),
        ] {
            assert_eq!(parse(text), Err(ParseError { offset, reason }), "{text:?}");
        }
        assert_eq!(parse("9007199254740993").unwrap().as_i64(), Some(9_007_199_254_740_993));
    }
}
