//! # ninjapay-watch — watching pending Ninjapay items until they turn final
//!
//! Tauri-free: the desktop shell forwards [`WatchEvent`]s as Tauri events
//! ([`UPDATE_EVENT`] = `watch://update`, [`BUDGET_EVENT`] = `watch://budget`) and shows
//! [`WatchUpdate::notification`] for final states.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use std::sync::Arc;
//! use ninjapay_watch::*;
//! let clock: Arc<dyn Clock> = Arc::new(SystemClock);
//! let budget = Arc::new(Budget::new(clock, BudgetConfig::default()));
//! // Every request the app sends counts in the same budget:
//! let client = ninjapay::Client::builder()
//!     .observer(budget.clone())
//!     .build()
//!     .expect("client");
//! let watcher = Watcher::start(
//!     Arc::new(ClientChecker::new(client.clone())),
//!     budget,
//!     WatcherConfig { store_path: Some("watches.json".into()), ..Default::default() },
//! )?;
//! let current = watcher.list();            // the UI loads this first…
//! let mut events = watcher.subscribe();    // …then listens
//! # let _ = (current, &mut events);
//! # Ok(()) }
//! ```
//!
//! ## Behaviour
//! - **Schedule**: [`ninjapay::schedule::PollSchedule`] — first check 20–25 s after the start,
//!   then every 3 s for 30 s, 6 s for 60 s, 10 s for 60 s, 30 s for 60 s, 60 s until 10
//!   minutes; then the watch ends as [`WatchStatus::StillPending`] with Check now and Watch
//!   again. A check that ran late (budget) does not cause a burst: the next is the first
//!   scheduled time after it. Check now never moves the schedule.
//! - **Budget**: [`Budget`] (see its docs): one sliding window per documented limit, shared with
//!   the user's own requests through [`ninjapay::RequestObserver`], 20% kept for the user,
//!   background checks paced evenly; due checks are served least-recently-checked first and a
//!   [`BudgetNotice`] says when and why checks are delayed.
//! - **Transactions batching**: due Lightning payments are settled from one `history(100)` call
//!   when it lists them (a payment it no longer lists is then checked on its own); payments it
//!   shows final between their checks are reported at once.
//! - **Errors**: timeouts, network errors, 5xx, 429 and unreadable answers back off and go on;
//!   401, 403, 404 and refused requests end the watch with the reason. A transient failure of
//!   the last scheduled check (or of the one final check after a restart) is retried after the
//!   back-off (up to [`WatcherConfig::final_retries`] times) before the watch ends as still
//!   pending.
//! - **Stop and forget**: [`Watcher::stop`] ends a watch and keeps it listed (with Watch
//!   again); [`Watcher::forget`] removes it from the list and the store (the UI's Dismiss).
//! - **Restarts**: [`Store`] keeps every watch in one JSON file replaced atomically; on start
//!   each watch resumes from its original start time and schedule, and a check missed while the
//!   app was closed is made once, at once (so a watch whose 10 minutes passed gets one final
//!   check). Saves are made by a writer task (the write and fsyncs on the blocking pool), so
//!   the watcher's loop never waits for the disk; commands that add, stop or forget a watch
//!   answer once it is on disk.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod budget;
pub mod checker;
pub mod clock;
pub mod engine;
pub mod kind;
pub mod store;
pub mod update;

pub use budget::{Budget, BudgetConfig, Denied, LimitUsage, Priority};
pub use checker::{CheckFuture, Checker, ClientChecker, HistoryFuture};
pub use clock::{Clock, ScaledClock, SystemClock, TokioClock};
pub use engine::{Closed, WatchEvent, WatchRequest, WatchStats, Watcher, WatcherConfig};
pub use kind::{Money, Observation, WatchKind, WatchStatus};
pub use store::{Store, StoreFile, StoredWatch, STORE_VERSION};
pub use update::{
    format_btc, format_inr, format_money, BudgetNotice, Notification, WatchAction, WatchError,
    WatchUpdate, BUDGET_EVENT, UPDATE_EVENT,
};
