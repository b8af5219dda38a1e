//! The app's books: every record the app creates or looks up, and every later observation of it,
//! filed in the ledger (`ninjapay-ledger`, SQLite in the app's data folder) through ONE function,
//! [`Books::file`]: the commands call it with what the client returned, and the watcher's checks
//! reach it through [`Recorder`]. A ledger that cannot be opened or written never stops a
//! payment screen: the problem is logged and shown in the status.
//!
//! Filing happens on one thread of its own, in the order asked: a lookup answers the page
//! without waiting for SQLite, and every read of the ledger ([`Books::ledger`]) first waits for
//! what was filed before it, so nothing asked for is ever missing from the records shown.

use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use ninjapay::Account;
use ninjapay_ledger::{Ledger, Observations, Origin, Seen};
use ninjapay_watch::{Checked, Recorder};
use tokio::sync::watch;

use crate::error::{AppError, AppResult};

/// The ledger's file in the app data dir.
pub const LEDGER_FILE: &str = "ledger.sqlite3";

/// The ledger (if it opened) and a counter the page's "records changed" event follows.
pub struct Books {
    ledger: Option<Arc<Ledger>>,
    problem: Option<String>,
    changed: Arc<watch::Sender<u64>>,
    filer: Option<Filer>,
}

/// The filing thread: observations queue up for it in order; `count` is (queued, filed).
struct Filer {
    queue: mpsc::Sender<(Account, Observations)>,
    count: Arc<(Mutex<(u64, u64)>, Condvar)>,
}

