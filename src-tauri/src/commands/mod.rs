//! Thin `#[tauri::command]`s: one per client endpoint, one file per domain, plus the
//! settings/keys commands, the watch commands and the interface helpers. Each one reads its
//! arguments, calls the client or the [`crate::desk::Desk`], and returns `Result<T, AppError>`
//! (which crosses IPC as `{code, message}`).

pub mod bench;
pub mod bridge;
pub mod desktop;
pub mod ledger;
pub mod review;
pub mod settings;
pub mod trade;
pub mod ui;
pub mod vouchers;
pub mod wallet;
pub mod watch;
pub mod widget;

use std::future::Future;

use ninjapay::{Account, Client, Tid};
use ninjapay_ledger::{Origin, Seen};
use serde::de::DeserializeOwned;
use tauri::{AppHandle, Runtime};

use crate::desk::Desk;
use crate::error::{AppError, AppResult};

/// Parse a transaction id typed or pasted by the user.
pub(crate) fn parse_tid(raw: &str) -> AppResult<Tid> {
    Ok(Tid::parse(raw.trim())?)
}

/// Decode a request body sent by the UI into the client's request type, reporting a
/// malformed body as `validation` (instead of Tauri's plain-string argument error).
pub(crate) fn body<T: DeserializeOwned>(value: serde_json::Value) -> AppResult<T> {
    serde_json::from_value(value).map_err(|e| AppError::Validation(format!("Invalid request: {e}")))
}

/// Now, in Unix seconds (for figures that depend on expiry).
pub(crate) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// After a request that creates, moves, revokes or redeems value: when it was carried out, or
/// may have been (outcome unknown), the page is told to read the balances again.
pub(crate) fn after_write<R: Runtime, T>(app: &AppHandle<R>, result: AppResult<T>) -> AppResult<T> {
    let moved = match &result {
        Ok(_) => true,
        Err(AppError::Api(e)) => e.outcome_unknown(),
        Err(_) => false,
    };
    if moved {
        crate::desk::value_moved(app);
    }
    result
}

/// Files a record in the books (what [`write`] and [`look_up`] hand their `file` argument).
pub(crate) type File<'f> = &'f dyn Fn(Seen<'_>);

/// A request that creates, moves, revokes or redeems value, sent once through the current
/// client: the page is told to read the balances again (when it went through, or may have), and
/// `file` files what came back in the books. Returns the account it was made in, for a watch.
pub(crate) async fn write<R, T, F>(
    app: &AppHandle<R>,
    desk: &Desk,
    send: impl FnOnce(Client) -> F,
    file: impl FnOnce(&T, File<'_>),
) -> AppResult<(Account, T)>
where
    R: Runtime,
    F: Future<Output = Result<T, ninjapay::Error>>,
{
    let (account, client) = desk.session().current().await?;
    let value = after_write(app, send(client).await.map_err(Into::into))?;
    file(&value, &|seen| {
        desk.books().file(&account, Origin::Created, &[seen]);
    });
    Ok((account, value))
}

/// A lookup through the current client; `file` files what came back in the books.
pub(crate) async fn look_up<T, F>(
    desk: &Desk,
    fetch: impl FnOnce(Client) -> F,
    file: impl FnOnce(&T, File<'_>),
) -> AppResult<(Account, T)>
where
    F: Future<Output = Result<T, ninjapay::Error>>,
{
    let (account, client) = desk.session().current().await?;
    let value = fetch(client).await?;
    file(&value, &|seen| {
        desk.books().file(&account, Origin::LookedUp, &[seen]);
    });
    Ok((account, value))
}
