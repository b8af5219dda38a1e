//! Ninjapay Desk, the desktop shell: thin commands over the `ninjapay` client, keys in the OS
//! keychain, settings in the app-config dir, Sandbox mode by default.
//!
//! [`run`] starts the real app (plugins + window). [`run_app`] adds only our commands and
//! state to any builder, so a test can pass `tauri::test::mock_builder()`. Both start the
//! watcher (pending items are checked in the background and reported as `watch://…` events);
//! [`desk::shutdown`] saves and stops it, which [`run`] does on `RunEvent::Exit`.
//!
//! Modules: `commands/` (one thin file per domain), `desk` (the managed state: session +
//! watcher, background events and notifications), `session` (settings, keys, mode, the client
//! per account), `watch` (how a watch's check reaches the right client), `ipc` (what commands
//! return), `books` (the one function that files records in the ledger), `jobs` (many lookups
//! in the background), `desktop` (window title, menus, tray, quit question, start at login, About,
//! diagnostics), `i18n` (the catalogues' words for all of these), `settings`, `keys`, `events`,
//! `error`, `files`, `qr`.

pub mod books;
pub mod commands;
pub mod desk;
pub mod desktop;
pub mod error;
pub mod events;
pub mod files;
pub mod i18n;
pub mod ipc;
pub mod jobs;
pub mod keys;
pub mod qr;
pub mod session;
pub mod settings;
pub mod watch;

use std::path::PathBuf;
use std::sync::Arc;

use tauri::{Manager, Runtime};

pub use desk::{Desk, DeskOptions};
pub use error::{AppError, AppResult};

/// Overrides the directory holding `settings.json` (tests and the e2e harness use it).
pub const CONFIG_DIR_ENV: &str = "NINJAPAY_DESK_CONFIG_DIR";

/// The app's Tauri context (config, assets, capabilities) from `tauri.conf.json`.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!("../tauri.conf.json")
}

/// Start the desktop app.
pub fn run() {
    let builder = tauri::Builder::default()
        // must be the first plugin: a second launch focuses the running window instead
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                // request/response internals stay out of the log (bodies may carry keys)
                .level_for("reqwest", log::LevelFilter::Warn)
                .level_for("hyper", log::LevelFilter::Warn)
                .level_for("hyper_util", log::LevelFilter::Warn)
                .level_for("ninjapay", log::LevelFilter::Warn)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_autostart::Builder::new().build())
        // Closing the main window while payments are watched hides it to the tray, or asks.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if window.label() == desktop::MAIN
                    && desktop::close_requested(window.app_handle()) != desktop::CloseAction::Close
                {
                    api.prevent_close();
                }
            }
        })
        .on_menu_event(|app, event| desktop::menu::spawn_handle(app, event.id().as_ref()));
    run_app(builder)
        .build(context())
        .expect("error while building Ninjapay Desk")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                desk::shutdown(app);
            }
        });
}

/// Our commands and state, with settings in the OS app-config dir and watches in the app-data
/// dir (both in `NINJAPAY_DESK_CONFIG_DIR` when set) and keys in the OS keychain.
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    with_commands(builder).setup(|app| {
        let (config_dir, data_dir) = match std::env::var_os(CONFIG_DIR_ENV) {
            Some(d) if !d.is_empty() => (PathBuf::from(&d), PathBuf::from(d)),
            _ => (app.path().app_config_dir()?, app.path().app_data_dir()?),
        };
        let opts = DeskOptions {
            config_dir,
            data_dir,
            secrets: Arc::new(keys::Keychain::from_env()),
        };
        install(app.handle(), opts);
        install_native(app.handle());
        Ok(())
    })
}

/// The real app's desktop parts: start at login through tauri-plugin-autostart (when [`run`]
/// registered it), the menu bar, the tray icon and the title.
fn install_native<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(any(target_os = "macos", windows, target_os = "linux"))]
    if app
        .try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .is_some()
    {
        let item = desktop::login::PluginLogin(app.clone());
        app.manage(desktop::login::LoginStart(Arc::new(item)));
    }
    desktop::install_native(app);
}

