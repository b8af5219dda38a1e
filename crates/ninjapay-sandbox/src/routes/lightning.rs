//! The Lightning wallet (§2, api host): wallet info, send, receive, check payment, history,
//! decode.

use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::json;

use super::context::Call;
use super::fields::{btc_amount, fiat_value, insufficient, ninjatag_field, url_field};
use super::reply::enveloped;
use crate::bolt11;
use crate::error::{ApiError, ApiResult};
use crate::iso_time::iso;
use crate::money::btc_str;
use crate::seed;
use crate::state::payments::{PayStatus, Payment, ReceiveRequest};
use crate::state::record::{Invoice, RecordFields};
use crate::state::MERCHANT_TAG;

/// Flat network fee the sandbox charges for Lightning sends.
const NETWORK_FEE_SATS: i64 = 100;

fn network_fee() -> Decimal {
    Decimal::new(NETWORK_FEE_SATS, 8)
}

pub fn wallet(c: &Call) -> ApiResult<Response> {
    let w = c.shared.world();
    let pending = w
        .payments
        .iter()
        .filter(|p| p.status == PayStatus::Pending && p.is_incoming())
        .count();
    Ok(enveloped(
        json!({
            "wallet": "lbtc",
            "ninjatag": MERCHANT_TAG,
            "balance": btc_str(w.balance),
            "currency": "BTC",
            "key_kind": c.kind.as_str(),
            "pending_receive": pending,
            "sandbox": true,
        }),
        "",
    ))
}

pub fn send(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let mode = p.req_str("payment_mode")?.to_ascii_lowercase();
    let description = p.opt_nonempty("description")?;
    let fiat_value = fiat_value(p)?;
    let fiat_currency = p.opt_nonempty("fiat_currency")?;
    let customer_name = p.opt_nonempty("customer_name")?;
    let order_id = p.opt_nonempty("order_id")?;
    let extra = p.opt_object("extra")?;
    let given_amount = p
        .opt_decimal("amount")?
        .map(|a| btc_amount("amount", a))
        .transpose()?;

    let (payment_mode, amount, fee, tag, invoice) = match mode.as_str() {
        "ninjatag" => {
            let tag = ninjatag_field("ninjatag", &p.req_str("ninjatag")?)?;
            let amount = given_amount
                .ok_or_else(|| ApiError::bad("amount is required for a ninjatag send"))?;
            ("ninjatag", amount, Decimal::ZERO, Some(tag), None)
        }
        "lightning" => {
            let inv = p.req_str("lightning_invoice")?;
            let inv = inv.strip_prefix("lightning:").unwrap_or(&inv).to_string();
            let kind = p
                .opt_nonempty("lightning_invoice_type")?
                .unwrap_or_else(|| "invoice".into())
                .to_ascii_lowercase();
            let (kind, amount) = match kind.as_str() {
                "invoice" => {
                    let amount = match bolt11::amount_of(&inv) {
                        Ok(a) => btc_amount("lightning_invoice amount", a)?,
                        Err("has no amount") => given_amount.ok_or_else(|| {
                            ApiError::bad("amount is required: lightning_invoice has no amount")
                        })?,
                        Err(why) => return Err(ApiError::bad(format!("lightning_invoice {why}"))),
                    };
                    ("invoice", amount)
                }
                "lnurl" => {
                    if !inv.to_ascii_lowercase().starts_with("lnurl") {
                        return Err(ApiError::bad(
                            "lightning_invoice must be an LNURL (lnurl…) when lightning_invoice_type is lnurl",
                        ));
                    }
                    let amount = given_amount.ok_or_else(|| {
                        ApiError::bad("amount is required when lightning_invoice_type is lnurl")
                    })?;
                    ("lnurl", amount)
                }
                _ => {
                    return Err(ApiError::bad(
                        "lightning_invoice_type must be invoice or lnurl",
                    ))
                }
            };
            let invoice = Invoice {
                kind,
                expires_at: None,
                payreq: inv,
            };
            ("lightning", amount, network_fee(), None, Some(invoice))
        }
        _ => return Err(ApiError::bad("payment_mode must be ninjatag or lightning")),
    };

    let now = c.shared.now();
    let mut guard = c.shared.world();
    let w = &mut *guard;
    if w.balance < amount + fee {
        return Err(insufficient(
            amount + fee,
            w.balance,
            "this send (amount + network fee)",
        ));
    }
    w.balance -= amount + fee;
    let tid = w.new_str_tid();
    // Paying an invoice this sandbox issued settles that request (an internal transfer).
    let internal = invoice
        .as_ref()
        .and_then(|i| w.invoices.get(&i.payreq).cloned());
    w.payments.push(Payment {
        tid: tid.clone(),
        payment_mode,
        amount: -amount,
        status: PayStatus::Paid,
        record: RecordFields {
            receiver_ninjatag: tag,
            description,
            customer_name,
            order_id,
            fiat_currency,
            fiat_value,
            extra: extra.unwrap_or_else(|| json!({})),
            invoice,
            network_fee: (!fee.is_zero()).then(|| format!("{} btc", btc_str(fee))),
            ..RecordFields::new(now)
        },
        fate: None,
        credits_wallet: false,
        credited: false,
    });
    if let Some(target) = internal {
        if let Some(p) = w.payments.iter_mut().find(|p| p.tid == target) {
            if p.status == PayStatus::Pending {
                p.force(PayStatus::Paid, &mut w.balance);
            }
        }
    }
    Ok(enveloped(json!({ "tid": tid }), "Paid"))
}

