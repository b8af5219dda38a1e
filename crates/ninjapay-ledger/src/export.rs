//! Exports for spreadsheets, built in Rust from the records themselves (exact `Decimal`s and
//! integer sats), never from text a page assembled.
//!
//! - **CSV**: UTF-8 with a byte-order mark (so Excel reads ₹ and names correctly), RFC 4180
//!   quoting through the `csv` crate, CRLF line ends, and text that a spreadsheet would run as a
//!   formula defused with a leading apostrophe. Numbers are written as their exact digits and
//!   are never guarded (a negative amount stays `-0.5`). Times are written at the user's offset
//!   as `2026-11-21 19:33:11 +05:30`, dates as `2026-11-21`.
//! - **xlsx** (`rust_xlsxwriter`): numbers as numbers (BTC with 8 decimals, sats and counts as
//!   integers, ₹ with 2 decimals grouped the Indian way), times and dates as real spreadsheet
//!   dates at the user's offset (the offset is named in the header), text as text: an xlsx
//!   string cell is never evaluated, so no guard is needed there.

use ninjapay::{Decimal, Voucher};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use serde::Serialize;
use time::{Date, UtcOffset};

use crate::dates::{at_offset, date_text, utc_offset};
use crate::error::{Error, Result};
use crate::model::btc_to_sats;

/// What a column holds, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Text (guarded against formulas in CSV).
    Text,
    /// BTC, 8 decimals.
    Btc,
    /// Whole satoshis.
    Sats,
    /// Rupees, 2 decimals.
    Inr,
    /// A count.
    Count,
    /// Another exact amount (an asset column that mixes BTC and USDT), as given.
    Amount,
    /// An instant, shown at the user's offset.
    DateTime,
    /// A calendar date.
    Date,
}

/// A column: its header and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header.
    pub name: String,
    /// What it holds.
    pub kind: ColumnKind,
}

impl Column {
    /// A column named `name` holding `kind`.
    pub fn new(name: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            name: name.into(),
            kind,
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cell {
    /// Text (guarded against formulas in CSV).
    Text(String),
    /// An exact decimal (BTC, ₹, an asset amount).
    Number(Decimal),
    /// A whole number (sats, a count).
    Integer(i64),
    /// An instant (Unix seconds).
    Time(i64),
    /// A calendar date.
    Date(#[serde(with = "crate::dates::serde_date")] Date),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text, or empty for `None`.
    pub fn text(value: Option<impl ToString>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
    }

    /// A decimal, or empty.
    pub fn number(value: Option<Decimal>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }

    /// An integer, or empty.
    pub fn integer(value: Option<i64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Integer)
    }

    /// An instant, or empty.
    pub fn time(value: Option<i64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Time)
    }
}

/// A table to export: a name (the sheet's, and a file name's stem), columns and rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// What it is ("Records", "Voucher liability 2026-03-31", …).
    pub name: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Table {
        Table {
            name: name.into(),
            columns,
            rows: Vec::new(),
        }
    }

