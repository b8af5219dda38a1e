//! The sandbox's own controls: the clock moving state, settle, rate limits, fault switches,
//! admin routes, request recording, shutdown and the binary's arguments.

mod common;

use std::time::{Duration, Instant};

use common::*;
use ninjapay_sandbox::{Config, Fault, Host};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{json, Value};

async fn admin(
    sb: &ninjapay_sandbox::Sandbox,
    method: Method,
    path: &str,
    body: Option<&str>,
) -> Reply {
    raw(method, &format!("{}{}", sb.api_url(), path), &[], body)
        .await
        .unwrap()
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn clock_admin_routes() {
    let sb = sandbox().await;
    let c = admin(&sb, Method::GET, "/_sandbox/clock", None)
        .await
        .json();
    assert_eq!(c, json!({"now": START, "speed": 0.0}));
    let c = admin(
        &sb,
        Method::POST,
        "/_sandbox/clock/advance",
        Some(r#"{"seconds": 90}"#),
    )
    .await
    .json();
    assert_eq!(c["now"], START + 90);
    assert_eq!(sb.now(), START + 90);
    sb.advance(Duration::from_secs(10));
    assert_eq!(sb.now(), START + 100);
    let c = admin(
        &sb,
        Method::POST,
        "/_sandbox/clock/speed",
        Some(r#"{"speed": 2.5}"#),
    )
    .await
    .json();
    assert_eq!(c["speed"], 2.5);
    assert_eq!(
        admin(
            &sb,
            Method::POST,
            "/_sandbox/clock/speed",
            Some(r#"{"speed": -1}"#)
        )
        .await
        .status,
        400
    );
    assert_eq!(
        admin(
            &sb,
            Method::POST,
            "/_sandbox/clock/advance",
            Some(r#"{"seconds": "x"}"#)
        )
        .await
        .status,
        400
    );
    let keys = admin(&sb, Method::GET, "/_sandbox/keys", None).await.json();
    assert_eq!(
        keys,
        json!({"invoice_key": INVOICE_KEY, "admin_key": ADMIN_KEY})
    );
    // Admin routes exist on the prod listener too.
    let r = raw(
        Method::GET,
        &format!("{}/_sandbox/keys", sb.prod_url()),
        &[],
        None,
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn real_time_speed_moves_the_clock() {
    let sb = sandbox_with(Config::default()).await;
    sb.set_speed(3600.0);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(sb.now() >= START + 150, "{}", sb.now());
}

#[tokio::test]
async fn advancing_the_clock_settles_payments_and_credits_the_wallet() {
    let sb = sandbox().await;
    let mut tids = Vec::new();
    for _ in 0..12 {
        let d = receive(
            &sb,
            r#"{"amount": "0.001", "callback_url": "https://shop.example/cb"}"#,
        )
        .await;
        tids.push(d["tid"].as_str().unwrap().to_string());
    }
    sb.advance(Duration::from_secs(14));
    for tid in &tids {
        let d = api(
            &sb,
            Method::GET,
            &format!("/lapi/v1/checkPayment?tid={tid}"),
            INVOICE_KEY,
            None,
        )
        .await
        .data();
        assert_eq!(d["status"], "pending", "nothing happens in the first 15 s");
    }
    sb.advance(Duration::from_secs(11 * 60));
    let mut paid = 0;
    for tid in &tids {
        let d = api(
            &sb,
            Method::GET,
            &format!("/lapi/v1/checkPayment?tid={tid}"),
            INVOICE_KEY,
            None,
        )
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
        dec(&api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
            .await
            .data()["balance"]),
        expected
    );
}

#[tokio::test]
async fn advancing_the_clock_redeems_vouchers_and_settles_quotes_tokens_orders() {
    let sb = sandbox().await;
    let v = api(
        &sb,
        Method::POST,
        "/lapi/v1/requestVoucher",
        ADMIN_KEY,
        Some(r#"{"amount": 0.00001, "voucher_count": 40}"#),
    )
    .await
    .data();
    let vtid = v["tid"].as_str().unwrap().to_string();
    let qid = prod(&sb, Method::POST, "/sapi/v1/requestQuoteID", INVOICE_KEY, Some(r#"{"fiat_amount": 100, "payment_mode": "ninjatag", "sending_asset": "btc", "receiver_ninjatag": "bob", "refund_wallet": "btc"}"#)).await.json()["quote_id"].clone();
    let q = prod(
        &sb,
        Method::POST,
        "/sapi/v1/requestQuote",
        INVOICE_KEY,
        Some(&json!({"quote_id": qid}).to_string()),
    )
    .await
    .json();
    let qtid = q["tid"].as_u64().unwrap();
    let tok = prod(
        &sb,
        Method::POST,
        "/lapi/v1/requestToken",
        ADMIN_KEY,
        Some(r#"{"widget_mode":"onramp","amount":0.001}"#),
    )
    .await
    .json()["token"]
        .as_u64()
        .unwrap();

    sb.advance(Duration::from_secs(21 * 60));

    let check = api(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(&json!({"tid": vtid}).to_string()),
    )
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

    let q = prod(
        &sb,
        Method::GET,
        "/sapi/v1/checkQuote",
        INVOICE_KEY,
        Some(&format!(r#"{{"tid":{qtid}}}"#)),
    )
    .await
    .json();
    assert!(
        ["success", "failed", "refunded", "expired"].contains(&q["status"].as_str().unwrap()),
        "{q}"
    );
    let seeded = prod(
        &sb,
        Method::GET,
        "/sapi/v1/checkQuote",
        INVOICE_KEY,
        Some(r#"{"tid":21066027789}"#),
    )
    .await
    .json();
    assert_eq!(seeded["status"], "success");
    let t = prod(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(&format!(r#"{{"tid":{tok}}}"#)),
    )
    .await
    .json();
    assert!(
        ["paid", "declined"].contains(&t["status"].as_str().unwrap()),
        "{t}"
    );
    let seeded = prod(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(r#"{"tid":21066027789}"#),
    )
    .await
    .json();
    assert_eq!(seeded["status"], "paid");
    let o = api(
        &sb,
        Method::GET,
        "/tapi/v1/checkOrder",
        INVOICE_KEY,
        Some(r#"{"tid":"210N66027HB789"}"#),
    )
    .await;
    assert!(o.text.contains(r#""filled_percent":100.00"#), "{}", o.text);
    assert_eq!(o.data()["executed_at"], START + 300);

    // A redeemed code can't be redeemed again; the rest can't after revoke.
    let open = codes.iter().find(|c| c["redeemed_at"].is_null()).unwrap()["voucher_code"].clone();
    let before = dec(&api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data()["balance"]);
    api(
        &sb,
        Method::GET,
        "/lapi/v1/revokeVoucher",
        INVOICE_KEY,
        Some(&json!({"tid": vtid}).to_string()),
    )
    .await
    .data();
    let after = dec(&api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data()["balance"]);
    assert_eq!(
        after - before,
        Decimal::new(1, 5) * Decimal::from(40 - redeemed.len())
    );
    let r = api(
        &sb,
        Method::GET,
        "/lapi/v1/redeemVoucher",
        INVOICE_KEY,
        Some(&json!({"voucher_code": open}).to_string()),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("revoked"));
}

#[tokio::test]
async fn expired_vouchers_refund_and_refuse_redeems() {
    let sb = sandbox().await;
    let v = api(
        &sb,
        Method::POST,
        "/lapi/v1/requestVoucher",
        ADMIN_KEY,
        Some(r#"{"amount": 0.001, "voucher_count": 2, "expiry": 1}"#),
    )
    .await
    .data();
    assert_eq!(balance(&sb).await, "0.04800000");
    let tid = v["tid"].as_str().unwrap().to_string();
    sb.advance(Duration::from_secs(61));
    assert_eq!(balance(&sb).await, "0.05000000");
    let code = api(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(&json!({"tid": tid}).to_string()),
    )
    .await
    .data()["voucher_urls"][0]["voucher_code"]
        .clone();
    let r = api(
        &sb,
        Method::GET,
        "/lapi/v1/redeemVoucher",
        INVOICE_KEY,
        Some(&json!({"voucher_code": code}).to_string()),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("expired"));
}

#[tokio::test]
async fn same_seed_same_story() {
    async fn story(seed: u64) -> Vec<String> {
        let sb = sandbox_with(Config {
            seed,
            ..Config::default()
        })
        .await;
        let mut out = Vec::new();
        for _ in 0..5 {
            out.push(
                receive(&sb, r#"{"amount": 0.0001}"#).await["tid"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        sb.advance(Duration::from_secs(600));
        for t in out.clone() {
            let d = api(
                &sb,
                Method::GET,
                &format!("/lapi/v1/checkPayment?tid={t}"),
                INVOICE_KEY,
                None,
            )
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
    let sb = sandbox().await;
    let tid = receive(&sb, r#"{"amount": "0.01"}"#).await["tid"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(sb.settle(&tid, "paid"));
    let d = api(
        &sb,
        Method::GET,
        &format!("/lapi/v1/checkPayment?tid={tid}"),
        INVOICE_KEY,
        None,
    )
    .await
    .data();
    assert_eq!(d["status"], "paid");
    assert_eq!(balance(&sb).await, "0.06000000");
    // Settling again doesn't credit twice; time passing doesn't undo it.
    assert!(sb.settle(&tid, "paid"));
    sb.advance(Duration::from_secs(3600));
    assert_eq!(balance(&sb).await, "0.06000000");
    let r = admin(
        &sb,
        Method::POST,
        "/_sandbox/settle",
        Some(r#"{"tid": 21066027789, "status": "failed"}"#),
    )
    .await;
    assert_eq!(r.json()["settled"], true);
    let q = prod(
        &sb,
        Method::GET,
        "/sapi/v1/checkQuote",
        INVOICE_KEY,
        Some(r#"{"tid":21066027789}"#),
    )
    .await
    .json();
    assert_eq!(q["status"], "failed");
    assert!(sb.settle("21066027789", "declined"));
    let t = prod(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(r#"{"tid":21066027789}"#),
    )
    .await
    .json();
    assert_eq!(t["status"], "declined");
    assert!(sb.settle("210N66027HB789", "redeemed"));
    assert!(!sb.settle("NOPE", "paid"));
    assert!(!sb.settle(&tid, "exploded"));
    let r = admin(
        &sb,
        Method::POST,
        "/_sandbox/settle",
        Some(r#"{"tid": "NOPE", "status": "paid"}"#),
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn receive_rate_limit_locks_out_with_retry_after() {
    let sb = sandbox().await;
    for i in 0..150 {
        let r = api(
            &sb,
            Method::POST,
            "/lapi/v1/receive",
            INVOICE_KEY,
            Some(r#"{"amount": 0.00001}"#),
        )
        .await;
        assert_eq!(r.status, 200, "request {i}");
    }
    let r = api(
        &sb,
        Method::POST,
        "/lapi/v1/receive",
        INVOICE_KEY,
        Some(r#"{"amount": 0.00001}"#),
    )
    .await;
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
    sb.advance(Duration::from_secs(30));
    sb.set_speed(60.0);
    let r = api(
        &sb,
        Method::POST,
        "/lapi/v1/receive",
        INVOICE_KEY,
        Some(r#"{"amount": 0.00001}"#),
    )
    .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "1");
    sb.set_speed(0.0);
    // Other keys and other endpoints are unaffected.
    let r = api(
        &sb,
        Method::POST,
        "/lapi/v1/receive",
        ADMIN_KEY,
        Some(r#"{"amount": 0.00001}"#),
    )
    .await;
    assert_eq!(r.status, 200);
    api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data();
    // The lock-out ends when the clock passes it.
    sb.advance(Duration::from_secs(31));
    let r = api(
        &sb,
        Method::POST,
        "/lapi/v1/receive",
        INVOICE_KEY,
        Some(r#"{"amount": 0.00001}"#),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn rate_limits_can_be_off_and_unauthenticated_requests_do_not_count() {
    let sb = sandbox_with(Config {
        rate_limits: false,
        ..Config::default()
    })
    .await;
    for _ in 0..160 {
        let r = api(
            &sb,
            Method::POST,
            "/lapi/v1/receive",
            INVOICE_KEY,
            Some(r#"{"amount": 0.00001}"#),
        )
        .await;
        assert_eq!(r.status, 200);
    }
    sb.set_rate_limits(true);
    for _ in 0..200 {
        let r = api(
            &sb,
            Method::POST,
            "/lapi/v1/receive",
            "wrong",
            Some(r#"{"amount": 0.00001}"#),
        )
        .await;
        assert_eq!(r.status, 401);
    }
    let r = api(
        &sb,
        Method::POST,
        "/lapi/v1/receive",
        INVOICE_KEY,
        Some(r#"{"amount": 0.00001}"#),
    )
    .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn status_fault_then_recovery() {
    let sb = sandbox().await;
    sb.inject(Fault::Status {
        status: 500,
        count: 2,
    });
    for _ in 0..2 {
        let r = api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None).await;
        assert_eq!(r.status, 500);
        assert_eq!(r.json()["success"], false);
    }
    assert_eq!(
        api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
            .await
            .status,
        200
    );
    // Via the admin route, with a path filter; a 429 carries Retry-After.
    let r = admin(
        &sb,
        Method::POST,
        "/_sandbox/faults",
        Some(r#"{"kind":"status","status":429,"count":1,"path":"/sapi/v1/checkQuote"}"#),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
            .await
            .status,
        200
    );
    let r = prod(
        &sb,
        Method::GET,
        "/sapi/v1/checkQuote?tid=21066027789",
        INVOICE_KEY,
        None,
    )
    .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "1");
    assert_eq!(
        admin(
            &sb,
            Method::POST,
            "/_sandbox/faults",
            Some(r#"{"kind":"nonsense"}"#)
        )
        .await
        .status,
        400
    );
}

#[tokio::test]
async fn faults_never_touch_admin_routes_and_are_recorded() {
    let sb = sandbox().await;
    sb.inject(Fault::HtmlError { count: 5 });
    assert_eq!(
        admin(&sb, Method::GET, "/_sandbox/clock", None)
            .await
            .status,
        200
    );
    let r = api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None).await;
    assert_eq!(r.status, 502);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.text.contains("Bad Gateway"));
    assert_eq!(sb.request_count("/lapi/v1/wallet"), 1);
    assert_eq!(
        admin(&sb, Method::DELETE, "/_sandbox/faults", None)
            .await
            .status,
        200
    );
    assert_eq!(
        api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn malformed_and_truncated_json() {
    let sb = sandbox().await;
    sb.inject(Fault::MalformedJson { count: 1 });
    let r = api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None).await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    let full = api(
        &sb,
        Method::GET,
        "/tapi/v1/checkOrder?tid=19B86602A1399N7",
        INVOICE_KEY,
        None,
    )
    .await
    .text;
    sb.inject(Fault::TruncatedJson { count: 1 });
    let r = api(
        &sb,
        Method::GET,
        "/tapi/v1/checkOrder?tid=19B86602A1399N7",
        INVOICE_KEY,
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    assert_eq!(r.text, full[..full.len() / 2]);
}

#[tokio::test]
async fn latency_until_cleared() {
    let sb = sandbox().await;
    sb.inject(Fault::Latency { ms: 300 });
    let t = Instant::now();
    api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data();
    assert!(t.elapsed() >= Duration::from_millis(300));
    let t = Instant::now();
    api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data();
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "latency stays on"
    );
    sb.clear_faults();
    let t = Instant::now();
    api(&sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data();
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn dropped_connection_is_a_network_error() {
    let sb = sandbox().await;
    sb.inject(Fault::DropConnection { count: 1 });
    let url = format!("{}/lapi/v1/wallet", sb.api_url());
    let err = raw(Method::GET, &url, &[("x-api-key", INVOICE_KEY)], None)
        .await
        .expect_err("no response at all");
    assert!(err.status().is_none(), "{err:?}");
    assert_eq!(sb.request_count("/lapi/v1/wallet"), 1, "still recorded");
    let ok = raw(Method::GET, &url, &[("x-api-key", INVOICE_KEY)], None)
        .await
        .unwrap();
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn requests_are_recorded_per_host() {
    let sb = sandbox().await;
    api(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(r#"{"tid":"210N66027HB789"}"#),
    )
    .await;
    sb.advance(Duration::from_secs(5));
    prod(
        &sb,
        Method::GET,
        "/lapi/v1/checkVoucher",
        INVOICE_KEY,
        Some(r#"{"tid":21066027789}"#),
    )
    .await;
    api(&sb, Method::GET, "/lapi/v1/nowhere", INVOICE_KEY, None).await;
    admin(&sb, Method::GET, "/_sandbox/clock", None).await;
    let reqs = sb.requests();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(
        (reqs[0].host, reqs[0].method.as_str(), reqs[0].at),
        (Host::Api, "GET", START)
    );
    assert_eq!((reqs[1].host, reqs[1].at), (Host::Prod, START + 5));
    assert_eq!(sb.request_count("/lapi/v1/checkVoucher"), 2);
    let listed = admin(&sb, Method::GET, "/_sandbox/requests", None)
        .await
        .json();
    assert_eq!(
        listed[1],
        json!({"host": "prod", "method": "GET", "path": "/lapi/v1/checkVoucher", "at": START + 5})
    );
}

#[tokio::test]
async fn shutdown_stops_both_listeners() {
    let sb = sandbox().await;
    let (api_url, prod_url) = (sb.api_url(), sb.prod_url());
    sb.shutdown().await;
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
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ninjapay-sandbox"))
        .args(["--port", "0", "--speed", "2", "--no-rate-limits"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .take(6)
        .map(|l| l.unwrap())
        .collect();
    assert_eq!(lines[0], "Ninjapay sandbox — no real money");
    assert!(lines[1].starts_with("  api host  (https://api.ninjapay.me):  http://127.0.0.1:"));
    assert!(lines[2].starts_with("  prod host (https://prod.ninjapay.me): http://127.0.0.1:"));
    assert_eq!(lines[3], format!("  Invoice key: {INVOICE_KEY}"));
    assert_eq!(lines[4], format!("  Admin key:   {ADMIN_KEY}"));
    assert!(lines[5].starts_with("  Clock: 2.0x"));
    let api_url = lines[1].rsplit(' ').next().unwrap().to_string();
    let r = raw(
        Method::GET,
        &format!("{api_url}/lapi/v1/wallet?api_key={INVOICE_KEY}"),
        &[],
        None,
    )
    .await;
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(r.unwrap().data()["balance"], "0.05000000");
}
