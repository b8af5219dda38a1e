//! The client against hand-made servers that fail on purpose.

mod common;

use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{client_for, serve, serve_with, ADMIN, INVOICE};
use ninjapay::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn tid(s: &str) -> Tid {
    Tid::parse(s).unwrap()
}

fn a_send() -> SendRequest {
    SendRequest {
        payment_mode: "ninjatag".into(),
        ninjatag: Some("satoshi".into()),
        amount: Some(d("0.001")),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_failed_write_is_sent_exactly_once() {
    let server = serve(
        500,
        "application/json",
        r#"{"success":false,"message":"wallet locked"}"#.into(),
    )
    .await;
    let c = client_for(&server.url);
    let e = c.send(&a_send()).await.unwrap_err();
    // A 5xx after the request left says nothing about whether the payment went out.
    assert_eq!(e.code(), "outcome_unknown");
    assert!(e.outcome_unknown());
    assert_eq!(
        e.to_string(),
        "Ninjapay failed (HTTP 500): wallet locked — Ninjapay may have received this and \
         carried it out. Check before trying again."
    );
    assert_eq!(
        serde_json::to_value(&e).unwrap()["cause"],
        "server",
        "the UI can tell what happened underneath"
    );
    assert_eq!(server.seen().len(), 1, "a payment must never be retried");

    let voucher = VoucherRequest {
        amount: d("0.0001"),
        voucher_count: 1,
        ..Default::default()
    };
    let e = c.request_voucher(&voucher).await.unwrap_err();
    assert_eq!(e.code(), "outcome_unknown");
    let e = c.revoke_voucher(&tid("V1")).await.unwrap_err();
    assert_eq!(e.code(), "outcome_unknown");
    assert_eq!(
        server.seen().len(),
        3,
        "one request each for send, requestVoucher and revokeVoucher"
    );
}

#[tokio::test]
async fn a_failed_read_is_retried_then_reported() {
    let server = serve(503, "text/plain", "upstream busy".into()).await;
    let e = client_for(&server.url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "server");
    assert_eq!(e.to_string(), "Ninjapay failed (HTTP 503): upstream busy");
    assert_eq!(server.seen().len(), 3, "three attempts in all");
}

#[tokio::test]
async fn retry_after_is_honoured_when_short_and_reported_when_long() {
    let server = serve_with(
        429,
        "application/json",
        r#"{"message":"slow down"}"#.into(),
        vec![("retry-after", "1")],
    )
    .await;
    let c = Client::builder()
        .api_url(&server.url)
        .invoice_key(ApiKey::new(INVOICE))
        .retry(RetryPolicy {
            max_attempts: 2,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let e = c.check_order(&tid("O1")).await.unwrap_err();
    assert_eq!(e.code(), "rate_limited");
    assert_eq!(server.seen().len(), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited the Retry-After before retrying"
    );

    let server = serve_with(
        429,
        "application/json",
        r#"{"message":"locked for an hour"}"#.into(),
        vec![("retry-after", "3600")],
    )
    .await;
    let e = client_for(&server.url)
        .check_order(&tid("O1"))
        .await
        .unwrap_err();
    assert_eq!(e.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(
        e.to_string(),
        "Too many requests: Ninjapay asks to wait 3600 s (HTTP 429): locked for an hour"
    );
    assert_eq!(
        server.seen().len(),
        1,
        "an hour's lock-out is not waited for"
    );
}

#[tokio::test]
async fn server_messages_in_every_shape() {
    let cases: [(u16, &str, &str, &str, &str); 6] = [
        (400, "application/json", r#"{"status":false,"data":null,"message":"voucher_count must be between 1 and 100"}"#, "validation", "Ninjapay refused the request: voucher_count must be between 1 and 100"),
        (404, "application/json", r#"{"success":false,"message":"No voucher with tid V1"}"#, "not_found", "Not found (HTTP 404): No voucher with tid V1"),
        (401, "text/plain", "Unauthorized", "unauthorized", "Ninjapay did not accept the API key (HTTP 401): Unauthorized"),
        (403, "application/json", r#"{"success":false,"message":"Admin key required"}"#, "forbidden", "This key is not allowed to do that (HTTP 403): Admin key required"),
        (502, "text/html", "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>", "server", "Ninjapay failed (HTTP 502): 502 Bad Gateway"),
        (200, "application/json", r#"{"status":false,"data":null,"message":"Voucher already revoked"}"#, "validation", "Ninjapay refused the request: Voucher already revoked"),
    ];
    for (status, ctype, body, code, message) in cases {
        let server = serve(status, ctype, body.to_owned()).await;
        let e = client_for(&server.url)
            .check_voucher(&tid("V1"))
            .await
            .unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            (code, message),
            "HTTP {status}"
        );
        // A refusal of a write is a refusal: nothing was done, the same words are shown.
        if status < 500 {
            let e = client_for(&server.url)
                .revoke_voucher(&tid("V1"))
                .await
                .unwrap_err();
            assert_eq!((e.code(), e.to_string().as_str()), (code, message));
        }
    }
}

#[tokio::test]
async fn malformed_and_truncated_bodies_are_decode_errors() {
    let server = serve(
        200,
        "application/json",
        r#"{"status":true,"data":{"tid":"V1","amount":0.0001,"voucher_urls":[{"voucher_url"#.into(),
    )
    .await;
    let e = client_for(&server.url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "decode");
    assert!(e.to_string().contains("cut short"), "{e}");

    let server = serve(200, "application/json", "{status: true, data: ???}".into()).await;
    let e = client_for(&server.url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "decode");
    assert!(e.to_string().contains("not valid JSON"), "{e}");

    let server = serve(
        200,
        "application/json",
        r#"{"status":true,"data":{"tid":"V1","amount":"lots","voucher_urls":[]},"message":""}"#
            .into(),
    )
    .await;
    match client_for(&server.url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err()
    {
        Error::Decode { path, message } => {
            assert_eq!(path, "data.amount");
            assert!(message.contains("expected a decimal amount"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let server = serve(200, "application/json", r#"{"status":true,"data":{"tid":"V1","amount":1,"voucher_urls":[{"voucher_url":"u","redeemed_at":"soon"}]}}"#.into()).await;
    match client_for(&server.url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err()
    {
        Error::Decode { path, .. } => assert_eq!(path, "data.voucher_urls[0].redeemed_at"),
        other => panic!("{other:?}"),
    }
}

/// A server that accepts connections and then does `behaviour` with each.
async fn raw_server(behaviour: &'static str) -> (String, Arc<Mutex<usize>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut sock, _)) = listener.accept().await {
            *seen.lock().unwrap() += 1;
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            match behaviour {
                "hang" => held.push(sock),
                "drop" => drop(sock),
                "half" => {
                    let _ = sock
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"status\":true")
                        .await;
                    drop(sock);
                }
                _ => unreachable!(),
            }
        }
    });
    (url, count)
}

#[tokio::test]
async fn no_answer_is_a_timeout_and_a_write_still_goes_once() {
    let (url, count) = raw_server("hang").await;
    let c = Client::builder()
        .api_url(&url)
        .admin_key(ApiKey::new(ADMIN))
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let e = c.send(&a_send()).await.unwrap_err();
    assert_eq!(e.code(), "outcome_unknown");
    assert_eq!(serde_json::to_value(&e).unwrap()["cause"], "timeout");
    assert!(e.to_string().contains("did not answer within 0.3 s"), "{e}");
    assert!(e.to_string().contains("Check before trying again"), "{e}");
    assert_eq!(*count.lock().unwrap(), 1);
    // A read that times out is just a timeout.
    let e = c.check_payment(&tid("P1")).await.unwrap_err();
    assert_eq!(e.code(), "timeout");
}

#[tokio::test]
async fn dropped_connections_and_refusals_are_network_errors() {
    let (url, count) = raw_server("drop").await;
    let e = client_for(&url)
        .check_payment(&tid("P1"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "network");
    assert_eq!(
        *count.lock().unwrap(),
        3,
        "a read is retried after a dropped connection"
    );

    let (url, count) = raw_server("drop").await;
    let e = client_for(&url)
        .receive(&ReceiveRequest {
            amount: d("0.001"),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "outcome_unknown", "the request had left");
    assert_eq!(
        *count.lock().unwrap(),
        1,
        "a payment request is not retried"
    );

    let (url, _) = raw_server("half").await;
    let e = client_for(&url)
        .receive(&ReceiveRequest {
            amount: d("0.001"),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        "outcome_unknown",
        "a body cut off by the connection closing"
    );

    // Nothing listens on a port we just freed.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let e = client_for(&format!("http://127.0.0.1:{port}"))
        .wallet_info()
        .await
        .unwrap_err();
    assert_eq!(e.code(), "network");
    assert!(
        e.to_string().starts_with(&format!(
            "Could not reach Ninjapay (http://127.0.0.1:{port})"
        )),
        "{e}"
    );
    // A write that could not even connect sent nothing: a plain network error.
    let e = client_for(&format!("http://127.0.0.1:{port}"))
        .send(&a_send())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "network");
}

#[tokio::test]
async fn admin_endpoints_are_refused_locally_without_the_admin_key() {
    let server = serve(200, "application/json", "{}".into()).await;
    let c = Client::builder()
        .api_url(&server.url)
        .prod_url(&server.url)
        .invoice_key(ApiKey::new(INVOICE))
        .build()
        .unwrap();
    let e = c.send(&a_send()).await.unwrap_err();
    assert_eq!(e.code(), "admin_key_required");
    let e = c
        .request_voucher(&VoucherRequest {
            amount: d("0.0001"),
            voucher_count: 1,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "admin_key_required");
    let e = c
        .request_token(&TokenRequest {
            widget_mode: "onramp".into(),
            amount: d("0.001"),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.code(), "admin_key_required");
    assert!(
        e.to_string().contains("requestToken needs the Admin key"),
        "{e}"
    );
    assert!(server.seen().is_empty(), "nothing was sent");

    let none = Client::builder().api_url(&server.url).build().unwrap();
    assert_eq!(
        none.check_voucher(&tid("V1")).await.unwrap_err().code(),
        "unauthorized"
    );
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    let server = serve(200, "application/json", "{}".into()).await;
    let c = client_for(&server.url);
    let e = c
        .request_voucher(&VoucherRequest {
            amount: d("0.0001"),
            voucher_count: 101,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!((e.code(), e.field()), ("validation", Some("voucher_count")));
    let e = c.decode("not an invoice").await.unwrap_err();
    assert_eq!(e.field(), Some("payreq"));
    let e = c.history(0).await.unwrap_err();
    assert_eq!(e.field(), Some("limit"));
    let e = c
        .receive(&ReceiveRequest {
            amount: d("0.123456789"),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("amount"));
    assert!(server.seen().is_empty());
}

/// Collects everything the client logs.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn keys_never_appear_in_errors_debug_output_or_logs() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // A server that echoes the key back in its error message.
    let echo = format!(
        r#"{{"success":false,"message":"Invalid API key {INVOICE} for this host ({ADMIN})"}}"#
    );
    let server = serve(401, "application/json", echo).await;
    let c = client_for(&server.url);
    let mut texts = vec![format!("{c:?}")];
    for e in [
        c.check_voucher(&tid("V1")).await.unwrap_err(),
        c.send(&a_send()).await.unwrap_err(),
        c.check_token(&tid("1")).await.unwrap_err(),
    ] {
        assert_eq!(e.code(), "unauthorized");
        assert!(e.to_string().contains("<redacted>"), "{e}");
        texts.push(e.to_string());
        texts.push(format!("{e:?}"));
        texts.push(serde_json::to_string(&e).unwrap());
    }
    let (url, _) = raw_server("drop").await;
    let e = client_for(&url)
        .check_voucher(&tid("V1"))
        .await
        .unwrap_err();
    texts.push(format!("{e:?} {e}"));
    texts.push(String::from_utf8(logs.0.lock().unwrap().clone()).unwrap());
    assert!(
        texts.last().unwrap().contains("ninjapay answered"),
        "the client does log"
    );
    for text in &texts {
        assert!(
            !text.contains(INVOICE) && !text.contains(ADMIN),
            "a key leaked: {text}"
        );
    }
}
