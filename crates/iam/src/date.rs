//! Dates as IAM compares them: ISO 8601 / RFC 3339 date-times (`2024-05-01`,
//! `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.5+02:00`) or epoch seconds, to epoch
//! milliseconds. The calendar arithmetic is the shared [`timestamp`] crate's.

use timestamp::{days_from_civil, days_in_month};

/// Parses a date, a date-time or epoch seconds into milliseconds since 1970-01-01T00:00:00Z.
pub(crate) fn parse_date(text: &str) -> Option<i64> {
    let s = text.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok()?.checked_mul(1000);
    }
    let b = s.as_bytes();
    let year = digits(b, 0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if !(1..=12).contains(&month) || day < 1 || day > i64::from(days_in_month(year, month as u32)) {
        return None;
    }
    let mut millis = days_from_civil(year, month as u32, day as u32) * 86_400_000;
    if b.len() == 10 {
        return Some(millis);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let hour = digits(b, 11, 2)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let minute = digits(b, 14, 2)?;
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = digits(b, 17, 2)?;
        i = 19;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    millis += (hour * 3600 + minute * 60 + second) * 1000;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        let mut fraction = 0i64;
        while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            if i - start < 3 {
                fraction = fraction * 10 + i64::from(d - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..3 {
            fraction *= 10;
        }
        millis += fraction;
    }
    match b.get(i) {
        None => Some(millis),
        Some(b'Z' | b'z') if i + 1 == b.len() => Some(millis),
        Some(&sign @ (b'+' | b'-')) => {
            let oh = digits(b, i + 1, 2)?;
            let om = match (b.get(i + 3), b.len() - i) {
                (Some(b':'), 6) => digits(b, i + 4, 2)?,
                (_, 5) => digits(b, i + 3, 2)?,
                (_, 3) => 0,
                _ => return None,
            };
            let offset = (oh * 60 + om) * 60_000;
            Some(if sign == b'+' {
                millis - offset
            } else {
                millis + offset
            })
        }
        _ => None,
    }
}

fn digits(b: &[u8], at: usize, len: usize) -> Option<i64> {
    let slice = b.get(at..at + len)?;
    slice.iter().try_fold(0i64, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn formats() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("1970-01-02T00:00:00Z"), Some(86_400_000));
        assert_eq!(parse_date("2000-03-01T00:00:00Z"), Some(951_868_800_000));
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_date("1970-01-01T00:00:00.25Z"), Some(250));
        assert_eq!(parse_date("86400"), Some(86_400_000));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-01-01T25:00:00Z"), None);
    }
}
