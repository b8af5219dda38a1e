//! The engine: one tokio task owning every watch; it alone changes state, emits updates and
//! saves. Split by job:
//! - this module: the state, start-up (resuming the store), the loop, updates and saves;
//! - `commands`: what the handle asks (watch, set the active account, stop, …);
//! - `dispatch`: choosing the due checks of the active account and sending them inside the
//!   budget (Check now first, then one Transactions call, then single checks);
//! - `apply`: reading finished checks back into the watches.
//!
//! Each loop: dispatch what is due, then sleep until the next due check, a command, or a
//! finished check. Checks run concurrently (bounded); their results come back to the loop.

mod apply;
mod commands;
mod dispatch;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use ninjapay::schedule::PollSchedule;
use ninjapay::{Account, Error, Tid};
use tokio::sync::{broadcast, mpsc, oneshot};
use tokio::task::JoinSet;

use crate::budget::Budget;
use crate::checker::Checker;
use crate::config::WatcherConfig;
use crate::kind::{Observation, WatchKind, WatchRequest, WatchStatus};
use crate::saver::{Ack, Saver};
use crate::shared::{lock, Shared};
use crate::store::{Store, StoreFile, StoredWatch, STORE_VERSION};
use crate::update::{WatchAction, WatchEvent, WatchUpdate};

/// What the handle asks the engine.
pub(crate) enum Cmd {
    Watch(WatchRequest, oneshot::Sender<WatchUpdate>),
    SetActive(Option<Account>, oneshot::Sender<()>),
    CheckNow(u64, oneshot::Sender<bool>),
    Stop(u64, oneshot::Sender<bool>),
    WatchAgain(u64, oneshot::Sender<bool>),
    Forget(u64, oneshot::Sender<bool>),
    Shutdown(oneshot::Sender<()>),
}

/// The longest Transactions list every server is known to accept (the limit older servers and
/// the sandbox enforce). Asked for at most, in an account whose server refused a longer list.
const HISTORY_SAFE_LIMIT: u32 = 100;

/// One watch and its schedule state (only `w` is saved).
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

impl Item {
    /// A watch as saved (new, or read back at start-up). An unfinished one is next due at the
    /// first scheduled check after the last one made: if that is in the past (the app was
    /// closed), it is due now, once, and the schedule goes on from there; a schedule that ran
    /// out meanwhile still gets that one final check.
    fn new(w: StoredWatch) -> Item {
        let mut item = Item {
            schedule: PollSchedule::new(Duration::from_millis(w.first_check_ms)),
            w,
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
            let pos = item.w.schedule_pos_ms;
            item.due_at = item.next_due(pos).or(Some(item.w.started_at + pos as i64));
        }
        item
    }

    /// The same watch on a fresh schedule from `started_at` (Watch again). A check in flight
    /// or a Check now click is kept.
    fn restart(&mut self, started_at: i64, schedule: PollSchedule) {
        let w = StoredWatch {
            started_at,
            first_check_ms: schedule.first().as_millis() as u64,
            attempt: 0,
            schedule_pos_ms: 0,
            ended: false,
            status: WatchStatus::Pending,
            error: None,
            ..self.w.clone()
        };
        *self = Item {
            in_flight: self.in_flight,
            check_now: self.check_now,
            ..Item::new(w)
        };
    }

    /// The next scheduled check strictly after `pos_ms` into the schedule, as unix ms.
    fn next_due(&self, pos_ms: u64) -> Option<i64> {
        self.schedule
            .next_after(Duration::from_millis(pos_ms))
            .map(|d| self.w.started_at + d.as_millis() as i64)
    }

    fn in_account(&self, account: &Account) -> bool {
        self.w.account.as_ref() == Some(account)
    }

    /// A Lightning payment still watched: what one Transactions call can settle.
    fn is_pending_payment(&self) -> bool {
        self.w.kind == WatchKind::Payment && !self.w.ended
    }
}

/// A check sent, as the loop will see it come back.
enum Job {
    Single {
        id: u64,
        user: bool,
        due_at: Option<i64>,
        late: Option<String>,
    },
    History {
        account: Account,
        ids: Vec<u64>,
        sent_at: i64,
        limit: u32,
    },
}

enum JobResult {
    Single(Result<Observation, Error>),
    History(Result<Vec<(Tid, Observation)>, Error>),
}

/// Transactions calls in one account.
#[derive(Debug, Default)]
struct HistoryState {
    /// One call at a time: payments due meanwhile wait for its answer.
    in_flight: bool,
    /// After a failed call, payments are checked one by one until then (unix ms).
    off_until: i64,
    /// Its server refused a longer list: ask for at most this.
    cap: Option<u32>,
}

