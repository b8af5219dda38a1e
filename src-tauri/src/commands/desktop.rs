//! The desktop's handlers as commands: what the menu, the tray and the window's close button do,
//! callable from the page so tests reach them (WebDriver cannot click native menus or the
//! tray), plus a read-only view of the texts the title, menu and tray show.

use tauri::{AppHandle, Runtime};

use crate::desktop::{self, diagnostics, CloseAction, DesktopStatus};
use crate::error::AppResult;

/// The title, the tray's and the menu's texts, the window's visibility, the pending count.
#[tauri::command]
pub fn desktop_status<R: Runtime>(app: AppHandle<R>) -> DesktopStatus {
    desktop::status(&app)
}

/// Run a menu or tray item by id (`view:home` … `view:settings`, `open`, `reload`, `about`,
/// `log_folder`, `api_docs`, `copy_diagnostics`, `quit`): the same handler the native item runs.
#[tauri::command]
pub async fn desktop_menu_action<R: Runtime>(app: AppHandle<R>, id: String) -> AppResult<()> {
    desktop::menu::handle(&app, &id).await
}

/// Ask the main window to close, as its close button does: hidden to the tray while watching,
/// a question when quitting would stop watches, else closed (the app quits).
#[tauri::command]
pub fn desktop_close_window<R: Runtime>(app: AppHandle<R>) -> CloseAction {
    let action = desktop::close_requested(&app);
    if action == CloseAction::Close {
        app.exit(0);
    }
    action
}

/// The text Copy diagnostics puts on the clipboard (no key, no tid).
#[tauri::command]
pub async fn diagnostics<R: Runtime>(app: AppHandle<R>) -> AppResult<String> {
    Ok(diagnostics::report(&app).await)
}
