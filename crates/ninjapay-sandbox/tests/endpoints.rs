//! Every endpoint's success shape and its validation errors, auth on both hosts, and bad
//! bodies answered with 400 (never a panic).

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn auth_on_the_api_host() {
    let rig = rig().await;
    let url = format!("{}/lapi/v1/wallet", rig.api_url());
    let none = raw(Method::GET, &url, &[], None).await.unwrap();
    assert_eq!(none.status, 401);
    assert_eq!(none.json()["status"], false);
    assert_eq!(none.json()["data"], Value::Null);
    assert!(none.message().contains("x-api-key"));
    let wrong = api(&rig, Method::GET, "/lapi/v1/wallet", "not-a-key", None).await;
    wrong.assert_err(401, "invalid API key");
    // The prod host's header does not work on the api host.
    let r = raw(Method::GET, &url, &[("authorization", INVOICE_KEY)], None)
        .await
        .unwrap();
    assert_eq!(r.status, 401);
    let admin = api(&rig, Method::GET, "/lapi/v1/wallet", ADMIN_KEY, None)
        .await
        .data();
    assert_eq!(admin["key_kind"], "admin");
    for (path, body) in [
        (
            "/lapi/v1/send",
            r#"{"payment_mode":"ninjatag","ninjatag":"bob","amount":"0.001"}"#,
        ),
        (
            "/lapi/v1/requestVoucher",
            r#"{"amount":0.00001,"voucher_count":1}"#,
        ),
    ] {
        let r = api(&rig, Method::POST, path, INVOICE_KEY, Some(body)).await;
        r.assert_err(403, "Admin key");
    }
    assert_eq!(
        rig.balance().await,
        "0.05000000",
        "a refused send moves nothing"
    );
}

