//! The schema and its migrations. The version lives in SQLite's `user_version`; each migration
//! runs in one transaction with the version bump, so a file is at one version or the next,
//! never in between. A file newer than this build is refused untouched.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a ledger file ("NJPL").
pub const APPLICATION_ID: i64 = 0x4E4A_504C;

/// Version 1: the first schema. Kept verbatim: a file written by it must migrate.
pub(crate) const V1: &str = r#"
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    mode          TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
    api_url       TEXT NOT NULL DEFAULT '',
    prod_url      TEXT NOT NULL DEFAULT '',
    ninjatag      TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 0,
    first_seen_at INTEGER NOT NULL,
    UNIQUE (mode, api_url, prod_url, ninjatag)
);
CREATE TABLE records (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts(id),
    kind              TEXT NOT NULL,
    tid               TEXT NOT NULL,
    direction         TEXT,
    title             TEXT,
    counterparty      TEXT,
    counterparty_kind TEXT,
    asset             TEXT,
    amount            TEXT,
    sats              INTEGER,
    fiat_currency     TEXT,
    fiat_amount       TEXT,
    fiat_minor        INTEGER,
    status            TEXT NOT NULL,
    raw_status        TEXT,
    is_final          INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    completed_at      INTEGER,
    first_seen_at     INTEGER NOT NULL,
    last_checked_at   INTEGER NOT NULL,
    origin            TEXT NOT NULL,
    UNIQUE (account_id, kind, tid)
);
CREATE TABLE record_data (
    record_id INTEGER PRIMARY KEY REFERENCES records(id),
    json      TEXT NOT NULL
);
CREATE TABLE observations (
    id         INTEGER PRIMARY KEY,
    record_id  INTEGER NOT NULL REFERENCES records(id),
    seen_at    INTEGER NOT NULL,
    origin     TEXT NOT NULL,
    status     TEXT NOT NULL,
    raw_status TEXT,
    state      TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX observations_record ON observations(record_id, seen_at);
CREATE TABLE voucher_batches (
    record_id            INTEGER PRIMARY KEY REFERENCES records(id),
    amount_per_code      TEXT NOT NULL,
    sats_per_code        INTEGER NOT NULL,
    code_count           INTEGER NOT NULL,
    expires_at           INTEGER,
    revoked_at           INTEGER,
    revoked_at_estimated INTEGER NOT NULL DEFAULT 0,
    giver                TEXT,
    static_url           TEXT
);
CREATE TABLE voucher_codes (
    batch_id              INTEGER NOT NULL REFERENCES voucher_batches(record_id),
    code                  TEXT NOT NULL,
    position              INTEGER NOT NULL,
    url                   TEXT,
    sats                  INTEGER NOT NULL,
    redeemed_by           TEXT,
    redeemed_tid          TEXT,
    redeemed_at           INTEGER,
    redeemed_at_estimated INTEGER NOT NULL DEFAULT 0,
    redeem_seen_at        INTEGER,
    callback_status       INTEGER,
    PRIMARY KEY (batch_id, code)
) WITHOUT ROWID;
CREATE TABLE imports (
    key     TEXT PRIMARY KEY,
    done_at INTEGER NOT NULL,
    items   INTEGER NOT NULL
);
"#;

/// Version 2, first part: the search text (lower-cased tid, title and counterparty), filled
/// in by Rust ([`backfill_search`]) so non-ASCII text folds the same way a query does.
pub(crate) const V2_SEARCH: &str = r#"
ALTER TABLE records ADD COLUMN search TEXT NOT NULL DEFAULT '';
"#;

/// Version 2, second part: the indexes the searches and reports use.
///
/// - `records_browse` covers every filter of the records table (date, account, kind, status,
///   direction, search text): a search reads this index, never the table, and a page walks it
///   newest first, stopping once the page is full.
/// - `voucher_codes_redeemed` holds only redeemed codes, by batch and time, with their value:
///   the liability report counts a batch's redeems up to a cutoff from it, and the redemptions
///   report sums a date range from it, without reading the codes themselves.
pub(crate) const V2_INDEXES: &str = r#"
CREATE INDEX records_browse
    ON records(created_at, account_id, kind, status, direction, search);
CREATE INDEX voucher_codes_redeemed ON voucher_codes(batch_id, redeemed_at, sats)
    WHERE redeemed_at IS NOT NULL;
"#;

enum Step {
    Sql(&'static str),
    Rust(fn(&Transaction<'_>) -> Result<()>),
}

const MIGRATIONS: &[&[Step]] = &[
    &[Step::Sql(V1)],
    &[
        Step::Sql(V2_SEARCH),
        Step::Rust(backfill_search),
        Step::Sql(V2_INDEXES),
    ],
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The text a search looks in: tid, title and counterparty, lower-cased, one per line.
pub(crate) fn search_text(tid: &str, title: Option<&str>, counterparty: Option<&str>) -> String {
    let mut s = tid.to_lowercase();
    for part in [title, counterparty].into_iter().flatten() {
        s.push('\n');
        s.push_str(&part.to_lowercase());
    }
    s
}

fn backfill_search(tx: &Transaction<'_>) -> Result<()> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = tx
        .prepare("SELECT id, tid, title, counterparty FROM records")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE records SET search = ?1 WHERE id = ?2")?;
    for (id, tid, title, cp) in rows {
        update.execute(rusqlite::params![
            search_text(&tid, title.as_deref(), cp.as_deref()),
            id
        ])?;
    }
    Ok(())
}

/// The file's schema version.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the file up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app != 0 && app != APPLICATION_ID {
        return Err(Error::invalid(
            "That file is an SQLite database of another program, not a Ninjapay Desk ledger.",
        ));
    }
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (i, steps) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for step in steps.iter() {
            match step {
                Step::Sql(sql) => tx.execute_batch(sql)?,
                Step::Rust(f) => f(&tx)?,
            }
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    if app == 0 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}
