//! The desktop around the page: window title (with the mode), menus and keyboard shortcuts,
//! the tray icon that keeps watching when the window is closed, the quit question, start at
//! login, About and "Copy diagnostics". Every word comes from the catalogues ([`words`]).
//!
//! The native parts (menu bar, tray icon, the autostart plugin) exist only in the real app
//! ([`install_native`], called from `crate::run`); the decisions and texts are plain functions
//! that the commands in `commands/desktop.rs` run too, so tests (mock runtime, WebDriver) reach
//! the same handlers the menu and the tray do.

pub mod about;
pub mod diagnostics;
pub mod login;
pub mod menu;
pub mod tray;
pub mod words;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use crate::desk::Desk;
use crate::i18n::Lang;
use crate::settings::Mode;

/// The main window's label.
pub const MAIN: &str = "main";

/// What the shell shows now, and whether the native parts exist.
#[derive(Debug, Default)]
pub struct Desktop {
    /// The menu bar was made (the real app, not a mock-runtime test).
    native: AtomicBool,
    /// The tray icon was made.
    tray: AtomicBool,
    /// A quit question is open (a second Quit does not open another).
    asking: AtomicBool,
    shown: Mutex<Shown>,
}

/// The last texts applied to the window, the menu and the tray.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Shown {
    lang: Option<Lang>,
    mode: Option<Mode>,
    pending: Option<usize>,
    title: String,
}

impl Desktop {
    fn shown(&self) -> MutexGuard<'_, Shown> {
        self.shown.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the tray icon exists (closing can hide the window only then).
    pub fn has_tray(&self) -> bool {
        self.tray.load(Ordering::SeqCst)
    }
}

fn desktop<R: Runtime>(app: &AppHandle<R>) -> tauri::State<'_, Desktop> {
    if app.try_state::<Desktop>().is_none() {
        app.manage(Desktop::default());
    }
    app.state::<Desktop>()
}

/// The language of the shell's words: the one chosen in Settings, else the system's.
pub fn lang<R: Runtime>(app: &AppHandle<R>) -> Lang {
    let chosen = app.state::<Desk>().session().settings().language;
    Lang::pick(chosen.as_deref())
}

/// How many watches are being checked now (pending and not paused: what Home counts too).
pub fn pending<R: Runtime>(app: &AppHandle<R>) -> usize {
    app.state::<Desk>()
        .watches()
        .iter()
        .filter(|w| !w.is_final && !w.paused)
        .count()
}

/// Bring the window title, the menu and the tray up to date with the mode, the language and
/// the watches (after any of them may have changed).
pub async fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let mode = app.state::<Desk>().session().mode().await;
    apply(app, Some(mode));
}

/// The watches changed: the tray's count (no await, for the watcher's event loop).
pub fn watches_changed<R: Runtime>(app: &AppHandle<R>) {
    apply(app, None);
}

fn apply<R: Runtime>(app: &AppHandle<R>, mode: Option<Mode>) {
    let (lang, pending) = (lang(app), pending(app));
    let state = desktop(app);
    let (native, tray) = (state.native.load(Ordering::SeqCst), state.has_tray());
    // Decide under the lock, act after it: menu and tray calls wait for the main thread, which
    // may itself be waiting for this lock (a sync command such as desktop_status).
    let (title, new_lang, new_count) = {
        let mut shown = state.shown();
        let mode = mode.or(shown.mode);
        let title = mode
            .map(|m| words::title(lang, m))
            .filter(|t| *t != shown.title);
        let next = Shown {
            lang: Some(lang),
            mode,
            pending: Some(pending),
            title: title.clone().unwrap_or_else(|| shown.title.clone()),
        };
        let changes = (
            title,
            shown.lang != Some(lang),
            shown.lang != Some(lang) || shown.pending != Some(pending),
        );
        *shown = next;
        changes
    };
    if let (Some(title), Some(w)) = (title, app.get_webview_window(MAIN)) {
        if let Err(e) = w.set_title(&title) {
            log::warn!("could not set the window title: {e}");
        }
    }
    if native && new_lang {
        menu::install(app, lang);
    }
    if tray && new_count {
        tray::update(app, lang, pending);
    }
}

/// Make the menu bar and the tray icon, turn the login item into what the OS really has, and
/// show the words (the real app only; call once from setup).
pub fn install_native<R: Runtime>(app: &AppHandle<R>) {
    let lang = lang(app);
    menu::install(app, lang);
    let state = desktop(app);
    state.native.store(true, Ordering::SeqCst);
    match tray::create(app, lang, pending(app)) {
        Ok(()) => state.tray.store(true, Ordering::SeqCst),
        Err(e) => log::warn!("no tray icon ({e}): closing the window quits as usual"),
    }
    state.shown().lang = Some(lang); // both made in this language
    login::adopt_reality(app);
}

/// What closing the main window does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CloseAction {
    /// Nothing is watched (or no tray to come back from and no question to ask): close, and
    /// the app quits.
    Close,
    /// Hide the window; the tray icon keeps the app (and the watching) going.
    Hide,
    /// Ask first: quitting stops watching until the next start.
    AskToQuit,
}

/// The decision, from the setting, whether a tray exists, and how many watches are checked.
pub fn close_action(close_to_tray: bool, has_tray: bool, pending: usize) -> CloseAction {
    match (pending, close_to_tray && has_tray) {
        (0, _) => CloseAction::Close,
        (_, true) => CloseAction::Hide,
        (_, false) => CloseAction::AskToQuit,
    }
}

