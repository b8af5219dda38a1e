//! Lightning payment records (§2.0): receives (payment requests) and sends.

use rand::Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::record::{AmountStyle, Invoice, RecordFields, RecordHead, RecordView};
use crate::static_str::{leak, StaticStr};

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
pub struct Payment {
    pub tid: String,
    /// `lightning` or `ninjatag` (sends to a ninjatag).
    #[serde(deserialize_with = "leak")]
    pub payment_mode: StaticStr,
    /// Signed: negative for money going out.
    pub amount: Decimal,
    pub status: PayStatus,
    #[serde(flatten)]
    pub record: RecordFields,
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
            payment_mode: "lightning",
            amount: req.amount,
            status: PayStatus::Pending,
            record: RecordFields {
                receiver_ninjatag: req.receiver_ninjatag,
                description: req.description,
                callback_url: req.callback_url,
                success_url: req.success_url,
                hosted_checkout_url: Some(format!("https://checkout.ninjapay.me/{tid}")),
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
                ..RecordFields::new(now)
            },
            tid,
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
            if self.record.callback_url.is_some() {
                // The sandbox makes no outgoing calls; it reports what a healthy webhook returns.
                self.record.callback_status = Some(200);
            }
        }
    }

    /// The wire form (§2.0): amounts as strings, 8 dp.
    pub fn view(&self) -> RecordView<'_> {
        let head = RecordHead::Payment {
            tid: &self.tid,
            payment_mode: self.payment_mode,
        };
        self.record
            .view(head, self.amount, self.status.as_str(), AmountStyle::Text)
    }
}
