//! The documented request limits (§1.5), as a small pure state machine over sandbox seconds.
//!
//! Per key: `/lapi/v1/receive` 150 requests per 60 s (lock-out 60 s); everything else 1,000
//! requests per 600 s (lock-out 3,600 s). The request that exceeds a limit starts the lock-out;
//! every request during the lock-out is refused too. Refused requests don't count.

use std::collections::{HashMap, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    Receive,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub limit: usize,
    pub window: i64,
    pub lockout: i64,
}

impl Bucket {
    pub fn for_path(path: &str) -> Bucket {
        if path == "/lapi/v1/receive" {
            Bucket::Receive
        } else {
            Bucket::Other
        }
    }

    pub fn rule(self) -> Rule {
        match self {
            Bucket::Receive => Rule {
                limit: 150,
                window: 60,
                lockout: 60,
            },
            Bucket::Other => Rule {
                limit: 1_000,
                window: 600,
                lockout: 3_600,
            },
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Bucket::Receive => "150 requests per minute on /lapi/v1/receive (lock-out 1 minute)",
            Bucket::Other => "1,000 requests per 10 minutes (lock-out 1 hour)",
        }
    }
}

/// Why a request was refused: the bucket and how many sandbox seconds remain in the lock-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limited {
    pub bucket: Bucket,
    pub remaining: i64,
}

#[derive(Debug, Default)]
struct Window {
    /// Sandbox times of the accepted requests still inside the window (sliding log).
    hits: VecDeque<i64>,
    locked_until: Option<i64>,
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: HashMap<(String, Bucket), Window>,
}

impl RateLimiter {
    /// Counts one request by `key` on `path` at sandbox time `now`, or refuses it.
    pub fn check(&mut self, key: &str, path: &str, now: i64) -> Result<(), Limited> {
        let bucket = Bucket::for_path(path);
        let rule = bucket.rule();
        let w = self.windows.entry((key.to_string(), bucket)).or_default();
        if let Some(until) = w.locked_until {
            if now < until {
                return Err(Limited {
                    bucket,
                    remaining: until - now,
                });
            }
            // Lock-out over: start afresh.
            w.locked_until = None;
            w.hits.clear();
        }
        while w.hits.front().is_some_and(|&t| t <= now - rule.window) {
            w.hits.pop_front();
        }
        if w.hits.len() >= rule.limit {
            w.locked_until = Some(now + rule.lockout);
            return Err(Limited {
                bucket,
                remaining: rule.lockout,
            });
        }
        w.hits.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receive_limit_locks_for_a_minute() {
        let mut rl = RateLimiter::default();
        for _ in 0..150 {
            rl.check("k", "/lapi/v1/receive", 100).unwrap();
        }
        let e = rl.check("k", "/lapi/v1/receive", 100).unwrap_err();
        assert_eq!(e.bucket, Bucket::Receive);
        assert_eq!(e.remaining, 60);
        assert_eq!(
            rl.check("k", "/lapi/v1/receive", 130)
                .unwrap_err()
                .remaining,
            30
        );
        // Other bucket and other keys are unaffected.
        rl.check("k", "/lapi/v1/checkPayment", 130).unwrap();
        rl.check("other", "/lapi/v1/receive", 130).unwrap();
        // Lock-out over.
        rl.check("k", "/lapi/v1/receive", 160).unwrap();
    }

    #[test]
    fn window_slides() {
        let mut rl = RateLimiter::default();
        for i in 0..150 {
            rl.check("k", "/lapi/v1/receive", i / 3).unwrap();
        }
        // At t=60 the hits from t=0 (three of them) have left the window.
        for _ in 0..3 {
            rl.check("k", "/lapi/v1/receive", 60).unwrap();
        }
        assert!(rl.check("k", "/lapi/v1/receive", 60).is_err());
    }

    #[test]
    fn everything_else_locks_for_an_hour() {
        let mut rl = RateLimiter::default();
        for i in 0..1_000 {
            rl.check("k", "/tapi/v1/checkOrder", i / 2).unwrap();
        }
        let e = rl.check("k", "/lapi/v1/history", 500).unwrap_err();
        assert_eq!((e.bucket, e.remaining), (Bucket::Other, 3_600));
        // Still locked even after the window would have emptied.
        assert_eq!(
            rl.check("k", "/lapi/v1/history", 4_000)
                .unwrap_err()
                .remaining,
            100
        );
        rl.check("k", "/lapi/v1/history", 4_100).unwrap();
        // Receive has its own bucket.
        rl.check("k", "/lapi/v1/receive", 600).unwrap();
    }
}
