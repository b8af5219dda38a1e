//! The start-up benchmark's readiness hook (`scripts/bench-startup.sh`).
//!
//! `ui/js/main.js` calls `ui_ready` once the first screen is rendered and wired, without
//! waiting for the answer, passing `performance.now()` (ms since the page's navigation started).
//! When `NINJAPAY_DESK_READY_FILE` is set, the app writes the current time there (nanoseconds
//! since the Unix epoch) and that page time, so the benchmark can time launch → usable UI from
//! outside without polling hard on a busy machine, and split it into native start-up and page
//! boot; otherwise the command does nothing.

use std::time::{SystemTime, UNIX_EPOCH};

/// Where to write the readiness time (unset: `ui_ready` is a no-op).
pub const READY_FILE_ENV: &str = "NINJAPAY_DESK_READY_FILE";

/// The page says it is interactive. `async` so it runs on the async runtime, never on the main
/// (GTK) thread that drives the webview; the UI does not await it either.
#[tauri::command]
pub async fn ui_ready(page_ms: Option<f64>) {
    let Some(path) = std::env::var_os(READY_FILE_ENV).filter(|p| !p.is_empty()) else {
        return;
    };
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    // Written whole then renamed, so a reader never sees a half-written file.
    let tmp = {
        let mut p = path.clone();
        p.push(".tmp");
        p
    };
    let res = std::fs::write(&tmp, format!("{nanos} {}\n", page_ms.unwrap_or(-1.0)))
        .and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(e) = res {
        log::warn!("could not write the ready file: {e}");
    }
}