#[tokio::test]
async fn auth_on_the_prod_host() {
    let rig = rig().await;
    let url = format!("{}/sapi/v1/checkQuote?tid=21066027789", rig.prod_url());
    let none = raw(Method::GET, &url, &[], None).await.unwrap();
    assert_eq!(none.status, 401);
    assert_eq!(none.json()["success"], false);
    assert!(none.message().contains("Authorization"));
    let xkey = raw(Method::GET, &url, &[("x-api-key", INVOICE_KEY)], None)
        .await
        .unwrap();
    assert_eq!(xkey.status, 401);
    let bearer = raw(
        Method::GET,
        &url,
        &[("authorization", &format!("Bearer {INVOICE_KEY}"))],
        None,
    )
    .await
    .unwrap();
    assert_eq!(bearer.status, 200, "{}", bearer.text);
    let r = prod(
        &rig,
        Method::POST,
        "/lapi/v1/requestToken",
        INVOICE_KEY,
        Some(r#"{"widget_mode":"onramp","amount":0.001}"#),
    )
    .await;
    r.assert_err(403, "Admin key");
    assert_eq!(r.json()["success"], false);
}

#[tokio::test]
async fn each_host_serves_only_its_own_routes() {
    let rig = rig().await;
    let r = rig.get("/sapi/v1/checkQuote", "").await;
    r.assert_err(404, "prod host");
    let r = rig.prod_post("/lapi/v1/receive", r#"{"amount":1}"#).await;
    r.assert_err(404, "api host");
    let r = rig.get("/lapi/v1/nothing", "").await;
    assert_eq!(r.status, 404);
    // Same path, different meaning: checkVoucher is Check Token on prod.
    let r = rig
        .prod_get("/lapi/v1/checkVoucher", r#"{"tid":"210N66027HB789"}"#)
        .await;
    r.assert_err(400, "tid");
    let r = rig.post("/lapi/v1/checkPayment", "").await;
    r.assert_err(405, "GET");
}

#[tokio::test]
async fn receive_returns_the_full_payment_record() {
    let rig = rig().await;
    let d = rig.receive(
        r#"{"amount": 0.0005, "description": "Chai", "fiat_value": 2000.22, "fiat_currency": "INR",
            "expires_in": 15, "callback_url": "https://shop.example/cb", "success_url": "https://shop.example/ok",
            "customer_name": "Asha", "order_id": 210, "extra": {"table": 4}}"#,
    )
    .await;
    let tid = d["tid"].as_str().unwrap().to_string();
    assert_eq!(tid.len(), 16);
    assert!(tid
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    assert_eq!(d["payment_mode"], "lightning");
    assert_eq!(d["wallet"], "lbtc");
    assert_eq!(d["amount"], "0.00050000");
    assert_eq!(d["status"], "pending");
    assert_eq!(d["created_at"], START);
    assert_eq!(
        d["hosted_checkout_url"],
        format!("https://checkout.ninjapay.me/{tid}")
    );
    assert_eq!(d["hosted_checkout_expiry"], START + 15 * 60);
    assert_eq!(d["fiat_value"], "2000.22");
    assert_eq!(d["order_id"], "210");
    assert_eq!(d["extra"], json!({"table": 4}));
    assert_eq!(d["ttl"], 10);
    assert_eq!(d["callback_status"], Value::Null);
    assert_eq!(
        d["total_fee"],
        json!({"network_fee": null, "service_fee": null, "gst_fee": null})
    );
    let payreq = d["lightning_invoice"]["payreq"].as_str().unwrap();
    assert!(payreq.starts_with("lnbc500u1"), "{payreq}");
    assert_eq!(d["uri"], format!("lightning:{payreq}"));
    assert_eq!(d["lightning_invoice"]["lightning_invoice_type"], "invoice");
    assert_eq!(d["lightning_invoice"]["expires_at"], START + 15 * 60);

    // checkPayment (tid in the query this time), history, decode all agree.
    let check = rig
        .get(&format!("/lapi/v1/checkPayment?tid={tid}"), "")
        .await;
    assert_eq!(check.data(), d);
    assert_eq!(check.message(), "");
    let hist = rig.get("/lapi/v1/history?limit=1", "").await.data();
    assert_eq!(hist.as_array().unwrap().len(), 1);
    assert_eq!(hist[0]["tid"], tid.as_str());
    let dec = rig
        .get("/lapi/v1/decode", &json!({"payreq": payreq}).to_string())
        .await
        .data();
    assert_eq!(dec["amount"], "0.00050000");
    assert_eq!(dec["description"], "Chai");
    let wallet = rig.get("/lapi/v1/wallet", "").await.data();
    assert_eq!(wallet["pending_receive"], 1);
}

#[tokio::test]
async fn receive_validation() {
    let rig = rig().await;
    for (body, needle) in [
        ("{}", "amount is required"),
        (r#"{"amount": 0}"#, "amount must be greater than 0"),
        (r#"{"amount": -1}"#, "amount must be greater than 0"),
        (
            r#"{"amount": "0.000000001"}"#,
            "amount must have at most 8 decimal places",
        ),
        (r#"{"amount": "lots"}"#, "amount must be a number"),
        (r#"{"amount": true}"#, "amount must be a number"),
        (r#"{"amount": 1, "expires_in": 0}"#, "expires_in"),
        (r#"{"amount": 1, "expires_in": 2.5}"#, "expires_in"),
        (
            r#"{"amount": 1, "extra": [1]}"#,
            "extra must be a JSON object",
        ),
        (
            r#"{"amount": 1, "callback_url": "ftp://x"}"#,
            "callback_url",
        ),
        (
            r#"{"amount": 1, "description": {"a":1}}"#,
            "description must be a string",
        ),
        (r#"{"amount": 1e400}"#, "amount"),
    ] {
        let r = rig.post("/lapi/v1/receive", body).await;
        r.assert_err(400, needle);
    }
}

#[tokio::test]
async fn bad_bodies_are_400_not_panics() {
    let rig = rig().await;
    for (path, method) in [
        ("/lapi/v1/receive", Method::POST),
        ("/lapi/v1/checkPayment", Method::GET),
        ("/lapi/v1/send", Method::POST),
    ] {
        for body in ["{not json", "[1,2]", "\"str\"", "{\"amount\": }", "nul"] {
            let r = api(&rig, method.clone(), path, ADMIN_KEY, Some(body)).await;
            assert_eq!(r.status, 400, "{path} {body}: {}", r.text);
            assert_eq!(r.json()["status"], false);
        }
    }
    for body in ["{not json", "[]"] {
        let r = prod(
            &rig,
            Method::POST,
            "/sapi/v1/requestQuoteID",
            ADMIN_KEY,
            Some(body),
        )
        .await;
        assert_eq!(r.status, 400);
        assert_eq!(r.json()["success"], false);
    }
    // Still alive and consistent.
    assert_eq!(rig.balance().await, "0.05000000");
}

#[tokio::test]
async fn send_to_a_ninjatag_and_its_validation() {
    let rig = rig().await;
    let r = rig.post("/lapi/v1/send", r#"{"payment_mode":"ninjatag","ninjatag":"@bob","amount":"0.001","description":"rent"}"#).await;
    let tid = r.data()["tid"].as_str().unwrap().to_string();
    assert_eq!(
        rig.balance().await,
        "0.04900000",
        "no fee for ninjatag sends"
    );
    let rec = rig
        .get("/lapi/v1/checkPayment", &format!(r#"{{"tid":"{tid}"}}"#))
        .await
        .data();
    assert_eq!(rec["amount"], "-0.00100000");
    assert_eq!(rec["status"], "paid");
    assert_eq!(rec["receiver_ninjatag"], "bob");
    for (body, needle) in [
        ("{}", "payment_mode is required"),
        (
            r#"{"payment_mode":"carrier_pigeon"}"#,
            "payment_mode must be ninjatag or lightning",
        ),
        (
            r#"{"payment_mode":"ninjatag","amount":0.1}"#,
            "ninjatag is required",
        ),
        (
            r#"{"payment_mode":"ninjatag","ninjatag":"bob"}"#,
            "amount is required",
        ),
        (
            r#"{"payment_mode":"ninjatag","ninjatag":"bob","amount":1}"#,
            "insufficient balance",
        ),
        (
            r#"{"payment_mode":"lightning"}"#,
            "lightning_invoice is required",
        ),
        (
            r#"{"payment_mode":"lightning","lightning_invoice":"hello"}"#,
            "lightning_invoice",
        ),
        (
            r#"{"payment_mode":"lightning","lightning_invoice":"lnurl1dp68","lightning_invoice_type":"lnurl"}"#,
            "amount is required",
        ),
        (
            r#"{"payment_mode":"lightning","lightning_invoice":"lnbc1m1pp5qq","lightning_invoice_type":"cheque"}"#,
            "lightning_invoice_type",
        ),
    ] {
        let r = rig.post("/lapi/v1/send", body).await;
        r.assert_err(400, needle);
    }
    assert_eq!(rig.balance().await, "0.04900000");
}

#[tokio::test]
async fn paying_a_sandbox_invoice_settles_it() {
    let rig = rig().await;
    let d = rig.receive(r#"{"amount": "0.001"}"#).await;
    let tid = d["tid"].as_str().unwrap();
    let body = json!({"payment_mode": "lightning", "lightning_invoice": d["uri"]}).to_string();
    rig.post("/lapi/v1/send", &body).await.data();
    let rec = rig
        .get("/lapi/v1/checkPayment", &json!({"tid": tid}).to_string())
        .await
        .data();
    assert_eq!(rec["status"], "paid");
    // -0.001 -fee +0.001
    assert_eq!(rig.balance().await, "0.04999900");
}

#[tokio::test]
async fn read_endpoints_validation_and_not_found() {
    let rig = rig().await;
    let cases: &[(&str, Option<&str>, u16, &str)] = &[
        ("/lapi/v1/checkPayment", None, 400, "tid is required"),
        (
            "/lapi/v1/checkPayment",
            Some(r#"{"tid":"NOPE"}"#),
            404,
            "NOPE",
        ),
        ("/lapi/v1/history", Some(r#"{"limit":0}"#), 400, "limit"),
        ("/lapi/v1/decode", None, 400, "payreq is required"),
        (
            "/lapi/v1/decode",
            Some(r#"{"payreq":"hello"}"#),
            400,
            "payreq",
        ),
        (
            "/lapi/v1/decode",
            Some(r#"{"payreq":"lnbc1pp5qqqq"}"#),
            400,
            "payreq has no amount",
        ),
        (
            "/lapi/v1/checkVoucher",
            Some(r#"{"tid":"NOPE"}"#),
            404,
            "NOPE",
        ),
        (
            "/lapi/v1/revokeVoucher",
            Some(r#"{"tid":"NOPE"}"#),
            404,
            "NOPE",
        ),
        (
            "/lapi/v1/redeemVoucher",
            None,
            400,
            "voucher_code is required",
        ),
        (
            "/lapi/v1/redeemVoucher",
            Some(r#"{"voucher_code":"39e11981h","redeem_mode":"cash"}"#),
            400,
            "redeem_mode",
        ),
        (
            "/lapi/v1/redeemVoucher",
            Some(r#"{"voucher_code":"39e11981h","redeem_mode":"invoice"}"#),
            400,
            "redeem_to is required",
        ),
        (
            "/lapi/v1/redeemVoucher",
            Some(r#"{"voucher_code":"39e11981h","redeem_mode":"invoice","redeem_to":"x"}"#),
            400,
            "redeem_to",
        ),
        (
            "/tapi/v1/checkOrder",
            Some(r#"{"tid":"NOPE"}"#),
            404,
            "NOPE",
        ),
        ("/tapi/v1/revokeOrder", None, 400, "tid is required"),
    ];
    for (path, body, status, needle) in cases {
        let r = rig.get(path, body.unwrap_or("")).await;
        r.assert_err(*status, needle);
    }
    // Query wins over body.
    let r = rig
        .get(
            "/tapi/v1/checkOrder?tid=19B86602A1399N7",
            r#"{"tid":"NOPE"}"#,
        )
        .await;
    assert_eq!(r.data()["tid"], "19B86602A1399N7");
    // An invoice redeem works.
    let r = rig
        .get(
            "/lapi/v1/redeemVoucher",
            r#"{"voucher_code":"39e11981h","redeem_mode":"invoice","redeem_to":"lnbc10u1pp5abc"}"#,
        )
        .await;
    assert_eq!(r.data()["redeemed_by"], "lnbc10u1pp5abc");
}

#[tokio::test]
async fn request_voucher_debits_and_checks() {
    let rig = rig().await;
    let body = r#"{"amount": 0.00002, "voucher_count": 3, "from": "Swiggy", "title": "Winner", "expiry": 60,
                   "unique_design": true, "unique_design_url": "https://art.example/1.png", "callback_url": "https://shop.example/cb"}"#;
    let r = rig.post("/lapi/v1/requestVoucher", body).await;
    let d = r.data();
    assert!(r.text.contains(r#""amount":0.00002000"#), "{}", r.text);
    assert_eq!(d["voucher_count"], 3);
    assert_eq!(d["voucher_redeemed"], 0);
    assert_eq!(d["expires_at"], START + 3600);
    assert_eq!(d["from"], "Swiggy");
    assert_eq!(d["email_status"], "undefined");
    assert!(d["voucher_static_url"]
        .as_str()
        .unwrap()
        .starts_with("https://www.ninjapay.me/voucher/"));
    let urls = d["voucher_urls"].as_array().unwrap();
    assert_eq!(urls.len(), 3);
    assert_eq!(
        urls[0].as_object().unwrap().len(),
        1,
        "only voucher_url on creation"
    );
    assert_eq!(rig.balance().await, "0.04994000");
    let tid = d["tid"].as_str().unwrap();
    let check = rig
        .get("/lapi/v1/checkVoucher", &json!({"tid": tid}).to_string())
        .await
        .data();
    for c in check["voucher_urls"].as_array().unwrap() {
        let code = c["voucher_code"].as_str().unwrap();
        assert_eq!(code.len(), 8);
        assert!(code
            .chars()
            .all(|ch| ch.is_ascii_hexdigit() && !ch.is_ascii_uppercase()));
        assert_eq!(
            c["voucher_url"],
            format!("https://www.ninjapay.me/voucher/redeem/{code}")
        );
    }
    for (body, needle) in [
        (
            r#"{"amount": 0.00001, "voucher_count": 0}"#,
            "voucher_count must be between 1 and 100",
        ),
        (
            r#"{"amount": 0.00001, "voucher_count": 101}"#,
            "voucher_count must be between 1 and 100",
        ),
        (r#"{"amount": 0.00001}"#, "voucher_count is required"),
        (r#"{"voucher_count": 1}"#, "amount is required"),
        (
            r#"{"amount": 0.00001, "voucher_count": 2, "receiver_email": "a@b.c"}"#,
            "receiver_email",
        ),
        (
            r#"{"amount": 0.00001, "voucher_count": 1, "receiver_email": "nope"}"#,
            "receiver_email",
        ),
        (
            r#"{"amount": 0.00001, "voucher_count": 1, "unique_design": "maybe"}"#,
            "unique_design",
        ),
        (
            r#"{"amount": 0.01, "voucher_count": 100}"#,
            "insufficient balance",
        ),
    ] {
        let r = rig.post("/lapi/v1/requestVoucher", body).await;
        r.assert_err(400, needle);
    }
    let single = rig
        .post(
            "/lapi/v1/requestVoucher",
            r#"{"amount": "0.00001", "voucher_count": 1, "receiver_email": "a@b.c"}"#,
        )
        .await
        .data();
    assert_eq!(single["email_status"], "success");
}

#[tokio::test]
async fn widget_tokens() {
    let rig = rig().await;
    let r = rig
        .prod_post(
            "/lapi/v1/requestToken",
            r#"{"widget_mode":"offramp","amount":0.001,"order_id":"7"}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let token = r.json()["token"].as_u64().unwrap();
    assert!((100_000_000_000..1_000_000_000_000).contains(&token));
    assert_eq!(
        rig.balance().await,
        "0.04900000",
        "offramp reserves its amount"
    );
    // tid as a numeric string works too.
    let r = rig
        .prod_get("/lapi/v1/checkVoucher", &format!(r#"{{"tid":"{token}"}}"#))
        .await;
    let d = r.json();
    assert_eq!(d["tid"], token);
    assert_eq!(d["payment_mode"], "lightning");
    assert!(r.text.contains(r#""amount":-0.00100000"#), "{}", r.text);
    assert_eq!(d["status"], "undefined");
    assert_eq!(d["lightning_invoice"]["lightning_invoice_type"], "lnurl");
    let on = rig
        .prod_post(
            "/lapi/v1/requestToken",
            r#"{"widget_mode":"onramp","amount":"0.002"}"#,
        )
        .await
        .json();
    let on_tok = on["token"].as_u64().unwrap();
    let d = rig
        .prod_get(&format!("/lapi/v1/checkVoucher?tid={on_tok}"), "")
        .await
        .json();
    assert_eq!(d["widget_mode"], "onramp");
    assert_eq!(d["token"], on_tok);
    for (body, needle) in [
        (r#"{"widget_mode":"sideways","amount":1}"#, "widget_mode"),
        (r#"{"widget_mode":"onramp"}"#, "amount is required"),
        (
            r#"{"widget_mode":"onramp","amount":-2}"#,
            "amount must be greater than 0",
        ),
        (
            r#"{"widget_mode":"offramp","amount":5}"#,
            "insufficient balance",
        ),
    ] {
        let r = rig.prod_post("/lapi/v1/requestToken", body).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            r.json()["message"].as_str().unwrap().contains(needle),
            "{}",
            r.text
        );
    }
    for (body, status) in [
        (r#"{"tid":"abc"}"#, 400),
        (r#"{"tid":1.5}"#, 400),
        ("{}", 400),
        (r#"{"tid":123}"#, 404),
    ] {
        let r = rig.prod_get("/lapi/v1/checkVoucher", body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text);
        assert!(r.json()["message"].as_str().unwrap().contains("tid"));
    }
}

#[tokio::test]
async fn bridge_validation() {
    let rig = rig().await;
    let base = json!({"fiat_amount": 500, "payment_mode": "upi", "sending_asset": "btc", "receiver_upi_id": "a@okaxis", "refund_wallet": "lbtc"});
    let with = |k: &str, v: Value| {
        let mut b = base.clone();
        if v.is_null() {
            b.as_object_mut().unwrap().remove(k);
        } else {
            b[k] = v;
        }
        b.to_string()
    };
    for (body, needle) in [
        (with("fiat_amount", json!(97_000.01)), "fiat_amount"),
        (with("fiat_amount", json!(0)), "fiat_amount"),
        (with("fiat_amount", Value::Null), "fiat_amount is required"),
        (with("payment_mode", json!("cash")), "payment_mode"),
        (with("sending_asset", json!("doge")), "sending_asset"),
        (
            with("receiver_upi_id", Value::Null),
            "receiver_upi_id is required",
        ),
        (
            with("receiver_upi_id", json!("no-at-sign")),
            "receiver_upi_id",
        ),
        (with("refund_wallet", json!("eth")), "refund_wallet"),
        (
            with("refund_wallet", Value::Null),
            "refund_wallet is required",
        ),
        (
            with("payment_mode", json!("ninjatag")),
            "receiver_ninjatag is required",
        ),
    ] {
        let r = rig.prod_post("/sapi/v1/requestQuoteID", &body).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text);
        assert!(
            r.json()["message"].as_str().unwrap().contains(needle),
            "{body}: {}",
            r.text
        );
    }
    let mut tag = base.clone();
    tag["payment_mode"] = json!("ninjatag");
    tag["receiver_ninjatag"] = json!("asha");
    let r = rig
        .prod_post("/sapi/v1/requestQuoteID", &tag.to_string())
        .await
        .json();
    assert_eq!(r["linked_upi_id"], "asha@ninjapay");
    let q = rig
        .prod_post(
            "/sapi/v1/requestQuote",
            &json!({"quote_id": r["quote_id"]}).to_string(),
        )
        .await;
    let qj = q.json();
    assert!(
        q.text.contains(r#""sending_asset_amount":0.00010000"#),
        "{}",
        q.text
    );
    assert!(qj["lightning_invoice"]
        .as_str()
        .unwrap()
        .starts_with("lnbc100u1"));
    assert_eq!(qj["receiver_ninjatag"], "asha");
    let r = rig
        .prod_post("/sapi/v1/requestQuote", r#"{"quote_id":"ffff"}"#)
        .await;
    assert_eq!(r.status, 404);
    assert!(r.json()["message"].as_str().unwrap().contains("ffff"));
    let r = rig.prod_post("/sapi/v1/requestQuote", "{}").await;
    assert_eq!(r.status, 400);
    let r = rig.prod_get("/sapi/v1/checkQuote", r#"{"tid": 999}"#).await;
    assert_eq!(r.status, 404);
}
