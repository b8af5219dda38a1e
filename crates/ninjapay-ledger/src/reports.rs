//! Reports: voucher liability as of a date, redemptions over time, bridge payouts, Lightning
//! per day, and the batches still worth re-checking.

use std::collections::BTreeMap;

use ninjapay::{Account, Decimal, Tid};
use rusqlite::{params, Connection};
use serde::Serialize;
use time::{Date, Duration};

use crate::accounts::{in_list, scope_ids, AccountInfo, Scope};
use crate::dates::{day_bounds, end_of_day, month_start, serde_date, utc_offset, week_start};
use crate::error::Result;
use crate::model::{parse_decimal, sats_to_btc, serde_decimal, Bucket, CounterpartyKind, Status};

/// The value still redeemable at the end of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Liability {
    /// The day.
    #[serde(with = "serde_date")]
    pub as_of: Date,
    /// The user's offset the day was taken at.
    pub utc_offset_minutes: i32,
    /// The last second counted (23:59:59 that day at the offset, Unix seconds): a redeem,
    /// expiry or revocation at this second or before happened by then.
    pub cutoff: i64,
    /// Outstanding value in sats.
    pub total_sats: i64,
    /// The same in BTC, exact (8 decimals).
    #[serde(with = "serde_decimal")]
    pub total_btc: Decimal,
    /// Codes still redeemable.
    pub open_codes: i64,
    /// Batches with something outstanding, oldest first.
    pub batches: Vec<BatchLiability>,
    /// Voucher batches the ledger knows only by tid (imported, never checked): their codes
    /// are unknown, so they are not counted. Check them to include them.
    pub unchecked_batches: Vec<String>,
}

/// One batch's part of the liability.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchLiability {
    /// Whose.
    pub account: AccountInfo,
    /// The batch.
    pub tid: String,
    /// Its title.
    pub title: Option<String>,
    /// Created.
    pub created_at: i64,
    /// When its codes stop being redeemable.
    pub expires_at: Option<i64>,
    /// When it was revoked (after the cutoff, or it would not be here).
    pub revoked_at: Option<i64>,
    /// When this computer last checked it: the figures are as of then.
    pub last_checked_at: i64,
    /// True when that check was after the cutoff (so the redeems up to the cutoff are all
    /// known); false means codes may have been redeemed since, unseen.
    pub checked_after_cutoff: bool,
    /// BTC per code.
    #[serde(with = "serde_decimal")]
    pub amount_per_code: Decimal,
    /// Sats per code.
    pub sats_per_code: i64,
    /// Codes in the batch.
    pub code_count: i64,
    /// Codes not redeemed by the cutoff.
    pub open_codes_as_of: i64,
    /// Their value in sats.
    pub outstanding_sats: i64,
    /// Their value in BTC.
    #[serde(with = "serde_decimal")]
    pub outstanding_btc: Decimal,
}

pub(crate) fn liability(
    conn: &Connection,
    scope: &Scope,
    as_of: Date,
    utc_offset_minutes: i32,
) -> Result<Liability> {
    let cutoff = end_of_day(as_of, utc_offset_minutes)?;
    let ids = in_list(&scope_ids(conn, scope)?);
    let sql = format!(
        "SELECT a.mode, a.api_url, a.prod_url, a.ninjatag, r.tid, r.title, r.created_at,
                b.expires_at, b.revoked_at, r.last_checked_at, b.amount_per_code,
                b.sats_per_code, b.code_count,
                (SELECT count(*) FROM voucher_codes c INDEXED BY voucher_codes_redeemed
                  WHERE c.batch_id = r.id AND c.redeemed_at IS NOT NULL AND c.redeemed_at <= ?1)
         FROM records r
         JOIN voucher_batches b ON b.record_id = r.id
         JOIN accounts a ON a.id = r.account_id
         WHERE r.account_id IN {ids} AND r.kind = 'voucher' AND r.created_at <= ?1
           AND (b.expires_at IS NULL OR b.expires_at > ?1)
           AND (b.revoked_at IS NULL OR b.revoked_at > ?1)
         ORDER BY r.created_at, r.id"
    );
    let mut batches = Vec::new();
    let (mut total_sats, mut open_codes) = (0i64, 0i64);
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query([cutoff])?;
    while let Some(r) = rows.next()? {
        let code_count: i64 = r.get(12)?;
        let redeemed: i64 = r.get(13)?;
        let open = (code_count - redeemed).max(0);
        if open == 0 {
            continue;
        }
        let sats_per_code: i64 = r.get(11)?;
        let outstanding = sats_per_code.saturating_mul(open);
        let last_checked_at: i64 = r.get(9)?;
        total_sats = total_sats.saturating_add(outstanding);
        open_codes += open;
        batches.push(BatchLiability {
            account: AccountInfo::from_row(r, 0)?,
            tid: r.get(4)?,
            title: r.get(5)?,
            created_at: r.get(6)?,
            expires_at: r.get(7)?,
            revoked_at: r.get(8)?,
            last_checked_at,
            checked_after_cutoff: last_checked_at > cutoff,
            amount_per_code: parse_decimal(&r.get::<_, String>(10)?)?,
            sats_per_code,
            code_count,
            open_codes_as_of: open,
            outstanding_sats: outstanding,
            outstanding_btc: sats_to_btc(outstanding),
        });
    }
    let unchecked_batches = conn
        .prepare_cached(&format!(
            "SELECT r.tid FROM records r LEFT JOIN voucher_batches b ON b.record_id = r.id
             WHERE r.account_id IN {ids} AND r.kind = 'voucher' AND b.record_id IS NULL
             ORDER BY r.created_at, r.id"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Liability {
        as_of,
        utc_offset_minutes,
        cutoff,
        total_sats,
        total_btc: sats_to_btc(total_sats),
        open_codes,
        batches,
        unchecked_batches,
    })
}

