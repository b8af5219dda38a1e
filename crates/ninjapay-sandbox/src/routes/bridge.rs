//! The Fiat x Web3 bridge (§6, prod host): request a quote id, turn it into a payable quote,
//! check it. Bare bodies, integer tids.

use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::json;

use super::context::Call;
use super::fields::{ninjatag_field, url_field};
use super::reply::bare;
use crate::bolt11;
use crate::error::{ApiError, ApiResult};
use crate::money::real_scale;
use crate::state::quotes::{crypto_for, Quote, QuoteDraft, QuoteStatus, QUOTE_TTL};

fn one_of(c: &Call, name: &str, allowed: &[&str]) -> ApiResult<String> {
    let v = c.params.req_str(name)?.to_ascii_lowercase();
    if allowed.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(ApiError::bad(format!(
            "{name} must be one of {}",
            allowed.join(", ")
        )))
    }
}

/// `name@bank`: one `@`, both sides non-empty, no spaces.
fn upi_id(raw: &str) -> ApiResult<String> {
    let v = raw.trim();
    let ok = match v.split_once('@') {
        Some((name, bank)) => {
            !name.is_empty()
                && !bank.is_empty()
                && !bank.contains('@')
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@._-".contains(c))
        }
        None => false,
    };
    if ok {
        Ok(v.to_string())
    } else {
        Err(ApiError::bad(
            "receiver_upi_id must be a UPI id like name@bank",
        ))
    }
}

pub fn request_quote_id(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let fiat = p.req_decimal("fiat_amount")?;
    if fiat <= Decimal::ZERO {
        return Err(ApiError::bad("fiat_amount must be greater than 0"));
    }
    if fiat > Decimal::from(97_000) {
        return Err(ApiError::bad("fiat_amount must be at most 97000 INR"));
    }
    if real_scale(fiat) > 2 {
        return Err(ApiError::bad(
            "fiat_amount must have at most 2 decimal places (paise)",
        ));
    }
    let payment_mode = one_of(c, "payment_mode", &["upi", "ninjatag"])?;
    let sending_asset = one_of(c, "sending_asset", &["btc", "usdt"])?;
    let (receiver_upi_id, receiver_ninjatag) = if payment_mode == "upi" {
        (Some(upi_id(&p.req_str("receiver_upi_id")?)?), None)
    } else {
        let tag = ninjatag_field("receiver_ninjatag", &p.req_str("receiver_ninjatag")?)?;
        (None, Some(tag))
    };
    let refund_wallet = one_of(c, "refund_wallet", &["lbtc", "btc", "usdt"])?;
    // The primary UPI id linked to a receiver ninjatag (made up, stable).
    let linked_upi_id = receiver_ninjatag.as_ref().map(|t| format!("{t}@ninjapay"));
    let mut w = c.shared.world();
    let quote_id = w.new_hex(32);
    w.quote_drafts.insert(
        quote_id.clone(),
        QuoteDraft {
            quote_id: quote_id.clone(),
            fiat_amount: fiat,
            payment_mode,
            sending_asset,
            receiver_upi_id,
            receiver_ninjatag,
            refund_wallet,
            linked_upi_id: linked_upi_id.clone(),
            used: false,
        },
    );
    Ok(bare(
        json!({ "quote_id": quote_id, "linked_upi_id": linked_upi_id }),
    ))
}

pub fn request_quote(c: &Call) -> ApiResult<Response> {
    let p = &c.params;
    let quote_id = p.req_str("quote_id")?;
    let callback_url = url_field(p, "callback_url")?;
    let now = c.shared.now();
    let mut guard = c.shared.world();
    let w = &mut *guard;
    let draft = w
        .quote_drafts
        .get_mut(&quote_id)
        .ok_or_else(|| ApiError::not_found(format!("quote_id {quote_id} not found")))?;
    if draft.used {
        return Err(ApiError::bad(format!(
            "quote_id {quote_id} was already used; request a new one"
        )));
    }
    draft.used = true;
    let draft = draft.clone();
    let amount = crypto_for(&draft.sending_asset, draft.fiat_amount);
    let btc = draft.sending_asset == "btc";
    let lightning_invoice = if btc {
        bolt11::encode(amount, now, &mut w.rng)
    } else {
        String::new()
    };
    let onchain_address = if btc {
        format!("bc1q{}", w.new_hex(38))
    } else {
        format!("0x{}", w.new_hex(40))
    };
    let mut q = Quote {
        tid: w.new_int_tid(),
        created_at: now,
        status: QuoteStatus::Pending,
        sending_asset: draft.sending_asset.clone(),
        sending_asset_amount: amount,
        fiat_amount: draft.fiat_amount,
        payment_method: draft.payment_mode.clone(),
        lightning_invoice,
        onchain_address,
        onchain_address_network: if btc { "BTC" } else { "ERC20" },
        expires_at: now + QUOTE_TTL,
        callback_url,
        receiver_upi_id: draft.receiver_upi_id.clone(),
        receiver_ninjatag: draft.receiver_ninjatag.clone(),
        refund_wallet: draft.refund_wallet.clone(),
        transaction_time: now,
        fate: None,
    };
    q.schedule(&mut w.rng);
    let resp = bare(q.created_view());
    w.quotes.push(q);
    Ok(resp)
}

pub fn check_quote(c: &Call) -> ApiResult<Response> {
    let tid = c.params.tid_int("tid")?;
    let w = c.shared.world();
    let q = w
        .quotes
        .iter()
        .find(|q| q.tid == tid)
        .ok_or_else(|| ApiError::not_found(format!("quote tid {tid} not found")))?;
    Ok(bare(q.check_view()))
}
