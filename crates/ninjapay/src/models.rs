//! What Ninjapay answers, modelled strictly and decoded leniently.
//!
//! Field names are the API's own (snake_case, `reveived_asset` *sic* included as an alias);
//! amounts are [`Decimal`]s serialised as strings; every model keeps the fields it does not
//! name in `other` (flattened back out when serialised), so nothing the server says is lost.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::de;
use crate::ids::{Tid, Timestamp};
use crate::status::{EmailStatus, OrderType, PaymentStatus, QuoteStatus, WidgetMode};

/// Fields a model does not name, kept as sent (numbers as their exact text).
pub type Other = Map<String, Value>;

/// Wallet Info (`GET /lapi/v1/wallet`). Its response is undocumented: the fields below are read
/// when present under the usual names, and `raw` holds the whole payload so nothing is hidden.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WalletInfo {
    /// The Lightning wallet's balance in BTC, if the server reports one as `balance`.
    #[serde(default, with = "de::opt_decimal")]
    pub balance: Option<Decimal>,
    /// The wallet name (`lbtc`), if given.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub wallet: Option<String>,
    /// The merchant's ninjatag, if given.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub ninjatag: Option<String>,
    /// Everything the server sent.
    #[serde(default)]
    pub raw: Value,
}

/// Asset Balances (`GET /tapi/v1/assetBalance`): asset name → balance. Assets appear only when
/// the server lists them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AssetBalances {
    /// `lbtc`, `btc`, `eth`, `sol`, `ltc`, `matic`, … → amount in that asset's units.
    pub balances: BTreeMap<String, Decimal>,
    /// The envelope's message, e.g. `"last updated at 2:42pm, 12Jan 24"`.
    pub updated: Option<String>,
}

/// The fee breakdown of a payment; formatted strings such as `"0.00000002 btc (0.1%)"`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TotalFee {
    /// Lightning or chain fee.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub network_fee: Option<String>,
    /// Ninjapay's fee, with its percentage.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub service_fee: Option<String>,
    /// GST on the fee.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub gst_fee: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The invoice attached to a payment record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct LightningInvoice {
    /// `invoice` (BOLT11) or `lnurl`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub lightning_invoice_type: Option<String>,
    /// When the invoice stops being payable.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The BOLT11 or LNURL to pay.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub payreq: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The payment-record fields shared by payments (receive, check, history) and widget tokens.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct PaymentDetails {
    /// `lightning` for lapi records.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub payment_mode: Option<String>,
    /// `lbtc`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub wallet: Option<String>,
    /// BTC (not sats); negative for money going out.
    #[serde(default, with = "de::opt_decimal")]
    pub amount: Option<Decimal>,
    /// The ninjatag the request was made for, if any.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub receiver_ninjatag: Option<String>,
    /// Free text.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub description: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// `undefined`, `pending`, `declined`, `paid` (or unknown).
    #[serde(default)]
    pub status: PaymentStatus,
    /// The merchant's webhook.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub callback_url: Option<String>,
    /// The HTTP status the webhook answered, once it was called.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub callback_status: Option<u16>,
    /// Where hosted checkout redirects after success.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub success_url: Option<String>,
    /// `https://checkout.ninjapay.me/<id>`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub hosted_checkout_url: Option<String>,
    /// When the hosted checkout page expires.
    #[serde(default)]
    pub hosted_checkout_expiry: Option<Timestamp>,
    /// The payer's name, if given.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub customer_name: Option<String>,
    /// The merchant's order reference.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub order_id: Option<String>,
    /// `INR`, `USD`, `EUR`, …
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub fiat_currency: Option<String>,
    /// The amount in `fiat_currency`.
    #[serde(default, with = "de::opt_decimal")]
    pub fiat_value: Option<Decimal>,
    /// The merchant's free-form data, echoed back.
    #[serde(default)]
    pub extra: Option<Value>,
    /// `lightning:<bolt11>`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
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
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub payreq: Option<String>,
    /// Expiry (an ISO-8601 string on the wire).
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// `lightning`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub network: Option<String>,
    /// What the invoice says it is for.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub description: Option<String>,
    /// Hex.
    #[serde(
        default,
        rename = "descriptionHash",
        deserialize_with = "de::opt_text::deserialize"
    )]
    pub description_hash: Option<String>,
    /// Hex.
    #[serde(
        default,
        rename = "paymentHash",
        deserialize_with = "de::opt_text::deserialize"
    )]
    pub payment_hash: Option<String>,
    /// Hex.
    #[serde(
        default,
        rename = "paymentSecret",
        deserialize_with = "de::opt_text::deserialize"
    )]
    pub payment_secret: Option<String>,
    /// The payee node's public key.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub payee: Option<String>,
    /// Hex.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub signature: Option<String>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// A withdraw-voucher batch (Request Voucher, Check Voucher).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Voucher {
    /// The batch's id.
    pub tid: Tid,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// When the codes stop being redeemable.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// How many codes.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub voucher_count: Option<u32>,
    /// How many have been redeemed.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub voucher_redeemed: Option<u32>,
    /// BTC per voucher (a JSON number on the wire).
    #[serde(with = "de::decimal")]
    pub amount: Decimal,
    /// The giver's name.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub from: Option<String>,
    /// The message on the voucher.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub title: Option<String>,
    /// Who it was emailed to (single vouchers only).
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub receiver_email: Option<String>,
    /// Whether that email went out.
    #[serde(default)]
    pub email_status: Option<EmailStatus>,
    /// Whether custom artwork is used.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub unique_design: bool,
    /// The artwork's URL.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub unique_design_url: Option<String>,
    /// The webhook called on each redeem.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub callback_url: Option<String>,
    /// Whether the whole batch was revoked.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub revoked: bool,
    /// When it was revoked.
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// One multi-use link for all codes (each ninjatag redeems once through it).
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub voucher_static_url: Option<String>,
    /// One entry per code.
    #[serde(default)]
    pub voucher_urls: Vec<VoucherCode>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// One code of a voucher batch. Request Voucher gives only `voucher_url`; Check Voucher adds