/// Redemptions in one bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RedemptionBucket {
    /// The bucket's first day (a Monday for weeks, the 1st for months; may precede the
    /// range's first day).
    #[serde(with = "serde_date")]
    pub start_date: Date,
    /// Codes redeemed.
    pub count: i64,
    /// Their value in sats.
    pub value_sats: i64,
}

/// Redemptions over a date range.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redemptions {
    /// The first day.
    #[serde(with = "serde_date")]
    pub from: Date,
    /// The last day.
    #[serde(with = "serde_date")]
    pub to: Date,
    /// Day, week or month.
    pub bucket: Bucket,
    /// The user's offset.
    pub utc_offset_minutes: i32,
    /// Every bucket in the range, empty ones included, oldest first.
    pub buckets: Vec<RedemptionBucket>,
    /// Codes redeemed in the range.
    pub total_count: i64,
    /// Their value in sats.
    pub total_sats: i64,
    /// The same in BTC.
    #[serde(with = "serde_decimal")]
    pub total_btc: Decimal,
}

/// Days since 1970-01-01 → date.
fn epoch_day(day: i64) -> Date {
    Date::from_julian_day((2_440_588 + day) as i32).unwrap_or(Date::MIN)
}

fn bucket_of(date: Date, bucket: Bucket) -> Date {
    match bucket {
        Bucket::Day => date,
        Bucket::Week => week_start(date),
        Bucket::Month => month_start(date),
    }
}

/// Every bucket start from `from` to `to`.
fn bucket_starts(from: Date, to: Date, bucket: Bucket) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let b = bucket_of(d, bucket);
        if out.last() != Some(&b) {
            out.push(b);
        }
        d = match d.checked_add(Duration::days(1)) {
            Some(n) => n,
            None => break,
        };
    }
    out
}

pub(crate) fn redemptions(
    conn: &Connection,
    scope: &Scope,
    from: Date,
    to: Date,
    bucket: Bucket,
    utc_offset_minutes: i32,
) -> Result<Redemptions> {
    let (start, end) = day_bounds(from, to, utc_offset_minutes)?;
    utc_offset(utc_offset_minutes)?;
    let ids = in_list(&scope_ids(conn, scope)?);
    let off = i64::from(utc_offset_minutes) * 60;
    // Batch by batch in scope, a range of the redeemed-codes index (which holds the value too).
    let sql = format!(
        "SELECT (c.redeemed_at + ?3) / 86400 AS day, count(*), sum(c.sats)
         FROM records r
         JOIN voucher_codes c INDEXED BY voucher_codes_redeemed
              ON c.batch_id = r.id AND c.redeemed_at >= ?1 AND c.redeemed_at <= ?2
         WHERE r.account_id IN {ids} AND r.kind = 'voucher' AND r.created_at <= ?2
         GROUP BY day"
    );
    let mut per: BTreeMap<Date, (i64, i64)> = bucket_starts(from, to, bucket)
        .into_iter()
        .map(|d| (d, (0, 0)))
        .collect();
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params![start, end, off])?;
    while let Some(r) = rows.next()? {
        let day: i64 = r.get(0)?;
        let b = bucket_of(epoch_day(day), bucket);
        let e = per.entry(b).or_insert((0, 0));
        e.0 += r.get::<_, i64>(1)?;
        e.1 = e.1.saturating_add(r.get::<_, i64>(2)?);
    }
    let buckets: Vec<RedemptionBucket> = per
        .into_iter()
        .map(|(start_date, (count, value_sats))| RedemptionBucket {
            start_date,
            count,
            value_sats,
        })
        .collect();
    let total_count = buckets.iter().map(|b| b.count).sum();
    let total_sats = buckets.iter().map(|b| b.value_sats).sum();
    Ok(Redemptions {
        from,
        to,
        bucket,
        utc_offset_minutes,
        buckets,
        total_count,
        total_sats,
        total_btc: sats_to_btc(total_sats),
    })
}

