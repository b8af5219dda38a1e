//! api host (`https://api.ninjapay.me`): `/lapi/v1/*` and `/tapi/v1/*`, enveloped bodies,
//! string tids.

use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::json;

use super::{btc_amount, enveloped, Call};
use crate::bolt11;
use crate::error::{ApiError, ApiResult};
use crate::money::btc_str;
use crate::params::Params;
use crate::state::payments::{Invoice, PayStatus, Payment, ReceiveRequest};
use crate::state::vouchers::{RedeemError, VoucherBatch, VoucherCode};
use crate::state::{iso, MERCHANT_TAG};

/// Flat network fee the sandbox charges for Lightning sends.
const NETWORK_FEE_SATS: i64 = 100;

fn network_fee() -> Decimal {
    Decimal::new(NETWORK_FEE_SATS, 8)
}

pub(super) fn url_field(p: &Params, name: &str) -> ApiResult<Option<String>> {
    let v = p.opt_nonempty(name)?;
    if let Some(u) = &v {
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            return Err(ApiError::bad(format!("{name} must be an http(s) URL")));
        }
    }
    Ok(v)
}

pub(super) fn ninjatag_field(name: &str, raw: &str) -> ApiResult<String> {
    let tag = raw.trim().trim_start_matches('@');
    if tag.is_empty()
        || tag.len() > 64
        || !tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
    {
        return Err(ApiError::bad(format!(
            "{name} must be a ninjatag username (letters, digits, _ . -)"
        )));
    }
    Ok(tag.to_string())
}

fn fiat_value(p: &Params) -> ApiResult<Option<Decimal>> {
    let v = p.opt_decimal("fiat_value")?;
    if v.is_some_and(|v| v.is_sign_negative()) {
        return Err(ApiError::bad("fiat_value must not be negative"));
    }
    Ok(v)
}

fn insufficient(needed: Decimal, balance: Decimal, what: &str) -> ApiError {
    ApiError::bad(format!(
        "insufficient balance: {what} needs {} BTC but the wallet holds {} BTC",
        btc_str(needed),
        btc_str(balance)
    ))
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
        receiver_ninjatag: tag,
        description,
        created_at: now,
        status: PayStatus::Paid,
        callback_url: None,
        callback_status: None,
        success_url: None,
        hosted_checkout_url: None,
        hosted_checkout_expiry: None,
        customer_name,
        order_id,
        fiat_currency,
        fiat_value,
        extra: extra.unwrap_or_else(|| json!({})),
        invoice,
        network_fee: (!fee.is_zero()).then(|| format!("{} btc", btc_str(fee))),
        service_fee: None,
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
    let payreq = bolt11::encode(amount, &mut w.rng);
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

pub fn history(c: &Call) -> ApiResult<Response> {
    let limit = c
        .params
        .opt_u64("limit")
        .map_err(|_| ApiError::bad("limit must be a whole number between 1 and 100"))?
        .unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::bad("limit must be between 1 and 100"));
    }
    let w = c.shared.world();
    let mut records: Vec<_> = w.payments.iter().rev().collect();
    records.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    let views: Vec<_> = records
        .into_iter()
        .take(limit as usize)
        .map(|p| p.view())
        .collect();
    Ok(enveloped(views, ""))
}

