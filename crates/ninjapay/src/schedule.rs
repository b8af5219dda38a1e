//! The documented polling schedule and rate limits, as pure data and functions for a watcher.
//!
//! From the docs (Check Payment, Check Voucher, …): "The first status check at 20-25 seconds
//! post transaction start, then every 3 seconds once for the next 30 seconds, every 6 seconds
//! once for the next 60 seconds, every 10 seconds for the next 60 seconds, every 30 seconds for
//! the next 60 seconds, and then every 1 min until timeout (10 mins)."

use std::time::Duration;

/// How long an item is watched in all.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(600);

/// The earliest and latest first check.
pub const FIRST_CHECK_RANGE: (Duration, Duration) =
    (Duration::from_secs(20), Duration::from_secs(25));

/// After the first check: (interval, for how long). The last phase runs until the timeout.
const PHASES: [(u64, u64); 4] = [(3, 30), (6, 60), (10, 60), (30, 60)];
const LAST_INTERVAL: u64 = 60;

/// The check times of one pending item, as offsets from when it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    first: Duration,
}

impl PollSchedule {
    /// A schedule whose first check is at `first` (clamped into 20–25 s).
    pub fn new(first: Duration) -> Self {
        PollSchedule {
            first: first.clamp(FIRST_CHECK_RANGE.0, FIRST_CHECK_RANGE.1),
        }
    }

    /// A schedule with its first check at a random point in 20–25 s, so items created together
    /// are not all checked in the same second.
    pub fn jittered() -> Self {
        use rand::Rng;
        let ms = rand::thread_rng().gen_range(20_000..=25_000);
        Self::new(Duration::from_millis(ms))
    }

    /// When the first check is.
    pub fn first(&self) -> Duration {
        self.first
    }

    /// Every check time, in order, none later than [`POLL_TIMEOUT`].
    pub fn check_times(&self) -> Vec<Duration> {
        let mut times = vec![self.first];
        let mut t = self.first;
        for (interval, span) in PHASES {
            let phase_end = t + Duration::from_secs(span);
            while t + Duration::from_secs(interval) <= phase_end {
                t += Duration::from_secs(interval);
                if t > POLL_TIMEOUT {
                    return times;
                }
                times.push(t);
            }
        }
        while t + Duration::from_secs(LAST_INTERVAL) <= POLL_TIMEOUT {
            t += Duration::from_secs(LAST_INTERVAL);
            times.push(t);
        }
        times
    }

    /// The first check strictly after `elapsed`, or `None` when the schedule is over.
    pub fn next_after(&self, elapsed: Duration) -> Option<Duration> {
        self.check_times().into_iter().find(|t| *t > elapsed)
    }
}

/// Which requests a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitScope {
    /// `/v1/receive` (payment requests) only.
    Receive,
    /// Every other request.
    Everything,
}

/// One documented rate limit: `max_requests` per `window`, else locked out for `lockout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// What it counts.
    pub scope: LimitScope,
    /// Requests allowed per window.
    pub max_requests: u32,
    /// The window.
    pub window: Duration,
    /// How long a key is locked out after exceeding it.
    pub lockout: Duration,
}

/// The documented limits ("Limits on API Requests"). Whether they apply per key or per IP is
/// not stated; treat them as shared by everything the app sends.
pub const RATE_LIMITS: [RateLimit; 2] = [
    RateLimit {
        scope: LimitScope::Receive,
        max_requests: 150,
        window: Duration::from_secs(60),
        lockout: Duration::from_secs(60),
    },
    RateLimit {
        scope: LimitScope::Everything,
        max_requests: 1_000,
        window: Duration::from_secs(600),
        lockout: Duration::from_secs(3_600),
    },
];

impl RateLimit {
    /// The limit that counts a request to `path`.
    pub fn for_path(path: &str) -> &'static RateLimit {
        let scope = if path.ends_with("/receive") {
            LimitScope::Receive
        } else {
            LimitScope::Everything
        };
        RATE_LIMITS
            .iter()
            .find(|l| l.scope == scope)
            .unwrap_or(&RATE_LIMITS[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(times: &[Duration]) -> Vec<u64> {
        times.iter().map(|d| d.as_secs()).collect()
    }

    #[test]
    fn the_documented_check_times() {
        let times = PollSchedule::new(Duration::from_secs(20)).check_times();
        let mut expected = vec![20];
        expected.extend((1..=10).map(|i| 20 + 3 * i)); // 23 … 50
        expected.extend((1..=10).map(|i| 50 + 6 * i)); // 56 … 110
        expected.extend((1..=6).map(|i| 110 + 10 * i)); // 120 … 170
        expected.extend([200, 230]);
        expected.extend((1..=6).map(|i| 230 + 60 * i)); // 290 … 590
        assert_eq!(secs(&times), expected);
        assert_eq!(times.len(), 35);
        assert!(times.iter().all(|t| *t <= POLL_TIMEOUT));
    }

    #[test]
    fn a_later_first_check_shifts_everything_and_still_ends_by_ten_minutes() {
        let times = PollSchedule::new(Duration::from_secs(25)).check_times();
        assert_eq!(secs(&times[..3]), vec![25, 28, 31]);
        assert_eq!(times.last().unwrap().as_secs(), 595);
        // Out-of-range first checks are clamped.
        assert_eq!(
            PollSchedule::new(Duration::from_secs(1)).first(),
            Duration::from_secs(20)
        );
        assert_eq!(
            PollSchedule::new(Duration::from_secs(90)).first(),
            Duration::from_secs(25)
        );
        let j = PollSchedule::jittered().first();
        assert!(j >= Duration::from_secs(20) && j <= Duration::from_secs(25));
    }

    #[test]
    fn next_check_after_a_moment() {
        let s = PollSchedule::new(Duration::from_secs(20));
        assert_eq!(s.next_after(Duration::ZERO), Some(Duration::from_secs(20)));
        assert_eq!(
            s.next_after(Duration::from_secs(20)),
            Some(Duration::from_secs(23))
        );
        assert_eq!(
            s.next_after(Duration::from_secs(111)),
            Some(Duration::from_secs(120))
        );
        assert_eq!(s.next_after(Duration::from_secs(590)), None);
    }

    #[test]
    fn the_documented_limits() {
        assert_eq!(RateLimit::for_path("/lapi/v1/receive").max_requests, 150);
        let other = RateLimit::for_path("/lapi/v1/checkPayment");
        assert_eq!(
            (
                other.max_requests,
                other.window.as_secs(),
                other.lockout.as_secs()
            ),
            (1000, 600, 3600)
        );
    }
}
