//! Money and key safety against servers that misbehave: redirects are never followed, answers
//! are read up to a size cap, keys only go over https (or to this computer), echoed keys never
//! survive into a message, and envelopes with more fields than the docs show still read.

mod common;

use std::str::FromStr;

use common::{client_for, fixture, serve, serve_with, INVOICE};
use ninjapay::*;
use serde_json::Value;

fn tid(s: &str) -> Tid {
    Tid::parse(s).unwrap()
}

fn a_voucher() -> VoucherRequest {
    VoucherRequest {
        amount: Decimal::from_str("0.0001").unwrap(),
        voucher_count: 2,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_redirect_is_never_followed_with_the_key_or_the_body() {
    // Where a followed redirect would land: it must see nothing.
    let elsewhere = serve(200, "application/json", r#"{"data":{}}"#.into()).await;
    let target = format!("{}/steal", elsewhere.url.replace("127.0.0.1", "localhost"));
    for status in [301u16, 302, 303, 307, 308] {
        let server = serve_with(
            status,
            "text/plain",
            String::new(),
            vec![("location", Box::leak(target.clone().into_boxed_str()))],
        )
        .await;
        let c = client_for(&server.url);

        let e = c.check_voucher(&tid("V1")).await.unwrap_err();
        assert_eq!(e.code(), "redirect", "a read, HTTP {status}");
        let text = e.to_string();
        assert!(text.contains("localhost"), "names the host: {text}");
        assert!(text.contains("nothing was sent to localhost"), "{text}");
        assert_eq!(server.seen().len(), 1, "a redirect is not retried either");

        let e = c.request_voucher(&a_voucher()).await.unwrap_err();
        // 307/308 ask for the request elsewhere (nothing was done here); after 301/302/303 a
        // server may have done it.
        let expected = if matches!(status, 307 | 308) {
            "redirect"
        } else {
            "outcome_unknown"
        };
        assert_eq!(e.code(), expected, "a write, HTTP {status}");
        assert!(e.to_string().contains("localhost"), "{e}");
        assert_eq!(server.seen().len(), 2);
    }
    assert!(
        elsewhere.seen().is_empty(),
        "no request (so no key, no voucher body) reached the other host"
    );
}

#[tokio::test]
async fn an_answer_larger_than_the_cap_is_not_read() {
    let huge = format!(
        r#"{{"status":true,"data":{{"tid":"V1","amount":1,"pad":"{}"}}}}"#,
        "x".repeat(MAX_ANSWER_BYTES)
    );
    let server = serve(200, "application/json", huge).await;
    let c = client_for(&server.url);
    let e = c.check_voucher(&tid("V1")).await.unwrap_err();
    assert_eq!(e.code(), "decode");
    assert!(e.to_string().contains("larger than 8 MiB"), "{e}");
    // On a write the request was processed, so the outcome is unknown.
    let e = c.request_voucher(&a_voucher()).await.unwrap_err();
    assert_eq!(e.code(), "outcome_unknown");
}

#[tokio::test]
async fn keys_only_go_over_https_or_to_this_computer() {
    for bad in [
        "http://api.ninjapay.me",
        "http://192.168.1.20:8787",
        "https://user:secret@api.ninjapay.me",
    ] {
        let e = Client::builder()
            .api_url(bad)
            .invoice_key(ApiKey::new(INVOICE))
            .build()
            .unwrap_err();
        assert_eq!(e.field(), Some("api_url"), "{bad}");
        let e = Client::builder().prod_url(bad).build().unwrap_err();
        assert_eq!(e.field(), Some("prod_url"), "{bad}");
    }
    for ok in [
        "https://api.ninjapay.me",
        "http://127.0.0.1:8787",
        "http://localhost:8787",
        "http://[::1]:8787",
    ] {
        assert!(Client::builder().api_url(ok).build().is_ok(), "{ok}");
    }
}

#[tokio::test]
async fn an_echoed_key_is_removed_before_the_message_is_shortened() {
    // The key straddles the 300-character cut: redacting after the cut would leave half of it.
    let message = format!("{} {INVOICE} trailing words", "w".repeat(280));
    let body = serde_json::json!({"success": false, "message": message}).to_string();
    let server = serve(400, "application/json", body).await;
    let e = client_for(&server.url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("<redacted>"), "{text}");
    for window in INVOICE.as_bytes().windows(12) {
        let part = std::str::from_utf8(window).unwrap();
        assert!(!text.contains(part), "part of the key survived: {part}");
    }
}

/// Adds fields the docs do not show at the top level of a fixture: beside the envelope's
/// `status`/`data`/`message`, or beside a bare object's fields.
fn with_extra_fields(text: &str) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    let map = v.as_object_mut().expect("every fixture is an object");
    map.insert("request_id".into(), "req-7f3a".into());
    map.insert("server_time".into(), 1_714_912_921u64.into());
    v.to_string()
}

#[tokio::test]
async fn every_endpoint_reads_an_envelope_with_extra_fields() {
    let t = tid("210N66027HB789");
    let cases: Vec<&str> = vec![
        "request_voucher.json",
        "check_voucher.json",
        "revoke_voucher.json",
        "redeem_voucher.json",
        "asset_balance.json",
        "check_order_buy.json",
        "check_order_sell.json",
        "revoke_order.json",
        "receive.json",
        "check_payment_receive.json",
        "check_payment_send.json",
        "send.json",
        "history.json",
        "decode.json",
        "request_token.json",
        "check_token_onramp.json",
        "check_token_offramp.json",
        "request_quote_id.json",
        "request_quote.json",
        "check_quote_a.json",
        "check_quote_b.json",
    ];
    for name in cases {
        let server = serve(200, "application/json", with_extra_fields(&fixture(name))).await;
        let c = client_for(&server.url);
        // Each answer is read, and the extra fields are kept where a screen's "All fields"
        // can show them (for records with room for them).
        let kept: Option<Value> = match name {
            "request_voucher.json" => Some(to(c.request_voucher(&a_voucher()).await)),
            "check_voucher.json" => Some(to(c.check_voucher(&t).await)),
            "revoke_voucher.json" => Some(to(c.revoke_voucher(&t).await)),
            "redeem_voucher.json" => Some(to(c
                .redeem_voucher(&RedeemRequest {
                    voucher_code: "7ee15185".into(),
                    redeem_mode: "ninjatag".into(),
                    redeem_to: "@satoshi".into(),
                })
                .await)),
            "asset_balance.json" => {
                let b = c.asset_balance().await.unwrap();
                assert_eq!(b.balances.len(), 2, "{b:?}");
                Some(serde_json::to_value(b).unwrap())
            }
            "check_order_buy.json" | "check_order_sell.json" => Some(to(c.check_order(&t).await)),
            "revoke_order.json" => Some(to(c.revoke_order(&t).await)),
            "receive.json" => Some(to(c
                .receive(&ReceiveRequest {
                    amount: Decimal::from_str("0.001").unwrap(),
                    ..Default::default()
                })
                .await)),
            "check_payment_receive.json" | "check_payment_send.json" => {
                Some(to(c.check_payment(&t).await))
            }
            "send.json" => Some(to(c
                .send(&SendRequest {
                    payment_mode: "ninjatag".into(),
                    ninjatag: Some("satoshi".into()),
                    amount: Some(Decimal::ONE),
                    ..Default::default()
                })
                .await)),
            "history.json" => {
                let h = c.history(2).await.unwrap();
                assert_eq!(h.len(), 2);
                None
            }
            "decode.json" => Some(to(c
                .decode("lnbc193620n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yq")
                .await)),
            "request_token.json" => Some(to(c
                .request_token(&TokenRequest {
                    widget_mode: "onramp".into(),
                    amount: Decimal::ONE,
                    ..Default::default()
                })
                .await)),
            "check_token_onramp.json" | "check_token_offramp.json" => {
                Some(to(c.check_token(&tid("198660213997")).await))
            }
            "request_quote_id.json" => Some(to(c
                .request_quote_id(&QuoteIdRequest {
                    fiat_amount: Decimal::from(500),
                    payment_mode: "upi".into(),
                    sending_asset: "btc".into(),
                    receiver_upi_id: Some("shop@okaxis".into()),
                    receiver_ninjatag: None,
                    refund_wallet: "lbtc".into(),
                })
                .await)),
            "request_quote.json" => Some(to(c
                .request_quote(&QuoteRequest {
                    quote_id: "abc123".into(),
                    callback_url: None,
                })
                .await)),
            "check_quote_a.json" | "check_quote_b.json" => {
                Some(to(c.check_quote(&tid("198660213997")).await))
            }
            other => panic!("no call for {other}"),
        };
        if let Some(v) = kept {
            let extra = v
                .get(ENVELOPE_EXTRA_KEY)
                .or_else(|| v.get("other").and_then(|o| o.get(ENVELOPE_EXTRA_KEY)))
                .or(Some(&v));
            let text = extra.unwrap().to_string();
            assert!(
                text.contains("req-7f3a"),
                "{name}: the extra field was lost: {v}"
            );
        }
    }
}

fn to<T: serde::Serialize>(r: Result<T, Error>) -> Value {
    serde_json::to_value(r.unwrap_or_else(|e| panic!("{e}"))).unwrap()
}
