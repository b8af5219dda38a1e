//! Each code example from the docs, sent verbatim (GET with a JSON body, the doc's header),
//! with only the host swapped for the sandbox's.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const DOCS_INVOICE: &str = ninjapay_sandbox::seed::DOCS_INVOICE;

#[tokio::test]
async fn first_call_wallet_info_with_key_in_query() {
    let rig = rig().await;
    let url = format!("{}/lapi/v1/wallet?api_key={INVOICE_KEY}", rig.api_url());
    let r = raw(Method::GET, &url, &[], None).await.unwrap();
    let d = r.data();
    assert_eq!(d["balance"], "0.05000000");
    assert_eq!(d["wallet"], "lbtc");
    assert_eq!(d["key_kind"], "invoice");
}

#[tokio::test]
async fn check_voucher_example() {
    let rig = rig().await;
    let r = rig
        .get("/lapi/v1/checkVoucher", r#"{"tid": "210N66027HB789"}"#)
        .await;
    let d = r.data();
    assert_eq!(d["tid"], "210N66027HB789");
    assert_eq!(
        (d["voucher_count"].as_i64(), d["voucher_redeemed"].as_i64()),
        (Some(2), Some(1))
    );
    // amount is a JSON number with the docs' digits, not a string, not 1e-5.
    assert!(r.text.contains(r#""amount":0.00001000"#), "{}", r.text);
    assert_eq!(d["revoked"], false);
    assert_eq!(d["revoked_at"], Value::Null);
    assert_eq!(
        d["voucher_static_url"],
        "https://www.ninjapay.me/voucher/198660213997"
    );
    let codes = d["voucher_urls"].as_array().unwrap();
    assert_eq!(codes[0]["voucher_code"], "7ee15185");
    assert_eq!(codes[0]["redeemed_by"], "ninjatagUsername");
    assert_eq!(codes[0]["redeemed_tid"], 128660213994u64);
    assert_eq!(codes[0]["callback_status"], 201);
    assert_eq!(
        codes[1]["voucher_url"],
        "https://www.ninjapay.me/voucher/redeem/39e11981h"
    );
    assert_eq!(codes[1]["redeemed_by"], Value::Null);
    assert!(d["expires_at"].as_i64().unwrap() > START);
}

#[tokio::test]
async fn revoke_voucher_example_refunds_unredeemed_codes() {
    let rig = rig().await;
    let body = r#"{"tid": "210N66027HB789"}"#;
    let d = rig.get("/lapi/v1/revokeVoucher", body).await.data();
    assert_eq!(
        d,
        json!({"tid": "210N66027HB789", "revoked": true, "revoked_at": START})
    );
    // One of the two 0.00001 BTC codes was still open.
    assert_eq!(rig.balance().await, "0.05001000");
    let again = rig.get("/lapi/v1/revokeVoucher", body).await;
    assert_eq!(again.status, 400);
    assert!(again.message().contains("already revoked"));
    let check = rig.get("/lapi/v1/checkVoucher", body).await.data();
    assert_eq!(check["revoked"], true);
    assert_eq!(check["revoked_at"], START);
}

#[tokio::test]
async fn redeem_voucher_example_with_only_the_code() {
    let rig = rig().await;
    let body = r#"{"voucher_code": "39e11981h"}"#;
    let d = rig.get("/lapi/v1/redeemVoucher", body).await.data();
    assert_eq!(d["voucher_code"], "39e11981h");
    assert_eq!(d["redeemed"], true);
    assert_eq!(d["redeemed_mode"], "ninjatag");
    assert_eq!(d["redeemed_by"], "sandbox_merchant");
    assert!(d["redeemed_tid"].is_u64());
    assert_eq!(d["redeemed_at"], START);
    let again = rig.get("/lapi/v1/redeemVoucher", body).await;
    assert_eq!(again.status, 400);
    assert!(again.message().contains("already redeemed"));
    let unknown = rig
        .get("/lapi/v1/redeemVoucher", r#"{"voucher_code":"nope1234"}"#)
        .await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.message().contains("nope1234"));
    let check = rig
        .get("/lapi/v1/checkVoucher", r#"{"tid":"210N66027HB789"}"#)
        .await
        .data();
    assert_eq!(check["voucher_redeemed"], 2);
}

/// The docs' Check Order sample, value for value (only its tid is the one asked for).
fn check_order_sample(tid: &str) -> Value {
    json!({
        "tid": tid, "created_at": 1414912921, "executed_at": 1714912921,
        "type": "buy", "asset": "BTC", "amount": "100.00000000", "price": "47277.89",
        "executed_price": "47277.89", "fee": "0.10", "fee_percent": 0.10,
        "filled_amount": "100.00000000", "filled_percent": 100.00,
        "total_received": "99.90000000", "reveived_asset": "BTC",
        "total_paid": "4727789.00000000", "paid_asset": "USDT", "note": "Plugin: Strike to US",
        "receiver_email": "dev@ninjapay.me", "email_status": "success", "revoked": false,
        "revoked_at": null, "extra": []
    })
}

#[tokio::test]
async fn check_order_example_answers_the_docs_sample() {
    let rig = rig().await;
    let r = rig
        .get("/tapi/v1/checkOrder", r#"{"tid": "210N66027HB789"}"#)
        .await;
    assert_eq!(r.data(), check_order_sample("210N66027HB789"));
    // Numbers with the docs' digits; fully filled, so executed.
    assert!(r.text.contains(r#""filled_percent":100.00"#), "{}", r.text);
    assert!(r.text.contains(r#""fee_percent":0.10"#));
    assert!(r.text.contains(r#""executed_at":1714912921"#));
}

#[tokio::test]
async fn the_sandbox_filling_order_fills_over_five_minutes() {
    let rig = rig().await;
    let tid = ninjapay_sandbox::seed::SANDBOX_FILLING_ORDER_TID;
    let r = rig.get(&format!("/tapi/v1/checkOrder?tid={tid}"), "").await;
    let d = r.data();
    assert_eq!(d["type"], "buy");
    assert_eq!(d["amount"], "0.50000000");
    assert_eq!(d["filled_amount"], "0.20000000");
    assert!(r.text.contains(r#""filled_percent":40.00"#), "{}", r.text);
    assert_eq!(d["executed_at"], Value::Null);
    assert_eq!(d["reveived_asset"], "BTC");
    assert_eq!(d["extra"], json!([]));
}

#[tokio::test]
async fn check_order_docs_sample_values() {
    let rig = rig().await;
    let body = r#"{"tid": "19B86602A1399N7"}"#;
    let d = rig.get("/tapi/v1/checkOrder", body).await.data();
    assert_eq!(d, check_order_sample("19B86602A1399N7"));
    let r = rig.get("/tapi/v1/revokeOrder", body).await;
    assert_eq!(r.status, 400);
    assert!(r.message().contains("fully filled"));
}

#[tokio::test]
async fn revoke_order_example() {
    let rig = rig().await;
    let body = r#"{"tid": "2M106602N7789"}"#;
    let d = rig.get("/tapi/v1/revokeOrder", body).await.data();
    assert_eq!(
        d,
        json!({"tid": "2M106602N7789", "revoked": true, "revoked_at": START})
    );
    let again = rig.get("/tapi/v1/revokeOrder", body).await;
    assert_eq!(again.status, 400);
    let check = rig.get("/tapi/v1/checkOrder", body).await.data();
    assert_eq!(
        (check["revoked"].clone(), check["type"].clone()),
        (json!(true), json!("sell"))
    );
}

#[tokio::test]
async fn asset_balance_example_with_empty_body() {
    let rig = rig().await;
    let r = rig.get("/tapi/v1/assetBalance", "{}").await;
    let d = r.data();
    assert_eq!(
        d,
        json!({"lbtc": "0.05000000", "btc": "0.12000000", "eth": "1.50000000"})
    );
    assert!(
        r.message().starts_with("last updated at "),
        "{}",
        r.message()
    );
}

#[tokio::test]
async fn decode_example() {
    let rig = rig().await;
    let body = format!(r#"{{"payreq":"{DOCS_INVOICE}"}}"#);
    let d = rig.get("/lapi/v1/decode", &body).await.data();
    assert_eq!(d["amount"], "0.00019362");
    assert_eq!(d["payreq"], DOCS_INVOICE);
    assert_eq!(d["network"], "lightning");
    let exp = d["expires_at"].as_str().unwrap();
    assert!(exp.ends_with(".000Z") && exp.len() == 24, "{exp}");
    for k in [
        "descriptionHash",
        "paymentHash",
        "paymentSecret",
        "payee",
        "signature",
    ] {
        assert!(
            d[k].as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_hexdigit()),
            "{k}"
        );
    }
}

#[tokio::test]
async fn send_example_with_numeric_amount() {
    let rig = rig().await;
    let body = format!(
        r#"{{"payment_mode":"lightning","lightning_invoice":"{DOCS_INVOICE}","amount":0.0018,"description":"sample_description","customer_name":"Satoshi","order_id":"21"}}"#
    );
    let r = rig.post("/lapi/v1/send", &body).await;
    let d = r.data();
    assert_eq!(r.message(), "Paid");
    let tid = d["tid"].as_str().unwrap();
    assert_eq!(tid.len(), 16);
    // The invoice's own amount (0.00019362) plus the 100 sat network fee.
    assert_eq!(rig.balance().await, "0.04980538");
    let rec = rig.check_payment(tid).await;
    assert_eq!(rec["amount"], "-0.00019362");
    assert_eq!(rec["status"], "paid");
    assert_eq!(rec["total_fee"]["network_fee"], "0.00000100 btc");
}

#[tokio::test]
async fn check_token_example() {
    let rig = rig().await;
    let r = rig
        .prod_get("/lapi/v1/checkVoucher", r#"{"tid": 21066027789}"#)
        .await;
    let d = r.bare();
    assert_eq!(d["token"], 21066027789u64);
    assert_eq!(d["widget_mode"], "onramp");
    assert_eq!(d["status"], "undefined");
    assert!(r.text.contains(r#""amount":1.10771927"#));
    assert!(r.text.contains(r#""fiat_value":2000.22"#));
    assert_eq!(d["lightning_invoice"]["payreq"], DOCS_INVOICE);
    assert!(
        d.get("status").is_some() && d.get("data").is_none(),
        "bare body"
    );
}

#[tokio::test]
async fn check_quote_example() {
    let rig = rig().await;
    let r = rig
        .prod_get("/sapi/v1/checkQuote", r#"{"tid": 21066027789}"#)
        .await;
    let d = r.bare();
    assert_eq!(d["tid"], 21066027789u64);
    assert_eq!(d["status"], "pending");
    // The fixture's values: ₹1,500 to a UPI id, paid in USDT (17.65 at ₹85).
    assert_eq!(d["sending_asset"], "usdt");
    assert!(
        r.text.contains(r#""sending_asset_amount":17.65"#),
        "{}",
        r.text
    );
    assert!(r.text.contains(r#""fiat_amount":1500"#), "{}", r.text);
    assert_eq!(d["payment_method"], "upi");
    assert_eq!(d["onchain_address_network"], "ERC20");
    assert_eq!(d["receiver_ninjatag"], "satoshi");
    assert_eq!(d["refund_wallet"], "usdt");
    assert!(d["transaction_time"].is_string());
}

#[tokio::test]
async fn request_token_example_body_lacks_widget_mode() {
    // The docs' sample body is a voucher body; the sandbox says what is missing.
    let rig = rig().await;
    let body = r#"{"amount": 0.00001, "voucher_count": 2, "title": "Congrats"}"#;
    let r = rig.prod_post("/lapi/v1/requestToken", body).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"success": false, "message": "widget_mode is required"})
    );
}

#[tokio::test]
async fn bridge_flow_usdt_example() {
    let rig = rig().await;
    let body = r#"{"fiat_amount": 1000, "payment_mode": "upi", "sending_asset": "usdt", "receiver_upi_id": "satoshi@okicici", "refund_wallet": "lbtc"}"#;
    let d = rig.prod_post("/sapi/v1/requestQuoteID", body).await.bare();
    let qid = d["quote_id"].as_str().unwrap().to_string();
    assert!(qid.len() == 32 && qid.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(d["linked_upi_id"], Value::Null);
    let body = format!(r#"{{"quote_id": "{qid}", "callback_url": "https://yourwebhook.com"}}"#);
    let r = rig.prod_post("/sapi/v1/requestQuote", &body).await;
    let q = r.bare();
    let tid = q["tid"].as_u64().unwrap();
    assert!((100_000_000_000..1_000_000_000_000).contains(&tid));
    assert!(
        r.text.contains(r#""sending_asset_amount":11.77"#),
        "{}",
        r.text
    );
    assert_eq!(q["lightning_invoice"], "");
    assert_eq!(q["onchain_address_network"], "ERC20");
    assert_eq!(q["expires_at"], START + 900);
    assert_eq!(q["receiver_upi_id"], "satoshi@okicici");
    let again = rig.prod_post("/sapi/v1/requestQuote", &body).await;
    assert_eq!(again.status, 400);
    assert!(again.message().contains("already used"));
    let check = rig
        .prod_get("/sapi/v1/checkQuote", &format!(r#"{{"tid": {tid}}}"#))
        .await;
    assert_eq!(check.json()["status"], "pending");
}

#[tokio::test]
async fn history_example_lists_seeded_records_newest_first() {
    let rig = rig().await;
    let d = rig.get("/lapi/v1/history", r#"{"limit": 5}"#).await.data();
    let list = d.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["tid"], "198A60SO23PN99N7");
    assert_eq!(list[0]["amount"], "1.10771927");
    assert_eq!(list[1]["tid"], "128390A389H2920");
    assert_eq!(list[1]["amount"], "-0.19362077");
    assert_eq!(
        list[1]["lightning_invoice"]["lightning_invoice_type"],
        "lnurl"
    );
}
