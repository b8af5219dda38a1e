//! What the app sends. Each request is `Deserialize` (the UI's JSON becomes one directly, with
//! amounts as strings or numbers) and `Serialize` into the exact body the docs show, and has a
//! `validate()` the client runs before anything leaves the machine.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::de;
use crate::error::Error;
use crate::rules::Rule;
use crate::validate::{self as check, Problems};

fn none_if_blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The checks a request passes before anything is sent. One home for them: the client runs
/// [`Validate::validate`] before sending, and the app shows every [`Validate::problems`] beside
/// its field before asking the user to confirm.
pub trait Validate: Clone {
    /// Every problem found, each a [`Error::Validation`] naming its field; empty when the
    /// request may be sent.
    fn problems(&self) -> Vec<Error>;

    /// The first problem, if any.
    fn validate(&self) -> Result<(), Error> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The request exactly as it goes on the wire (some drop blanks or fill a default).
    fn as_sent(&self) -> Cow<'_, Self> {
        Cow::Borrowed(self)
    }
}

/// An optional URL field.
fn optional_url(p: &mut Problems, field: &str, value: &Option<String>) {
    if let Some(url) = none_if_blank(value) {
        p.check(check::http_url(field, url));
    }
}

/// Request Voucher: a batch of withdraw vouchers, debited from the wallet (amount × count).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct VoucherRequest {
    /// BTC per voucher (sent as a JSON number).
    #[serde(
        deserialize_with = "de::decimal::deserialize",
        serialize_with = "de::decimal_as_number"
    )]
    pub amount: Decimal,
    /// 1 to 100 codes.
    #[serde(deserialize_with = "de::int::deserialize")]
    pub voucher_count: u32,
    /// Who the vouchers are from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The message printed on them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Minutes until they expire.
    #[serde(
        default,
        deserialize_with = "de::opt_int::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry: Option<u32>,
    /// Email the voucher to this address (only when `voucher_count` is 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver_email: Option<String>,
    /// Use `unique_design_url` as artwork (set automatically when a URL is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_design: Option<bool>,
    /// Artwork, 640×360 px.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_design_url: Option<String>,
    /// Webhook called on each redeem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl VoucherRequest {
    /// The total debited from the wallet: amount × count.
    pub fn total(&self) -> Decimal {
        self.amount * Decimal::from(self.voucher_count)
    }
}

impl Validate for VoucherRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        p.check(check::btc_amount("amount", self.amount));
        if !(1..=check::MAX_VOUCHER_COUNT).contains(&self.voucher_count) {
            p.check(Err(Error::broke(
                "voucher_count",
                Rule::VoucherCount,
                &[("max", &check::MAX_VOUCHER_COUNT.to_string())],
            )));
        }
        if let Some(email) = none_if_blank(&self.receiver_email) {
            if self.voucher_count != 1 {
                p.add("receiver_email", Rule::EmailNeedsOneVoucher);
            } else {
                p.check(check::email("receiver_email", email));
            }
        }
        if self.expiry == Some(0) {
            p.add("expiry", Rule::AtLeastOneMinute);
        }
        optional_url(&mut p, "unique_design_url", &self.unique_design_url);
        optional_url(&mut p, "callback_url", &self.callback_url);
        p.into_vec()
    }

    /// Blanks dropped, `unique_design` set when a design URL is given.
    fn as_sent(&self) -> Cow<'_, Self> {
        let mut r = self.clone();
        for f in [
            &mut r.from,
            &mut r.title,
            &mut r.receiver_email,
            &mut r.unique_design_url,
            &mut r.callback_url,
        ] {
            *f = none_if_blank(f).map(str::to_owned);
        }
        if r.unique_design_url.is_some() && r.unique_design.is_none() {
            r.unique_design = Some(true);
        }
        Cow::Owned(r)
    }
}

