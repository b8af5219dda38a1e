//! Exports for spreadsheets, built in Rust from the records themselves (exact `Decimal`s), never
//! from text the page assembled. CSV: UTF-8 with a byte-order mark (so Excel reads ₹ and names
//! correctly), RFC 4180 quoting through the `csv` crate, CRLF line ends, and text that a
//! spreadsheet would run as a formula defused with a leading apostrophe.

use ninjapay::{Decimal, Voucher};
use time::{OffsetDateTime, UtcOffset};

/// One cell: text (guarded against formulas) or a number (written as its exact digits).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(Decimal),
    Empty,
}

impl Cell {
    fn text(value: Option<impl ToString>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
    }
}

/// A table to export: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Characters that make a spreadsheet treat a cell as a formula when they come first (after any
/// spaces): `= + - @`, their fullwidth forms (which some spreadsheets fold to ASCII), tab and CR.
fn starts_like_a_formula(text: &str) -> bool {
    let first = text.trim_start_matches([' ', '\u{3000}']).chars().next();
    matches!(
        first,
        Some(
            '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}' | '\t' | '\r'
        )
    ) || text.starts_with(['\t', '\r'])
}

/// Text as written in a cell: a leading apostrophe when it could run as a formula.
pub fn guarded(text: &str) -> String {
    if starts_like_a_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The table as CSV bytes (with the byte-order mark).
pub fn csv_bytes(table: &Table) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let _ = w.write_record(&table.header);
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => guarded(t),
                    Cell::Number(n) => n.to_string(),
                    Cell::Empty => String::new(),
                })
                .collect();
            let _ = w.write_record(&cells);
        }
        let _ = w.flush();
    }
    out
}

/// Unix seconds as `2026-11-21T14:03:11Z`.
fn iso_utc(unix: i64) -> Option<String> {
    let t = OffsetDateTime::from_unix_timestamp(unix).ok()?;
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.format(&f).ok()
}

/// Unix seconds as `2026-11-21 19:33:11 +05:30` at the user's offset.
fn local_stamp(unix: i64, offset: UtcOffset) -> Option<String> {
    let t = OffsetDateTime::from_unix_timestamp(unix)
        .ok()?
        .to_offset(offset);
    let f = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"
    );
    t.format(&f).ok()
}

/// The columns of a voucher batch export.
pub const VOUCHER_HEADER: [&str; 12] = [
    "batch_tid",
    "title",
    "voucher_code",
    "voucher_url",
    "state",
    "amount_btc",
    "amount_sats",
    "redeemed_by",
    "redeemed_tid",
    "redeemed_at_utc",
    "redeemed_at_local",
    "webhook_status",
];

/// A Check Voucher answer as a table: one row per code, amounts exact, times in UTC and at the
/// user's offset.
pub fn voucher_table(v: &Voucher, offset: UtcOffset) -> Table {
    let mut amount = v.amount;
    amount.rescale(8);
    let sats = (v.amount * Decimal::from(100_000_000)).normalize();
    let rows = v
        .voucher_urls
        .iter()
        .map(|c| {
            let state = if c.is_redeemed() {
                "redeemed"
            } else if v.revoked {
                "revoked"
            } else {
                "open"
            };
            let at = c.redeemed_at.map(|t| t.unix());
            vec![
                Cell::Text(v.tid.to_string()),
                Cell::text(v.title.as_ref()),
                Cell::Text(c.code().to_owned()),
                Cell::Text(c.voucher_url.clone()),
                Cell::Text(state.to_owned()),
                Cell::Number(amount),
                Cell::Number(sats),
                Cell::text(c.redeemed_by.as_ref()),
                Cell::text(c.redeemed_tid.as_ref()),
                Cell::text(at.and_then(iso_utc)),
                Cell::text(at.and_then(|t| local_stamp(t, offset))),
                Cell::text(c.callback_status),
            ]
        })
        .collect();
    Table {
        header: VOUCHER_HEADER.to_vec(),
        rows,
    }
}

/// A file name for an export: one plain component ending in `.csv`.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_. ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c| c == '.' || c == ' ');
    let stem = if cleaned.is_empty() {
        "export"
    } else {
        cleaned
    };
    if stem.to_ascii_lowercase().ends_with(".csv") {
        stem.to_string()
    } else {
        format!("{stem}.csv")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formula_looking_text_is_defused_and_numbers_are_not() {
        for bad in [
            "=1+1",
            "+91 98765",
            "-2+3",
            "@SUM(A1)",
            "  =HYPERLINK(\"x\")",
            "\u{3000}=1",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "\tx",
            "\rx",
        ] {
            assert!(guarded(bad).starts_with('\''), "{bad:?}");
        }
        for fine in ["Diwali", "alice@upi", "1-2", ""] {
            assert_eq!(guarded(fine), fine);
        }
        let t = Table {
            header: vec!["a", "b"],
            rows: vec![vec![
                Cell::Number(Decimal::new(-5, 1)),
                Cell::Text("=cmd|' /C calc'!A0".into()),
            ]],
        };
        let text = String::from_utf8(csv_bytes(&t)).unwrap();
        assert_eq!(text, "\u{feff}a,b\r\n-0.5,'=cmd|' /C calc'!A0\r\n");
    }

    #[test]
    fn a_voucher_batch_row_per_code_with_exact_amounts_and_both_times() {
        let v: Voucher = serde_json::from_value(json!({
            "tid": "210N66027HB789", "amount": "0.00001", "title": "Diwali, \"big\" sale",
            "voucher_urls": [
                {"voucher_url": "https://www.ninjapay.me/voucher/redeem/7ee15185", "voucher_code": "7ee15185",
                 "redeemed_by": "ninjatagUsername", "redeemed_tid": "128660213994", "redeemed_at": "1714912928",
                 "callback_status": "201"},
                {"voucher_url": "https://www.ninjapay.me/voucher/redeem/39e11981h"}
            ]
        }))
        .unwrap();
        let ist = UtcOffset::from_hms(5, 30, 0).unwrap();
        let text = String::from_utf8(csv_bytes(&voucher_table(&v, ist))).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], VOUCHER_HEADER.join(","));
        assert_eq!(
            lines[1],
            "210N66027HB789,\"Diwali, \"\"big\"\" sale\",7ee15185,https://www.ninjapay.me/voucher/redeem/7ee15185,redeemed,0.00001000,1000,ninjatagUsername,128660213994,2024-05-05T12:42:08Z,2024-05-05 18:12:08 +05:30,201"
        );
        assert!(
            lines[2].contains(",39e11981h,") && lines[2].contains(",open,"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn file_names_stay_one_component() {
        assert_eq!(
            safe_file_name("vouchers-210N66027HB789"),
            "vouchers-210N66027HB789.csv"
        );
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd.csv");
        assert_eq!(safe_file_name(""), "export.csv");
    }
}
