//! The shell's state, managed by Tauri: the [`Session`] and the [`Watcher`] that checks pending
//! items through it, plus what reaches the page from the background: `watch://…` events,
//! desktop notifications for watches that end, and `wallet://changed` after anything that moves
//! value.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ninjapay::{Account, Tid, Voucher};
use ninjapay_watch::{WatchEvent, WatchRequest, WatchStatus, WatchUpdate, Watcher};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

use crate::books::Books;
use crate::error::{AppError, AppResult};
use crate::events;
use crate::jobs::Jobs;
use crate::keys::SecretStore;
use crate::session::Session;

/// How to build a [`Desk`].
pub struct DeskOptions {
    /// Directory holding `settings.json`.
    pub config_dir: std::path::PathBuf,
    /// Directory holding `watches.json` and the sandbox's state (the app data dir).
    pub data_dir: std::path::PathBuf,
    /// Where keys are kept.
    pub secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for DeskOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeskOptions")
            .field("config_dir", &self.config_dir)
            .field("data_dir", &self.data_dir)
            .field("secrets", &self.secrets.describe())
            .finish()
    }
}

/// The session, the watcher, the books (ledger), running lookup jobs, and the voucher batches
/// last shown (what an export writes).
pub struct Desk {
    session: Arc<Session>,
    watcher: Watcher,
    books: Arc<Books>,
    jobs: Arc<Jobs>,
    data_dir: std::path::PathBuf,
    vouchers: Mutex<HashMap<(Account, Tid), Voucher>>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("session", &self.session)
            .field("watcher", &self.watcher)
            .finish_non_exhaustive()
    }
}

impl Desk {
    /// The session, and the watcher resumed from `data_dir/watches.json`.
    pub fn new(opts: DeskOptions) -> Self {
        for dir in [&opts.config_dir, &opts.data_dir] {
            if let Err(e) = crate::files::private_dir(dir) {
                log::warn!("could not make {} private: {e}", dir.display());
            }
        }
        let session = Arc::new(Session::new(
            &opts.config_dir,
            &opts.data_dir,
            Arc::clone(&opts.secrets),
        ));
        let books = Arc::new(Books::open(&opts.data_dir));
        let watcher = crate::watch::start(
            Arc::clone(&session),
            opts.data_dir.join(crate::watch::STORE_FILE),
            Arc::clone(&books) as Arc<dyn ninjapay_watch::Recorder>,
        );
        Desk {
            session,
            watcher,
            books,
            jobs: Arc::default(),
            data_dir: opts.data_dir,
            vouchers: Mutex::new(HashMap::new()),
        }
    }

    /// The books (the ledger of everything seen).
    pub fn books(&self) -> &Arc<Books> {
        &self.books
    }

    /// Running lookup jobs.
    pub fn jobs(&self) -> &Arc<Jobs> {
        &self.jobs
    }

    /// Import what the old watch store held into the books, once (call after `activate`: a
    /// watch saved without an account is filed under the current one).
    pub async fn import_old_watches(&self) {
        let account = self.session.account().await;
        let store = self.data_dir.join(crate::watch::STORE_FILE);
        self.books.import_watch_store(&store, &account);
    }

    /// Settings, keys, mode and clients.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The watcher.
    pub fn watcher(&self) -> &Watcher {
        &self.watcher
    }

    /// Tell the watcher which account is current: its watches are checked, the others' paused
    /// until that mode is chosen again. Call after anything that may change the mode.
    pub async fn activate(&self) -> AppResult<()> {
        let account = self.session.account().await;
        Ok(self.watcher.set_active(Some(account)).await?)
    }

    /// Keep the batch just shown, so an export writes exactly what is on screen.
    pub fn remember_voucher(&self, account: &Account, voucher: &Voucher) {
        let mut map = self.vouchers.lock().unwrap_or_else(|e| e.into_inner());
        map.insert((account.clone(), voucher.tid.clone()), voucher.clone());
    }

