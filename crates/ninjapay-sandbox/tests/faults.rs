//! Fault switches, as a tester drives them (`/_sandbox/faults` or `Sandbox::inject`): what the
//! client sees, and whether the request was processed (records and wallet, via
//! `/_sandbox/counts`).

mod common;

use std::time::{Duration, Instant};

use common::*;
use ninjapay_sandbox::Fault;
use reqwest::Method;
use serde_json::{json, Value};

const VOUCHER: &str = "/lapi/v1/requestVoucher";
const TWO_VOUCHERS: &str = r#"{"amount": 0.001, "voucher_count": 2}"#;

/// A POST requestVoucher that gets no answer at all.
async fn voucher_request_gets_no_answer(rig: &Rig) {
    let url = format!("{}{VOUCHER}", rig.api_url());
    let err = raw(
        Method::POST,
        &url,
        &[("x-api-key", ADMIN_KEY)],
        Some(TWO_VOUCHERS),
    )
    .await
    .expect_err("no response at all");
    assert!(err.status().is_none(), "{err:?}");
}

#[tokio::test]
async fn status_fault_then_recovery() {
    let rig = rig().await;
    rig.inject(Fault::Status {
        status: 500,
        count: 2,
    });
    for _ in 0..2 {
        let r = rig.get("/lapi/v1/wallet", "").await;
        assert_eq!(r.status, 500);
        assert_eq!(r.json()["success"], false);
    }
    assert_eq!(rig.get("/lapi/v1/wallet", "").await.status, 200);
    // Via the admin route, with a path filter; a 429 carries Retry-After.
    let r = rig
        .admin(
            Method::POST,
            "/_sandbox/faults",
            r#"{"kind":"status","status":429,"count":1,"path":"/sapi/v1/checkQuote"}"#,
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(rig.get("/lapi/v1/wallet", "").await.status, 200);
    let r = rig
        .prod_get("/sapi/v1/checkQuote?tid=21066027789", "")
        .await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "1");
    assert_eq!(
        rig.admin(Method::POST, "/_sandbox/faults", r#"{"kind":"nonsense"}"#)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn faults_never_touch_admin_routes_and_are_recorded() {
    let rig = rig().await;
    rig.inject(Fault::HtmlError { count: 5 });
    assert_eq!(
        rig.admin(Method::GET, "/_sandbox/clock", "").await.status,
        200
    );
    let r = rig.get("/lapi/v1/wallet", "").await;
    assert_eq!(r.status, 502);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.text.contains("Bad Gateway"));
    assert_eq!(rig.request_count("/lapi/v1/wallet"), 1);
    assert_eq!(
        rig.admin(Method::DELETE, "/_sandbox/faults", "")
            .await
            .status,
        200
    );
    assert_eq!(rig.get("/lapi/v1/wallet", "").await.status, 200);
}

#[tokio::test]
async fn malformed_and_truncated_json() {
    let rig = rig().await;
    rig.inject(Fault::MalformedJson { count: 1 });
    let r = rig.get("/lapi/v1/wallet", "").await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    let full = rig
        .get("/tapi/v1/checkOrder?tid=19B86602A1399N7", "")
        .await
        .text;
    rig.inject(Fault::TruncatedJson { count: 1 });
    let r = rig.get("/tapi/v1/checkOrder?tid=19B86602A1399N7", "").await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    assert_eq!(r.text, full[..full.len() / 2]);
}

#[tokio::test]
async fn latency_until_cleared() {
    let rig = rig().await;
    rig.inject(Fault::Latency { ms: 300 });
    let t = Instant::now();
    rig.get("/lapi/v1/wallet", "").await.data();
    assert!(t.elapsed() >= Duration::from_millis(300));
    let t = Instant::now();
    rig.get("/lapi/v1/wallet", "").await.data();
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "latency stays on"
    );
    rig.clear_faults();
    let t = Instant::now();
    rig.get("/lapi/v1/wallet", "").await.data();
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn dropped_connection_is_a_network_error() {
    let rig = rig().await;
    rig.inject(Fault::DropConnection { count: 1 });
    let url = format!("{}/lapi/v1/wallet", rig.api_url());
    let err = raw(Method::GET, &url, &[("x-api-key", INVOICE_KEY)], None)
        .await
        .expect_err("no response at all");
    assert!(err.status().is_none(), "{err:?}");
    assert_eq!(rig.request_count("/lapi/v1/wallet"), 1, "still recorded");
    let ok = raw(Method::GET, &url, &[("x-api-key", INVOICE_KEY)], None)
        .await
        .unwrap();
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn drop_connection_is_before_processing() {
    let rig = rig().await;
    let before = rig.counts().await;
    assert_eq!(
        (before["vouchers"].clone(), before["balance"].clone()),
        (json!(1), json!("0.05000000"))
    );
    rig.admin(
        Method::POST,
        "/_sandbox/faults",
        r#"{"kind":"drop_connection","count":1,"path":"/lapi/v1/requestVoucher"}"#,
    )
    .await;
    voucher_request_gets_no_answer(&rig).await;
    assert_eq!(
        rig.counts().await,
        before,
        "nothing created, nothing debited"
    );
    assert_eq!(rig.request_count(VOUCHER), 1, "but the request arrived");
}

#[tokio::test]
async fn drop_after_processes_then_closes_without_an_answer() {
    let rig = rig().await;
    let before = rig.counts().await;
    rig.admin(
        Method::POST,
        "/_sandbox/faults",
        r#"{"kind":"drop_after","count":1,"path":"/lapi/v1/requestVoucher"}"#,
    )
    .await;
    voucher_request_gets_no_answer(&rig).await;
    let after = rig.counts().await;
    assert_eq!(after["vouchers"], before["vouchers"].as_u64().unwrap() + 1);
    assert_eq!(after["balance"], "0.04800000", "2 × 0.001 BTC debited");
    assert_eq!(rig.request_count(VOUCHER), 1);
    // Only one: the next one is answered (and debits again).
    let d = rig.post(VOUCHER, TWO_VOUCHERS).await.data();
    assert_eq!(d["voucher_count"], 2);
    assert_eq!(rig.balance().await, "0.04600000");
}

#[tokio::test]
async fn a_redirected_request_is_not_processed() {
    let rig = rig().await;
    let before = rig.counts().await;
    let r = rig
        .admin(
            Method::POST,
            "/_sandbox/faults",
            r#"{"kind":"redirect","status":307,"location":"http://127.0.0.1:9999/x","count":1,"path":"/lapi/v1/requestVoucher"}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // Another path is not affected.
    assert_eq!(rig.get("/lapi/v1/wallet", "").await.status, 200);
    let r = rig.post(VOUCHER, TWO_VOUCHERS).await;
    assert_eq!(r.status, 307);
    assert_eq!(r.headers["location"], "http://127.0.0.1:9999/x");
    assert_eq!(r.text, "");
    assert_eq!(
        rig.counts().await,
        before,
        "nothing created, nothing debited"
    );
    assert_eq!(rig.request_count(VOUCHER), 1);
    // The fault is used up: the same request now goes through.
    let r = rig.post(VOUCHER, TWO_VOUCHERS).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(rig.balance().await, "0.04800000");
}

#[tokio::test]
async fn redirects_other_than_3xx_are_refused() {
    let rig = rig().await;
    for body in [
        r#"{"kind":"redirect","status":200,"location":"http://x/","count":1}"#,
        r#"{"kind":"redirect","status":302,"location":"","count":1}"#,
        r#"{"kind":"redirect","status":302,"count":1}"#,
    ] {
        let r = rig.admin(Method::POST, "/_sandbox/faults", body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text);
    }
    assert_eq!(rig.get("/lapi/v1/wallet", "").await.status, 200);
    rig.inject(Fault::Redirect {
        status: 308,
        location: "https://api.ninjapay.example/lapi/v1/wallet".into(),
        count: 1,
    });
    let r = rig.get("/lapi/v1/wallet", "").await;
    assert_eq!(r.status, 308);
    assert_eq!(
        r.headers["location"],
        "https://api.ninjapay.example/lapi/v1/wallet"
    );
}

/// The body without its `request_id`, and the id (which must be 32 hex digits).
fn split_request_id(r: &Reply) -> (Value, String) {
    let mut v = r.json();
    let id = v
        .as_object_mut()
        .and_then(|o| o.remove("request_id"))
        .unwrap_or_else(|| panic!("no request_id: {}", r.text));
    let id = id.as_str().unwrap().to_string();
    assert!(
        id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    (v, id)
}

#[tokio::test]
async fn extra_fields_add_a_request_id_to_every_answer_for_a_count() {
    let rig = rig().await;
    let voucher = r#"{"tid": "210N66027HB789"}"#;
    let plain_api = rig.get("/lapi/v1/checkVoucher", voucher).await;
    let plain_prod = rig
        .prod_get("/sapi/v1/checkQuote?tid=21066027789", "")
        .await;
    let r = rig
        .admin(
            Method::POST,
            "/_sandbox/faults",
            r#"{"kind":"extra_fields","count":3}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);

    // api host: a top-level field beside the envelope's; the rest is untouched, digits too.
    let r = rig.get("/lapi/v1/checkVoucher", voucher).await;
    let (rest, a) = split_request_id(&r);
    assert_eq!(rest, plain_api.json());
    assert!(r.text.contains(r#""amount":0.00001000"#), "{}", r.text);
    assert_eq!(r.data()["tid"], "210N66027HB789", "still a valid envelope");
    // prod host: beside the bare object's fields.
    let r = rig
        .prod_get("/sapi/v1/checkQuote?tid=21066027789", "")
        .await;
    let (rest, b) = split_request_id(&r);
    assert_eq!(rest, plain_prod.json());
    assert!(
        r.text.contains(r#""sending_asset_amount":17.65"#),
        "{}",
        r.text
    );
    // Errors too.
    let r = rig.prod_get("/sapi/v1/checkQuote?tid=999", "").await;
    assert_eq!(r.status, 404);
    let (rest, c) = split_request_id(&r);
    assert_eq!(rest["success"], false);
    assert!(a != b && b != c, "a new id per answer");
    // The count is used up.
    let r = rig.get("/lapi/v1/checkVoucher", voucher).await;
    assert_eq!(r.json(), plain_api.json());
}

#[tokio::test]
async fn sticky_extra_fields_stay_until_cleared_and_combine_with_other_faults() {
    let rig = rig().await;
    let r = rig
        .admin(
            Method::POST,
            "/_sandbox/faults",
            r#"{"kind":"extra_fields","sticky":true}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    for _ in 0..5 {
        let r = rig.post("/lapi/v1/receive", r#"{"amount": 0.0001}"#).await;
        let (rest, _) = split_request_id(&r);
        assert_eq!(rest["status"], true);
    }
    // An injected error answer gets one as well.
    rig.inject(Fault::Status {
        status: 503,
        count: 1,
    });
    let r = rig.get("/lapi/v1/wallet", "").await;
    assert_eq!(r.status, 503);
    let (rest, _) = split_request_id(&r);
    assert_eq!(rest["success"], false);
    // Bodies that are not JSON objects are left alone.
    rig.inject(Fault::HtmlError { count: 1 });
    let r = rig.get("/lapi/v1/wallet", "").await;
    assert!(r.text.ends_with("</html>"), "{}", r.text);
    rig.admin(Method::DELETE, "/_sandbox/faults", "").await;
    let r = rig.get("/lapi/v1/wallet", "").await;
    assert!(r.json().get("request_id").is_none(), "{}", r.text);
}
