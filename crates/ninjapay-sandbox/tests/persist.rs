//! The state file (the app's Sandbox mode surviving a restart or `kill -9`): records, balance,
//! clock and ids come back; a corrupt or newer file starts fresh without failing.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;
use ninjapay_sandbox::{persist, Config, Sandbox};
use reqwest::Method;
use serde_json::Value;

fn with_file(path: &Path) -> Config {
    Config {
        state_file: Some(path.to_owned()),
        ..Config::default()
    }
}

async fn check_payment(sb: &Sandbox, tid: &str) -> Value {
    api(
        sb,
        Method::GET,
        &format!("/lapi/v1/checkPayment?tid={tid}"),
        INVOICE_KEY,
        None,
    )
    .await
    .data()
}

/// Waits until the writer has saved something that contains `needle`.
async fn saved_with(path: &Path, needle: &str) {
    for _ in 0..100 {
        if std::fs::read_to_string(path).is_ok_and(|s| s.contains(needle)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{} never saved {needle}", path.display());
}

#[tokio::test]
async fn records_balance_and_clock_survive_a_kill_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/sandbox-state.json");
    let sb = sandbox_with(with_file(&path)).await;
    let paid = receive(&sb, r#"{"amount": "0.01", "description": "Table 4"}"#).await;
    let paid = paid["tid"].as_str().unwrap().to_string();
    let pending = receive(&sb, r#"{"amount": "0.002", "description": "Table 9"}"#).await;
    let pending = pending["tid"].as_str().unwrap().to_string();
    assert!(sb.settle(&paid, "paid"));
    sb.advance(Duration::from_secs(10));
    assert_eq!(balance(&sb).await, "0.06000000");
    saved_with(&path, &pending).await;
    // Let the writer catch up with the last change, then "kill -9": no shutdown, no last save.
    tokio::time::sleep(persist::SAVE_DEBOUNCE * 3).await;
    drop(sb);

    let sb = sandbox_with(with_file(&path)).await;
    // The clock goes on from where it was (frozen here: speed 0 was saved too).
    assert_eq!(sb.now(), START + 10);
    let p = check_payment(&sb, &paid).await;
    assert_eq!(
        (p["status"].as_str(), p["description"].as_str()),
        (Some("paid"), Some("Table 4"))
    );
    let q = check_payment(&sb, &pending).await;
    assert_eq!(q["status"], "pending");
    assert_eq!(q["amount"], "0.00200000");
    assert_eq!(balance(&sb).await, "0.06000000");
    // The seeded records are still there, not seeded twice.
    let history = api(
        &sb,
        Method::GET,
        "/lapi/v1/history?limit=100",
        INVOICE_KEY,
        None,
    )
    .await
    .data();
    let tids: Vec<&str> = history
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|p| p["tid"].as_str())
        .collect();
    let mut unique = tids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), tids.len(), "{tids:?}");
    assert!(tids.contains(&paid.as_str()) && tids.contains(&pending.as_str()));
    // New ids never collide with the reloaded ones.
    let third = receive(&sb, r#"{"amount": "0.003"}"#).await;
    let third = third["tid"].as_str().unwrap();
    assert!(!tids.contains(&third));
    // The pending payment's fate was kept: time passing still settles it.
    sb.advance(Duration::from_secs(3600));
    let q = check_payment(&sb, &pending).await;
    assert!(
        ["paid", "declined", "expired"].contains(&q["status"].as_str().unwrap()),
        "{q}"
    );
    // A clean shutdown saves the last change at once.
    sb.settle(third, "declined");
    sb.shutdown().await;
    let sb = sandbox_with(with_file(&path)).await;
    assert_eq!(check_payment(&sb, third).await["status"], "declined");
    assert_eq!(sb.now(), START + 3610);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_corrupt_or_newer_file_starts_fresh_and_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    std::fs::write(&path, b"{\"version\": 1, \"world\": [trunc").unwrap();
    let sb = sandbox_with(with_file(&path)).await;
    // Fresh and seeded: the seeded voucher batch is there.
    let v = api(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher?tid=210N66027HB789",
        INVOICE_KEY,
        None,
    )
    .await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(sb.now(), START);
    let bad = persist::bad_path(&path);
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"{\"version\": 1, \"world\": [trunc"
    );
    // The fresh state is written (even before any request).
    saved_with(&path, "210N66027HB789").await;
    let tid = receive(&sb, r#"{"amount": "0.01"}"#).await["tid"]
        .as_str()
        .unwrap()
        .to_string();
    sb.shutdown().await;
    assert!(std::fs::read_to_string(&path).unwrap().contains(&tid));

    // A file from a newer version is not misread either.
    let text = std::fs::read_to_string(&path).unwrap();
    let newer = text.replacen("\"version\":1", "\"version\":99", 1);
    assert_ne!(newer, text);
    std::fs::write(&path, &newer).unwrap();
    let sb = sandbox_with(with_file(&path)).await;
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), newer);
    // Fresh: the payment in the newer file is unknown here.
    let r = api(
        &sb,
        Method::GET,
        &format!("/lapi/v1/checkPayment?tid={tid}"),
        INVOICE_KEY,
        None,
    )
    .await;
    assert_eq!(r.status, 404, "{}", r.text);
    sb.shutdown().await;
}

#[tokio::test]
async fn without_a_state_file_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox().await;
    receive(&sb, r#"{"amount": "0.01"}"#).await;
    assert!(!sb.save_state().unwrap());
    sb.shutdown().await;
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
