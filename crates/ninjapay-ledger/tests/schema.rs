//! The file: migrations from empty and from version 1, refusing a newer file, WAL, 0600, no
//! REAL anywhere.

mod common;

use common::*;
use ninjapay::Account;
use ninjapay_ledger::{Error, Kind, Ledger, Origin, RecordQuery, Scope, Seen, SCHEMA_VERSION};
use rusqlite::Connection;
use serde_json::json;

/// The version-1 schema, written out here (not taken from the crate) so a change to the
/// crate's copy cannot make this test pass by accident.
const V1: &str = r#"
CREATE TABLE accounts (id INTEGER PRIMARY KEY, mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
    api_url TEXT NOT NULL DEFAULT '', prod_url TEXT NOT NULL DEFAULT '', ninjatag TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 0, first_seen_at INTEGER NOT NULL, UNIQUE (mode, api_url, prod_url, ninjatag));
CREATE TABLE records (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL, tid TEXT NOT NULL, direction TEXT, title TEXT, counterparty TEXT,
    counterparty_kind TEXT, asset TEXT, amount TEXT, sats INTEGER, fiat_currency TEXT, fiat_amount TEXT,
    fiat_minor INTEGER, status TEXT NOT NULL, raw_status TEXT, is_final INTEGER NOT NULL,
    created_at INTEGER NOT NULL, completed_at INTEGER, first_seen_at INTEGER NOT NULL,
    last_checked_at INTEGER NOT NULL, origin TEXT NOT NULL, UNIQUE (account_id, kind, tid));
CREATE TABLE record_data (record_id INTEGER PRIMARY KEY REFERENCES records(id), json TEXT NOT NULL);
CREATE TABLE observations (id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL REFERENCES records(id),
    seen_at INTEGER NOT NULL, origin TEXT NOT NULL, status TEXT NOT NULL, raw_status TEXT,
    state TEXT NOT NULL, note TEXT);
CREATE INDEX observations_record ON observations(record_id, seen_at);
CREATE TABLE voucher_batches (record_id INTEGER PRIMARY KEY REFERENCES records(id),
    amount_per_code TEXT NOT NULL, sats_per_code INTEGER NOT NULL, code_count INTEGER NOT NULL,
    expires_at INTEGER, revoked_at INTEGER, revoked_at_estimated INTEGER NOT NULL DEFAULT 0,
    giver TEXT, static_url TEXT);
CREATE TABLE voucher_codes (batch_id INTEGER NOT NULL REFERENCES voucher_batches(record_id),
    code TEXT NOT NULL, position INTEGER NOT NULL, url TEXT, sats INTEGER NOT NULL, redeemed_by TEXT,
    redeemed_tid TEXT, redeemed_at INTEGER, redeemed_at_estimated INTEGER NOT NULL DEFAULT 0,
    redeem_seen_at INTEGER, callback_status INTEGER, PRIMARY KEY (batch_id, code)) WITHOUT ROWID;
CREATE TABLE imports (key TEXT PRIMARY KEY, done_at INTEGER NOT NULL, items INTEGER NOT NULL);
PRAGMA user_version = 1;
"#;

fn index_names(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn a_new_file_is_migrated_private_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/ledger.sqlite3");
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
    ledger
        .observe(
            &Account::Sandbox,
            1,
            Origin::LookedUp,
            Seen::Payment(&payment("P1", "0.1", "paid", 1, json!({}))),
        )
        .unwrap();
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, ninjapay_ledger::APPLICATION_ID);
    let idx = index_names(&conn);
    for want in [
        "records_browse",
        "voucher_codes_redeemed",
        "observations_record",
    ] {
        assert!(idx.iter().any(|i| i == want), "{want} missing from {idx:?}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["ledger.sqlite3", "ledger.sqlite3-wal", "ledger.sqlite3-shm"] {
            let p = path.with_file_name(f);
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f}");
        }
    }
    drop(ledger);
    // Opening again keeps the data.
    let again = Ledger::open(&path).unwrap();
    assert_eq!(
        again
            .records(&RecordQuery::new(Scope::BothModes))
            .unwrap()
            .total,
        1
    );
}