/// who redeemed it and when.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VoucherCode {
    /// `https://www.ninjapay.me/voucher/redeem/<code>`.
    pub voucher_url: String,
    /// The code (taken from the URL's last segment when the server leaves it out).
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub voucher_code: Option<String>,
    /// A ninjatag, or the BOLT11 it was paid to.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub redeemed_by: Option<String>,
    /// The payment made by the redeem (a number on the wire).
    #[serde(default)]
    pub redeemed_tid: Option<Tid>,
    /// When it was redeemed.
    #[serde(default)]
    pub redeemed_at: Option<Timestamp>,
    /// The webhook's HTTP answer, after a redeem.
    #[serde(default, deserialize_with = "de::opt_int::deserialize")]
    pub callback_status: Option<u16>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

impl VoucherCode {
    /// The code, from `voucher_code` or the URL's last path segment.
    pub fn code(&self) -> &str {
        match &self.voucher_code {
            Some(c) if !c.is_empty() => c,
            _ => self
                .voucher_url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default(),
        }
    }

    /// True once someone redeemed it.
    pub fn is_redeemed(&self) -> bool {
        self.redeemed_at.is_some() || self.redeemed_by.is_some() || self.redeemed_tid.is_some()
    }
}

impl Voucher {
    /// The number of codes (from `voucher_count`, else the list's length).
    pub fn count(&self) -> u32 {
        self.voucher_count.unwrap_or(self.voucher_urls.len() as u32)
    }

    /// Codes redeemed, counted from the codes when listed, else `voucher_redeemed`.
    pub fn redeemed_count(&self) -> u32 {
        let listed = self.voucher_urls.iter().filter(|c| c.is_redeemed()).count() as u32;
        // Check Voucher lists each code's redeem details; Request Voucher lists only URLs.
        if self.voucher_urls.iter().any(|c| c.voucher_code.is_some()) {
            listed
        } else {
            self.voucher_redeemed.unwrap_or(listed)
        }
    }

    /// BTC the whole batch is worth: amount × count (what creating it debited).
    pub fn total_value(&self) -> Decimal {
        self.amount * Decimal::from(self.count())
    }

    /// BTC paid out so far.
    pub fn redeemed_value(&self) -> Decimal {
        self.amount * Decimal::from(self.redeemed_count())
    }

    /// BTC still redeemable (zero once revoked).
    pub fn outstanding_value(&self) -> Decimal {
        if self.revoked {
            return Decimal::ZERO;
        }
        self.amount * Decimal::from(self.count().saturating_sub(self.redeemed_count()))
    }

    /// Revoked, or every code redeemed: nothing will change any more (expiry aside).
    pub fn is_final(&self) -> bool {
        self.revoked || self.redeemed_count() >= self.count()
    }
}

