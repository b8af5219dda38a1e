//! A bare Tauri app for `make bench` (scripts/bench-compare.sh): one window, one page that calls
//! one command on load, and the same readiness hook and WebKit settings as Ninjapay Desk, so the
//! two can be compared side by side on any machine. Not part of the shipped app.

// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::{SystemTime, UNIX_EPOCH};

include!("../../../src-tauri/src/webkit_env.rs");

/// The one command the page calls on load.
#[tauri::command]
fn hello(name: String) -> String {
    format!("Hello, {name}")
}

/// Same contract as Ninjapay Desk's `ui_ready` (src-tauri/src/commands/bench.rs): write
/// "<ns since the epoch> <page ms>" to $NINJAPAY_DESK_READY_FILE, whole, then rename.
#[tauri::command]
async fn ui_ready(page_ms: Option<f64>) {
    let Some(path) = std::env::var_os("NINJAPAY_DESK_READY_FILE").filter(|p| !p.is_empty()) else {
        return;
    };
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut tmp = path.clone();
    tmp.push(".tmp");
    let _ = std::fs::write(&tmp, format!("{nanos} {}\n", page_ms.unwrap_or(-1.0)))
        .and_then(|()| std::fs::rename(&tmp, &path));
}

fn main() {
    set_webkit_env(); // the same WebKit settings as the app
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![hello, ui_ready])
        .run(tauri::generate_context!())
        .expect("error while running the minimal app");
}