pub(crate) struct Engine {
    checker: Arc<dyn Checker>,
    budget: Arc<Budget>,
    config: WatcherConfig,
    saver: Option<Saver>,
    shared: Arc<Shared>,
    events: broadcast::Sender<WatchEvent>,
    next_id: u64,
    items: BTreeMap<u64, Item>,
    /// Only this account's watches are checked; `None` (until the shell says): none are.
    active: Option<Account>,
    jobs: JoinSet<(Job, JobResult)>,
    dirty: bool,
    last_save: tokio::time::Instant,
    /// The budget's current hold-up, if any: (reason, retry at).
    delay: Option<(String, i64)>,
    history: HashMap<Account, HistoryState>,
}

impl Engine {
    /// Resumes the watches in `file` and starts the engine's task; returns where to send it
    /// commands.
    pub(crate) fn spawn(
        checker: Arc<dyn Checker>,
        budget: Arc<Budget>,
        config: WatcherConfig,
        store: Option<Store>,
        file: StoreFile,
        events: broadcast::Sender<WatchEvent>,
        shared: Arc<Shared>,
    ) -> mpsc::UnboundedSender<Cmd> {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut engine = Engine {
            checker,
            budget,
            config,
            saver: store.map(|s| Saver::start(s, shared.clone())),
            shared,
            events,
            next_id: file.next_id.max(1),
            items: BTreeMap::new(),
            active: None,
            jobs: JoinSet::new(),
            dirty: false,
            last_save: tokio::time::Instant::now(),
            delay: None,
            history: HashMap::new(),
        };
        for w in file.watches {
            engine.next_id = engine.next_id.max(w.id + 1);
            let item = Item::new(w);
            let update = engine.update_of(&item, None);
            lock(&engine.shared.snapshot).insert(item.w.id, update);
            engine.items.insert(item.w.id, item);
        }
        tokio::spawn(engine.run(rx));
        tx
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
                        self.reply_after_save(done, ());
                        return;
                    }
                    Some(cmd) => self.command(cmd),
                    None => {
                        self.maybe_save(true);
                        return;
                    }
                },
                Some(done) = self.jobs.join_next(), if !self.jobs.is_empty() => {
                    if let Ok((job, result)) = done {
                        self.finish(job, result);
                    }
                }
                _ = tokio::time::sleep(sleep_for) => {}
            }
        }
    }

    fn now(&self) -> i64 {
        self.budget.clock().now_ms()
    }

    fn schedule_for(&self) -> PollSchedule {
        match self.config.first_check {
            Some(d) => PollSchedule::new(d),
            None => PollSchedule::jittered(),
        }
    }

    /// True when `item` belongs to the active account (only those are ever checked).
    fn is_active(&self, item: &Item) -> bool {
        self.active.as_ref().is_some_and(|a| item.in_account(a))
    }

    fn update_of(&self, i: &Item, delayed: Option<String>) -> WatchUpdate {
        let active = self.is_active(i);
        let paused = !i.w.ended && !active;
        // Check now only where a check may be sent: in the active account.
        let actions = match (i.w.ended, active) {
            (true, true) => vec![WatchAction::CheckNow, WatchAction::WatchAgain],
            (true, false) => vec![WatchAction::WatchAgain],
            (false, true) => vec![WatchAction::CheckNow, WatchAction::Stop],
            (false, false) => vec![WatchAction::Stop],
        };
        WatchUpdate {
            id: i.w.id,
            account: i.w.account.clone(),
            kind: i.w.kind,
            tid: i.w.tid.clone(),
            status: i.w.status,
            raw_status: i.w.raw_status.clone(),
            attempt: i.w.attempt,
            started_at: i.w.started_at,
            last_checked_at: i.w.last_checked_at,
            next_check_at: if i.w.ended || paused {
                None
            } else {
                i.due_at.map(|d| d.max(i.not_before))
            },
            paused,
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
        lock(&self.shared.snapshot).insert(id, update.clone());
        let _ = self.events.send(WatchEvent::Update(update));
    }

    /// Emits `id`'s update only if it differs from the last one sent (a late-check note
    /// aside): after a switch of account, only the watches it changed are sent again.
    fn emit_if_changed(&mut self, id: u64) {
        let Some(i) = self.items.get(&id) else { return };
        let update = self.update_of(i, None);
        let shown = lock(&self.shared.snapshot).get(&id).map(|u| WatchUpdate {
            delayed: None,
            ..u.clone()
        });
        if shown.as_ref() != Some(&update) {
            self.emit(id, None);
        }
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
        let mut snap = lock(&self.shared.snapshot);
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

    /// Saves now and answers `reply` with `value` once the file is on disk (at once without a
    /// store): a command's change survives a crash right after its answer.
    fn reply_after_save<T: Send + 'static>(&mut self, reply: oneshot::Sender<T>, value: T) {
        self.save(Some(Box::new(move || {
            let _ = reply.send(value);
        })));
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
