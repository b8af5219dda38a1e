//! Fiat x Web3 bridge, BTC/USDT → INR over UPI (`prod` host, `/sapi/v1`).

use ninjapay::{Quote, QuoteIdCreated, QuoteIdRequest, QuoteInvoice, QuoteRequest};
use ninjapay_ledger::{Origin, Seen};
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{after_write, body, parse_tid};
use crate::desk::Desk;
use crate::error::AppResult;

/// Ask for a quote id (moves nothing yet, but creates a quote: sent once).
#[tauri::command]
pub async fn request_quote_id(
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<QuoteIdCreated> {
    let request: QuoteIdRequest = body(request)?;
    Ok(desk
        .session()
        .client()
        .await?
        .request_quote_id(&request)
        .await?)
}

/// Get the invoice to pay for a quote, and watch the quote until final.
#[tauri::command]
pub async fn request_quote<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<QuoteInvoice> {
    let request: QuoteRequest = body(request)?;
    let (account, client) = desk.session().current().await?;
    let quote = after_write(
        &app,
        client.request_quote(&request).await.map_err(Into::into),
    )?;
    desk.books()
        .file(&account, Origin::Created, &[Seen::QuoteInvoice(&quote)]);
    desk.auto_watch(WatchRequest::quote(account, &quote)).await;
    Ok(quote)
}

/// One quote's state.
#[tauri::command]
pub async fn check_quote(desk: State<'_, Desk>, tid: String) -> AppResult<Quote> {
    let tid = parse_tid(&tid)?;
    let (account, client) = desk.session().current().await?;
    let quote = client.check_quote(&tid).await?;
    desk.books()
        .file(&account, Origin::LookedUp, &[Seen::Quote(&quote)]);
    Ok(quote)
}
