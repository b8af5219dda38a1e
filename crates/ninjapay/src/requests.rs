//! What the app sends. Each request is `Deserialize` (the UI's JSON becomes one directly, with
//! amounts as strings or numbers) and `Serialize` into the exact body the docs show, and has a
//! `validate()` the client runs before anything leaves the machine.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::de;
use crate::error::Error;
use crate::validate as check;

fn none_if_blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
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

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), Error> {
        check::btc_amount("amount", self.amount)?;
        if !(1..=check::MAX_VOUCHER_COUNT).contains(&self.voucher_count) {
            return Err(Error::validation(
                "voucher_count",
                "voucher_count must be between 1 and 100",
            ));
        }
        if let Some(email) = none_if_blank(&self.receiver_email) {
            if self.voucher_count != 1 {
                return Err(Error::validation(
                    "receiver_email",
                    "receiver_email can only be used when voucher_count is 1",
                ));
            }
            check::email("receiver_email", email)?;
        }
        if self.expiry == Some(0) {
            return Err(Error::validation(
                "expiry",
                "expiry must be at least 1 minute",
            ));
        }
        if let Some(url) = none_if_blank(&self.unique_design_url) {
            check::http_url("unique_design_url", url)?;
        }
        if let Some(url) = none_if_blank(&self.callback_url) {
            check::http_url("callback_url", url)?;
        }
        Ok(())
    }

    /// The body as sent: blanks dropped, `unique_design` set when a design URL is given.
    pub(crate) fn normalized(&self) -> VoucherRequest {
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
        r
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

impl RedeemRequest {
    /// Checks the code and that `redeem_to` matches `redeem_mode`.
    pub fn validate(&self) -> Result<(), Error> {
        let code = self.voucher_code.trim();
        if code.is_empty() || code.chars().any(|c| !c.is_ascii_alphanumeric()) {
            return Err(Error::validation(
                "voucher_code",
                "voucher_code must be letters and digits, like 7ee15185",
            ));
        }
        check::one_of("redeem_mode", &self.redeem_mode, &["ninjatag", "invoice"])?;
        if self.redeem_mode == "ninjatag" {
            check::ninjatag("redeem_to", &self.redeem_to)
        } else {
            check::lightning_invoice("redeem_to", &self.redeem_to)
        }
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

impl ReceiveRequest {
    /// Checks the amount, the optional ninjatag and URLs.
    pub fn validate(&self) -> Result<(), Error> {
        check::btc_amount("amount", self.amount)?;
        if let Some(tag) = none_if_blank(&self.receiver_ninjatag) {
            check::ninjatag("receiver_ninjatag", tag)?;
        }
        if let Some(v) = self.fiat_value {
            if v < Decimal::ZERO {
                return Err(Error::validation(
                    "fiat_value",
                    "fiat_value must not be negative",
                ));
            }
        }
        if self.expires_in == Some(0) {
            return Err(Error::validation(
                "expires_in",
                "expires_in must be at least 1 minute",
            ));
        }
        if let Some(url) = none_if_blank(&self.callback_url) {
            check::http_url("callback_url", url)?;
        }
        if let Some(url) = none_if_blank(&self.success_url) {
            check::http_url("success_url", url)?;
        }
        Ok(())
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

impl SendRequest {
    /// Checks the mode, its recipient and the amount rules.
    pub fn validate(&self) -> Result<(), Error> {
        check::one_of(
            "payment_mode",
            &self.payment_mode,
            &["ninjatag", "lightning"],
        )?;
        if self.payment_mode == "ninjatag" {
            let tag = check::required("ninjatag", self.ninjatag.as_deref())?;
            check::ninjatag("ninjatag", &tag)?;
            if self.amount.is_none() {
                return Err(Error::validation(
                    "amount",
                    "amount is required to pay a ninjatag",
                ));
            }
        } else {
            let invoice = check::required("lightning_invoice", self.lightning_invoice.as_deref())?;
            check::lightning_invoice("lightning_invoice", &invoice)?;
            let kind = self.lightning_invoice_type.as_deref().unwrap_or("invoice");
            check::one_of("lightning_invoice_type", kind, &["invoice", "lnurl"])?;
            if kind == "lnurl" && self.amount.is_none() {
                return Err(Error::validation(
                    "amount",
                    "amount is required to pay an LNURL",
                ));
            }
        }
        if let Some(a) = self.amount {
            check::btc_amount("amount", a)?;
        }
        Ok(())
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

impl TokenRequest {
    /// Checks the mode, amount and URL.
    pub fn validate(&self) -> Result<(), Error> {
        check::one_of("widget_mode", &self.widget_mode, &["onramp", "offramp"])?;
        check::btc_amount("amount", self.amount)?;
        if let Some(url) = none_if_blank(&self.callback_url) {
            check::http_url("callback_url", url)?;
        }
        Ok(())
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

impl QuoteIdRequest {
    /// Checks the amount, the destination matching the mode, the asset and the refund wallet.
    pub fn validate(&self) -> Result<(), Error> {
        check::fiat_amount("fiat_amount", self.fiat_amount)?;
        check::one_of("payment_mode", &self.payment_mode, &["upi", "ninjatag"])?;
        if self.payment_mode == "upi" {
            let upi = check::required("receiver_upi_id", self.receiver_upi_id.as_deref())?;
            check::upi_id("receiver_upi_id", &upi)?;
        } else {
            let tag = check::required("receiver_ninjatag", self.receiver_ninjatag.as_deref())?;
            check::ninjatag("receiver_ninjatag", &tag)?;
        }
        check::one_of("sending_asset", &self.sending_asset, &["btc", "usdt"])?;
        check::one_of(
            "refund_wallet",
            &self.refund_wallet,
            &["lbtc", "btc", "usdt"],
        )
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

impl QuoteRequest {
    /// Checks the quote id and URL.
    pub fn validate(&self) -> Result<(), Error> {
        let id = check::required("quote_id", Some(&self.quote_id))?;
        if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::validation(
                "quote_id",
                "quote_id must be letters and digits",
            ));
        }
        if let Some(url) = none_if_blank(&self.callback_url) {
            check::http_url("callback_url", url)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn voucher() -> VoucherRequest {
        VoucherRequest {
            amount: Decimal::from_str("0.00001000").unwrap(),
            voucher_count: 2,
            title: Some("Congrats".into()),
            ..Default::default()
        }
    }

    #[test]
    fn voucher_rules() {
        assert!(voucher().validate().is_ok());
        assert_eq!(voucher().total().to_string(), "0.00002000");
        for count in [0, 101] {
            let e = VoucherRequest {
                voucher_count: count,
                ..voucher()
            }
            .validate()
            .unwrap_err();
            assert_eq!(e.field(), Some("voucher_count"));
        }
        let e = VoucherRequest {
            receiver_email: Some("dev@ninjapay.me".into()),
            ..voucher()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("receiver_email"));
        assert!(VoucherRequest {
            receiver_email: Some("dev@ninjapay.me".into()),
            voucher_count: 1,
            ..voucher()
        }
        .validate()
        .is_ok());
        let e = VoucherRequest {
            callback_url: Some("ftp://x".into()),
            ..voucher()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("callback_url"));
    }

    #[test]
    fn a_voucher_body_is_the_documented_one() {
        let r = VoucherRequest {
            unique_design_url: Some("https://example.com/art.png".into()),
            from: Some("  ".into()),
            ..voucher()
        };
        let body = serde_json::to_string(&r.normalized()).unwrap();
        assert_eq!(
            body,
            r#"{"amount":0.00001000,"voucher_count":2,"title":"Congrats","unique_design":true,"unique_design_url":"https://example.com/art.png"}"#
        );
    }

    #[test]
    fn requests_come_from_ui_json_with_string_or_number_amounts() {
        let r: VoucherRequest =
            serde_json::from_str(r#"{"amount":"0.0001","voucher_count":"3"}"#).unwrap();
        assert_eq!(
            (r.amount.to_string().as_str(), r.voucher_count),
            ("0.0001", 3)
        );
        let r: QuoteIdRequest = serde_json::from_str(
            r#"{"fiat_amount":1500,"payment_mode":"upi","sending_asset":"btc","receiver_upi_id":"shop@okaxis","refund_wallet":"lbtc"}"#,
        )
        .unwrap();
        assert!(r.validate().is_ok());
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"fiat_amount":1500,"payment_mode":"upi","sending_asset":"btc","receiver_upi_id":"shop@okaxis","refund_wallet":"lbtc"}"#
        );
    }

    #[test]
    fn redeem_send_token_quote_rules() {
        let ok = RedeemRequest {
            voucher_code: "7ee15185".into(),
            redeem_mode: "ninjatag".into(),
            redeem_to: "@satoshi".into(),
        };
        assert!(ok.validate().is_ok());
        let e = RedeemRequest {
            redeem_mode: "invoice".into(),
            ..ok.clone()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("redeem_to"));
        let e = RedeemRequest {
            redeem_mode: "email".into(),
            ..ok
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("redeem_mode"));

        let e = SendRequest {
            payment_mode: "lightning".into(),
            lightning_invoice: Some("lnurl1dp68gurn8ghj7".into()),
            lightning_invoice_type: Some("lnurl".into()),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("amount"));
        let e = SendRequest {
            payment_mode: "ninjatag".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("ninjatag"));

        let e = TokenRequest {
            widget_mode: "sideways".into(),
            amount: Decimal::ONE,
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field(), Some("widget_mode"));

        let q = QuoteIdRequest {
            fiat_amount: Decimal::from(97_001),
            payment_mode: "upi".into(),
            sending_asset: "btc".into(),
            receiver_upi_id: Some("a@b".into()),
            receiver_ninjatag: None,
            refund_wallet: "lbtc".into(),
        };
        assert_eq!(q.validate().unwrap_err().field(), Some("fiat_amount"));
        let q = QuoteIdRequest {
            fiat_amount: Decimal::from(500),
            receiver_upi_id: None,
            ..q
        };
        assert_eq!(q.validate().unwrap_err().field(), Some("receiver_upi_id"));
        let q = QuoteIdRequest {
            receiver_upi_id: Some("a@b".into()),
            sending_asset: "eth".into(),
            ..q
        };
        assert_eq!(q.validate().unwrap_err().field(), Some("sending_asset"));
    }
}
