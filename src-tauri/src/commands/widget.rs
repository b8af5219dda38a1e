//! Widget integration: on/offramp tokens (`prod` host).

use ninjapay::{Client, PaymentFigures, TokenCreated, TokenDetail, TokenRequest};
use ninjapay_ledger::Seen;
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{body, look_up, parse_tid, write, File};
use crate::desk::Desk;
use crate::error::AppResult;
use crate::ipc::WithFigures;

/// Create a widget token (Admin key), and watch it until final.
#[tauri::command]
pub async fn request_token<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<TokenCreated> {
    let request: TokenRequest = body(request)?;
    let asked = &request;
    let send = |c: Client| async move { c.request_token(asked).await };
    let seen = |created: &TokenCreated, file: File| {
        file(Seen::TokenCreated {
            created,
            request: Some(&request),
        })
    };
    let (account, token) = write(&app, &desk, send, seen).await?;
    desk.auto_watch(WatchRequest::token(account, &token)).await;
    Ok(token)
}

/// One token's state, with its direction and unsigned amount.
#[tauri::command]
pub async fn check_token(
    desk: State<'_, Desk>,
    tid: String,
) -> AppResult<WithFigures<TokenDetail, PaymentFigures>> {
    let tid = parse_tid(&tid)?;
    let fetch = |c: Client| async move { c.check_token(&tid).await };
    let (_, token) = look_up(&desk, fetch, |t, file| file(Seen::Token(t))).await?;
    let figures = token.figures();
    Ok(WithFigures {
        record: token,
        figures,
    })
}
