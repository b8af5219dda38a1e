//! Spot trade (`api` host, `/tapi/v1`).

use ninjapay::{AssetBalances, Order, OrderFigures, Revocation};
use ninjapay_ledger::{Origin, Seen};
use tauri::{AppHandle, Runtime, State};

use super::{after_write, parse_tid};
use crate::desk::Desk;
use crate::error::AppResult;
use crate::ipc::WithFigures;

/// Balances of every asset.
#[tauri::command]
pub async fn asset_balance(desk: State<'_, Desk>) -> AppResult<AssetBalances> {
    Ok(desk.session().client().await?.asset_balance().await?)
}

/// One order, with its state.
#[tauri::command]
pub async fn check_order(
    desk: State<'_, Desk>,
    tid: String,
) -> AppResult<WithFigures<Order, OrderFigures>> {
    let tid = parse_tid(&tid)?;
    let (account, client) = desk.session().current().await?;
    let order = client.check_order(&tid).await?;
    desk.books()
        .file(&account, Origin::LookedUp, &[Seen::Order(&order)]);
    let figures = order.figures();
    Ok(WithFigures {
        record: order,
        figures,
    })
}

/// Cancel an open order.
#[tauri::command]
pub async fn revoke_order<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    tid: String,
) -> AppResult<Revocation> {
    let tid = parse_tid(&tid)?;
    let (account, client) = desk.session().current().await?;
    let revoked = after_write(&app, client.revoke_order(&tid).await.map_err(Into::into))?;
    desk.books()
        .file(&account, Origin::Created, &[Seen::OrderRevoked(&revoked)]);
    Ok(revoked)
}
