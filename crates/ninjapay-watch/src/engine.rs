//! The watcher: one tokio task owning every watch, a time-ordered scan of due checks, the shared
//! budget, and the store.
//!
//! Each loop: dispatch what is due (Check now first, at user priority; then one Transactions
//! call for the due Lightning payments it can cover; then the other due checks, least recently
//! checked first, while the budget allows), then sleep until the next due check, a command, or
//! a finished check. Checks run concurrently (bounded); their results come back to the loop,
//! which alone changes state, emits updates and saves.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ninjapay::schedule::PollSchedule;
use ninjapay::Error;
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc, oneshot};
use tokio::task::JoinSet;

use crate::budget::{Budget, Denied, Priority, LOCAL_HOLD_PREFIX};
use crate::checker::Checker;
use crate::kind::{Money, Observation, WatchKind, WatchStatus};
use crate::store::{Store, StoreFile, StoredWatch, STORE_VERSION};
use crate::update::{BudgetNotice, WatchAction, WatchError, WatchUpdate};

/// How the watcher behaves.
#[derive(Debug, Clone)]
pub struct WatcherConfig {
    /// Where watches are kept; `None` keeps them in memory only.
    pub store_path: Option<std::path::PathBuf>,
    /// A fixed first check (tests); `None` draws one in 20–25 s per watch.
    pub first_check: Option<Duration>,
    /// Checks in flight at once.
    pub max_in_flight: usize,
    /// How many payments one Transactions call lists (1–100).
    pub history_limit: u32,
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
    /// When the last scheduled check (or the one final check after a restart) fails with a
    /// transient error, it is retried after the usual back-off up to this many times before
    /// the watch ends as "still pending" (with the error kept).
    pub final_retries: u32,
}

impl Default for WatcherConfig {
    fn default() -> Self {
        WatcherConfig {
            store_path: None,
            first_check: None,
            max_in_flight: 8,
            history_limit: 100,
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

/// What to watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WatchRequest {
    /// Which endpoint checks it.
    pub kind: WatchKind,
    /// Its tid.
    pub tid: String,
    /// When it started (unix ms); `None` = now.
    #[serde(default)]
    pub started_at: Option<i64>,
    /// How much, for notifications before the first check.
    #[serde(default)]
    pub amount: Option<Money>,
    /// The fiat side.
    #[serde(default)]
    pub fiat: Option<Money>,
    /// A description or title.
    #[serde(default)]
    pub label: Option<String>,
}

impl WatchRequest {
    /// Watch `tid` as `kind`, starting now.
    pub fn new(kind: WatchKind, tid: impl Into<String>) -> Self {
        WatchRequest {
            kind,
            tid: tid.into(),
            started_at: None,
            amount: None,
            fiat: None,
            label: None,
        }
    }

    /// After `receive`.
    pub fn payment(p: &ninjapay::Payment) -> Self {
        let obs = crate::kind::observe_payment(p, 0);
        WatchRequest {
            amount: obs.amount,
            fiat: obs.fiat,
            label: obs.label,
            ..Self::new(WatchKind::Payment, p.tid.to_string())
        }
    }

    /// After `request_quote`.
    pub fn quote(q: &ninjapay::QuoteInvoice) -> Self {
        WatchRequest {
            amount: q
                .sending_asset_amount
                .map(|a| Money::new(a, q.sending_asset.as_deref().unwrap_or("BTC"))),
            fiat: q.fiat_amount.map(|a| Money::new(a, "INR")),
            ..Self::new(WatchKind::Quote, q.tid.to_string())
        }
    }

    /// After `request_token`.
    pub fn token(t: &ninjapay::TokenCreated) -> Self {
        Self::new(WatchKind::Token, t.token.to_string())
    }

    /// After `request_voucher`.
    pub fn voucher(v: &ninjapay::Voucher) -> Self {
        WatchRequest {
            amount: Some(Money::new(
                v.amount * ninjapay::Decimal::from(v.count()),
                "BTC",
            )),
            label: v.title.clone(),
            ..Self::new(WatchKind::Voucher, v.tid.to_string())
        }
    }
}

/// What the watcher sends out.
#[derive(Debug, Clone, PartialEq, Eq)]
// Almost every event is an update; boxing it would only add an allocation per event.
#[allow(clippy::large_enum_variant)]
pub enum WatchEvent {
    /// Emit as [`crate::UPDATE_EVENT`].
    Update(WatchUpdate),
    /// Emit as [`crate::BUDGET_EVENT`].
    Budget(BudgetNotice),
}

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

/// The watcher is gone (shut down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the watcher has stopped")
    }
}

