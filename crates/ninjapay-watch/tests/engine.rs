//! The engine on tokio's paused clock, driven by a scripted checker.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ninjapay::Error;
use ninjapay_watch::*;
use tokio::sync::broadcast;

const T0: i64 = 1_700_000_000_000;

#[derive(Debug)]
struct Fake {
    clock: Arc<dyn Clock>,
    /// (tid, unix ms) of every single check.
    calls: Mutex<Vec<(String, i64)>>,
    /// Unix ms of every history call.
    history_calls: Mutex<Vec<i64>>,
    /// Per tid: scripted answers, then `after`.
    script: Mutex<HashMap<String, VecDeque<Result<Observation, Error>>>>,
    /// Per tid: answer from this time on (unix ms) as final `status`.
    turns_final: Mutex<HashMap<String, (i64, WatchStatus)>>,
    /// Tids the history call lists (newest first), or `None` for no history support.
    history: Option<Vec<String>>,
}

fn obs(status: WatchStatus) -> Observation {
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

impl Fake {
    fn new(clock: Arc<dyn Clock>) -> Arc<Fake> {
        Arc::new(Fake {
            clock,
            calls: Mutex::default(),
            history_calls: Mutex::default(),
            script: Mutex::default(),
            turns_final: Mutex::default(),
            history: None,
        })
    }

    fn answer(&self, tid: &str) -> Result<Observation, Error> {
        if let Some(r) = self
            .script
            .lock()
            .unwrap()
            .get_mut(tid)
            .and_then(|q| q.pop_front())
        {
            return r;
        }
        match self.turns_final.lock().unwrap().get(tid) {
            Some(&(at, st)) if self.clock.now_ms() >= at => Ok(obs(st)),
            _ => Ok(obs(WatchStatus::Pending)),
        }
    }

    fn script(&self, tid: &str, answers: Vec<Result<Observation, Error>>) {
        self.script
            .lock()
            .unwrap()
            .insert(tid.into(), answers.into());
    }

    fn times(&self, tid: &str) -> Vec<i64> {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|c| c.0 == tid)
            .map(|c| c.1)
            .collect()
    }
}

impl Checker for Fake {
    fn check(&self, _kind: WatchKind, tid: &str, _now: i64) -> CheckFuture {
        self.calls
            .lock()
            .unwrap()
            .push((tid.to_owned(), self.clock.now_ms()));
        let r = self.answer(tid);
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            r
        })
    }

    fn history(&self, _limit: u32, _now: i64) -> Option<HistoryFuture> {
        let tids = self.history.clone()?;
        self.history_calls.lock().unwrap().push(self.clock.now_ms());
        let list: Vec<(String, Observation)> = tids
            .into_iter()
            .map(|t| {
                let o = match self.turns_final.lock().unwrap().get(&t) {
                    Some(&(at, st)) if self.clock.now_ms() >= at => obs(st),
                    _ => obs(WatchStatus::Pending),
                };
                (t, o)
            })
            .collect();
        Some(Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Ok(list)
        }))
    }
}

struct Rig {
    clock: Arc<dyn Clock>,
    budget: Arc<Budget>,
    fake: Arc<Fake>,
    watcher: Watcher,
    events: broadcast::Receiver<WatchEvent>,
}

fn config() -> WatcherConfig {
    WatcherConfig {
        first_check: Some(Duration::from_secs(20)),
        ..Default::default()
    }
}

fn rig_with(fake: impl FnOnce(Arc<dyn Clock>) -> Arc<Fake>, config: WatcherConfig) -> Rig {
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::new(T0));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let fake = fake(clock.clone());
    let watcher = Watcher::start(fake.clone(), budget.clone(), config).unwrap();
    let events = watcher.subscribe();
    Rig {
        clock,
        budget,
        fake,
        watcher,
        events,
    }
}

fn rig() -> Rig {
    rig_with(Fake::new, config())
}

fn updates(rx: &mut broadcast::Receiver<WatchEvent>) -> Vec<WatchUpdate> {
    let mut out = Vec::new();
    while let Ok(e) = rx.try_recv() {
        if let WatchEvent::Update(u) = e {
            out.push(u);
        }
    }
    out
}

async fn sleep_s(s: u64) {
    tokio::time::sleep(Duration::from_secs(s)).await;
}

fn secs_since(t0: i64, times: &[i64]) -> Vec<i64> {
    times.iter().map(|t| (t - t0) / 1000).collect()
}

