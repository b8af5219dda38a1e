//! Lightning payment records (§2.0): receives (payment requests) and sends.

use rand::Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::money::btc_str;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayStatus {
    Undefined,
    Pending,
    Declined,
    Paid,
    /// Not in the docs' status list (`undefined|pending|declined|paid`): the sandbox uses it for
    /// a request nobody paid before its expiry, so the UI can stop watching it.
    Expired,
}

impl PayStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PayStatus::Undefined => "undefined",
            PayStatus::Pending => "pending",
            PayStatus::Declined => "declined",
            PayStatus::Paid => "paid",
            PayStatus::Expired => "expired",
        }
    }
    pub fn parse(s: &str) -> Option<PayStatus> {
        Some(match s {
            "undefined" => PayStatus::Undefined,
            "pending" => PayStatus::Pending,
            "declined" => PayStatus::Declined,
            "paid" => PayStatus::Paid,
            "expired" => PayStatus::Expired,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invoice {
    #[serde(deserialize_with = "crate::persist::leak")]
    pub kind: crate::persist::StaticStr,
    pub expires_at: Option<i64>,
    pub payreq: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payment {
    pub tid: String,
    /// `lightning` or `ninjatag` (sends to a ninjatag).
    #[serde(deserialize_with = "crate::persist::leak")]
    pub payment_mode: crate::persist::StaticStr,
    /// Signed: negative for money going out.
    pub amount: Decimal,
    pub receiver_ninjatag: Option<String>,
    pub description: Option<String>,
    pub created_at: i64,
    pub status: PayStatus,
    pub callback_url: Option<String>,
    pub callback_status: Option<u16>,
    pub success_url: Option<String>,
    pub hosted_checkout_url: Option<String>,
    pub hosted_checkout_expiry: Option<i64>,
    pub customer_name: Option<String>,
    pub order_id: Option<String>,
    pub fiat_currency: Option<String>,
    pub fiat_value: Option<Decimal>,
    pub extra: Value,
    pub invoice: Option<Invoice>,
    pub network_fee: Option<String>,
    pub service_fee: Option<String>,
    /// The scheduled outcome of a pending receive.
    pub fate: Option<(i64, PayStatus)>,
    /// Receives credit the wallet once, when paid. Seeded sample records never do.
    pub credits_wallet: bool,
    pub credited: bool,
}

/// What a merchant asks for in `POST /lapi/v1/receive`.
#[derive(Debug, Clone, Default)]
pub struct ReceiveRequest {
    pub amount: Decimal,
    pub receiver_ninjatag: Option<String>,
    pub fiat_value: Option<Decimal>,
    pub fiat_currency: Option<String>,
    pub description: Option<String>,
    pub expires_in_min: i64,
    pub callback_url: Option<String>,
    pub success_url: Option<String>,
    pub customer_name: Option<String>,
    pub order_id: Option<String>,
    pub extra: Option<Value>,
}

impl Payment {
    /// A new pending receive with its fate drawn now: most get paid 15 s–4 min later, some are
    /// declined, some are never paid and expire.
    pub fn new_receive(
        tid: String,
        payreq: String,
        req: ReceiveRequest,
        now: i64,
        rng: &mut impl Rng,
    ) -> Payment {
        let expiry = now + req.expires_in_min * 60;
        let roll = rng.gen_range(0..100);
        let at = now + rng.gen_range(15..=240);
        let fate = match roll {
            0..=74 if at < expiry => (at, PayStatus::Paid),
            75..=84 if at < expiry => (at, PayStatus::Declined),
            _ => (expiry, PayStatus::Expired),
        };
        Payment {
            hosted_checkout_url: Some(format!("https://checkout.ninjapay.me/{tid}")),
            tid,
            payment_mode: "lightning",
            amount: req.amount,
            receiver_ninjatag: req.receiver_ninjatag,
            description: req.description,
            created_at: now,
            status: PayStatus::Pending,
            callback_url: req.callback_url,
            callback_status: None,
            success_url: req.success_url,
            hosted_checkout_expiry: Some(expiry),
            customer_name: req.customer_name,
            order_id: req.order_id,
            fiat_currency: req.fiat_currency,
            fiat_value: req.fiat_value,
            extra: req
                .extra
                .unwrap_or_else(|| Value::Object(Default::default())),
            invoice: Some(Invoice {
                kind: "invoice",
                expires_at: Some(expiry),
                payreq,
            }),
            network_fee: None,
            service_fee: None,
            fate: Some(fate),
            credits_wallet: true,
            credited: false,
        }
    }

    pub fn is_incoming(&self) -> bool {
        self.amount > Decimal::ZERO
    }

    pub fn tick(&mut self, now: i64, balance: &mut Decimal) {
        if let Some((at, status)) = self.fate {
            if at <= now {
                self.force(status, balance);
            }
        }
    }

    /// Moves to `status` now; a receive that becomes paid credits the wallet (once).
    pub fn force(&mut self, status: PayStatus, balance: &mut Decimal) {
        self.fate = None;
        self.status = status;
        if status == PayStatus::Paid && self.is_incoming() {
            if self.credits_wallet && !self.credited {
                *balance += self.amount;
                self.credited = true;
            }
            if self.callback_url.is_some() {
                // The sandbox makes no outgoing calls; it reports what a healthy webhook returns.
                self.callback_status = Some(200);
            }
        }
    }

    pub fn view(&self) -> PaymentView<'_> {
        PaymentView {
            tid: &self.tid,
            payment_mode: self.payment_mode,
            wallet: "lbtc",
            amount: btc_str(self.amount),
            receiver_ninjatag: self.receiver_ninjatag.as_deref(),
            description: self.description.as_deref(),
            created_at: self.created_at,
            status: self.status.as_str(),
            callback_url: self.callback_url.as_deref(),
            callback_status: self.callback_status,
            success_url: self.success_url.as_deref(),
            hosted_checkout_url: self.hosted_checkout_url.as_deref(),
            hosted_checkout_expiry: self.hosted_checkout_expiry,
            customer_name: self.customer_name.as_deref(),
            order_id: self.order_id.as_deref(),
            fiat_currency: self.fiat_currency.as_deref(),
            fiat_value: self.fiat_value.map(|v| v.to_string()),
            extra: &self.extra,
            uri: self
                .invoice
                .as_ref()
                .filter(|i| i.kind == "invoice" && self.is_incoming())
                .map(|i| format!("lightning:{}", i.payreq)),
            ttl: 10,
            lightning_invoice: InvoiceView {
                lightning_invoice_type: self.invoice.as_ref().map(|i| i.kind),
                expires_at: self.invoice.as_ref().and_then(|i| i.expires_at),
                payreq: self.invoice.as_ref().map(|i| i.payreq.as_str()),
            },
            total_fee: FeeView {
                network_fee: self.network_fee.as_deref(),
                service_fee: self.service_fee.as_deref(),
                gst_fee: None,
            },
        }
    }
}

/// The wire form of a payment record (§2.0): amounts as strings, 8 dp.
#[derive(Debug, Serialize)]
pub struct PaymentView<'a> {
    pub tid: &'a str,
    pub payment_mode: &'static str,
    pub wallet: &'static str,
    pub amount: String,
    pub receiver_ninjatag: Option<&'a str>,
    pub description: Option<&'a str>,
    pub created_at: i64,
    pub status: &'static str,
    pub callback_url: Option<&'a str>,
    pub callback_status: Option<u16>,
    pub success_url: Option<&'a str>,
    pub hosted_checkout_url: Option<&'a str>,
    pub hosted_checkout_expiry: Option<i64>,
    pub customer_name: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub fiat_currency: Option<&'a str>,
    pub fiat_value: Option<String>,
    pub extra: &'a Value,
    pub uri: Option<String>,
    pub ttl: u32,
    pub lightning_invoice: InvoiceView<'a>,
    pub total_fee: FeeView<'a>,
}

#[derive(Debug, Serialize)]
pub struct InvoiceView<'a> {
    pub lightning_invoice_type: Option<&'static str>,
    pub expires_at: Option<i64>,
    pub payreq: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct FeeView<'a> {
    pub network_fee: Option<&'a str>,
    pub service_fee: Option<&'a str>,
    pub gst_fee: Option<&'a str>,
}
