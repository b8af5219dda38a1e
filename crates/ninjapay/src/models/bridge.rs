//! Widget tokens and the fiat bridge's quotes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Other;
use super::PaymentDetails;
use crate::de;
use crate::ids::Tid;
use crate::ids::Timestamp;
use crate::status::{QuoteStatus, WidgetMode};

/// The answer to Request Token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TokenCreated {
    /// The token (a number on the wire); check it with `check_token`.
    pub token: Tid,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// Check Token's answer: an onramp record (with `token`) or an offramp payment record (with
/// `tid`), both otherwise shaped like a payment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TokenDetail {
    /// Set on onramp records.
    #[serde(default)]
    pub token: Option<Tid>,
    /// Set on offramp records.
    #[serde(default)]
    pub tid: Option<Tid>,
    /// `onramp` or `offramp` (absent on offramp records in the docs).
    #[serde(default)]
    pub widget_mode: Option<WidgetMode>,
    /// The payment fields.
    #[serde(flatten)]
    pub details: PaymentDetails,
}

/// The answer to Request Quote ID.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteIdCreated {
    /// 32 hex characters; turn it into an invoice with `request_quote`.
    #[serde(deserialize_with = "de::text")]
    pub quote_id: String,
    /// The primary UPI id linked to the receiving ninjatag.
    #[serde(default)]
    pub linked_upi_id: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The answer to Request Invoice for Quote: what to pay for the INR to go out.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteInvoice {
    /// The quote's id (a number on the wire); check it with `check_quote`.
    pub tid: Tid,
    /// `btc` or `usdt`.
    #[serde(default)]
    pub sending_asset: Option<String>,
    /// How much of `sending_asset` to pay.
    #[serde(default, with = "de::opt_decimal")]
    pub sending_asset_amount: Option<Decimal>,
    /// INR the UPI id will get.
    #[serde(default, with = "de::opt_decimal")]
    pub fiat_amount: Option<Decimal>,
    /// The Lightning invoice to pay.
    #[serde(default)]
    pub lightning_invoice: Option<String>,
    /// The on-chain fallback address.
    #[serde(default)]
    pub onchain_address: Option<String>,
    /// `BTC`, `ERC20`, `BEP20`, …
    #[serde(default)]
    pub onchain_address_network: Option<String>,
    /// When the quote lapses.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The webhook.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// Destination UPI id.
    #[serde(default)]
    pub receiver_upi_id: Option<String>,
    /// Destination ninjatag (`ninjatag` in one of checkQuote's two schemas).
    #[serde(default, alias = "ninjatag")]
    pub receiver_ninjatag: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// Check Quote's answer: the invoice fields plus the quote's state.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    /// When the quote was requested.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// `pending`, `success`, `failed`, `expired`, `refunded` (or the other schema's
    /// `Pending`/`Completed`/`Failed`).
    pub status: QuoteStatus,
    /// `upi`/`ninjatag` in one schema, `lightning`/`onchain` in the other.
    #[serde(default)]
    pub payment_method: Option<String>,
    /// `lbtc`, `btc` or `usdt`.
    #[serde(default)]
    pub refund_wallet: Option<String>,
    /// When it was processed (a free-form string).
    #[serde(default)]
    pub transaction_time: Option<String>,
    /// The invoice fields.
    #[serde(flatten)]
    pub invoice: QuoteInvoice,
}
