//! App status, settings, mode, keys and "Test connection". Anything that may change the mode
//! also tells the watcher which account is current (the other's watches pause).

use tauri::{AppHandle, Runtime, State};
use zeroize::Zeroizing;

use crate::desk::Desk;
use crate::desktop::{self, login};
use crate::error::{AppError, AppResult};
use crate::events::{self, SettingsChanged};
use crate::ipc::{AppStatus, ConnectionTest, DeskState, SettingsView};
use crate::keys::{KeyKind, KeyStatus, KeysStatus};
use crate::settings::{Mode, SettingsPatch};

/// Mode, account, sandbox URLs, settings warning, where keys are kept.
#[tauri::command]
pub async fn app_status(desk: State<'_, Desk>) -> AppResult<AppStatus> {
    Ok(desk.session().status().await)
}

/// Status, settings and keys at once (and every watch when `watches`): what the page reads at
/// start and again whenever the mode, a setting or a key changes.
#[tauri::command]
pub async fn desk_state<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    watches: Option<bool>,
) -> AppResult<DeskState> {
    let session = desk.session();
    let (status, settings, keys) =
        tokio::join!(session.status(), view(&app, &desk), session.key_status());
    let (keys, keys_error) = match keys {
        Ok(k) => (Some(k), None),
        Err(e) => (None, Some(e)),
    };
    Ok(DeskState {
        status,
        settings,
        keys,
        keys_error,
        watches: watches.unwrap_or(false).then(|| desk.watches()),
    })
}

/// The settings in effect (no secrets in here).
#[tauri::command]
pub async fn get_settings<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
) -> AppResult<SettingsView> {
    Ok(view(&app, &desk).await)
}

/// The settings view, with "start at login" as the OS has it.
async fn view<R: Runtime>(app: &AppHandle<R>, desk: &Desk) -> SettingsView {
    let mut view = desk.session().settings_view().await;
    if let Some(on) = login::is_on(app) {
        view.start_at_login = on;
    }
    view
}

/// The mode may have changed: pause/resume watches and tell the page.
async fn mode_may_have_changed<R: Runtime>(app: &AppHandle<R>, desk: &Desk) -> AppResult<Mode> {
    desk.activate().await?;
    let mode = desk.session().mode().await;
    events::emit(app, events::SETTINGS_CHANGED, SettingsChanged { mode });
    // the window title names the mode; the menus and the tray speak the language
    desktop::refresh(app).await;
    Ok(mode)
}

/// Change the timeout, the language, closing to the tray or starting at login (the base URLs
/// are not the page's to change). Starting at login is applied to the OS first: if that fails,
/// nothing is saved.
#[tauri::command]
pub async fn update_settings<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    patch: serde_json::Value,
) -> AppResult<SettingsView> {
    let patch: SettingsPatch = serde_json::from_value(patch).map_err(|e| {
        AppError::Validation(format!(
            "Only the timeout, the language, closing to the tray and starting at login can be \
             changed here ({e}). The base URLs are set in the settings file or the environment, \
             so nothing in the page can send your keys elsewhere."
        ))
    })?;
    if let Some(on) = patch.start_at_login {
        login::apply(&app, on)?;
    }
    desk.session().update_settings(patch).await?;
    mode_may_have_changed(&app, &desk).await?;
    Ok(view(&app, &desk).await)
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
