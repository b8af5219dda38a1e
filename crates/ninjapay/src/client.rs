//! The client: one `reqwest::Client`, one `call` that every endpoint goes through.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::endpoints::{self as ep, Effect, Endpoint, Host, Method};
use crate::error::Error;
use crate::ids::Tid;
use crate::key::{ApiKey, KeyKind};
use crate::models::*;
use crate::requests::*;
use crate::response::{self, Reply};
use crate::validate;

/// The real hosts.
pub const DEFAULT_API_URL: &str = "https://api.ninjapay.me";
/// The real hosts.
pub const DEFAULT_PROD_URL: &str = "https://prod.ninjapay.me";

/// How reads are retried. Writes are never retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, including the first (1 = no retry).
    pub max_attempts: u32,
    /// The first back-off; doubled each attempt, with jitter.
    pub base_delay: Duration,
    /// The longest back-off between two attempts.
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead (a
    /// rate-limit lock-out can last an hour).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// One attempt only.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The wait before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half
    /// fixed, half random) so many clients do not retry in step.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let cap = exp.min(self.max_delay);
        let half = cap / 2;
        half + half.mul_f64(rand::thread_rng().gen::<f64>())
    }
}

/// Sees every request just before it is sent (each attempt of a retried read too), and may
/// hold it back. Used to keep everything the app sends — the user's own actions and background
/// watches — inside one shared request budget (see `ninjapay-watch`).
pub trait RequestObserver: Send + Sync + fmt::Debug {
    /// Called before each attempt. An `Err` is returned to the caller as is and nothing is
    /// sent (typically [`Error::RateLimited`] with the wait, when sending would exceed a limit).
    fn before_request(&self, endpoint: &Endpoint) -> Result<(), Error>;
}

/// Builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    api_url: String,
    prod_url: String,
    invoice_key: Option<ApiKey>,
    admin_key: Option<ApiKey>,
    timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    observer: Option<Arc<dyn RequestObserver>>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            api_url: DEFAULT_API_URL.to_owned(),
            prod_url: DEFAULT_PROD_URL.to_owned(),
            invoice_key: None,
            admin_key: None,
            timeout: Duration::from_secs(30),
            user_agent: concat!("ninjapay-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            observer: None,
        }
    }
}

impl ClientBuilder {
    /// The `api` host's base URL (default `https://api.ninjapay.me`).
    pub fn api_url(mut self, url: impl Into<String>) -> Self {
        self.api_url = url.into();
        self
    }

    /// The `prod` host's base URL (default `https://prod.ninjapay.me`).
    pub fn prod_url(mut self, url: impl Into<String>) -> Self {
        self.prod_url = url.into();
        self
    }

    /// The Invoice key (receive and reads).
    pub fn invoice_key(mut self, key: ApiKey) -> Self {
        self.invoice_key = Some(key).filter(|k| !k.is_empty());
        self
    }

    /// The Admin key (everything, including moving money out).
    pub fn admin_key(mut self, key: ApiKey) -> Self {
        self.admin_key = Some(key).filter(|k| !k.is_empty());
        self
    }

    /// How long one request may take, connection included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// How reads are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Calls `observer` before every request attempt (see [`RequestObserver`]).
    pub fn observer(mut self, observer: Arc<dyn RequestObserver>) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Checks the URLs and builds the HTTP client.
    pub fn build(self) -> Result<Client, Error> {
        let api_url = base_url("api_url", &self.api_url)?;
        let prod_url = base_url("prod_url", &self.prod_url)?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| Error::Network {
                message: format!("Could not set up HTTPS: {e}"),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                api_url,
                prod_url,
                invoice_key: self.invoice_key,
                admin_key: self.admin_key,
                timeout: self.timeout,
                retry: self.retry,
                observer: self.observer,
            }),
        })
    }
}

fn base_url(field: &str, text: &str) -> Result<String, Error> {
    validate::http_url(field, text)?;
    Ok(text.trim().trim_end_matches('/').to_owned())
}

/// A Ninjapay client. Cheap to clone; clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    api_url: String,
    prod_url: String,
    invoice_key: Option<ApiKey>,
    admin_key: Option<ApiKey>,
    timeout: Duration,
    retry: RetryPolicy,
    observer: Option<Arc<dyn RequestObserver>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_url", &self.inner.api_url)
            .field("prod_url", &self.inner.prod_url)
            .field("invoice_key", &self.inner.invoice_key)
            .field("admin_key", &self.inner.admin_key)
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

