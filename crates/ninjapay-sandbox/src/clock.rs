//! The sandbox clock: `start + real elapsed × speed + manual advances`.
//!
//! Everything time-dependent (payments getting paid, quotes expiring, rate-limit windows)
//! reads this clock, so a test can jump minutes ahead with `advance` instead of sleeping.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub struct Clock {
    inner: Mutex<Anchor>,
}

/// The clock is piecewise linear: each speed change or advance re-anchors it, so changing the
/// speed never makes time jump backwards.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    real: Instant,
    sandbox: f64,
    speed: f64,
}

/// 9999-12-31T23:59:59Z: the clock never goes past it, so `now + expiry` can't overflow
/// however far a test (or `--start-time`) pushes it.
pub const MAX_TIME: i64 = 253_402_300_799;

impl Anchor {
    fn now(&self) -> f64 {
        (self.sandbox + self.real.elapsed().as_secs_f64() * self.speed).min(MAX_TIME as f64)
    }
}

/// Speeds must be finite and non-negative (0 freezes the clock); anything else is clamped.
pub fn sane_speed(speed: f64) -> f64 {
    if speed.is_finite() && speed >= 0.0 {
        speed
    } else {
        1.0
    }
}

pub fn real_now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Real time in unix seconds, fractional.
pub fn real_now_unix_f64() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

impl Clock {
    /// A clock that goes on from a saved one: real time plus the saved `lead`, never before
    /// `saved_now` (see [`crate::persist`]).
    pub fn resume(saved_now: f64, lead: f64, speed: f64) -> Self {
        let lead = if lead.is_finite() { lead } else { 0.0 };
        let saved_now = if saved_now.is_finite() {
            saved_now
        } else {
            0.0
        };
        let start = (real_now_unix_f64() + lead)
            .max(saved_now)
            .clamp(0.0, MAX_TIME as f64);
        Clock {
            inner: Mutex::new(Anchor {
                real: Instant::now(),
                sandbox: start,
                speed: sane_speed(speed),
            }),
        }
    }

    /// Sandbox time in unix seconds, fractional.
    pub fn now_f64(&self) -> f64 {
        self.lock().now()
    }

    pub fn new(start: Option<i64>, speed: f64) -> Self {
        let start = start.unwrap_or_else(real_now_unix).clamp(0, MAX_TIME);
        Clock {
            inner: Mutex::new(Anchor {
                real: Instant::now(),
                sandbox: start as f64,
                speed: sane_speed(speed),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Anchor> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sandbox time in unix seconds.
    pub fn now(&self) -> i64 {
        self.lock().now().floor() as i64
    }

    pub fn speed(&self) -> f64 {
        self.lock().speed
    }

    pub fn advance(&self, by: Duration) {
        let mut a = self.lock();
        let now = a.now();
        *a = Anchor {
            real: Instant::now(),
            sandbox: now + by.as_secs_f64(),
            speed: a.speed,
        };
    }

    pub fn set_speed(&self, speed: f64) {
        let mut a = self.lock();
        let now = a.now();
        *a = Anchor {
            real: Instant::now(),
            sandbox: now,
            speed: sane_speed(speed),
        };
    }

    /// Converts a span of sandbox seconds into real seconds for `Retry-After`:
    /// rounded up, at least 1. A frozen clock (speed 0) reports the sandbox seconds.
    pub fn real_seconds(&self, sandbox_secs: i64) -> u64 {
        let speed = self.speed();
        let secs = sandbox_secs.max(1) as f64;
        let real = if speed > 0.0 { secs / speed } else { secs };
        (real.ceil() as u64).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_and_speed() {
        let c = Clock::new(Some(1_000), 0.0);
        assert_eq!(c.now(), 1_000);
        c.advance(Duration::from_secs(60));
        assert_eq!(c.now(), 1_060);
        c.set_speed(2.0);
        assert!(c.now() >= 1_060);
        assert_eq!(c.real_seconds(60), 30);
        assert_eq!(c.real_seconds(1), 1);
        c.set_speed(f64::NAN);
        assert_eq!(c.speed(), 1.0);
        c.advance(Duration::from_secs(u64::MAX));
        assert_eq!(c.now(), MAX_TIME);
        assert_eq!(Clock::new(Some(i64::MAX), 1.0).now(), MAX_TIME);
    }
}