pub fn receive(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let amount = btc_amount("amount", p.req_decimal("amount")?)?;
    let expires_in = p
        .opt_u64("expires_in")
        .map_err(|_| ApiError::bad("expires_in must be a whole number of minutes"))?
        .unwrap_or(10);
    if !(1..=10_080).contains(&expires_in) {
        return Err(ApiError::bad(
            "expires_in must be between 1 and 10080 minutes",
        ));
    }
    let receiver_ninjatag = p
        .opt_nonempty("receiver_ninjatag")?
        .map(|t| ninjatag_field("receiver_ninjatag", &t))
        .transpose()?;
    let req = ReceiveRequest {
        amount,
        receiver_ninjatag,
        fiat_value: fiat_value(p)?,
        fiat_currency: p.opt_nonempty("fiat_currency")?,
        description: p.opt_nonempty("description")?,
        expires_in_min: expires_in as i64,
        callback_url: url_field(p, "callback_url")?,
        success_url: url_field(p, "success_url")?,
        customer_name: p.opt_nonempty("customer_name")?,
        order_id: p.opt_nonempty("order_id")?,
        extra: p.opt_object("extra")?,
    };
    let now = c.shared.now();
    let mut guard = c.shared.world();
    let w = &mut *guard;
    let tid = w.new_str_tid();
    let payreq = bolt11::encode(amount, now, &mut w.rng);
    w.invoices.insert(payreq.clone(), tid.clone());
    let payment = Payment::new_receive(tid, payreq, req, now, &mut w.rng);
    let resp = enveloped(payment.view(), "");
    w.payments.push(payment);
    Ok(resp)
}

pub fn check_payment(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_str("tid")?;
    let w = c.shared.world();
    let p = w
        .payments
        .iter()
        .find(|p| p.tid == tid)
        .ok_or_else(|| ApiError::not_found(format!("payment tid {tid} not found")))?;
    Ok(enveloped(p.view(), ""))
}

/// The latest `limit` payments, newest first. The docs set no maximum, so neither does the
/// sandbox unless `history_max` asks it to answer with fewer.
pub fn history(c: &Call) -> ApiResult<Response> {
    let limit = c
        .params
        .opt_u64("limit")
        .map_err(|_| ApiError::bad("limit must be a whole number of records, at least 1"))?
        .unwrap_or(20);
    if limit == 0 {
        return Err(ApiError::bad("limit must be at least 1"));
    }
    let mut n = usize::try_from(limit).unwrap_or(usize::MAX);
    if let Some(max) = c.shared.history_max() {
        n = n.min(max);
    }
    let w = c.shared.world();
    // Newest first; among records made the same second, the one made last first.
    let mut records: Vec<_> = w.payments.iter().rev().collect();
    records.sort_by_key(|p| std::cmp::Reverse(p.record.created_at));
    let views: Vec<_> = records.into_iter().take(n).map(|p| p.view()).collect();
    Ok(enveloped(views, ""))
}

pub fn decode(c: &Call) -> ApiResult<Response> {
    let raw = c.params.req_str("payreq")?;
    let payreq = raw.strip_prefix("lightning:").unwrap_or(&raw).to_string();
    let amount = bolt11::amount_of(&payreq).map_err(|why| ApiError::bad(format!("payreq {why}")));
    if let Some(sample) = seed::docs_decode(&payreq) {
        // The docs' own example answers with the docs' own values.
        return Ok(enveloped(
            json!({
                "amount": btc_str(amount?),
                "payreq": payreq,
                "expires_at": iso(sample.expires_at),
                "network": "lightning",
                "description": sample.description,
                "descriptionHash": sample.description_hash,
                "paymentHash": sample.payment_hash,
                "paymentSecret": sample.payment_secret,
                "payee": sample.payee,
                "signature": sample.signature,
            }),
            "",
        ));
    }
    let now = c.shared.now();
    let w = c.shared.world();
    let known = w
        .invoices
        .get(&payreq)
        .and_then(|tid| w.payments.iter().find(|p| &p.tid == tid));
    let (amount, description, expires_at) = match known {
        Some(p) => (
            p.amount,
            p.record.description.clone().unwrap_or_default(),
            p.record
                .invoice
                .as_ref()
                .and_then(|i| i.expires_at)
                .unwrap_or(now + 600),
        ),
        None => (amount?, String::new(), now + 3_600),
    };
    Ok(enveloped(
        json!({
            "amount": btc_str(amount),
            "payreq": payreq,
            "expires_at": iso(expires_at),
            "network": "lightning",
            "description": description,
            "descriptionHash": bolt11::fake_hex(&payreq, 1, 64),
            "paymentHash": bolt11::fake_hex(&payreq, 2, 64),
            "paymentSecret": bolt11::fake_hex(&payreq, 3, 64),
            "payee": format!("02{}", bolt11::fake_hex(&payreq, 4, 64)),
            "signature": bolt11::fake_hex(&payreq, 5, 128),
        }),
        "",
    ))
}
