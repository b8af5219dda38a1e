//! Fiat x Web3 bridge, BTC/USDT → INR over UPI (`prod` host, `/sapi/v1`).

use ninjapay::{Client, Quote, QuoteIdCreated, QuoteIdRequest, QuoteInvoice, QuoteRequest};
use ninjapay_ledger::Seen;
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{body, look_up, parse_tid, write};
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
    let send = |c: Client| async move { c.request_quote(&request).await };
    let (account, quote) = write(&app, &desk, send, |q, file| file(Seen::QuoteInvoice(q))).await?;
    desk.auto_watch(WatchRequest::quote(account, &quote)).await;
    Ok(quote)
}

/// One quote's state.
#[tauri::command]
pub async fn check_quote(desk: State<'_, Desk>, tid: String) -> AppResult<Quote> {
    let tid = parse_tid(&tid)?;
    let fetch = |c: Client| async move { c.check_quote(&tid).await };
    Ok(look_up(&desk, fetch, |q, file| file(Seen::Quote(q)))
        .await?
        .1)
}
