//! The Lightning wallet: wallet info, payment records, send receipts, decoded invoices.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Other;
use crate::de;
use crate::ids::{Tid, Timestamp};
use crate::status::PaymentStatus;

/// Wallet Info (`GET /lapi/v1/wallet`). Its response is undocumented: the fields below are read
/// when present under the usual names, and `raw` holds the whole payload so nothing is hidden.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WalletInfo {
    /// The Lightning wallet's balance in BTC, if the server reports one as `balance`.
    #[serde(default, with = "de::opt_decimal")]
    pub balance: Option<Decimal>,
    /// The wallet name (`lbtc`), if given.
    #[serde(default)]
    pub wallet: Option<String>,
    /// The merchant's ninjatag, if given.
    #[serde(default)]
    pub ninjatag: Option<String>,
    /// Everything the server sent.
    #[serde(default)]
    pub raw: Value,
}

/// The fee breakdown of a payment; formatted strings such as `"0.00000002 btc (0.1%)"`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TotalFee {
    /// Lightning or chain fee.
    #[serde(default)]
    pub network_fee: Option<String>,
    /// Ninjapay's fee, with its percentage.
    #[serde(default)]
    pub service_fee: Option<String>,
    /// GST on the fee.
    #[serde(default)]
    pub gst_fee: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The invoice attached to a payment record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct LightningInvoice {
    /// `invoice` (BOLT11) or `lnurl`.
    #[serde(default)]
    pub lightning_invoice_type: Option<String>,
    /// When the invoice stops being payable.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The BOLT11 or LNURL to pay.
    #[serde(default)]
    pub payreq: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The payment-record fields shared by payments (receive, check, history) and widget tokens.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct PaymentDetails {
    /// `lightning` for lapi records.
    #[serde(default)]
    pub payment_mode: Option<String>,
    /// `lbtc`.
    #[serde(default)]
    pub wallet: Option<String>,
    /// BTC (not sats); negative for money going out.
    #[serde(default, with = "de::opt_decimal")]
    pub amount: Option<Decimal>,
    /// The ninjatag the request was made for, if any.
    #[serde(default)]
    pub receiver_ninjatag: Option<String>,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// `undefined`, `pending`, `declined`, `paid` (or unknown).
    #[serde(default)]
    pub status: PaymentStatus,
    /// The merchant's webhook.
    #[serde(default)]
    pub callback_url: Option<String>,
    /// The HTTP status the webhook answered, once it was called.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub callback_status: Option<u16>,
    /// Where hosted checkout redirects after success.
    #[serde(default)]
    pub success_url: Option<String>,
    /// `https://checkout.ninjapay.me/<id>`.
    #[serde(default)]
    pub hosted_checkout_url: Option<String>,
    /// When the hosted checkout page expires.
    #[serde(default)]
    pub hosted_checkout_expiry: Option<Timestamp>,
    /// The payer's name, if given.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// The merchant's order reference.
    #[serde(default)]
    pub order_id: Option<String>,
    /// `INR`, `USD`, `EUR`, …
    #[serde(default)]
    pub fiat_currency: Option<String>,
    /// The amount in `fiat_currency`.
    #[serde(default, with = "de::opt_decimal")]
    pub fiat_value: Option<Decimal>,
    /// The merchant's free-form data, echoed back.
    #[serde(default)]
    pub extra: Option<Value>,
    /// `lightning:<bolt11>`.
    #[serde(default)]
    pub uri: Option<String>,
    /// `10` in every sample; the unit is not documented.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub ttl: Option<i64>,
    /// The invoice to pay.
    #[serde(default)]
    pub lightning_invoice: Option<LightningInvoice>,
    /// Fees charged.
    #[serde(default)]
    pub total_fee: Option<TotalFee>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// A Lightning payment record (Request Payment, Check Payment, Transactions).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Payment {
    /// The payment's id.
    pub tid: Tid,
    /// Everything else.
    #[serde(flatten)]
    pub details: PaymentDetails,
}

/// The answer to Send Payment.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SendReceipt {
    /// The new outgoing payment's id; check it with `check_payment`.
    pub tid: Tid,
    /// The envelope's message, e.g. `"Paid"`.
    #[serde(default)]
    pub message: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// Decode Invoice's answer (camelCase in the docs, unlike everything else).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DecodedInvoice {
    /// BTC.
    #[serde(default, with = "de::opt_decimal")]
    pub amount: Option<Decimal>,
    /// The invoice, echoed.
    #[serde(default)]
    pub payreq: Option<String>,
    /// Expiry (an ISO-8601 string on the wire).
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// `lightning`.
    #[serde(default)]
    pub network: Option<String>,
    /// What the invoice says it is for.
    #[serde(default)]
    pub description: Option<String>,
    /// Hex.
    #[serde(default, rename = "descriptionHash")]
    pub description_hash: Option<String>,
    /// Hex.
    #[serde(default, rename = "paymentHash")]
    pub payment_hash: Option<String>,
    /// Hex.
    #[serde(default, rename = "paymentSecret")]
    pub payment_secret: Option<String>,
    /// The payee node's public key.
    #[serde(default)]
    pub payee: Option<String>,
    /// Hex.
    #[serde(default)]
    pub signature: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}
