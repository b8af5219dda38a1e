//! # ninjapay-sandbox — a stateful local Ninjapay
//!
//! A faithful stand-in for the Ninjapay HTTP API (see `ninjapay-api.md`) for demos, the app's
//! Sandbox mode and tests. **No real money**: nothing leaves the process.
//!
//! ## Running
//! ```text
//! cargo run -p ninjapay-sandbox -- --port 8787 [--prod-port N] [--speed F] [--seed N] [--no-rate-limits]
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
//! - `POST /_sandbox/faults` with a [`Fault`] (`{"kind":"status","status":500,"count":1}`,
//!   optional `"path"` filter); `DELETE /_sandbox/faults`
//! - `GET /_sandbox/requests`; `POST /_sandbox/settle {"tid","status"}`; `GET /_sandbox/keys`
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
//! - The documented rate limits (§1.5) with lock-outs and a `Retry-After` header (which the
//!   docs don't mention).
//! - Not in the docs: payment status `expired` for a request nobody paid in time.
//!
//! ## Time
//! One sandbox clock (`start + real elapsed × speed + advances`). Pending things move lazily:
//! payments get paid/declined/expire, simulated customers redeem voucher codes, quotes and
//! widget tokens settle, orders fill. Fates are drawn from the seeded RNG, so the same seed and
//! requests give the same story.

pub mod bolt11;
pub mod cli;
pub mod clock;
pub mod error;
pub mod faults;
pub mod keys;
pub mod money;
pub mod params;
pub mod persist;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod state;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use faults::Fault;
pub use keys::{ADMIN_KEY, INVOICE_KEY};

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// api host port; 0 = any free port.
    pub port: u16,
    /// prod host port; 0 = any free port (the binary uses port+1).
    pub prod_port: u16,
    /// Sandbox seconds per real second (1.0 = real time).
    pub speed: f64,
    /// Unix seconds the clock starts at; `None` = now.
    pub start_time: Option<i64>,
    /// RNG seed: same seed, same simulated customers.
    pub seed: u64,
    /// Enforce the documented limits.
    pub rate_limits: bool,
    /// Keep the state (records and clock) in this file: loaded at start if it exists (then
    /// `start_time`, `speed` and `seed` only apply to a fresh start), saved shortly after
    /// every change and on shutdown. See [`persist`]. `None`: memory only.
    pub state_file: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            prod_port: 0,
            speed: 1.0,
            start_time: None,
            seed: 42,
            rate_limits: true,
            state_file: None,
        }
    }
}

/// Which of the two Ninjapay hosts a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Host {
    Api,
    Prod,
}

/// One request that reached a ninjapay route (admin routes are not recorded).
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecordedRequest {
    pub host: Host,
    pub method: String,
    pub path: String,
    /// Sandbox time, unix seconds.
    pub at: i64,
}

/// State shared by both listeners.
#[derive(Debug)]
pub struct Shared {
    pub clock: clock::Clock,
    world: Mutex<state::World>,
    faults: Mutex<faults::FaultBook>,
    limiter: Mutex<rate_limit::RateLimiter>,
    rate_limits: AtomicBool,
    requests: Mutex<Vec<RecordedRequest>>,
    /// Set whenever the world is touched (for the state file's writer).
    touched: AtomicBool,
    /// Where the state is kept, if anywhere.
    state_file: Option<std::path::PathBuf>,
    /// The last bytes written there (to skip unchanged saves).
    last_saved: Mutex<Option<Vec<u8>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not take the whole sandbox down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn new(config: &Config) -> Shared {
        let saved = config.state_file.as_deref().and_then(persist::load);
        let resumed = saved.is_some();
        let (clock, world) = match saved {
            Some(s) => {
                tracing::info!(records = s.world.payments.len(), "sandbox state reloaded");
                (clock::Clock::resume(s.now, s.lead, s.speed), s.world)
            }
            None => {
                let clock = clock::Clock::new(config.start_time, config.speed);
                let mut world = state::World::new(config.seed);
                seed::seed(&mut world, clock.now());
                (clock, world)
            }
        };
        Shared {
            clock,
            world: Mutex::new(world),
            faults: Mutex::new(faults::FaultBook::default()),
            limiter: Mutex::new(rate_limit::RateLimiter::default()),
            rate_limits: AtomicBool::new(config.rate_limits),
            requests: Mutex::new(Vec::new()),
            // A fresh state is written at once, so a crash before the first request still
            // finds the same seeded records.
            touched: AtomicBool::new(!resumed),
            state_file: config.state_file.clone(),
            last_saved: Mutex::new(None),
        }
    }

    /// The world with every transition due by now applied.
    pub fn world(&self) -> MutexGuard<'_, state::World> {
        let now = self.clock.now();
        let mut w = lock(&self.world);
        w.tick(now);
        self.touched.store(true, Ordering::Relaxed);
        w
    }

    /// Writes the state file now if anything changed since the last write (no-op without
    /// a state file). Blocking: call it off the async threads.
    pub fn save_state(&self) -> std::io::Result<bool> {
        let Some(path) = &self.state_file else {
            return Ok(false);
        };
        self.touched.store(false, Ordering::Relaxed);
        let bytes = {
            let w = self.world();
            self.touched.store(false, Ordering::Relaxed);
            persist::snapshot(&w, self.clock.now_f64(), self.clock.speed())?
        };
        let mut last = lock(&self.last_saved);
        if last.as_deref() == Some(bytes.as_slice()) {
            return Ok(false);
        }
        persist::write_atomic(path, &bytes)?;
        *last = Some(bytes);
        Ok(true)
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
        drop(self.world());
    }

    pub fn set_speed(&self, speed: f64) {
        self.clock.set_speed(speed);
        self.touched.store(true, Ordering::Relaxed);
    }

    pub fn faults(&self) -> MutexGuard<'_, faults::FaultBook> {
        lock(&self.faults)
    }

    pub fn record(&self, host: Host, method: &str, path: &str) {
        let at = self.now();
        lock(&self.requests).push(RecordedRequest {
            host,
            method: method.to_string(),
            path: path.to_string(),
            at,
        });
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.requests).clone()
    }

    pub fn rate_limits_enabled(&self) -> bool {
        self.rate_limits.load(Ordering::Relaxed)
    }

    pub fn check_rate(&self, key: &str, path: &str) -> Result<(), rate_limit::Limited> {
        if !self.rate_limits_enabled() {
            return Ok(());
        }
        let now = self.now();
        lock(&self.limiter).check(key, path, now)
    }

    pub fn settle(&self, tid: &str, status: &str) -> bool {
        let now = self.now();
        self.world().settle(tid, status, now)
    }
}

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
    if shared.state_file.is_some() {
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
        if !shared.touched.load(Ordering::Relaxed) {
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
    pub fn inject(&self, fault: Fault) {
        self.shared.faults().inject(fault, None);
    }
    /// Like [`Sandbox::inject`], but only requests to `path` are affected.
    pub fn inject_for(&self, path: &str, fault: Fault) {
        self.shared.faults().inject(fault, Some(path.to_string()));
    }
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }
    /// Turns enforcement of the documented rate limits on or off.
    pub fn set_rate_limits(&self, enabled: bool) {
        self.shared.rate_limits.store(enabled, Ordering::Relaxed);
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
        if self.shared.state_file.is_some() {
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
