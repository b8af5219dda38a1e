//! The menu bar (File, View, Help), built from [`sections`] so a test reads the same labels and
//! shortcuts, and [`handle`]: what each item (and each tray item) does, by id. The
//! `desktop_menu_action` command runs [`handle`] too (WebDriver cannot click native menus).

use serde::Serialize;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Manager, Runtime};

use super::{about, diagnostics, words};
use crate::error::{AppError, AppResult};
use crate::events;
use crate::i18n::{word, Lang};

/// The screens the View menu opens (the page's view names), in the top bar's order.
pub const VIEWS: [&str; 9] = [
    "home",
    "vouchers",
    "orders",
    "lightning",
    "widget",
    "bridge",
    "records",
    "reports",
    "settings",
];

/// The Ninjapay API documentation (the docs the client was built from; see
/// /work/shared/ninjapay-api.md). Opened from Rust, so the page's link rules do not apply.
pub const API_DOCS_URL: &str = "https://ninjapay.gitbook.io/ninjapay-api-docs";

/// One item: its id (what [`handle`] takes), label, shortcut; `None` id = a separator.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: Option<String>,
    pub label: String,
    pub accelerator: Option<String>,
}

/// A top-level menu.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuSection {
    pub label: String,
    pub items: Vec<Item>,
}

fn item(lang: Lang, id: &str, key: &str, accelerator: Option<&str>) -> Item {
    Item {
        id: Some(id.to_owned()),
        label: word(lang, key),
        accelerator: accelerator.map(str::to_owned),
    }
}

fn separator() -> Item {
    Item {
        id: None,
        label: String::new(),
        accelerator: None,
    }
}

/// File, View and Help with their items, in `lang`.
pub fn sections(lang: Lang) -> Vec<MenuSection> {
    let mut view: Vec<Item> = VIEWS
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // Ctrl+1…8 for the screens, Ctrl+, for Settings (as most desktop apps have it)
            let accel = if *v == "settings" {
                "CmdOrCtrl+,".to_owned()
            } else {
                format!("CmdOrCtrl+{}", i + 1)
            };
            item(
                lang,
                &format!("view:{v}"),
                &format!("desktop.menu.{v}"),
                Some(&accel),
            )
        })
        .collect();
    view.push(separator());
    view.push(item(
        lang,
        "reload",
        "desktop.menu.reload",
        Some("CmdOrCtrl+R"),
    ));
    vec![
        MenuSection {
            label: word(lang, "desktop.menu.file"),
            items: vec![item(lang, "quit", "desktop.menu.quit", Some("CmdOrCtrl+Q"))],
        },
        MenuSection {
            label: word(lang, "desktop.menu.view"),
            items: view,
        },
        MenuSection {
            label: word(lang, "desktop.menu.help"),
            items: vec![
                item(lang, "about", "desktop.menu.about", None),
                item(lang, "log_folder", "desktop.menu.log_folder", None),
                item(lang, "api_docs", "desktop.menu.api_docs", None),
                item(
                    lang,
                    "copy_diagnostics",
                    "desktop.menu.copy_diagnostics",
                    None,
                ),
            ],
        },
    ]
}

fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<Menu<R>> {
    let menu = Menu::new(app)?;
    for section in sections(lang) {
        let sub = Submenu::new(app, &section.label, true)?;
        for it in &section.items {
            match &it.id {
                Some(id) => sub.append(&MenuItem::with_id(
                    app,
                    id.as_str(),
                    &it.label,
                    true,
                    it.accelerator.as_deref(),
                )?)?,
                None => sub.append(&PredefinedMenuItem::separator(app)?)?,
            }
        }
        menu.append(&sub)?;
    }
    Ok(menu)
}

/// Make (or remake, after a language change) the menu bar.
pub fn install<R: Runtime>(app: &AppHandle<R>, lang: Lang) {
    let made = build(app, lang).and_then(|m| app.set_menu(m));
    if let Err(e) = made {
        log::warn!("could not make the menu: {e}");
    }
}