#[test]
fn a_version_1_file_is_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, mode, active, first_seen_at) VALUES (1, 'sandbox', 1, 100);
             INSERT INTO records (id, account_id, kind, tid, title, counterparty, asset, amount, sats,
                status, is_final, created_at, first_seen_at, last_checked_at, origin)
             VALUES (1, 1, 'voucher', '210N66027HB789', 'DÎWALI Gift', 'Ravi@Example.com', 'BTC',
                '0.00002000', 2000, 'open', 0, 1714000000, 1714000000, 1714000000, 'created');
             INSERT INTO voucher_batches (record_id, amount_per_code, sats_per_code, code_count)
             VALUES (1, '0.00001', 1000, 2);
             INSERT INTO voucher_codes (batch_id, code, position, sats, redeemed_at)
             VALUES (1, 'a', 0, 1000, 1714000100), (1, 'b', 1, 1000, NULL);",
        )
        .unwrap();
    }
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.schema_version().unwrap(), 2);
    let scope = Scope::account(&Account::Sandbox);
    // The old row is found by the search text the migration filled in (non-ASCII folded).
    let mut q = RecordQuery::new(scope.clone());
    q.text = Some("dîwali ravi@example".into());
    let rows = ledger.records(&q).unwrap().rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].amount.unwrap().to_string(), "0.00002000");
    // Its codes feed the reports.
    let l = ledger
        .liability(&scope, time::macros::date!(2024 - 04 - 30), 0)
        .unwrap();
    assert_eq!((l.open_codes, l.total_sats), (1, 1_000));
    // And new writes go on top.
    let b = Batch {
        tid: "210N66027HB789",
        amount: "0.00001",
        created: 1_714_000_000,
        expires: None,
        revoked_at: None,
        codes: vec![
            code("a", Some(1_714_000_100)),
            code("b", Some(1_714_000_200)),
        ],
        title: "DÎWALI Gift",
    };
    ledger
        .observe(
            &Account::Sandbox,
            1_714_000_300,
            Origin::Watched,
            Seen::Voucher(&b.voucher()),
        )
        .unwrap();
    let h = ledger
        .record_history(&scope, Kind::Voucher, "210N66027HB789")
        .unwrap();
    assert_eq!(h[0].record.status, ninjapay_ledger::Status::Redeemed);
    assert_eq!(h[0].observations.len(), 1);
    let conn = Connection::open(&path).unwrap();
    assert!(index_names(&conn).contains(&"records_browse".to_owned()));
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let err = Ledger::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooNew {
                found: 99,
                known: 2
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "ledger_too_new");
    assert!(err.to_string().contains("newer version"), "{err}");
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 99);
    // Another program's database is not taken over either.
    let other = dir.path().join("other.sqlite3");
    {
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);")
            .unwrap();
    }
    assert_eq!(Ledger::open(&other).unwrap_err().code(), "validation");
}

#[test]
fn no_amount_is_ever_stored_as_real() {
    let ledger_dir = tempfile::tempdir().unwrap();
    let path = ledger_dir.path().join("l.sqlite3");
    let ledger = Ledger::open(&path).unwrap();
    let acc = live();
    // Amounts that arrive as JSON numbers (vouchers, quotes) stay exact.
    let v: ninjapay::Voucher = de(json!({"tid": "N1", "amount": 0.1, "voucher_count": 3,
        "voucher_urls": codes("n", 3, &[5])}));
    ledger
        .observe(&acc, 10, Origin::LookedUp, Seen::Voucher(&v))
        .unwrap();
    let q: ninjapay::Quote = de(
        json!({"tid": 1, "status": "success", "sending_asset": "btc",
        "sending_asset_amount": 0.30000000000000004, "fiat_amount": 97000.1}),
    );
    ledger
        .observe(&acc, 10, Origin::LookedUp, Seen::Quote(&q))
        .unwrap();
    let rows = ledger
        .records(&RecordQuery::new(Scope::account(&acc)))
        .unwrap()
        .rows;
    let quote = rows.iter().find(|r| r.kind == Kind::Quote).unwrap();
    assert_eq!(quote.amount.unwrap().to_string(), "0.30000000000000004");
    assert_eq!(quote.fiat_amount.unwrap().to_string(), "97000.1");
    let voucher = rows.iter().find(|r| r.kind == Kind::Voucher).unwrap();
    assert_eq!(voucher.amount.unwrap().to_string(), "0.3");
    assert_eq!(voucher.sats, Some(30_000_000));
    drop(ledger);
    let conn = Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for c in cols {
            let reals: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM \"{t}\" WHERE typeof(\"{c}\") = 'real'"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(reals, 0, "{t}.{c}");
        }
    }
    let paise: i64 = conn
        .query_row(
            "SELECT fiat_minor FROM records WHERE kind = 'quote'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(paise, 9_700_010);
}