/// The answer to Revoke Voucher and Revoke Order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Revocation {
    /// What was revoked.
    pub tid: Tid,
    /// `true`.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub revoked: bool,
    /// When.
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// The answer to Redeem Voucher.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Redemption {
    /// The code redeemed.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub voucher_code: Option<String>,
    /// `true` on success.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub redeemed: bool,
    /// `ninjatag` or `invoice`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub redeemed_mode: Option<String>,
    /// Where the value went.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub redeemed_by: Option<String>,
    /// The payment made.
    #[serde(default)]
    pub redeemed_tid: Option<Tid>,
    /// When.
    #[serde(default)]
    pub redeemed_at: Option<Timestamp>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// A spot-trade order (Check Order). The docs give it no status: see [`Order::state`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Order {
    /// The order's id.
    pub tid: Tid,
    /// When it was placed.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// When it executed.
    #[serde(default)]
    pub executed_at: Option<Timestamp>,
    /// `buy` or `sell`.
    #[serde(rename = "type")]
    pub order_type: OrderType,
    /// The asset traded, e.g. `BTC`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub asset: Option<String>,
    /// Quantity placed.
    #[serde(default, with = "de::opt_decimal")]
    pub amount: Option<Decimal>,
    /// Limit price.
    #[serde(default, with = "de::opt_decimal")]
    pub price: Option<Decimal>,
    /// Price it executed at.
    #[serde(default, with = "de::opt_decimal")]
    pub executed_price: Option<Decimal>,
    /// Fee, always in the traded asset.
    #[serde(default, with = "de::opt_decimal")]
    pub fee: Option<Decimal>,
    /// Fee as a percentage.
    #[serde(default, with = "de::opt_decimal")]
    pub fee_percent: Option<Decimal>,
    /// Quantity filled.
    #[serde(default, with = "de::opt_decimal")]
    pub filled_amount: Option<Decimal>,
    /// Percentage filled.
    #[serde(default, with = "de::opt_decimal")]
    pub filled_percent: Option<Decimal>,
    /// Placed amount minus the fee.
    #[serde(default, with = "de::opt_decimal")]
    pub total_received: Option<Decimal>,
    /// The asset received (`reveived_asset` in the docs, *sic*; both spellings read).
    #[serde(
        default,
        rename = "received_asset",
        alias = "reveived_asset",
        deserialize_with = "de::opt_text::deserialize"
    )]
    pub received_asset: Option<String>,
    /// Amount paid.
    #[serde(default, with = "de::opt_decimal")]
    pub total_paid: Option<Decimal>,
    /// The asset paid.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub paid_asset: Option<String>,
    /// Free text, e.g. `"Plugin: Strike to US"`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub note: Option<String>,
    /// Who was emailed.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub receiver_email: Option<String>,
    /// Whether the email went out.
    #[serde(default)]
    pub email_status: Option<EmailStatus>,
    /// Whether it was revoked.
    #[serde(default, deserialize_with = "de::flag::deserialize")]
    pub revoked: bool,
    /// When.
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// Free-form (an array in the docs).
    #[serde(default)]
    pub extra: Option<Value>,
    /// Fields not named above.
    #[serde(flatten)]
    pub other: Other,
}

/// Where an order stands, derived from `revoked`, `filled_percent` and `executed_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Nothing filled yet.
    Open,
    /// Partly filled.
    PartiallyFilled,
    /// Completely filled.
    Filled,
    /// Revoked.
    Revoked,
}

impl Order {
    /// The order's state, which the API does not state outright.
    pub fn state(&self) -> OrderState {
        let hundred = Decimal::from(100);
        match (self.revoked, self.filled_percent) {
            (true, _) => OrderState::Revoked,
            (false, Some(p)) if p >= hundred => OrderState::Filled,
            (false, Some(p)) if p > Decimal::ZERO => OrderState::PartiallyFilled,
            (false, None) if self.executed_at.is_some() => OrderState::Filled,
            _ => OrderState::Open,
        }
    }
}

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
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
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
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub sending_asset: Option<String>,
    /// How much of `sending_asset` to pay.
    #[serde(default, with = "de::opt_decimal")]
    pub sending_asset_amount: Option<Decimal>,
    /// INR the UPI id will get.
    #[serde(default, with = "de::opt_decimal")]
    pub fiat_amount: Option<Decimal>,
    /// The Lightning invoice to pay.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub lightning_invoice: Option<String>,
    /// The on-chain fallback address.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub onchain_address: Option<String>,
    /// `BTC`, `ERC20`, `BEP20`, …
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub onchain_address_network: Option<String>,
    /// When the quote lapses.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The webhook.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub callback_url: Option<String>,
    /// Destination UPI id.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub receiver_upi_id: Option<String>,
    /// Destination ninjatag (`ninjatag` in one of checkQuote's two schemas).
    #[serde(
        default,
        alias = "ninjatag",
        deserialize_with = "de::opt_text::deserialize"
    )]
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
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub payment_method: Option<String>,
    /// `lbtc`, `btc` or `usdt`.
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub refund_wallet: Option<String>,
    /// When it was processed (a free-form string).
    #[serde(default, deserialize_with = "de::opt_text::deserialize")]
    pub transaction_time: Option<String>,
    /// The invoice fields.
    #[serde(flatten)]
    pub invoice: QuoteInvoice,
}
