//! Every endpoint through the client against the sandbox, for success and for each error class.

mod common;

use std::str::FromStr;
use std::time::Duration;

use ninjapay::*;
use ninjapay_sandbox::{Config, Fault, Sandbox};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn tid(s: &str) -> Tid {
    Tid::parse(s).unwrap()
}

async fn sandbox() -> Sandbox {
    ninjapay_sandbox::start(Config::default()).await.unwrap()
}

fn client(sb: &Sandbox) -> Client {
    keyed(
        sb,
        Some(ninjapay_sandbox::INVOICE_KEY),
        Some(ninjapay_sandbox::ADMIN_KEY),
    )
}

fn keyed(sb: &Sandbox, invoice: Option<&str>, admin: Option<&str>) -> Client {
    let mut b = Client::builder()
        .api_url(sb.api_url())
        .prod_url(sb.prod_url())
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(2),
        });
    if let Some(k) = invoice {
        b = b.invoice_key(ApiKey::new(k));
    }
    if let Some(k) = admin {
        b = b.admin_key(ApiKey::new(k));
    }
    b.build().unwrap()
}

#[tokio::test]
async fn the_docs_example_tids_are_seeded() {
    let sb = sandbox().await;
    let c = client(&sb);
    let v = c.check_voucher(&tid("210N66027HB789")).await.unwrap();
    assert_eq!(v.title.as_deref(), Some("Congrats IPL Spinwheel winner"));
    assert_eq!(v.from.as_deref(), Some("Swiggy"));
    assert_eq!(v.count(), 2);
    let o = c.check_order(&tid("210N66027HB789")).await.unwrap();
    assert_eq!(o.tid.as_str(), "210N66027HB789");
    let r = c.revoke_order(&tid("2M106602N7789")).await.unwrap();
    assert!(r.revoked);
    let t = c.check_token(&tid("21066027789")).await.unwrap();
    assert_eq!(
        t.token.as_ref().or(t.tid.as_ref()).map(Tid::as_str),
        Some("21066027789")
    );
    let q = c.check_quote(&tid("21066027789")).await.unwrap();
    assert_eq!(q.invoice.tid.as_str(), "21066027789");
}

