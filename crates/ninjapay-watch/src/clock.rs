//! Time for the watcher: unix milliseconds plus how fast that time runs against tokio's timer.
//!
//! The app uses [`SystemClock`] (wall-clock time, so start times survive restarts). Tests use
//! [`TokioClock`], which follows tokio's (pausable) timer. The benchmark uses [`ScaledClock`]
//! running at the sandbox's speed, so the documented 10-minute schedule plays out in seconds.

use std::fmt::Debug;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A source of "now" in unix milliseconds.
pub trait Clock: Send + Sync + Debug {
    /// Now, in unix milliseconds.
    fn now_ms(&self) -> i64;
    /// Clock milliseconds per real (tokio timer) millisecond; 1.0 except in benchmarks.
    fn speed(&self) -> f64 {
        1.0
    }
    /// The tokio timer duration that covers `ms` clock milliseconds.
    fn real_duration(&self, ms: i64) -> Duration {
        let speed = self.speed();
        let ms = ms.max(0) as f64 / if speed > 0.0 { speed } else { 1.0 };
        Duration::from_micros((ms * 1000.0).ceil() as u64)
    }
}

/// Wall-clock time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

/// `start_ms` plus the time elapsed on tokio's timer since creation: under
/// `#[tokio::test(start_paused = true)]` it moves only when the runtime auto-advances.
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    start_ms: i64,
    origin: tokio::time::Instant,
}

impl TokioClock {
    /// A clock reading `start_ms` now.
    pub fn new(start_ms: i64) -> Self {
        TokioClock {
            start_ms,
            origin: tokio::time::Instant::now(),
        }
    }
}

impl Clock for TokioClock {
    fn now_ms(&self) -> i64 {
        self.start_ms + self.origin.elapsed().as_millis() as i64
    }
}

/// `start_ms` plus real elapsed time × `speed` (the sandbox's own formula).
#[derive(Debug, Clone, Copy)]
pub struct ScaledClock {
    start_ms: i64,
    origin: std::time::Instant,
    speed: f64,
}

impl ScaledClock {
    /// A clock reading `start_ms` now and running `speed` times faster than real time.
    pub fn new(start_ms: i64, speed: f64) -> Self {
        ScaledClock {
            start_ms,
            origin: std::time::Instant::now(),
            speed: if speed.is_finite() && speed > 0.0 {
                speed
            } else {
                1.0
            },
        }
    }
}

impl Clock for ScaledClock {
    fn now_ms(&self) -> i64 {
        self.start_ms + (self.origin.elapsed().as_secs_f64() * 1000.0 * self.speed) as i64
    }
    fn speed(&self) -> f64 {
        self.speed
    }
}
