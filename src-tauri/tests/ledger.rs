//! The books through the commands (mock runtime, in-process sandbox): every lookup and create is
//! filed through the one function, Sandbox records stay out of Live's, the liability report
//! adds up to what Check Voucher says, many batches are looked up as a job with progress and a
//! per-tid result, and the old recent-activity list is imported once.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{capture, Harness};
use ninjapay_desk_lib::events;
use ninjapay_desk_lib::keys::MemoryStore;
use serde_json::{json, Value};

const SEEDED_VOUCHER: &str = "210N66027HB789";

fn sandbox() -> Harness {
    capture::install();
    Harness::new(Arc::new(MemoryStore::default()))
}

fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

/// BTC text ("0.00002000") in sats.
fn sats(btc: &Value) -> i64 {
    let d: ninjapay::Decimal = btc.as_str().unwrap().parse().unwrap();
    (d * ninjapay::Decimal::from(100_000_000u32))
        .normalize()
        .to_string()
        .parse()
        .unwrap()
}

fn rows(h: &Harness, query: Value) -> Vec<Value> {
    h.ok("records", json!({ "query": query }))["rows"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn lookups_and_creates_are_filed_and_sandbox_stays_out_of_live() {
    let h = sandbox();
    h.ok("check_voucher", json!({"tid": SEEDED_VOUCHER}));
    let made = h.ok(
        "request_voucher",
        json!({"request": {"amount": "0.00002", "voucher_count": 3, "title": "Books test"}}),
    );
    let tid = made["tid"].as_str().unwrap().to_owned();
    let all = rows(&h, json!({}));
    let tids: Vec<&str> = all.iter().map(|r| r["tid"].as_str().unwrap()).collect();
    assert!(
        tids.contains(&SEEDED_VOUCHER) && tids.contains(&tid.as_str()),
        "{tids:?}"
    );
    let mine = rows(&h, json!({"text": "Books test"}));
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["kind"], "voucher");
    assert_eq!(mine[0]["sats"], 6000, "3 codes × 2,000 sats");
    // Live mode: none of the Sandbox records, unless both modes are asked for.
    h.ok("set_mode", json!({"mode": "live"}));
    assert!(rows(&h, json!({})).is_empty());
    assert!(!rows(&h, json!({"scope": "both"})).is_empty());
    h.ok("set_mode", json!({"mode": "sandbox"}));
    assert!(!rows(&h, json!({})).is_empty());
}

#[test]
fn the_liability_adds_up_to_what_check_voucher_says() {
    let h = sandbox();
    let mut expected_sats: i64 = 0;
    for count in [2, 5] {
        let made = h.ok(
            "request_voucher",
            json!({"request": {"amount": "0.00001", "voucher_count": count}}),
        );
        let tid = made["tid"].as_str().unwrap().to_owned();
        let v = h.ok("check_voucher", json!({ "tid": tid }));
        expected_sats += sats(&v["figures"]["redeemable_value"]);
    }
    let r = h.ok(
        "report",
        json!({"params": {"report": "liability", "asOf": today(), "utcOffsetMinutes": 330}}),
    );
    // The report says what Check Voucher said, batch by batch and in total.
    assert_eq!(r["totalSats"].as_i64().unwrap(), expected_sats, "{r}");
    let sum: i64 = r["batches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["outstandingSats"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, expected_sats);
    assert_eq!(
        h.code(
            "report",
            json!({"params": {"report": "liability", "asOf": "yesterday"}})
        ),
        "validation"
    );
}

#[test]
fn batches_added_by_tid_report_each_result_and_can_be_cancelled() {
    let h = sandbox();
    let made = h.ok(
        "request_voucher",
        json!({"request": {"amount": "0.00001", "voucher_count": 1}}),
    );
    let created = made["tid"].as_str().unwrap().to_owned();
    let events: Arc<Mutex<Vec<Value>>> = Arc::default();
    let seen = Arc::clone(&events);
    events::listen(&h.app, events::LEDGER_PROGRESS, move |p| {
        seen.lock().unwrap().push(p);
    });
    let job = h.ok(
        "add_batches",
        json!({"tids": [SEEDED_VOUCHER, " NOSUCHBATCH77 ", created, SEEDED_VOUCHER, ""]}),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let finished = loop {
        let done = events
            .lock()
            .unwrap()
            .iter()
            .find(|e| e["job"] == job && e["finished"] == true)
            .cloned();
        if let Some(d) = done {
            break d;
        }
        assert!(Instant::now() < deadline, "{:?}", events.lock().unwrap());
        std::thread::sleep(Duration::from_millis(25));
    };
    assert_eq!(finished["total"], 3, "blanks and repeats dropped");
    assert_eq!(finished["done"], 3);
    let outcomes: Vec<(String, String)> = events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e["job"] == job && e["result"].is_object())
        .map(|e| {
            (
                e["result"]["tid"].as_str().unwrap().to_owned(),
                e["result"]["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (SEEDED_VOUCHER.to_owned(), "added".to_owned()),
            ("NOSUCHBATCH77".to_owned(), "not_found".to_owned()),
            (created, "added".to_owned()),
        ]
    );
    assert!(rows(&h, json!({"text": SEEDED_VOUCHER})).len() == 1);
    assert_eq!(
        h.code("add_batches", json!({"tids": ["", "  "]})),
        "validation"
    );
    assert_eq!(h.ok("cancel_job", json!({"job": 999_999})), json!(false));
}

#[test]
fn the_old_recent_activity_is_imported_once() {
    let h = sandbox();
    let list = json!([{"kind": "voucher", "tid": "OLDBATCH1", "label": "Diwali", "action": "created", "at": 1_714_912_921_000u64}]).to_string();
    assert_eq!(h.ok("import_recent", json!({ "json": list })), json!(true));
    assert_eq!(h.ok("import_recent", json!({ "json": list })), json!(false));
    let found = rows(&h, json!({"text": "OLDBATCH1"}));
    assert_eq!(found.len(), 1, "{found:?}");
}
