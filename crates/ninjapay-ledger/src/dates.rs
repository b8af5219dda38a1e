//! Times are stored as Unix seconds (UTC). Days are the user's: a date plus a fixed UTC offset
//! in minutes (India is +330 all year; no daylight-saving rules are applied, and none is
//! assumed: the offset is always the caller's).

use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::error::{Error, Result};

/// The largest offset accepted, in minutes (real zones lie within −12:00 … +14:00).
pub const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// `minutes` east of UTC as a [`UtcOffset`], refused beyond ±18 hours.
pub fn utc_offset(minutes: i32) -> Result<UtcOffset> {
    if minutes.abs() > MAX_OFFSET_MINUTES {
        return Err(Error::invalid(format!(
            "The time zone offset {minutes} minutes is out of range (±{MAX_OFFSET_MINUTES})."
        )));
    }
    UtcOffset::from_whole_seconds(minutes * 60)
        .map_err(|e| Error::invalid(format!("Bad time zone offset: {e}")))
}

/// The first second of `date` at the offset (local midnight), as Unix seconds.
pub fn day_start(date: Date, utc_offset_minutes: i32) -> Result<i64> {
    Ok(date
        .midnight()
        .assume_offset(utc_offset(utc_offset_minutes)?)
        .unix_timestamp())
}

/// The last second of `date` at the offset (23:59:59 local), as Unix seconds: the cutoff of
/// "as of the end of that day". Something that happened at this second or earlier happened by
/// the end of the day (`<=`); at the next second it belongs to the next day.
pub fn end_of_day(date: Date, utc_offset_minutes: i32) -> Result<i64> {
    let next = date
        .next_day()
        .ok_or_else(|| Error::invalid("That date is past the last one the calendar knows."))?;
    Ok(day_start(next, utc_offset_minutes)? - 1)
}

/// The local date of an instant at the offset.
pub fn local_date(unix: i64, utc_offset_minutes: i32) -> Result<Date> {
    Ok(at_offset(unix, utc_offset_minutes)?.date())
}

pub(crate) fn at_offset(unix: i64, utc_offset_minutes: i32) -> Result<OffsetDateTime> {
    let t = OffsetDateTime::from_unix_timestamp(unix)
        .map_err(|_| Error::invalid(format!("{unix} is not a time the calendar knows.")))?;
    Ok(t.to_offset(utc_offset(utc_offset_minutes)?))
}

/// The Monday on or before `date`.
pub(crate) fn week_start(date: Date) -> Date {
    date - Duration::days(i64::from(date.weekday().number_days_from_monday()))
}

/// The first day of `date`'s month.
pub(crate) fn month_start(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

/// The local days `from ..= to` as Unix bounds: `[start of from, end of to]`, both inclusive.
pub(crate) fn day_bounds(from: Date, to: Date, utc_offset_minutes: i32) -> Result<(i64, i64)> {
    if to < from {
        return Err(Error::invalid(format!(
            "The date range ends ({to}) before it starts ({from})."
        )));
    }
    Ok((
        day_start(from, utc_offset_minutes)?,
        end_of_day(to, utc_offset_minutes)?,
    ))
}

/// `YYYY-MM-DD`.
pub(crate) fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Reads `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &f)
        .map_err(|_| Error::invalid(format!("{text:?} is not a date (YYYY-MM-DD).")))
}

/// Serde for `time::Date` as `YYYY-MM-DD` (the UI's `<input type=date>` value).
pub mod serde_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::date_text(*d))
    }

    /// Reads `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_date(&text).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<Date>` (`null` or absent = none).
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::Date;

        /// Writes `YYYY-MM-DD` or `null`.
        pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.serialize_str(&super::super::date_text(*d)),
                None => s.serialize_none(),
            }
        }

        /// Reads `YYYY-MM-DD`, `""` or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
            match Option::<String>::deserialize(d)? {
                Some(t) if !t.trim().is_empty() => super::super::parse_date(&t)
                    .map(Some)
                    .map_err(serde::de::Error::custom),
                _ => Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn days_at_an_offset() {
        // 2024-05-05 at IST starts at 2024-05-04 18:30 UTC.
        assert_eq!(
            day_start(date!(2024 - 05 - 05), 330).unwrap(),
            1_714_847_400
        );
        assert_eq!(
            end_of_day(date!(2024 - 05 - 05), 330).unwrap(),
            1_714_847_400 + 86_400 - 1
        );
        assert_eq!(day_start(date!(2024 - 05 - 05), 0).unwrap(), 1_714_867_200);
        assert_eq!(
            local_date(1_714_867_200 - 1, 0).unwrap(),
            date!(2024 - 05 - 04)
        );
        assert_eq!(
            local_date(1_714_867_200 - 1, 330).unwrap(),
            date!(2024 - 05 - 05)
        );
        assert_eq!(local_date(0, -300).unwrap(), date!(1969 - 12 - 31));
        assert!(utc_offset(19 * 60).is_err());
        assert_eq!(week_start(date!(2024 - 05 - 05)), date!(2024 - 04 - 29));
        assert_eq!(month_start(date!(2024 - 05 - 05)), date!(2024 - 05 - 01));
        assert_eq!(parse_date(" 2024-05-05").unwrap(), date!(2024 - 05 - 05));
        assert!(parse_date("5/5/2024").is_err());
        assert!(day_bounds(date!(2024 - 05 - 05), date!(2024 - 05 - 04), 0).is_err());
    }
}
