//! Timestamps as AWS writes them: RFC 3339 / ISO 8601 date-times with a zone designator
//! (`2016-03-14T01:59:00Z`, `2016-03-14T03:59:00.5+02:00`), parsed to and formatted from
//! milliseconds since the Unix epoch; and the proleptic Gregorian calendar arithmetic
//! underneath, for engines with date rules of their own.
//!
//! ```
//! let t = timestamp::parse_millis("2016-03-14T01:59:00Z").unwrap();
//! assert_eq!(timestamp::format_millis(t), "2016-03-14T01:59:00.000Z");
//! ```

#![warn(missing_docs)]

mod calendar;
mod rfc3339;

pub use calendar::{civil_from_days, days_from_civil, days_in_month, is_leap};
pub use rfc3339::{format_millis, parse_millis, parse_nanos};