/// Redeem Voucher: pay one code out to a ninjatag or an invoice.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct RedeemRequest {
    /// The code (8–9 characters).
    pub voucher_code: String,
    /// `ninjatag` or `invoice`.
    pub redeem_mode: String,
    /// The ninjatag, or a BOLT11 invoice.
    pub redeem_to: String,
}

impl Validate for RedeemRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        let code = self.voucher_code.trim();
        if code.is_empty() || code.chars().any(|c| !c.is_ascii_alphanumeric()) {
            p.add("voucher_code", Rule::VoucherCode);
        }
        if p.check(check::one_of(
            "redeem_mode",
            &self.redeem_mode,
            &["ninjatag", "invoice"],
        )) {
            p.check(if self.redeem_mode == "ninjatag" {
                check::ninjatag("redeem_to", &self.redeem_to)
            } else {
                check::lightning_invoice("redeem_to", &self.redeem_to)
            });
        }
        p.into_vec()
    }
}

/// Request Payment: a Lightning invoice with a hosted checkout page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ReceiveRequest {
    /// BTC (sent as a JSON number, as the docs type it).
    #[serde(
        deserialize_with = "de::decimal::deserialize",
        serialize_with = "de::decimal_as_number"
    )]
    pub amount: Decimal,
    /// Request on behalf of this ninjatag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver_ninjatag: Option<String>,
    /// The fiat equivalent, for the record.
    #[serde(
        default,
        deserialize_with = "de::opt_decimal::deserialize",
        serialize_with = "de::opt_decimal_as_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub fiat_value: Option<Decimal>,
    /// `INR`, `USD`, `EUR`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiat_currency: Option<String>,
    /// Shown to the payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Minutes until the checkout page expires.
    #[serde(
        default,
        deserialize_with = "de::opt_int::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_in: Option<u32>,
    /// Webhook on payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Redirect after a hosted-checkout payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_url: Option<String>,
    /// The payer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// Your reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Free-form data echoed back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Value>,
}

impl Validate for ReceiveRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        p.check(check::btc_amount("amount", self.amount));
        if let Some(tag) = none_if_blank(&self.receiver_ninjatag) {
            p.check(check::ninjatag("receiver_ninjatag", tag));
        }
        if self.fiat_value.is_some_and(|v| v < Decimal::ZERO) {
            p.add("fiat_value", Rule::NotNegative);
        }
        if self.expires_in == Some(0) {
            p.add("expires_in", Rule::AtLeastOneMinute);
        }
        optional_url(&mut p, "callback_url", &self.callback_url);
        optional_url(&mut p, "success_url", &self.success_url);
        p.into_vec()
    }
}

/// Send Payment: pay out over Lightning or to a ninjatag (Admin key).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct SendRequest {
    /// `ninjatag` or `lightning`.
    pub payment_mode: String,
    /// The recipient, for `ninjatag` mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ninjatag: Option<String>,
    /// BOLT11 or LNURL, for `lightning` mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lightning_invoice: Option<String>,
    /// `invoice` (default) or `lnurl` (which needs `amount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lightning_invoice_type: Option<String>,
    /// BTC; sent as a string, as the docs type it. Not needed for a BOLT11 with an amount.
    #[serde(
        default,
        with = "de::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    /// The fiat equivalent, for the record (a string, as typed in the docs).
    #[serde(
        default,
        with = "de::opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub fiat_value: Option<Decimal>,
    /// `INR`, `USD`, `EUR`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiat_currency: Option<String>,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The payee's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// Your reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Free-form data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra: Option<Value>,
}

