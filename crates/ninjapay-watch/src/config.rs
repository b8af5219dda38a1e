//! How the watcher behaves: [`WatcherConfig`].

use std::path::PathBuf;
use std::time::Duration;

/// How the watcher behaves.
#[derive(Debug, Clone)]
pub struct WatcherConfig {
    /// Where watches are kept; `None` keeps them in memory only.
    pub store_path: Option<PathBuf>,
    /// A fixed first check (tests); `None` draws one in 20–25 s per watch.
    pub first_check: Option<Duration>,
    /// Checks in flight at once.
    pub max_in_flight: usize,
    /// The most payments one Transactions call asks for. A call asks for as many as the active
    /// account has pending payments (at least 2), up to this.
    pub history_max: u32,
    /// Use Transactions for Lightning payments.
    pub use_history: bool,
    /// A payment listed by a Transactions call whose own check is due within this long counts
    /// as checked for that slot (watches' 20–25 s jitter would otherwise need one call per
    /// payment instead of one per slot). 3 s = the schedule's shortest interval.
    pub history_coalesce: Duration,
    /// Save at most this often (real time) for check progress; new and ended watches are
    /// saved at once.
    pub save_interval: Duration,
    /// Longest single sleep (real time), so wall-clock jumps (suspend) are noticed.
    pub max_sleep: Duration,
    /// First back-off after a transient failure, doubled each time up to `max_backoff`.
    pub base_backoff: Duration,
    /// Longest back-off.
    pub max_backoff: Duration,
    /// Ended watches kept for the UI.
    pub keep_ended: usize,
    /// When the last scheduled check (or the one final check after a restart or a pause)
    /// fails with a transient error, it is retried after the usual back-off up to this many
    /// times before the watch ends as "still pending" (with the error kept).
    pub final_retries: u32,
}

impl Default for WatcherConfig {
    fn default() -> Self {
        WatcherConfig {
            store_path: None,
            first_check: None,
            max_in_flight: 8,
            history_max: 1000,
            use_history: true,
            history_coalesce: Duration::from_secs(3),
            save_interval: Duration::from_secs(1),
            max_sleep: Duration::from_secs(5),
            base_backoff: Duration::from_secs(5),
            max_backoff: Duration::from_secs(60),
            keep_ended: 200,
            final_retries: 3,
        }
    }
}
