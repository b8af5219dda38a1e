//! The state file (the app's Sandbox mode surviving a restart or `kill -9`): records, balance,
//! clock and ids come back; a corrupt or newer file starts fresh without failing.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;
use ninjapay_sandbox::{persist, Config};

fn with_file(path: &Path) -> Config {
    Config {
        state_file: Some(path.to_owned()),
        ..Config::default()
    }
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
    let rig = rig_with(with_file(&path)).await;
    let paid = rig
        .receive(r#"{"amount": "0.01", "description": "Table 4"}"#)
        .await;
    let paid = paid["tid"].as_str().unwrap().to_string();
    let pending = rig
        .receive(r#"{"amount": "0.002", "description": "Table 9"}"#)
        .await;
    let pending = pending["tid"].as_str().unwrap().to_string();
    assert!(rig.settle(&paid, "paid"));
    rig.advance(Duration::from_secs(10));
    assert_eq!(rig.balance().await, "0.06000000");
    saved_with(&path, &pending).await;
    // Let the writer catch up with the last change, then "kill -9": no shutdown, no last save.
    tokio::time::sleep(persist::SAVE_DEBOUNCE * 3).await;
    drop(rig);

    let rig = rig_with(with_file(&path)).await;
    // The clock goes on from where it was (frozen here: speed 0 was saved too).
    assert_eq!(rig.now(), START + 10);
    let p = rig.check_payment(&paid).await;
    assert_eq!(
        (p["status"].as_str(), p["description"].as_str()),
        (Some("paid"), Some("Table 4"))
    );
    let q = rig.check_payment(&pending).await;
    assert_eq!(q["status"], "pending");
    assert_eq!(q["amount"], "0.00200000");
    assert_eq!(rig.balance().await, "0.06000000");
    // The seeded records are still there, not seeded twice.
    let history = rig.get("/lapi/v1/history?limit=100", "").await.data();
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
    let third = rig.receive(r#"{"amount": "0.003"}"#).await;
    let third = third["tid"].as_str().unwrap();
    assert!(!tids.contains(&third));
    // The pending payment's fate was kept: time passing still settles it.
    rig.advance(Duration::from_secs(3600));
    let q = rig.check_payment(&pending).await;
    assert!(
        ["paid", "declined", "expired"].contains(&q["status"].as_str().unwrap()),
        "{q}"
    );
    // A clean shutdown saves the last change at once.
    rig.settle(third, "declined");
    rig.shutdown().await;
    let rig = rig_with(with_file(&path)).await;
    assert_eq!(rig.check_payment(third).await["status"], "declined");
    assert_eq!(rig.now(), START + 3610);
    rig.shutdown().await;
}

#[tokio::test]
async fn a_corrupt_or_newer_file_starts_fresh_and_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    std::fs::write(&path, b"{\"version\": 1, \"world\": [trunc").unwrap();
    let rig = rig_with(with_file(&path)).await;
    // Fresh and seeded: the seeded voucher batch is there.
    let v = rig
        .get("/lapi/v1/checkVoucher?tid=210N66027HB789", "")
        .await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(rig.now(), START);
    let bad = persist::bad_path(&path);
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        b"{\"version\": 1, \"world\": [trunc"
    );
    // The fresh state is written (even before any request).
    saved_with(&path, "210N66027HB789").await;
    let tid = rig.receive(r#"{"amount": "0.01"}"#).await["tid"]
        .as_str()
        .unwrap()
        .to_string();
    rig.shutdown().await;
    assert!(std::fs::read_to_string(&path).unwrap().contains(&tid));

    // A file from a newer version is not misread either.
    let text = std::fs::read_to_string(&path).unwrap();
    let current = format!("\"version\":{}", persist::STATE_VERSION);
    let newer = text.replacen(&current, "\"version\":99", 1);
    assert_ne!(newer, text);
    std::fs::write(&path, &newer).unwrap();
    let rig = rig_with(with_file(&path)).await;
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), newer);
    // Fresh: the payment in the newer file is unknown here.
    let r = rig
        .get(&format!("/lapi/v1/checkPayment?tid={tid}"), "")
        .await;
    assert_eq!(r.status, 404, "{}", r.text);
    rig.shutdown().await;
}

#[tokio::test]
async fn without_a_state_file_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let rig = rig().await;
    rig.receive(r#"{"amount": "0.01"}"#).await;
    assert!(!rig.save_state().unwrap());
    rig.shutdown().await;
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[tokio::test]
async fn a_version_1_file_keeps_its_widget_tokens_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox-state.json");
    let rig = rig_with(with_file(&path)).await;
    let token = rig
        .prod_post(
            "/lapi/v1/requestToken",
            r#"{"widget_mode":"onramp","amount":0.001}"#,
        )
        .await
        .bare()["token"]
        .clone();
    let check = format!(r#"{{"tid":{token}}}"#);
    let before = rig.prod_get("/lapi/v1/checkVoucher", &check).await.bare();
    rig.shutdown().await;

    // Rewrite the file as version 1 wrote it: a token kept only `payreq` and `expires_at`.
    let mut saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    saved["version"] = 1.into();
    for t in saved["world"]["tokens"].as_array_mut().unwrap() {
        let t = t.as_object_mut().unwrap();
        let invoice = t.remove("invoice").unwrap();
        t.insert("payreq".into(), invoice["payreq"].clone());
        t.insert("expires_at".into(), invoice["expires_at"].clone());
        for k in [
            "receiver_ninjatag",
            "hosted_checkout_url",
            "hosted_checkout_expiry",
            "network_fee",
            "service_fee",
        ] {
            t.remove(k);
        }
    }
    std::fs::write(&path, saved.to_string()).unwrap();

    let rig = rig_with(with_file(&path)).await;
    let after = rig.prod_get("/lapi/v1/checkVoucher", &check).await.bare();
    assert_eq!(after, before);
    assert!(!persist::bad_path(&path).exists(), "read, not moved aside");
    rig.shutdown().await;
}
