//! Widget tokens (§5, prod host): `undefined → pending → paid | declined`. Onramp tokens
//! credit the wallet when paid; offramp tokens reserve (debit) their amount at creation and
//! give it back if declined.

use rand::Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::money::Num;
use crate::state::payments::{FeeView, InvoiceView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokStatus {
    Undefined,
    Pending,
    Declined,
    Paid,
}

impl TokStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TokStatus::Undefined => "undefined",
            TokStatus::Pending => "pending",
            TokStatus::Declined => "declined",
            TokStatus::Paid => "paid",
        }
    }
    pub fn parse(s: &str) -> Option<TokStatus> {
        Some(match s {
            "undefined" => TokStatus::Undefined,
            "pending" => TokStatus::Pending,
            "declined" => TokStatus::Declined,
            "paid" => TokStatus::Paid,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    Onramp,
    Offramp,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    pub token: u64,
    pub mode: Mode,
    pub amount: Decimal,
    pub description: Option<String>,
    pub created_at: i64,
    pub status: TokStatus,
    pub callback_url: Option<String>,
    pub callback_status: Option<u16>,
    pub success_url: Option<String>,
    pub customer_name: Option<String>,
    pub order_id: Option<String>,
    pub fiat_currency: Option<String>,
    pub fiat_value: Option<Decimal>,
    pub extra: Value,
    pub payreq: String,
    pub expires_at: i64,
    /// Upcoming transitions, in time order.
    pub fates: Vec<(i64, TokStatus)>,
    /// Seeded sample tokens don't touch the wallet.
    pub moves_wallet: bool,
}

impl Token {
    /// Draws the fate: pending 5–30 s after creation, then paid (80 %) or declined 30 s–4 min
    /// after creation.
    pub fn schedule(&mut self, rng: &mut impl Rng) {
        let pending = self.created_at + rng.gen_range(5..=30);
        let fin = pending + rng.gen_range(25..=210);
        let outcome = if rng.gen_range(0..100) < 80 {
            TokStatus::Paid
        } else {
            TokStatus::Declined
        };
        self.fates = vec![(pending, TokStatus::Pending), (fin, outcome)];
    }

    pub fn tick(&mut self, now: i64, balance: &mut Decimal) {
        while let Some(&(at, s)) = self.fates.first() {
            if at > now {
                break;
            }
            self.fates.remove(0);
            self.apply(s, balance);
        }
    }

    pub fn force(&mut self, status: TokStatus, balance: &mut Decimal) {
        self.fates.clear();
        self.apply(status, balance);
    }

    fn apply(&mut self, status: TokStatus, balance: &mut Decimal) {
        let was_final = matches!(self.status, TokStatus::Paid | TokStatus::Declined);
        self.status = status;
        if was_final || !matches!(status, TokStatus::Paid | TokStatus::Declined) {
            return;
        }
        if self.moves_wallet {
            match (self.mode, status) {
                (Mode::Onramp, TokStatus::Paid) => *balance += self.amount,
                (Mode::Offramp, TokStatus::Declined) => *balance += self.amount,
                _ => {}
            }
        }
        if status == TokStatus::Paid && self.callback_url.is_some() {
            self.callback_status = Some(200);
        }
    }

    pub fn view(&self) -> TokenView<'_> {
        let common = TokenCommon {
            receiver_ninjatag: None,
            description: self.description.as_deref(),
            created_at: self.created_at,
            status: self.status.as_str(),
            callback_url: self.callback_url.as_deref(),
            callback_status: self.callback_status,
            success_url: self.success_url.as_deref(),
            hosted_checkout_url: None,
            hosted_checkout_expiry: None,
            customer_name: self.customer_name.as_deref(),
            order_id: self.order_id.as_deref(),
            fiat_currency: self.fiat_currency.as_deref(),
            fiat_value: self.fiat_value.map(Num),
            extra: &self.extra,
            uri: None,
            ttl: 10,
            lightning_invoice: InvoiceView {
                lightning_invoice_type: Some("invoice"),
                expires_at: Some(self.expires_at),
                payreq: Some(&self.payreq),
            },
            total_fee: FeeView {
                network_fee: None,
                service_fee: None,
                gst_fee: None,
            },
        };
        match self.mode {
            Mode::Onramp => TokenView::Onramp(OnrampView {
                token: self.token,
                widget_mode: "onramp",
                wallet: "lbtc",
                amount: Num::dp(self.amount, 8),
                common: TokenCommon {
                    hosted_checkout_url: Some(format!(
                        "https://checkout.ninjapay.me/{}",
                        self.token
                    )),
                    hosted_checkout_expiry: Some(self.expires_at),
                    uri: Some(format!("lightning:{}", self.payreq)),
                    ..common
                },
            }),
            Mode::Offramp => TokenView::Offramp(OfframpView {
                tid: self.token,
                payment_mode: "lightning",
                wallet: "lbtc",
                amount: Num::dp(-self.amount, 8),
                common: TokenCommon {
                    lightning_invoice: InvoiceView {
                        lightning_invoice_type: Some("lnurl"),
                        expires_at: None,
                        payreq: Some(&self.payreq),
                    },
                    total_fee: FeeView {
                        network_fee: Some("0.00000100 btc"),
                        service_fee: None,
                        gst_fee: None,
                    },
                    ..common
                },
            }),
        }
    }
}

/// Fake LNURL for offramp tokens.
pub fn fake_lnurl(amount: Decimal, rng: &mut impl Rng) -> String {
    let inv = crate::bolt11::encode(amount, rng);
    format!("lnurl{}", &inv[4..])
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum TokenView<'a> {
    Onramp(OnrampView<'a>),
    Offramp(OfframpView<'a>),
}

/// Check Token, onramp shape: `token` int, numeric `amount`.
#[derive(Debug, Serialize)]
pub struct OnrampView<'a> {
    pub token: u64,
    pub widget_mode: &'static str,
    pub wallet: &'static str,
    pub amount: Num,
    #[serde(flatten)]
    pub common: TokenCommon<'a>,
}

/// Check Token, offramp shape: `tid` int, negative numeric `amount`.
#[derive(Debug, Serialize)]
pub struct OfframpView<'a> {
    pub tid: u64,
    pub payment_mode: &'static str,
    pub wallet: &'static str,
    pub amount: Num,
    #[serde(flatten)]
    pub common: TokenCommon<'a>,
}

#[derive(Debug, Serialize)]
pub struct TokenCommon<'a> {
    pub receiver_ninjatag: Option<&'a str>,
    pub description: Option<&'a str>,
    pub created_at: i64,
    pub status: &'static str,
    pub callback_url: Option<&'a str>,
    pub callback_status: Option<u16>,
    pub success_url: Option<&'a str>,
    pub hosted_checkout_url: Option<String>,
    pub hosted_checkout_expiry: Option<i64>,
    pub customer_name: Option<&'a str>,
    pub order_id: Option<&'a str>,
    pub fiat_currency: Option<&'a str>,
    pub fiat_value: Option<Num>,
    pub extra: &'a Value,
    pub uri: Option<String>,
    pub ttl: u32,
    pub lightning_invoice: InvoiceView<'a>,
    pub total_fee: FeeView<'a>,
}
