//! The records table as the UI shows it: search, filters, sort, pages; and one record's
//! history.

use ninjapay::Decimal;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, Row};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::accounts::{in_list, scope_ids, AccountInfo, Scope};
use crate::dates::{day_bounds, day_start, end_of_day, serde_date};
use crate::error::Result;
use crate::model::{
    parse_decimal, serde_decimal, CounterpartyKind, Direction, Kind, Origin, Status,
};

/// What a column sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// When it was created (Ninjapay's time, else when first seen).
    #[default]
    Created,
    /// When it was last checked.
    LastChecked,
    /// Its value in sats (records in other assets last).
    Amount,
    /// Kind.
    Kind,
    /// Status.
    Status,
    /// Title, case-insensitively.
    Title,
    /// Counterparty, case-insensitively.
    Counterparty,
    /// Tid.
    Tid,
}

impl Sort {
    /// The column and its collation.
    fn column(self) -> (&'static str, &'static str) {
        match self {
            Sort::Created => ("r.created_at", ""),
            Sort::LastChecked => ("r.last_checked_at", ""),
            Sort::Amount => ("r.sats", ""),
            Sort::Kind => ("r.kind", ""),
            Sort::Status => ("r.status", ""),
            Sort::Title => ("r.title", " COLLATE NOCASE"),
            Sort::Counterparty => ("r.counterparty", " COLLATE NOCASE"),
            Sort::Tid => ("r.tid", ""),
        }
    }
}

/// A search of the records table. Every field but `scope` may be left out when deserialised
/// from the UI (`{"scope":{"scope":"mode","mode":"live"},"text":"diwali"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordQuery {
    /// Whose records.
    pub scope: Scope,
    /// Words that must all appear in the tid, title or counterparty (case-insensitive); a tid
    /// prefix matches.
    #[serde(default)]
    pub text: Option<String>,
    /// Only these kinds (empty = all).
    #[serde(default)]
    pub kinds: Vec<Kind>,
    /// Only these statuses (empty = all).
    #[serde(default)]
    pub statuses: Vec<Status>,
    /// Only money in or out.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// Created on or after this day (the user's day).
    #[serde(default, with = "serde_date::option")]
    pub from: Option<Date>,
    /// Created on or before this day.
    #[serde(default, with = "serde_date::option")]
    pub to: Option<Date>,
    /// The user's offset from UTC in minutes (for `from`/`to`).
    #[serde(default)]
    pub utc_offset_minutes: i32,
    /// Sort column.
    #[serde(default)]
    pub sort: Sort,
    /// Descending (newest first for dates).
    #[serde(default = "yes")]
    pub desc: bool,
    /// Page number, from 0.
    #[serde(default)]
    pub page: u32,
    /// Rows per page; 0 = every row (for exports).
    #[serde(default = "fifty")]
    pub page_size: u32,
}

fn yes() -> bool {
    true
}

fn fifty() -> u32 {
    50
}

impl RecordQuery {
    /// Everything in `scope`, newest first, 50 a page.
    pub fn new(scope: Scope) -> RecordQuery {
        RecordQuery {
            scope,
            text: None,
            kinds: Vec::new(),
            statuses: Vec::new(),
            direction: None,
            from: None,
            to: None,
            utc_offset_minutes: 0,
            sort: Sort::Created,
            desc: true,
            page: 0,
            page_size: 50,
        }
    }
}

/// One page of rows, with the number of rows matching in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// This page.
    pub rows: Vec<T>,
    /// Rows matching, over all pages.
    pub total: u64,
    /// The page number, from 0.
    pub page: u32,
    /// Rows per page (0 = all).
    pub page_size: u32,
}