fn documented(first: i64) -> Vec<i64> {
    let mut v = vec![first];
    v.extend((1..=10).map(|i| first + 3 * i));
    v.extend((1..=10).map(|i| first + 30 + 6 * i));
    v.extend((1..=6).map(|i| first + 90 + 10 * i));
    v.extend([first + 180, first + 210]);
    v.extend((1..=6).map(|i| first + 210 + 60 * i));
    v
}

#[tokio::test(start_paused = true)]
async fn one_watch_is_checked_at_exactly_the_documented_times_then_ends_still_pending() {
    let mut r = rig();
    let first = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Payment, "210N1"))
        .await
        .unwrap();
    assert_eq!(first.started_at, T0);
    assert_eq!(first.next_check_at, Some(T0 + 20_000));
    assert_eq!(first.attempt, 0);
    sleep_s(700).await;
    let times = r.fake.times("210N1");
    // Exact to the millisecond, not just the second.
    let expected: Vec<i64> = documented(20).iter().map(|s| T0 + s * 1000).collect();
    assert_eq!(times, expected, "{:?}", secs_since(T0, &times));
    let ups = updates(&mut r.events);
    // The "watching" update, then one per check.
    assert_eq!(ups.len(), 1 + 35);
    for (n, u) in ups.iter().skip(1).enumerate() {
        assert_eq!(u.attempt, n as u32 + 1);
        assert_eq!(u.last_checked_at, Some(expected[n] + 50));
    }
    let last = ups.last().unwrap();
    assert_eq!(last.status, WatchStatus::StillPending);
    assert!(last.is_final && last.next_check_at.is_none());
    assert_eq!(
        last.actions,
        vec![WatchAction::CheckNow, WatchAction::WatchAgain]
    );
    assert_eq!(
        last.notification().unwrap().title,
        "Payment still pending after 10 minutes"
    );
    assert_eq!(r.watcher.list(), vec![last.clone()]);
    // Watch again starts a fresh schedule from now.
    let t = r.clock.now_ms();
    assert!(r.watcher.watch_again(last.id).await.unwrap());
    sleep_s(21).await;
    assert_eq!(r.fake.times("210N1").last().copied(), Some(t + 20_000));
}

#[tokio::test(start_paused = true)]
async fn a_final_state_ends_the_watch_with_a_notification() {
    let mut r = rig();
    r.fake
        .turns_final
        .lock()
        .unwrap()
        .insert("210N2".into(), (T0 + 24_000, WatchStatus::Paid));
    r.watcher
        .watch(WatchRequest::new(WatchKind::Payment, "210N2"))
        .await
        .unwrap();
    sleep_s(700).await;
    // Checked at 20 s (pending) and 23 s (pending), then 26 s: paid, and no more checks.
    assert_eq!(secs_since(T0, &r.fake.times("210N2")), vec![20, 23, 26]);
    let last = updates(&mut r.events).pop().unwrap();
    assert_eq!(
        (last.status, last.is_final, last.attempt),
        (WatchStatus::Paid, true, 3)
    );
    let n = last.notification().unwrap();
    assert_eq!(n.title, "Payment paid");
    assert!(n.body.contains("0.00050000 BTC"), "{}", n.body);
}

#[tokio::test(start_paused = true)]
async fn a_500_backs_off_and_goes_on_but_a_401_ends_the_watch() {
    let mut r = rig();
    let server = || {
        Err(Error::Server {
            status: 500,
            message: "Internal Server Error".into(),
        })
    };
    r.fake.script("A", vec![server(), server()]);
    r.fake.script(
        "B",
        vec![Err(Error::Unauthorized {
            message: "Invalid API key".into(),
        })],
    );
    r.fake
        .turns_final
        .lock()
        .unwrap()
        .insert("A".into(), (T0 + 60_000, WatchStatus::Paid));
    r.watcher
        .watch(WatchRequest::new(WatchKind::Quote, "A"))
        .await
        .unwrap();
    r.watcher
        .watch(WatchRequest::new(WatchKind::Voucher, "B"))
        .await
        .unwrap();
    sleep_s(700).await;
    // A: 500 at 20 s → back off 5 s (next at 25.05 s, after the 23 s slot); 500 again → 10 s
    // back-off; then back on the schedule until paid.
    let a = secs_since(T0, &r.fake.times("A"));
    assert_eq!(&a[..2], &[20, 25]);
    assert_eq!(*a.last().unwrap(), 62);
    let ups = updates(&mut r.events);
    let a_ups: Vec<_> = ups.iter().filter(|u| u.tid == "A").collect();
    let first_err = a_ups[1].error.as_ref().unwrap();
    assert!(first_err.transient && first_err.code == "server");
    assert!(!a_ups[1].is_final);
    assert_eq!(a_ups.last().unwrap().status, WatchStatus::Paid);
    assert!(a_ups.last().unwrap().error.is_none());
    // B: one check, ended with the reason.
    assert_eq!(r.fake.times("B").len(), 1);
    let b = ups.iter().rfind(|u| u.tid == "B").unwrap();
    assert_eq!((b.status, b.is_final), (WatchStatus::Error, true));
    let e = b.error.as_ref().unwrap();
    assert!(!e.transient && e.code == "unauthorized");
    assert!(e.message.contains("401"), "{}", e.message);
    assert_eq!(r.watcher.stats().errors.get("server"), Some(&2));
}

