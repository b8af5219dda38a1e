//! Watching pending payments, quotes, tokens, vouchers and orders (`ninjapay-watch`). Each
//! command returns the watch's state now; what happens next arrives as `watch://update`.

use ninjapay_watch::{WatchRequest, WatchUpdate};
use tauri::{AppHandle, Runtime, State};

use super::parse_tid;
use crate::desk::Desk;
use crate::error::AppResult;
use crate::watch::parse_kind;

/// Every watch, active first, then ended (newest first). Load this, then listen.
#[tauri::command]
pub fn watch_list(desk: State<'_, Desk>) -> Vec<WatchUpdate> {
    desk.watches()
}

/// Watch a tid by hand in the current mode (`kind`: payment, token, quote, voucher or order).
/// Watching the same kind and tid again returns the same watch.
#[tauri::command]
pub async fn watch_start(
    desk: State<'_, Desk>,
    kind: String,
    tid: String,
) -> AppResult<WatchUpdate> {
    let (kind, tid) = (parse_kind(&kind)?, parse_tid(&tid)?);
    let account = desk.session().account().await;
    desk.watch(WatchRequest::new(account, kind, tid)).await
}

/// Check one watch now (does not move its schedule).
#[tauri::command]
pub async fn watch_check_now(desk: State<'_, Desk>, id: u64) -> AppResult<WatchUpdate> {
    desk.watch_check_now(id).await
}

/// Stop watching (the watch stays listed as stopped).
#[tauri::command]
pub async fn watch_stop(desk: State<'_, Desk>, id: u64) -> AppResult<WatchUpdate> {
    desk.watch_stop(id).await
}

/// Remove a watch from the list for good (Dismiss; an active one is stopped first, without a
/// notification). Returns the remaining watches, as `watch_list` would.
#[tauri::command]
pub async fn watch_forget<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    id: u64,
) -> AppResult<Vec<WatchUpdate>> {
    let left = desk.watch_forget(id).await;
    crate::desktop::watches_changed(&app); // the tray's count
    left
}

/// Watch an ended watch again, from now.
#[tauri::command]
pub async fn watch_again(desk: State<'_, Desk>, id: u64) -> AppResult<WatchUpdate> {
    desk.watch_again(id).await
}
