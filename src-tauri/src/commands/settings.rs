//! App status, settings, mode, keys and "Test connection".

use tauri::{AppHandle, Runtime, State};

use crate::error::AppResult;
use crate::events::{self, SettingsChanged};
use crate::keys::{KeyKind, KeyStatus, KeysStatus};
use crate::session::{AppStatus, ConnectionTest, Desk, SettingsView};
use crate::settings::{Mode, SettingsPatch};

/// Mode, sandbox URLs, settings warning, where keys are kept.
#[tauri::command]
pub async fn app_status(desk: State<'_, Desk>) -> AppResult<AppStatus> {
    Ok(desk.status().await)
}

/// The settings in effect (no secrets in here).
#[tauri::command]
pub async fn get_settings(desk: State<'_, Desk>) -> AppResult<SettingsView> {
    Ok(desk.settings_view().await)
}

/// Change URL overrides / timeout.
#[tauri::command]
pub async fn update_settings<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    patch: SettingsPatch,
) -> AppResult<SettingsView> {
    desk.update_settings(patch).await?;
    let view = desk.settings_view().await;
    events::emit(
        &app,
        events::SETTINGS_CHANGED,
        SettingsChanged { mode: view.mode },
    );
    Ok(view)
}

/// Switch between Sandbox and Live; takes effect at once.
#[tauri::command]
pub async fn set_mode<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    mode: Mode,
) -> AppResult<Mode> {
    let mode = desk.set_mode(mode).await?;
    events::emit(&app, events::SETTINGS_CHANGED, SettingsChanged { mode });
    Ok(mode)
}

/// Presence and masked form of both keys.
#[tauri::command]
pub async fn key_status(desk: State<'_, Desk>) -> AppResult<KeysStatus> {
    desk.key_status().await
}

/// Save or replace a key in the OS keychain. The key never comes back.
#[tauri::command]
pub async fn save_key<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    kind: KeyKind,
    key: String,
) -> AppResult<KeyStatus> {
    let status = desk.save_key(kind, key).await?;
    events::keys_changed(&app, status.clone());
    let mode = desk.mode().await;
    events::emit(&app, events::SETTINGS_CHANGED, SettingsChanged { mode });
    Ok(status)
}

/// Remove a key from the keychain (idempotent).
#[tauri::command]
pub async fn forget_key<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    kind: KeyKind,
) -> AppResult<KeyStatus> {
    let status = desk.forget_key(kind).await?;
    events::keys_changed(&app, status.clone());
    let mode = desk.mode().await;
    events::emit(&app, events::SETTINGS_CHANGED, SettingsChanged { mode });
    Ok(status)
}

/// One read call reporting ok / unauthorized / unreachable.
#[tauri::command]
pub async fn test_connection(desk: State<'_, Desk>) -> AppResult<ConnectionTest> {
    Ok(desk.test_connection().await)
}
