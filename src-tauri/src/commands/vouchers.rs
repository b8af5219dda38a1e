//! Withdraw vouchers (`api` host, `/lapi/v1`).

use ninjapay::{
    Client, RedeemRequest, Redemption, Revocation, Voucher, VoucherFigures, VoucherRequest,
};
use ninjapay_ledger::Seen;
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{after_write, body, look_up, now_unix, parse_tid, write};
use crate::desk::Desk;
use crate::error::AppResult;
use crate::ipc::WithFigures;

/// A voucher batch with its totals and state, as the page shows it.
pub type VoucherView = WithFigures<Voucher, VoucherFigures>;

fn view(voucher: Voucher) -> VoucherView {
    let figures = voucher.figures(now_unix());
    WithFigures {
        record: voucher,
        figures,
    }
}

/// Create a voucher batch (Admin key), and watch it until every code is redeemed (or it is
/// revoked or expires).
#[tauri::command]
pub async fn request_voucher<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<VoucherView> {
    let request: VoucherRequest = body(request)?;
    let send = |c: Client| async move { c.request_voucher(&request).await };
    let (account, voucher) = write(&app, &desk, send, |v, file| file(Seen::Voucher(v))).await?;
    desk.remember_voucher(&account, &voucher);
    desk.auto_watch(WatchRequest::voucher(account, &voucher))
        .await;
    Ok(view(voucher))
}

/// A voucher batch and each code's state, with its totals.
#[tauri::command]
pub async fn check_voucher(desk: State<'_, Desk>, tid: String) -> AppResult<VoucherView> {
    let tid = parse_tid(&tid)?;
    let fetch = |c: Client| async move { c.check_voucher(&tid).await };
    let (account, voucher) = look_up(&desk, fetch, |v, file| file(Seen::Voucher(v))).await?;
    desk.remember_voucher(&account, &voucher);
    Ok(view(voucher))
}

/// Revoke a voucher batch.
#[tauri::command]
pub async fn revoke_voucher<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    tid: String,
) -> AppResult<Revocation> {
    let tid = parse_tid(&tid)?;
    let send = |c: Client| async move { c.revoke_voucher(&tid).await };
    Ok(
        write(&app, &desk, send, |r, file| file(Seen::VoucherRevoked(r)))
            .await?
            .1,
    )
}

/// Redeem a voucher code. (Its answer does not name the batch: the page checks the batch
/// again, which files the redeem.)
#[tauri::command]
pub async fn redeem_voucher<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    request: serde_json::Value,
) -> AppResult<Redemption> {
    let request: RedeemRequest = body(request)?;
    let client = desk.session().client().await?;
    after_write(
        &app,
        client.redeem_voucher(&request).await.map_err(Into::into),
    )
}
