//! The record store of Ninjapay Desk: everything the app created or looked up, and every later
//! observation of it, in one SQLite file (bundled SQLite, WAL) in the app's data folder, written
//! only by the app's Rust side. Tauri-free.
//!
//! Ninjapay's API cannot list vouchers, quotes, tokens or orders (only `history` lists
//! Lightning payments, and only the latest ones), so the only place such a list can exist is
//! this computer. That is also the limit of what the ledger knows:
//!
//! - **Only what this computer has seen.** A batch made on another device, a payment never
//!   looked up, a redeem that happened after the last check: none of it is here until the app
//!   sees it. Each record says when it was first seen and last checked; each batch in the
//!   liability report says whether it was checked after the report's cutoff.
//! - **Times are Ninjapay's when it gives them.** Where it does not (a redeem listed without
//!   `redeemed_at`, a revocation without `revoked_at`, a payment's settlement, which has no time
//!   field at all), the time this computer first saw it is used, and marked as an estimate
//!   where it matters (`redeemed_at_estimated`, `revoked_at_estimated`). A record's
//!   `completed_at` is Ninjapay's time when stated (order `executed_at`, quote
//!   `transaction_time`, batch `revoked_at` or last redeem), else when first seen final.
//! - **History is appended, not overwritten.** The record row holds the latest state; the
//!   `observations` table holds every state that differed from the one before; a code's redeem
//!   is written once and never undone by a later answer that lacks it.
//!
//! # Using it
//!
//! ```no_run
//! # fn demo(voucher: &ninjapay::Voucher) -> Result<(), ninjapay_ledger::Error> {
//! use ninjapay::Account;
//! use ninjapay_ledger::{Ledger, Origin, RecordQuery, Scope, Seen};
//! let ledger = Ledger::open("/home/me/.local/share/ninjapay-desk/ledger.sqlite3")?;
//! let account = Account::Sandbox;
//! ledger.set_ninjatag(&account, Some("shop"))?;           // from Wallet Info
//! ledger.observe(&account, 1_714_912_928, Origin::LookedUp, Seen::Voucher(voucher))?;
//! let page = ledger.records(&RecordQuery::new(Scope::account(&account)))?;
//! let owed = ledger.liability(&Scope::account(&account), time::macros::date!(2024 - 05 - 05), 330)?;
//! let csv = ninjapay_ledger::csv_bytes(&owed.to_table(), 330);
//! # let _ = (page, csv); Ok(()) }
//! ```
//!
//! | Call | What |
//! |---|---|
//! | [`Ledger::open`], [`Ledger::open_in_memory`] | create or open (migrate, WAL, file `0600` on Unix) |
//! | [`Ledger::observe`], [`Ledger::observe_all`] | **the one write**: file what the client returned ([`Seen`]) |
//! | [`Ledger::set_ninjatag`] | the wallet new records of an account belong to |
//! | [`Ledger::import_once`] | import the old recent-activity list and watch store, once |
//! | [`Ledger::records`] | search, filter, sort, page ([`RecordQuery`] → [`Page`]`<`[`RecordRow`]`>`) |
//! | [`Ledger::record_history`] | one record's observations (and a batch's codes) |
//! | [`Ledger::liability`] | voucher value still redeemable at the end of a day |
//! | [`Ledger::redemptions`] | codes redeemed per day, week or month |
//! | [`Ledger::payouts`] | bridge payouts with totals per status |
//! | [`Ledger::lightning_per_day`] | Lightning received and sent per day |
//! | [`Ledger::open_batches`] | batches worth re-checking ("Refresh open batches") |
//! | [`csv_bytes`], [`xlsx_bytes`] | export any result's `to_table()` |
//!
//! Every query takes a [`Scope`]: one account (every wallet at that server, or one), every
//! account of one mode, or — only when asked for — both modes. Sandbox records never appear in
//! a Live scope.
//!
//! # Schema (version [`SCHEMA_VERSION`], in `user_version`; `application_id` = "NJPL")
//!
//! | Table | Holds |
//! |---|---|
//! | `accounts` | one wallet at one server: `mode` (`sandbox`/`live`), `api_url`, `prod_url` (empty for the sandbox), `ninjatag` (empty until known), `active` (where new records go) |
//! | `records` | one row per (account, kind, tid), the latest state: kind, tid, direction, title, counterparty (+ kind: ninjatag/upi/email/name), asset, `amount` (exact decimal text), `sats` (integer, BTC only), `fiat_currency`, `fiat_amount` (exact text), `fiat_minor` (paise), status, Ninjapay's own status text, `is_final`, `created_at`, `completed_at`, `first_seen_at`, `last_checked_at`, `origin`, `search` |
//! | `record_data` | Ninjapay's last answer per record, as JSON (a batch without its codes) |
//! | `observations` | append-only: `seen_at`, origin, status, the compared `state` (JSON) and a `note` (codes newly redeemed, webhook answers, an import's action) |
//! | `voucher_batches` | per batch: `amount_per_code` (text), `sats_per_code`, `code_count`, `expires_at`, `revoked_at` (+ estimated flag), giver, static URL |
//! | `voucher_codes` | per code (`WITHOUT ROWID`, key batch + code): position, URL (only when not the usual one), `sats`, `redeemed_by`, `redeemed_tid`, `redeemed_at` (+ estimated flag), `redeem_seen_at`, `callback_status` |
//! | `imports` | one marker row per import done |
//!
//! Amounts are never REAL: exact decimal text beside integer minor units (sats, paise). Times
//! are Unix seconds (UTC); days are computed at the caller's UTC offset in minutes (India is
//! +330; no daylight-saving rules, and no zone is assumed). "As of the end of a day" means at
//! 23:59:59 that day: whatever happened at that second or earlier (a redeem, an expiry, a
//! revocation) happened by then.
//!
//! Indexes: `records (account_id, kind, tid)` unique (one record per account, kind and tid;
//! also the liability report's and "open batches" way in); `records_browse (created_at,
//! account_id, kind, status, direction, search)`, which covers every filter of the records
//! table, so a search reads this index and never the table, and a page sorted by date walks it
//! newest first and stops once full; `observations (record_id, seen_at)`; and
//! `voucher_codes_redeemed (batch_id, redeemed_at, sats)` holding only redeemed codes, from
//! which the liability report counts a batch's redeems up to a cutoff and the redemptions
//! report sums a date range, without reading the codes themselves.
//!
//! Migrations (own runner, `rusqlite_migration`-style on `user_version`, with Rust steps):
//! 1 = the tables; 2 = `records.search` (filled in by Rust, so non-ASCII text folds as a query
//! does) and the indexes above. Each runs in one transaction with its version bump;
//! a file from a newer build is refused untouched ([`Error::TooNew`]).