impl Validate for SendRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        if !p.check(check::one_of(
            "payment_mode",
            &self.payment_mode,
            &["ninjatag", "lightning"],
        )) {
            return p.into_vec();
        }
        if self.payment_mode == "ninjatag" {
            if let Some(tag) = p.required("ninjatag", self.ninjatag.as_deref()) {
                p.check(check::ninjatag("ninjatag", &tag));
            }
            if self.amount.is_none() {
                p.add("amount", Rule::AmountForNinjatag);
            }
        } else {
            if let Some(invoice) =
                p.required("lightning_invoice", self.lightning_invoice.as_deref())
            {
                p.check(check::lightning_invoice("lightning_invoice", &invoice));
            }
            let kind = self.lightning_invoice_type.as_deref().unwrap_or("invoice");
            p.check(check::one_of(
                "lightning_invoice_type",
                kind,
                &["invoice", "lnurl"],
            ));
            if kind == "lnurl" && self.amount.is_none() {
                p.add("amount", Rule::AmountForLnurl);
            }
        }
        if let Some(a) = self.amount {
            p.check(check::btc_amount("amount", a));
        }
        p.into_vec()
    }
}

/// Request Token: a widget token for an onramp or offramp (Admin key).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct TokenRequest {
    /// `onramp` (receive) or `offramp` (withdraw).
    pub widget_mode: String,
    /// BTC (sent as a JSON number).
    #[serde(
        deserialize_with = "de::decimal::deserialize",
        serialize_with = "de::decimal_as_number"
    )]
    pub amount: Decimal,
    /// Your reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Webhook on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl Validate for TokenRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        p.check(check::one_of(
            "widget_mode",
            &self.widget_mode,
            &["onramp", "offramp"],
        ));
        p.check(check::btc_amount("amount", self.amount));
        optional_url(&mut p, "callback_url", &self.callback_url);
        p.into_vec()
    }
}

/// Request Quote ID: the first step of a BTC/USDT → INR (UPI) payout.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct QuoteIdRequest {
    /// INR to deliver, at most 97,000 (sent as a JSON number).
    #[serde(
        deserialize_with = "de::decimal::deserialize",
        serialize_with = "de::decimal_as_number"
    )]
    pub fiat_amount: Decimal,
    /// `upi` or `ninjatag`.
    pub payment_mode: String,
    /// `btc` or `usdt`.
    pub sending_asset: String,
    /// The destination, for `upi` mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver_upi_id: Option<String>,
    /// The destination, for `ninjatag` mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver_ninjatag: Option<String>,
    /// Your wallet refunded if the UPI transfer fails: `lbtc`, `btc` or `usdt`.
    pub refund_wallet: String,
}

impl Validate for QuoteIdRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        p.check(check::fiat_amount("fiat_amount", self.fiat_amount));
        if p.check(check::one_of(
            "payment_mode",
            &self.payment_mode,
            &["upi", "ninjatag"],
        )) {
            if self.payment_mode == "upi" {
                if let Some(upi) = p.required("receiver_upi_id", self.receiver_upi_id.as_deref()) {
                    p.check(check::upi_id("receiver_upi_id", &upi));
                }
            } else if let Some(tag) =
                p.required("receiver_ninjatag", self.receiver_ninjatag.as_deref())
            {
                p.check(check::ninjatag("receiver_ninjatag", &tag));
            }
        }
        p.check(check::one_of(
            "sending_asset",
            &self.sending_asset,
            &["btc", "usdt"],
        ));
        p.check(check::one_of(
            "refund_wallet",
            &self.refund_wallet,
            &["lbtc", "btc", "usdt"],
        ));
        p.into_vec()
    }
}

/// Request Invoice for Quote: turns a quote id into something to pay.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct QuoteRequest {
    /// From [`crate::Client::request_quote_id`].
    pub quote_id: String,
    /// Webhook on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl Validate for QuoteRequest {
    fn problems(&self) -> Vec<Error> {
        let mut p = Problems::default();
        if let Some(id) = p.required("quote_id", Some(&self.quote_id)) {
            if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
                p.add("quote_id", Rule::LettersDigits);
            }
        }
        optional_url(&mut p, "callback_url", &self.callback_url);
        p.into_vec()
    }
}

#[cfg(test)]
#[path = "requests_tests.rs"]
mod tests;