/// A GET parameter: text, or digits to be sent as a JSON number (the prod host's tids).
#[derive(Debug)]
enum Param {
    Text(String),
    Number(String),
}

impl Param {
    fn tid(tid: &Tid, host: Host) -> Param {
        if host == Host::Prod && tid.is_numeric() {
            Param::Number(tid.to_string())
        } else {
            Param::Text(tid.to_string())
        }
    }

    fn text(&self) -> &str {
        match self {
            Param::Text(t) | Param::Number(t) => t,
        }
    }
}

/// What a request carries.
#[derive(Debug)]
enum Payload {
    /// GET parameters: sent in the query string *and* as the JSON body the docs show, since
    /// real servers may read either.
    Params(Vec<(&'static str, Param)>),
    /// A POST's JSON body.
    Body(Vec<u8>),
}

struct ParamsJson<'a>(&'a [(&'static str, Param)]);

impl Serialize for ParamsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            match v {
                Param::Text(t) => map.serialize_entry(k, t)?,
                Param::Number(n) => map.serialize_entry(k, &RawNumber(n))?,
            }
        }
        map.end()
    }
}

struct RawNumber<'a>(&'a str);

impl Serialize for RawNumber<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::de::raw_number(self.0, s)
    }
}

fn body_of(request: &impl Serialize) -> Result<Payload, Error> {
    serde_json::to_vec(request)
        .map(Payload::Body)
        .map_err(|e| Error::Validation {
            field: None,
            message: format!("The request could not be encoded: {e}"),
        })
}

impl Client {
    /// Starts a builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The `api` host's base URL.
    pub fn api_url(&self) -> &str {
        &self.inner.api_url
    }

    /// The `prod` host's base URL.
    pub fn prod_url(&self) -> &str {
        &self.inner.prod_url
    }

    /// Whether a key of this kind is configured.
    pub fn has_key(&self, kind: KeyKind) -> bool {
        match kind {
            KeyKind::Invoice => self.inner.invoice_key.is_some(),
            KeyKind::Admin => self.inner.admin_key.is_some(),
        }
    }

    /// The key an endpoint is sent with: the Admin key where required, else the Invoice key
    /// (falling back to the Admin key, which can do everything).
    fn key_for(&self, endpoint: &Endpoint) -> Result<&ApiKey, Error> {
        let inner = &self.inner;
        match endpoint.key {
            KeyKind::Admin => inner.admin_key.as_ref().ok_or_else(|| Error::AdminKeyRequired {
                message: format!(
                    "{} needs the Admin key; only an Invoice key is set up. Add the Admin key in Settings.",
                    endpoint.name
                ),
            }),
            KeyKind::Invoice => inner
                .invoice_key
                .as_ref()
                .or(inner.admin_key.as_ref())
                .ok_or_else(|| Error::Unauthorized {
                    message: "No API key is set up. Add your Invoice key in Settings.".to_owned(),
                }),
        }
    }

