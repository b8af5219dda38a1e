//! Widget integration: on/offramp tokens (`prod` host).

use ninjapay::{PaymentFigures, TokenCreated, TokenDetail, TokenRequest};
use ninjapay_ledger::{Origin, Seen};
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{after_write, body, parse_tid};
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
    let (account, client) = desk.session().current().await?;
    let token = after_write(
        &app,
        client.request_token(&request).await.map_err(Into::into),
    )?;
    desk.books().file(
        &account,
        Origin::Created,
        &[Seen::TokenCreated {
            created: &token,
            request: Some(&request),
        }],
    );
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
    let (account, client) = desk.session().current().await?;
    let token = client.check_token(&tid).await?;
    desk.books()
        .file(&account, Origin::LookedUp, &[Seen::Token(&token)]);
    let figures = token.figures();
    Ok(WithFigures {
        record: token,
        figures,
    })
}