/// Like [`run_app`] with explicit options (tests: a temp config dir, an in-memory key store).
/// The state is managed at build time, so commands work without `App::run` (mock runtime).
pub fn run_app_with<R: Runtime>(
    builder: tauri::Builder<R>,
    opts: DeskOptions,
) -> tauri::Builder<R> {
    log_start(&opts);
    with_commands(builder)
        .manage(Desk::new(opts))
        .plugin(forward_watch_events())
}

/// Forwards the watcher's events and activates it from build time on: a plugin's setup runs in
/// `build()`, while the app's setup hook waits for the event loop, which mock-runtime tests
/// never run.
fn forward_watch_events<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("desk-watch-events")
        .setup(|app, _api| {
            desk::forward_events(app);
            warm_up(app);
            Ok(())
        })
        .build()
}

fn log_start(opts: &DeskOptions) {
    log::info!(
        "Ninjapay Desk {} — settings in {}, keys in {}",
        env!("CARGO_PKG_VERSION"),
        opts.config_dir.display(),
        opts.secrets.describe()
    );
}

fn install<R: Runtime>(app: &tauri::AppHandle<R>, opts: DeskOptions) {
    log_start(&opts);
    app.manage(Desk::new(opts));
    desk::forward_events(app);
    warm_up(app);
}

/// Tell the watcher which account is current (nothing is checked before), and start the
/// sandbox early when that is the mode, so the first lookup is quick.
fn warm_up<R: Runtime>(app: &tauri::AppHandle<R>) {
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let desk = handle.state::<Desk>();
        if let Err(e) = desk.activate().await {
            log::error!("{e}");
        }
        desktop::refresh(&handle).await; // the title names the mode
        desk.import_old_watches().await;
        if desk.session().mode().await == settings::Mode::Sandbox {
            match desk.session().ensure_sandbox().await {
                Ok(info) => events::emit(&handle, events::SANDBOX_STARTED, info),
                Err(e) => log::error!("{e}"),
            }
        }
    });
}

/// Every command the page may call. `build.rs` reads this list to declare their permissions,
/// so the two cannot drift apart.
fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    use commands::settings as cfg;
    use commands::{
        bench, bridge, desktop, ledger, review, trade, ui, vouchers, wallet, watch, widget,
    };
    builder.invoke_handler(tauri::generate_handler![
        cfg::app_status,
        cfg::desk_state,
        cfg::get_settings,
        cfg::update_settings,
        cfg::set_mode,
        cfg::key_status,
        cfg::save_key,
        cfg::forget_key,
        cfg::test_connection,
        wallet::wallet_info,
        wallet::receive,
        wallet::check_payment,
        wallet::send,
        wallet::history,
        wallet::decode,
        wallet::find_attempt,
        vouchers::request_voucher,
        vouchers::check_voucher,
        vouchers::revoke_voucher,
        vouchers::redeem_voucher,
        trade::asset_balance,
        trade::check_order,
        trade::revoke_order,
        widget::request_token,
        widget::check_token,
        bridge::request_quote_id,
        bridge::request_quote,
        bridge::check_quote,
        review::review,
        ledger::records,
        ledger::record_history,
        ledger::report,
        ledger::export_report,
        ledger::import_recent,
        ledger::add_batches,
        ledger::refresh_open_batches,
        ledger::cancel_job,
        watch::watch_list,
        watch::watch_start,
        watch::watch_check_now,
        watch::watch_stop,
        watch::watch_again,
        watch::watch_forget,
        ui::qr_svg,
        ui::export_voucher_csv,
        ui::open_external,
        bench::ui_ready,
        desktop::desktop_status,
        desktop::desktop_menu_action,
        desktop::desktop_close_window,
        desktop::diagnostics,
    ])
}
