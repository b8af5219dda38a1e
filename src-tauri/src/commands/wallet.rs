//! The BTC / Lightning wallet (`api` host, `/lapi/v1`).

use ninjapay::{DecodedInvoice, Payment, SendReceipt, WalletInfo};
use ninjapay_watch::WatchRequest;
use tauri::State;

use super::{body, parse_tid};
use crate::error::AppResult;
use crate::session::Desk;

/// Default number of payments `history` returns.
const DEFAULT_HISTORY: u32 = 20;

/// Wallet name and balance.
#[tauri::command]
pub async fn wallet_info(desk: State<'_, Desk>) -> AppResult<WalletInfo> {
    Ok(desk.client().await?.wallet_info().await?)
}

/// Create a payment request (BOLT11 invoice), and watch it until paid.
#[tauri::command]
pub async fn receive(desk: State<'_, Desk>, request: serde_json::Value) -> AppResult<Payment> {
    let payment = desk.client().await?.receive(&body(request)?).await?;
    desk.auto_watch(WatchRequest::payment(&payment)).await;
    Ok(payment)
}

/// One payment's state.
#[tauri::command]
pub async fn check_payment(desk: State<'_, Desk>, tid: String) -> AppResult<Payment> {
    Ok(desk
        .client()
        .await?
        .check_payment(&parse_tid(&tid)?)
        .await?)
}

/// Pay a Lightning invoice (Admin key). Sent once, never retried.
#[tauri::command]
pub async fn send(desk: State<'_, Desk>, request: serde_json::Value) -> AppResult<SendReceipt> {
    Ok(desk.client().await?.send(&body(request)?).await?)
}

/// The latest payments.
#[tauri::command]
pub async fn history(desk: State<'_, Desk>, limit: Option<u32>) -> AppResult<Vec<Payment>> {
    let limit = limit.unwrap_or(DEFAULT_HISTORY);
    Ok(desk.client().await?.history(limit).await?)
}

/// Decode a BOLT11 invoice.
#[tauri::command]
pub async fn decode(desk: State<'_, Desk>, invoice: String) -> AppResult<DecodedInvoice> {
    Ok(desk.client().await?.decode(invoice.trim()).await?)
}