/// The main window was asked to close (its close button, Alt+F4, or `desktop_close_window`).
/// Returns what was done; the caller lets the window close only for [`CloseAction::Close`].
pub fn close_requested<R: Runtime>(app: &AppHandle<R>) -> CloseAction {
    let close_to_tray = app.state::<Desk>().session().settings().close_to_tray();
    let pending = pending(app);
    let action = close_action(close_to_tray, desktop(app).has_tray(), pending);
    match action {
        CloseAction::Close => {}
        CloseAction::Hide => {
            if let Some(w) = app.get_webview_window(MAIN) {
                let _ = w.hide();
            }
            first_tray_notice(app, pending);
        }
        CloseAction::AskToQuit => ask_to_quit(app, pending),
    }
    action
}

/// What Quit (menu, tray, Ctrl+Q) did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum QuitAction {
    /// Nothing was watched: the app is exiting.
    Exit,
    /// Watches are pending: the question is open (or was already).
    Asked,
}

/// Quit, asking once when watches are pending (they resume at the next start: the store is
/// saved on exit and after every change).
pub fn quit<R: Runtime>(app: &AppHandle<R>) -> QuitAction {
    let pending = pending(app);
    if pending == 0 {
        app.exit(0);
        return QuitAction::Exit;
    }
    ask_to_quit(app, pending);
    QuitAction::Asked
}

fn ask_to_quit<R: Runtime>(app: &AppHandle<R>, pending: usize) {
    use tauri_plugin_dialog::{MessageDialogButtons, MessageDialogKind};
    let state = desktop(app);
    if state.asking.swap(true, Ordering::SeqCst) {
        return; // already asking
    }
    let Some(dialog) = app.try_state::<tauri_plugin_dialog::Dialog<R>>() else {
        log::info!("quit question not shown (no dialog plugin): staying open");
        state.asking.store(false, Ordering::SeqCst);
        return;
    };
    let [title, message, quit, keep] = words::quit_question(lang(app), pending);
    let handle = app.clone();
    dialog
        .message(message)
        .title(title)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(quit, keep))
        .show(move |yes| {
            desktop(&handle).asking.store(false, Ordering::SeqCst);
            if yes {
                log::info!("quitting with watches pending; they resume at the next start");
                handle.exit(0);
            }
        });
}

/// The first time ever the window goes to the tray, say so and how to quit (then never again).
fn first_tray_notice<R: Runtime>(app: &AppHandle<R>, pending: usize) {
    let desk = app.state::<Desk>();
    let session = desk.session();
    if session.settings().tray_notice_shown == Some(true) {
        return;
    }
    let (title, body) = words::tray_notice(lang(app), pending);
    notify(app, &title, &body);
    if let Err(e) = session.update_settings_by_shell(|s| s.tray_notice_shown = Some(true)) {
        log::warn!("{e}");
    }
}

/// Show a desktop notification from Rust (no page permission needed); failures are logged.
pub fn notify<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) {
    let Some(plugin) = app.try_state::<tauri_plugin_notification::Notification<R>>() else {
        log::debug!("notification plugin not loaded; not shown: {title}");
        return;
    };
    let result = plugin
        .builder()
        .title(crate::desk::notification_text(title))
        .body(crate::desk::notification_text(body))
        .show();
    if let Err(e) = result {
        log::warn!("could not show the notification {title:?}: {e}");
    }
}

/// Show, unminimise and focus the main window (tray Open, a View menu item).
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window(MAIN) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// What the title bar, the tray and the menu show now (the `desktop_status` command: WebDriver
/// cannot read native menus or the tray, so tests read the texts they were built from).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DesktopStatus {
    pub language: &'static str,
    /// The title the shell set.
    pub title: String,
    /// The window's title as the window reports it.
    pub window_title: Option<String>,
    pub window_visible: Option<bool>,
    pub pending: usize,
    pub close_to_tray: bool,
    /// A tray icon exists.
    pub tray_icon: bool,
    pub tray: tray::TrayTexts,
    pub menu: Vec<menu::MenuSection>,
}

pub fn status<R: Runtime>(app: &AppHandle<R>) -> DesktopStatus {
    let (lang, pending) = (lang(app), pending(app));
    let window = app.get_webview_window(MAIN);
    DesktopStatus {
        language: lang.tag(),
        title: desktop(app).shown().title.clone(),
        window_title: window.as_ref().and_then(|w| w.title().ok()),
        window_visible: window.as_ref().and_then(|w| w.is_visible().ok()),
        pending,
        close_to_tray: app.state::<Desk>().session().settings().close_to_tray(),
        tray_icon: desktop(app).has_tray(),
        tray: tray::texts(lang, pending),
        menu: menu::sections(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_hides_only_while_watching_with_a_tray() {
        use CloseAction::*;
        assert_eq!(close_action(true, true, 0), Close);
        assert_eq!(close_action(true, true, 2), Hide);
        assert_eq!(close_action(false, true, 2), AskToQuit);
        assert_eq!(
            close_action(true, false, 2),
            AskToQuit,
            "no tray to come back from"
        );
        assert_eq!(close_action(false, false, 0), Close);
    }
}
