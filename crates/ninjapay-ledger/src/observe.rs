//! The one way into the ledger: [`Seen`] is what the client returned; [`write`] files it.
//!
//! Each answer becomes a [`Snapshot`] (the record's fields as this answer states them), which
//! is merged into the record's row (latest state; a field the answer does not state keeps what
//! was known), and an observation row is appended only when the state differs from the one
//! before it. A voucher batch's codes are rows of their own: a code's redeem is recorded once,
//! with Ninjapay's `redeemed_at` (or, when the answer has none, the time it was first seen
//! redeemed, marked as an estimate).

use std::collections::HashMap;

use ninjapay::{
    Decimal, Order, OrderState, Payment, PaymentStatus, Quote, QuoteInvoice, QuoteStatus,
    Revocation, SendReceipt, SendRequest, TokenCreated, TokenDetail, TokenRequest, Voucher,
    VoucherState, WidgetMode,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::model::{btc_to_sats, to_minor_2, CounterpartyKind, Direction, Kind, Origin, Status};
use crate::schema::search_text;

/// The usual address of a voucher code; stored URLs that match it are left out.
pub const VOUCHER_URL_BASE: &str = "https://www.ninjapay.me/voucher/redeem/";

/// What the client returned, to be filed.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Seen<'a> {
    /// Request Voucher or Check Voucher: the batch and every code.
    Voucher(&'a Voucher),
    /// Revoke Voucher's answer.
    VoucherRevoked(&'a Revocation),
    /// A Lightning payment: Request Payment, Check Payment, a Transactions row, a send's
    /// record once checked.
    Payment(&'a Payment),
    /// Send Payment's answer with what was sent (the record exists before its first check).
    Sent {
        /// The answer (the new tid).
        receipt: &'a SendReceipt,
        /// What was asked for.
        request: &'a SendRequest,
    },
    /// Request Invoice for Quote: a quote just created.
    QuoteInvoice(&'a QuoteInvoice),
    /// Check Quote.
    Quote(&'a Quote),
    /// Request Token's answer, with the request when the caller has it (the answer holds
    /// nothing but the token).
    TokenCreated {
        /// The answer.
        created: &'a TokenCreated,
        /// What was asked for.
        request: Option<&'a TokenRequest>,
    },
    /// Check Token.
    Token(&'a TokenDetail),
    /// Check Order.
    Order(&'a Order),
    /// Revoke Order's answer.
    OrderRevoked(&'a Revocation),
}

/// What [`crate::Ledger::observe`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observed {
    /// The record's row id.
    pub record_id: i64,
    /// Its kind.
    pub kind: Kind,
    /// Its tid.
    pub tid: String,
    /// Its status after this observation.
    pub status: Status,
    /// True when the record did not exist before.
    pub new_record: bool,
    /// True when an observation row was appended (something changed).
    pub changed: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct CodeSnap {
    pub position: i64,
    pub code: String,
    pub url: Option<String>,
    pub redeemed: bool,
    pub redeemed_by: Option<String>,
    pub redeemed_tid: Option<String>,
    pub redeemed_at: Option<i64>,
    pub callback_status: Option<i64>,
}

#[derive(Debug, Clone)]
pub(crate) struct BatchSnap {
    pub amount_per_code: Decimal,
    pub sats_per_code: i64,
    pub code_count: i64,
    pub expires_at: Option<i64>,
    pub revoked: bool,
    pub revoked_at: Option<i64>,
    pub giver: Option<String>,
    pub static_url: Option<String>,
    pub codes: Vec<CodeSnap>,
}

/// What the client returned, taken apart at once into what the ledger keeps (owned, so it can be
/// filed later, on another thread, with [`crate::Ledger::file`]).
#[derive(Debug)]
pub struct Observations {
    pub(crate) seen_at: i64,
    pub(crate) origin: Origin,
    pub(crate) snaps: Vec<Snapshot>,
}

impl Observations {
    /// Takes `seen` apart at `seen_at` (Unix seconds), as `origin` saw it.
    pub fn of<'a>(
        seen_at: i64,
        origin: Origin,
        seen: impl IntoIterator<Item = Seen<'a>>,
    ) -> Result<Observations> {
        let snaps = seen
            .into_iter()
            .map(|s| s.snapshot(seen_at))
            .collect::<Result<_>>()?;
        Ok(Observations {
            seen_at,
            origin,
            snaps,
        })
    }
}

/// A record as one answer states it (`None` = the answer does not say).
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub kind: Kind,
    pub tid: String,
    pub direction: Option<Direction>,
    pub title: Option<String>,
    pub counterparty: Option<(String, CounterpartyKind)>,
    pub asset: Option<String>,
    pub amount: Option<Decimal>,
    pub fiat: Option<(String, Decimal)>,
    pub status: Status,
    pub raw_status: Option<String>,
    pub created_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub raw: Option<String>,
    /// What decides whether anything changed since the last observation.
    pub state: Value,
    pub note: Option<Value>,
    pub batch: Option<BatchSnap>,
    /// A revocation: set the batch's `revoked_at` (if the batch is known).
    pub revoked_at: Option<(i64, bool)>,
}

impl Snapshot {
    pub(crate) fn bare(kind: Kind, tid: String, status: Status) -> Snapshot {
        Snapshot {
            kind,
            tid,
            direction: None,
            title: None,
            counterparty: None,
            asset: None,
            amount: None,
            fiat: None,
            status,
            raw_status: None,
            created_at: None,
            completed_at: None,
            raw: None,
            state: json!({ "status": status }),
            note: None,
            batch: None,
            revoked_at: None,
        }
    }
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The answer as stored: JSON without its `null` fields (most optional fields are empty, and
/// an absent field reads back as `None` all the same).
fn to_json<T: Serialize>(v: &T) -> Option<String> {
    let mut value = serde_json::to_value(v).ok()?;
    drop_nulls(&mut value);
    serde_json::to_string(&value).ok()
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

fn payment_status(s: &PaymentStatus) -> Status {
    match s {
        PaymentStatus::Undefined | PaymentStatus::Pending => Status::Pending,
        PaymentStatus::Paid => Status::Paid,
        PaymentStatus::Declined => Status::Declined,
        PaymentStatus::Expired => Status::Expired,
        PaymentStatus::Unknown(_) => Status::Unknown,
    }
}

fn quote_status(s: &QuoteStatus) -> Status {
    match s {
        QuoteStatus::Pending => Status::Pending,
        QuoteStatus::Success => Status::Success,
        QuoteStatus::Failed => Status::Failed,
        QuoteStatus::Expired => Status::Expired,
        QuoteStatus::Refunded => Status::Refunded,
        QuoteStatus::Unknown(_) => Status::Unknown,
    }
}

fn fiat_of(currency: &Option<String>, value: Option<Decimal>) -> Option<(String, Decimal)> {
    match (nonempty(currency), value) {
        (Some(c), Some(v)) => Some((c.to_ascii_uppercase(), v)),
        _ => None,
    }
}

/// A free-form time (`transaction_time`): Unix seconds or RFC 3339, else unknown.
fn loose_time(text: &Option<String>) -> Option<i64> {
    let t = text.as_deref()?.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Some(if n > 100_000_000_000 { n / 1000 } else { n });
    }
    time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|d| d.unix_timestamp())
}

fn voucher(v: &Voucher, seen_at: i64) -> Snapshot {
    let state = match v.state(seen_at) {
        VoucherState::Open => Status::Open,
        VoucherState::FullyRedeemed => Status::Redeemed,
        VoucherState::Expired => Status::Expired,
        VoucherState::Revoked => Status::Revoked,
    };
    let codes: Vec<CodeSnap> = v
        .voucher_urls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let code = c.code().to_owned();
            let url = (c.voucher_url != format!("{VOUCHER_URL_BASE}{code}"))
                .then(|| c.voucher_url.clone());
            CodeSnap {
                position: i as i64,
                redeemed: c.is_redeemed(),
                redeemed_by: nonempty(&c.redeemed_by),
                redeemed_tid: c.redeemed_tid.as_ref().map(|t| t.to_string()),
                redeemed_at: c.redeemed_at.map(|t| t.unix()),
                callback_status: c.callback_status.map(i64::from),
                code,
                url,
            }
        })
        .collect();
    let last_redeem = codes.iter().filter_map(|c| c.redeemed_at).max();
    let completed_at = match state {
        Status::Revoked => v.revoked_at.map(|t| t.unix()),
        Status::Redeemed => last_redeem,
        Status::Expired => v.expires_at.map(|t| t.unix()),
        _ => None,
    };
    let sats_per_code = btc_to_sats(v.amount).unwrap_or(0);
    let count = i64::from(v.count());
    let callbacks = codes.iter().filter(|c| c.callback_status.is_some()).count();
    let mut raw = serde_json::to_value(v).unwrap_or(Value::Null);
    if let Some(o) = raw.as_object_mut() {
        // The codes live in their own table.
        o.remove("voucher_urls");
    }
    Snapshot {
        kind: Kind::Voucher,
        tid: v.tid.to_string(),
        direction: Some(Direction::Out),
        title: nonempty(&v.title).or_else(|| nonempty(&v.from)),
        counterparty: nonempty(&v.receiver_email).map(|e| (e, CounterpartyKind::Email)),
        asset: Some("BTC".to_owned()),
        amount: Some(v.total_value()),
        fiat: None,
        status: state,
        raw_status: Some(format!("{} of {} redeemed", v.redeemed_count(), v.count())),
        created_at: v.created_at.map(|t| t.unix()),
        completed_at,
        raw: to_json(&raw),
        state: json!({
            "status": state,
            "redeemed": v.redeemed_count(),
            "count": v.count(),
            "revoked": v.revoked,
            "expires_at": v.expires_at.map(|t| t.unix()),
            "webhooks": callbacks,
        }),
        note: None,
        batch: Some(BatchSnap {
            amount_per_code: v.amount,
            sats_per_code,
            code_count: count,
            expires_at: v.expires_at.map(|t| t.unix()),
            revoked: v.revoked,
            revoked_at: v.revoked_at.map(|t| t.unix()),
            giver: nonempty(&v.from),
            static_url: nonempty(&v.voucher_static_url),
            codes,
        }),
        revoked_at: None,
    }
}

fn payment(p: &Payment) -> Snapshot {
    let d = &p.details;
    let f = p.figures();
    let status = payment_status(&d.status);
    let counterparty = nonempty(&d.receiver_ninjatag)
        .map(|t| (t, CounterpartyKind::Ninjatag))
        .or_else(|| nonempty(&d.customer_name).map(|n| (n, CounterpartyKind::Name)));
    Snapshot {
        kind: Kind::Payment,
        tid: p.tid.to_string(),
        direction: Some(match f.direction {
            ninjapay::Direction::In => Direction::In,
            ninjapay::Direction::Out => Direction::Out,
        }),
        title: nonempty(&d.description).or_else(|| nonempty(&d.order_id)),
        counterparty,
        asset: Some("BTC".to_owned()),
        amount: f.amount,
        fiat: fiat_of(&d.fiat_currency, d.fiat_value),
        status,
        raw_status: Some(d.status.as_str().to_owned()),
        created_at: d.created_at.map(|t| t.unix()),
        completed_at: None,
        raw: to_json(p),
        state: json!({
            "status": status,
            "raw": d.status.as_str(),
            "amount": f.amount.map(|a| a.to_string()),
            "webhook": d.callback_status,
        }),
        note: None,
        batch: None,
        revoked_at: None,
    }
}

fn sent(receipt: &SendReceipt, request: &SendRequest) -> Snapshot {
    let mut s = Snapshot::bare(Kind::Payment, receipt.tid.to_string(), Status::Pending);
    s.direction = Some(Direction::Out);
    s.title = nonempty(&request.description).or_else(|| nonempty(&request.order_id));
    s.counterparty = nonempty(&request.ninjatag)
        .map(|t| (t, CounterpartyKind::Ninjatag))
        .or_else(|| nonempty(&request.customer_name).map(|n| (n, CounterpartyKind::Name)));
    s.asset = Some("BTC".to_owned());
    s.amount = request.amount.map(|a| a.abs());
    s.fiat = fiat_of(&request.fiat_currency, request.fiat_value);
    s.raw_status = nonempty(&receipt.message);
    s.raw = to_json(&json!({ "receipt": receipt, "request": request }));
    s.state = json!({ "status": Status::Pending, "raw": s.raw_status });
    s
}

fn quote_invoice(q: &QuoteInvoice, status: Status, raw_status: Option<String>) -> Snapshot {
    let mut s = Snapshot::bare(Kind::Quote, q.tid.to_string(), status);
    s.direction = Some(Direction::Out);
    s.counterparty = nonempty(&q.receiver_upi_id)
        .map(|u| (u, CounterpartyKind::Upi))
        .or_else(|| nonempty(&q.receiver_ninjatag).map(|t| (t, CounterpartyKind::Ninjatag)));
    s.asset = nonempty(&q.sending_asset).map(|a| a.to_ascii_uppercase());
    s.amount = q.sending_asset_amount.map(|a| a.abs());
    s.fiat = q.fiat_amount.map(|a| ("INR".to_owned(), a));
    s.raw_status = raw_status;
    s.raw = to_json(q);
    s.state = json!({ "status": status, "raw": s.raw_status });
    s
}

fn quote(q: &Quote) -> Snapshot {
    let status = quote_status(&q.status);
    let mut s = quote_invoice(&q.invoice, status, Some(q.status.as_str().to_owned()));
    s.created_at = q.created_at.map(|t| t.unix());
    // Only a time Ninjapay stated; otherwise the merge uses the first time it was seen final.
    s.completed_at = if status.is_final() {
        loose_time(&q.transaction_time)
    } else {
        None
    };
    s.raw = to_json(q);
    s
}

fn token(t: &TokenDetail) -> Result<Snapshot> {
    let tid = t
        .token
        .as_ref()
        .or(t.tid.as_ref())
        .ok_or_else(|| Error::invalid("A widget token record came without a token or tid."))?;
    let d = &t.details;
    let status = payment_status(&d.status);
    let direction = match (&t.widget_mode, d.amount) {
        (Some(WidgetMode::Offramp), _) => Direction::Out,
        (_, Some(a)) if a.is_sign_negative() && !a.is_zero() => Direction::Out,
        _ => Direction::In,
    };
    let mut s = Snapshot::bare(Kind::Token, tid.to_string(), status);
    s.direction = Some(direction);
    s.title = nonempty(&d.description).or_else(|| nonempty(&d.order_id));
    s.counterparty = nonempty(&d.receiver_ninjatag).map(|t| (t, CounterpartyKind::Ninjatag));
    s.asset = Some("BTC".to_owned());
    s.amount = d.amount.map(|a| a.abs());
    s.fiat = fiat_of(&d.fiat_currency, d.fiat_value);
    s.raw_status = Some(d.status.as_str().to_owned());
    s.created_at = d.created_at.map(|t| t.unix());
    s.raw = to_json(t);
    s.state = json!({ "status": status, "raw": d.status.as_str(), "webhook": d.callback_status });
    Ok(s)
}

fn token_created(c: &TokenCreated, r: Option<&TokenRequest>) -> Snapshot {
    let mut s = Snapshot::bare(Kind::Token, c.token.to_string(), Status::Pending);
    if let Some(r) = r {
        s.direction = Some(if r.widget_mode.eq_ignore_ascii_case("offramp") {
            Direction::Out
        } else {
            Direction::In
        });
        s.asset = Some("BTC".to_owned());
        s.amount = Some(r.amount.abs());
        s.title = nonempty(&r.order_id);
    }
    s.raw = to_json(&json!({ "created": c, "request": r }));
    s
}

fn order(o: &Order) -> Snapshot {
    let state = o.state();
    let status = match state {
        OrderState::Open => Status::Open,
        OrderState::PartiallyFilled => Status::PartiallyFilled,
        OrderState::Filled => Status::Filled,
        OrderState::Revoked => Status::Revoked,
    };
    let mut s = Snapshot::bare(Kind::Order, o.tid.to_string(), status);
    s.direction = Some(match o.order_type {
        ninjapay::OrderType::Sell => Direction::Out,
        _ => Direction::In,
    });
    s.title = nonempty(&o.note).or_else(|| {
        Some(format!(
            "{} {}",
            o.order_type,
            o.asset.as_deref().unwrap_or("")
        ))
        .map(|t| t.trim().to_owned())
    });
    s.counterparty = nonempty(&o.receiver_email).map(|e| (e, CounterpartyKind::Email));
    s.asset = nonempty(&o.asset).map(|a| a.to_ascii_uppercase());
    s.amount = o.amount.map(|a| a.abs());
    s.raw_status = Some(
        match state {
            OrderState::PartiallyFilled => format!(
                "partially filled ({}%)",
                o.filled_percent.unwrap_or_default().normalize()
            ),
            _ => status.as_str().to_owned(),
        }
        .replace('_', " "),
    );
    s.created_at = o.created_at.map(|t| t.unix());
    s.completed_at = match state {
        OrderState::Filled => o.executed_at.map(|t| t.unix()),
        OrderState::Revoked => o.revoked_at.map(|t| t.unix()),
        _ => None,
    };
    s.raw = to_json(o);
    s.state = json!({
        "status": status,
        "filled_percent": o.filled_percent.map(|p| p.normalize().to_string()),
        "executed_at": o.executed_at.map(|t| t.unix()),
        "revoked_at": o.revoked_at.map(|t| t.unix()),
    });
    s
}

fn revoked(kind: Kind, r: &Revocation, seen_at: i64) -> Snapshot {
    let mut s = Snapshot::bare(kind, r.tid.to_string(), Status::Revoked);
    let at = r.revoked_at.map(|t| t.unix());
    s.completed_at = at;
    s.raw_status = Some("revoked".to_owned());
    s.revoked_at = Some(match at {
        Some(t) => (t, false),
        None => (seen_at, true),
    });
    s.state = json!({ "status": Status::Revoked, "revoked_at": at });
    s
}

impl Seen<'_> {
    pub(crate) fn snapshot(&self, seen_at: i64) -> Result<Snapshot> {
        Ok(match *self {
            Seen::Voucher(v) => voucher(v, seen_at),
            Seen::VoucherRevoked(r) => revoked(Kind::Voucher, r, seen_at),
            Seen::Payment(p) => payment(p),
            Seen::Sent { receipt, request } => sent(receipt, request),
            Seen::QuoteInvoice(q) => quote_invoice(q, Status::Pending, None),
            Seen::Quote(q) => quote(q),
            Seen::TokenCreated { created, request } => token_created(created, request),
            Seen::Token(t) => token(t)?,
            Seen::Order(o) => order(o),
            Seen::OrderRevoked(r) => revoked(Kind::Order, r, seen_at),
        })
    }
}

struct Existing {
    direction: Option<String>,
    title: Option<String>,
    counterparty: Option<String>,
    counterparty_kind: Option<String>,
    asset: Option<String>,
    amount: Option<String>,
    fiat_currency: Option<String>,
    fiat_amount: Option<String>,
    status: String,
    raw_status: Option<String>,
    created_at: i64,
    completed_at: Option<i64>,
    first_seen_at: i64,
    last_checked_at: i64,
    origin: String,
}

/// Files one snapshot under `account_id`. Runs inside the caller's transaction.
pub(crate) fn write(
    tx: &Transaction<'_>,
    account_id: i64,
    seen_at: i64,
    origin: Origin,
    snap: Snapshot,
) -> Result<Observed> {
    let old = tx
        .prepare_cached(
            "SELECT direction, title, counterparty, counterparty_kind, asset, amount,
                    fiat_currency, fiat_amount, status, raw_status, created_at, completed_at,
                    first_seen_at, last_checked_at, origin
             FROM records WHERE account_id = ?1 AND kind = ?2 AND tid = ?3",
        )?
        .query_row(params![account_id, snap.kind, snap.tid], |r| {
            Ok(Existing {
                direction: r.get(0)?,
                title: r.get(1)?,
                counterparty: r.get(2)?,
                counterparty_kind: r.get(3)?,
                asset: r.get(4)?,
                amount: r.get(5)?,
                fiat_currency: r.get(6)?,
                fiat_amount: r.get(7)?,
                status: r.get(8)?,
                raw_status: r.get(9)?,
                created_at: r.get(10)?,
                completed_at: r.get(11)?,
                first_seen_at: r.get(12)?,
                last_checked_at: r.get(13)?,
                origin: r.get(14)?,
            })
        })
        .optional()?;

    // Newer (or as new) than anything seen before: its state becomes the record's state.
    // Older (an import of something already known): it only fills blanks.
    let newer = old.as_ref().is_none_or(|o| seen_at >= o.last_checked_at);
    fn pick<T>(newer: bool, new: Option<T>, old: Option<T>) -> Option<T> {
        if newer {
            new.or(old)
        } else {
            old.or(new)
        }
    }
    let o = old.as_ref();
    let direction = pick(
        newer,
        snap.direction.map(|d| d.as_str().to_owned()),
        o.and_then(|o| o.direction.clone()),
    );
    let title = pick(newer, snap.title.clone(), o.and_then(|o| o.title.clone()));
    let (cp, cp_kind) = match pick(
        newer,
        snap.counterparty
            .clone()
            .map(|(c, k)| (c, k.as_str().to_owned())),
        o.and_then(|o| Some((o.counterparty.clone()?, o.counterparty_kind.clone()?))),
    ) {
        Some((c, k)) => (Some(c), Some(k)),
        None => (None, None),
    };
    let (asset, amount) = match pick(
        newer,
        snap.amount.map(|a| (snap.asset.clone(), a.to_string())),
        o.and_then(|o| Some((o.asset.clone(), o.amount.clone()?))),
    ) {
        Some((asset, amount)) => (
            asset.or_else(|| o.and_then(|o| o.asset.clone())),
            Some(amount),
        ),
        None => (
            snap.asset
                .clone()
                .or_else(|| o.and_then(|o| o.asset.clone())),
            None,
        ),
    };
    let sats = match (&asset, &amount) {
        (Some(a), Some(v)) if a == "BTC" => v.parse::<Decimal>().ok().and_then(btc_to_sats),
        _ => None,
    };
    let fiat = pick(
        newer,
        snap.fiat.clone().map(|(c, v)| (c, v.to_string())),
        o.and_then(|o| Some((o.fiat_currency.clone()?, o.fiat_amount.clone()?))),
    );
    let fiat_minor = fiat
        .as_ref()
        .and_then(|(_, v)| v.parse::<Decimal>().ok())
        .and_then(to_minor_2);
    // Unknown (an import that kept no state) never hides a known status.
    let old_status = o.and_then(|o| Status::parse(&o.status).ok());
    let (status, raw_status) = match old_status {
        Some(os) if !newer || (snap.status == Status::Unknown && snap.raw_status.is_none()) => {
            (os, o.and_then(|o| o.raw_status.clone()))
        }
        _ => (
            snap.status,
            snap.raw_status
                .clone()
                .or_else(|| o.and_then(|o| o.raw_status.clone())),
        ),
    };
    let created_at = snap
        .created_at
        .or(o.map(|o| o.created_at))
        .unwrap_or(seen_at);
    let completed_at = snap
        .completed_at
        .or(o.and_then(|o| o.completed_at))
        .or_else(|| status.is_final().then_some(seen_at));
    let first_seen_at = o.map_or(seen_at, |o| o.first_seen_at.min(seen_at));
    let last_checked_at = o.map_or(seen_at, |o| o.last_checked_at.max(seen_at));
    let rec_origin = match o {
        Some(o) if o.first_seen_at <= seen_at => o.origin.clone(),
        _ => origin.as_str().to_owned(),
    };
    let search = search_text(&snap.tid, title.as_deref(), cp.as_deref());
    let (fiat_currency, fiat_amount) = match fiat {
        Some((c, v)) => (Some(c), Some(v)),
        None => (None, None),
    };

    // One statement for new and known records: the merge above already chose every value.
    let record_id: i64 = tx
        .prepare_cached(
            "INSERT INTO records (account_id, kind, tid, direction, title, counterparty,
                counterparty_kind, asset, amount, sats, fiat_currency, fiat_amount,
                fiat_minor, status, raw_status, is_final, created_at, completed_at,
                first_seen_at, last_checked_at, origin, search)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                     ?16, ?17, ?18, ?19, ?20, ?21, ?22)
             ON CONFLICT (account_id, kind, tid) DO UPDATE SET
                direction = excluded.direction, title = excluded.title,
                counterparty = excluded.counterparty,
                counterparty_kind = excluded.counterparty_kind, asset = excluded.asset,
                amount = excluded.amount, sats = excluded.sats,
                fiat_currency = excluded.fiat_currency, fiat_amount = excluded.fiat_amount,
                fiat_minor = excluded.fiat_minor, status = excluded.status,
                raw_status = excluded.raw_status, is_final = excluded.is_final,
                created_at = excluded.created_at, completed_at = excluded.completed_at,
                first_seen_at = excluded.first_seen_at,
                last_checked_at = excluded.last_checked_at, origin = excluded.origin,
                search = excluded.search
             RETURNING id",
        )?
        .query_row(
            params![
                account_id,
                snap.kind,
                snap.tid,
                direction,
                title,
                cp,
                cp_kind,
                asset,
                amount,
                sats,
                fiat_currency,
                fiat_amount,
                fiat_minor,
                status,
                raw_status,
                status.is_final(),
                created_at,
                completed_at,
                first_seen_at,
                last_checked_at,
                rec_origin,
                search
            ],
            |row| row.get(0),
        )?;
    if let Some(raw) = &snap.raw {
        if newer {
            tx.prepare_cached(
                "INSERT INTO record_data (record_id, json) VALUES (?1, ?2)
                 ON CONFLICT(record_id) DO UPDATE SET json = excluded.json",
            )?
            .execute(params![record_id, raw])?;
        } else {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO record_data (record_id, json) VALUES (?1, ?2)",
            )?
            .execute(params![record_id, raw])?;
        }
    }

    let mut note = snap.note.clone();
    if let Some(batch) = &snap.batch {
        let changes = write_batch(tx, record_id, seen_at, batch)?;
        if !changes.is_empty() {
            let n = note.get_or_insert_with(|| json!({}));
            if let Some(obj) = n.as_object_mut() {
                obj.extend(changes);
            }
        }
    }
    if let Some((at, estimated)) = snap.revoked_at {
        tx.prepare_cached(
            "UPDATE voucher_batches SET revoked_at = ?2, revoked_at_estimated = ?3
             WHERE record_id = ?1 AND (revoked_at IS NULL OR (revoked_at_estimated AND NOT ?3))",
        )?
        .execute(params![record_id, at, estimated])?;
    }

    let state = snap.state.to_string();
    let last: Option<String> = tx
        .prepare_cached(
            "SELECT state FROM observations WHERE record_id = ?1 AND seen_at <= ?2
             ORDER BY seen_at DESC, id DESC LIMIT 1",
        )?
        .query_row(params![record_id, seen_at], |r| r.get(0))
        .optional()?;
    let changed = last.as_deref() != Some(state.as_str()) || note.is_some();
    if changed {
        tx.prepare_cached(
            "INSERT INTO observations (record_id, seen_at, origin, status, raw_status, state, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            record_id,
            seen_at,
            origin,
            snap.status,
            snap.raw_status,
            state,
            note.map(|n| n.to_string())
        ])?;
    }
    Ok(Observed {
        record_id,
        kind: snap.kind,
        tid: snap.tid,
        status,
        new_record: old.is_none(),
        changed,
    })
}

