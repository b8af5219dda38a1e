//! Helpers shared by the HTTP tests: a frozen-clock sandbox ([`rig`]) and calls that carry the
//! right key in the right header ([`Rig::get`], [`Rig::post`], [`Rig::prod_get`], …), plus raw
//! reqwest calls for the tests about keys themselves.
#![allow(dead_code)] // not every test file uses every helper

use std::ops::Deref;

use ninjapay_sandbox::{start, Config, Sandbox};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::Value;

pub use ninjapay_sandbox::{ADMIN_KEY, INVOICE_KEY};

pub const START: i64 = 1_700_000_000;

/// A running sandbox whose clock only moves when a test advances it (speed 0, starting at
/// [`START`]), so results are exact. Derefs to the [`Sandbox`].
#[derive(Debug)]
pub struct Rig {
    pub sb: Sandbox,
}

impl Deref for Rig {
    type Target = Sandbox;
    fn deref(&self) -> &Sandbox {
        &self.sb
    }
}

/// A frozen-clock sandbox with the default config.
pub async fn rig() -> Rig {
    rig_with(Config::default()).await
}

/// A frozen-clock sandbox with `config` (its `speed` and `start_time` are overridden).
pub async fn rig_with(config: Config) -> Rig {
    let sb = start(Config {
        speed: 0.0,
        start_time: Some(START),
        ..config
    })
    .await
    .expect("sandbox starts");
    Rig { sb }
}

/// The key the docs' permission table asks for: Admin to move money out, Invoice otherwise.
fn key_for(path: &str) -> &'static str {
    let path = path.split('?').next().unwrap_or(path);
    if [
        "/lapi/v1/send",
        "/lapi/v1/requestVoucher",
        "/lapi/v1/requestToken",
    ]
    .contains(&path)
    {
        ADMIN_KEY
    } else {
        INVOICE_KEY
    }
}

fn some(body: &str) -> Option<&str> {
    (!body.is_empty()).then_some(body)
}

impl Rig {
    /// GET on the api host (`x-api-key`), with `body` as the JSON body the docs' examples
    /// send (`""`: no body; parameters may then be in the path's query).
    pub async fn get(&self, path: &str, body: &str) -> Reply {
        api(&self.sb, Method::GET, path, key_for(path), some(body)).await
    }

    /// POST on the api host (`x-api-key`).
    pub async fn post(&self, path: &str, body: &str) -> Reply {
        api(&self.sb, Method::POST, path, key_for(path), some(body)).await
    }

    /// GET on the prod host (`Authorization`).
    pub async fn prod_get(&self, path: &str, body: &str) -> Reply {
        prod(&self.sb, Method::GET, path, key_for(path), some(body)).await
    }

    /// POST on the prod host (`Authorization`).
    pub async fn prod_post(&self, path: &str, body: &str) -> Reply {
        prod(&self.sb, Method::POST, path, key_for(path), some(body)).await
    }

    /// An admin route (`/_sandbox/…`) on the api listener, no key.
    pub async fn admin(&self, method: Method, path: &str, body: &str) -> Reply {
        let url = format!("{}{}", self.sb.api_url(), path);
        raw(method, &url, &[], some(body)).await.expect("request")
    }

    /// Stops both listeners and waits (see [`Sandbox::shutdown`]).
    pub async fn shutdown(self) {
        self.sb.shutdown().await;
    }

    /// The wallet balance as the API shows it (`"0.05000000"`).
    pub async fn balance(&self) -> String {
        self.get("/lapi/v1/wallet", "").await.data()["balance"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// `GET /_sandbox/counts`: records of each kind, and the balance.
    pub async fn counts(&self) -> Value {
        let r = self.admin(Method::GET, "/_sandbox/counts", "").await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json()
    }

    /// A payment request; its record.
    pub async fn receive(&self, body: &str) -> Value {
        self.post("/lapi/v1/receive", body).await.data()
    }

    /// A payment request; its tid.
    pub async fn receive_tid(&self, body: &str) -> String {
        self.receive(body).await["tid"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// checkPayment (tid in the query); the record.
    pub async fn check_payment(&self, tid: &str) -> Value {
        self.get(&format!("/lapi/v1/checkPayment?tid={tid}"), "")
            .await
            .data()
    }
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
    /// A 200 prod-host answer: the bare body.
    pub fn bare(&self) -> Value {
        assert_eq!(self.status, 200, "{}", self.text);
        self.json()
    }
    pub fn message(&self) -> String {
        self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    /// Asserts the status and that the error message mentions `needle`.
    pub fn assert_err(&self, status: u16, needle: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        let msg = self.message();
        assert!(
            msg.contains(needle),
            "message {msg:?} should mention {needle:?}"
        );
    }
}

/// The `ninjapay-sandbox` binary, running until dropped.
#[derive(Debug)]
pub struct Binary {
    child: std::process::Child,
    /// The six lines it prints once both listeners are up.
    pub banner: Vec<String>,
    /// Its api host, from the banner.
    pub api_url: String,
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary with `args` and reads its whole banner (so it never writes to a closed
/// pipe).
pub fn binary(args: &[&str]) -> Binary {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ninjapay-sandbox"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let banner: Vec<String> = BufReader::new(stdout)
        .lines()
        .take(6)
        .map(|l| l.unwrap())
        .collect();
    let api_url = banner
        .get(1)
        .and_then(|l| l.rsplit(' ').next())
        .unwrap_or_default()
        .to_string();
    Binary {
        child,
        banner,
        api_url,
    }
}

/// A string amount as a decimal.
pub fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// One request, exactly as given; redirects are not followed (the test sees what the server
/// answered).
pub async fn raw(
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, reqwest::Error> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
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

/// An api-host call with `x-api-key: key`, the way the docs' examples send it.
pub async fn api(sb: &Sandbox, method: Method, path: &str, key: &str, body: Option<&str>) -> Reply {
    let url = format!("{}{}", sb.api_url(), path);
    raw(method, &url, &[("x-api-key", key)], body)
        .await
        .expect("request")
}

/// A prod-host call with `Authorization: key`.
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