/// One record as the table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordRow {
    /// Row id.
    pub id: i64,
    /// Whose.
    pub account: AccountInfo,
    /// What.
    pub kind: Kind,
    /// Its id.
    pub tid: String,
    /// In or out.
    pub direction: Option<Direction>,
    /// Description, title or note.
    pub title: Option<String>,
    /// Ninjatag, UPI id, email or name.
    pub counterparty: Option<String>,
    /// What the counterparty is.
    pub counterparty_kind: Option<CounterpartyKind>,
    /// `BTC`, `USDT`, …
    pub asset: Option<String>,
    /// The amount in `asset`, exact, unsigned (a voucher batch: all its codes).
    #[serde(with = "serde_decimal::option")]
    pub amount: Option<Decimal>,
    /// The same in sats when the asset is BTC.
    pub sats: Option<i64>,
    /// `INR`, `USD`, … when Ninjapay gave a fiat value.
    pub fiat_currency: Option<String>,
    /// The fiat value, exact.
    #[serde(with = "serde_decimal::option")]
    pub fiat_amount: Option<Decimal>,
    /// Where it stands.
    pub status: Status,
    /// Ninjapay's own word for it (or `3 of 5 redeemed`).
    pub raw_status: Option<String>,
    /// Nothing will change any more.
    pub is_final: bool,
    /// Created (Unix seconds; when first seen if Ninjapay gave no time).
    pub created_at: i64,
    /// Reached its final state (Ninjapay's time when it gave one, else when first seen so).
    pub completed_at: Option<i64>,
    /// First seen by this computer.
    pub first_seen_at: i64,
    /// Last checked by this computer.
    pub last_checked_at: i64,
    /// How it first reached the ledger.
    pub origin: Origin,
}

impl RecordRow {
    /// The ₹ value, when the fiat value is in INR.
    pub fn inr(&self) -> Option<Decimal> {
        match self.fiat_currency.as_deref() {
            Some("INR") => self.fiat_amount,
            _ => None,
        }
    }
}

pub(crate) const ROW_COLUMNS: &str = "r.id, a.mode, a.api_url, a.prod_url, a.ninjatag, r.kind,
    r.tid, r.direction, r.title, r.counterparty, r.counterparty_kind, r.asset, r.amount, r.sats,
    r.fiat_currency, r.fiat_amount, r.status, r.raw_status, r.is_final, r.created_at,
    r.completed_at, r.first_seen_at, r.last_checked_at, r.origin";

fn opt_decimal(text: Option<String>) -> rusqlite::Result<Option<Decimal>> {
    text.map(|t| parse_decimal(&t)).transpose()
}

pub(crate) fn read_row(r: &Row<'_>) -> rusqlite::Result<RecordRow> {
    Ok(RecordRow {
        id: r.get(0)?,
        account: AccountInfo::from_row(r, 1)?,
        kind: r.get(5)?,
        tid: r.get(6)?,
        direction: r.get(7)?,
        title: r.get(8)?,
        counterparty: r.get(9)?,
        counterparty_kind: r.get(10)?,
        asset: r.get(11)?,
        amount: opt_decimal(r.get(12)?)?,
        sats: r.get(13)?,
        fiat_currency: r.get(14)?,
        fiat_amount: opt_decimal(r.get(15)?)?,
        status: r.get(16)?,
        raw_status: r.get(17)?,
        is_final: r.get(18)?,
        created_at: r.get(19)?,
        completed_at: r.get(20)?,
        first_seen_at: r.get(21)?,
        last_checked_at: r.get(22)?,
        origin: r.get(23)?,
    })
}

fn text_list<T: std::fmt::Display>(items: &[T], args: &mut Vec<SqlValue>) -> String {
    let marks: Vec<&str> = items
        .iter()
        .map(|i| {
            args.push(SqlValue::Text(i.to_string()));
            "?"
        })
        .collect();
    marks.join(",")
}

