//! # ninjapay-sandbox — a stateful local Ninjapay
//!
//! A faithful stand-in for the Ninjapay HTTP API (see `ninjapay-api.md`) for demos, the app's
//! Sandbox mode and tests. **No real money**: nothing leaves the process. It is a stand-in for
//! the *server*: it shares no code with the client crate.
//!
//! ## Running
//! ```text
//! cargo run -p ninjapay-sandbox -- --port 8787 [--prod-port N] [--speed F] [--seed N]
//!     [--start-time UNIX] [--no-rate-limits] [--history-max N]
//! ```
//! or in-process: `let sb = ninjapay_sandbox::start(Config::default()).await?;` then point the
//! client's `api` host at [`Sandbox::api_url`] and its `prod` host at [`Sandbox::prod_url`].
//!
//! Two listeners on `127.0.0.1` share one state: the **api host** (`https://api.ninjapay.me`:
//! `/lapi/v1/*` BTC API and vouchers, `/tapi/v1/*` spot trade) and the **prod host**
//! (`https://prod.ninjapay.me`: `/lapi/v1/requestToken`, `/lapi/v1/checkVoucher` = Check
//! Token, `/sapi/v1/*` bridge). Each serves only its own host's routes.
//!
//! ## Keys
//! [`INVOICE_KEY`] (create/read) and [`ADMIN_KEY`] (also send, requestVoucher, requestToken).
//! api host: `x-api-key: <key>` or `?api_key=<key>`; prod host: `Authorization: <key>`
//! (a `Bearer ` prefix is tolerated). Missing/unknown key → 401; Invoice key on an Admin
//! endpoint → 403.
//!
//! ## Admin routes (both listeners, no key; never faulted, never rate limited)
//! - `GET /_sandbox/clock` → `{"now", "speed"}`; `POST /_sandbox/clock/advance {"seconds"}`;
//!   `POST /_sandbox/clock/speed {"speed"}`
//! - `POST /_sandbox/faults` with a [`Fault`] as JSON and an optional `"path"` filter (400 if
//!   it is invalid, e.g. a redirect status outside 300–399); `DELETE /_sandbox/faults`
//!   clears them all
//! - `GET /_sandbox/requests` → every request that reached a ninjapay route
//! - `GET /_sandbox/counts` → `{"payments", "vouchers", "orders", "tokens", "quote_drafts",
//!   "quotes", "balance"}`: how many records of each kind exist, and the lbtc balance (did a
//!   request create or debit anything?)
//! - `POST /_sandbox/settle {"tid","status"}` forces a record's state; `GET /_sandbox/keys`
//!
//! ## Faults ([`Fault`], see [`faults`])
//! `{"kind": …}` with, for the counted ones, `"count"` (how many of the next matching
//! requests) and optionally `"path"`:
//! - `latency` `{"ms"}`: every request waits, until cleared.
//! - Answered **without processing** the request (nothing created, debited or rate-counted):
//!   `status` `{"status"}` (`{success:false,message}`; a 429 has `Retry-After`),
//!   `malformed_json`, `html_error` (502 nginx page), `redirect` `{"status": 3xx,
//!   "location"}` (that status, a `Location` header, no body), `drop_connection` (the
//!   connection is closed with no answer).
//! - The request **is processed**, then the answer suffers: `truncated_json` (the first half
//!   of the body), `drop_after` (the connection is closed with no answer: the record exists,
//!   the wallet moved, the request counted), `extra_fields` (a top-level `"request_id"` is
//!   added to every JSON object answer on both hosts, errors included; a bare array is left
//!   alone). `extra_fields` takes `"count"` or `"sticky": true` (on until cleared) and
//!   combines with any other fault.
//!
//! ## Doc quirks reproduced on purpose
//! - String tids and the `{status,data,message}` envelope on the api host; integer tids and
//!   bare bodies on the prod host. Errors: `{status:false,data:null,message}` on api,
//!   `{success:false,message}` (the docs' error table) on prod.
//! - lapi amounts are strings (`"0.05000000"`); voucher `amount`, widget and bridge amounts are
//!   JSON numbers written with their exact digits (`0.00001000`, never via f64); Check Order
//!   mixes string amounts with numeric `fee_percent`/`filled_percent`, and spells
//!   `reveived_asset`.
//! - GET endpoints take their parameters as a JSON body (as the docs' examples send them) or
//!   in the query string (query wins). Amount fields accept numbers or numeric strings.
//! - Decode returns camelCase fields and an ISO-8601 `expires_at`; everything else uses Unix
//!   seconds. Check Token lives at `/lapi/v1/checkVoucher` on the prod host.
//! - `history`'s `limit` has no maximum (the docs set none): it answers as many records as
//!   asked, newest first, unless [`Config::history_max`] / `--history-max` caps the answer
//!   to simulate a server that returns fewer. `limit` 0 is refused; absent means 20.
//! - The documented rate limits (§1.5) with lock-outs and a `Retry-After` header (which the
//!   docs don't mention).
//! - Not in the docs: payment status `expired` for a request nobody paid in time.
//!
//! ## The docs' examples, seeded ([`seed`])
//! Each docs code example works verbatim once the host is swapped, and at the sandbox's start
//! answers with the docs' sample values and JSON types (the client's fixtures). Exceptions,
//! checked field by field in `tests/docs_fidelity.rs`: ids the request names (the docs' sample
//! answers often carry another tid than their example asks for), and times the docs put in the
//! past that would make the record expired (a voucher batch's `expires_at`, a quote's). The
//! seeded check-token and checkQuote records then move on with the clock (pending → paid /
//! success). Where the docs contradict themselves the fixtures are followed; see [`seed`].
//!
//! Invoices the sandbox makes are BOLT11 with a valid bech32 checksum (and LNURLs valid bech32);
//! invoices it is given are only read for their amount (the docs' own sample fails the
//! checksum).
//!
//! ## Time
//! One sandbox clock (`start + real elapsed × speed + advances`). Pending things move lazily:
//! payments get paid/declined/expire, simulated customers redeem voucher codes, quotes and
//! widget tokens settle, orders fill. Fates are drawn from the seeded RNG, so the same seed and
//! requests give the same story.

