//! Helpers the interface needs from the native side: QR codes (drawn by the UI as an SVG path)
//! and saving an export through the native save dialog (the path never comes from the webview).

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{AppError, AppResult};
use crate::qr;

/// A QR code as one SVG path over a `size`×`size` grid (quiet zone included).
#[derive(Debug, Serialize)]
pub struct QrSvg {
    pub size: u32,
    pub path: String,
}

/// Encode `text` (an invoice, a voucher URL, …) as a QR code.
#[tauri::command]
pub fn qr_svg(text: String) -> AppResult<QrSvg> {
    let (size, path) = qr::svg_path(&text).map_err(AppError::Validation)?;
    Ok(QrSvg { size, path })
}

/// Where exports go without asking (tests, scripted runs): `NINJAPAY_DESK_EXPORT_DIR`.
pub const EXPORT_DIR_ENV: &str = "NINJAPAY_DESK_EXPORT_DIR";

/// Ask where to save `contents` (CSV text built by the UI) and write it there with a UTF-8
/// byte-order mark, so spreadsheets read ₹ and names correctly. Returns the path written, or
/// `None` when the user cancelled.
#[tauri::command]
pub async fn export_csv<R: Runtime>(
    app: AppHandle<R>,
    file_name: String,
    contents: String,
) -> AppResult<Option<String>> {
    let file_name = safe_file_name(&file_name);
    let target: Option<PathBuf> = match std::env::var_os(EXPORT_DIR_ENV) {
        Some(dir) => Some(PathBuf::from(dir).join(&file_name)),
        None => {
            let (tx, rx) = tokio::sync::oneshot::channel();
            app.dialog()
                .file()
                .set_file_name(&file_name)
                .add_filter("CSV (spreadsheet)", &["csv"])
                .save_file(move |picked| {
                    let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
                });
            rx.await.ok().flatten()
        }
    };
    let Some(path) = target else { return Ok(None) };
    let mut bytes = Vec::with_capacity(contents.len() + 3);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    bytes.extend_from_slice(contents.as_bytes());
    std::fs::write(&path, bytes)
        .map_err(|e| AppError::Export(format!("Could not save {}: {e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

/// Keep a suggested file name to one plain component ending in `.csv`.
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_. ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c| c == '.' || c == ' ');
    let stem = if cleaned.is_empty() {
        "export"
    } else {
        cleaned
    };
    if stem.to_ascii_lowercase().ends_with(".csv") {
        stem.to_string()
    } else {
        format!("{stem}.csv")
    }
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn file_names_stay_one_component() {
        assert_eq!(
            safe_file_name("vouchers-210N66027HB789"),
            "vouchers-210N66027HB789.csv"
        );
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd.csv");
        assert_eq!(safe_file_name("a.CSV"), "a.CSV");
        assert_eq!(safe_file_name(""), "export.csv");
    }
}
