//! Identifiers and timestamps, decoded whatever form the server picked.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::rules::Rule;

/// A transaction id. The api host sends strings (`"19B86602A1399N7"`), the prod host numbers
/// (`198660213997`); both are kept as the text they were sent as, and compared as text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tid(String);

impl Tid {
    /// Checks a tid typed by a user: non-empty, at most 128 characters, no whitespace or
    /// control characters.
    pub fn parse(text: &str) -> Result<Tid, Error> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::broke("tid", Rule::Empty, &[]));
        }
        if text.len() > 128 {
            return Err(Error::broke("tid", Rule::TooLong, &[("max", "128")]));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::broke("tid", Rule::NoSpaces, &[]));
        }
        Ok(Tid(text.to_owned()))
    }

    /// The tid's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the tid is all digits, as the prod host's tids are; it is then sent as a JSON
    /// number to that host, as its docs show.
    pub fn is_numeric(&self) -> bool {
        !self.0.is_empty() && self.0.len() <= 19 && self.0.bytes().all(|b| b.is_ascii_digit())
    }
}

impl fmt::Display for Tid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Tid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tid({})", self.0)
    }
}

impl Serialize for Tid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Tid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let crate::de::Lenient(text) = crate::de::Lenient::deserialize(d)?;
        if text.is_empty() {
            return Err(serde::de::Error::custom("empty tid"));
        }
        Ok(Tid(text))
    }
}

/// A point in time as Unix seconds. Most fields are integer seconds, Decode's `expires_at` is
/// an ISO-8601 string; both decode to this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// RFC 3339 form in UTC, for display and exports.
    pub fn to_rfc3339(self) -> String {
        time::OffsetDateTime::from_unix_timestamp(self.0)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let crate::de::Lenient(text) = crate::de::Lenient::deserialize(d)?;
        parse_timestamp(&text).map(Timestamp).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "expected Unix seconds or an ISO-8601 time, got {text:?}"
            ))
        })
    }
}

fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        // Some servers send milliseconds; nothing real is dated after the year 5000 in seconds.
        return Some(if secs > 100_000_000_000 {
            secs / 1000
        } else {
            secs
        });
    }
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tids_from_strings_and_numbers_compare_as_text() {
        let a: Tid = serde_json::from_str(r#""21066027789""#).unwrap();
        let b: Tid = serde_json::from_str("21066027789").unwrap();
        assert_eq!(a, b);
        assert!(a.is_numeric());
        assert!(!Tid::parse("210N66027HB789").unwrap().is_numeric());
        assert_eq!(serde_json::to_string(&b).unwrap(), r#""21066027789""#);
    }

    #[test]
    fn user_typed_tids_are_checked() {
        assert_eq!(
            Tid::parse("  2M106602N7789 ").unwrap().as_str(),
            "2M106602N7789"
        );
        for bad in ["", "   ", "21 066", "abc\u{7}", "a\tb"] {
            let e = Tid::parse(bad).unwrap_err();
            assert_eq!(e.code(), "validation");
            assert_eq!(e.field(), Some("tid"));
        }
    }

    #[test]
    fn timestamps_from_seconds_and_iso_strings() {
        let t: Timestamp = serde_json::from_str("1714912921").unwrap();
        assert_eq!(t.unix(), 1_714_912_921);
        let t: Timestamp = serde_json::from_str(r#""2023-03-15T11:22:27.000Z""#).unwrap();
        assert_eq!(t.unix(), 1_678_879_347);
        assert_eq!(t.to_rfc3339(), "2023-03-15T11:22:27Z");
        assert!(serde_json::from_str::<Timestamp>(r#""yesterday""#).is_err());
    }
}
