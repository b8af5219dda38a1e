//! Start at login. The OS entry (an XDG autostart file, a launch agent, a registry value) is
//! made and removed by tauri-plugin-autostart in the real app; tests use [`MemoryLogin`]. The
//! setting shown is what the OS has: an entry removed outside the app turns it off.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tauri::{AppHandle, Manager, Runtime};

use crate::desk::Desk;
use crate::error::{AppError, AppResult};

/// Where "start at login" is kept.
pub trait LoginItem: Send + Sync + 'static {
    fn set(&self, on: bool) -> Result<(), String>;
    fn is_on(&self) -> Result<bool, String>;
}

/// The login item the app uses (managed state; absent = not available here).
#[derive(Clone)]
pub struct LoginStart(pub Arc<dyn LoginItem>);

impl std::fmt::Debug for LoginStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginStart")
    }
}

/// In memory (tests, and where no autostart exists).
#[derive(Debug, Default)]
pub struct MemoryLogin(AtomicBool);

impl LoginItem for MemoryLogin {
    fn set(&self, on: bool) -> Result<(), String> {
        self.0.store(on, Ordering::SeqCst);
        Ok(())
    }
    fn is_on(&self) -> Result<bool, String> {
        Ok(self.0.load(Ordering::SeqCst))
    }
}

/// Through tauri-plugin-autostart (its plugin must be registered).
#[cfg(any(target_os = "macos", windows, target_os = "linux"))]
pub struct PluginLogin<R: Runtime>(pub AppHandle<R>);

#[cfg(any(target_os = "macos", windows, target_os = "linux"))]
impl<R: Runtime> std::fmt::Debug for PluginLogin<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PluginLogin")
    }
}

#[cfg(any(target_os = "macos", windows, target_os = "linux"))]
impl<R: Runtime> LoginItem for PluginLogin<R> {
    fn set(&self, on: bool) -> Result<(), String> {
        use tauri_plugin_autostart::ManagerExt;
        let manager = self.0.autolaunch();
        let done = if on {
            manager.enable()
        } else {
            manager.disable()
        };
        done.map_err(|e| e.to_string())
    }
    fn is_on(&self) -> Result<bool, String> {
        use tauri_plugin_autostart::ManagerExt;
        self.0.autolaunch().is_enabled().map_err(|e| e.to_string())
    }
}

fn item<R: Runtime>(app: &AppHandle<R>) -> Option<Arc<dyn LoginItem>> {
    app.try_state::<LoginStart>().map(|s| Arc::clone(&s.0))
}

/// Turn start at login on or off in the OS (before the setting is saved).
pub fn apply<R: Runtime>(app: &AppHandle<R>, on: bool) -> AppResult<()> {
    let item = item(app).ok_or_else(|| {
        AppError::Settings("Starting at login is not available on this system.".into())
    })?;
    item.set(on).map_err(|e| {
        AppError::Settings(format!(
            "Could not turn starting at login {}: {e}",
            if on { "on" } else { "off" }
        ))
    })
}

/// Whether the OS will start the app at login (`None` when it cannot be asked).
pub fn is_on<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
    item(app)?.is_on().ok()
}

/// At start: the saved setting becomes what the OS really has.
pub fn adopt_reality<R: Runtime>(app: &AppHandle<R>) {
    let Some(real) = is_on(app) else { return };
    let desk = app.state::<Desk>();
    let session = desk.session();
    if session.settings().start_at_login() != real {
        log::info!("start at login is {real} in the OS: the setting follows");
        if let Err(e) = session.update_settings_by_shell(|s| s.start_at_login = Some(real)) {
            log::warn!("{e}");
        }
    }
}