    /// The headers.
    pub fn header(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }
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

/// Text as written in a CSV cell: a leading apostrophe when it could run as a formula.
pub fn guarded(text: &str) -> String {
    if starts_like_a_formula(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A decimal with at least `dp` decimals (more are kept: nothing is rounded away).
fn with_decimals(d: Decimal, dp: u32) -> Decimal {
    let mut d = d;
    if d.scale() < dp {
        d.rescale(dp);
    }
    d
}

fn number_text(d: Decimal, kind: ColumnKind) -> String {
    match kind {
        ColumnKind::Btc => with_decimals(d, 8).to_string(),
        ColumnKind::Inr => with_decimals(d, 2).to_string(),
        ColumnKind::Sats | ColumnKind::Count => d.normalize().to_string(),
        _ => d.to_string(),
    }
}

/// `2026-11-21 19:33:11 +05:30`.
fn local_stamp(unix: i64, offset_minutes: i32) -> String {
    let f = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"
    );
    at_offset(unix, offset_minutes)
        .ok()
        .and_then(|t| t.format(&f).ok())
        .unwrap_or_else(|| unix.to_string())
}

/// Unix seconds as `2026-11-21T14:03:11Z`.
pub fn iso_utc(unix: i64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).ok()?;
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.format(&f).ok()
}

fn cell_text(cell: &Cell, kind: ColumnKind, offset_minutes: i32) -> String {
    match cell {
        Cell::Text(t) => guarded(t),
        Cell::Number(n) => number_text(*n, kind),
        Cell::Integer(i) => i.to_string(),
        Cell::Time(t) => local_stamp(*t, offset_minutes),
        Cell::Date(d) => date_text(*d),
        Cell::Empty => String::new(),
    }
}

/// The table as CSV bytes (with the byte-order mark), times at `utc_offset_minutes`.
pub fn csv_bytes(table: &Table, utc_offset_minutes: i32) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing into a Vec cannot fail.
        let header: Vec<String> = table.columns.iter().map(|c| guarded(&c.name)).collect();
        let _ = w.write_record(&header);
        let mut cells: Vec<String> = Vec::with_capacity(table.columns.len());
        for row in &table.rows {
            cells.clear();
            for (i, cell) in row.iter().enumerate() {
                let kind = table.columns.get(i).map_or(ColumnKind::Text, |c| c.kind);
                cells.push(cell_text(cell, kind, utc_offset_minutes));
            }
            let _ = w.write_record(&cells);
        }
        let _ = w.flush();
    }
    out
}

/// The Indian grouping for ₹ (lakh and crore: `1,23,45,678.90`) as conditional sections, for
/// amounts of zero or more (checked in LibreOffice 7.4: `12,34,56,789.50`, `1,00,000.00`,
/// `99,999.99`). A negative amount would fall to the last section and lose both its grouping
/// and, in LibreOffice, its minus sign, so negative cells get [`inr_negative_format`] instead.
pub const INR_FORMAT: &str = r#"[>=10000000]##\,##\,##\,##0.00;[>=100000]##\,##\,##0.00;##,##0.00"#;

/// A one-section format with the Indian grouping for a negative ₹ amount of this size (one
/// section: the spreadsheet puts the minus sign in front).
pub fn inr_negative_format(amount: Decimal) -> &'static str {
    let a = amount.abs();
    if a >= Decimal::from(10_000_000) {
        r#"##\,##\,##\,##0.00"#
    } else if a >= Decimal::from(100_000) {
        r#"##\,##\,##0.00"#
    } else {
        "#,##0.00"
    }
}

/// `UTC+05:30`.
fn offset_name(offset: UtcOffset) -> String {
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!("UTC{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
}

/// A worksheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    let short: String = cleaned.chars().take(31).collect();
    if short.is_empty() {
        "Export".to_owned()
    } else {
        short
    }
}