    /// Sends one endpoint's request and decodes its answer; reads are retried on transient
    /// failures, writes are sent exactly once.
    async fn call<T: DeserializeOwned>(
        &self,
        endpoint: &Endpoint,
        payload: Payload,
    ) -> Result<Reply<T>, Error> {
        let key = self.key_for(endpoint)?;
        let retry = self.inner.retry;
        let mut attempt = 1;
        loop {
            if let Some(observer) = &self.inner.observer {
                observer.before_request(endpoint)?;
            }
            let result = self.send_once(endpoint, key, &payload, attempt).await;
            let err = match result {
                Ok(reply) => return Ok(reply),
                Err(e) => self.redact(e),
            };
            let may_retry = endpoint.effect == Effect::Read
                && err.is_transient()
                && attempt < retry.max_attempts;
            if !may_retry {
                return Err(err);
            }
            let wait = match err.retry_after() {
                Some(wait) if wait > retry.max_retry_after => return Err(err),
                Some(wait) => wait,
                None => retry.backoff(attempt),
            };
            tracing::debug!(
                endpoint = endpoint.name,
                attempt,
                code = err.code(),
                ?wait,
                "retrying a read"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn send_once<T: DeserializeOwned>(
        &self,
        endpoint: &Endpoint,
        key: &ApiKey,
        payload: &Payload,
        attempt: u32,
    ) -> Result<Reply<T>, Error> {
        let base = match endpoint.host {
            Host::Api => &self.inner.api_url,
            Host::Prod => &self.inner.prod_url,
        };
        let url = format!("{base}{}", endpoint.path);
        let method = match endpoint.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut key_value = HeaderValue::from_str(key.expose()).map_err(|_| Error::Unauthorized {
            message: "The saved API key contains characters a key cannot have. Paste it again in Settings.".to_owned(),
        })?;
        // Marks the value so reqwest/hyper never print it.
        key_value.set_sensitive(true);
        let mut request = self
            .inner
            .http
            .request(method, &url)
            .header(endpoint.host.key_header(), key_value)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/json");
        request = match payload {
            Payload::Params(params) => {
                let query: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.text())).collect();
                let body =
                    serde_json::to_vec(&ParamsJson(params)).unwrap_or_else(|_| b"{}".to_vec());
                request.query(&query).body(body)
            }
            Payload::Body(body) => request.body(body.clone()),
        };
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(&e, endpoint))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = response
            .text()
            .await
            .map_err(|e| self.transport_error(&e, endpoint))?;
        tracing::debug!(
            endpoint = endpoint.name,
            path = endpoint.path,
            status,
            attempt,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "ninjapay answered"
        );
        response::read(status, retry_after, &text)
    }

    fn transport_error(&self, e: &reqwest::Error, endpoint: &Endpoint) -> Error {
        let host = match endpoint.host {
            Host::Api => &self.inner.api_url,
            Host::Prod => &self.inner.prod_url,
        };
        if e.is_timeout() {
            return Error::Timeout {
                message: format!(
                    "Ninjapay ({host}) did not answer within {} s",
                    self.inner.timeout.as_secs_f64()
                ),
            };
        }
        // The innermost cause says what happened ("Connection refused", "connection closed
        // before message completed"); reqwest's own text repeats the URL.
        let mut cause: &dyn std::error::Error = e;
        while let Some(next) = cause.source() {
            cause = next;
        }
        Error::Network {
            message: format!("Could not reach Ninjapay ({host}): {cause}"),
        }
    }

    /// Removes any configured key from an error's text, in case a server echoes it back.
    fn redact(&self, err: Error) -> Error {
        let keys: Vec<&str> = [&self.inner.invoice_key, &self.inner.admin_key]
            .into_iter()
            .flatten()
            .map(ApiKey::expose)
            .filter(|k| k.len() >= 4)
            .collect();
        if keys.iter().any(|k| err.to_string().contains(k)) {
            err.map_message(|m| keys.iter().fold(m, |m, k| m.replace(k, "<redacted>")))
        } else {
            err
        }
    }

    fn tid_params(tid: &Tid, host: Host) -> Payload {
        Payload::Params(vec![("tid", Param::tid(tid, host))])
    }

    // ----- Withdraw vouchers -------------------------------------------------------------

    /// Creates a batch of withdraw vouchers; debits amount × count (Admin key).
    pub async fn request_voucher(&self, request: &VoucherRequest) -> Result<Voucher, Error> {
        request.validate()?;
        let body = body_of(&request.normalized())?;
        Ok(self.call(&ep::REQUEST_VOUCHER, body).await?.data)
    }

    /// A voucher batch with every code's redeem details.
    pub async fn check_voucher(&self, tid: &Tid) -> Result<Voucher, Error> {
        Ok(self
            .call(&ep::CHECK_VOUCHER, Self::tid_params(tid, Host::Api))
            .await?
            .data)
    }

    /// Revokes a whole batch.
    pub async fn revoke_voucher(&self, tid: &Tid) -> Result<Revocation, Error> {
        Ok(self
            .call(&ep::REVOKE_VOUCHER, Self::tid_params(tid, Host::Api))
            .await?
            .data)
    }

    /// Pays one code out to a ninjatag or an invoice.
    pub async fn redeem_voucher(&self, request: &RedeemRequest) -> Result<Redemption, Error> {
        request.validate()?;
        let params = vec![
            (
                "voucher_code",
                Param::Text(request.voucher_code.trim().to_owned()),
            ),
            ("redeem_mode", Param::Text(request.redeem_mode.clone())),
            (
                "redeem_to",
                Param::Text(request.redeem_to.trim().to_owned()),
            ),
        ];
        Ok(self
            .call(&ep::REDEEM_VOUCHER, Payload::Params(params))
            .await?
            .data)
    }

