//! The engine on tokio's paused clock, driven by a scripted checker: the fake and the rig the
//! engine tests share.

// Each test file uses its own part of the rig.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ninjapay::Error;
use ninjapay_watch::*;
use tokio::sync::broadcast;

pub const T0: i64 = 1_700_000_000_000;

pub fn tid(text: &str) -> Tid {
    Tid::parse(text).unwrap()
}

pub fn live() -> Account {
    Account::live("https://api.ninjapay.me", "https://prod.ninjapay.me")
}

pub fn obs(status: WatchStatus) -> Observation {
    Observation {
        status,
        raw_status: format!("{status:?}").to_lowercase(),
        is_final: !matches!(status, WatchStatus::Pending),
        amount: Some(Money {
            value: "0.0005".into(),
            currency: "BTC".into(),
        }),
        fiat: None,
        label: None,
    }
}

pub fn server_error() -> Result<Observation, Error> {
    Err(Error::Server {
        status: 503,
        message: "Service Unavailable".into(),
    })
}

type Key = (Account, String);

/// A scripted Ninjapay: every item pending unless scripted or turned final at a time.
#[derive(Debug)]
pub struct Fake {
    clock: Arc<dyn Clock>,
    /// (account, tid, unix ms) of every single check.
    calls: Mutex<Vec<(Account, String, i64)>>,
    /// (account, limit asked, unix ms) of every history call.
    history_calls: Mutex<Vec<(Account, u32, i64)>>,
    /// Per item: scripted answers, then the `finals` rule.
    script: Mutex<HashMap<Key, VecDeque<Result<Observation, Error>>>>,
    /// Per item: final as this status from this time on (unix ms).
    finals: Mutex<HashMap<Key, (i64, WatchStatus)>>,
    /// The tids the history call lists (newest first, in every account), or `None` for no
    /// history support.
    history: Mutex<Option<Vec<String>>>,
    /// The most records one history call lists, whatever it asks for.
    history_cap: Mutex<Option<usize>>,
    /// History refuses a longer list than this with a 400 (as the sandbox does above 100).
    history_refuses_above: Mutex<Option<u32>>,
}

impl Fake {
    pub fn new(clock: Arc<dyn Clock>) -> Arc<Fake> {
        Arc::new(Fake {
            clock,
            calls: Mutex::default(),
            history_calls: Mutex::default(),
            script: Mutex::default(),
            finals: Mutex::default(),
            history: Mutex::default(),
            history_cap: Mutex::default(),
            history_refuses_above: Mutex::default(),
        })
    }

    fn state(&self, account: &Account, tid: &str) -> Observation {
        match self
            .finals
            .lock()
            .unwrap()
            .get(&(account.clone(), tid.to_owned()))
        {
            Some(&(at, st)) if self.clock.now_ms() >= at => obs(st),
            _ => obs(WatchStatus::Pending),
        }
    }

    fn answer(&self, account: &Account, tid: &str) -> Result<Observation, Error> {
        let key = (account.clone(), tid.to_owned());
        if let Some(r) = self
            .script
            .lock()
            .unwrap()
            .get_mut(&key)
            .and_then(|q| q.pop_front())
        {
            return r;
        }
        Ok(self.state(account, tid))
    }

    /// `tid` in `account` answers these first.
    pub fn script(&self, account: &Account, tid: &str, answers: Vec<Result<Observation, Error>>) {
        self.script
            .lock()
            .unwrap()
            .insert((account.clone(), tid.into()), answers.into());
    }

    /// `tid` in `account` is `status` from `at_ms` on.
    pub fn turns(&self, account: &Account, tid: &str, at_ms: i64, status: WatchStatus) {
        self.finals
            .lock()
            .unwrap()
            .insert((account.clone(), tid.into()), (at_ms, status));
    }

    /// History is supported and lists these tids, newest first.
    pub fn lists(&self, tids: Vec<String>) {
        *self.history.lock().unwrap() = Some(tids);
    }

    /// History lists at most `n` records, whatever is asked.
    pub fn lists_at_most(&self, n: usize) {
        *self.history_cap.lock().unwrap() = Some(n);
    }

    /// History refuses to list more than `n` (400).
    pub fn refuses_lists_above(&self, n: u32) {
        *self.history_refuses_above.lock().unwrap() = Some(n);
    }

    /// When `tid` was checked on its own, in any account.
    pub fn times(&self, tid: &str) -> Vec<i64> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|c| c.1 == tid)
            .map(|c| c.2)
            .collect()
    }

    /// Every single check: (account, tid, unix ms).
    pub fn calls(&self) -> Vec<(Account, String, i64)> {
        self.calls.lock().unwrap().clone()
    }

    /// Every history call: (account, limit asked, unix ms).
    pub fn history_calls(&self) -> Vec<(Account, u32, i64)> {
        self.history_calls.lock().unwrap().clone()
    }
}