#[tokio::test]
async fn a_voucher_batch_from_creation_to_revocation() {
    let sb = sandbox().await;
    let c = client(&sb);
    let before = c.wallet_info().await.unwrap();
    let req = VoucherRequest {
        amount: d("0.00010000"),
        voucher_count: 5,
        title: Some("Diwali bonus".into()),
        from: Some("Chai Point".into()),
        expiry: Some(60),
        callback_url: Some("https://example.com/hook".into()),
        ..Default::default()
    };
    let v = c.request_voucher(&req).await.unwrap();
    assert_eq!(v.count(), 5);
    assert_eq!(v.amount, d("0.0001"));
    assert_eq!(v.voucher_urls.len(), 5);
    assert!(v
        .voucher_static_url
        .as_deref()
        .unwrap()
        .starts_with("https://www.ninjapay.me/voucher/"));
    let after = c.wallet_info().await.unwrap();
    assert_eq!(
        before.balance.unwrap() - after.balance.unwrap(),
        d("0.0005"),
        "amount × count debited"
    );

    // Redeem one code by hand.
    let code = v.voucher_urls[0].code().to_owned();
    let r = c
        .redeem_voucher(&RedeemRequest {
            voucher_code: code.clone(),
            redeem_mode: "ninjatag".into(),
            redeem_to: "@accountant".into(),
        })
        .await
        .unwrap();
    assert!(r.redeemed);
    let again = c
        .redeem_voucher(&RedeemRequest {
            voucher_code: code.clone(),
            redeem_mode: "ninjatag".into(),
            redeem_to: "@accountant".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(again.code(), "validation", "a code redeems once: {again}");

    let checked = c.check_voucher(&v.tid).await.unwrap();
    let mine = checked
        .voucher_urls
        .iter()
        .find(|u| u.code() == code)
        .unwrap();
    assert!(mine.redeemed_at.is_some() && mine.redeemed_tid.is_some());
    assert!(mine.redeemed_by.as_deref().unwrap().contains("accountant"));

    // Simulated customers redeem more as time passes.
    sb.advance(Duration::from_secs(25 * 60));
    let later = c.check_voucher(&v.tid).await.unwrap();
    assert!(
        later.redeemed_count() > 1,
        "customers redeemed some codes over 25 minutes"
    );
    assert_eq!(
        later.redeemed_value() + later.outstanding_value(),
        d("0.0005")
    );

    let rv = c.revoke_voucher(&v.tid).await.unwrap();
    assert!(rv.revoked);
    let gone = c.check_voucher(&v.tid).await.unwrap();
    assert!(gone.revoked && gone.is_final());
    assert_eq!(gone.outstanding_value(), Decimal::ZERO);
    assert_eq!(
        c.revoke_voucher(&v.tid).await.unwrap_err().code(),
        "validation",
        "revoked twice"
    );
}

#[tokio::test]
async fn lightning_receive_check_history_decode_send() {
    let sb = sandbox().await;
    let c = client(&sb);
    let p = c
        .receive(&ReceiveRequest {
            amount: d("0.00050000"),
            description: Some("Table 4".into()),
            fiat_value: Some(d("2500")),
            fiat_currency: Some("INR".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(p.details.status, PaymentStatus::Pending);
    assert_eq!(p.details.amount, Some(d("0.0005")));
    let payreq = p
        .details
        .lightning_invoice
        .as_ref()
        .unwrap()
        .payreq
        .clone()
        .unwrap();
    assert!(p.details.uri.as_deref().unwrap().ends_with(&payreq));
    assert!(p
        .details
        .hosted_checkout_url
        .as_deref()
        .unwrap()
        .starts_with("https://checkout.ninjapay.me/"));

    let decoded = c.decode(&payreq).await.unwrap();
    assert_eq!(decoded.amount, Some(d("0.0005")));
    assert_eq!(decoded.description.as_deref(), Some("Table 4"));

    let checked = c.check_payment(&p.tid).await.unwrap();
    assert_eq!(checked.tid, p.tid);
    let history = c.history(10).await.unwrap();
    assert!(history.iter().any(|h| h.tid == p.tid));

    // It turns final as the sandbox clock moves (paid, declined or expired).
    sb.advance(Duration::from_secs(15 * 60));
    let final_state = c.check_payment(&p.tid).await.unwrap().details.status;
    assert!(final_state.is_final(), "{final_state:?}");

    // A test (or the UI's end-to-end run) can force the outcome.
    let forced = c
        .receive(&ReceiveRequest {
            amount: d("0.0001"),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(sb.settle(forced.tid.as_str(), "paid"));
    assert_eq!(
        c.check_payment(&forced.tid).await.unwrap().details.status,
        PaymentStatus::Paid
    );

    let receipt = c
        .send(&SendRequest {
            payment_mode: "ninjatag".into(),
            ninjatag: Some("@supplier".into()),
            amount: Some(d("0.0001")),
            ..Default::default()
        })
        .await
        .unwrap();
    let sent = c.check_payment(&receipt.tid).await.unwrap();
    assert!(
        sent.details.amount.unwrap() < Decimal::ZERO,
        "outgoing amounts are negative"
    );
}

#[tokio::test]
async fn trade_widget_and_bridge() {
    let sb = sandbox().await;
    let c = client(&sb);
    let balances = c.asset_balance().await.unwrap();
    assert!(balances.balances.contains_key("lbtc"));

    let token = c
        .request_token(&TokenRequest {
            widget_mode: "onramp".into(),
            amount: d("0.001"),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(token.token.is_numeric());
    let detail = c.check_token(&token.token).await.unwrap();
    assert_eq!(detail.widget_mode, Some(WidgetMode::Onramp));

    let qid = c
        .request_quote_id(&QuoteIdRequest {
            fiat_amount: d("1500"),
            payment_mode: "upi".into(),
            sending_asset: "btc".into(),
            receiver_upi_id: Some("kirana@okaxis".into()),
            receiver_ninjatag: None,
            refund_wallet: "lbtc".into(),
        })
        .await
        .unwrap();
    assert_eq!(qid.quote_id.len(), 32);
    let inv = c
        .request_quote(&QuoteRequest {
            quote_id: qid.quote_id.clone(),
            callback_url: None,
        })
        .await
        .unwrap();
    assert_eq!(inv.fiat_amount, Some(d("1500")));
    assert!(inv.sending_asset_amount.unwrap() > Decimal::ZERO);
    assert!(inv.lightning_invoice.as_deref().unwrap().starts_with("ln"));
    let q = c.check_quote(&inv.tid).await.unwrap();
    assert_eq!(q.status, QuoteStatus::Pending);
    sb.advance(Duration::from_secs(20 * 60));
    let q = c.check_quote(&inv.tid).await.unwrap();
    assert!(q.status.is_final(), "{:?}", q.status);

    let reused = c
        .request_quote(&QuoteRequest {
            quote_id: qid.quote_id,
            callback_url: None,
        })
        .await
        .unwrap_err();
    assert_eq!(reused.code(), "validation");
}

#[tokio::test]
async fn key_errors() {
    let sb = sandbox().await;
    let wrong = keyed(
        &sb,
        Some("wrongkey0000000000000000000000000000000000"),
        None,
    );
    let e = wrong
        .check_voucher(&tid("210N66027HB789"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "unauthorized");
    assert_eq!(
        wrong
            .check_quote(&tid("21066027789"))
            .await
            .unwrap_err()
            .code(),
        "unauthorized",
        "prod host too"
    );
    // An Invoice key put where the Admin key belongs: the server says 403.
    let mixed = keyed(&sb, None, Some(ninjapay_sandbox::INVOICE_KEY));
    let e = mixed
        .request_voucher(&VoucherRequest {
            amount: d("0.0001"),
            voucher_count: 1,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = mixed
        .request_token(&TokenRequest {
            widget_mode: "offramp".into(),
            amount: d("0.0001"),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    // Only an Invoice key: refused before sending.
    let invoice_only = keyed(&sb, Some(ninjapay_sandbox::INVOICE_KEY), None);
    let n = sb.request_count("/lapi/v1/send");
    let e = invoice_only
        .send(&SendRequest {
            payment_mode: "ninjatag".into(),
            ninjatag: Some("x_y".into()),
            amount: Some(d("0.001")),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "admin_key_required");
    assert_eq!(sb.request_count("/lapi/v1/send"), n);
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let sb = sandbox().await;
    let c = client(&sb);
    assert_eq!(
        c.check_voucher(&tid("NOSUCH0000"))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        c.check_order(&tid("NOSUCH0000")).await.unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        c.check_payment(&tid("NOSUCH0000"))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        c.check_token(&tid("999999999999"))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        c.check_quote(&tid("999999999999"))
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[tokio::test]
async fn a_500_on_a_post_is_sent_once_and_a_read_is_retried() {
    let sb = sandbox().await;
    let c = client(&sb);
    sb.inject(Fault::Status {
        status: 500,
        count: 1,
    });
    let e = c
        .send(&SendRequest {
            payment_mode: "ninjatag".into(),
            ninjatag: Some("supplier".into()),
            amount: Some(d("0.0001")),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        "outcome_unknown",
        "a 5xx after sending: maybe paid"
    );
    assert_eq!(
        sb.request_count("/lapi/v1/send"),
        1,
        "the sandbox saw exactly one send"
    );

    sb.inject(Fault::Status {
        status: 500,
        count: 2,
    });
    let v = c.check_voucher(&tid("210N66027HB789")).await.unwrap();
    assert_eq!(v.count(), 2);
    assert_eq!(
        sb.request_count("/lapi/v1/checkVoucher"),
        3,
        "two failures, then success"
    );
}

#[tokio::test]
async fn faults_become_the_right_errors() {
    let sb = sandbox().await;
    let c = keyed(
        &sb,
        Some(ninjapay_sandbox::INVOICE_KEY),
        Some(ninjapay_sandbox::ADMIN_KEY),
    );
    let no_retry = Client::builder()
        .api_url(sb.api_url())
        .prod_url(sb.prod_url())
        .invoice_key(ApiKey::new(ninjapay_sandbox::INVOICE_KEY))
        .timeout(Duration::from_millis(400))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let voucher = tid("210N66027HB789");

    sb.inject(Fault::MalformedJson { count: 3 });
    assert_eq!(
        c.check_voucher(&voucher).await.unwrap_err().code(),
        "decode"
    );
    sb.clear_faults();
    sb.inject(Fault::TruncatedJson { count: 1 });
    let e = c.check_voucher(&voucher).await.unwrap_err();
    assert_eq!(e.code(), "decode");
    sb.inject(Fault::HtmlError { count: 3 });
    let e = c.check_voucher(&voucher).await.unwrap_err();
    assert_eq!(e.code(), "server");
    assert!(e.to_string().contains("Bad Gateway"), "{e}");
    sb.clear_faults();
    sb.inject(Fault::DropConnection { count: 3 });
    assert_eq!(
        c.check_voucher(&voucher).await.unwrap_err().code(),
        "network"
    );
    sb.clear_faults();
    sb.inject(Fault::Latency { ms: 1500 });
    assert_eq!(
        no_retry.check_voucher(&voucher).await.unwrap_err().code(),
        "timeout"
    );
    sb.clear_faults();
    assert_eq!(
        c.check_voucher(&voucher).await.unwrap().count(),
        2,
        "healthy again"
    );
}

#[tokio::test]
async fn the_receive_rate_limit_answers_429_with_retry_after() {
    let sb = sandbox().await;
    let c = client(&sb);
    let req = ReceiveRequest {
        amount: d("0.00001"),
        ..Default::default()
    };
    let mut limited = None;
    for i in 0..160 {
        match c.receive(&req).await {
            Ok(_) => {}
            Err(e) => {
                limited = Some((i, e));
                break;
            }
        }
    }
    let (i, e) = limited.expect("the 151st payment request in a minute is refused");
    assert_eq!(i, 150);
    assert_eq!(e.code(), "rate_limited");
    assert!(e.retry_after().is_some_and(|d| d > Duration::ZERO), "{e:?}");
    assert_eq!(
        sb.request_count("/lapi/v1/receive"),
        151,
        "a refused write is not retried"
    );
    // The lock-out lasts a minute of sandbox time.
    sb.advance(Duration::from_secs(61));
    c.receive(&req).await.unwrap();
}