    // ----- Spot trade ----------------------------------------------------------------------

    /// Balances per asset.
    pub async fn asset_balance(&self) -> Result<AssetBalances, Error> {
        #[derive(Deserialize)]
        struct Amount(#[serde(with = "crate::de::decimal")] Decimal);
        let reply: Reply<BTreeMap<String, Amount>> = self
            .call(&ep::ASSET_BALANCE, Payload::Params(Vec::new()))
            .await?;
        Ok(AssetBalances {
            balances: reply.data.into_iter().map(|(k, v)| (k, v.0)).collect(),
            updated: reply.message,
        })
    }

    /// A trade order.
    pub async fn check_order(&self, tid: &Tid) -> Result<Order, Error> {
        Ok(self
            .call(&ep::CHECK_ORDER, Self::tid_params(tid, Host::Api))
            .await?
            .data)
    }

    /// Revokes an open order.
    pub async fn revoke_order(&self, tid: &Tid) -> Result<Revocation, Error> {
        Ok(self
            .call(&ep::REVOKE_ORDER, Self::tid_params(tid, Host::Api))
            .await?
            .data)
    }

    // ----- Lightning wallet ----------------------------------------------------------------

    /// Wallet Info: the fields we can rely on plus the raw answer.
    pub async fn wallet_info(&self) -> Result<WalletInfo, Error> {
        let raw: Value = self
            .call(&ep::WALLET, Payload::Params(Vec::new()))
            .await?
            .data;
        let mut info =
            serde_path_to_error::deserialize::<_, WalletInfo>(&raw).unwrap_or(WalletInfo {
                balance: None,
                wallet: None,
                ninjatag: None,
                raw: Value::Null,
            });
        info.raw = raw;
        Ok(info)
    }

    /// Creates a payment request (a Lightning invoice with a hosted checkout page).
    pub async fn receive(&self, request: &ReceiveRequest) -> Result<Payment, Error> {
        request.validate()?;
        Ok(self.call(&ep::RECEIVE, body_of(request)?).await?.data)
    }

    /// A payment's current state.
    pub async fn check_payment(&self, tid: &Tid) -> Result<Payment, Error> {
        Ok(self
            .call(&ep::CHECK_PAYMENT, Self::tid_params(tid, Host::Api))
            .await?
            .data)
    }

    /// Pays out (Admin key). Sent exactly once: on a timeout or network error the payment may
    /// or may not have gone out, so check the history before trying again.
    pub async fn send(&self, request: &SendRequest) -> Result<SendReceipt, Error> {
        request.validate()?;
        let reply: Reply<SendReceipt> = self.call(&ep::SEND, body_of(request)?).await?;
        Ok(SendReceipt {
            message: reply.data.message.or(reply.message),
            ..reply.data
        })
    }

    /// The latest `limit` payments, newest first. The docs set no maximum; a server may return
    /// fewer than asked.
    pub async fn history(&self, limit: u32) -> Result<Vec<Payment>, Error> {
        if limit == 0 {
            return Err(Error::validation("limit", "limit must be at least 1"));
        }
        let params = vec![("limit", Param::Number(limit.to_string()))];
        Ok(self.call(&ep::HISTORY, Payload::Params(params)).await?.data)
    }

    /// What an invoice asks for: amount, description, expiry.
    pub async fn decode(&self, payreq: &str) -> Result<DecodedInvoice, Error> {
        validate::lightning_invoice("payreq", payreq)?;
        let payreq = payreq.trim();
        let payreq = payreq
            .strip_prefix("lightning:")
            .or_else(|| payreq.strip_prefix("LIGHTNING:"))
            .unwrap_or(payreq);
        let params = vec![("payreq", Param::Text(payreq.to_owned()))];
        Ok(self.call(&ep::DECODE, Payload::Params(params)).await?.data)
    }

    // ----- Widget ----------------------------------------------------------------------------

    /// Creates a widget token (Admin key).
    pub async fn request_token(&self, request: &TokenRequest) -> Result<TokenCreated, Error> {
        request.validate()?;
        Ok(self.call(&ep::REQUEST_TOKEN, body_of(request)?).await?.data)
    }

    /// A widget token's payment record (prod's `checkVoucher`).
    pub async fn check_token(&self, tid: &Tid) -> Result<TokenDetail, Error> {
        Ok(self
            .call(&ep::CHECK_TOKEN, Self::tid_params(tid, Host::Prod))
            .await?
            .data)
    }

    // ----- Fiat bridge -----------------------------------------------------------------------

    /// Step 1 of a BTC/USDT → INR payout: a quote id.
    pub async fn request_quote_id(
        &self,
        request: &QuoteIdRequest,
    ) -> Result<QuoteIdCreated, Error> {
        request.validate()?;
        Ok(self
            .call(&ep::REQUEST_QUOTE_ID, body_of(request)?)
            .await?
            .data)
    }

    /// Step 2: the invoice or address to pay for a quote.
    pub async fn request_quote(&self, request: &QuoteRequest) -> Result<QuoteInvoice, Error> {
        request.validate()?;
        Ok(self.call(&ep::REQUEST_QUOTE, body_of(request)?).await?.data)
    }

    /// A quote's state.
    pub async fn check_quote(&self, tid: &Tid) -> Result<Quote, Error> {
        Ok(self
            .call(&ep::CHECK_QUOTE, Self::tid_params(tid, Host::Prod))
            .await?
            .data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_retry_after: Duration::from_secs(1),
        };
        for _ in 0..50 {
            let d1 = p.backoff(1);
            assert!(
                d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100),
                "{d1:?}"
            );
            let d3 = p.backoff(3);
            assert!(
                d3 >= Duration::from_millis(150) && d3 <= Duration::from_millis(300),
                "{d3:?}"
            );
        }
    }

