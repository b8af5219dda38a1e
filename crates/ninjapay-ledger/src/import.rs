//! Importing what the app kept before the ledger, once: the UI's recent-activity list
//! (`localStorage["ninjapay-desk.recent"]`: `[{kind, tid, label, action, at}]`, no amounts, no
//! account) and the watcher's store (`watches.json`, `ninjapay_watch::StoreFile` version 1).
//! Each import runs in one transaction with its marker row, under a key: it happens once, and
//! a failed one leaves nothing behind and runs again next time.

use ninjapay::{Account, Decimal};
use rusqlite::Transaction;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::accounts::active_id;
use crate::error::{Error, Result};
use crate::model::{Kind, Origin, Status};
use crate::observe::{write, Observed, Seen, Snapshot};

/// One thing to import when no client answer is at hand: what it is, when it was seen, and
/// whatever was kept about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    /// What it is.
    pub kind: Kind,
    /// Its tid.
    pub tid: String,
    /// A label (description or title) as kept.
    pub label: Option<String>,
    /// What the app did with it then (`created`, `looked up`, `watched`).
    pub action: Option<String>,
    /// When (Unix seconds).
    pub at: i64,
    /// When it was created, if known.
    pub created_at: Option<i64>,
    /// Its status as kept (`Unknown` when nothing was kept).
    pub status: Status,
    /// The server's word for it, as kept.
    pub raw_status: Option<String>,
    /// The amount and its asset (`BTC`, `USDT`, …).
    pub amount: Option<(String, Decimal)>,
    /// The fiat side (`INR`, …).
    pub fiat: Option<(String, Decimal)>,
    /// The entry as it was kept, for the record's data.
    pub raw: Option<Value>,
}

/// Files things inside an import's transaction.
#[derive(Debug)]
pub struct Importer<'c> {
    pub(crate) tx: &'c Transaction<'c>,
    pub(crate) items: u64,
}

impl Importer<'_> {
    /// Files a client answer kept from before (origin: imported).
    pub fn observe(&mut self, account: &Account, seen_at: i64, seen: Seen<'_>) -> Result<Observed> {
        let id = active_id(self.tx, account, seen_at)?;
        let snap = seen.snapshot(seen_at)?;
        self.items += 1;
        write(self.tx, id, seen_at, Origin::Imported, snap)
    }

    /// Files one kept item.
    pub fn item(&mut self, account: &Account, item: &ImportItem) -> Result<Observed> {
        let id = active_id(self.tx, account, item.at)?;
        let mut s = Snapshot::bare(item.kind, item.tid.clone(), item.status);
        s.title = item.label.clone().filter(|l| !l.trim().is_empty());
        s.raw_status = item.raw_status.clone();
        if let Some((asset, amount)) = &item.amount {
            s.asset = Some(asset.to_ascii_uppercase());
            s.amount = Some(amount.abs());
        }
        s.fiat = item.fiat.clone().map(|(c, v)| (c.to_ascii_uppercase(), v));
        s.created_at = item.created_at;
        s.raw = item.raw.as_ref().map(Value::to_string);
        s.state = json!({ "status": item.status, "raw": item.raw_status });
        s.note = Some(json!({ "action": item.action, "label": item.label }));
        self.items += 1;
        write(self.tx, id, item.at, Origin::Imported, s)
    }

    /// Imports the UI's recent-activity list (a JSON array). Entries carry no account: they
    /// are filed under `account` (the one active when the list was kept). Entries of an
    /// unknown kind or without a tid are skipped; returns how many were filed.
    pub fn recent_activity(&mut self, account: &Account, json: &str) -> Result<u64> {
        #[derive(Deserialize)]
        struct Entry {
            kind: Option<String>,
            tid: Option<Value>,
            label: Option<String>,
            action: Option<String>,
            at: Option<Value>,
        }
        let entries: Vec<Value> = serde_json::from_str(json).map_err(|e| {
            Error::invalid(format!("The recent-activity list is not readable: {e}"))
        })?;
        let now = now_unix();
        let mut n = 0;
        for raw in entries {
            let Ok(e) = serde_json::from_value::<Entry>(raw.clone()) else {
                continue;
            };
            let (Some(kind), Some(tid)) = (
                e.kind.as_deref().and_then(|k| Kind::parse(k).ok()),
                e.tid.as_ref().and_then(text_of),
            ) else {
                continue;
            };
            let at =
                e.at.as_ref()
                    .and_then(text_of)
                    .and_then(|t| t.parse::<f64>().ok())
                    .map(|ms| (ms / 1000.0) as i64)
                    .filter(|&s| s > 0)
                    .unwrap_or(now);
            self.item(
                account,
                &ImportItem {
                    kind,
                    tid,
                    label: e.label,
                    action: e.action,
                    at,
                    created_at: None,
                    status: Status::Unknown,
                    raw_status: None,
                    amount: None,
                    fiat: None,
                    raw: Some(raw),
                },
            )?;
            n += 1;
        }
        Ok(n)
    }

    /// Imports the watcher's store file (`watches.json`). A watch without an account (a file
    /// from before watches had one) is filed under `fallback`. Returns how many were filed.
    pub fn watch_store(&mut self, fallback: &Account, json: &str) -> Result<u64> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Money {
            value: String,
            currency: String,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Watch {
            #[serde(default)]
            account: Option<Account>,
            kind: String,
            tid: Value,
            started_at: i64,
            #[serde(default)]
            last_checked_at: Option<i64>,
            status: String,
            #[serde(default)]
            raw_status: Option<String>,
            #[serde(default)]
            amount: Option<Money>,
            #[serde(default)]
            fiat: Option<Money>,
            #[serde(default)]
            label: Option<String>,
        }
        let file: Value = serde_json::from_str(json)
            .map_err(|e| Error::invalid(format!("The watch store is not readable: {e}")))?;
        let watches = file
            .get("watches")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut n = 0;
        for raw in watches {
            let Ok(w) = serde_json::from_value::<Watch>(raw.clone()) else {
                continue;
            };
            let (Ok(kind), Some(tid)) = (Kind::parse(&w.kind), text_of(&w.tid)) else {
                continue;
            };
            let status = watch_status(kind, &w.status);
            let money = |m: Option<Money>| {
                m.and_then(|m| Some((m.currency, m.value.parse::<Decimal>().ok()?)))
            };
            let account = w.account.clone().unwrap_or_else(|| fallback.clone());
            self.item(
                &account,
                &ImportItem {
                    kind,
                    tid,
                    label: w.label,
                    action: Some("watched".to_owned()),
                    at: w.last_checked_at.unwrap_or(w.started_at) / 1000,
                    created_at: Some(w.started_at / 1000),
                    status,
                    raw_status: w.raw_status,
                    amount: money(w.amount),
                    fiat: money(w.fiat),
                    raw: Some(raw),
                },
            )?;
            n += 1;
        }
        Ok(n)
    }
}

/// A watch's status (`ninjapay_watch::WatchStatus`, camelCase) as a ledger status.
fn watch_status(kind: Kind, text: &str) -> Status {
    let waiting = match kind {
        Kind::Voucher | Kind::Order => Status::Open,
        _ => Status::Pending,
    };
    match text {
        "pending" | "stillPending" => waiting,
        "paid" => Status::Paid,
        "declined" => Status::Declined,
        "success" => Status::Success,
        "failed" => Status::Failed,
        "expired" => Status::Expired,
        "refunded" => Status::Refunded,
        "redeemed" => Status::Redeemed,
        "revoked" => Status::Revoked,
        "filled" => Status::Filled,
        _ => Status::Unknown,
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