pub mod bolt11;
pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod faults;
pub mod host;
pub mod iso_time;
pub mod keys;
pub mod money;
pub mod params;
pub mod persist;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod shared;
pub mod state;
pub mod static_str;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::Config;
pub use faults::Fault;
pub use host::Host;
pub use keys::{ADMIN_KEY, INVOICE_KEY};
pub use shared::{RecordedRequest, Shared};
pub use state::Counts;

/// A running sandbox. Dropping it stops both listeners (without waiting).
#[derive(Debug)]
pub struct Sandbox {
    shared: Arc<Shared>,
    api_addr: SocketAddr,
    prod_addr: SocketAddr,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

/// Binds both listeners on 127.0.0.1 and starts serving.
pub async fn start(config: Config) -> std::io::Result<Sandbox> {
    let api = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let prod = TcpListener::bind(("127.0.0.1", config.prod_port)).await?;
    let shared = Arc::new(Shared::new(&config));
    let (stop, stopped) = watch::channel(false);
    let api_addr = api.local_addr()?;
    let prod_addr = prod.local_addr()?;
    let mut tasks = vec![
        tokio::spawn(routes::serve(
            api,
            routes::router(shared.clone(), Host::Api),
            stopped.clone(),
        )),
        tokio::spawn(routes::serve(
            prod,
            routes::router(shared.clone(), Host::Prod),
            stopped.clone(),
        )),
    ];
    if shared.has_state_file() {
        tasks.push(tokio::spawn(save_loop(shared.clone(), stopped)));
    }
    Ok(Sandbox {
        shared,
        api_addr,
        prod_addr,
        stop,
        tasks,
    })
}

/// Saves the state file shortly after each change (off the async threads), until stopped.
async fn save_loop(shared: Arc<Shared>, mut stopped: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(persist::SAVE_DEBOUNCE) => {}
            _ = stopped.changed() => return,
        }
        if !shared.is_touched() {
            continue;
        }
        let s = shared.clone();
        match tokio::task::spawn_blocking(move || s.save_state()).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "could not save the sandbox state"),
            Err(e) => tracing::warn!(error = %e, "the sandbox state writer failed"),
        }
    }
}

