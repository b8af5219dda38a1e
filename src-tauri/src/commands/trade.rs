//! Spot trade (`api` host, `/tapi/v1`).

use ninjapay::{AssetBalances, Order, Revocation};
use tauri::State;

use super::parse_tid;
use crate::error::AppResult;
use crate::session::Desk;

/// Balances of every asset.
#[tauri::command]
pub async fn asset_balance(desk: State<'_, Desk>) -> AppResult<AssetBalances> {
    Ok(desk.client().await?.asset_balance().await?)
}

/// One order's state.
#[tauri::command]
pub async fn check_order(desk: State<'_, Desk>, tid: String) -> AppResult<Order> {
    Ok(desk.client().await?.check_order(&parse_tid(&tid)?).await?)
}

/// Cancel an open order.
#[tauri::command]
pub async fn revoke_order(desk: State<'_, Desk>, tid: String) -> AppResult<Revocation> {
    Ok(desk.client().await?.revoke_order(&parse_tid(&tid)?).await?)
}