#[tokio::test(start_paused = true)]
async fn check_now_checks_at_once_without_moving_the_schedule() {
    let r = rig();
    let w = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Order, "O1"))
        .await
        .unwrap();
    sleep_s(5).await;
    assert!(r.watcher.check_now(w.id).await.unwrap());
    sleep_s(19).await; // t = 24 s
    assert!(r.watcher.check_now(w.id).await.unwrap());
    sleep_s(10).await;
    assert_eq!(
        secs_since(T0, &r.fake.times("O1")),
        vec![5, 20, 23, 24, 26, 29, 32]
    );
    let now = r.watcher.list().pop().unwrap();
    assert_eq!(now.attempt, 7);
    assert_eq!(now.next_check_at, Some(T0 + 35_000));
    assert!(!r.watcher.check_now(999).await.unwrap());
    // Check now took from the user's share: background counted separately is fine, both
    // are in the one window.
    assert_eq!(r.budget.usage()[1].used, 7);
}

#[tokio::test(start_paused = true)]
async fn stop_ends_a_watch_and_the_same_tid_is_never_watched_twice() {
    let mut r = rig();
    let a = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Token, "77"))
        .await
        .unwrap();
    let again = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Token, "77"))
        .await
        .unwrap();
    assert_eq!(a.id, again.id);
    assert_eq!(r.watcher.list().len(), 1);
    sleep_s(21).await;
    assert!(r.watcher.stop(a.id).await.unwrap());
    sleep_s(100).await;
    assert_eq!(r.fake.times("77").len(), 1);
    let last = updates(&mut r.events).pop().unwrap();
    assert_eq!(last.status, WatchStatus::Stopped);
    assert!(last.notification().is_none());
}

#[tokio::test(start_paused = true)]
async fn a_restart_resumes_on_the_original_schedule_and_a_lapsed_watch_gets_one_last_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watches.json");
    let cfg = WatcherConfig {
        store_path: Some(path.clone()),
        ..config()
    };
    let r = rig_with(Fake::new, cfg.clone());
    let a = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Payment, "P1"))
        .await
        .unwrap();
    let b = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Quote, "Q1"))
        .await
        .unwrap();
    sleep_s(40).await; // checks at 20, 23, …, 38
    assert_eq!(r.fake.times("P1").len(), 7);
    // kill -9: no shutdown, no last save. What is on disk now (written at most a second ago)
    // is all that is left: copy it aside before the watcher could write again.
    let crashed = dir.path().join("crashed.json");
    std::fs::copy(&path, &crashed).unwrap();
    drop(r);
    std::fs::copy(&crashed, &path).unwrap();
    let saved = Store::new(&path).load().unwrap();
    assert_eq!(saved.watches.len(), 2);

    // The app comes back 30 s later (t = 70 s): one check for the missed ones, at once, then
    // the original schedule (80, 90, 100, … from the original start).
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::new(T0 + 70_000));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let fake = Fake::new(clock.clone());
    let w2 = Watcher::start(fake.clone(), budget, cfg.clone()).unwrap();
    let listed = w2.list();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|u| !u.is_final && u.started_at == T0));
    sleep_s(45).await; // to t = 115 s
    assert_eq!(
        secs_since(T0, &fake.times("P1")),
        vec![70, 74, 80, 86, 92, 98, 104, 110]
    );
    // Same ids; watching the same tid again does not add a watch.
    let again = w2
        .watch(WatchRequest::new(WatchKind::Payment, "P1"))
        .await
        .unwrap();
    assert_eq!(again.id, a.id);
    assert_eq!(w2.list().len(), 2);
    w2.shutdown().await;

    // Closed for 20 minutes: each gets exactly one final check, then "still pending".
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::new(T0 + 1_200_000));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let fake = Fake::new(clock.clone());
    fake.turns_final
        .lock()
        .unwrap()
        .insert("Q1".into(), (0, WatchStatus::Success));
    let w3 = Watcher::start(fake.clone(), budget, cfg).unwrap();
    sleep_s(600).await;
    assert_eq!(secs_since(T0, &fake.times("P1")), vec![1200]);
    assert_eq!(secs_since(T0, &fake.times("Q1")), vec![1200]);
    let list = w3.list();
    let p = list.iter().find(|u| u.id == a.id).unwrap();
    let q = list.iter().find(|u| u.id == b.id).unwrap();
    assert_eq!((p.status, p.is_final), (WatchStatus::StillPending, true));
    assert_eq!((q.status, q.is_final), (WatchStatus::Success, true));
    w3.shutdown().await;
    let saved = Store::new(&path).load().unwrap();
    assert!(saved.watches.iter().all(|w| w.ended));
}

