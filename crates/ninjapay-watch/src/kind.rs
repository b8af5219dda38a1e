//! What can be watched ([`WatchKind`], [`WatchRequest`]), and how each kind's answer is read
//! into one [`Observation`]: a status, whether it is final, and what and how much it is about.
//! A request made from a fresh record reads it with the same `observe_*` function a check uses.

use ninjapay::{
    Account, Decimal, Order, OrderState, Payment, PaymentStatus, Quote, QuoteInvoice, QuoteStatus,
    Tid, TokenCreated, TokenDetail, Voucher, VoucherState,
};
use serde::{Deserialize, Serialize};

/// Something that can be watched, with the endpoint that checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WatchKind {
    /// A Lightning payment (Check Payment); can also be settled from one Transactions call.
    Payment,
    /// A widget token (Check Token, prod host).
    Token,
    /// A fiat-bridge quote (Check Quote, prod host).
    Quote,
    /// A withdraw-voucher batch (Check Voucher): until every code is redeemed, or it is
    /// revoked or expired.
    Voucher,
    /// A spot-trade order (Check Order): until filled or revoked.
    Order,
}

impl WatchKind {
    /// Every kind.
    pub const ALL: [WatchKind; 5] = [
        WatchKind::Payment,
        WatchKind::Token,
        WatchKind::Quote,
        WatchKind::Voucher,
        WatchKind::Order,
    ];

    /// The endpoint a check calls.
    pub fn endpoint(self) -> &'static ninjapay::endpoints::Endpoint {
        use ninjapay::endpoints as ep;
        match self {
            WatchKind::Payment => &ep::CHECK_PAYMENT,
            WatchKind::Token => &ep::CHECK_TOKEN,
            WatchKind::Quote => &ep::CHECK_QUOTE,
            WatchKind::Voucher => &ep::CHECK_VOUCHER,
            WatchKind::Order => &ep::CHECK_ORDER,
        }
    }

    /// A person's name for it ("Payment", "Voucher batch", …).
    pub fn label(self) -> &'static str {
        match self {
            WatchKind::Payment => "Payment",
            WatchKind::Token => "Widget token",
            WatchKind::Quote => "Bridge quote",
            WatchKind::Voucher => "Voucher batch",
            WatchKind::Order => "Order",
        }
    }
}

/// Where a watched item stands, across all kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WatchStatus {
    /// Not checked yet, or not final yet.
    Pending,
    /// Payment or token paid.
    Paid,
    /// Payment or token declined.
    Declined,
    /// Quote delivered (INR sent).
    Success,
    /// Quote failed.
    Failed,
    /// Invoice, quote or voucher batch expired.
    Expired,
    /// Quote refunded.
    Refunded,
    /// Every voucher code redeemed.
    Redeemed,
    /// Voucher batch or order revoked.
    Revoked,
    /// Order completely filled.
    Filled,
    /// No final state within the 10 minutes: "still pending" (Check now / Watch again).
    StillPending,
    /// Ended by an error that checking again cannot fix (401, 403, 404, bad request).
    Error,
    /// Stopped by the user.
    Stopped,
}

impl WatchStatus {
    /// Words for a notification.
    pub fn words(self) -> &'static str {
        match self {
            WatchStatus::Pending => "pending",
            WatchStatus::Paid => "paid",
            WatchStatus::Declined => "declined",
            WatchStatus::Success => "completed",
            WatchStatus::Failed => "failed",
            WatchStatus::Expired => "expired",
            WatchStatus::Refunded => "refunded",
            WatchStatus::Redeemed => "fully redeemed",
            WatchStatus::Revoked => "revoked",
            WatchStatus::Filled => "filled",
            WatchStatus::StillPending => "still pending after 10 minutes",
            WatchStatus::Error => "could not be checked",
            WatchStatus::Stopped => "no longer watched",
        }
    }
}

