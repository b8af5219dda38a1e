//! Every response example from the docs, served as it is and read through the client's own
//! methods, with its values asserted.

mod common;

use std::str::FromStr;

use common::{client_for, fixture, serve};
use ninjapay::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn tid(s: &str) -> Tid {
    Tid::parse(s).unwrap()
}

async fn client_serving(name: &str) -> (Client, common::Fixed) {
    let server = serve(200, "application/json", fixture(name)).await;
    (client_for(&server.url), server)
}

#[tokio::test]
async fn check_voucher_sample() {
    let (c, server) = client_serving("check_voucher.json").await;
    let v = c.check_voucher(&tid("210N66027HB789")).await.unwrap();
    assert_eq!(v.tid.as_str(), "19B86602A1399N7");
    assert_eq!(v.created_at, Some(Timestamp(1_414_912_921)));
    assert_eq!(v.expires_at, Some(Timestamp(1_714_912_921)));
    assert_eq!(
        (v.count(), v.voucher_redeemed, v.redeemed_count()),
        (2, Some(1), 1)
    );
    // A JSON number keeps the digits it was sent with.
    assert_eq!(v.amount.to_string(), "0.00001000");
    assert_eq!(v.from.as_deref(), Some("Swiggy"));
    assert_eq!(v.title.as_deref(), Some("Congrats IPL Spinwheel winner"));
    assert_eq!(v.receiver_email.as_deref(), Some("dev@ninjapay.me"));
    assert_eq!(v.email_status, Some(EmailStatus::Success));
    assert!(v.unique_design && !v.revoked);
    assert_eq!(v.revoked_at, None);
    assert_eq!(
        v.voucher_static_url.as_deref(),
        Some("https://www.ninjapay.me/voucher/198660213997")
    );
    let [a, b] = &v.voucher_urls[..] else {
        panic!("two codes expected")
    };
    assert_eq!(a.code(), "7ee15185");
    assert_eq!(a.redeemed_by.as_deref(), Some("ninjatagUsername"));
    assert_eq!(
        a.redeemed_tid.as_ref().map(Tid::as_str),
        Some("128660213994")
    );
    assert_eq!(
        (a.redeemed_at, a.callback_status),
        (Some(Timestamp(2_014_912_928)), Some(201))
    );
    assert_eq!(b.code(), "39e11981h");
    assert!(!b.is_redeemed() && b.callback_status.is_none());
    assert_eq!(v.redeemed_value(), d("0.00001"));
    assert_eq!(v.outstanding_value(), d("0.00001"));
    assert!(!v.is_final());
    // The docs' example request: GET with the tid in the query and in a JSON body, x-api-key.
    let seen = &server.seen()[0];
    assert_eq!(
        (seen.method.as_str(), seen.path.as_str()),
        ("GET", "/lapi/v1/checkVoucher")
    );
    assert_eq!(seen.query, "tid=210N66027HB789");
    assert_eq!(seen.body, r#"{"tid":"210N66027HB789"}"#);
    assert_eq!(seen.headers["x-api-key"], common::INVOICE);
    assert!(seen.headers.get("authorization").is_none());
}

#[tokio::test]
async fn check_order_samples() {
    let (c, server) = client_serving("check_order_buy.json").await;
    let o = c.check_order(&tid("210N66027HB789")).await.unwrap();
    assert_eq!(o.order_type, OrderType::Buy);
    assert_eq!(o.asset.as_deref(), Some("BTC"));
    assert_eq!(o.amount.unwrap().to_string(), "100.00000000");
    assert_eq!(o.price, Some(d("47277.89")));
    assert_eq!(o.executed_price, Some(d("47277.89")));
    assert_eq!((o.fee, o.fee_percent), (Some(d("0.10")), Some(d("0.10"))));
    assert_eq!(o.filled_percent.unwrap().to_string(), "100.00");
    assert_eq!(o.total_received, Some(d("99.9")));
    assert_eq!(o.received_asset.as_deref(), Some("BTC"));
    assert_eq!(
        (o.total_paid, o.paid_asset.as_deref()),
        (Some(d("4727789")), Some("USDT"))
    );
    assert_eq!(o.note.as_deref(), Some("Plugin: Strike to US"));
    assert_eq!(o.executed_at, Some(Timestamp(1_714_912_921)));
    assert_eq!(o.state(), OrderState::Filled);
    assert_eq!(o.extra, Some(serde_json::json!([])));
    // `reveived_asset` (sic) comes back out under the corrected name for the interface.
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["received_asset"], "BTC");
    assert_eq!(json["amount"], "100.00000000");
    assert_eq!(server.seen()[0].path, "/tapi/v1/checkOrder");

    let (c, _s) = client_serving("check_order_sell.json").await;
    let o = c.check_order(&tid("210N66027HB789")).await.unwrap();
    assert_eq!(o.order_type, OrderType::Sell);
    assert_eq!(o.total_received, Some(d("4723061.211")));
    assert_eq!(o.received_asset.as_deref(), Some("USDT"));
    assert_eq!(o.paid_asset.as_deref(), Some("BTC"));
}