#[tokio::test(start_paused = true)]
async fn many_watches_stay_inside_the_budget_fairly_and_the_ui_is_told_why() {
    let mut r = rig_with(
        Fake::new,
        WatcherConfig {
            first_check: None,
            ..config()
        },
    );
    let n = 300;
    for i in 0..n {
        r.watcher
            .watch(WatchRequest::new(WatchKind::Voucher, format!("V{i}")))
            .await
            .unwrap();
    }
    sleep_s(1_300).await;
    let calls: Vec<i64> = {
        let mut c: Vec<i64> = r.fake.calls.lock().unwrap().iter().map(|c| c.1).collect();
        c.sort();
        c
    };
    // In every sliding 10-minute window: at most 80% of 1,000 (20% kept for the user).
    let mut worst = 0;
    let mut lo = 0;
    for hi in 0..calls.len() {
        while calls[hi] - calls[lo] >= 600_000 {
            lo += 1;
        }
        worst = worst.max(hi - lo + 1);
    }
    assert!(worst <= 800, "{worst} requests in one window");
    assert!(worst >= 700, "the budget should be used: {worst}");
    assert!(r.budget.peak_in_window() <= 800);
    // Fair: every watch got checks.
    for i in 0..n {
        assert!(r.fake.times(&format!("V{i}")).len() >= 2, "V{i} starved");
    }
    // The UI was told checks are being delayed, and why.
    let mut notices = Vec::new();
    let mut late = Vec::new();
    while let Ok(e) = r.events.try_recv() {
        match e {
            WatchEvent::Budget(b) => notices.push(b),
            WatchEvent::Update(u) => late.extend(u.delayed),
        }
    }
    assert!(!late.is_empty());
    assert!(late[0].starts_with("Checked "), "{}", late[0]);
    let delayed = notices.iter().find(|b| b.delayed).expect("a delay notice");
    let why = delayed.reason.as_deref().unwrap();
    assert!(why.contains("1,000 requests per 10 minutes"), "{why}");
    // The user's share is still there.
    for _ in 0..150 {
        r.budget
            .try_acquire(Priority::User, "/lapi/v1/checkPayment")
            .unwrap();
    }
    assert!(r.watcher.list().iter().all(|u| u.is_final));
}

#[tokio::test(start_paused = true)]
async fn one_history_call_settles_many_payments() {
    let mut r = rig_with(
        |clock| {
            let mut f = Arc::try_unwrap(Fake::new(clock)).unwrap();
            // Newest first; P0 is too old to be listed.
            f.history = Some((1..10).rev().map(|i| format!("P{i}")).collect());
            Arc::new(f)
        },
        config(),
    );
    for i in 0..10 {
        r.fake
            .turns_final
            .lock()
            .unwrap()
            .insert(format!("P{i}"), (T0 + 30_000, WatchStatus::Paid));
        r.watcher
            .watch(WatchRequest::new(WatchKind::Payment, format!("P{i}")))
            .await
            .unwrap();
    }
    sleep_s(60).await;
    let ups = updates(&mut r.events);
    assert!(ups.iter().filter(|u| u.is_final).count() == 10);
    assert!(r
        .watcher
        .list()
        .iter()
        .all(|u| u.status == WatchStatus::Paid));
    // P0 is checked on its own once the list did not show it; P1–P9 never are.
    assert!(!r.fake.times("P0").is_empty());
    for i in 1..10 {
        assert!(r.fake.times(&format!("P{i}")).is_empty(), "P{i}");
    }
    let h = r.fake.history_calls.lock().unwrap().len();
    assert!(h <= 6, "{h} history calls"); // 20, 23, 26, 29, 32 s
    assert_eq!(r.watcher.stats().settled_by_history, 9);
}