impl Sandbox {
    /// Writes the state file now (if it has one and anything changed). Blocking.
    pub fn save_state(&self) -> std::io::Result<bool> {
        self.shared.save_state()
    }

    /// [`Sandbox::save_state`] on the blocking pool.
    pub async fn save_state_async(&self) -> std::io::Result<bool> {
        let s = self.shared.clone();
        tokio::task::spawn_blocking(move || s.save_state())
            .await
            .map_err(std::io::Error::other)?
    }

    /// `http://127.0.0.1:PORT` standing in for `https://api.ninjapay.me`.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.api_addr)
    }
    /// `http://127.0.0.1:PORT` standing in for `https://prod.ninjapay.me`.
    pub fn prod_url(&self) -> String {
        format!("http://{}", self.prod_addr)
    }
    /// Sandbox clock, unix seconds.
    pub fn now(&self) -> i64 {
        drop(self.shared.world());
        self.shared.now()
    }
    /// Jumps the clock forward; everything due by then happens.
    pub fn advance(&self, by: Duration) {
        self.shared.advance(by);
    }
    pub fn set_speed(&self, speed: f64) {
        self.shared.set_speed(speed);
    }
    /// Adds a fault for every ninjapay path.
    ///
    /// # Panics
    /// If the fault is invalid (a redirect status outside 300–399, or a `location` that is not
    /// a header value): a mistake in the calling test.
    pub fn inject(&self, fault: Fault) {
        self.inject_checked(fault, None);
    }
    /// Like [`Sandbox::inject`], but only requests to `path` are affected.
    pub fn inject_for(&self, path: &str, fault: Fault) {
        self.inject_checked(fault, Some(path.to_string()));
    }
    fn inject_checked(&self, fault: Fault, path: Option<String>) {
        if let Err(why) = self.shared.faults().inject(fault, path) {
            panic!("invalid sandbox fault: {why}");
        }
    }
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }
    /// Turns enforcement of the documented rate limits on or off.
    pub fn set_rate_limits(&self, enabled: bool) {
        self.shared.set_rate_limits(enabled);
    }
    /// Every request that reached a ninjapay route, on either host, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }
    /// How many recorded requests had this path (both hosts).
    pub fn request_count(&self, path: &str) -> usize {
        self.shared
            .requests()
            .iter()
            .filter(|r| r.path == path)
            .count()
    }
    /// How many records of each kind exist now, and the balance.
    pub fn counts(&self) -> Counts {
        self.shared.world().counts()
    }
    /// Forces a payment/voucher/order (string tid) or token/quote (numeric tid) into `status`
    /// now. Returns false if no record has that tid and status.
    pub fn settle(&self, tid: &str, status: &str) -> bool {
        self.shared.settle(tid, status)
    }
    /// The lbtc wallet balance in BTC.
    pub fn balance(&self) -> rust_decimal::Decimal {
        self.shared.world().balance
    }
    /// Stops both listeners and waits for them.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for t in std::mem::take(&mut self.tasks) {
            let _ = t.await;
        }
        if self.shared.has_state_file() {
            let s = self.shared.clone();
            match tokio::task::spawn_blocking(move || s.save_state()).await {
                Ok(Err(e)) => tracing::warn!(error = %e, "could not save the sandbox state"),
                Err(e) => tracing::warn!(error = %e, "the sandbox state writer failed"),
                Ok(Ok(_)) => {}
            }
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}
