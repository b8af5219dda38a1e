//! What the engine publishes for the handle to read without a round trip to its task: each
//! watch's latest update, and the counters ([`WatchStats`]).

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use crate::update::WatchUpdate;

/// Counters, for the benchmark and diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchStats {
    /// Single checks sent.
    pub checks: u64,
    /// Transactions calls sent.
    pub history_calls: u64,
    /// Watches settled by a Transactions call.
    pub settled_by_history: u64,
    /// Failed checks by error code.
    pub errors: BTreeMap<String, u64>,
    /// Times a due check had to wait for the budget.
    pub budget_waits: u64,
    /// Store writes.
    pub saves: u64,
}

/// Written by the engine (and the store writer), read by the handle.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// The latest update of every listed watch, by id.
    pub(crate) snapshot: Mutex<BTreeMap<u64, WatchUpdate>>,
    pub(crate) stats: Mutex<WatchStats>,
}

/// Locks, carrying on after a panic elsewhere (the data are plain values, never half-written
/// in a way that matters more than stopping the watcher would).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
