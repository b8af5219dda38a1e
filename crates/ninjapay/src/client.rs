//! The client: one `reqwest::Client`, one `call` that every endpoint goes through.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE, LOCATION, RETRY_AFTER};

use crate::calls::{Call, Payload};
use crate::endpoints::{Effect, Endpoint, Host, Method};
use crate::error::Error;
use crate::key::{ApiKey, KeyKind};
use crate::response::{self, Reply};
use crate::validate;

/// The largest answer read (Ninjapay's biggest, a 100-code voucher batch, is about 40 KB).
/// A longer body is not read to the end, so a broken or hostile server cannot fill memory.
pub const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

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

    /// Checks the URLs (https, or http to this computer only) and builds the HTTP client.
    /// Redirects are never followed: the key and the request would go to whatever host a
    /// redirect names.
    pub fn build(self) -> Result<Client, Error> {
        let api_url = validate::base_url("api_url", &self.api_url)?;
        let prod_url = validate::base_url("prod_url", &self.prod_url)?;
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .user_agent(self.user_agent)
            .redirect(reqwest::redirect::Policy::none())
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

    /// The payload of one call's answer.
    pub(crate) async fn data<C: Call>(&self, call: &C) -> Result<C::Answer, Error> {
        Ok(self.call(call).await?.data)
    }

    /// Sends one endpoint's request and decodes its answer. Reads are retried on transient
    /// failures; writes are sent exactly once, and a write whose answer was lost comes back as
    /// [`Error::OutcomeUnknown`].
    pub(crate) async fn call<C: Call>(&self, call: &C) -> Result<Reply<C::Answer>, Error> {
        let endpoint = &C::ENDPOINT;
        let key = self.key_for(endpoint)?;
        let payload = call.payload()?;
        let retry = self.inner.retry;
        let mut attempt = 1;
        loop {
            if let Some(observer) = &self.inner.observer {
                observer.before_request(endpoint)?;
            }
            let failure = match self.send_once(endpoint, key, &payload, attempt).await {
                Ok(reply) => return Ok(reply),
                Err(f) => f,
            };
            let err = self.redact(failure.error);
            if endpoint.effect == Effect::Write {
                return Err(if failure.sent {
                    err.after_sending_a_write()
                } else {
                    err
                });
            }
            if !err.is_transient() || attempt >= retry.max_attempts {
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

    fn base(&self, host: Host) -> &str {
        match host {
            Host::Api => &self.inner.api_url,
            Host::Prod => &self.inner.prod_url,
        }
    }

    async fn send_once<T: serde::de::DeserializeOwned>(
        &self,
        endpoint: &Endpoint,
        key: &ApiKey,
        payload: &Payload,
        attempt: u32,
    ) -> Result<Reply<T>, Failure> {
        let url = format!("{}{}", self.base(endpoint.host), endpoint.path);
        let method = match endpoint.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut key_value = HeaderValue::from_str(key.expose()).map_err(|_| {
            Failure::unsent(Error::Unauthorized {
                message: "The saved API key contains characters a key cannot have. Paste it \
                          again in Settings."
                    .to_owned(),
            })
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
                request.query(&query).body(Payload::params_json(params))
            }
            Payload::Body(body) => request.body(body.clone()),
        };
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_failure(&e, endpoint))?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            return Err(Failure::sent(self.redirect_error(endpoint, &response)));
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = self.read_body(response, endpoint).await?;
        tracing::debug!(
            endpoint = endpoint.name,
            path = endpoint.path,
            status,
            attempt,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "ninjapay answered"
        );
        response::read(status, retry_after, &text).map_err(Failure::sent)
    }

    /// The body as text, read piece by piece up to [`MAX_ANSWER_BYTES`], with any configured
    /// key a server echoed back replaced before anything else looks at it.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        endpoint: &Endpoint,
    ) -> Result<String, Failure> {
        let too_large = || {
            Failure::sent(Error::Decode {
                path: String::new(),
                message: format!(
                    "Ninjapay's answer is larger than {} MiB; it was not read",
                    MAX_ANSWER_BYTES / (1024 * 1024)
                ),
            })
        };
        if response
            .content_length()
            .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_failure(&e, endpoint))?
        {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(self.redact_text(String::from_utf8_lossy(&body).into_owned()))
    }

    /// A 3xx answer: never followed. Names the host it pointed to.
    fn redirect_error(&self, endpoint: &Endpoint, response: &reqwest::Response) -> Error {
        let status = response.status().as_u16();
        let host_of = |u: &url::Url| u.host_str().map(str::to_owned);
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|l| response.url().join(l).ok());
        let from = host_of(response.url()).unwrap_or_else(|| self.base(endpoint.host).to_owned());
        let to = location.as_ref().and_then(host_of);
        let message = match &to {
            Some(to) => format!(
                "Ninjapay ({from}) answered with a redirect to {to} (HTTP {status}) instead of an \
                 answer. Redirects are never followed, so nothing was sent to {to}. If Ninjapay \
                 has moved, check the API address."
            ),
            None => format!(
                "Ninjapay ({from}) answered with a redirect (HTTP {status}) instead of an answer. \
                 Redirects are never followed, so nothing was sent anywhere else."
            ),
        };
        Error::Redirect {
            status,
            location: to,
            message,
        }
    }

    fn transport_failure(&self, e: &reqwest::Error, endpoint: &Endpoint) -> Failure {
        let host = self.base(endpoint.host);
        // A failure while connecting (refused, DNS, TLS, connect timeout) sent nothing.
        let sent = !e.is_connect();
        let error = if e.is_timeout() {
            Error::Timeout {
                message: format!(
                    "Ninjapay ({host}) did not answer within {} s",
                    self.inner.timeout.as_secs_f64()
                ),
            }
        } else {
            // The innermost cause says what happened ("Connection refused", "connection closed
            // before message completed"); reqwest's own text repeats the URL.
            let mut cause: &dyn std::error::Error = e;
            while let Some(next) = cause.source() {
                cause = next;
            }
            Error::Network {
                message: format!("Could not reach Ninjapay ({host}): {cause}"),
            }
        };
        Failure { error, sent }
    }

    fn keys(&self) -> Vec<&str> {
        [&self.inner.invoice_key, &self.inner.admin_key]
            .into_iter()
            .flatten()
            .map(ApiKey::expose)
            .filter(|k| k.len() >= 4)
            .collect()
    }

    /// Removes any configured key from a server's answer, before it is parsed or shortened
    /// into an error message (so no part of an echoed key can survive a cut).
    fn redact_text(&self, text: String) -> String {
        let keys = self.keys();
        if keys.iter().any(|k| text.contains(k)) {
            keys.iter().fold(text, |t, k| t.replace(k, "<redacted>"))
        } else {
            text
        }
    }

    /// Removes any configured key from an error's text (transport errors name URLs only, but
    /// a proxy's message could quote anything).
    fn redact(&self, err: Error) -> Error {
        let keys = self.keys();
        if keys.iter().any(|k| err.to_string().contains(k)) {
            err.map_message(|m| keys.iter().fold(m, |m, k| m.replace(k, "<redacted>")))
        } else {
            err
        }
    }
}

/// A failed attempt, and whether the request had left when it failed.
struct Failure {
    error: Error,
    sent: bool,
}

impl Failure {
    fn sent(error: Error) -> Failure {
        Failure { error, sent: true }
    }

    fn unsent(error: Error) -> Failure {
        Failure { error, sent: false }
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
}
