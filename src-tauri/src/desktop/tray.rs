//! The tray icon: Open, "N payments being watched" (disabled, kept up to date), Quit. Its menu
//! is made from [`texts`], which `desktop_status` returns too.

use serde::Serialize;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Runtime};

use super::words;
use crate::i18n::{word, Lang};

/// The tray icon's id.
pub const TRAY_ID: &str = "main";

/// What the tray shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrayTexts {
    pub tooltip: String,
    pub open: String,
    /// The disabled info line.
    pub watching: String,
    pub quit: String,
}

pub fn texts(lang: Lang, pending: usize) -> TrayTexts {
    TrayTexts {
        tooltip: word(lang, "desktop.tray.tooltip"),
        open: word(lang, "desktop.tray.open"),
        watching: words::watching(lang, pending),
        quit: word(lang, "desktop.tray.quit"),
    }
}

fn menu<R: Runtime>(app: &AppHandle<R>, t: &TrayTexts) -> tauri::Result<Menu<R>> {
    Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, "open", &t.open, true, None::<&str>)?,
            &MenuItem::with_id(app, "tray:watching", &t.watching, false, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "quit", &t.quit, true, None::<&str>)?,
        ],
    )
}

/// Make the tray icon (the app's own icon). Its items reach [`super::menu::handle`] through the
/// app's one menu-event handler (menu events are global); a left click shows the window (where
/// the platform reports clicks).
pub fn create<R: Runtime>(app: &AppHandle<R>, lang: Lang, pending: usize) -> tauri::Result<()> {
    let t = texts(lang, pending);
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(&t.tooltip)
        .menu(&menu(app, &t)?)
        .show_menu_on_left_click(false)
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                super::show_main(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}

/// New texts (language or count changed).
pub fn update<R: Runtime>(app: &AppHandle<R>, lang: Lang, pending: usize) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let t = texts(lang, pending);
    let done = menu(app, &t)
        .and_then(|m| tray.set_menu(Some(m)))
        .and_then(|()| tray.set_tooltip(Some(&t.tooltip)));
    if let Err(e) = done {
        log::warn!("could not update the tray: {e}");
    }
}
