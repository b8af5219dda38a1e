//! Every BOLT11 invoice (and LNURL) the sandbox makes carries a valid bech32 checksum, checked
//! here with the BIP-173 polymod written out independently of the sandbox's code; and invoices
//! it is given keep working whatever their checksum.

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;

const CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// BIP-173: the polymod over the expanded hrp and the data (checksum included) must be 1.
/// Any length is allowed (BOLT11 strings are longer than bech32's 90 characters).
fn bech32_ok(s: &str) -> bool {
    let s = s
        .strip_prefix("lightning:")
        .unwrap_or(s)
        .to_ascii_lowercase();
    let Some(sep) = s.rfind('1') else {
        return false;
    };
    let (hrp, data) = s.split_at(sep);
    let data = &data[1..];
    if hrp.is_empty() || data.len() < 6 {
        return false;
    }
    let mut values: Vec<u32> = hrp.bytes().map(|b| u32::from(b >> 5)).collect();
    values.push(0);
    values.extend(hrp.bytes().map(|b| u32::from(b & 31)));
    for c in data.chars() {
        match CHARSET.find(c) {
            Some(v) => values.push(v as u32),
            None => return false,
        }
    }
    let gen = [
        0x3b6a57b2u32,
        0x26508e6d,
        0x1ea119fa,
        0x3d4233dd,
        0x2a1462b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let b = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (i, g) in gen.iter().enumerate() {
            if (b >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk == 1
}

#[test]
fn the_check_itself_tells_good_from_bad() {
    assert!(bech32_ok("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
    assert!(bech32_ok("A12UEL5L"));
    assert!(!bech32_ok("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"));
    assert!(!bech32_ok(ninjapay_sandbox::seed::DOCS_INVOICE));
}

#[tokio::test]
async fn invoices_and_lnurls_the_sandbox_makes_pass_the_checksum() {
    let rig = rig().await;
    let mut made = Vec::new();
    for amount in ["0.00000001", "0.0005", "0.00123456", "1", "2.5"] {
        let d = rig.receive(&json!({ "amount": amount }).to_string()).await;
        let payreq = d["lightning_invoice"]["payreq"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(payreq.len() > 90, "BOLT11 is longer than 90: {payreq}");
        assert_eq!(d["uri"], format!("lightning:{payreq}"));
        made.push(payreq);
    }
    for mode in ["onramp", "offramp"] {
        let body = json!({"widget_mode": mode, "amount": 0.001}).to_string();
        let token = rig.prod_post("/lapi/v1/requestToken", &body).await.bare()["token"].clone();
        let t = rig
            .prod_get(
                "/lapi/v1/checkVoucher",
                &json!({ "tid": token }).to_string(),
            )
            .await
            .bare();
        let payreq = t["lightning_invoice"]["payreq"].as_str().unwrap();
        assert!(payreq.starts_with(if mode == "onramp" { "lnbc" } else { "lnurl1" }));
        made.push(payreq.to_string());
    }
    let qid = rig
        .prod_post(
            "/sapi/v1/requestQuoteID",
            r#"{"fiat_amount": 1500, "payment_mode": "upi", "sending_asset": "btc", "receiver_upi_id": "a@okaxis", "refund_wallet": "lbtc"}"#,
        )
        .await
        .bare()["quote_id"]
        .clone();
    let q = rig
        .prod_post(
            "/sapi/v1/requestQuote",
            &json!({ "quote_id": qid }).to_string(),
        )
        .await
        .bare();
    made.push(q["lightning_invoice"].as_str().unwrap().to_string());
    // Simulated customers who redeem to an invoice show it as `redeemed_by`.
    let v = rig
        .post(
            "/lapi/v1/requestVoucher",
            r#"{"amount": 0.00001, "voucher_count": 40}"#,
        )
        .await
        .data();
    rig.advance(Duration::from_secs(30 * 60));
    let check = rig
        .get(
            "/lapi/v1/checkVoucher",
            &json!({"tid": v["tid"]}).to_string(),
        )
        .await
        .data();
    let by_invoice: Vec<String> = check["voucher_urls"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["redeemed_by"].as_str())
        .filter(|b| b.starts_with("lnbc"))
        .map(str::to_string)
        .collect();
    assert!(!by_invoice.is_empty(), "{check}");
    made.extend(by_invoice);

    for s in &made {
        assert!(bech32_ok(s), "bad checksum: {s}");
    }
}

#[tokio::test]
async fn invoices_the_sandbox_is_given_keep_working() {
    let rig = rig().await;
    // Its own invoice: decode reads it, send pays it (and settles the request).
    let d = rig
        .receive(r#"{"amount": "0.001", "description": "Chai"}"#)
        .await;
    let payreq = d["lightning_invoice"]["payreq"].as_str().unwrap();
    let dec = rig
        .get("/lapi/v1/decode", &json!({ "payreq": payreq }).to_string())
        .await
        .data();
    assert_eq!(
        (dec["amount"].clone(), dec["description"].clone()),
        (json!("0.00100000"), json!("Chai"))
    );
    rig.post(
        "/lapi/v1/send",
        &json!({"payment_mode": "lightning", "lightning_invoice": payreq}).to_string(),
    )
    .await
    .data();
    assert_eq!(
        rig.check_payment(d["tid"].as_str().unwrap()).await["status"],
        "paid"
    );
    // A voucher redeemed to one of its invoices.
    let other = rig.receive(r#"{"amount": "0.00001"}"#).await;
    let to = other["lightning_invoice"]["payreq"].as_str().unwrap();
    let r = rig
        .get(
            "/lapi/v1/redeemVoucher",
            &json!({"voucher_code": "39e11981h", "redeem_mode": "invoice", "redeem_to": to})
                .to_string(),
        )
        .await
        .data();
    assert_eq!(r["redeemed_by"], to);
    // The docs' invoice fails the checksum and is still accepted.
    let docs = ninjapay_sandbox::seed::DOCS_INVOICE;
    let dec = rig
        .get("/lapi/v1/decode", &json!({ "payreq": docs }).to_string())
        .await
        .data();
    assert_eq!(dec["amount"], "0.00019362");
    let sent = rig
        .post(
            "/lapi/v1/send",
            &json!({"payment_mode": "lightning", "lightning_invoice": docs}).to_string(),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.text);
}
