//! Withdraw vouchers (§3, api host): request, check, revoke, redeem.

use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::json;

use super::context::Call;
use super::fields::{btc_amount, insufficient, ninjatag_field, url_field};
use super::reply::enveloped;
use crate::error::{ApiError, ApiResult};
use crate::state::vouchers::{RedeemError, VoucherBatch, VoucherCode};
use crate::state::MERCHANT_TAG;

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