//!
//! # Measured (`make bench-ledger`, release, 2 cores)
//!
//! 100,000 records with 1,000,000 voucher codes: search (page of 50 plus the total) p50 17 ms,
//! p95 26 ms; liability over everything 39 ms; redemptions per day over a year (243,000
//! redeems) 131 ms; 100,000 rows to CSV 0.3 s (24.7 MB) and to xlsx 4.0 s (11.5 MB); the file
//! 157 MB, of which Ninjapay's raw answers are about a third.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod accounts;
mod dates;
mod error;
mod export;
mod import;
mod model;
mod observe;
mod query;
mod reports;
mod schema;
mod tables;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use ninjapay::Account;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use time::Date;

pub use accounts::{AccountInfo, Scope};
pub use dates::{day_start, end_of_day, local_date, parse_date, serde_date, utc_offset};
pub use error::{Error, Result};
pub use export::{
    csv_bytes, guarded, inr_negative_format, iso_utc, safe_file_name, voucher_table, xlsx_bytes,
    Cell, Column, ColumnKind, Table, INR_FORMAT, VOUCHER_HEADER,
};
pub use import::{ImportItem, Importer};
pub use model::{
    btc_to_sats, minor_2_to_decimal, sats_to_btc, serde_decimal, to_minor_2, Bucket,
    CounterpartyKind, Direction, Kind, Origin, Status, SATS_PER_BTC,
};
pub use observe::{Observations, Observed, Seen, VOUCHER_URL_BASE};
pub use query::{
    BatchInfo, CodeRow, ObservationRow, Page, RecordHistory, RecordQuery, RecordRow, Sort,
};
pub use reports::{
    BatchLiability, Liability, LightningDay, LightningDays, OpenBatch, PayoutRow, PayoutTotal,
    Payouts, RedemptionBucket, Redemptions,
};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

