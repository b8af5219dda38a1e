//! App status, settings, mode, keys and "Test connection". Anything that may change the mode
//! also tells the watcher which account is current (the other's watches pause).

use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroizing;

use crate::desk::Desk;
use crate::error::{AppError, AppResult};
use crate::events::{self, SettingsChanged};
use crate::ipc::{AppStatus, ConnectionTest, SettingsView};
use crate::keys::{KeyKind, KeyStatus, KeysStatus};
use crate::settings::{Mode, SettingsPatch};

/// Mode, account, sandbox URLs, settings warning, where keys are kept.
#[tauri::command]
pub async fn app_status(desk: State<'_, Desk>) -> AppResult<AppStatus> {
    Ok(desk.session().status().await)
}

/// The settings in effect (no secrets in here).
#[tauri::command]
pub async fn get_settings(desk: State<'_, Desk>) -> AppResult<SettingsView> {
    Ok(desk.session().settings_view().await)
}

/// The mode may have changed: pause/resume watches and tell the page.
async fn mode_may_have_changed<R: Runtime>(app: &AppHandle<R>, desk: &Desk) -> AppResult<Mode> {
    desk.activate().await?;
    let mode = desk.session().mode().await;
    events::emit(app, events::SETTINGS_CHANGED, SettingsChanged { mode });
    Ok(mode)
}

/// Change the timeout or the language (the base URLs are not the page's to change).
#[tauri::command]
pub async fn update_settings<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    patch: serde_json::Value,
) -> AppResult<SettingsView> {
    let patch: SettingsPatch = serde_json::from_value(patch).map_err(|e| {
        AppError::Validation(format!(
            "Only the timeout and the language can be changed here ({e}). The base URLs are set in the settings \
             file or the environment, so nothing in the page can send your keys elsewhere."
        ))
    })?;
    desk.session().update_settings(patch).await?;
    mode_may_have_changed(&app, &desk).await?;
    Ok(desk.session().settings_view().await)
}

/// Switch between Sandbox and Live; takes effect at once.
#[tauri::command]
pub async fn set_mode<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    mode: Mode,
) -> AppResult<Mode> {
    desk.session().set_mode(mode).await?;
    mode_may_have_changed(&app, &desk).await
}

/// Presence and masked form of both keys.
#[tauri::command]
pub async fn key_status(desk: State<'_, Desk>) -> AppResult<KeysStatus> {
    desk.session().key_status().await
}

/// Save or replace a key in the OS keychain. The key never comes back; the copy the page sent
/// is wiped from memory once stored.
#[tauri::command]
pub async fn save_key<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    kind: KeyKind,
    key: String,
) -> AppResult<KeyStatus> {
    let status = desk.session().save_key(kind, Zeroizing::new(key)).await?;
    events::keys_changed(&app, status.clone());
    mode_may_have_changed(&app, &desk).await?;
    Ok(status)
}

/// Remove a key from the keychain (idempotent).
#[tauri::command]
pub async fn forget_key<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    kind: KeyKind,
) -> AppResult<KeyStatus> {
    let status = desk.session().forget_key(kind).await?;
    events::keys_changed(&app, status.clone());
    mode_may_have_changed(&app, &desk).await?;
    Ok(status)
}

/// One read call reporting ok / unauthorized / unreachable.
#[tauri::command]
pub async fn test_connection(desk: State<'_, Desk>) -> AppResult<ConnectionTest> {
    Ok(desk.session().test_connection().await)
}