impl Checker for Fake {
    fn check(&self, account: &Account, _kind: WatchKind, tid: &Tid, _now: i64) -> CheckFuture {
        self.calls
            .lock()
            .unwrap()
            .push((account.clone(), tid.to_string(), self.clock.now_ms()));
        let r = self.answer(account, tid.as_str());
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            r
        })
    }

    fn history(&self, account: &Account, limit: u32, _now: i64) -> Option<HistoryFuture> {
        let tids = self.history.lock().unwrap().clone()?;
        self.history_calls
            .lock()
            .unwrap()
            .push((account.clone(), limit, self.clock.now_ms()));
        let refused = self
            .history_refuses_above
            .lock()
            .unwrap()
            .is_some_and(|n| limit > n);
        let cap = self.history_cap.lock().unwrap().unwrap_or(usize::MAX);
        let list: Vec<(Tid, Observation)> = tids
            .iter()
            .take(cap.min(limit as usize))
            .map(|t| (tid(t), self.state(account, t)))
            .collect();
        Some(Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            if refused {
                return Err(Error::Validation {
                    field: None,
                    message: "limit must be between 1 and 100".into(),
                    broken: None,
                });
            }
            Ok(list)
        }))
    }
}

/// Every watch's first check at 20 s.
pub fn config() -> WatcherConfig {
    WatcherConfig {
        first_check: Some(Duration::from_secs(20)),
        ..Default::default()
    }
}

/// A watcher on a fake, its clock at `T0` (or later, for a restart).
pub struct Rig {
    pub clock: Arc<dyn Clock>,
    pub budget: Arc<Budget>,
    pub fake: Arc<Fake>,
    pub watcher: Watcher,
    pub events: broadcast::Receiver<WatchEvent>,
    /// The account [`Rig::watch`] and [`Rig::turns`] mean.
    pub account: Account,
}

impl Rig {
    /// At `T0`, Sandbox active.
    pub async fn new() -> Rig {
        Rig::start(T0, config()).await
    }

    /// At `at_ms`, Sandbox active.
    pub async fn start(at_ms: i64, config: WatcherConfig) -> Rig {
        let r = Rig::idle(at_ms, config);
        r.watcher.set_active(Some(r.account.clone())).await.unwrap();
        r
    }

    /// At `at_ms`, no account active yet (nothing is checked).
    pub fn idle(at_ms: i64, config: WatcherConfig) -> Rig {
        let clock: Arc<dyn Clock> = Arc::new(TokioClock::new(at_ms));
        let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
        let fake = Fake::new(clock.clone());
        let watcher = Watcher::start(fake.clone(), budget.clone(), config).unwrap();
        let events = watcher.subscribe();
        Rig {
            clock,
            budget,
            fake,
            watcher,
            events,
            account: Account::Sandbox,
        }
    }

    /// Watches `tid` as `kind` in the rig's account.
    pub async fn watch(&self, kind: WatchKind, tid: &str) -> WatchUpdate {
        self.watch_in(self.account.clone(), kind, tid).await
    }

    /// Watches `tid` as `kind` in `account`.
    pub async fn watch_in(&self, account: Account, kind: WatchKind, text: &str) -> WatchUpdate {
        self.watcher
            .watch(WatchRequest::new(account, kind, tid(text)))
            .await
            .unwrap()
    }

    /// `tid` (in the rig's account) is `status` from `at_ms` on.
    pub fn turns(&self, tid: &str, at_ms: i64, status: WatchStatus) {
        self.fake.turns(&self.account, tid, at_ms, status);
    }

    /// `tid` (in the rig's account) answers these first.
    pub fn script(&self, tid: &str, answers: Vec<Result<Observation, Error>>) {
        self.fake.script(&self.account, tid, answers);
    }

    /// Seconds after `T0` of `tid`'s single checks.
    pub fn secs(&self, tid: &str) -> Vec<i64> {
        secs_since(T0, &self.fake.times(tid))
    }

    /// The updates sent since the last call.
    pub fn updates(&mut self) -> Vec<WatchUpdate> {
        let mut out = Vec::new();
        while let Ok(e) = self.events.try_recv() {
            if let WatchEvent::Update(u) = e {
                out.push(u);
            }
        }
        out
    }

    /// The listed state of the watch with this id.
    pub fn listed(&self, id: u64) -> WatchUpdate {
        self.watcher
            .list()
            .into_iter()
            .find(|u| u.id == id)
            .expect("listed")
    }
}

pub async fn sleep_s(s: u64) {
    tokio::time::sleep(Duration::from_secs(s)).await;
}

pub fn secs_since(t0: i64, times: &[i64]) -> Vec<i64> {
    times.iter().map(|t| (t - t0) / 1000).collect()
}

/// The documented check times (s after the start) with the first at `first`.
pub fn documented(first: i64) -> Vec<i64> {
    let mut v = vec![first];
    v.extend((1..=10).map(|i| first + 3 * i));
    v.extend((1..=10).map(|i| first + 30 + 6 * i));
    v.extend((1..=6).map(|i| first + 90 + 10 * i));
    v.extend([first + 180, first + 210]);
    v.extend((1..=6).map(|i| first + 210 + 60 * i));
    v
}