pub fn decode(c: &Call) -> ApiResult<Response> {
    let raw = c.params.req_str("payreq")?;
    let payreq = raw.strip_prefix("lightning:").unwrap_or(&raw).to_string();
    let now = c.shared.now();
    let w = c.shared.world();
    let known = w
        .invoices
        .get(&payreq)
        .and_then(|tid| w.payments.iter().find(|p| &p.tid == tid));
    let (amount, description, expires_at) = match known {
        Some(p) => (
            p.amount,
            p.description.clone().unwrap_or_default(),
            p.invoice
                .as_ref()
                .and_then(|i| i.expires_at)
                .unwrap_or(now + 600),
        ),
        None => {
            let amount =
                bolt11::amount_of(&payreq).map_err(|why| ApiError::bad(format!("payreq {why}")))?;
            (amount, String::new(), now + 3_600)
        }
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

pub fn request_voucher(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let amount = btc_amount("amount", p.req_decimal("amount")?)?;
    let count = p
        .opt_u64("voucher_count")
        .map_err(|_| ApiError::bad("voucher_count must be a whole number between 1 and 100"))?
        .ok_or_else(|| ApiError::bad("voucher_count is required"))?;
    if !(1..=100).contains(&count) {
        return Err(ApiError::bad("voucher_count must be between 1 and 100"));
    }
    let expiry = p
        .opt_u64("expiry")
        .map_err(|_| ApiError::bad("expiry must be a whole number of minutes"))?
        .unwrap_or(7 * 24 * 60);
    if !(1..=525_600).contains(&expiry) {
        return Err(ApiError::bad("expiry must be between 1 and 525600 minutes"));
    }
    let receiver_email = p.opt_nonempty("receiver_email")?;
    if let Some(e) = &receiver_email {
        if count != 1 {
            return Err(ApiError::bad(
                "receiver_email is only allowed when voucher_count is 1",
            ));
        }
        if !e.contains('@') || e.contains(' ') {
            return Err(ApiError::bad("receiver_email must be an email address"));
        }
    }
    let unique_design = p.opt_bool("unique_design")?.unwrap_or(false);
    let unique_design_url = url_field(p, "unique_design_url")?;
    if unique_design && unique_design_url.is_none() {
        return Err(ApiError::bad(
            "unique_design_url is required when unique_design is true",
        ));
    }
    let from = p.opt_nonempty("from")?;
    let title = p.opt_nonempty("title")?;
    let callback_url = url_field(p, "callback_url")?;

    let total = amount * Decimal::from(count);
    let now = c.shared.now();
    let mut guard = c.shared.world();
    let w = &mut *guard;
    if w.balance < total {
        return Err(insufficient(total, w.balance, "amount × voucher_count"));
    }
    w.balance -= total;
    let mut batch = VoucherBatch {
        tid: w.new_str_tid(),
        static_id: w.new_int_tid(),
        created_at: now,
        expires_at: now + expiry as i64 * 60,
        amount,
        from,
        title,
        email_status: if receiver_email.is_some() {
            "success"
        } else {
            "undefined"
        },
        receiver_email,
        unique_design,
        unique_design_url,
        callback_url,
        revoked: false,
        revoked_at: None,
        refunded: false,
        codes: (0..count)
            .map(|_| VoucherCode::open(w.new_hex(8)))
            .collect(),
    };
    batch.schedule_customers(&mut w.rng);
    let resp = enveloped(batch.created_view(), "");
    w.vouchers.push(batch);
    Ok(resp)
}

pub fn check_voucher(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_str("tid")?;
    let w = c.shared.world();
    let v = w
        .vouchers
        .iter()
        .find(|v| v.tid == tid)
        .ok_or_else(|| ApiError::not_found(format!("voucher request tid {tid} not found")))?;
    Ok(enveloped(v.check_view(), ""))
}

pub fn revoke_voucher(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_str("tid")?;
    let now = c.shared.now();
    let mut guard = c.shared.world();
    let w = &mut *guard;
    let v = w
        .vouchers
        .iter_mut()
        .find(|v| v.tid == tid)
        .ok_or_else(|| ApiError::not_found(format!("voucher request tid {tid} not found")))?;
    v.revoke(now, &mut w.balance)
        .map_err(|why| ApiError::bad(format!("voucher request tid {tid} {why}")))?;
    Ok(enveloped(
        json!({"tid": tid, "revoked": true, "revoked_at": v.revoked_at}),
        "",
    ))
}

pub fn redeem_voucher(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let code = p.req_str("voucher_code")?;
    let mode = p
        .opt_nonempty("redeem_mode")?
        .unwrap_or_else(|| "ninjatag".into())
        .to_ascii_lowercase();
    let redeem_to = p.opt_nonempty("redeem_to")?;
    let who = match mode.as_str() {
        // The docs' example sends only voucher_code: default to the merchant's own ninjatag.
        "ninjatag" => ninjatag_field("redeem_to", redeem_to.as_deref().unwrap_or(MERCHANT_TAG))?,
        "invoice" => {
            let inv = redeem_to.ok_or_else(|| {
                ApiError::bad("redeem_to is required when redeem_mode is invoice")
            })?;
            let lower = inv.to_ascii_lowercase();
            if !["lnbc", "lntb", "lnurl"]
                .iter()
                .any(|p| lower.starts_with(p))
            {
                return Err(ApiError::bad(
                    "redeem_to must be a BOLT11 invoice (lnbc…) when redeem_mode is invoice",
                ));
            }
            inv
        }
        _ => return Err(ApiError::bad("redeem_mode must be ninjatag or invoice")),
    };
    let now = c.shared.now();
    let mut w = c.shared.world();
    let (bi, ci) = w
        .vouchers
        .iter()
        .enumerate()
        .find_map(|(bi, v)| {
            v.codes
                .iter()
                .position(|c| c.code == code)
                .map(|ci| (bi, ci))
        })
        .ok_or_else(|| ApiError::not_found(format!("voucher_code {code} not found")))?;
    w.redeem_code(bi, ci, who, now).map_err(|e| {
        ApiError::bad(match e {
            RedeemError::Revoked => format!("voucher_code {code} has been revoked"),
            RedeemError::Expired => format!("voucher_code {code} has expired"),
            RedeemError::AlreadyRedeemed => format!("voucher_code {code} was already redeemed"),
        })
    })?;
    let vc = &w.vouchers[bi].codes[ci];
    Ok(enveloped(
        json!({
            "voucher_code": code,
            "redeemed": true,
            "redeemed_mode": mode,
            "redeemed_by": vc.redeemed_by,
            "redeemed_tid": vc.redeemed_tid,
            "redeemed_at": vc.redeemed_at,
        }),
        "",
    ))
}

pub fn asset_balance(c: &Call) -> ApiResult<Response> {
    let now = c.shared.now();
    let w = c.shared.world();
    let mut data = serde_json::Map::new();
    // Only non-zero balances appear, like the docs' sample (btc and eth only).
    for (asset, amount) in [
        ("lbtc", w.balance),
        ("btc", Decimal::new(12, 2)),
        ("eth", Decimal::new(15, 1)),
    ] {
        if !amount.is_zero() {
            data.insert(asset.into(), btc_str(amount).into());
        }
    }
    Ok(enveloped(data, &last_updated(now)))
}

/// `last updated at 2:42pm, 12Jan 24`, the docs' wording.
fn last_updated(now: i64) -> String {
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp(now) else {
        return "last updated just now".into();
    };
    let (h, ampm) = match t.hour() {
        0 => (12, "am"),
        h @ 1..=11 => (h, "am"),
        12 => (12, "pm"),
        h => (h - 12, "pm"),
    };
    let month = format!("{:?}", t.month());
    format!(
        "last updated at {h}:{:02}{ampm}, {}{} {:02}",
        t.minute(),
        t.day(),
        &month[..3],
        t.year() % 100
    )
}

pub fn check_order(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_str("tid")?;
    let w = c.shared.world();
    let o = w
        .orders
        .iter()
        .find(|o| o.tid == tid)
        .ok_or_else(|| ApiError::not_found(format!("order tid {tid} not found")))?;
    Ok(enveloped(o.view(), ""))
}

pub fn revoke_order(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_str("tid")?;
    let now = c.shared.now();
    let mut w = c.shared.world();
    let o = w
        .order_mut(&tid)
        .ok_or_else(|| ApiError::not_found(format!("order tid {tid} not found")))?;
    o.revoke(now)
        .map_err(|why| ApiError::bad(format!("order tid {tid} {why}")))?;
    Ok(enveloped(
        json!({"tid": tid, "revoked": true, "revoked_at": o.revoked_at}),
        "",
    ))
}