    #[test]
    fn bad_base_urls_are_refused_and_keys_stay_hidden() {
        let e = Client::builder()
            .api_url("api.ninjapay.me")
            .build()
            .unwrap_err();
        assert_eq!(e.field(), Some("api_url"));
        let c = Client::builder()
            .api_url("http://127.0.0.1:9/")
            .invoice_key(ApiKey::new("sandboxinvoicekey00000000000000000000001"))
            .build()
            .unwrap();
        assert_eq!(c.api_url(), "http://127.0.0.1:9");
        let debug = format!("{c:?}");
        assert!(!debug.contains("sandboxinvoicekey"), "{debug}");
        assert!(c.has_key(KeyKind::Invoice) && !c.has_key(KeyKind::Admin));
    }

    #[derive(Debug, Default)]
    struct Gate(std::sync::Mutex<Vec<&'static str>>);

    impl RequestObserver for Gate {
        fn before_request(&self, endpoint: &Endpoint) -> Result<(), Error> {
            self.0.lock().unwrap().push(endpoint.path);
            Err(Error::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
                message: "held back".into(),
            })
        }
    }

    #[tokio::test]
    async fn an_observer_sees_each_request_first_and_may_hold_it_back() {
        let gate = Arc::new(Gate::default());
        let c = Client::builder()
            .api_url("http://127.0.0.1:9")
            .invoice_key(ApiKey::new("sandboxinvoicekey00000000000000000000001"))
            .observer(gate.clone())
            .build()
            .unwrap();
        let e = c.history(5).await.unwrap_err();
        // Returned as is, not retried, nothing sent (port 9 would have failed differently).
        assert_eq!(
            (e.code(), e.to_string()),
            ("rate_limited", "held back".into())
        );
        assert_eq!(*gate.0.lock().unwrap(), vec!["/lapi/v1/history"]);
    }

    #[test]
    fn get_params_become_query_and_json_body() {
        let params = [
            (
                "tid",
                Param::tid(&Tid::parse("21066027789").unwrap(), Host::Prod),
            ),
            ("mode", Param::Text("x".into())),
        ];
        assert_eq!(
            serde_json::to_string(&ParamsJson(&params)).unwrap(),
            r#"{"tid":21066027789,"mode":"x"}"#
        );
        let api = [(
            "tid",
            Param::tid(&Tid::parse("21066027789").unwrap(), Host::Api),
        )];
        assert_eq!(
            serde_json::to_string(&ParamsJson(&api)).unwrap(),
            r#"{"tid":"21066027789"}"#
        );
    }
}
