//! The shell's side of `ninjapay-watch`: the watcher's checks go through the current client,
//! its events go to the UI as `watch://update` / `watch://budget`, and a watch that ends is
//! shown as a desktop notification.
//!
//! Why a checker that asks the [`Session`] for the client on every check, rather than restarting
//! the watcher when the mode or keys change: the session already caches the client and rebuilds
//! it after any change, so the checker stays correct with no extra state; a restart would have
//! to hand the store and in-flight checks over between two watchers and would reset the
//! engine's schedule state and budget notices for nothing.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use ninjapay_watch::{
    CheckFuture, Checker, ClientChecker, HistoryFuture, WatchEvent, WatchKind, WatchUpdate,
    Watcher, WatcherConfig,
};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

use crate::error::{AppError, AppResult};
use crate::events;
use crate::session::{Desk, Session};

/// The store's file name in the app data dir.
pub const STORE_FILE: &str = "watches.json";

/// Checks through whatever client the session has now (Sandbox or Live, current keys).
#[derive(Debug)]
struct CurrentClient(Arc<Session>);

/// A client that cannot be had (no key in Live mode, keychain locked, sandbox down) is a
/// transient failure for the watcher: it backs off and tries again, it does not end the watch.
fn client_error(e: AppError) -> ninjapay::Error {
    match e {
        AppError::Api(e) => e,
        other => ninjapay::Error::Network {
            message: other.to_string(),
        },
    }
}

impl Checker for CurrentClient {
    fn check(&self, kind: WatchKind, tid: &str, now_unix: i64) -> CheckFuture {
        let session = Arc::clone(&self.0);
        let tid = tid.to_owned();
        Box::pin(async move {
            let client = session.client().await.map_err(client_error)?;
            ClientChecker::new(client).check(kind, &tid, now_unix).await
        })
    }

    fn history(&self, limit: u32, now_unix: i64) -> Option<HistoryFuture> {
        let session = Arc::clone(&self.0);
        Some(Box::pin(async move {
            let client = session.client().await.map_err(client_error)?;
            match ClientChecker::new(client).history(limit, now_unix) {
                Some(calls) => calls.await,
                None => Ok(Vec::new()),
            }
        }))
    }
}

/// Start the watcher (resuming the watches in `store`) on Tauri's async runtime. If the store
/// cannot be read, watches are kept in memory for this run and the problem is logged.
pub fn start(session: Arc<Session>, store: PathBuf) -> Watcher {
    let _runtime = tauri::async_runtime::handle().inner().enter();
    let budget = Arc::clone(session.budget());
    let checker = Arc::new(CurrentClient(session));
    let config = WatcherConfig {
        store_path: Some(store.clone()),
        ..WatcherConfig::default()
    };
    match Watcher::start(checker.clone(), Arc::clone(&budget), config) {
        Ok(w) => {
            log::info!("watches kept in {}", store.display());
            w
        }
        Err(e) => {
            log::error!(
                "could not read {}: {e}; watches are kept in memory until restart",
                store.display()
            );
            Watcher::start(checker, budget, WatcherConfig::default())
                .expect("an in-memory watcher reads no file")
        }
    }
}

/// Parse a watch kind sent by the UI (`payment`, `token`, `quote`, `voucher`, `order`).
pub fn parse_kind(raw: &str) -> AppResult<WatchKind> {
    serde_json::from_value(serde_json::Value::String(raw.trim().to_owned())).map_err(|_| {
        AppError::Validation(format!(
            "Unknown kind {raw:?}: use payment, token, quote, voucher or order."
        ))
    })
}

/// Forward the watcher's events to the webviews, and notify when a watch ends. Runs until the
/// watcher stops.
pub fn forward_events<R: Runtime>(app: &AppHandle<R>) {
    let desk = app.state::<Desk>();
    let mut rx = desk.watcher().subscribe();
    // Which watches were already final, so a repeated final update (Check now on an ended watch)
    // does not notify twice.
    let mut was_final: HashMap<u64, bool> =
        desk.watches().iter().map(|u| (u.id, u.is_final)).collect();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(WatchEvent::Update(update)) => {
                    let before = was_final.insert(update.id, update.is_final);
                    if update.is_final && before != Some(true) {
                        notify(&app, &update);
                    }
                    events::emit(&app, events::WATCH_UPDATE, update);
                }
                Ok(WatchEvent::Budget(notice)) => events::emit(&app, events::WATCH_BUDGET, notice),
                Err(RecvError::Lagged(n)) => {
                    log::warn!("missed {n} watch events (the UI re-reads them with watch_list)");
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}

/// Show the engine's notification for a final update. The notification plugin is used from
/// Rust, so the webview needs no `notification:` permission. Failures are logged only.
fn notify<R: Runtime>(app: &AppHandle<R>, update: &WatchUpdate) {
    let Some(n) = update.notification() else {
        return;
    };
    let Some(plugin) = app.try_state::<tauri_plugin_notification::Notification<R>>() else {
        log::debug!("notification plugin not loaded; not shown: {}", n.title);
        return;
    };
    if let Err(e) = plugin.builder().title(&n.title).body(&n.body).show() {
        log::warn!("could not show the notification {:?}: {e}", n.title);
    }
}

/// Save the watches and stop the watcher (call on `RunEvent::Exit`). Bounded, so a stuck store
/// cannot hang the exit.
pub fn shutdown<R: Runtime>(app: &AppHandle<R>) {
    let Some(desk) = app.try_state::<Desk>() else {
        return;
    };
    // The timer must be made inside the runtime (Exit runs outside it).
    let done = tauri::async_runtime::block_on(async {
        tokio::time::timeout(std::time::Duration::from_secs(3), desk.shutdown()).await
    });
    match done {
        Ok(()) => log::info!("watcher stopped, watches saved"),
        Err(_) => log::warn!("the watcher did not stop within 3 s"),
    }
}
