//! Helpers the interface needs from the native side: QR codes (drawn by the UI as an SVG path),
//! exports written through the native save dialog (the path never comes from the web view, the
//! content is built here from the record), and opening links outside the app (only Ninjapay's
//! own pages and Lightning invoices; the web view has no opener permission of its own).

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::parse_tid;
use crate::desk::Desk;
use crate::error::{AppError, AppResult};
use crate::{files, qr};

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

/// Ask where to save (or use the export folder), then write `bytes` there privately and
/// atomically. `ext` is `csv` or `xlsx`. `None` when the user cancelled.
pub(crate) async fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
    ext: &str,
    bytes: &[u8],
) -> AppResult<Option<String>> {
    let file_name = ninjapay_ledger::safe_file_name(file_name, ext);
    let target: Option<PathBuf> = match std::env::var_os(EXPORT_DIR_ENV) {
        Some(dir) => Some(PathBuf::from(dir).join(&file_name)),
        None => {
            let (tx, rx) = tokio::sync::oneshot::channel();
            let lang = crate::desktop::lang(app);
            let key = if ext == "xlsx" {
                "desktop.save.xlsx"
            } else {
                "desktop.save.csv"
            };
            let label = crate::i18n::word(lang, key);
            app.dialog()
                .file()
                .set_file_name(&file_name)
                .add_filter(&label, &[ext])
                .save_file(move |picked| {
                    let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
                });
            rx.await.ok().flatten()
        }
    };
    let Some(path) = target else { return Ok(None) };
    files::write_private(&path, bytes)
        .map_err(|e| AppError::Export(format!("Could not save {}: {e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

/// Export the voucher batch on screen (the one last looked up for `tid` in this mode) as CSV:
/// one row per code. `utc_offset_minutes` is the user's time zone (for the local-time column),
/// as the page's `-new Date().getTimezoneOffset()`.
#[tauri::command]
pub async fn export_voucher_csv<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    tid: String,
    utc_offset_minutes: i32,
) -> AppResult<Option<String>> {
    let tid = parse_tid(&tid)?;
    let account = desk.session().account().await;
    let voucher = match desk.voucher(&account, &tid) {
        Some(v) => v,
        None => {
            let v = desk.session().client().await?.check_voucher(&tid).await?;
            desk.remember_voucher(&account, &v);
            v
        }
    };
    let offset = utc_offset_minutes.clamp(-1080, 1080);
    let bytes = ninjapay_ledger::csv_bytes(&ninjapay_ledger::voucher_table(&voucher), offset);
    save_as(&app, &format!("vouchers-{tid}"), "csv", &bytes).await
}

/// Open a link in the browser (https on ninjapay.me or a subdomain) or a `lightning:` invoice
/// in the user's wallet app; anything else is refused with the reason.
#[tauri::command]
pub fn open_external<R: Runtime>(app: AppHandle<R>, url: String) -> AppResult<()> {
    let link =
        ninjapay::validate::external_link(&url).map_err(|e| AppError::Link(e.to_string()))?;
    app.opener()
        .open_url(link, None::<&str>)
        .map_err(|e| AppError::Link(format!("Could not open the link: {e}")))
}
