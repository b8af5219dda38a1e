//! The state both listeners share: the clock, the world, fault switches, rate limits and the
//! request log.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::config::Config;
use crate::host::Host;
use crate::{clock, faults, persist, rate_limit, seed, state};

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
    history_max: Option<usize>,
    requests: Mutex<Vec<RecordedRequest>>,
    /// Set whenever the world is touched (for the state file's writer).
    touched: AtomicBool,
    /// Where the state is kept, if anywhere.
    state_file: Option<PathBuf>,
    /// The last bytes written there (to skip unchanged saves).
    last_saved: Mutex<Option<Vec<u8>>>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
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
            history_max: config.history_max,
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

    /// Whether the state is kept in a file.
    pub fn has_state_file(&self) -> bool {
        self.state_file.is_some()
    }

    /// Whether the world changed since the last save.
    pub fn is_touched(&self) -> bool {
        self.touched.load(Ordering::Relaxed)
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

    pub fn set_rate_limits(&self, enabled: bool) {
        self.rate_limits.store(enabled, Ordering::Relaxed);
    }

    /// The most records one `history` answer may hold, if capped ([`Config::history_max`]).
    pub fn history_max(&self) -> Option<usize> {
        self.history_max
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