fn server_error() -> Result<Observation, Error> {
    Err(Error::Server {
        status: 503,
        message: "Service Unavailable".into(),
    })
}

#[tokio::test(start_paused = true)]
async fn a_transient_failure_on_the_last_check_is_retried_not_ended_as_still_pending() {
    let mut r = rig();
    // 34 pending answers, then the last scheduled check (590 s) meets a 503.
    let mut answers: Vec<_> = (0..34).map(|_| Ok(obs(WatchStatus::Pending))).collect();
    answers.push(server_error());
    r.fake.script("LAST", answers.clone());
    // It was paid meanwhile: the retry sees it.
    r.fake
        .turns_final
        .lock()
        .unwrap()
        .insert("LAST".into(), (T0 + 592_000, WatchStatus::Paid));
    // This one keeps failing: three retries with growing back-off, then "still pending".
    answers.extend((0..10).map(|_| server_error()));
    r.fake.script("DOWN", answers);
    for tid in ["LAST", "DOWN"] {
        r.watcher
            .watch(WatchRequest::new(WatchKind::Payment, tid))
            .await
            .unwrap();
    }
    sleep_s(590).await;
    sleep_s(1).await;
    // Right after the failed last check: still watched, next check after the back-off.
    let last = r.watcher.list();
    let l = last.iter().find(|u| u.tid == "LAST").unwrap();
    assert!(!l.is_final, "{l:?}");
    assert!(l.error.as_ref().unwrap().transient);
    assert_eq!(l.next_check_at, Some(T0 + 595_050));
    sleep_s(200).await;

    let expected: Vec<i64> = documented(20);
    let mut with_retry = expected.clone();
    with_retry.push(595);
    assert_eq!(secs_since(T0, &r.fake.times("LAST")), with_retry);
    let ups = updates(&mut r.events);
    let l = ups.iter().rfind(|u| u.tid == "LAST").unwrap();
    assert_eq!((l.status, l.is_final), (WatchStatus::Paid, true));
    assert!(l.error.is_none());
    assert_eq!(l.notification().unwrap().title, "Payment paid");
    // Not a single update said "still pending" on the way.
    assert!(!ups
        .iter()
        .any(|u| u.tid == "LAST" && u.status == WatchStatus::StillPending));

    let mut retried = expected;
    retried.extend([595, 605, 625]);
    assert_eq!(secs_since(T0, &r.fake.times("DOWN")), retried);
    let d = ups.iter().rfind(|u| u.tid == "DOWN").unwrap();
    assert_eq!((d.status, d.is_final), (WatchStatus::StillPending, true));
    let e = d.error.as_ref().expect("the last error is kept");
    assert!(e.transient && e.code == "server", "{e:?}");
    assert_eq!(
        d.notification().unwrap().title,
        "Payment still pending after 10 minutes"
    );
}

#[tokio::test(start_paused = true)]
async fn a_lapsed_watch_whose_one_final_check_fails_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watches.json");
    let cfg = WatcherConfig {
        store_path: Some(path.clone()),
        ..config()
    };
    let r = rig_with(Fake::new, cfg.clone());
    r.watcher
        .watch(WatchRequest::new(WatchKind::Payment, "LAPSED"))
        .await
        .unwrap();
    sleep_s(30).await;
    r.watcher.shutdown().await;
    drop(r);
    // Closed for an hour; the one final check meets a timeout, the retry finds it paid.
    let clock: Arc<dyn Clock> = Arc::new(TokioClock::new(T0 + 3_600_000));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let fake = Fake::new(clock.clone());
    fake.script(
        "LAPSED",
        vec![Err(Error::Timeout {
            message: "timed out".into(),
        })],
    );
    fake.turns_final
        .lock()
        .unwrap()
        .insert("LAPSED".into(), (0, WatchStatus::Paid));
    let w = Watcher::start(fake.clone(), budget, cfg).unwrap();
    sleep_s(60).await;
    assert_eq!(secs_since(T0, &fake.times("LAPSED")), vec![3600, 3605]);
    let u = w.list().pop().unwrap();
    assert_eq!((u.status, u.is_final), (WatchStatus::Paid, true));
    w.shutdown().await;
}

