//! Widget integration: on/offramp tokens (`prod` host).

use ninjapay::{TokenCreated, TokenDetail};
use ninjapay_watch::WatchRequest;
use tauri::State;

use super::{body, parse_tid};
use crate::error::AppResult;
use crate::session::Desk;

/// Create a widget token (Admin key), and watch it until final.
#[tauri::command]
pub async fn request_token(
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<TokenCreated> {
    let token = desk.client().await?.request_token(&body(request)?).await?;
    desk.auto_watch(WatchRequest::token(&token)).await;
    Ok(token)
}

/// One token's state.
#[tauri::command]
pub async fn check_token(desk: State<'_, Desk>, tid: String) -> AppResult<TokenDetail> {
    Ok(desk.client().await?.check_token(&parse_tid(&tid)?).await?)
}