/// The ledger: one SQLite connection behind a mutex (writes are small; reads are quick).
/// `Send + Sync`: share it in an `Arc` or Tauri state.
#[derive(Debug)]
pub struct Ledger {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

fn configure(conn: &Connection, file: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if file {
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::invalid(format!(
                "The ledger could not switch to write-ahead logging (journal mode {mode})."
            )));
        }
        // Safe with WAL: a power cut can lose the last transactions, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Up to 16 MiB of page cache (grown only as used).
    conn.pragma_update(None, "cache_size", -16_384)?;
    Ok(())
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(|_| ())
}

impl Ledger {
    /// Opens (or creates) the ledger file at `path`: its folder is created if missing, the file
    /// is readable by its owner only (`0600` on Unix; SQLite gives the `-wal` and `-shm` files
    /// the same mode), the schema is migrated, and WAL is on.
    pub fn open(path: impl AsRef<Path>) -> Result<Ledger> {
        let path = path.as_ref().to_path_buf();
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(open_err)?;
        }
        create_private(&path).map_err(open_err)?;
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        configure(&conn, true)?;
        schema::migrate(&mut conn)?;
        // Refresh the planner's statistics where they are stale (cheap; SQLite's advice).
        conn.execute_batch("PRAGMA optimize = 0x10002;")?;
        Ok(Ledger {
            conn: Mutex::new(conn),
            path: Some(path),
        })
    }

    /// A ledger in memory (tests, previews): same schema, gone when dropped.
    pub fn open_in_memory() -> Result<Ledger> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        schema::migrate(&mut conn)?;
        Ok(Ledger {
            conn: Mutex::new(conn),
            path: None,
        })
    }

    /// The file, for a file ledger.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the transaction rolls back
        // when dropped), so a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The file's schema version ([`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<i64> {
        schema::version(&self.conn())
    }

    /// Files what the client returned for `account`, seen at `seen_at` (Unix seconds): upserts
    /// the record (latest state) and appends an observation when its state differs from the
    /// last one. Every command and the watcher write through this (or [`Ledger::observe_all`]).
    pub fn observe(
        &self,
        account: &Account,
        seen_at: i64,
        origin: Origin,
        seen: Seen<'_>,
    ) -> Result<Observed> {
        let mut out = self.observe_all(account, seen_at, origin, [seen])?;
        out.pop()
            .ok_or_else(|| Error::invalid("Nothing was observed."))
    }

    /// [`Ledger::observe`] for many answers at once (a `history` list), in one transaction.
    pub fn observe_all<'a>(
        &self,
        account: &Account,
        seen_at: i64,
        origin: Origin,
        seen: impl IntoIterator<Item = Seen<'a>>,
    ) -> Result<Vec<Observed>> {
        self.file(account, Observations::of(seen_at, origin, seen)?)
    }

    /// Files [`Observations`] taken earlier (in one transaction), as [`Ledger::observe_all`].
    pub fn file(&self, account: &Account, observations: Observations) -> Result<Vec<Observed>> {
        let Observations {
            seen_at,
            origin,
            snaps,
        } = observations;
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = accounts::active_id(&tx, account, seen_at)?;
        let mut out = Vec::with_capacity(snaps.len());
        for snap in snaps {
            out.push(observe::write(&tx, id, seen_at, origin, snap)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Sets the wallet (ninjatag, from Wallet Info) that `account`'s new records belong to;
    /// `None` when the key changed and the wallet is not known yet. Records filed while it was
    /// not known are adopted by the next ninjatag set.
    pub fn set_ninjatag(&self, account: &Account, ninjatag: Option<&str>) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        accounts::set_ninjatag(&tx, account, ninjatag, import::now_unix())?;
        tx.commit()?;
        Ok(())
    }

    /// Every account (wallet at a server) the ledger has records for.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>> {
        accounts::all(&self.conn())
    }

    /// Runs `f` once for `key` (e.g. `"recent-activity"`, `"watch-store"`): in one
    /// transaction with a marker row, so it is never done twice and a failure leaves nothing
    /// behind (and runs again next time). Returns whether it ran now.
    pub fn import_once(
        &self,
        key: &str,
        f: impl FnOnce(&mut Importer<'_>) -> Result<()>,
    ) -> Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM imports WHERE key = ?1)",
            [key],
            |r| r.get(0),
        )?;
        if done {
            return Ok(false);
        }
        let mut importer = Importer { tx: &tx, items: 0 };
        f(&mut importer)?;
        let items = importer.items;
        tx.execute(
            "INSERT INTO imports (key, done_at, items) VALUES (?1, ?2, ?3)",
            rusqlite::params![key, import::now_unix(), items as i64],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Whether the import `key` was done.
    pub fn imported(&self, key: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM imports WHERE key = ?1)",
            [key],
            |r| r.get(0),
        )?)
    }

    /// One page of records matching `query`, with the total count.
    pub fn records(&self, query: &RecordQuery) -> Result<Page<RecordRow>> {
        query::records(&self.conn(), query)
    }

    /// A record (one per matching account in `scope`, usually one) with its observations, and
    /// for a voucher batch its codes.
    pub fn record_history(
        &self,
        scope: &Scope,
        kind: Kind,
        tid: &str,
    ) -> Result<Vec<RecordHistory>> {
        query::history(&self.conn(), scope, kind, tid.trim())
    }

    /// The voucher value still redeemable at the end of `as_of` (at `utc_offset_minutes`):
    /// batches created by then, not expired or revoked by then, codes not redeemed by then.
    pub fn liability(
        &self,
        scope: &Scope,
        as_of: Date,
        utc_offset_minutes: i32,
    ) -> Result<Liability> {
        reports::liability(&self.conn(), scope, as_of, utc_offset_minutes)
    }

    /// Codes redeemed per day, week or month from `from` to `to` (inclusive, the user's days).
    pub fn redemptions(
        &self,
        scope: &Scope,
        from: Date,
        to: Date,
        bucket: Bucket,
        utc_offset_minutes: i32,
    ) -> Result<Redemptions> {
        reports::redemptions(&self.conn(), scope, from, to, bucket, utc_offset_minutes)
    }

    /// Bridge payouts created from `from` to `to`, with totals per status.
    pub fn payouts(
        &self,
        scope: &Scope,
        from: Date,
        to: Date,
        utc_offset_minutes: i32,
    ) -> Result<Payouts> {
        reports::payouts(&self.conn(), scope, from, to, utc_offset_minutes)
    }

    /// Paid Lightning payments received and sent per day (by creation day).
    pub fn lightning_per_day(
        &self,
        scope: &Scope,
        from: Date,
        to: Date,
        utc_offset_minutes: i32,
    ) -> Result<LightningDays> {
        reports::lightning_per_day(&self.conn(), scope, from, to, utc_offset_minutes)
    }

    /// Voucher batches that may still change (not final when last checked, or never checked),
    /// the least recently checked first.
    pub fn open_batches(&self, scope: &Scope) -> Result<Vec<OpenBatch>> {
        reports::open_batches(&self.conn(), scope)
    }

    /// Moves the write-ahead log into the main file and empties it (for a size measurement or
    /// a backup copy).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}

impl Drop for Ledger {
    fn drop(&mut self) {
        // SQLite's advice for a connection about to close: refresh the planner's statistics
        // where a table changed enough to need it (usually a no-op; errors do not matter here).
        if self.path.is_some() {
            let _ = self.conn().execute_batch("PRAGMA optimize;");
        }
    }
}

#[cfg(test)]
mod send_sync {
    fn is_send_sync<T: Send + Sync>() {}

    #[test]
    fn ledger_is_send_and_sync() {
        is_send_sync::<super::Ledger>();
    }
}
