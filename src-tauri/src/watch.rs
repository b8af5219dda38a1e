//! The shell's side of `ninjapay-watch`: how a watch's check reaches Ninjapay. Each check asks
//! the [`Session`] for the client of the watch's own account; the engine only checks the active
//! account's watches (the others are paused), and the session refuses any other account, so a
//! Sandbox watch is never checked against the real Ninjapay with the real key.

use std::path::PathBuf;
use std::sync::Arc;

use ninjapay::{Account, Tid};
use ninjapay_watch::{
    CheckFuture, Checker, ClientChecker, HistoryFuture, Recorder, WatchKind, Watcher, WatcherConfig,
};

use crate::error::{AppError, AppResult};
use crate::session::Session;

/// The store's file name in the app data dir.
pub const STORE_FILE: &str = "watches.json";

/// Checks through the session's client for the watch's account, filing every record read in
/// the books.
#[derive(Debug)]
struct AccountClient {
    session: Arc<Session>,
    recorder: Arc<dyn Recorder>,
}

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

impl Checker for AccountClient {
    fn check(&self, account: &Account, kind: WatchKind, tid: &Tid, now_unix: i64) -> CheckFuture {
        let session = Arc::clone(&self.session);
        let recorder = Arc::clone(&self.recorder);
        let (account, tid) = (account.clone(), tid.clone());
        Box::pin(async move {
            let client = session.client_for(&account).await.map_err(client_error)?;
            ClientChecker::new(client)
                .with_recorder(recorder)
                .check(&account, kind, &tid, now_unix)
                .await
        })
    }

    fn history(&self, account: &Account, limit: u32, now_unix: i64) -> Option<HistoryFuture> {
        let session = Arc::clone(&self.session);
        let recorder = Arc::clone(&self.recorder);
        let account = account.clone();
        Some(Box::pin(async move {
            let client = session.client_for(&account).await.map_err(client_error)?;
            let checker = ClientChecker::new(client).with_recorder(recorder);
            match checker.history(&account, limit, now_unix) {
                Some(calls) => calls.await,
                None => Ok(Vec::new()),
            }
        }))
    }
}

/// Start the watcher (resuming the watches in `store`) on Tauri's async runtime. If the store
/// cannot be read, watches are kept in memory for this run and the problem is logged. Nothing
/// is checked until [`Watcher::set_active`] names the current account.
pub fn start(session: Arc<Session>, store: PathBuf, recorder: Arc<dyn Recorder>) -> Watcher {
    let _runtime = tauri::async_runtime::handle().inner().enter();
    let budget = Arc::clone(session.budget());
    let checker = Arc::new(AccountClient { session, recorder });
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
