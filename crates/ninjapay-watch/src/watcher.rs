//! The handle the shell keeps: [`Watcher`] starts the engine task and sends it commands; the
//! watches' latest state and the counters are read without asking the task.

use std::io;
use std::sync::Arc;

use ninjapay::Account;
use tokio::sync::{broadcast, mpsc, oneshot};

use crate::budget::Budget;
use crate::checker::Checker;
use crate::config::WatcherConfig;
use crate::engine::{Cmd, Engine};
use crate::kind::WatchRequest;
use crate::shared::{lock, Shared, WatchStats};
use crate::store::{Store, StoreFile};
use crate::update::{WatchEvent, WatchUpdate};

/// The watcher is gone (shut down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the watcher has stopped")
    }
}

impl std::error::Error for Closed {}

/// The handle the shell keeps. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Watcher {
    tx: mpsc::UnboundedSender<Cmd>,
    events: broadcast::Sender<WatchEvent>,
    shared: Arc<Shared>,
}

impl Watcher {
    /// Loads the store and starts the watcher task (call inside a tokio runtime). Nothing is
    /// checked until [`Watcher::set_active`] names the active account; then every unfinished
    /// watch of that account resumes on its original schedule.
    pub fn start(
        checker: Arc<dyn Checker>,
        budget: Arc<Budget>,
        config: WatcherConfig,
    ) -> io::Result<Watcher> {
        let store = config.store_path.clone().map(Store::new);
        let file = match &store {
            Some(s) => s.load()?,
            None => StoreFile::default(),
        };
        let (events, _) = broadcast::channel(4096);
        let shared = Arc::new(Shared::default());
        let tx = Engine::spawn(
            checker,
            budget,
            config,
            store,
            file,
            events.clone(),
            shared.clone(),
        );
        Ok(Watcher { tx, events, shared })
    }

    /// Which account's watches are checked: only those of `account`; every other unfinished
    /// watch is paused (not checked, not ended; its update says `paused`) until its account is
    /// active again, when a check it missed is made at once. `None` pauses them all. Watches
    /// from a store file written before watches had an account are adopted by the first
    /// account made active. Call it at start, and whenever the mode or the Live server changes.
    pub async fn set_active(&self, account: Option<Account>) -> Result<(), Closed> {
        let (tx, rx) = oneshot::channel();
        self.tx
            .send(Cmd::SetActive(account, tx))
            .map_err(|_| Closed)?;
        rx.await.map_err(|_| Closed)
    }

    /// Watches `request` (or returns the existing watch of the same account, kind and tid:
    /// nothing is watched twice; an ended one is watched again). Answers once it is on disk.
    pub async fn watch(&self, request: WatchRequest) -> Result<WatchUpdate, Closed> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(Cmd::Watch(request, tx)).map_err(|_| Closed)?;
        rx.await.map_err(|_| Closed)
    }

    /// Checks one watch now at user priority, without shifting its schedule. False if there is
    /// no such watch, or it belongs to an account that is not active (it cannot be checked
    /// now: Sandbox and Live never mix).
    pub async fn check_now(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::CheckNow(id, tx)).await
    }

    /// Stops a watch.
    pub async fn stop(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::Stop(id, tx)).await
    }

    /// Starts an ended watch's schedule again from now (paused if its account is not active).
    pub async fn watch_again(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::WatchAgain(id, tx)).await
    }

    /// Removes a watch from the list for good (the UI's Dismiss). An active watch is stopped
    /// first, without a notification. False if there is no such watch.
    pub async fn forget(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::Forget(id, tx)).await
    }

    async fn ask(&self, cmd: impl FnOnce(oneshot::Sender<bool>) -> Cmd) -> Result<bool, Closed> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(cmd(tx)).map_err(|_| Closed)?;
        rx.await.map_err(|_| Closed)
    }

    /// Every watch's latest state (unfinished first, then ended, newest first): load this,
    /// then listen to [`Watcher::subscribe`].
    pub fn list(&self) -> Vec<WatchUpdate> {
        let mut v: Vec<WatchUpdate> = lock(&self.shared.snapshot).values().cloned().collect();
        v.sort_by_key(|u| (u.is_final, std::cmp::Reverse(u.started_at), u.id));
        v
    }

    /// Updates and budget notices from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<WatchEvent> {
        self.events.subscribe()
    }

    /// Counters.
    pub fn stats(&self) -> WatchStats {
        lock(&self.shared.stats).clone()
    }

    /// Saves and stops the task; watches resume at the next start.
    pub async fn shutdown(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Cmd::Shutdown(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}