    /// The batch last shown for `tid` in `account`.
    pub fn voucher(&self, account: &Account, tid: &Tid) -> Option<Voucher> {
        let map = self.vouchers.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&(account.clone(), tid.clone())).cloned()
    }

    /// Every watch, active first (what `watch_list` returns).
    pub fn watches(&self) -> Vec<WatchUpdate> {
        self.watcher.list()
    }

    /// Watch something (or get the existing watch of the same account, kind and tid).
    pub async fn watch(&self, request: WatchRequest) -> AppResult<WatchUpdate> {
        Ok(self.watcher.watch(request).await?)
    }

    /// Watch what a command just created. A failure is logged, not returned: the command
    /// itself succeeded (money may have moved) and the user can still watch it by hand.
    pub async fn auto_watch(&self, request: WatchRequest) {
        let (kind, tid) = (request.kind, request.tid.clone());
        match self.watcher.watch(request).await {
            Ok(u) => log::info!("watching {} {tid} (watch {})", kind.label(), u.id),
            Err(e) => log::warn!("could not watch {} {tid}: {e}", kind.label()),
        }
    }

    /// Check a watch once now (the result arrives as a `watch://update` event).
    pub async fn watch_check_now(&self, id: u64) -> AppResult<WatchUpdate> {
        self.found(id, self.watcher.check_now(id).await?)
    }

    /// Stop a watch (it stays listed as stopped, with Watch again).
    pub async fn watch_stop(&self, id: u64) -> AppResult<WatchUpdate> {
        self.found(id, self.watcher.stop(id).await?)
    }

    /// Start an ended watch's schedule again from now.
    pub async fn watch_again(&self, id: u64) -> AppResult<WatchUpdate> {
        self.found(id, self.watcher.watch_again(id).await?)
    }

    /// Remove a watch from the list and the store (Dismiss). Returns the remaining watches.
    pub async fn watch_forget(&self, id: u64) -> AppResult<Vec<WatchUpdate>> {
        if !self.watcher.forget(id).await? {
            return Err(not_found(id));
        }
        Ok(self.watcher.list())
    }

    fn found(&self, id: u64, found: bool) -> AppResult<WatchUpdate> {
        if !found {
            return Err(not_found(id));
        }
        self.watcher
            .list()
            .into_iter()
            .find(|u| u.id == id)
            .ok_or_else(|| not_found(id))
    }

    /// Save the watches and stop the watcher (on exit), save the sandbox's state, and let the
    /// records take in what is still being filed.
    pub async fn shutdown(&self) {
        self.watcher.shutdown().await;
        self.session.save_sandbox().await;
        let books = Arc::clone(&self.books);
        let _ = tokio::task::spawn_blocking(move || books.settle()).await;
    }
}

fn not_found(id: u64) -> AppError {
    AppError::NotFound(format!("No watch with id {id}."))
}

/// After a command that may have moved value (done, or outcome unknown): the page re-reads the
/// balances.
pub fn value_moved<R: Runtime>(app: &AppHandle<R>) {
    events::emit(app, events::WALLET_CHANGED, ());
}

/// Whether a final watch status means the wallet's balance changed.
fn moves_value(status: WatchStatus) -> bool {
    matches!(
        status,
        WatchStatus::Paid | WatchStatus::Success | WatchStatus::Redeemed | WatchStatus::Refunded
    )
}

/// Forward the watcher's events to the webviews, and notify when a watch ends. Runs until the
/// watcher stops.
pub fn forward_events<R: Runtime>(app: &AppHandle<R>) {
    forward_ledger_changes(app);
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
                        if moves_value(update.status) {
                            value_moved(&app);
                        }
                    }
                    events::emit(&app, events::WATCH_UPDATE, update);
                    crate::desktop::watches_changed(&app);
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

/// `ledger://changed` at most twice a second while records are being filed.
fn forward_ledger_changes<R: Runtime>(app: &AppHandle<R>) {
    let mut rx = app.state::<Desk>().books().subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        while rx.changed().await.is_ok() {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            rx.borrow_and_update();
            events::emit(&app, events::LEDGER_CHANGED, ());
        }
    });
}

/// Text from a server shown in a desktop notification. On Linux, notification daemons may render
/// a subset of HTML in the body (the freedesktop spec's "body-markup"), so markup characters are
/// escaped there; other systems show text as it is.
pub fn notification_text(text: &str) -> String {
    if cfg!(target_os = "linux") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text.to_owned()
    }
}

/// Show the notification for a final update: the title in the app's language, the body (amount,
/// label, tid, a server's message) as the engine writes it. From Rust, so the webview needs no
/// `notification:` permission. Failures are logged only.
fn notify<R: Runtime>(app: &AppHandle<R>, update: &WatchUpdate) {
    let Some(n) = update.notification() else {
        return;
    };
    let lang = crate::desktop::lang(app);
    let title = crate::desktop::words::notification_title(lang, update.kind, update.status);
    crate::desktop::notify(app, &title, &n.body);
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

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn server_text_cannot_become_markup_in_a_notification() {
        assert_eq!(
            super::notification_text("<b>Diwali</b> & <a href=x>win</a>"),
            "&lt;b&gt;Diwali&lt;/b&gt; &amp; &lt;a href=x&gt;win&lt;/a&gt;"
        );
    }
}