pub(crate) fn records(conn: &Connection, q: &RecordQuery) -> Result<Page<RecordRow>> {
    let ids = scope_ids(conn, &q.scope)?;
    let mut filter = format!("r.account_id IN {}", in_list(&ids));
    let mut args: Vec<SqlValue> = Vec::new();
    if !q.kinds.is_empty() {
        filter += &format!(" AND r.kind IN ({})", text_list(&q.kinds, &mut args));
    }
    if !q.statuses.is_empty() {
        filter += &format!(" AND r.status IN ({})", text_list(&q.statuses, &mut args));
    }
    if let Some(d) = q.direction {
        filter += " AND r.direction = ?";
        args.push(SqlValue::Text(d.as_str().to_owned()));
    }
    if let (Some(from), Some(to)) = (q.from, q.to) {
        day_bounds(from, to, q.utc_offset_minutes)?;
    }
    if let Some(from) = q.from {
        filter += " AND r.created_at >= ?";
        args.push(SqlValue::Integer(day_start(from, q.utc_offset_minutes)?));
    }
    if let Some(to) = q.to {
        filter += " AND r.created_at <= ?";
        args.push(SqlValue::Integer(end_of_day(to, q.utc_offset_minutes)?));
    }
    for word in q.text.as_deref().unwrap_or("").split_whitespace() {
        filter += " AND instr(r.search, ?) > 0";
        args.push(SqlValue::Text(word.to_lowercase()));
    }

    // Every filter is on a column of `records_browse`, so choosing the page's rows reads that
    // index only; the rows themselves are then fetched by id. Without words, the count is its
    // own quick pass and the page walks the index in order, stopping once full; with words
    // (which must be looked for in every entry) one pass finds the matches, counts and sorts
    // them.
    let dir = if q.desc { "DESC" } else { "ASC" };
    let (key, collate) = q.sort.column();
    let nulls_last = matches!(q.sort, Sort::Amount | Sort::Title | Sort::Counterparty);
    let order = |k: &str, id: &str| {
        let nulls = if nulls_last {
            format!("{k} IS NULL, ")
        } else {
            String::new()
        };
        format!("{nulls}{k}{collate} {dir}, {id} {dir}")
    };
    let limit = if q.page_size > 0 {
        format!(
            " LIMIT {} OFFSET {}",
            q.page_size,
            u64::from(q.page) * u64::from(q.page_size)
        )
    } else {
        String::new()
    };
    let has_words = q.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let counted = if has_words {
        "count(*) OVER ()"
    } else {
        "NULL"
    };
    let sql = format!(
        "SELECT {ROW_COLUMNS}, p.total
         FROM (SELECT r.id AS id, {key} AS k, {counted} AS total
               FROM records r INDEXED BY records_browse
               WHERE {filter} ORDER BY {}{limit}) p
         JOIN records r ON r.id = p.id
         JOIN accounts a ON a.id = r.account_id
         ORDER BY {}",
        order(key, "r.id"),
        order("p.k", "p.id")
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut in_page: Option<i64> = None;
    let rows = st
        .query_map(params_from_iter(args.iter()), |r| {
            Ok((read_row(r)?, r.get::<_, Option<i64>>(24)?))
        })?
        .map(|row| {
            row.map(|(record, total)| {
                in_page = in_page.or(total);
                record
            })
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = match in_page {
        Some(t) => t,
        // The first page holds every match.
        None if q.page == 0 && (q.page_size == 0 || rows.len() < q.page_size as usize) => {
            rows.len() as i64
        }
        // No words, or a page past the end: count on its own.
        None => conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM records r INDEXED BY records_browse WHERE {filter}"
            ))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?,
    };
    let total = total.max(0) as u64;
    Ok(Page {
        rows,
        total,
        page: q.page,
        page_size: q.page_size,
    })
}

/// One observation of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationRow {
    /// When this computer saw it.
    pub seen_at: i64,
    /// How (created, looked up, watched, imported).
    pub origin: Origin,
    /// The status then.
    pub status: Status,
    /// Ninjapay's word for it then.
    pub raw_status: Option<String>,
    /// What was compared to decide that something changed (status, redeemed count, …).
    pub state: serde_json::Value,
    /// What changed beyond that: how many codes were first seen redeemed (`newly_redeemed`;
    /// which ones: the codes whose `redeem_seen_at` is `seen_at`), webhook answers
    /// (`webhooks`), an imported entry's action and label.
    pub note: Option<serde_json::Value>,
}

/// A voucher batch's own fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchInfo {
    /// BTC per code, exact.
    #[serde(with = "serde_decimal")]
    pub amount_per_code: Decimal,
    /// Sats per code.
    pub sats_per_code: i64,
    /// Codes in the batch.
    pub code_count: i64,
    /// When the codes stop being redeemable.
    pub expires_at: Option<i64>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
    /// `revoked_at` is when this computer first saw it revoked (Ninjapay gave no time).
    pub revoked_at_estimated: bool,
    /// The giver's name.
    pub giver: Option<String>,
    /// The batch's multi-use link.
    pub static_url: Option<String>,
}

