//! When to send a request again, and how long to wait first.

use crate::text::digits;

/// The retry policy of a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retry {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// No single wait is longer than this. A `Retry-After` asking for more ends the retries.
    pub max_delay_ms: u32,
    /// The first backoff ceiling; it doubles with each attempt.
    pub base_delay_ms: u32,
}

impl Default for Retry {
    fn default() -> Self {
        Retry { max_attempts: 3, max_delay_ms: 10_000, base_delay_ms: 500 }
    }
}

impl Retry {
    /// No retries: one attempt.
    pub const OFF: Retry = Retry { max_attempts: 1, max_delay_ms: 0, base_delay_ms: 0 };

    /// Exponential backoff with full jitter: a uniform wait in `[0, min(max, base * 2^(n-1)))`
    /// after failed attempt `n`. `random` is in `[0, 1)`.
    pub fn backoff_ms(&self, attempt: u32, random: f64) -> u32 {
        let doublings = attempt.saturating_sub(1).min(20);
        let ceiling = self.base_delay_ms.saturating_mul(1 << doublings).min(self.max_delay_ms);
        (random.clamp(0.0, 1.0) * f64::from(ceiling)) as u32
    }
}

/// Whether an answer with this status may be retried (for operations that allow retries).
pub const fn retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The wait a `Retry-After` value asks for, in milliseconds: delay-seconds (`"120"`) or an
/// IMF-fixdate (`"Sun, 06 Nov 1994 08:49:37 GMT"`), relative to `now_ms` (Unix time). `None`
/// when the value is neither.
pub fn retry_after_ms(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim_ascii();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = digits(value).unwrap_or(u64::MAX);
        // Compared rather than `saturating_mul`, a 128-bit multiply on wasm32 (`__multi3`).
        return Some(if seconds > u64::MAX / 1000 { u64::MAX } else { seconds * 1000 });
    }
    let date_ms = http_date_ms(value)?;
    // A cast saturates: a past date (and NaN) is 0 without `f64::max`, which is a call to `fmax` (23 B gzip).
    Some((date_ms - now_ms) as u64)
}

/// An IMF-fixdate as Unix milliseconds. Read by position against its fixed shape, in one loop
/// over its bytes: 0.14 KB gzip of wasm less than splitting it on spaces, and 60 B less again
/// than slicing out each field and the month's name.
fn http_date_ms(value: &str) -> Option<f64> {
    // `_` any byte (the day name), `d` a digit of the next number, anything else itself.
    const SHAPE: &[u8; 29] = b"___, dd ___ dddd dd:dd:dd GMT";
    let bytes = value.as_bytes();
    if bytes.len() != SHAPE.len() {
        return None;
    }
    // Day, year, hour, minute, second: each run of `d` is the next one.
    let mut numbers = [0u32; 5];
    let mut which = 0;
    for (i, (&b, &shape)) in bytes.iter().zip(SHAPE).enumerate() {
        if shape == b'd' {
            let digit = b.wrapping_sub(b'0');
            let number = numbers.get_mut(which)?;
            if digit > 9 {
                return None;
            }
            *number = *number * 10 + u32::from(digit);
            if SHAPE.get(i + 1) != Some(&b'd') {
                which += 1;
            }
        } else if shape != b'_' && b != shape {
            return None;
        }
    }
    // The month's name as a number, its three bytes side by side.
    let name = |at: usize| bytes.get(at).map_or(0, |&b| u32::from(b));
    let key = name(8) | name(9) << 8 | name(10) << 16;
    let month = MONTH_KEYS.iter().position(|&k| k == key)? as u32 + 1;
    let [day, year, hour, minute, second] = numbers;
    if day == 0 || day > 31 || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(seconds as f64 * 1000.0)
}

/// The months' names, each as its three bytes side by side (see `http_date_ms`).
const MONTH_KEYS: [u32; 12] = {
    let names = b"JanFebMarAprMayJunJulAugSepOctNovDec";
    let mut keys = [0; 12];
    let mut m = 0;
    while m < 12 {
        keys[m] = names[3 * m] as u32 | (names[3 * m + 1] as u32) << 8 | (names[3 * m + 2] as u32) << 16;
        m += 1;
    }
    keys
};

/// Days since 1970-01-01 of a proleptic Gregorian date of the years 0 to 9999 (Howard Hinnant's
/// algorithm, counted from 400 years earlier so that it stays in `u32`: 14 B gzip of wasm less
/// than `i64` with `div_euclid`).
fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
    let year = year + 400 - u32::from(month <= 2);
    let (era, year_of_era) = (year / 400, year % 400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    i64::from(era * 146_097 + day_of_era) - 719_468 - 146_097
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(retry_after_ms("3", 0.0), Some(3000));
        assert_eq!(retry_after_ms(" 0 ", 0.0), Some(0));
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        let at = 784_111_777_000.0;
        assert_eq!(retry_after_ms(date, at - 5000.0), Some(5000));
        assert_eq!(retry_after_ms(date, at + 5000.0), Some(0), "a past date means no wait");
        assert_eq!(retry_after_ms("Thu, 01 Jan 1970 00:00:00 GMT", 0.0), Some(0));
        assert_eq!(retry_after_ms("Tue, 29 Feb 2028 12:00:00 GMT", 1_835_438_400_000.0 - 1.0), Some(1));
        assert_eq!(retry_after_ms("Fri, 31 Dec 9999 23:59:60 GMT", 0.0), Some(253_402_300_800_000));
        for bad in [
            "",
            "soon",
            "-1",
            "1.5",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "06 Nov 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT x",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06-Nov-1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
        ] {
            assert_eq!(retry_after_ms(bad, 0.0), None, "{bad:?}");
        }
    }

    #[test]
    fn every_month_name_is_read() {
        // 2000-01-01 and 2000-12-01, and the first of each month in order between them.
        assert_eq!(http_date_ms("Sat, 01 Jan 2000 00:00:00 GMT"), Some(946_684_800_000.0));
        assert_eq!(http_date_ms("Fri, 01 Dec 2000 00:00:00 GMT"), Some(975_628_800_000.0));
        let mut previous = 0.0;
        for name in MONTHS_IN_ORDER {
            let date = alloc::format!("Mon, 01 {name} 2000 00:00:00 GMT");
            let ms = http_date_ms(&date).unwrap_or_else(|| panic!("{date}"));
            assert!(ms > previous, "{date}");
            previous = ms;
        }
        for bad in ["jan", "JAN", "Jam", "Ja ", "\u{0}an"] {
            assert_eq!(http_date_ms(&alloc::format!("Mon, 01 {bad} 2000 00:00:00 GMT")), None, "{bad:?}");
        }
    }

    const MONTHS_IN_ORDER: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    #[test]
    fn backoff_doubles_up_to_the_cap_with_full_jitter() {
        let retry = Retry { max_attempts: 5, max_delay_ms: 3000, base_delay_ms: 500 };
        assert_eq!(retry.backoff_ms(1, 0.999_999), 499);
        assert_eq!(retry.backoff_ms(2, 0.999_999), 999);
        assert_eq!(retry.backoff_ms(3, 0.999_999), 1999);
        assert_eq!(retry.backoff_ms(4, 0.999_999), 2999);
        assert_eq!(retry.backoff_ms(40, 0.999_999), 2999);
        assert_eq!(retry.backoff_ms(3, 0.0), 0);
        assert_eq!(retry.backoff_ms(3, 0.5), 1000);
    }
}