/// One bridge payout (a quote).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutRow {
    /// Whose.
    pub account: AccountInfo,
    /// The quote's tid.
    pub tid: String,
    /// Created.
    pub created_at: i64,
    /// The UPI id or ninjatag paid.
    pub to: Option<String>,
    /// Which of the two.
    pub to_kind: Option<CounterpartyKind>,
    /// ₹ delivered (or to be).
    #[serde(with = "serde_decimal::option")]
    pub inr: Option<Decimal>,
    /// The asset paid in (`BTC`, `USDT`).
    pub asset: Option<String>,
    /// How much of it, exact.
    #[serde(with = "serde_decimal::option")]
    pub asset_amount: Option<Decimal>,
    /// The same in sats when the asset is BTC.
    pub sats: Option<i64>,
    /// Where it stands.
    pub status: Status,
    /// When it completed (or failed, expired, was refunded).
    pub completed_at: Option<i64>,
    /// When this computer last checked it.
    pub last_checked_at: i64,
}

/// Totals of one status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutTotal {
    /// The status.
    pub status: Status,
    /// Payouts.
    pub count: i64,
    /// ₹ in all.
    #[serde(with = "serde_decimal")]
    pub inr: Decimal,
    /// Sats in all (BTC payouts).
    pub sats: i64,
    /// Each asset's total, exact (`BTC`, `USDT`, …).
    pub assets: BTreeMap<String, String>,
}

/// Bridge payouts in a date range (by creation), newest first, and totals per status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payouts {
    /// The payouts.
    pub rows: Vec<PayoutRow>,
    /// Totals per status.
    pub totals: Vec<PayoutTotal>,
}