struct StoredCode {
    redeemed_at: Option<i64>,
    estimated: bool,
    callback_status: Option<i64>,
}

/// Upserts a batch and its codes; returns what changed (for the observation's note): how many
/// codes were first seen redeemed, and each changed webhook answer.
fn write_batch(
    tx: &Transaction<'_>,
    record_id: i64,
    seen_at: i64,
    b: &BatchSnap,
) -> Result<serde_json::Map<String, Value>> {
    let old: Option<(Option<i64>, bool)> = tx
        .prepare_cached(
            "SELECT revoked_at, revoked_at_estimated FROM voucher_batches WHERE record_id = ?1",
        )?
        .query_row([record_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let old_revoked = old.and_then(|(at, est)| at.map(|a| (a, est)));
    // A revocation is permanent: once known it stays, with Ninjapay's time when it gives one.
    let revoked = match (b.revoked, b.revoked_at, old_revoked) {
        (true, Some(t), _) => Some((t, false)),
        (true, None, Some(o)) => Some(o),
        (true, None, None) => Some((seen_at, true)),
        (false, _, o) => o,
    };
    tx.prepare_cached(
        "INSERT INTO voucher_batches (record_id, amount_per_code, sats_per_code, code_count,
            expires_at, revoked_at, revoked_at_estimated, giver, static_url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(record_id) DO UPDATE SET amount_per_code = excluded.amount_per_code,
            sats_per_code = excluded.sats_per_code, code_count = excluded.code_count,
            expires_at = coalesce(excluded.expires_at, expires_at),
            revoked_at = excluded.revoked_at, revoked_at_estimated = excluded.revoked_at_estimated,
            giver = coalesce(excluded.giver, giver),
            static_url = coalesce(excluded.static_url, static_url)",
    )?
    .execute(params![
        record_id,
        b.amount_per_code.to_string(),
        b.sats_per_code,
        b.code_count,
        b.expires_at,
        revoked.map(|r| r.0),
        revoked.is_some_and(|r| r.1),
        b.giver,
        b.static_url
    ])?;

    let mut stored: HashMap<String, StoredCode> = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "SELECT code, redeemed_at, redeemed_at_estimated, callback_status
             FROM voucher_codes WHERE batch_id = ?1",
        )?;
        let rows = st.query_map([record_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                StoredCode {
                    redeemed_at: r.get(1)?,
                    estimated: r.get(2)?,
                    callback_status: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (code, s) = row?;
            stored.insert(code, s);
        }
    }
    let mut redeemed = 0u64;
    let mut webhooks = Vec::new();
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO voucher_codes (batch_id, code, position, url, sats, redeemed_by,
            redeemed_tid, redeemed_at, redeemed_at_estimated, redeem_seen_at, callback_status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut redeem = tx.prepare_cached(
        "UPDATE voucher_codes SET redeemed_by = coalesce(?3, redeemed_by),
            redeemed_tid = coalesce(?4, redeemed_tid), redeemed_at = ?5,
            redeemed_at_estimated = ?6, redeem_seen_at = coalesce(redeem_seen_at, ?7),
            callback_status = coalesce(?8, callback_status)
         WHERE batch_id = ?1 AND code = ?2",
    )?;
    let mut webhook = tx.prepare_cached(
        "UPDATE voucher_codes SET callback_status = ?3 WHERE batch_id = ?1 AND code = ?2",
    )?;
    for c in &b.codes {
        let at = c.redeemed.then(|| c.redeemed_at.unwrap_or(seen_at));
        let estimated = c.redeemed && c.redeemed_at.is_none();
        match stored.get(&c.code) {
            None => {
                insert.execute(params![
                    record_id,
                    c.code,
                    c.position,
                    c.url,
                    b.sats_per_code,
                    c.redeemed_by,
                    c.redeemed_tid,
                    at,
                    estimated,
                    c.redeemed.then_some(seen_at),
                    c.callback_status
                ])?;
                stored.insert(
                    c.code.clone(),
                    StoredCode {
                        redeemed_at: at,
                        estimated,
                        callback_status: c.callback_status,
                    },
                );
                if c.redeemed {
                    redeemed += 1;
                }
            }
            Some(s) => {
                let first_redeem = c.redeemed && s.redeemed_at.is_none();
                // Ninjapay's own time replaces an estimate; a recorded redeem is otherwise
                // never rewritten (nor undone by a later answer that lacks it).
                let better_time = c.redeemed_at.is_some() && s.estimated;
                if first_redeem || better_time {
                    redeem.execute(params![
                        record_id,
                        c.code,
                        c.redeemed_by,
                        c.redeemed_tid,
                        at,
                        estimated,
                        seen_at,
                        c.callback_status
                    ])?;
                    if first_redeem {
                        redeemed += 1;
                    }
                } else if c.callback_status.is_some() && c.callback_status != s.callback_status {
                    webhook.execute(params![record_id, c.code, c.callback_status])?;
                    webhooks.push(json!({ "code": c.code, "status": c.callback_status }));
                }
            }
        }
    }
    let mut changes = serde_json::Map::new();
    if redeemed > 0 {
        // Which ones: the codes whose `redeem_seen_at` is this observation's time.
        changes.insert("newly_redeemed".into(), Value::from(redeemed));
    }
    if !webhooks.is_empty() {
        changes.insert("webhooks".into(), Value::Array(webhooks));
    }
    Ok(changes)
}
