//! One request budget shared by every watch **and** the user's own actions.
//!
//! Each documented limit ([`ninjapay::schedule::RATE_LIMITS`]: 1,000 requests per 10 minutes,
//! 150 per minute on `receive`) gets a sliding log of the requests sent. Background checks may
//! use the limit minus a user reserve (20% by default); the user's clicks may use it up to a
//! small safety margin (2%, for clock skew between us and Ninjapay). Background checks are also
//! paced by a token bucket (the background share spread evenly over the window, with a small
//! burst), so they never spend ten minutes' worth in the first one.
//!
//! The budget is also a [`ninjapay::RequestObserver`]: give it to
//! [`ninjapay::ClientBuilder::observer`] and every request the client sends is counted (and a
//! user request that would break a limit is refused locally with
//! [`ninjapay::Error::RateLimited`] instead of getting the key locked out for an hour).
//! Requests the watcher makes were already counted when it acquired its permit: it runs them
//! inside [`Budget::prepaid`], so the observer does not count them twice.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ninjapay::endpoints::Endpoint;
use ninjapay::schedule::{LimitScope, RateLimit, RATE_LIMITS};
use serde::Serialize;

use crate::clock::Clock;

/// Who a request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// A watch's scheduled check: may not touch the user reserve.
    Background,
    /// Something the user clicked (including Check now): may use the reserve.
    User,
}

/// How the budget is shared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetConfig {
    /// Fraction of each limit kept for the user's own actions (0.2 = 20%).
    pub user_reserve: f64,
    /// Fraction of each limit never used at all (clock skew, requests we cannot see).
    pub safety_margin: f64,
    /// Background burst, as a fraction of the background share of the window.
    pub burst: f64,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        BudgetConfig {
            user_reserve: 0.2,
            safety_margin: 0.02,
            burst: 0.05,
        }
    }
}

/// Why a request has to wait, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    /// The earliest time (unix ms) it may be sent.
    pub retry_at_ms: i64,
    /// Why, for people.
    pub reason: String,
}

/// How much of one limit is in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitUsage {
    /// `receive` or `everything`.
    pub scope: &'static str,
    /// Requests sent in the current window.
    pub used: u32,
    /// The documented limit.
    pub limit: u32,
    /// What background checks may use.
    pub background_cap: u32,
    /// The window in seconds.
    pub window_secs: u64,
}

#[derive(Debug)]
struct Window {
    limit: RateLimit,
    hits: VecDeque<i64>,
    /// The most this window ever held (for the benchmark and tests).
    peak: usize,
}

#[derive(Debug)]
struct Inner {
    windows: Vec<Window>,
    /// Background token bucket (for the `Everything` limit).
    tokens: f64,
    refilled_at: i64,
    /// Set after Ninjapay answered 429: nothing background goes out before this.
    server_block_until: i64,
    server_limited: u64,
    refused_user: u64,
}

/// The shared budget. Cheap to share behind an `Arc`.
pub struct Budget {
    clock: Arc<dyn Clock>,
    config: BudgetConfig,
    inner: Mutex<Inner>,
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Budget")
            .field("config", &self.config)
            .field("usage", &self.usage())
            .finish()
    }
}

/// How the observer's local refusals begin (so they are not mistaken for Ninjapay's 429).
pub const LOCAL_HOLD_PREFIX: &str = "Held back so Ninjapay does not lock the key out";

tokio::task_local! {
    static PREPAID: Cell<u32>;
}

fn scope_name(scope: LimitScope) -> &'static str {
    match scope {
        LimitScope::Receive => "receive",
        LimitScope::Everything => "everything",
    }
}

fn describe(limit: &RateLimit) -> String {
    match limit.scope {
        LimitScope::Receive => format!(
            "Ninjapay's limit of {} payment requests per minute",
            limit.max_requests
        ),
        LimitScope::Everything => format!(
            "Ninjapay's limit of {} requests per {} minutes",
            thousands(limit.max_requests),
            limit.window.as_secs() / 60
        ),
    }
}

fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Budget {
    /// A budget over the documented limits.
    pub fn new(clock: Arc<dyn Clock>, config: BudgetConfig) -> Budget {
        Self::with_limits(clock, config, &RATE_LIMITS)
    }

    /// A budget over other limits (tests).
    pub fn with_limits(
        clock: Arc<dyn Clock>,
        config: BudgetConfig,
        limits: &[RateLimit],
    ) -> Budget {
        let now = clock.now_ms();
        let b = Budget {
            clock,
            config,
            inner: Mutex::new(Inner {
                windows: limits
                    .iter()
                    .map(|l| Window {
                        limit: *l,
                        hits: VecDeque::new(),
                        peak: 0,
                    })
                    .collect(),
                tokens: 0.0,
                refilled_at: now,
                server_block_until: 0,
                server_limited: 0,
                refused_user: 0,
            }),
        };
        let burst = b.burst_size();
        b.lock().tokens = burst;
        b
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The clock the budget counts on.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    fn hard_cap(&self, l: &RateLimit) -> usize {
        ((l.max_requests as f64) * (1.0 - self.config.safety_margin)).floor() as usize
    }

    fn background_cap(&self, l: &RateLimit) -> usize {
        let reserve = self.config.user_reserve.max(self.config.safety_margin);
        ((l.max_requests as f64) * (1.0 - reserve)).floor() as usize
    }

    fn everything(&self) -> Option<RateLimit> {
        self.lock()
            .windows
            .iter()
            .find(|w| w.limit.scope == LimitScope::Everything)
            .map(|w| w.limit)
    }

    fn burst_size(&self) -> f64 {
        self.everything()
            .map(|l| (self.background_cap(&l) as f64 * self.config.burst).max(1.0))
            .unwrap_or(1.0)
    }

    /// Background tokens per millisecond.
    fn rate(&self, l: &RateLimit) -> f64 {
        self.background_cap(l) as f64 / l.window.as_millis().max(1) as f64
    }

    /// Counts one request to `path` now, or says why and until when it must wait.
    pub fn try_acquire(&self, priority: Priority, path: &str) -> Result<(), Denied> {
        let now = self.clock.now_ms();
        let scope = RateLimit::for_path(path).scope;
        let everything = self.everything();
        let burst = self.burst_size();
        let mut inner = self.lock();
        // Refill the background bucket.
        if let Some(l) = &everything {
            let elapsed = (now - inner.refilled_at).max(0) as f64;
            inner.tokens = (inner.tokens + elapsed * self.rate(l)).min(burst);
            inner.refilled_at = now;
        }
        if priority == Priority::Background && now < inner.server_block_until {
            return Err(Denied {
                retry_at_ms: inner.server_block_until,
                reason: "Ninjapay asked us to slow down (HTTP 429)".to_owned(),
            });
        }
        let mut retry_at = now;
        let mut reason = None;
        for w in inner.windows.iter_mut().filter(|w| w.limit.scope == scope) {
            let window_ms = w.limit.window.as_millis() as i64;
            while w.hits.front().is_some_and(|&t| t <= now - window_ms) {
                w.hits.pop_front();
            }
            let cap = match priority {
                Priority::Background => self.background_cap(&w.limit),
                Priority::User => self.hard_cap(&w.limit),
            };
            if w.hits.len() >= cap {
                // Free once enough of the oldest hits leave the window.
                let idx = w.hits.len() - cap;
                let at = w.hits.get(idx).map_or(now, |t| t + window_ms + 1);
                retry_at = retry_at.max(at);
                reason = Some(match priority {
                    Priority::Background => format!(
                        "background checks have used their share of {} ({}% is kept for your own actions)",
                        describe(&w.limit),
                        (self.config.user_reserve * 100.0).round()
                    ),
                    Priority::User => format!("{} is reached", describe(&w.limit)),
                });
            }
        }
        if reason.is_none() && priority == Priority::Background && scope == LimitScope::Everything {
            if let Some(l) = &everything {
                if inner.tokens < 1.0 {
                    let wait = ((1.0 - inner.tokens) / self.rate(l)).ceil() as i64;
                    retry_at = now + wait.max(1);
                    reason = Some(format!(
                        "background checks are spread evenly to stay under {}",
                        describe(l)
                    ));
                }
            }
        }
        if let Some(reason) = reason {
            if priority == Priority::User {
                inner.refused_user += 1;
            }
            return Err(Denied {
                retry_at_ms: retry_at,
                reason,
            });
        }
        if priority == Priority::Background && scope == LimitScope::Everything {
            inner.tokens -= 1.0;
        }
        for w in inner.windows.iter_mut().filter(|w| w.limit.scope == scope) {
            w.hits.push_back(now);
            w.peak = w.peak.max(w.hits.len());
        }
        Ok(())
    }

    /// Ninjapay answered 429: hold background checks back for `retry_after` (or a minute).
    pub fn note_server_limit(&self, retry_after: Option<Duration>) {
        let now = self.clock.now_ms();
        let wait = retry_after.unwrap_or(Duration::from_secs(60)).as_millis() as i64;
        let mut inner = self.lock();
        inner.server_limited += 1;
        inner.server_block_until = inner.server_block_until.max(now + wait);
    }

    /// How many 429s Ninjapay sent.
    pub fn server_limited(&self) -> u64 {
        self.lock().server_limited
    }

    /// How many user requests were held back locally.
    pub fn refused_user(&self) -> u64 {
        self.lock().refused_user
    }

    /// The most requests ever inside one window of the `Everything` limit.
    pub fn peak_in_window(&self) -> usize {
        self.lock()
            .windows
            .iter()
            .filter(|w| w.limit.scope == LimitScope::Everything)
            .map(|w| w.peak)
            .max()
            .unwrap_or(0)
    }

    /// Each limit's use right now.
    pub fn usage(&self) -> Vec<LimitUsage> {
        let now = self.clock.now_ms();
        let inner = self.lock();
        inner
            .windows
            .iter()
            .map(|w| {
                let window_ms = w.limit.window.as_millis() as i64;
                LimitUsage {
                    scope: scope_name(w.limit.scope),
                    used: w.hits.iter().filter(|&&t| t > now - window_ms).count() as u32,
                    limit: w.limit.max_requests,
                    background_cap: self.background_cap(&w.limit) as u32,
                    window_secs: w.limit.window.as_secs(),
                }
            })
            .collect()
    }

    /// Runs `fut` with `permits` requests already paid for: the observer lets that many
    /// through uncounted, then counts any further ones (retries) as background requests.
    pub async fn prepaid<F: Future>(permits: u32, fut: F) -> F::Output {
        PREPAID.scope(Cell::new(permits), fut).await
    }
}

impl ninjapay::RequestObserver for Budget {
    fn before_request(&self, endpoint: &Endpoint) -> Result<(), ninjapay::Error> {
        let prepaid = PREPAID.try_with(|c| {
            let n = c.get();
            if n > 0 {
                c.set(n - 1);
            }
            n
        });
        let priority = match prepaid {
            Ok(n) if n > 0 => return Ok(()),
            Ok(_) => Priority::Background,
            Err(_) => Priority::User,
        };
        self.try_acquire(priority, endpoint.path).map_err(|d| {
            let wait = (d.retry_at_ms - self.clock.now_ms()).max(0) as u64;
            let secs = wait.div_ceil(1000).max(1);
            ninjapay::Error::RateLimited {
                retry_after: Some(Duration::from_millis(wait)),
                message: format!("{LOCAL_HOLD_PREFIX}: {}. Try again in {secs} s.", d.reason),
            }
        })
    }
}
