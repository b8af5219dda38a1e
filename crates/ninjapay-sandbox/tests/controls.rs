//! The sandbox's own controls: the clock moving state, settle, rate limits, admin routes,
//! request recording, shutdown and the binary's arguments (fault switches: `faults.rs`).

mod common;

use std::time::Duration;

use common::*;
use ninjapay_sandbox::{Config, Host};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{json, Value};

#[tokio::test]
async fn clock_admin_routes() {
    let rig = rig().await;
    let c = rig.admin(Method::GET, "/_sandbox/clock", "").await.json();
    assert_eq!(c, json!({"now": START, "speed": 0.0}));
    let c = rig
        .admin(
            Method::POST,
            "/_sandbox/clock/advance",
            r#"{"seconds": 90}"#,
        )
        .await
        .json();
    assert_eq!(c["now"], START + 90);
    assert_eq!(rig.now(), START + 90);
    rig.advance(Duration::from_secs(10));
    assert_eq!(rig.now(), START + 100);
    let c = rig
        .admin(Method::POST, "/_sandbox/clock/speed", r#"{"speed": 2.5}"#)
        .await
        .json();
    assert_eq!(c["speed"], 2.5);
    assert_eq!(
        rig.admin(Method::POST, "/_sandbox/clock/speed", r#"{"speed": -1}"#)
            .await
            .status,
        400
    );
    assert_eq!(
        rig.admin(
            Method::POST,
            "/_sandbox/clock/advance",
            r#"{"seconds": "x"}"#
        )
        .await
        .status,
        400
    );
    let keys = rig.admin(Method::GET, "/_sandbox/keys", "").await.json();
    assert_eq!(
        keys,
        json!({"invoice_key": INVOICE_KEY, "admin_key": ADMIN_KEY})
    );
    // Admin routes exist on the prod listener too.
    let r = raw(
        Method::GET,
        &format!("{}/_sandbox/keys", rig.prod_url()),
        &[],
        None,
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn real_time_speed_moves_the_clock() {
    let rig = rig_with(Config::default()).await;
    rig.set_speed(3600.0);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(rig.now() >= START + 150, "{}", rig.now());
}

#[tokio::test]
async fn advancing_the_clock_settles_payments_and_credits_the_wallet() {
    let rig = rig().await;
    let mut tids = Vec::new();
    for _ in 0..12 {
        let d = rig
            .receive(r#"{"amount": "0.001", "callback_url": "https://shop.example/cb"}"#)
            .await;
        tids.push(d["tid"].as_str().unwrap().to_string());
    }
    rig.advance(Duration::from_secs(14));
    for tid in &tids {
        let d = rig
            .get(&format!("/lapi/v1/checkPayment?tid={tid}"), "")
            .await
            .data();
        assert_eq!(d["status"], "pending", "nothing happens in the first 15 s");
    }
    rig.advance(Duration::from_secs(11 * 60));
    let mut paid = 0;
    for tid in &tids {
        let d = rig
            .get(&format!("/lapi/v1/checkPayment?tid={tid}"), "")
            .await
            .data();
        let status = d["status"].as_str().unwrap();
        assert!(
            ["paid", "declined", "expired"].contains(&status),
            "{status}"
        );
        if status == "paid" {
            paid += 1;
            assert_eq!(d["callback_status"], 200);
        } else {
            assert_eq!(d["callback_status"], Value::Null);
        }
    }
    assert!(paid > 0);
    let expected = Decimal::new(5, 2) + Decimal::new(1, 3) * Decimal::from(paid);
    assert_eq!(
        dec(&rig.get("/lapi/v1/wallet", "").await.data()["balance"]),
        expected
    );
}

#[tokio::test]
async fn advancing_the_clock_redeems_vouchers_and_settles_quotes_tokens_orders() {
    let rig = rig().await;
    let v = rig
        .post(
            "/lapi/v1/requestVoucher",
            r#"{"amount": 0.00001, "voucher_count": 40}"#,
        )
        .await
        .data();
    let vtid = v["tid"].as_str().unwrap().to_string();
    let qid = rig.prod_post("/sapi/v1/requestQuoteID", r#"{"fiat_amount": 100, "payment_mode": "ninjatag", "sending_asset": "btc", "receiver_ninjatag": "bob", "refund_wallet": "btc"}"#).await.json()["quote_id"].clone();
    let q = rig
        .prod_post(
            "/sapi/v1/requestQuote",
            &json!({"quote_id": qid}).to_string(),
        )
        .await
        .json();
    let qtid = q["tid"].as_u64().unwrap();
    let tok = rig
        .prod_post(
            "/lapi/v1/requestToken",
            r#"{"widget_mode":"onramp","amount":0.001}"#,
        )
        .await
        .json()["token"]
        .as_u64()
        .unwrap();

    rig.advance(Duration::from_secs(21 * 60));

    let check = rig
        .get("/lapi/v1/checkVoucher", &json!({"tid": vtid}).to_string())
        .await
        .data();
    let codes = check["voucher_urls"].as_array().unwrap();
    let redeemed: Vec<_> = codes
        .iter()
        .filter(|c| !c["redeemed_at"].is_null())
        .collect();
    assert_eq!(check["voucher_redeemed"], redeemed.len());
    assert!(
        redeemed.len() > 10 && redeemed.len() < 40,
        "about three quarters: {}",
        redeemed.len()
    );
    for c in &redeemed {
        let by = c["redeemed_by"].as_str().unwrap();
        assert!(
            by.starts_with("@customer_") || by.starts_with("lnbc"),
            "{by}"
        );
        assert!(c["redeemed_tid"].is_u64());
        let at = c["redeemed_at"].as_i64().unwrap();
        assert!((START + 30..=START + 1200).contains(&at), "{at}");
    }

    let q = rig
        .prod_get("/sapi/v1/checkQuote", &format!(r#"{{"tid":{qtid}}}"#))
        .await
        .json();
    assert!(
        ["success", "failed", "refunded", "expired"].contains(&q["status"].as_str().unwrap()),
        "{q}"
    );
    let seeded = rig
        .prod_get("/sapi/v1/checkQuote", r#"{"tid":21066027789}"#)
        .await
        .json();
    assert_eq!(seeded["status"], "success");
    let t = rig
        .prod_get("/lapi/v1/checkVoucher", &format!(r#"{{"tid":{tok}}}"#))
        .await
        .json();
    assert!(
        ["paid", "declined"].contains(&t["status"].as_str().unwrap()),
        "{t}"
    );
    let seeded = rig
        .prod_get("/lapi/v1/checkVoucher", r#"{"tid":21066027789}"#)
        .await
        .json();
    assert_eq!(seeded["status"], "paid");
    // The sandbox's filling order (the docs' own is filled from the start).
    let filling = ninjapay_sandbox::seed::SANDBOX_FILLING_ORDER_TID;
    let o = rig
        .get(
            "/tapi/v1/checkOrder",
            &json!({ "tid": filling }).to_string(),
        )
        .await;
    assert!(o.text.contains(r#""filled_percent":100.00"#), "{}", o.text);
    assert_eq!(o.data()["executed_at"], START + 300);

    // A redeemed code can't be redeemed again; the rest can't after revoke.
    let open = codes.iter().find(|c| c["redeemed_at"].is_null()).unwrap()["voucher_code"].clone();
    let before = dec(&rig.get("/lapi/v1/wallet", "").await.data()["balance"]);
    rig.get("/lapi/v1/revokeVoucher", &json!({"tid": vtid}).to_string())
        .await
        .data();
    let after = dec(&rig.get("/lapi/v1/wallet", "").await.data()["balance"]);
    assert_eq!(
        after - before,
        Decimal::new(1, 5) * Decimal::from(40 - redeemed.len())
    );
    let r = rig
        .get(
            "/lapi/v1/redeemVoucher",
            &json!({"voucher_code": open}).to_string(),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("revoked"));
}

#[tokio::test]
async fn expired_vouchers_refund_and_refuse_redeems() {
    let rig = rig().await;
    let v = rig
        .post(
            "/lapi/v1/requestVoucher",
            r#"{"amount": 0.001, "voucher_count": 2, "expiry": 1}"#,
        )
        .await
        .data();
    assert_eq!(rig.balance().await, "0.04800000");
    let tid = v["tid"].as_str().unwrap().to_string();
    rig.advance(Duration::from_secs(61));
    assert_eq!(rig.balance().await, "0.05000000");
    let code = rig
        .get("/lapi/v1/checkVoucher", &json!({"tid": tid}).to_string())
        .await
        .data()["voucher_urls"][0]["voucher_code"]
        .clone();
    let r = rig
        .get(
            "/lapi/v1/redeemVoucher",
            &json!({"voucher_code": code}).to_string(),
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("expired"));
}

#[tokio::test]
async fn same_seed_same_story() {
    async fn story(seed: u64) -> Vec<String> {
        let rig = rig_with(Config {
            seed,
            ..Config::default()
        })
        .await;
        let mut out = Vec::new();
        for _ in 0..5 {
            out.push(
                rig.receive(r#"{"amount": 0.0001}"#).await["tid"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        rig.advance(Duration::from_secs(600));
        for t in out.clone() {
            let d = rig
                .get(&format!("/lapi/v1/checkPayment?tid={t}"), "")
                .await
                .data();
            out.push(d["status"].as_str().unwrap().to_string());
        }
        out
    }
    assert_eq!(story(7).await, story(7).await);
    assert_ne!(story(7).await, story(8).await);
}

#[tokio::test]
async fn settle_forces_a_state() {
    let rig = rig().await;
    let tid = rig.receive(r#"{"amount": "0.01"}"#).await["tid"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(rig.settle(&tid, "paid"));
    let d = rig
        .get(&format!("/lapi/v1/checkPayment?tid={tid}"), "")
        .await
        .data();
    assert_eq!(d["status"], "paid");
    assert_eq!(rig.balance().await, "0.06000000");
    // Settling again doesn't credit twice; time passing doesn't undo it.
    assert!(rig.settle(&tid, "paid"));
    rig.advance(Duration::from_secs(3600));
    assert_eq!(rig.balance().await, "0.06000000");
    let r = rig
        .admin(
            Method::POST,
            "/_sandbox/settle",
            r#"{"tid": 21066027789, "status": "failed"}"#,
        )
        .await;
    assert_eq!(r.json()["settled"], true);
    let q = rig
        .prod_get("/sapi/v1/checkQuote", r#"{"tid":21066027789}"#)
        .await
        .json();
    assert_eq!(q["status"], "failed");
    assert!(rig.settle("21066027789", "declined"));
    let t = rig
        .prod_get("/lapi/v1/checkVoucher", r#"{"tid":21066027789}"#)
        .await
        .json();
    assert_eq!(t["status"], "declined");
    assert!(rig.settle("210N66027HB789", "redeemed"));
    assert!(!rig.settle("NOPE", "paid"));
    assert!(!rig.settle(&tid, "exploded"));
    let r = rig
        .admin(
            Method::POST,
            "/_sandbox/settle",
            r#"{"tid": "NOPE", "status": "paid"}"#,
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn receive_rate_limit_locks_out_with_retry_after() {
    let rig = rig().await;
    for i in 0..150 {
        let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.00001}"#).await;
        assert_eq!(r.status, 200, "request {i}");
    }
    let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.00001}"#).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["status"], false);
    assert!(
        r.message().contains("150 requests per minute"),
        "{}",
        r.message()
    );
    // Frozen clock: Retry-After reports the sandbox seconds.
    assert_eq!(r.headers["retry-after"], "60");
    // Still locked 30 s later; at 60x speed the wait is one real second.
    rig.advance(Duration::from_secs(30));
    rig.set_speed(60.0);
    let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.00001}"#).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "1");
    rig.set_speed(0.0);
    // Other keys and other endpoints are unaffected.
    let r = api(
        &rig,
        Method::POST,
        "/lapi/v1/receive",
        ADMIN_KEY,
        Some(r#"{"amount": 0.00001}"#),
    )
    .await;
    assert_eq!(r.status, 200);
    rig.get("/lapi/v1/wallet", "").await.data();
    // The lock-out ends when the clock passes it.
    rig.advance(Duration::from_secs(31));
    let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.00001}"#).await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn rate_limits_can_be_off_and_unauthenticated_requests_do_not_count() {
    let rig = rig_with(Config {
        rate_limits: false,
        ..Config::default()
    })
    .await;
    for _ in 0..160 {
        let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.00001}"#).await;
        assert_eq!(r.status, 200);
    }
    rig.set_rate_limits(true);
    for _ in 0..200 {
        let r = api(
            &rig,
            Method::POST,
            "/lapi/v1/receive",
            "wrong",
            Some(r#"{"amount": 0.00001}"#),
        )
        .await;
        assert_eq!(r.status, 401);
    }
    let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.00001}"#).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn requests_are_recorded_per_host() {
    let rig = rig().await;
    rig.get("/lapi/v1/checkVoucher", r#"{"tid":"210N66027HB789"}"#)
        .await;
    rig.advance(Duration::from_secs(5));
    rig.prod_get("/lapi/v1/checkVoucher", r#"{"tid":21066027789}"#)
        .await;
    rig.get("/lapi/v1/nowhere", "").await;
    rig.admin(Method::GET, "/_sandbox/clock", "").await;
    let reqs = rig.requests();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(
        (reqs[0].host, reqs[0].method.as_str(), reqs[0].at),
        (Host::Api, "GET", START)
    );
    assert_eq!((reqs[1].host, reqs[1].at), (Host::Prod, START + 5));
    assert_eq!(rig.request_count("/lapi/v1/checkVoucher"), 2);
    let listed = rig
        .admin(Method::GET, "/_sandbox/requests", "")
        .await
        .json();
    assert_eq!(
        listed[1],
        json!({"host": "prod", "method": "GET", "path": "/lapi/v1/checkVoucher", "at": START + 5})
    );
}

#[tokio::test]
async fn shutdown_stops_both_listeners() {
    let rig = rig().await;
    let (api_url, prod_url) = (rig.api_url(), rig.prod_url());
    rig.shutdown().await;
    for url in [api_url, prod_url] {
        assert!(
            raw(Method::GET, &format!("{url}/_sandbox/clock"), &[], None)
                .await
                .is_err()
        );
    }
}

#[test]
fn binary_rejects_bad_arguments_with_exit_2() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ninjapay-sandbox"))
        .args(["--port", "banana"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--port") && err.contains("usage:"), "{err}");
}

#[tokio::test]
async fn binary_prints_its_urls_and_keys_and_serves() {
    let bin = binary(&["--port", "0", "--speed", "2", "--no-rate-limits"]);
    let lines = &bin.banner;
    assert_eq!(lines[0], "Ninjapay sandbox — no real money");
    assert!(lines[1].starts_with("  api host  (https://api.ninjapay.me):  http://127.0.0.1:"));
    assert!(lines[2].starts_with("  prod host (https://prod.ninjapay.me): http://127.0.0.1:"));
    assert_eq!(lines[3], format!("  Invoice key: {INVOICE_KEY}"));
    assert_eq!(lines[4], format!("  Admin key:   {ADMIN_KEY}"));
    assert!(lines[5].starts_with("  Clock: 2.0x"));
    let url = format!("{}/lapi/v1/wallet?api_key={INVOICE_KEY}", bin.api_url);
    let r = raw(Method::GET, &url, &[], None).await;
    assert_eq!(r.unwrap().data()["balance"], "0.05000000");
}