/// An amount with its unit (`BTC`, `INR`, an asset name, …), exact digits as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// The exact decimal text.
    pub value: String,
    /// `BTC`, `INR`, `USDT`, …
    pub currency: String,
}

impl Money {
    /// `value` in `currency`.
    pub fn new(value: Decimal, currency: &str) -> Money {
        Money {
            value: value.normalize().to_string(),
            currency: currency.to_ascii_uppercase(),
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// The status, across kinds.
    pub status: WatchStatus,
    /// The server's own status text (or a summary such as `3 of 5 redeemed`).
    pub raw_status: String,
    /// True when it will not change any more.
    pub is_final: bool,
    /// How much (BTC for payments, tokens and vouchers; the asset for orders and quotes).
    pub amount: Option<Money>,
    /// The fiat side, when there is one (INR for quotes, the payment's fiat value).
    pub fiat: Option<Money>,
    /// A description, title or order reference, for the notification.
    pub label: Option<String>,
}

/// After an invoice's `expires_at`, an unpaid payment is treated as expired once this grace
/// has passed (a payment in flight at the deadline still gets seen).
pub const INVOICE_EXPIRY_GRACE_SECS: i64 = 60;

fn payment_like(
    status: &PaymentStatus,
    details: &ninjapay::PaymentDetails,
    now_unix: i64,
) -> Observation {
    let mut st = match status {
        PaymentStatus::Paid => WatchStatus::Paid,
        PaymentStatus::Declined => WatchStatus::Declined,
        PaymentStatus::Expired => WatchStatus::Expired,
        _ => WatchStatus::Pending,
    };
    let expired_invoice = details
        .lightning_invoice
        .as_ref()
        .and_then(|i| i.expires_at)
        .is_some_and(|t| t.unix() + INVOICE_EXPIRY_GRACE_SECS < now_unix);
    if !status.is_final() && expired_invoice {
        st = WatchStatus::Expired;
    }
    Observation {
        status: st,
        raw_status: status.as_str().to_owned(),
        is_final: st != WatchStatus::Pending,
        amount: details.amount.map(|a| Money::new(a.abs(), "BTC")),
        fiat: match (details.fiat_value, &details.fiat_currency) {
            (Some(v), Some(c)) => Some(Money::new(v, c)),
            _ => None,
        },
        label: details
            .description
            .clone()
            .or_else(|| details.order_id.clone()),
    }
}

/// Reads a Lightning payment (Check Payment or a Transactions entry).
pub fn observe_payment(p: &Payment, now_unix: i64) -> Observation {
    payment_like(&p.details.status, &p.details, now_unix)
}

/// Reads a widget token's payment record.
pub fn observe_token(t: &TokenDetail, now_unix: i64) -> Observation {
    payment_like(&t.details.status, &t.details, now_unix)
}

/// A quote's amount, INR side and destination, from its invoice fields.
fn quote_terms(inv: &QuoteInvoice) -> (Option<Money>, Option<Money>, Option<String>) {
    (
        inv.sending_asset_amount
            .map(|a| Money::new(a, inv.sending_asset.as_deref().unwrap_or("BTC"))),
        inv.fiat_amount.map(|a| Money::new(a, "INR")),
        inv.receiver_upi_id
            .clone()
            .or_else(|| inv.receiver_ninjatag.clone())
            .map(|to| format!("to {to}")),
    )
}

/// Reads a bridge quote.
pub fn observe_quote(q: &Quote) -> Observation {
    let st = match &q.status {
        QuoteStatus::Success => WatchStatus::Success,
        QuoteStatus::Failed => WatchStatus::Failed,
        QuoteStatus::Expired => WatchStatus::Expired,
        QuoteStatus::Refunded => WatchStatus::Refunded,
        _ => WatchStatus::Pending,
    };
    let (amount, fiat, label) = quote_terms(&q.invoice);
    Observation {
        status: st,
        raw_status: q.status.as_str().to_owned(),
        is_final: q.status.is_final(),
        amount,
        fiat,
        label,
    }
}

/// Reads a voucher batch: final once revoked, fully redeemed, or past `expires_at`.
pub fn observe_voucher(v: &Voucher, now_unix: i64) -> Observation {
    // The batch's state is the client's rule (`Voucher::state`), not a copy of it.
    let st = match v.state(now_unix) {
        VoucherState::Revoked => WatchStatus::Revoked,
        VoucherState::FullyRedeemed => WatchStatus::Redeemed,
        VoucherState::Expired => WatchStatus::Expired,
        VoucherState::Open => WatchStatus::Pending,
    };
    Observation {
        status: st,
        raw_status: format!("{} of {} redeemed", v.redeemed_count(), v.count()),
        is_final: st != WatchStatus::Pending,
        amount: Some(Money::new(v.total_value(), "BTC")),
        fiat: None,
        label: v.title.clone(),
    }
}

/// Reads an order: final once filled or revoked.
pub fn observe_order(o: &Order) -> Observation {
    let state = o.state();
    let st = match state {
        OrderState::Filled => WatchStatus::Filled,
        OrderState::Revoked => WatchStatus::Revoked,
        _ => WatchStatus::Pending,
    };
    let raw = match state {
        OrderState::Open => "open".to_owned(),
        OrderState::PartiallyFilled => format!(
            "partially filled ({}%)",
            o.filled_percent.unwrap_or_default().normalize()
        ),
        OrderState::Filled => "filled".to_owned(),
        OrderState::Revoked => "revoked".to_owned(),
    };
    Observation {
        status: st,
        raw_status: raw,
        is_final: st != WatchStatus::Pending,
        amount: o
            .amount
            .map(|a| Money::new(a, o.asset.as_deref().unwrap_or("BTC"))),
        fiat: None,
        label: Some(format!(
            "{} {}",
            o.order_type,
            o.asset.as_deref().unwrap_or("")
        )),
    }
}

/// What to watch, and in which account: a watch is only ever checked against its own account
/// (Sandbox and Live never mix).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchRequest {
    /// The account the item was made in.
    pub account: Account,
    /// Which endpoint checks it.
    pub kind: WatchKind,
    /// Its tid (or token / quote id).
    pub tid: Tid,
    /// When it started (unix ms); `None` = now.
    #[serde(default)]
    pub started_at: Option<i64>,
    /// How much, for notifications before the first check.
    #[serde(default)]
    pub amount: Option<Money>,
    /// The fiat side.
    #[serde(default)]
    pub fiat: Option<Money>,
    /// A description or title.
    #[serde(default)]
    pub label: Option<String>,
}

impl WatchRequest {
    /// Watch `tid` in `account` as `kind`, starting now.
    pub fn new(account: Account, kind: WatchKind, tid: Tid) -> Self {
        WatchRequest {
            account,
            kind,
            tid,
            started_at: None,
            amount: None,
            fiat: None,
            label: None,
        }
    }

