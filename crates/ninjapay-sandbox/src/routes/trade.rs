//! Spot trade (§4, api host): asset balances, check and revoke an order.

use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::json;

use super::context::Call;
use super::reply::enveloped;
use crate::error::{ApiError, ApiResult};
use crate::money::btc_str;

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
