//! Fiat x Web3 bridge, BTC/USDT → INR over UPI (`prod` host, `/sapi/v1`).

use ninjapay::{Quote, QuoteIdCreated, QuoteInvoice};
use ninjapay_watch::WatchRequest;
use tauri::State;

use super::{body, parse_tid};
use crate::error::AppResult;
use crate::session::Desk;

/// Ask for a quote id.
#[tauri::command]
pub async fn request_quote_id(
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<QuoteIdCreated> {
    Ok(desk
        .client()
        .await?
        .request_quote_id(&body(request)?)
        .await?)
}

/// Get the invoice to pay for a quote, and watch the quote until final.
#[tauri::command]
pub async fn request_quote(
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<QuoteInvoice> {
    let quote = desk.client().await?.request_quote(&body(request)?).await?;
    desk.auto_watch(WatchRequest::quote(&quote)).await;
    Ok(quote)
}

/// One quote's state.
#[tauri::command]
pub async fn check_quote(desk: State<'_, Desk>, tid: String) -> AppResult<Quote> {
    Ok(desk.client().await?.check_quote(&parse_tid(&tid)?).await?)
}
