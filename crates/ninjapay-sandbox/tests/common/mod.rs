//! Helpers shared by the HTTP tests: a frozen-clock sandbox and raw reqwest calls.
#![allow(dead_code)]

use ninjapay_sandbox::{start, Config, Sandbox};
use reqwest::Method;
use serde_json::Value;

#[allow(unused_imports)] // not every test file uses both
pub use ninjapay_sandbox::{ADMIN_KEY, INVOICE_KEY};

pub const START: i64 = 1_700_000_000;

/// A sandbox whose clock only moves when a test advances it (speed 0), so results are exact.
pub async fn sandbox() -> Sandbox {
    sandbox_with(Config::default()).await
}

pub async fn sandbox_with(config: Config) -> Sandbox {
    start(Config {
        speed: 0.0,
        start_time: Some(START),
        ..config
    })
    .await
    .expect("sandbox starts")
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    /// The envelope's data, asserting `status: true`.
    pub fn data(&self) -> Value {
        let v = self.json();
        assert_eq!(self.status, 200, "{}", self.text);
        assert_eq!(v["status"], true, "{}", self.text);
        v["data"].clone()
    }
    pub fn message(&self) -> String {
        self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

pub async fn raw(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, reqwest::Error> {
    let client = reqwest::Client::new();
    let mut req = client.request(method, url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(b) = body {
        req = req
            .header("content-type", "application/json")
            .body(b.to_string());
    }
    let resp = req.send().await?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await?;
    Ok(Reply {
        status,
        headers,
        text,
    })
}

/// An api-host call with `x-api-key`, the way the docs' examples send it.
pub async fn api(sb: &Sandbox, method: Method, path: &str, key: &str, body: Option<&str>) -> Reply {
    let url = format!("{}{}", sb.api_url(), path);
    raw(method, &url, &[("x-api-key", key)], body)
        .await
        .expect("request")
}

/// A prod-host call with `Authorization: <key>`.
pub async fn prod(
    sb: &Sandbox,
    method: Method,
    path: &str,
    key: &str,
    body: Option<&str>,
) -> Reply {
    let url = format!("{}{}", sb.prod_url(), path);
    raw(method, &url, &[("authorization", key)], body)
        .await
        .expect("request")
}

pub async fn balance(sb: &Sandbox) -> String {
    api(sb, Method::GET, "/lapi/v1/wallet", INVOICE_KEY, None)
        .await
        .data()["balance"]
        .as_str()
        .unwrap()
        .to_string()
}

pub async fn receive(sb: &Sandbox, body: &str) -> Value {
    api(
        sb,
        Method::POST,
        "/lapi/v1/receive",
        INVOICE_KEY,
        Some(body),
    )
    .await
    .data()
}
