//! Thin `#[tauri::command]`s: one per client endpoint, one file per domain, plus the
//! settings/keys commands and the watch commands. Each one reads arguments, calls the client
//! or `Desk`, and returns `Result<T, AppError>` (which crosses IPC as `{code, message}`).

pub mod bench;
pub mod bridge;
pub mod settings;
pub mod trade;
pub mod ui;
pub mod vouchers;
pub mod wallet;
pub mod watch;
pub mod widget;

use ninjapay::Tid;
use serde::de::DeserializeOwned;

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
