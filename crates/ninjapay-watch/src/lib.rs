//! # ninjapay-watch — watching pending Ninjapay items until they turn final
//!
//! Tauri-free: the desktop shell forwards [`WatchEvent`]s as Tauri events
//! ([`UPDATE_EVENT`] = `watch://update`, [`BUDGET_EVENT`] = `watch://budget`) and shows
//! [`WatchUpdate::notification`] for final states.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
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
//! // Nothing is checked until the shell says which account is in use (and again on a switch).
//! watcher.set_active(Some(Account::Sandbox)).await?;
//! let current = watcher.list();            // the UI loads this first…
//! let mut events = watcher.subscribe();    // …then listens
//! let tid = Tid::parse("210N66027HB789")?;
//! watcher.watch(WatchRequest::new(Account::Sandbox, WatchKind::Voucher, tid)).await?;
//! # let _ = (current, &mut events);
//! # Ok(()) }
//! ```
//!
//! ## Behaviour
//! - **Accounts**: every watch carries the [`Account`] it was made in (Sandbox, or a Live
//!   server) and is only ever checked there: the [`Checker`] is handed that account with each
//!   check. [`Watcher::set_active`] names the account in use; the other accounts' unfinished
//!   watches are *paused* — not checked, not failed, not ended; their update says `paused` with
//!   no next check, once when they pause and again when they resume. A check missed while
//!   paused is made once, at once, on resuming, and the schedule goes on from there (a watch
//!   whose 10 minutes ran out meanwhile gets one final check). The same kind and tid in two
//!   accounts are two watches. Watches from a store file written before accounts are adopted
//!   by the first account made active (or by a request naming the same kind and tid).
//! - **Schedule**: [`ninjapay::schedule::PollSchedule`] — first check 20–25 s after the start,
//!   then every 3 s for 30 s, 6 s for 60 s, 10 s for 60 s, 30 s for 60 s, 60 s until 10
//!   minutes; then the watch ends as [`WatchStatus::StillPending`] with Check now and Watch
//!   again. A check that ran late (budget) does not cause a burst: the next is the first
//!   scheduled time after it. Check now never moves the schedule.
//! - **Budget**: [`Budget`] (see its docs): one sliding window per documented limit, shared with
//!   the user's own requests through [`ninjapay::RequestObserver`], 20% kept for the user,
//!   background checks paced evenly; due checks are served least-recently-checked first and a
//!   [`BudgetNotice`] (counting the active account's watches) says when and why checks are
//!   delayed.
//! - **Transactions batching**: due Lightning payments are settled from one `history` call that
//!   asks for as many records as the active account has pending payments (at least 2, at most
//!   [`WatcherConfig::history_max`]); a payment watched before the call and not in its list
//!   (pushed out by newer payments, or the server listed fewer than asked) is then checked on
//!   its own. Payments it shows final between their checks are reported at once. A server that
//!   refuses a long list is asked for at most 100 from then on.
//! - **Errors**: timeouts, network errors, 5xx, 429 and unreadable answers back off and go on;
//!   401, 403, 404 and refused requests end the watch with the reason. A transient failure of
//!   the last scheduled check (or of the one final check after a restart or a pause) is retried
//!   after the back-off (up to [`WatcherConfig::final_retries`] times) before the watch ends as
//!   still pending.
//! - **Stop and forget**: [`Watcher::stop`] ends a watch and keeps it listed (with Watch
//!   again); [`Watcher::forget`] removes it from the list and the store (the UI's Dismiss).
//! - **Restarts**: [`Store`] keeps every watch in one JSON file replaced atomically; on start
//!   each watch resumes from its original start time and schedule, and a check missed while the
//!   app was closed is made once, at once. Saves are made by a writer task (the write and
//!   fsyncs on the blocking pool), so the watcher's loop never waits for the disk; commands
//!   that add, stop or forget a watch (or adopt old ones) answer once it is on disk.
//!
//! ## Layout
//! [`watcher`] is the handle (commands, [`Watcher::list`], events); [`config`] its settings.
//! The engine behind it is one task, split by job: its state and loop, the commands, the
//! dispatch of due checks, and applying their results; a separate writer task saves the
//! [`store`]. [`kind`] reads each kind's answer (and builds [`WatchRequest`]s from fresh
//! records), [`checker`] makes the calls, [`budget`] shares the rate limits, [`update`] holds
//! the event payloads.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod budget;
pub mod checker;
pub mod clock;
pub mod config;
mod engine;
pub mod kind;
mod saver;
mod shared;
pub mod store;
pub mod update;
pub mod watcher;

pub use budget::{Budget, BudgetConfig, Denied, LimitUsage, Priority};
pub use checker::{CheckFuture, Checked, Checker, ClientChecker, HistoryFuture, Recorder};
pub use clock::{Clock, ScaledClock, SystemClock, TokioClock};
pub use config::WatcherConfig;
pub use kind::{Money, Observation, WatchKind, WatchRequest, WatchStatus};
pub use ninjapay::{Account, Tid};
pub use shared::WatchStats;
pub use store::{Store, StoreFile, StoredWatch, STORE_VERSION};
pub use update::{
    format_btc, format_inr, format_money, BudgetNotice, Notification, WatchAction, WatchError,
    WatchEvent, WatchUpdate, BUDGET_EVENT, UPDATE_EVENT,
};
pub use watcher::{Closed, Watcher};