    /// What and how much, as a check would read it (for notifications before the first check).
    fn described(self, seen: Observation) -> Self {
        WatchRequest {
            amount: seen.amount,
            fiat: seen.fiat,
            label: seen.label,
            ..self
        }
    }

    /// After `receive`.
    pub fn payment(account: Account, p: &Payment) -> Self {
        // Only what and how much are kept, so the time given to the expiry rule is moot.
        Self::new(account, WatchKind::Payment, p.tid.clone()).described(observe_payment(p, 0))
    }

    /// After `request_quote`.
    pub fn quote(account: Account, q: &QuoteInvoice) -> Self {
        let (amount, fiat, label) = quote_terms(q);
        WatchRequest {
            amount,
            fiat,
            label,
            ..Self::new(account, WatchKind::Quote, q.tid.clone())
        }
    }

    /// After `request_token` (the answer says nothing more than the token).
    pub fn token(account: Account, t: &TokenCreated) -> Self {
        Self::new(account, WatchKind::Token, t.token.clone())
    }

    /// After `request_voucher`.
    pub fn voucher(account: Account, v: &Voucher) -> Self {
        Self::new(account, WatchKind::Voucher, v.tid.clone()).described(observe_voucher(v, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn de<T: serde::de::DeserializeOwned>(v: Value) -> T {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn payments_and_tokens() {
        let now = 1_000_000;
        let p = |status: &str, expires: i64| -> Payment {
            de(
                json!({"tid": "210N1", "status": status, "amount": "0.00050000",
                "fiat_value": "2500", "fiat_currency": "INR", "description": "Table 4",
                "lightning_invoice": {"expires_at": expires}}),
            )
        };
        let o = observe_payment(&p("pending", now + 600), now);
        assert_eq!((o.status, o.is_final), (WatchStatus::Pending, false));
        assert_eq!(o.amount, Some(Money::new("0.0005".parse().unwrap(), "btc")));
        assert_eq!(o.fiat.as_ref().unwrap().currency, "INR");
        for (s, st) in [
            ("paid", WatchStatus::Paid),
            ("declined", WatchStatus::Declined),
            ("expired", WatchStatus::Expired),
        ] {
            let o = observe_payment(&p(s, now + 600), now);
            assert_eq!((o.status, o.is_final, o.raw_status.as_str()), (st, true, s));
        }
        // An unpaid invoice past its expiry (and the grace) counts as expired.
        let o = observe_payment(&p("undefined", now - 61), now);
        assert_eq!((o.status, o.is_final), (WatchStatus::Expired, true));
        assert!(!observe_payment(&p("pending", now - 30), now).is_final);
        let t: TokenDetail =
            de(json!({"token": 21066027789u64, "status": "paid", "amount": 0.0001}));
        assert_eq!(observe_token(&t, now).status, WatchStatus::Paid);
        let t: TokenDetail = de(json!({"token": 21066027789u64, "status": "pending"}));
        assert!(!observe_token(&t, now).is_final);
    }

    #[test]
    fn quotes() {
        let q = |status: &str| -> Quote {
            de(
                json!({"tid": 21066027789u64, "status": status, "sending_asset": "btc",
                "sending_asset_amount": 0.0012, "fiat_amount": 5000, "receiver_upi_id": "shop@upi"}),
            )
        };
        assert!(!observe_quote(&q("pending")).is_final);
        for (s, st) in [
            ("success", WatchStatus::Success),
            ("Completed", WatchStatus::Success),
            ("failed", WatchStatus::Failed),
            ("expired", WatchStatus::Expired),
            ("refunded", WatchStatus::Refunded),
        ] {
            let o = observe_quote(&q(s));
            assert_eq!((o.status, o.is_final), (st, true), "{s}");
        }
        let o = observe_quote(&q("success"));
        assert_eq!(o.fiat, Some(Money::new(5000.into(), "INR")));
        assert_eq!(o.amount.unwrap().currency, "BTC");
    }

    #[test]
    fn vouchers_until_all_redeemed_revoked_or_expired() {
        let now = 1_000_000;
        let code = |redeemed: bool| {
            if redeemed {
                json!({"voucher_url": "https://www.ninjapay.me/voucher/redeem/AB", "voucher_code": "AB",
                    "redeemed_by": "alice", "redeemed_at": now - 5})
            } else {
                json!({"voucher_url": "https://www.ninjapay.me/voucher/redeem/CD", "voucher_code": "CD"})
            }
        };
        let v = |codes: Vec<Value>, revoked: bool, expires: i64| -> Voucher {
            de(
                json!({"tid": "210N66027HB789", "amount": 0.0001, "voucher_count": codes.len(),
                "voucher_urls": codes, "revoked": revoked, "expires_at": expires, "title": "Diwali"}),
            )
        };
        let o = observe_voucher(&v(vec![code(true), code(false)], false, now + 10), now);
        assert_eq!((o.status, o.is_final), (WatchStatus::Pending, false));
        assert_eq!(o.raw_status, "1 of 2 redeemed");
        assert_eq!(o.amount, Some(Money::new("0.0002".parse().unwrap(), "BTC")));
        let o = observe_voucher(&v(vec![code(true), code(true)], false, now + 10), now);
        assert_eq!((o.status, o.is_final), (WatchStatus::Redeemed, true));
        let o = observe_voucher(&v(vec![code(true), code(false)], true, now + 10), now);
        assert_eq!(o.status, WatchStatus::Revoked);
        let o = observe_voucher(&v(vec![code(false), code(false)], false, now), now);
        assert_eq!((o.status, o.is_final), (WatchStatus::Expired, true));
    }

    #[test]
    fn requests_from_fresh_records_read_them_as_a_check_would() {
        let a = Account::Sandbox;
        let p: Payment = de(
            json!({"tid": "210N1", "status": "pending", "amount": "0.0005",
            "fiat_value": "2500", "fiat_currency": "INR", "description": "Table 4"}),
        );
        let r = WatchRequest::payment(a.clone(), &p);
        assert_eq!((r.kind, r.tid.as_str()), (WatchKind::Payment, "210N1"));
        assert_eq!(r.amount, Some(Money::new("0.0005".parse().unwrap(), "BTC")));
        assert_eq!(r.fiat, Some(Money::new(2500.into(), "INR")));
        assert_eq!(r.label.as_deref(), Some("Table 4"));
        // The whole batch: 3 codes of 0.0001 BTC each.
        let v: Voucher = de(json!({"tid": "210N66027HB789", "amount": "0.0001",
            "voucher_count": 3, "title": "Diwali"}));
        let r = WatchRequest::voucher(a.clone(), &v);
        assert_eq!(r.amount, Some(Money::new("0.0003".parse().unwrap(), "BTC")));
        assert_eq!(r.label.as_deref(), Some("Diwali"));
        let q: QuoteInvoice = de(json!({"tid": 21066027789u64, "sending_asset": "usdt",
            "sending_asset_amount": "12.5", "fiat_amount": 1000, "receiver_upi_id": "shop@upi"}));
        let r = WatchRequest::quote(live(), &q);
        assert_eq!((r.tid.as_str(), r.account), ("21066027789", live()));
        assert_eq!(r.amount, Some(Money::new("12.5".parse().unwrap(), "USDT")));
        assert_eq!(r.label.as_deref(), Some("to shop@upi"));
        let t: TokenCreated = de(json!({"token": 21066027789u64}));
        let r = WatchRequest::token(a, &t);
        assert_eq!(
            (r.kind, r.tid.as_str(), r.amount),
            (WatchKind::Token, "21066027789", None)
        );
    }

    fn live() -> Account {
        Account::live("https://api.ninjapay.me", "https://prod.ninjapay.me")
    }

    #[test]
    fn orders_until_filled_or_revoked() {
        let o = |extra: Value| -> Order {
            let mut base = json!({"tid": "O1", "type": "buy", "asset": "BTC", "amount": "0.01"});
            base.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            de(base)
        };
        let open = observe_order(&o(json!({})));
        assert_eq!(
            (open.status, open.raw_status.as_str()),
            (WatchStatus::Pending, "open")
        );
        let part = observe_order(&o(json!({"filled_percent": 40})));
        assert_eq!(part.raw_status, "partially filled (40%)");
        assert!(!part.is_final);
        assert_eq!(
            observe_order(&o(json!({"filled_percent": 100}))).status,
            WatchStatus::Filled
        );
        assert_eq!(
            observe_order(&o(json!({"revoked": true}))).status,
            WatchStatus::Revoked
        );
        assert!(observe_order(&o(json!({"revoked": true}))).is_final);
    }
}
