//! ISO-8601 timestamps, for the few fields the docs show that way (Decode's `expires_at`,
//! checkQuote's `transaction_time`); everything else is Unix seconds.

/// ISO-8601 with milliseconds, as Decode shows it: `2023-03-15T11:22:27.000Z`.
pub fn iso(ts: i64) -> String {
    let fmt =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].000Z");
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_format() {
        assert_eq!(super::iso(1_678_879_347), "2023-03-15T11:22:27.000Z");
    }
}