pub(crate) fn payouts(
    conn: &Connection,
    scope: &Scope,
    from: Date,
    to: Date,
    utc_offset_minutes: i32,
) -> Result<Payouts> {
    let (start, end) = day_bounds(from, to, utc_offset_minutes)?;
    let ids = in_list(&scope_ids(conn, scope)?);
    let sql = format!(
        "SELECT a.mode, a.api_url, a.prod_url, a.ninjatag, r.tid, r.created_at, r.counterparty,
                r.counterparty_kind, r.fiat_currency, r.fiat_amount, r.asset, r.amount, r.sats,
                r.status, r.completed_at, r.last_checked_at
         FROM records r JOIN accounts a ON a.id = r.account_id
         WHERE r.account_id IN {ids} AND r.kind = 'quote'
           AND r.created_at >= ?1 AND r.created_at <= ?2
         ORDER BY r.created_at DESC, r.id DESC"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st
        .query_map(params![start, end], |r| {
            let currency: Option<String> = r.get(8)?;
            let fiat: Option<String> = r.get(9)?;
            let amount: Option<String> = r.get(11)?;
            Ok(PayoutRow {
                account: AccountInfo::from_row(r, 0)?,
                tid: r.get(4)?,
                created_at: r.get(5)?,
                to: r.get(6)?,
                to_kind: r.get(7)?,
                inr: match (currency.as_deref(), fiat) {
                    (Some("INR"), Some(f)) => Some(parse_decimal(&f)?),
                    _ => None,
                },
                asset: r.get(10)?,
                asset_amount: amount.map(|a| parse_decimal(&a)).transpose()?,
                sats: r.get(12)?,
                status: r.get(13)?,
                completed_at: r.get(14)?,
                last_checked_at: r.get(15)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut per: BTreeMap<Status, (i64, Decimal, i64, BTreeMap<String, Decimal>)> = BTreeMap::new();
    for p in &rows {
        let e = per.entry(p.status).or_default();
        e.0 += 1;
        e.1 += p.inr.unwrap_or_default();
        e.2 = e.2.saturating_add(p.sats.unwrap_or(0));
        if let (Some(a), Some(v)) = (&p.asset, p.asset_amount) {
            *e.3.entry(a.clone()).or_default() += v;
        }
    }
    let totals = per
        .into_iter()
        .map(|(status, (count, inr, sats, assets))| PayoutTotal {
            status,
            count,
            inr: {
                let mut d = inr;
                d.rescale(2);
                d
            },
            sats,
            assets: assets
                .into_iter()
                .map(|(k, v)| (k, v.normalize().to_string()))
                .collect(),
        })
        .collect();
    Ok(Payouts { rows, totals })
}

/// Lightning payments settled on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LightningDay {
    /// The day (the user's).
    #[serde(with = "serde_date")]
    pub date: Date,
    /// Sats received in paid payments created that day.
    pub received_sats: i64,
    /// Sats sent.
    pub sent_sats: i64,
    /// Payments received.
    pub count_in: i64,
    /// Payments sent.
    pub count_out: i64,
}

/// Lightning received and sent per day over a range, with totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LightningDays {
    /// Every day of the range, oldest first.
    pub days: Vec<LightningDay>,
    /// The totals, dated the range's first day.
    pub total: LightningDay,
}

pub(crate) fn lightning_per_day(
    conn: &Connection,
    scope: &Scope,
    from: Date,
    to: Date,
    utc_offset_minutes: i32,
) -> Result<LightningDays> {
    let (start, end) = day_bounds(from, to, utc_offset_minutes)?;
    let ids = in_list(&scope_ids(conn, scope)?);
    let off = i64::from(utc_offset_minutes) * 60;
    let sql = format!(
        "SELECT (r.created_at + ?3) / 86400 AS day, r.direction, count(*), sum(coalesce(r.sats, 0))
         FROM records r
         WHERE r.account_id IN {ids} AND r.kind = 'payment' AND r.status = 'paid'
           AND r.created_at >= ?1 AND r.created_at <= ?2
         GROUP BY day, r.direction"
    );
    let mut per: BTreeMap<Date, LightningDay> = bucket_starts(from, to, Bucket::Day)
        .into_iter()
        .map(|date| {
            (
                date,
                LightningDay {
                    date,
                    received_sats: 0,
                    sent_sats: 0,
                    count_in: 0,
                    count_out: 0,
                },
            )
        })
        .collect();
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params![start, end, off])?;
    while let Some(r) = rows.next()? {
        let date = epoch_day(r.get(0)?);
        let Some(d) = per.get_mut(&date) else {
            continue;
        };
        let direction: Option<String> = r.get(1)?;
        let (count, sats): (i64, i64) = (r.get(2)?, r.get(3)?);
        if direction.as_deref() == Some("out") {
            d.count_out += count;
            d.sent_sats += sats;
        } else {
            d.count_in += count;
            d.received_sats += sats;
        }
    }
    let days: Vec<LightningDay> = per.into_values().collect();
    let total = LightningDay {
        date: from,
        received_sats: days.iter().map(|d| d.received_sats).sum(),
        sent_sats: days.iter().map(|d| d.sent_sats).sum(),
        count_in: days.iter().map(|d| d.count_in).sum(),
        count_out: days.iter().map(|d| d.count_out).sum(),
    };
    Ok(LightningDays { days, total })
}

/// A voucher batch worth checking again.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenBatch {
    /// The account to check it in.
    pub account: Account,
    /// The wallet, when known.
    pub ninjatag: Option<String>,
    /// The batch.
    pub tid: Tid,
    /// Its last known status (`unknown` for one never checked).
    pub status: Status,
    /// When it was last checked.
    pub last_checked_at: i64,
    /// Its codes were never seen (imported by tid only).
    pub never_checked: bool,
}

pub(crate) fn open_batches(conn: &Connection, scope: &Scope) -> Result<Vec<OpenBatch>> {
    let ids = in_list(&scope_ids(conn, scope)?);
    let sql = format!(
        "SELECT a.mode, a.api_url, a.prod_url, a.ninjatag, r.tid, r.status, r.last_checked_at,
                b.record_id IS NULL
         FROM records r JOIN accounts a ON a.id = r.account_id
         LEFT JOIN voucher_batches b ON b.record_id = r.id
         WHERE r.account_id IN {ids} AND r.kind = 'voucher'
           AND (r.is_final = 0 OR b.record_id IS NULL)
         ORDER BY r.last_checked_at, r.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map([], |r| {
        let info = AccountInfo::from_row(r, 0)?;
        let tid: String = r.get(4)?;
        Ok((info, tid, r.get(5)?, r.get(6)?, r.get(7)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (info, tid, status, last_checked_at, never_checked) = row?;
        let Ok(tid) = Tid::parse(&tid) else {
            continue;
        };
        out.push(OpenBatch {
            account: info.account,
            ninjatag: info.ninjatag,
            tid,
            status,
            last_checked_at,
            never_checked,
        });
    }
    Ok(out)
}