#[tokio::test]
async fn revoke_samples() {
    let (c, server) = client_serving("revoke_order.json").await;
    let r = c.revoke_order(&tid("2M106602N7789")).await.unwrap();
    assert_eq!(r.tid.as_str(), "19B8660NAN97");
    assert!(r.revoked);
    assert_eq!(r.revoked_at, Some(Timestamp(2_014_912_928)));
    assert_eq!(server.seen()[0].body, r#"{"tid":"2M106602N7789"}"#);

    let (c, _s) = client_serving("revoke_voucher.json").await;
    let r = c.revoke_voucher(&tid("19M86602AN139N97")).await.unwrap();
    assert!(r.revoked);
    assert_eq!(r.tid.as_str(), "19M86602AN139N97");
}

#[tokio::test]
async fn check_token_samples() {
    let (c, server) = client_serving("check_token_onramp.json").await;
    let t = c.check_token(&tid("21066027789")).await.unwrap();
    assert_eq!(t.token.as_ref().map(Tid::as_str), Some("198660213997"));
    assert_eq!(t.widget_mode, Some(WidgetMode::Onramp));
    assert_eq!(t.details.amount, Some(d("1.10771927")));
    assert_eq!(t.details.status, PaymentStatus::Undefined);
    assert_eq!(t.details.customer_name, None);
    assert_eq!(t.details.fiat_value, Some(d("2000.22")));
    assert_eq!(t.details.callback_status, Some(201));
    assert_eq!(
        t.details.hosted_checkout_expiry,
        Some(Timestamp(1_814_912_992))
    );
    let inv = t.details.lightning_invoice.as_ref().unwrap();
    assert_eq!(inv.lightning_invoice_type.as_deref(), Some("invoice"));
    assert!(inv.payreq.as_deref().unwrap().starts_with("lnbc193620n1"));
    assert_eq!(t.details.extra.as_ref().unwrap()["name"], "nakamoto");
    // The docs' example: prod host, Authorization header, numeric tid in the body.
    let seen = &server.seen()[0];
    assert_eq!(seen.path, "/lapi/v1/checkVoucher");
    assert_eq!(seen.body, r#"{"tid":21066027789}"#);
    assert_eq!(seen.headers["authorization"], common::INVOICE);
    assert!(seen.headers.get("x-api-key").is_none());

    let (c, _s) = client_serving("check_token_offramp.json").await;
    let t = c.check_token(&tid("210660277897")).await.unwrap();
    assert_eq!(t.tid.as_ref().map(Tid::as_str), Some("210660277897"));
    assert_eq!(t.token, None);
    assert_eq!(t.details.amount, Some(d("-0.19362077")));
    assert_eq!(t.details.status, PaymentStatus::Paid);
    assert_eq!(t.details.customer_name.as_deref(), Some("Satoshi Nakamoto"));
    let fee = t.details.total_fee.unwrap();
    assert_eq!(fee.service_fee.as_deref(), Some("0.00000002 btc (0.1%)"));
}

#[tokio::test]
async fn payment_samples() {
    let (c, _s) = client_serving("receive.json").await;
    let req = ReceiveRequest {
        amount: d("0.00019362"),
        ..Default::default()
    };
    let p = c.receive(&req).await.unwrap();
    assert_eq!(p.tid.as_str(), "198A60SO23PN99N7");
    assert_eq!(p.details.status, PaymentStatus::Pending);
    assert_eq!(
        p.details.hosted_checkout_url.as_deref(),
        Some("https://checkout.ninjapay.me/198660213997")
    );
    assert!(p
        .details
        .uri
        .as_deref()
        .unwrap()
        .starts_with("lightning:lnbc"));
    assert_eq!(p.details.fiat_value, Some(d("4000.22")));
    assert_eq!(p.details.callback_status, None);

    let (c, _s) = client_serving("check_payment_receive.json").await;
    let p = c.check_payment(&tid("198A60SO23PN99N7")).await.unwrap();
    assert_eq!(p.details.amount.unwrap().to_string(), "1.10771927");
    assert_eq!(p.details.status, PaymentStatus::Undefined);
    assert_eq!(p.details.callback_status, Some(201));
    assert_eq!(p.details.order_id.as_deref(), Some("210"));
    assert_eq!(p.details.ttl, Some(10));
    assert_eq!(
        p.details.lightning_invoice.unwrap().expires_at,
        Some(Timestamp(1_714_912_921))
    );

    let (c, _s) = client_serving("check_payment_send.json").await;
    let p = c.check_payment(&tid("128390A389H2920")).await.unwrap();
    assert_eq!(p.details.amount, Some(d("-0.19362077")));
    assert_eq!(p.details.status, PaymentStatus::Paid);
    let inv = p.details.lightning_invoice.unwrap();
    assert_eq!(
        (inv.lightning_invoice_type.as_deref(), inv.expires_at),
        (Some("lnurl"), None)
    );
    assert_eq!(
        p.details.total_fee.unwrap().network_fee.as_deref(),
        Some("0.00008161 btc")
    );

    let (c, server) = client_serving("history.json").await;
    let h = c.history(2).await.unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].details.amount, Some(d("-0.19362077")));
    assert_eq!(server.seen()[0].query, "limit=2");
    assert_eq!(server.seen()[0].body, r#"{"limit":2}"#);
}

#[tokio::test]
async fn send_sample() {
    let (c, server) = client_serving("send.json").await;
    let req = SendRequest {
        payment_mode: "ninjatag".into(),
        ninjatag: Some("satoshi".into()),
        amount: Some(d("0.0018")),
        ..Default::default()
    };
    let r = c.send(&req).await.unwrap();
    assert_eq!(r.tid.as_str(), "128390A389H2920");
    assert_eq!(r.message.as_deref(), Some("Paid"));
    let seen = &server.seen()[0];
    assert_eq!(
        seen.headers["x-api-key"],
        common::ADMIN,
        "send needs the Admin key"
    );
    assert_eq!(
        seen.body,
        r#"{"payment_mode":"ninjatag","ninjatag":"satoshi","amount":"0.0018"}"#
    );
}

#[tokio::test]
async fn decode_sample() {
    let (c, server) = client_serving("decode.json").await;
    let inv = c.decode("lightning:lnbc213500n1p3sgfyrpp5vsy5xumnky24rvt3aty94d4srrwy2rhp94yqzwu6er5x9eymh2zsdqawdsk6urvv40kgetnvdexjur5d9hkucqzpg").await.unwrap();
    assert_eq!(inv.amount.unwrap().to_string(), "0.00021350");
    assert_eq!(inv.expires_at, Some(Timestamp(1_678_879_347)));
    assert_eq!(inv.network.as_deref(), Some("lightning"));
    assert_eq!(
        inv.payment_hash.as_deref(),
        Some("6409437373b115518db15ec85ab5b018dc8a0ee12d4809bb9ac8e8632e4bba85")
    );
    assert!(inv.description_hash.is_some() && inv.payment_secret.is_some() && inv.payee.is_some());
    assert!(
        server.seen()[0]
            .body
            .starts_with(r#"{"payreq":"lnbc213500n1"#),
        "the lightning: prefix is dropped"
    );
}

#[tokio::test]
async fn voucher_create_and_redeem_samples() {
    let (c, server) = client_serving("request_voucher.json").await;
    let req = VoucherRequest {
        amount: d("0.00001000"),
        voucher_count: 2,
        ..Default::default()
    };
    let v = c.request_voucher(&req).await.unwrap();
    assert_eq!(v.tid.as_str(), "19M86602AN139N97");
    assert_eq!(v.amount.to_string(), "0.00001000");
    assert_eq!(v.voucher_urls.len(), 2);
    assert_eq!(v.voucher_urls[1].code(), "39e11981h");
    assert_eq!(
        (v.redeemed_count(), v.outstanding_value()),
        (0, d("0.00002"))
    );
    assert_eq!(
        server.seen()[0].body,
        r#"{"amount":0.00001000,"voucher_count":2}"#
    );

    let (c, server) = client_serving("redeem_voucher.json").await;
    let req = RedeemRequest {
        voucher_code: "7ee15185".into(),
        redeem_mode: "ninjatag".into(),
        redeem_to: "ninjatagUsername".into(),
    };
    let r = c.redeem_voucher(&req).await.unwrap();
    assert!(r.redeemed);
    assert_eq!(
        r.redeemed_tid.as_ref().map(Tid::as_str),
        Some("128660213994")
    );
    assert_eq!(r.redeemed_at, Some(Timestamp(2_014_912_928)));
    assert_eq!(server.seen()[0].path, "/lapi/v1/redeemVoucher");
}

#[tokio::test]
async fn asset_balance_sample() {
    let (c, server) = client_serving("asset_balance.json").await;
    let b = c.asset_balance().await.unwrap();
    assert_eq!(b.balances.len(), 2);
    assert_eq!(b.balances["btc"].to_string(), "0.12000000");
    assert_eq!(b.balances["eth"], d("1.5"));
    assert_eq!(
        b.updated.as_deref(),
        Some("last updated at 2:42pm, 12Jan 24")
    );
    assert_eq!(server.seen()[0].body, "{}");
}

#[tokio::test]
async fn widget_and_bridge_samples() {
    let (c, _s) = client_serving("request_token.json").await;
    let req = TokenRequest {
        widget_mode: "onramp".into(),
        amount: d("0.001"),
        ..Default::default()
    };
    assert_eq!(
        c.request_token(&req).await.unwrap().token.as_str(),
        "198660213997"
    );

    let (c, _s) = client_serving("request_quote_id.json").await;
    let req = QuoteIdRequest {
        fiat_amount: d("1500"),
        payment_mode: "upi".into(),
        sending_asset: "btc".into(),
        receiver_upi_id: Some("merchant@okaxis".into()),
        receiver_ninjatag: None,
        refund_wallet: "lbtc".into(),
    };
    let q = c.request_quote_id(&req).await.unwrap();
    assert_eq!(q.quote_id, "9f86d081884c7d659a2feaa0c55ad015");
    assert_eq!(q.linked_upi_id.as_deref(), Some("merchant@okaxis"));

    let (c, _s) = client_serving("request_quote.json").await;
    let inv = c
        .request_quote(&QuoteRequest {
            quote_id: q.quote_id,
            callback_url: None,
        })
        .await
        .unwrap();
    assert_eq!(inv.tid.as_str(), "198660213997");
    assert_eq!(inv.sending_asset_amount.unwrap().to_string(), "0.00030000");
    assert_eq!(inv.fiat_amount, Some(d("1500")));
    assert_eq!(inv.onchain_address_network.as_deref(), Some("BTC"));

    let (c, _s) = client_serving("check_quote_a.json").await;
    let q = c.check_quote(&tid("21066027789")).await.unwrap();
    assert_eq!(q.status, QuoteStatus::Refunded);
    assert!(q.status.is_final());
    assert_eq!(q.invoice.sending_asset_amount, Some(d("17.65")));
    assert_eq!(q.refund_wallet.as_deref(), Some("usdt"));
    assert_eq!(q.invoice.receiver_ninjatag.as_deref(), Some("satoshi"));

    let (c, _s) = client_serving("check_quote_b.json").await;
    let q = c.check_quote(&tid("21066027789")).await.unwrap();
    assert_eq!(
        q.status,
        QuoteStatus::Success,
        "Completed is read as success"
    );
    assert_eq!(q.invoice.fiat_amount.unwrap().to_string(), "1500.50");
    assert_eq!(
        q.invoice.receiver_ninjatag.as_deref(),
        Some("satoshi"),
        "the other schema's `ninjatag`"
    );
    assert_eq!(q.payment_method.as_deref(), Some("lightning"));
}

#[tokio::test]
async fn the_error_table_sample() {
    let server = serve(400, "application/json", fixture("error_table.json")).await;
    let e = client_for(&server.url)
        .check_voucher(&tid("X"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "validation");
    assert_eq!(e.to_string(), "Ninjapay refused the request: Error details");
}

#[tokio::test]
async fn unknown_fields_are_kept_and_shown() {
    let body = r#"{"status":true,"data":{"tid":"T1","amount":"0.1","status":"paid","settled_by":"node-7","fee_msat":1200},"message":""}"#;
    let server = serve(200, "application/json", body.to_owned()).await;
    let p = client_for(&server.url)
        .check_payment(&tid("T1"))
        .await
        .unwrap();
    assert_eq!(p.details.other["settled_by"], "node-7");
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["settled_by"], "node-7");
    assert_eq!(
        json["fee_msat"], "1200",
        "numbers are kept as their exact text"
    );
}