/// Excel's limit on the text of one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// The table as an `.xlsx` workbook (one sheet), times and dates at `utc_offset_minutes`.
pub fn xlsx_bytes(table: &Table, utc_offset_minutes: i32) -> Result<Vec<u8>> {
    let offset = utc_offset(utc_offset_minutes)?;
    let offset_secs = i64::from(utc_offset_minutes) * 60;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&table.name))?;
    let bold = Format::new().set_bold();
    let btc = Format::new().set_num_format("0.00000000");
    let whole = Format::new().set_num_format("#,##0");
    let inr = Format::new().set_num_format(INR_FORMAT);
    let mut inr_negative: std::collections::HashMap<&'static str, Format> =
        std::collections::HashMap::new();
    let general = Format::new();
    let stamp = Format::new()
        .set_num_format("yyyy-mm-dd hh:mm:ss")
        .set_align(FormatAlign::Left);
    let day = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Left);

    for (c, col) in table.columns.iter().enumerate() {
        let c = c as u16;
        let name = match col.kind {
            ColumnKind::DateTime => format!("{} ({})", col.name, offset_name(offset)),
            _ => col.name.clone(),
        };
        sheet.write_string_with_format(0, c, &name, &bold)?;
        let width: f64 = match col.kind {
            ColumnKind::DateTime => 20.0,
            ColumnKind::Date => 12.0,
            ColumnKind::Btc => 14.0,
            ColumnKind::Inr | ColumnKind::Sats | ColumnKind::Amount => 14.0,
            ColumnKind::Count => 8.0,
            ColumnKind::Text => 18.0,
        };
        sheet.set_column_width(c, width.max(name.chars().count() as f64 + 2.0))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let kind = table.columns.get(c).map_or(ColumnKind::Text, |c| c.kind);
            let c = c as u16;
            match cell {
                Cell::Text(t) => {
                    if t.chars().count() > MAX_CELL_CHARS {
                        let cut: String = t.chars().take(MAX_CELL_CHARS).collect();
                        sheet.write_string(r, c, &cut)?;
                    } else {
                        sheet.write_string(r, c, t)?;
                    }
                }
                Cell::Number(n) => {
                    let (value, fmt) = match kind {
                        ColumnKind::Btc => (n.to_f64(), &btc),
                        ColumnKind::Inr if n.is_sign_negative() && !n.is_zero() => {
                            let f = inr_negative
                                .entry(inr_negative_format(*n))
                                .or_insert_with_key(|k| Format::new().set_num_format(*k));
                            (n.to_f64(), &*f)
                        }
                        ColumnKind::Inr => (n.to_f64(), &inr),
                        ColumnKind::Sats | ColumnKind::Count => (n.to_f64(), &whole),
                        _ => (n.to_f64(), &general),
                    };
                    match value {
                        Some(v) => sheet.write_number_with_format(r, c, v, fmt)?,
                        None => sheet.write_string(r, c, n.to_string())?,
                    };
                }
                Cell::Integer(i) => {
                    let fmt = match kind {
                        ColumnKind::Btc => &btc,
                        _ => &whole,
                    };
                    sheet.write_number_with_format(r, c, *i as f64, fmt)?;
                }
                Cell::Time(t) => match ExcelDateTime::from_timestamp(t + offset_secs) {
                    Ok(dt) => {
                        sheet.write_datetime_with_format(r, c, &dt, &stamp)?;
                    }
                    Err(_) => {
                        sheet.write_string(r, c, local_stamp(*t, utc_offset_minutes))?;
                    }
                },
                Cell::Date(d) => {
                    let dt = u16::try_from(d.year()).ok().and_then(|y| {
                        ExcelDateTime::from_ymd(y, u8::from(d.month()), d.day()).ok()
                    });
                    match dt {
                        Some(dt) => sheet.write_datetime_with_format(r, c, &dt, &day)?,
                        None => sheet.write_string(r, c, date_text(*d))?,
                    };
                }
                Cell::Empty => {}
            }
        }
    }
    if !table.columns.is_empty() {
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(
            0,
            0,
            table.rows.len() as u32,
            (table.columns.len() - 1) as u16,
        )?;
    }
    book.save_to_buffer().map_err(Error::from)
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

pub(crate) fn voucher_columns() -> Vec<Column> {
    use ColumnKind as K;
    let kinds = [
        K::Text,
        K::Text,
        K::Text,
        K::Text,
        K::Text,
        K::Btc,
        K::Sats,
        K::Text,
        K::Text,
        K::Text,
        K::DateTime,
        K::Count,
    ];
    VOUCHER_HEADER
        .iter()
        .zip(kinds)
        .map(|(n, k)| Column::new(*n, k))
        .collect()
}

/// A Check Voucher answer as a table: one row per code, amounts exact, the redeem time in UTC
/// (text) and at the user's offset (a time, written at the offset the export is made with).
pub fn voucher_table(v: &Voucher) -> Table {
    let mut amount = v.amount;
    amount.rescale(8);
    let sats = btc_to_sats(v.amount);
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
                Cell::integer(sats),
                Cell::text(c.redeemed_by.as_ref()),
                Cell::text(c.redeemed_tid.as_ref()),
                Cell::text(at.and_then(iso_utc)),
                Cell::time(at),
                Cell::integer(c.callback_status.map(i64::from)),
            ]
        })
        .collect();
    Table {
        name: format!("Voucher batch {}", v.tid),
        columns: voucher_columns(),
        rows,
    }
}

/// A file name for an export: one plain component ending in `.{extension}`.
pub fn safe_file_name(name: &str, extension: &str) -> String {
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
    let ext = extension.trim_start_matches('.');
    if stem
        .to_ascii_lowercase()
        .ends_with(&format!(".{}", ext.to_ascii_lowercase()))
    {
        stem.to_string()
    } else {
        format!("{stem}.{ext}")
    }
}
