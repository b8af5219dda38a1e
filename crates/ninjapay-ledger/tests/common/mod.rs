//! Builders for client answers, as Ninjapay sends them (through the client's own decoders).
#![allow(dead_code)]

use ninjapay::{Account, Order, Payment, Quote, QuoteInvoice, Voucher};
use serde_json::{json, Value};

pub fn de<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

pub fn live() -> Account {
    Account::live("https://api.ninjapay.me", "https://prod.ninjapay.me")
}

pub fn other_live() -> Account {
    Account::live(
        "https://api.example-ninjapay.test",
        "https://prod.example-ninjapay.test",
    )
}

/// A code: `(code, redeemed_at)`; redeemed codes get a redeemer and a tid.
pub fn code(code: &str, redeemed_at: Option<i64>) -> Value {
    match redeemed_at {
        Some(at) => json!({
            "voucher_url": format!("https://www.ninjapay.me/voucher/redeem/{code}"),
            "voucher_code": code, "redeemed_by": format!("fan_{code}"),
            "redeemed_tid": 128660213994u64, "redeemed_at": at, "callback_status": 201
        }),
        None => json!({
            "voucher_url": format!("https://www.ninjapay.me/voucher/redeem/{code}"),
            "voucher_code": code
        }),
    }
}

pub struct Batch<'a> {
    pub tid: &'a str,
    pub amount: &'a str,
    pub created: i64,
    pub expires: Option<i64>,
    pub revoked_at: Option<i64>,
    pub codes: Vec<Value>,
    pub title: &'a str,
}

impl Batch<'_> {
    pub fn voucher(&self) -> Voucher {
        de(json!({
            "tid": self.tid, "amount": self.amount,
            "title": self.title, "created_at": self.created, "expires_at": self.expires,
            "voucher_count": self.codes.len(), "voucher_urls": self.codes,
            "revoked": self.revoked_at.is_some(), "revoked_at": self.revoked_at
        }))
    }
}

/// `n` codes named `{prefix}{i}`, the first `redeemed.len()` redeemed at those times.
pub fn codes(prefix: &str, n: usize, redeemed: &[i64]) -> Vec<Value> {
    (0..n)
        .map(|i| code(&format!("{prefix}{i:02}"), redeemed.get(i).copied()))
        .collect()
}

pub fn payment(tid: &str, amount: &str, status: &str, created: i64, extra: Value) -> Payment {
    let mut v = json!({"tid": tid, "amount": amount, "status": status, "created_at": created,
                       "payment_mode": "lightning", "wallet": "lbtc"});
    v.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    de(v)
}

pub fn quote(tid: u64, status: &str, created: i64, inr: &str, btc: &str, upi: &str) -> Quote {
    de(json!({
        "tid": tid, "status": status, "created_at": created, "sending_asset": "btc",
        "sending_asset_amount": btc, "fiat_amount": inr, "receiver_upi_id": upi,
        "payment_method": "upi", "refund_wallet": "lbtc"
    }))
}

pub fn quote_invoice(
    tid: u64,
    inr: &str,
    amount: &str,
    asset: &str,
    ninjatag: &str,
) -> QuoteInvoice {
    de(json!({
        "tid": tid, "sending_asset": asset, "sending_asset_amount": amount,
        "fiat_amount": inr, "receiver_ninjatag": ninjatag, "expires_at": 1_714_999_999
    }))
}

pub fn order(tid: &str, extra: Value) -> Order {
    let mut v = json!({"tid": tid, "type": "buy", "asset": "BTC", "amount": "0.01",
                       "created_at": 1_714_900_000});
    v.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    de(v)
}