impl std::error::Error for Closed {}

enum Cmd {
    Watch(WatchRequest, oneshot::Sender<WatchUpdate>),
    CheckNow(u64, oneshot::Sender<bool>),
    Stop(u64, oneshot::Sender<bool>),
    WatchAgain(u64, oneshot::Sender<bool>),
    Forget(u64, oneshot::Sender<bool>),
    Shutdown(oneshot::Sender<()>),
}

/// The handle the shell keeps. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Watcher {
    tx: mpsc::UnboundedSender<Cmd>,
    events: broadcast::Sender<WatchEvent>,
    snapshot: Arc<Mutex<BTreeMap<u64, WatchUpdate>>>,
    stats: Arc<Mutex<WatchStats>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Watcher {
    /// Loads the store, resumes every unfinished watch on its original schedule, and starts the
    /// watcher task (call inside a tokio runtime).
    pub fn start(
        checker: Arc<dyn Checker>,
        budget: Arc<Budget>,
        config: WatcherConfig,
    ) -> io::Result<Watcher> {
        let store = config.store_path.clone().map(Store::new);
        let file = match &store {
            Some(s) => s.load()?,
            None => StoreFile::default(),
        };
        let (tx, rx) = mpsc::unbounded_channel();
        let (events, _) = broadcast::channel(4096);
        let snapshot = Arc::new(Mutex::new(BTreeMap::new()));
        let stats = Arc::new(Mutex::new(WatchStats::default()));
        let saver = store.map(|s| Saver::start(s, stats.clone()));
        let mut engine = Engine {
            checker,
            budget,
            config,
            saver,
            next_id: file.next_id.max(1),
            items: BTreeMap::new(),
            events: events.clone(),
            snapshot: snapshot.clone(),
            stats: stats.clone(),
            jobs: JoinSet::new(),
            dirty: false,
            last_save: tokio::time::Instant::now(),
            delay: None,
            history_off_until: 0,
            history_in_flight: false,
        };
        engine.resume(file);
        tokio::spawn(engine.run(rx));
        Ok(Watcher {
            tx,
            events,
            snapshot,
            stats,
        })
    }

    /// Watches `request` (or returns the existing watch of the same kind and tid: nothing is
    /// watched twice; an ended one is watched again).
    pub async fn watch(&self, request: WatchRequest) -> Result<WatchUpdate, Closed> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(Cmd::Watch(request, tx)).map_err(|_| Closed)?;
        rx.await.map_err(|_| Closed)
    }

    /// Checks one watch now at user priority, without shifting its schedule. False if there is
    /// no such watch.
    pub async fn check_now(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::CheckNow(id, tx)).await
    }

    /// Stops a watch.
    pub async fn stop(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::Stop(id, tx)).await
    }

    /// Starts an ended watch's schedule again from now.
    pub async fn watch_again(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::WatchAgain(id, tx)).await
    }

    /// Removes a watch from the list for good (the UI's Dismiss). An active watch is stopped
    /// first, without a notification. False if there is no such watch.
    pub async fn forget(&self, id: u64) -> Result<bool, Closed> {
        self.ask(|tx| Cmd::Forget(id, tx)).await
    }

    async fn ask(&self, cmd: impl FnOnce(oneshot::Sender<bool>) -> Cmd) -> Result<bool, Closed> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(cmd(tx)).map_err(|_| Closed)?;
        rx.await.map_err(|_| Closed)
    }

    /// Every watch's latest state (active first, then ended, newest first): load this, then
    /// listen to [`Watcher::subscribe`].
    pub fn list(&self) -> Vec<WatchUpdate> {
        let mut v: Vec<WatchUpdate> = lock(&self.snapshot).values().cloned().collect();
        v.sort_by_key(|u| (u.is_final, std::cmp::Reverse(u.started_at), u.id));
        v
    }

    /// Updates and budget notices from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<WatchEvent> {
        self.events.subscribe()
    }

    /// Counters.
    pub fn stats(&self) -> WatchStats {
        lock(&self.stats).clone()
    }

    /// Saves and stops the task; watches resume at the next start.
    pub async fn shutdown(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Cmd::Shutdown(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

#[derive(Debug)]
struct Item {
    w: StoredWatch,
    schedule: PollSchedule,
    /// Next scheduled check (unix ms); `None` once ended.
    due_at: Option<i64>,
    /// Back-off: no scheduled check before this.
    not_before: i64,
    in_flight: bool,
    check_now: bool,
    /// Not found in the last Transactions list: check it on its own from now on.
    history_miss: bool,
    failures: u32,
    /// Retries made after the schedule ran out (a transient failure on the last check).
    end_retries: u32,
    /// When a budget wait started holding this item's check back.
    held_since: Option<i64>,
}

enum JobKind {
    Single {
        id: u64,
        user: bool,
        due_at: Option<i64>,
        late: Option<String>,
    },
    History {
        ids: Vec<u64>,
        sent_at: i64,
    },
}

enum JobResult {
    Single(Result<Observation, Error>),
    History(Result<Vec<(String, Observation)>, Error>),
}

struct Engine {
    checker: Arc<dyn Checker>,
    budget: Arc<Budget>,
    config: WatcherConfig,
    saver: Option<Saver>,
    next_id: u64,
    items: BTreeMap<u64, Item>,
    events: broadcast::Sender<WatchEvent>,
    snapshot: Arc<Mutex<BTreeMap<u64, WatchUpdate>>>,
    stats: Arc<Mutex<WatchStats>>,
    jobs: JoinSet<(JobKind, JobResult)>,
    dirty: bool,
    last_save: tokio::time::Instant,
    /// The budget's current hold-up, if any: (reason, retry at).
    delay: Option<(String, i64)>,
    history_off_until: i64,
    /// One Transactions call at a time: payments due meanwhile wait for its answer.
    history_in_flight: bool,
}

fn is_fatal(e: &Error) -> bool {
    matches!(
        e,
        Error::Unauthorized { .. }
            | Error::Forbidden { .. }
            | Error::NotFound { .. }
            | Error::AdminKeyRequired { .. }
            | Error::Validation { .. }
    )
}

fn fatal_message(e: &Error) -> String {
    let why = match e {
        Error::Unauthorized { .. } => "Ninjapay did not accept the API key (401)",
        Error::Forbidden { .. } => "the API key is not allowed to check this (403)",
        Error::NotFound { .. } => "Ninjapay does not know this id (404)",
        Error::AdminKeyRequired { .. } => "checking this needs the Admin key",
        _ => "Ninjapay refused the check",
    };
    format!("Stopped watching: {why}. {e}")
}

impl Engine {
    fn now(&self) -> i64 {
        self.budget.clock().now_ms()
    }

    fn schedule_for(&self) -> PollSchedule {
        match self.config.first_check {
            Some(d) => PollSchedule::new(d),
            None => PollSchedule::jittered(),
        }
    }

    /// The next scheduled check strictly after `pos_ms` into the schedule, as unix ms.
    fn next_due(item: &Item, pos_ms: u64) -> Option<i64> {
        item.schedule
            .next_after(Duration::from_millis(pos_ms))
            .map(|d| item.w.started_at + d.as_millis() as i64)
    }

    fn resume(&mut self, file: StoreFile) {
        for w in file.watches {
            self.next_id = self.next_id.max(w.id + 1);
            let schedule = PollSchedule::new(Duration::from_millis(w.first_check_ms));
            let mut item = Item {
                w,
                schedule,
                due_at: None,
                not_before: 0,
                in_flight: false,
                check_now: false,
                history_miss: false,
                failures: 0,
                end_retries: 0,
                held_since: None,
            };
            if !item.w.ended {
                // The first scheduled check after the last one made: if it is in the past (the
                // app was closed), it is due now, once; the schedule then goes on from there.
                // A schedule that ran out while closed still gets that one final check.
                item.due_at = Self::next_due(&item, item.w.schedule_pos_ms)
                    .or(Some(item.w.started_at + item.w.schedule_pos_ms as i64));
            }
            let update = self.update_of(&item, None);
            lock(&self.snapshot).insert(item.w.id, update);
            self.items.insert(item.w.id, item);
        }
    }

    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Cmd>) {
        loop {
            let wake = self.dispatch();
            self.maybe_save(false);
            let now = self.now();
            let mut sleep_for = self.config.max_sleep;
            if let Some(at) = wake {
                sleep_for = sleep_for.min(self.budget.clock().real_duration(at - now));
            }
            if self.dirty {
                let since = self.last_save.elapsed();
                sleep_for = sleep_for.min(self.config.save_interval.saturating_sub(since));
            }
            tokio::select! {
                cmd = rx.recv() => match cmd {
                    Some(Cmd::Shutdown(done)) => {
                        self.jobs.abort_all();
                        // Answered once the last save is on disk.
                        self.save_then(move || {
                            let _ = done.send(());
                        });
                        return;
                    }
                    Some(cmd) => self.command(cmd),
                    None => {
                        self.maybe_save(true);
                        return;
                    }
                },
                Some(done) = self.jobs.join_next(), if !self.jobs.is_empty() => {
                    if let Ok((kind, result)) = done {
                        self.finish(kind, result);
                    }
                }
                _ = tokio::time::sleep(sleep_for) => {}
            }
        }
    }

    fn command(&mut self, cmd: Cmd) {
        let now = self.now();
        match cmd {
            Cmd::Watch(req, reply) => {
                let existing = self
                    .items
                    .values()
                    .find(|i| i.w.kind == req.kind && i.w.tid == req.tid.trim())
                    .map(|i| (i.w.id, i.w.ended));
                let id = match existing {
                    Some((id, false)) => id,
                    Some((id, true)) => {
                        self.restart(id, req.started_at.unwrap_or(now));
                        id
                    }
                    None => {
                        let id = self.next_id;
                        self.next_id += 1;
                        let schedule = self.schedule_for();
                        let started_at = req.started_at.unwrap_or(now);
                        let mut item = Item {
                            w: StoredWatch {
                                id,
                                kind: req.kind,
                                tid: req.tid.trim().to_owned(),
                                started_at,
                                first_check_ms: schedule.first().as_millis() as u64,
                                attempt: 0,
                                last_checked_at: None,
                                schedule_pos_ms: 0,
                                status: WatchStatus::Pending,
                                raw_status: None,
                                ended: false,
                                error: None,
                                amount: req.amount,
                                fiat: req.fiat,
                                label: req.label,
                            },
                            schedule,
                            due_at: None,
                            not_before: 0,
                            in_flight: false,
                            check_now: false,
                            history_miss: false,
                            failures: 0,
                            end_retries: 0,
                            held_since: None,
                        };
                        item.due_at = Self::next_due(&item, 0);
                        self.items.insert(id, item);
                        self.emit(id, None);
                        self.prune();
                        id
                    }
                };
                // Answered once the watch is on disk (a crash right after cannot lose it).
                let update = lock(&self.snapshot).get(&id).cloned();
                self.save_then(move || {
                    if let Some(u) = update {
                        let _ = reply.send(u);
                    }
                });
            }
            Cmd::CheckNow(id, reply) => {
                let found = self
                    .items
                    .get_mut(&id)
                    .map(|i| i.check_now = true)
                    .is_some();
                let _ = reply.send(found);
            }
            Cmd::Stop(id, reply) => {
                let found = match self.items.get_mut(&id) {
                    Some(i) if !i.w.ended => {
                        i.w.ended = true;
                        i.w.status = WatchStatus::Stopped;
                        i.due_at = None;
                        i.check_now = false;
                        true
                    }
                    Some(_) => true,
                    None => false,
                };
                if found {
                    self.emit(id, None);
                    self.save_then(move || {
                        let _ = reply.send(true);
                    });
                } else {
                    let _ = reply.send(false);
                }
            }
            Cmd::WatchAgain(id, reply) => {
                let found = self.items.contains_key(&id);
                if found {
                    self.restart(id, now);
                    self.save_then(move || {
                        let _ = reply.send(true);
                    });
                } else {
                    let _ = reply.send(false);
                }
            }
            Cmd::Forget(id, reply) => {
                // A check in flight for it is dropped when it comes back (`apply` finds no item).
                let found = self.items.remove(&id).is_some();
                lock(&self.snapshot).remove(&id);
                if found {
                    self.save_then(move || {
                        let _ = reply.send(true);
                    });
                } else {
                    let _ = reply.send(false);
                }
            }
            Cmd::Shutdown(_) => {}
        }
    }

    fn restart(&mut self, id: u64, started_at: i64) {
        let schedule = self.schedule_for();
        if let Some(i) = self.items.get_mut(&id) {
            i.schedule = schedule;
            i.w.started_at = started_at;
            i.w.first_check_ms = schedule.first().as_millis() as u64;
            i.w.attempt = 0;
            i.w.schedule_pos_ms = 0;
            i.w.ended = false;
            i.w.status = WatchStatus::Pending;
            i.w.error = None;
            i.failures = 0;
            i.end_retries = 0;
            i.not_before = 0;
            i.history_miss = false;
            i.due_at = Self::next_due(i, 0);
        }
        self.emit(id, None);
    }

    /// Starts every check that is due and allowed; returns when to look again.
    fn dispatch(&mut self) -> Option<i64> {
        let now = self.now();
        let max = self.config.max_in_flight.max(1);
        let mut wake: Option<i64> = None;
        let soonest = |t: i64, wake: &mut Option<i64>| {
            *wake = Some(wake.map_or(t, |w| w.min(t)));
        };

        // 1. Check now: the user's click, from the user's share.
        let clicked: Vec<u64> = self
            .items
            .values()
            .filter(|i| i.check_now && !i.in_flight)
            .map(|i| i.w.id)
            .collect();
        for id in clicked {
            if self.jobs.len() >= max {
                break;
            }
            let kind = self.items[&id].w.kind;
            match self
                .budget
                .try_acquire(Priority::User, kind.endpoint().path)
            {
                Ok(()) => {
                    let item = self.items.get_mut(&id).expect("listed");
                    item.check_now = false;
                    self.spawn_single(id, true, None, None);
                }
                Err(d) => soonest(d.retry_at_ms, &mut wake),
            }
        }

        // Due scheduled checks, least recently checked first (fair when the budget is short).
        let mut due: Vec<(i64, i64, u64)> = Vec::new();
        for i in self.items.values() {
            if i.in_flight {
                continue;
            }
            if let Some(d) = i.due_at {
                let at = d.max(i.not_before);
                if at <= now {
                    due.push((i.w.last_checked_at.unwrap_or(i.w.started_at), at, i.w.id));
                } else {
                    soonest(at, &mut wake);
                }
            }
        }
        if due.is_empty() {
            self.set_delay(None);
            return wake;
        }
        due.sort();

        // 2. One Transactions call for the due Lightning payments it may cover.
        let history_ok = self.config.use_history && now >= self.history_off_until;
        let mut taken: HashSet<u64> = HashSet::new();
        if history_ok && self.jobs.len() < max {
            let candidates: Vec<u64> = due
                .iter()
                .map(|d| d.2)
                .filter(|id| {
                    let i = &self.items[id];
                    i.w.kind == WatchKind::Payment && !i.history_miss
                })
                .collect();
            let watched_payments = self
                .items
                .values()
                .filter(|i| i.w.kind == WatchKind::Payment && !i.w.ended && !i.history_miss)
                .count();
            if self.history_in_flight {
                taken.extend(candidates);
            } else if !candidates.is_empty() && watched_payments >= 2 {
                if let Some(fut) = self
                    .checker
                    .history(self.config.history_limit, now.div_euclid(1000))
                {
                    match self
                        .budget
                        .try_acquire(Priority::Background, ninjapay::endpoints::HISTORY.path)
                    {
                        Ok(()) => {
                            for id in &candidates {
                                if let Some(i) = self.items.get_mut(id) {
                                    i.in_flight = true;
                                    i.held_since = None;
                                }
                                taken.insert(*id);
                            }
                            lock(&self.stats).history_calls += 1;
                            self.history_in_flight = true;
                            let fut = Budget::prepaid(1, fut);
                            self.jobs.spawn(async move {
                                let r = fut.await;
                                (
                                    JobKind::History {
                                        ids: candidates,
                                        sent_at: now,
                                    },
                                    JobResult::History(r),
                                )
                            });
                        }
                        Err(d) => {
                            self.held(&due, &d, now);
                            return Some(wake.map_or(d.retry_at_ms, |w| w.min(d.retry_at_ms)));
                        }
                    }
                }
            }
        }

        // 3. The rest, one check each.
        for &(_, _, id) in &due {
            if taken.contains(&id) {
                continue;
            }
            if self.jobs.len() >= max {
                // Woken again when a check finishes.
                break;
            }
            let kind = self.items[&id].w.kind;
            match self
                .budget
                .try_acquire(Priority::Background, kind.endpoint().path)
            {
                Ok(()) => {
                    let item = self.items.get_mut(&id).expect("due");
                    let due_at = item.due_at;
                    let late = item.held_since.take().and_then(|since| {
                        let late_s = (now - due_at.unwrap_or(since)) / 1000;
                        (late_s >= 2).then(|| {
                            let why = self
                                .delay
                                .as_ref()
                                .map_or("the request budget is short", |d| d.0.as_str());
                            format!("Checked {late_s} s late: {why}.")
                        })
                    });
                    self.spawn_single(id, false, due_at, late);
                }
                Err(d) => {
                    let rest: Vec<(i64, i64, u64)> = due
                        .iter()
                        .filter(|x| !taken.contains(&x.2) && !self.items[&x.2].in_flight)
                        .copied()
                        .collect();
                    self.held(&rest, &d, now);
                    return Some(wake.map_or(d.retry_at_ms, |w| w.min(d.retry_at_ms)));
                }
            }
        }
        self.set_delay(None);
        wake
    }

    /// Due checks wait for the budget: remember since when, and tell the UI why.
    fn held(&mut self, due: &[(i64, i64, u64)], d: &Denied, now: i64) {
        lock(&self.stats).budget_waits += 1;
        for &(_, _, id) in due {
            if let Some(i) = self.items.get_mut(&id) {
                i.held_since.get_or_insert(now);
            }
        }
        self.set_delay(Some((d.reason.clone(), d.retry_at_ms)));
    }

    fn set_delay(&mut self, delay: Option<(String, i64)>) {
        let changed = match (&self.delay, &delay) {
            (None, None) => false,
            (Some(a), Some(b)) => a.0 != b.0,
            _ => true,
        };
        self.delay = delay;
        if changed {
            let active = self.items.values().filter(|i| !i.w.ended).count();
            let waiting = self
                .items
                .values()
                .filter(|i| i.held_since.is_some() && !i.in_flight)
                .count();
            let reason = self.delay.as_ref().map(|d| {
                format!(
                    "Checks are being delayed: {active} items are being watched and {}.",
                    d.0
                )
            });
            let _ = self.events.send(WatchEvent::Budget(BudgetNotice {
                delayed: self.delay.is_some(),
                reason,
                waiting,
                active,
            }));
        }
    }

    fn spawn_single(&mut self, id: u64, user: bool, due_at: Option<i64>, late: Option<String>) {
        let now = self.now();
        let Some(item) = self.items.get_mut(&id) else {
            return;
        };
        item.in_flight = true;
        let fut = self
            .checker
            .check(item.w.kind, &item.w.tid, now.div_euclid(1000));
        lock(&self.stats).checks += 1;
        let fut = Budget::prepaid(1, fut);
        self.jobs.spawn(async move {
            let r = fut.await;
            (
                JobKind::Single {
                    id,
                    user,
                    due_at,
                    late,
                },
                JobResult::Single(r),
            )
        });
    }

    fn finish(&mut self, kind: JobKind, result: JobResult) {
        let now = self.now();
        if matches!(kind, JobKind::History { .. }) {
            self.history_in_flight = false;
        }
        match (kind, result) {
            (
                JobKind::Single {
                    id,
                    user,
                    due_at,
                    late,
                },
                JobResult::Single(r),
            ) => {
                if let Some(i) = self.items.get_mut(&id) {
                    i.in_flight = false;
                }
                self.apply(id, now, user, due_at, r, late);
            }
            (JobKind::History { ids, sent_at }, JobResult::History(Ok(list))) => {
                let asked: HashSet<u64> = ids.iter().copied().collect();
                let by_tid: HashMap<String, u64> = self
                    .items
                    .values()
                    .filter(|i| i.w.kind == WatchKind::Payment && !i.w.ended)
                    .map(|i| (i.w.tid.clone(), i.w.id))
                    .collect();
                let mut seen = HashSet::new();
                let mut listed = HashSet::new();
                for (tid, obs) in list {
                    let Some(&id) = by_tid.get(&tid) else {
                        continue;
                    };
                    listed.insert(id);
                    if asked.contains(&id) {
                        seen.insert(id);
                        if let Some(i) = self.items.get_mut(&id) {
                            i.in_flight = false;
                        }
                        let due_at = self.items.get(&id).and_then(|i| i.due_at);
                        if obs.is_final {
                            lock(&self.stats).settled_by_history += 1;
                        }
                        self.apply(id, now, false, due_at, Ok(obs), None);
                    } else if !self.items[&id].in_flight {
                        // Listed though not due yet: the answer is as fresh as a check, so it
                        // counts as one (a payment settled between its checks is seen at once,
                        // and the listed payments fall into step, one call serving them all).
                        if obs.is_final {
                            lock(&self.stats).settled_by_history += 1;
                        }
                        let coalesce = self.config.history_coalesce.as_millis() as i64;
                        let slot = self.items[&id].due_at.filter(|d| *d <= now + coalesce);
                        self.apply(id, now, false, slot, Ok(obs), None);
                    }
                }
                for id in ids {
                    if !seen.contains(&id) {
                        if let Some(i) = self.items.get_mut(&id) {
                            i.in_flight = false;
                        }
                    }
                }
                // The list is newest first: a payment watched before the call and not in it has
                // been pushed out of the newest `limit` for good. Checked on its own from now on.
                for i in self.items.values_mut() {
                    if i.w.kind == WatchKind::Payment
                        && !i.w.ended
                        && i.w.started_at <= sent_at
                        && !listed.contains(&i.w.id)
                    {
                        i.history_miss = true;
                    }
                }
            }
            (JobKind::History { ids, .. }, JobResult::History(Err(e))) => {
                tracing::debug!(code = e.code(), "history failed; checking one by one");
                self.note_error(&e);
                self.history_off_until = now + 60_000;
                for id in ids {
                    if let Some(i) = self.items.get_mut(&id) {
                        i.in_flight = false;
                    }
                }
            }
            _ => {}
        }
    }

    fn note_error(&mut self, e: &Error) {
        *lock(&self.stats)
            .errors
            .entry(e.code().to_owned())
            .or_default() += 1;
        if let Error::RateLimited {
            retry_after,
            message,
        } = e
        {
            if !message.starts_with(LOCAL_HOLD_PREFIX) {
                self.budget.note_server_limit(*retry_after);
            }
        }
    }

    /// Applies one check's outcome. `off_schedule` checks (Check now, free history sightings)
    /// never move the schedule.
    fn apply(
        &mut self,
        id: u64,
        now: i64,
        off_schedule: bool,
        due_at: Option<i64>,
        result: Result<Observation, Error>,
        late: Option<String>,
    ) {
        if let Err(e) = &result {
            self.note_error(e);
        }
        let base_backoff = self.config.base_backoff;
        let max_backoff = self.config.max_backoff;
        let final_retries = self.config.final_retries;
        let Some(i) = self.items.get_mut(&id) else {
            return;
        };
        i.w.attempt += 1;
        i.w.last_checked_at = Some(now);
        let was_ended = i.w.ended;
        if !off_schedule && !was_ended {
            // The scheduled point this check served (or now, when it ran late).
            let pos = (now - i.w.started_at).max(0) as u64;
            let served = due_at.map_or(0, |d| (d - i.w.started_at).max(0) as u64);
            i.w.schedule_pos_ms = pos.max(served);
        }
        match result {
            Ok(obs) => {
                i.failures = 0;
                i.w.error = None;
                i.w.raw_status = Some(obs.raw_status);
                if obs.amount.is_some() {
                    i.w.amount = obs.amount;
                }
                if obs.fiat.is_some() {
                    i.w.fiat = obs.fiat;
                }
                if obs.label.is_some() {
                    i.w.label = obs.label;
                }
                if obs.is_final {
                    i.w.status = obs.status;
                    i.w.ended = true;
                    i.due_at = None;
                } else if !was_ended {
                    i.w.status = obs.status;
                }
            }
            Err(e) if is_fatal(&e) => {
                i.w.error = Some(WatchError {
                    code: e.code().to_owned(),
                    message: fatal_message(&e),
                    transient: false,
                });
                if !was_ended || i.w.status == WatchStatus::StillPending {
                    i.w.status = WatchStatus::Error;
                }
                i.w.ended = true;
                i.due_at = None;
            }
            Err(e) => {
                // A failed Check now leaves the schedule alone too.
                if !off_schedule {
                    i.failures += 1;
                    let backoff = base_backoff
                        .saturating_mul(1u32 << (i.failures - 1).min(16))
                        .min(max_backoff)
                        .max(e.retry_after().unwrap_or_default());
                    i.not_before = now + backoff.as_millis() as i64;
                }
                i.w.error = Some(WatchError {
                    code: e.code().to_owned(),
                    message: format!("{e} — trying again later."),
                    transient: true,
                });
            }
        }
        if !i.w.ended && !off_schedule {
            i.due_at = Self::next_due(i, i.w.schedule_pos_ms);
            if i.due_at.is_none() {
                let transient = i.w.error.as_ref().is_some_and(|e| e.transient);
                if transient && i.end_retries < final_retries {
                    // The last check failed (timeout, 5xx, 429): that says nothing about the
                    // payment, so retry it after the back-off rather than end on a failure.
                    i.end_retries += 1;
                    i.due_at = Some(now);
                } else {
                    i.w.ended = true;
                    i.w.status = WatchStatus::StillPending;
                }
            }
        }
        let ended_now = i.w.ended && !was_ended;
        self.emit(id, late);
        if ended_now {
            self.prune();
        }
        // Saved within `save_interval`: after a crash, at worst one check is made again.
        self.dirty = true;
    }

    fn update_of(&self, i: &Item, delayed: Option<String>) -> WatchUpdate {
        let actions = if i.w.ended {
            vec![WatchAction::CheckNow, WatchAction::WatchAgain]
        } else {
            vec![WatchAction::CheckNow, WatchAction::Stop]
        };
        WatchUpdate {
            id: i.w.id,
            kind: i.w.kind,
            tid: i.w.tid.clone(),
            status: i.w.status,
            raw_status: i.w.raw_status.clone(),
            attempt: i.w.attempt,
            started_at: i.w.started_at,
            last_checked_at: i.w.last_checked_at,
            next_check_at: if i.w.ended {
                None
            } else {
                i.due_at.map(|d| d.max(i.not_before))
            },
            is_final: i.w.ended,
            error: i.w.error.clone(),
            delayed,
            amount: i.w.amount.clone(),
            fiat: i.w.fiat.clone(),
            label: i.w.label.clone(),
            actions,
        }
    }

    fn emit(&mut self, id: u64, delayed: Option<String>) {
        let Some(i) = self.items.get(&id) else { return };
        let update = self.update_of(i, delayed);
        lock(&self.snapshot).insert(id, update.clone());
        let _ = self.events.send(WatchEvent::Update(update));
    }

    /// Forgets the oldest ended watches beyond `keep_ended`.
    fn prune(&mut self) {
        let mut ended: Vec<(i64, u64)> = self
            .items
            .values()
            .filter(|i| i.w.ended && !i.in_flight)
            .map(|i| (i.w.last_checked_at.unwrap_or(i.w.started_at), i.w.id))
            .collect();
        if ended.len() <= self.config.keep_ended {
            return;
        }
        ended.sort();
        let excess = ended.len() - self.config.keep_ended;
        let mut snap = lock(&self.snapshot);
        for (_, id) in ended.into_iter().take(excess) {
            self.items.remove(&id);
            snap.remove(&id);
        }
        self.dirty = true;
    }

    fn maybe_save(&mut self, force: bool) {
        if !(self.dirty || force) {
            return;
        }
        if !force && self.last_save.elapsed() < self.config.save_interval {
            return;
        }
        self.save(None);
    }

    /// Saves now and runs `then` once the file is on disk (at once without a store).
    fn save_then(&mut self, then: impl FnOnce() + Send + 'static) {
        self.save(Some(Box::new(then)));
    }

    /// Hands a snapshot to the writer task: the loop never waits for the disk.
    fn save(&mut self, then: Option<Ack>) {
        self.dirty = false;
        self.last_save = tokio::time::Instant::now();
        let Some(saver) = &self.saver else {
            if let Some(f) = then {
                f();
            }
            return;
        };
        let file = StoreFile {
            version: STORE_VERSION,
            next_id: self.next_id,
            watches: self.items.values().map(|i| i.w.clone()).collect(),
        };
        saver.send(file, then);
    }
}

/// Runs after a save (a reply to a command).
type Ack = Box<dyn FnOnce() + Send>;

/// The store's writer: a task that writes snapshots in order, off the watcher loop, with the
/// write and fsyncs on the blocking pool. Snapshots queued while one is written are merged
/// (only the newest is written); a failed write is retried a second later unless a newer
/// snapshot comes first.
struct Saver {
    tx: mpsc::UnboundedSender<(StoreFile, Option<Ack>)>,
}

impl Saver {
    fn start(store: Store, stats: Arc<Mutex<WatchStats>>) -> Saver {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(Self::write_loop(store, stats, rx));
        Saver { tx }
    }

    fn send(&self, file: StoreFile, then: Option<Ack>) {
        // If the writer is gone (runtime shutting down), nothing more can be saved: answer.
        if let Err(mpsc::error::SendError((_, Some(f)))) = self.tx.send((file, then)) {
            f();
        }
    }

    async fn write_loop(
        store: Store,
        stats: Arc<Mutex<WatchStats>>,
        mut rx: mpsc::UnboundedReceiver<(StoreFile, Option<Ack>)>,
    ) {
        let mut retry: Option<StoreFile> = None;
        loop {
            let mut acks: Vec<Ack> = Vec::new();
            let mut file = tokio::select! {
                job = rx.recv() => match job {
                    Some((f, a)) => {
                        acks.extend(a);
                        f
                    }
                    None => match retry.take() {
                        // The watcher stopped with a failed write pending: one last try.
                        Some(f) => f,
                        None => return,
                    },
                },
                _ = tokio::time::sleep(Duration::from_secs(1)), if retry.is_some() => {
                    retry.take().expect("checked")
                }
            };
            while let Ok((f, a)) = rx.try_recv() {
                file = f;
                acks.extend(a);
            }
            retry = None;
            let s = store.clone();
            let done = tokio::task::spawn_blocking(move || match s.save(&file) {
                Ok(()) => Ok(()),
                Err(e) => Err((e, file)),
            })
            .await;
            match done {
                Ok(Ok(())) => lock(&stats).saves += 1,
                Ok(Err((e, file))) => {
                    tracing::warn!(error = %e, path = %store.path().display(), "could not save watches; retrying");
                    retry = Some(file);
                }
                Err(e) => tracing::warn!(error = %e, "the watch store writer failed"),
            }
            for a in acks {
                a();
            }
        }
    }
}
