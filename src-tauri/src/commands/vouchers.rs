//! Withdraw vouchers (`api` host, `/lapi/v1`).

use ninjapay::{RedeemRequest, Redemption, Revocation, Voucher, VoucherFigures, VoucherRequest};
use ninjapay_ledger::{Origin, Seen};
use ninjapay_watch::WatchRequest;
use tauri::{AppHandle, Runtime, State};

use super::{after_write, body, now_unix, parse_tid};
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
    let (account, client) = desk.session().current().await?;
    let voucher = after_write(
        &app,
        client.request_voucher(&request).await.map_err(Into::into),
    )?;
    desk.books()
        .file(&account, Origin::Created, &[Seen::Voucher(&voucher)]);
    desk.auto_watch(WatchRequest::voucher(account.clone(), &voucher))
        .await;
    desk.remember_voucher(&account, &voucher);
    Ok(view(voucher))
}

/// A voucher batch and each code's state, with its totals.
#[tauri::command]
pub async fn check_voucher(desk: State<'_, Desk>, tid: String) -> AppResult<VoucherView> {
    let tid = parse_tid(&tid)?;
    let (account, client) = desk.session().current().await?;
    let voucher = client.check_voucher(&tid).await?;
    desk.books()
        .file(&account, Origin::LookedUp, &[Seen::Voucher(&voucher)]);
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
    let (account, client) = desk.session().current().await?;
    let revoked = after_write(&app, client.revoke_voucher(&tid).await.map_err(Into::into))?;
    desk.books()
        .file(&account, Origin::Created, &[Seen::VoucherRevoked(&revoked)]);
    Ok(revoked)
}

/// Redeem a voucher code.
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
