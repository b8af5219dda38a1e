//! The payment record (§2.0) that lapi payments and widget tokens both are: the fields they
//! share, kept once ([`RecordFields`]), and the one builder of its wire form
//! ([`RecordFields::view`]). What differs is only the head (`tid` + `payment_mode`, or `token` +
//! `widget_mode`), the status enum, and whether amounts are strings (lapi) or numbers (prod).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::money::{btc_str, Num};
use crate::static_str::{leak, StaticStr};

/// The Lightning invoice (or LNURL) a record is paid with or paid to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invoice {
    /// `invoice` (BOLT11) or `lnurl`.
    #[serde(deserialize_with = "leak")]
    pub kind: StaticStr,
    pub expires_at: Option<i64>,
    pub payreq: String,
}

/// Everything in a payment record except its id, mode, amount and status. Flattened into
/// `Payment` and `Token`, so the state file keeps one flat object per record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordFields {
    pub receiver_ninjatag: Option<String>,
    pub description: Option<String>,
    pub created_at: i64,
    pub callback_url: Option<String>,
    /// What the merchant's webhook answered (set once paid; the sandbox calls nothing).
    pub callback_status: Option<u16>,
    pub success_url: Option<String>,
    pub hosted_checkout_url: Option<String>,
    pub hosted_checkout_expiry: Option<i64>,
    pub customer_name: Option<String>,
    pub order_id: Option<String>,
    pub fiat_currency: Option<String>,
    pub fiat_value: Option<Decimal>,
    /// Free-form, echoed back as given.
    pub extra: Value,
    pub invoice: Option<Invoice>,
    /// Already formatted, e.g. `0.00008161 btc`.
    pub network_fee: Option<String>,
    /// Already formatted, e.g. `0.00000002 btc (0.1%)`.
    pub service_fee: Option<String>,
}

impl RecordFields {
    /// A record created at `created_at` with nothing else filled in (`extra` is `{}`).
    pub fn new(created_at: i64) -> RecordFields {
        RecordFields {
            receiver_ninjatag: None,
            description: None,
            created_at,
            callback_url: None,
            callback_status: None,
            success_url: None,
            hosted_checkout_url: None,
            hosted_checkout_expiry: None,
            customer_name: None,
            order_id: None,
            fiat_currency: None,
            fiat_value: None,
            extra: Value::Object(Default::default()),
            invoice: None,
            network_fee: None,
            service_fee: None,
        }
    }

    /// The wire form: `head`, `wallet`, the signed `amount` (BTC), then the shared fields in
    /// the docs' order. `uri` is `lightning:<payreq>` for money coming in on a BOLT11 invoice.
    pub fn view<'a>(
        &'a self,
        head: RecordHead<'a>,
        amount: Decimal,
        status: &'static str,
        style: AmountStyle,
    ) -> RecordView<'a> {
        let invoice = self.invoice.as_ref();
        RecordView {
            head,
            wallet: "lbtc",
            amount: style.btc(amount),
            receiver_ninjatag: self.receiver_ninjatag.as_deref(),
            description: self.description.as_deref(),
            created_at: self.created_at,
            status,
            callback_url: self.callback_url.as_deref(),
            callback_status: self.callback_status,
            success_url: self.success_url.as_deref(),
            hosted_checkout_url: self.hosted_checkout_url.as_deref(),
            hosted_checkout_expiry: self.hosted_checkout_expiry,
            customer_name: self.customer_name.as_deref(),
            order_id: self.order_id.as_deref(),
            fiat_currency: self.fiat_currency.as_deref(),
            fiat_value: self.fiat_value.map(|v| style.fiat(v)),
            extra: &self.extra,
            uri: invoice
                .filter(|i| i.kind == "invoice" && amount > Decimal::ZERO)
                .map(|i| format!("lightning:{}", i.payreq)),
            ttl: 10,
            lightning_invoice: InvoiceView {
                lightning_invoice_type: invoice.map(|i| i.kind),
                expires_at: invoice.and_then(|i| i.expires_at),
                payreq: invoice.map(|i| i.payreq.as_str()),
            },
            total_fee: FeeView {
                network_fee: self.network_fee.as_deref(),
                service_fee: self.service_fee.as_deref(),
                gst_fee: None,
            },
        }
    }
}

/// How a record names itself: the first two fields of its wire form.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum RecordHead<'a> {
    /// A lapi payment (api host): string `tid`, `payment_mode`.
    Payment {
        tid: &'a str,
        payment_mode: &'static str,
    },
    /// Check Token, onramp shape: integer `token`, `widget_mode`.
    Onramp {
        token: u64,
        widget_mode: &'static str,
    },
    /// Check Token, offramp shape: integer `tid`, `payment_mode`.
    Offramp {
        tid: u64,
        payment_mode: &'static str,
    },
}

/// lapi records carry amounts as strings (`"0.05000000"`, `"2000.22"`); the prod host's
/// widget tokens as JSON numbers with the same digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountStyle {
    Text,
    Number,
}

impl AmountStyle {
    fn btc(self, d: Decimal) -> Amount {
        match self {
            AmountStyle::Text => Amount::Text(btc_str(d)),
            AmountStyle::Number => Amount::Number(Num::dp(d, 8)),
        }
    }
    fn fiat(self, d: Decimal) -> Amount {
        match self {
            AmountStyle::Text => Amount::Text(d.to_string()),
            AmountStyle::Number => Amount::Number(Num(d)),
        }
    }
}

/// An amount on the wire: a string or a JSON number.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Amount {
    Text(String),
    Number(Num),
}

/// The wire form of a payment record (§2.0).
#[derive(Debug, Serialize)]
pub struct RecordView<'a> {
    #[serde(flatten)]
    pub head: RecordHead<'a>,
    pub wallet: &'static str,
    pub amount: Amount,
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
    pub fiat_value: Option<Amount>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_builder_three_heads() {
        let mut r = RecordFields::new(7);
        r.fiat_value = Some(Decimal::new(200022, 2));
        r.invoice = Some(Invoice {
            kind: "invoice",
            expires_at: Some(9),
            payreq: "lnbc1x".into(),
        });
        let lapi = serde_json::to_string(&r.view(
            RecordHead::Payment {
                tid: "T",
                payment_mode: "lightning",
            },
            Decimal::new(5, 2),
            "pending",
            AmountStyle::Text,
        ))
        .unwrap();
        assert!(lapi.starts_with(
            r#"{"tid":"T","payment_mode":"lightning","wallet":"lbtc","amount":"0.05000000","#
        ));
        assert!(lapi.contains(r#""fiat_value":"2000.22""#));
        assert!(lapi.contains(r#""uri":"lightning:lnbc1x""#));
        let off = serde_json::to_string(&r.view(
            RecordHead::Offramp {
                tid: 12,
                payment_mode: "lightning",
            },
            Decimal::new(-5, 2),
            "paid",
            AmountStyle::Number,
        ))
        .unwrap();
        assert!(off.starts_with(
            r#"{"tid":12,"payment_mode":"lightning","wallet":"lbtc","amount":-0.05000000,"#
        ));
        assert!(off.contains(r#""fiat_value":2000.22"#));
        assert!(off.contains(r#""uri":null"#), "money going out has no uri");
    }
}
