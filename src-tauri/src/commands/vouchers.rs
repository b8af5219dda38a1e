//! Withdraw vouchers (`api` host, `/lapi/v1`).

use ninjapay::{Redemption, Revocation, Voucher};
use ninjapay_watch::WatchRequest;
use tauri::State;

use super::{body, parse_tid};
use crate::error::AppResult;
use crate::session::Desk;

/// Create a voucher batch (Admin key), and watch it until every code is redeemed (or it is
/// revoked or expires).
#[tauri::command]
pub async fn request_voucher(
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<Voucher> {
    let voucher = desk
        .client()
        .await?
        .request_voucher(&body(request)?)
        .await?;
    desk.auto_watch(WatchRequest::voucher(&voucher)).await;
    Ok(voucher)
}

/// A voucher batch and each code's state.
#[tauri::command]
pub async fn check_voucher(desk: State<'_, Desk>, tid: String) -> AppResult<Voucher> {
    Ok(desk
        .client()
        .await?
        .check_voucher(&parse_tid(&tid)?)
        .await?)
}

/// Revoke a voucher batch.
#[tauri::command]
pub async fn revoke_voucher(desk: State<'_, Desk>, tid: String) -> AppResult<Revocation> {
    Ok(desk
        .client()
        .await?
        .revoke_voucher(&parse_tid(&tid)?)
        .await?)
}

/// Redeem a voucher code.
#[tauri::command]
pub async fn redeem_voucher(
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<Redemption> {
    Ok(desk.client().await?.redeem_voucher(&body(request)?).await?)
}