impl Filer {
    fn start(ledger: Arc<Ledger>, changed: Arc<watch::Sender<u64>>) -> std::io::Result<Filer> {
        let (queue, jobs) = mpsc::channel::<(Account, Observations)>();
        let count = Arc::new((Mutex::new((0u64, 0u64)), Condvar::new()));
        let count_filed = Arc::clone(&count);
        std::thread::Builder::new()
            .name("books".into())
            .spawn(move || {
                for (account, observations) in jobs {
                    // A panic in one filing is logged and counted like a failure: readers
                    // waiting for it must not wait forever, and the next filings go on.
                    let filed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        file_now(&ledger, &changed, &account, observations)
                    }));
                    if filed.is_err() {
                        log::error!("filing a record in the ledger panicked");
                    }
                    let (lock, cvar) = &*count_filed;
                    lock.lock().unwrap_or_else(|e| e.into_inner()).1 += 1;
                    cvar.notify_all();
                }
            })?;
        Ok(Filer { queue, count })
    }

    fn send(&self, account: Account, observations: Observations) {
        let (lock, _) = &*self.count;
        // Counted under the lock the thread counts what it filed under: never ahead of it.
        let mut count = lock.lock().unwrap_or_else(|e| e.into_inner());
        if self.queue.send((account, observations)).is_ok() {
            count.0 += 1;
        } else {
            log::warn!("the records' filing thread has stopped: not filed");
        }
    }

    /// Wait until everything queued so far is filed.
    fn settle(&self) {
        let (lock, cvar) = &*self.count;
        let mut count = lock.lock().unwrap_or_else(|e| e.into_inner());
        let target = count.0;
        while count.1 < target {
            count = cvar.wait(count).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl std::fmt::Debug for Books {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Books")
            .field("open", &self.ledger.is_some())
            .field("problem", &self.problem)
            .finish()
    }
}

impl Books {
    /// Opens (creating and migrating) `data_dir/ledger.sqlite3`.
    pub fn open(data_dir: &Path) -> Books {
        let path = data_dir.join(LEDGER_FILE);
        let changed = Arc::new(watch::channel(0).0);
        let (ledger, problem) = match Ledger::open(&path) {
            Ok(l) => {
                log::info!("records kept in {}", path.display());
                (Some(Arc::new(l)), None)
            }
            Err(e) => {
                let why = format!(
                    "The records file {} could not be opened ({e}); payments work, but nothing \
                     is added to Records until it can be.",
                    path.display()
                );
                log::error!("{why}");
                (None, Some(why))
            }
        };
        // Without its thread the ledger is still written, in the caller's thread.
        let filer = ledger.as_ref().and_then(|l| {
            Filer::start(Arc::clone(l), Arc::clone(&changed))
                .map_err(|e| log::warn!("no filing thread ({e}): records are filed in line"))
                .ok()
        });
        Books {
            ledger,
            problem,
            changed,
            filer,
        }
    }

    /// Wait until everything filed so far is in the ledger.
    pub fn settle(&self) {
        if let Some(filer) = &self.filer {
            filer.settle();
        }
    }

    /// The ledger (with everything filed so far in it), or why there is none.
    pub fn ledger(&self) -> AppResult<&Arc<Ledger>> {
        self.settle();
        self.ledger.as_ref().ok_or_else(|| {
            AppError::Ledger(
                self.problem
                    .clone()
                    .unwrap_or_else(|| "The records file is not open.".into()),
            )
        })
    }

    /// Why the ledger is not open, for the status banner.
    pub fn problem(&self) -> Option<String> {
        self.problem.clone()
    }

    /// Changes, for the page's `ledger://changed` event.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// The one write: file what the client returned (taken apart now, written by the filing
    /// thread). Failures are logged, never returned: the request itself succeeded.
    pub fn file(&self, account: &Account, origin: Origin, seen: &[Seen<'_>]) {
        let Some(ledger) = &self.ledger else { return };
        let observations = match Observations::of(now_unix(), origin, seen.iter().copied()) {
            Ok(o) => o,
            Err(e) => return log::warn!("could not file a record in the ledger: {e}"),
        };
        match &self.filer {
            Some(filer) => filer.send(account.clone(), observations),
            None => file_now(ledger, &self.changed, account, observations),
        }
    }

    /// The wallet the account's new records belong to (from Wallet Info).
    pub fn set_ninjatag(&self, account: &Account, ninjatag: Option<&str>) {
        self.settle(); // after what was filed before it, as it was asked
        if let Some(ledger) = &self.ledger {
            if let Err(e) = ledger.set_ninjatag(account, ninjatag) {
                log::warn!("could not note the wallet's ninjatag: {e}");
            }
        }
    }

    /// The old watch store (`watches.json`), imported once; watches without an account are
    /// filed under `fallback`.
    pub fn import_watch_store(&self, store: &Path, fallback: &Account) {
        let Ok(ledger) = self.ledger() else { return };
        let Ok(text) = std::fs::read_to_string(store) else {
            return;
        };
        let result =
            ledger.import_once("watch-store", |i| i.watch_store(fallback, &text).map(drop));
        match result {
            Ok(true) => {
                log::info!("imported the watch store into the records");
                self.changed.send_modify(|n| *n += 1);
            }
            Ok(false) => {}
            Err(e) => log::warn!("could not import the watch store: {e}"),
        }
    }

    /// The page's old "Recent activity" list, imported once: each account with its entries (a
    /// JSON array). True when it was imported now.
    pub fn import_recent_activity(&self, groups: &[(Account, String)]) -> AppResult<bool> {
        let ledger = self.ledger()?;
        let done = ledger
            .import_once("recent-activity", |i| {
                for (account, list) in groups {
                    i.recent_activity(account, list)?;
                }
                Ok(())
            })
            .map_err(|e| AppError::Ledger(e.to_string()))?;
        if done {
            self.changed.send_modify(|n| *n += 1);
        }
        Ok(done)
    }
}

impl Recorder for Books {
    fn record(&self, account: &Account, _now_unix: i64, records: &[Checked<'_>]) {
        let seen: Vec<Seen<'_>> = records
            .iter()
            .map(|c| match *c {
                Checked::Payment(p) => Seen::Payment(p),
                Checked::Token(t) => Seen::Token(t),
                Checked::Quote(q) => Seen::Quote(q),
                Checked::Voucher(v) => Seen::Voucher(v),
                Checked::Order(o) => Seen::Order(o),
            })
            .collect();
        self.file(account, Origin::Watched, &seen);
    }
}

/// Write `observations` and tell the page's "records changed" counter when anything changed.
fn file_now(
    ledger: &Ledger,
    changed: &watch::Sender<u64>,
    account: &Account,
    observations: Observations,
) {
    match ledger.file(account, observations) {
        Ok(done) if done.iter().any(|o| o.changed || o.new_record) => {
            changed.send_modify(|n| *n += 1);
        }
        Ok(_) => {}
        Err(e) => log::warn!("could not file a record in the ledger: {e}"),
    }
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