/// One code of a batch, as last known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeRow {
    /// Order in the batch.
    pub position: i64,
    /// The code.
    pub code: String,
    /// Its redeem link.
    pub url: String,
    /// Sats it is worth.
    pub sats: i64,
    /// Who redeemed it (a ninjatag or a BOLT11).
    pub redeemed_by: Option<String>,
    /// The payment the redeem made.
    pub redeemed_tid: Option<String>,
    /// When (Ninjapay's time, or when first seen redeemed if `redeemed_at_estimated`).
    pub redeemed_at: Option<i64>,
    /// Ninjapay gave no time for the redeem.
    pub redeemed_at_estimated: bool,
    /// When this computer first saw it redeemed.
    pub redeem_seen_at: Option<i64>,
    /// Your webhook's HTTP answer to the redeem.
    pub callback_status: Option<i64>,
}

/// A record, its observations (oldest first), and for a voucher batch its fields and codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordHistory {
    /// The record as last known.
    pub record: RecordRow,
    /// Every observation that changed something, oldest first.
    pub observations: Vec<ObservationRow>,
    /// The batch's own fields (voucher batches only, once checked).
    pub batch: Option<BatchInfo>,
    /// Every code (voucher batches only).
    pub codes: Vec<CodeRow>,
    /// Ninjapay's last answer as JSON (a batch without its codes).
    pub data: Option<serde_json::Value>,
}

pub(crate) fn history(
    conn: &Connection,
    scope: &Scope,
    kind: Kind,
    tid: &str,
) -> Result<Vec<RecordHistory>> {
    let ids = scope_ids(conn, scope)?;
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM records r JOIN accounts a ON a.id = r.account_id
         WHERE r.account_id IN {} AND r.kind = ?1 AND r.tid = ?2 ORDER BY r.id",
        in_list(&ids)
    );
    let records = conn
        .prepare(&sql)?
        .query_map(params![kind, tid], read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for record in records {
        let observations = conn
            .prepare_cached(
                "SELECT seen_at, origin, status, raw_status, state, note FROM observations
                 WHERE record_id = ?1 ORDER BY seen_at, id",
            )?
            .query_map([record.id], |r| {
                let state: String = r.get(4)?;
                let note: Option<String> = r.get(5)?;
                Ok(ObservationRow {
                    seen_at: r.get(0)?,
                    origin: r.get(1)?,
                    status: r.get(2)?,
                    raw_status: r.get(3)?,
                    state: serde_json::from_str(&state).unwrap_or(serde_json::Value::Null),
                    note: note.and_then(|n| serde_json::from_str(&n).ok()),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let batch = conn
            .prepare_cached(
                "SELECT amount_per_code, sats_per_code, code_count, expires_at, revoked_at,
                        revoked_at_estimated, giver, static_url
                 FROM voucher_batches WHERE record_id = ?1",
            )?
            .query_map([record.id], |r| {
                Ok(BatchInfo {
                    amount_per_code: parse_decimal(&r.get::<_, String>(0)?)?,
                    sats_per_code: r.get(1)?,
                    code_count: r.get(2)?,
                    expires_at: r.get(3)?,
                    revoked_at: r.get(4)?,
                    revoked_at_estimated: r.get(5)?,
                    giver: r.get(6)?,
                    static_url: r.get(7)?,
                })
            })?
            .next()
            .transpose()?;
        let codes = codes(conn, record.id)?;
        let data: Option<String> = conn
            .prepare_cached("SELECT json FROM record_data WHERE record_id = ?1")?
            .query_map([record.id], |r| r.get(0))?
            .next()
            .transpose()?;
        out.push(RecordHistory {
            record,
            observations,
            batch,
            codes,
            data: data.and_then(|d| serde_json::from_str(&d).ok()),
        });
    }
    Ok(out)
}

pub(crate) fn codes(conn: &Connection, batch_id: i64) -> Result<Vec<CodeRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT position, code, url, sats, redeemed_by, redeemed_tid, redeemed_at,
                    redeemed_at_estimated, redeem_seen_at, callback_status
             FROM voucher_codes WHERE batch_id = ?1 ORDER BY position, code",
        )?
        .query_map([batch_id], |r| {
            let code: String = r.get(1)?;
            let url: Option<String> = r.get(2)?;
            Ok(CodeRow {
                position: r.get(0)?,
                url: url.unwrap_or_else(|| format!("{}{code}", crate::observe::VOUCHER_URL_BASE)),
                code,
                sats: r.get(3)?,
                redeemed_by: r.get(4)?,
                redeemed_tid: r.get(5)?,
                redeemed_at: r.get(6)?,
                redeemed_at_estimated: r.get(7)?,
                redeem_seen_at: r.get(8)?,
                callback_status: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}