/// Run a menu or tray item by id: `quit`, `open`, `view:<screen>`, `reload`, `about`,
/// `log_folder`, `api_docs`, `copy_diagnostics`.
pub async fn handle<R: Runtime>(app: &AppHandle<R>, id: &str) -> AppResult<()> {
    if let Some(view) = id.strip_prefix("view:") {
        if !VIEWS.contains(&view) {
            return Err(unknown(id));
        }
        super::show_main(app);
        events::emit(
            app,
            events::NAVIGATE,
            events::Navigate { view: view.into() },
        );
        return Ok(());
    }
    match id {
        "quit" => {
            super::quit(app);
        }
        "open" => super::show_main(app),
        "reload" => {
            let w = app
                .get_webview_window(super::MAIN)
                .ok_or_else(|| AppError::NotFound("No main window.".into()))?;
            w.reload()
                .map_err(|e| AppError::Validation(format!("Could not reload: {e}")))?;
        }
        "about" => about::show(app),
        "log_folder" => open_log_folder(app)?,
        "api_docs" => open_url(app, API_DOCS_URL)?,
        "copy_diagnostics" => {
            let text = diagnostics::report(app).await;
            copy(app, &text)?;
            let lang = super::lang(app);
            super::notify(
                app,
                &word(lang, "desktop.diagnostics.copied_title"),
                &word(lang, "desktop.diagnostics.copied_body"),
            );
        }
        _ => return Err(unknown(id)),
    }
    Ok(())
}

/// [`handle`] from a native event (menu bar, tray, shortcut): in the background, errors logged.
pub fn spawn_handle<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let (app, id) = (app.clone(), id.to_owned());
    tauri::async_runtime::spawn(async move {
        if let Err(e) = handle(&app, &id).await {
            log::warn!("menu item {id}: {e}");
        }
    });
}

fn unknown(id: &str) -> AppError {
    AppError::Validation(format!("No menu item {id:?}."))
}

fn open_url<R: Runtime>(app: &AppHandle<R>, url: &str) -> AppResult<()> {
    use tauri_plugin_opener::OpenerExt;
    if app.try_state::<tauri_plugin_opener::Opener<R>>().is_none() {
        return Err(AppError::Link("No opener here.".into()));
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| AppError::Link(format!("Could not open {url}: {e}")))
}

/// The folder tauri-plugin-log writes to (the OS's app log dir).
fn open_log_folder<R: Runtime>(app: &AppHandle<R>) -> AppResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let dir = app
        .path()
        .app_log_dir()
        .map_err(|e| AppError::Link(format!("No log folder: {e}")))?;
    let _ = std::fs::create_dir_all(&dir);
    if app.try_state::<tauri_plugin_opener::Opener<R>>().is_none() {
        return Err(AppError::Link(format!("Logs are in {}", dir.display())));
    }
    app.opener()
        .open_path(dir.display().to_string(), None::<&str>)
        .map_err(|e| AppError::Link(format!("Could not open {}: {e}", dir.display())))
}

fn copy<R: Runtime>(app: &AppHandle<R>, text: &str) -> AppResult<()> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    if app
        .try_state::<tauri_plugin_clipboard_manager::Clipboard<R>>()
        .is_none()
    {
        return Err(AppError::Validation("No clipboard here.".into()));
    }
    app.clipboard()
        .write_text(text.to_owned())
        .map_err(|e| AppError::Validation(format!("Could not copy: {e}")))
}

/// Every label the menu and tray show in `lang` (for the catalogue test).
pub fn all_labels(lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = sections(lang)
        .into_iter()
        .flat_map(|s| std::iter::once(s.label).chain(s.items.into_iter().map(|i| i.label)))
        .collect();
    out.push(words::watching(lang, 2));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screens_have_ctrl_digits_and_settings_ctrl_comma() {
        let view = &sections(Lang::EnIn)[1];
        let accel = |id: &str| {
            view.items
                .iter()
                .find(|i| i.id.as_deref() == Some(id))
                .and_then(|i| i.accelerator.clone())
        };
        assert_eq!(accel("view:home").as_deref(), Some("CmdOrCtrl+1"));
        assert_eq!(accel("view:reports").as_deref(), Some("CmdOrCtrl+8"));
        assert_eq!(accel("view:settings").as_deref(), Some("CmdOrCtrl+,"));
        assert_eq!(view.items[0].label, "Home");
    }

    #[test]
    fn hindi_menus_are_hindi() {
        let en = all_labels(Lang::EnIn);
        let hi = all_labels(Lang::HiIn);
        assert_eq!(en.len(), hi.len());
        assert!(hi.iter().any(|l| l == "सेटिंग्स"));
        assert!(!hi.iter().any(|l| l.contains("desktop.")), "{hi:?}");
    }
}
