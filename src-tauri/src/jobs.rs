//! Many voucher-batch lookups in a row ("Add batches by tid", "Refresh open batches"): run in the
//! background at the watcher's (background) priority inside the one request budget, so they
//! never trip Ninjapay's lock-out and never crowd out the user's own clicks; each result is
//! filed in the books; progress reaches the page as `ledger://progress`; Cancel stops before the
//! next lookup.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ninjapay::{Account, Client, Tid};
use ninjapay_ledger::{Origin, Seen};
use ninjapay_watch::Budget;
use serde::Serialize;
use tauri::{AppHandle, Runtime};

use crate::books::Books;
use crate::events;

/// What a job does with each tid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Add batches the user pasted.
    Add,
    /// Check the batches that can still change.
    Refresh,
}

/// One tid's result.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TidResult {
    pub tid: String,
    /// `added`, `updated`, `not_found` or `error`.
    pub outcome: &'static str,
    pub message: Option<String>,
}

/// The `ledger://progress` payload.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub job: u64,
    pub kind: JobKind,
    pub done: usize,
    pub total: usize,
    /// The result that just came in (none on the first and the last event).
    pub result: Option<TidResult>,
    pub finished: bool,
    pub cancelled: bool,
}

/// Running jobs, by id, with their cancel flags.
#[derive(Debug, Default)]
pub struct Jobs {
    next: AtomicU64,
    cancel: Mutex<HashMap<u64, Arc<AtomicBool>>>,
}

impl Jobs {
    /// Cancel a job (it stops before its next lookup). False if it is not running.
    pub fn cancel(&self, job: u64) -> bool {
        let map = self.cancel.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&job) {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    /// Start looking `tids` up through `client` (of `account`); returns the job id at once.
    pub fn start<R: Runtime>(
        self: &Arc<Self>,
        app: AppHandle<R>,
        books: Arc<Books>,
        account: Account,
        client: Client,
        kind: JobKind,
        tids: Vec<Tid>,
    ) -> u64 {
        let job = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let flag = Arc::new(AtomicBool::new(false));
        self.cancel
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(job, Arc::clone(&flag));
        let jobs = Arc::clone(self);
        tauri::async_runtime::spawn(async move {
            let total = tids.len();
            let progress = |done: usize, result: Option<TidResult>, finished: bool| Progress {
                job,
                kind,
                done,
                total,
                result,
                finished,
                cancelled: flag.load(Ordering::SeqCst),
            };
            events::emit(&app, events::LEDGER_PROGRESS, progress(0, None, false));
            let mut done = 0;
            for tid in tids {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let result = lookup(&client, &books, &account, &tid, kind, &flag).await;
                let Some(result) = result else { break };
                done += 1;
                events::emit(
                    &app,
                    events::LEDGER_PROGRESS,
                    progress(done, Some(result), false),
                );
            }
            events::emit(&app, events::LEDGER_PROGRESS, progress(done, None, true));
            jobs.cancel
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&job);
        });
        job
    }
}

/// One lookup; waits out the budget (or a server's 429) and tries the same tid again. `None`
/// when cancelled while waiting.
async fn lookup(
    client: &Client,
    books: &Books,
    account: &Account,
    tid: &Tid,
    kind: JobKind,
    cancelled: &AtomicBool,
) -> Option<TidResult> {
    loop {
        // Background priority: the budget paces it like the watcher's own checks.
        let answer = Budget::prepaid(0, client.check_voucher(tid)).await;
        let (outcome, message) = match answer {
            Ok(v) => {
                books.file(account, Origin::LookedUp, &[Seen::Voucher(&v)]);
                let outcome = if kind == JobKind::Add {
                    "added"
                } else {
                    "updated"
                };
                (outcome, None)
            }
            Err(ninjapay::Error::NotFound { message }) => ("not_found", Some(message)),
            Err(e @ ninjapay::Error::RateLimited { .. }) => {
                let wait = e.retry_after().unwrap_or(Duration::from_secs(2));
                let until = tokio::time::Instant::now() + wait.min(Duration::from_secs(600));
                while tokio::time::Instant::now() < until {
                    if cancelled.load(Ordering::SeqCst) {
                        return None;
                    }
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                continue;
            }
            Err(e) => ("error", Some(e.to_string())),
        };
        return Some(TidResult {
            tid: tid.to_string(),
            outcome,
            message,
        });
    }
}
