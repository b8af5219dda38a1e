//! Spot trade (`api` host, `/tapi/v1`).

use ninjapay::{AssetBalances, Client, Order, OrderFigures, Revocation};
use ninjapay_ledger::Seen;
use tauri::{AppHandle, Runtime, State};

use super::{look_up, parse_tid, write};
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
    let fetch = |c: Client| async move { c.check_order(&tid).await };
    let (_, order) = look_up(&desk, fetch, |o, file| file(Seen::Order(o))).await?;
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
    let send = |c: Client| async move { c.revoke_order(&tid).await };
    Ok(
        write(&app, &desk, send, |r, file| file(Seen::OrderRevoked(r)))
            .await?
            .1,
    )
}
