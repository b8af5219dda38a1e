//! A hand-made server that answers every request with one fixed response, and remembers what
//! it was asked: for fixtures and for failures the sandbox does not produce.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use ninjapay::{ApiKey, Client, RetryPolicy};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: String,
}

pub struct Fixed {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fixed {
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Serves `body` with `status` and `content_type` to every request.
pub async fn serve(status: u16, content_type: &'static str, body: String) -> Fixed {
    serve_with(status, content_type, body, Vec::new()).await
}

pub async fn serve_with(
    status: u16,
    content_type: &'static str,
    body: String,
    extra_headers: Vec<(&'static str, &'static str)>,
) -> Fixed {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let handler = move |method: Method, uri: Uri, headers: HeaderMap, req_body: Bytes| {
        let log = log.clone();
        let body = body.clone();
        let extra = extra_headers.clone();
        async move {
            log.lock().unwrap().push(Seen {
                method: method.to_string(),
                path: uri.path().to_owned(),
                query: uri.query().unwrap_or_default().to_owned(),
                headers,
                body: String::from_utf8_lossy(&req_body).into_owned(),
            });
            let mut resp = (
                StatusCode::from_u16(status).unwrap(),
                [("content-type", content_type)],
                body,
            )
                .into_response();
            for (k, v) in extra {
                resp.headers_mut().insert(k, v.parse().unwrap());
            }
            resp
        }
    };
    let app = axum::Router::new().fallback(handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Fixed { url, seen }
}

/// A fixture file's text.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub const INVOICE: &str = "sandboxinvoicekey00000000000000000000001";
pub const ADMIN: &str = "sandboxadminkey0000000000000000000000002";

/// A client whose both hosts point at `url`, with both keys and quick retries.
pub fn client_for(url: &str) -> Client {
    Client::builder()
        .api_url(url)
        .prod_url(url)
        .invoice_key(ApiKey::new(INVOICE))
        .admin_key(ApiKey::new(ADMIN))
        .timeout(std::time::Duration::from_secs(5))
        .retry(RetryPolicy {
            max_attempts: 3,
            base_delay: std::time::Duration::from_millis(10),
            max_delay: std::time::Duration::from_millis(50),
            max_retry_after: std::time::Duration::from_secs(2),
        })
        .build()
        .unwrap()
}