#[tokio::test(start_paused = true)]
async fn forget_removes_a_watch_from_the_list_and_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watches.json");
    let cfg = WatcherConfig {
        store_path: Some(path.clone()),
        ..config()
    };
    let r = rig_with(Fake::new, cfg.clone());
    let a = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Payment, "KEEP"))
        .await
        .unwrap();
    let b = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Order, "GONE"))
        .await
        .unwrap();
    let c = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Quote, "ACTIVE"))
        .await
        .unwrap();
    sleep_s(21).await;
    // Stop keeps it listed (as stopped)…
    assert!(r.watcher.stop(b.id).await.unwrap());
    assert_eq!(r.watcher.list().len(), 3);
    // …Dismiss removes it, from the list and from disk at once.
    assert!(r.watcher.forget(b.id).await.unwrap());
    let saved = Store::new(&path).load().unwrap();
    assert!(saved.watches.iter().all(|w| w.tid != "GONE"), "{saved:?}");
    assert_eq!(saved.watches.len(), 2);
    // Forgetting an active watch stops its checks too.
    assert!(r.watcher.forget(c.id).await.unwrap());
    assert!(!r.watcher.forget(c.id).await.unwrap());
    assert!(!r.watcher.forget(999).await.unwrap());
    assert!(!r.watcher.check_now(c.id).await.unwrap());
    let checks_before = r.fake.times("ACTIVE").len();
    sleep_s(60).await;
    assert_eq!(r.fake.times("ACTIVE").len(), checks_before);
    let ids: Vec<u64> = r.watcher.list().iter().map(|u| u.id).collect();
    assert_eq!(ids, vec![a.id]);
    // Watching a forgotten tid again makes a new watch with a new id.
    let again = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Order, "GONE"))
        .await
        .unwrap();
    assert!(again.id > c.id && !again.is_final);
    r.watcher.shutdown().await;
    // Still gone after a restart.
    let w2 = Watcher::start(
        Fake::new(r.clock.clone()),
        r.budget.clone(),
        WatcherConfig { ..cfg },
    )
    .unwrap();
    let tids: Vec<String> = w2.list().into_iter().map(|u| u.tid).collect();
    assert_eq!(tids.len(), 2);
    assert!(tids.contains(&"KEEP".to_string()) && tids.contains(&"GONE".to_string()));
    assert!(!tids.contains(&"ACTIVE".to_string()));
    w2.shutdown().await;
}

#[tokio::test(start_paused = true)]
async fn an_unwritable_store_never_holds_up_the_checks_and_is_written_once_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    let path = blocker.join("watches.json");
    let r = rig_with(
        Fake::new,
        WatcherConfig {
            store_path: Some(path.clone()),
            ..config()
        },
    );
    // The store's directory becomes a file: every write fails from now on.
    std::fs::write(&blocker, b"not a directory").unwrap();
    // Answered even though the save failed.
    let w = r
        .watcher
        .watch(WatchRequest::new(WatchKind::Payment, "P"))
        .await
        .unwrap();
    sleep_s(40).await;
    // The schedule went on exactly as documented.
    assert_eq!(
        secs_since(T0, &r.fake.times("P")),
        vec![20, 23, 26, 29, 32, 35, 38]
    );
    assert_eq!(r.watcher.stats().saves, 0);
    assert!(!path.exists());
    // The disk comes back: the writer's retry saves the latest state.
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir(&blocker).unwrap();
    sleep_s(3).await;
    for _ in 0..200 {
        if path.exists() {
            break;
        }
        // The write itself runs on the blocking pool, in real time.
        std::thread::sleep(Duration::from_millis(10));
        tokio::task::yield_now().await;
    }
    let saved = Store::new(&path).load().unwrap();
    assert_eq!(saved.watches.len(), 1);
    assert_eq!(saved.watches[0].id, w.id);
    assert!(saved.watches[0].attempt >= 7);
    assert!(r.watcher.stats().saves >= 1);
}
