//! The engine on tokio's paused clock, driven by a scripted checker: the schedule, errors,
//! Check now, stop and forget, restarts, the budget and the store.

mod rig;

use std::time::Duration;

use ninjapay::Error;
use ninjapay_watch::*;
use rig::*;

#[tokio::test(start_paused = true)]
async fn one_watch_is_checked_at_exactly_the_documented_times_then_ends_still_pending() {
    let mut r = Rig::new().await;
    let first = r.watch(WatchKind::Payment, "210N1").await;
    assert_eq!(first.started_at, T0);
    assert_eq!(first.next_check_at, Some(T0 + 20_000));
    assert_eq!(first.attempt, 0);
    assert!(!first.paused);
    sleep_s(700).await;
    let times = r.fake.times("210N1");
    // Exact to the millisecond, not just the second.
    let expected: Vec<i64> = documented(20).iter().map(|s| T0 + s * 1000).collect();
    assert_eq!(times, expected, "{:?}", secs_since(T0, &times));
    let ups = r.updates();
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
    let mut r = Rig::new().await;
    r.turns("210N2", T0 + 24_000, WatchStatus::Paid);
    r.watch(WatchKind::Payment, "210N2").await;
    sleep_s(700).await;
    // Checked at 20 s (pending) and 23 s (pending), then 26 s: paid, and no more checks.
    assert_eq!(r.secs("210N2"), vec![20, 23, 26]);
    let last = r.updates().pop().unwrap();
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
    let mut r = Rig::new().await;
    let server = || {
        Err(Error::Server {
            status: 500,
            message: "Internal Server Error".into(),
        })
    };
    r.script("A", vec![server(), server()]);
    let unauthorized = Error::Unauthorized {
        message: "Invalid API key".into(),
    };
    r.script("B", vec![Err(unauthorized)]);
    r.turns("A", T0 + 60_000, WatchStatus::Paid);
    r.watch(WatchKind::Quote, "A").await;
    r.watch(WatchKind::Voucher, "B").await;
    sleep_s(700).await;
    // A: 500 at 20 s → back off 5 s (next at 25.05 s, after the 23 s slot); 500 again → 10 s
    // back-off; then back on the schedule until paid.
    let a = r.secs("A");
    assert_eq!(&a[..2], &[20, 25]);
    assert_eq!(*a.last().unwrap(), 62);
    let ups = r.updates();
    let a_ups: Vec<_> = ups.iter().filter(|u| u.tid == tid("A")).collect();
    let first_err = a_ups[1].error.as_ref().unwrap();
    assert!(first_err.transient && first_err.code == "server");
    assert!(!a_ups[1].is_final);
    assert_eq!(a_ups.last().unwrap().status, WatchStatus::Paid);
    assert!(a_ups.last().unwrap().error.is_none());
    // B: one check, ended with the reason.
    assert_eq!(r.fake.times("B").len(), 1);
    let b = ups.iter().rfind(|u| u.tid == tid("B")).unwrap();
    assert_eq!((b.status, b.is_final), (WatchStatus::Error, true));
    let e = b.error.as_ref().unwrap();
    assert!(!e.transient && e.code == "unauthorized");
    assert!(e.message.contains("401"), "{}", e.message);
    assert_eq!(r.watcher.stats().errors.get("server"), Some(&2));
}

#[tokio::test(start_paused = true)]
async fn check_now_checks_at_once_without_moving_the_schedule() {
    let r = Rig::new().await;
    let w = r.watch(WatchKind::Order, "O1").await;
    sleep_s(5).await;
    assert!(r.watcher.check_now(w.id).await.unwrap());
    sleep_s(19).await; // t = 24 s
    assert!(r.watcher.check_now(w.id).await.unwrap());
    sleep_s(10).await;
    assert_eq!(r.secs("O1"), vec![5, 20, 23, 24, 26, 29, 32]);
    let now = r.listed(w.id);
    assert_eq!(now.attempt, 7);
    assert_eq!(now.next_check_at, Some(T0 + 35_000));
    assert!(!r.watcher.check_now(999).await.unwrap());
    // Check now took from the user's share: background counted separately is fine, both
    // are in the one window.
    assert_eq!(r.budget.usage()[1].used, 7);
}

#[tokio::test(start_paused = true)]
async fn stop_ends_a_watch_and_the_same_tid_is_never_watched_twice() {
    let mut r = Rig::new().await;
    let a = r.watch(WatchKind::Token, "77").await;
    let again = r.watch(WatchKind::Token, "77").await;
    assert_eq!(a.id, again.id);
    assert_eq!(r.watcher.list().len(), 1);
    sleep_s(21).await;
    assert!(r.watcher.stop(a.id).await.unwrap());
    sleep_s(100).await;
    assert_eq!(r.fake.times("77").len(), 1);
    let last = r.updates().pop().unwrap();
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
    let r = Rig::start(T0, cfg.clone()).await;
    let a = r.watch(WatchKind::Payment, "P1").await;
    let b = r.watch(WatchKind::Quote, "Q1").await;
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
    let r2 = Rig::start(T0 + 70_000, cfg.clone()).await;
    let listed = r2.watcher.list();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|u| !u.is_final && u.started_at == T0));
    sleep_s(45).await; // to t = 115 s
    assert_eq!(r2.secs("P1"), vec![70, 74, 80, 86, 92, 98, 104, 110]);
    // Same ids; watching the same tid again does not add a watch.
    assert_eq!(r2.watch(WatchKind::Payment, "P1").await.id, a.id);
    assert_eq!(r2.watcher.list().len(), 2);
    r2.watcher.shutdown().await;

    // Closed for 20 minutes: each gets exactly one final check, then "still pending".
    let r3 = Rig::idle(T0 + 1_200_000, cfg);
    r3.turns("Q1", 0, WatchStatus::Success);
    r3.watcher.set_active(Some(Account::Sandbox)).await.unwrap();
    sleep_s(600).await;
    assert_eq!(r3.secs("P1"), vec![1200]);
    assert_eq!(r3.secs("Q1"), vec![1200]);
    let p = r3.listed(a.id);
    let q = r3.listed(b.id);
    assert_eq!((p.status, p.is_final), (WatchStatus::StillPending, true));
    assert_eq!((q.status, q.is_final), (WatchStatus::Success, true));
    r3.watcher.shutdown().await;
    let saved = Store::new(&path).load().unwrap();
    assert!(saved.watches.iter().all(|w| w.ended));
}

#[tokio::test(start_paused = true)]
async fn many_watches_stay_inside_the_budget_fairly_and_the_ui_is_told_why() {
    let mut r = Rig::start(
        T0,
        WatcherConfig {
            first_check: None,
            ..config()
        },
    )
    .await;
    let n = 300;
    for i in 0..n {
        r.watch(WatchKind::Voucher, &format!("V{i}")).await;
    }
    // Paused (another account): neither checked nor counted in the notice.
    for i in 0..20 {
        r.watch_in(live(), WatchKind::Voucher, &format!("L{i}"))
            .await;
    }
    sleep_s(1_300).await;
    assert!(r.fake.calls().iter().all(|c| c.0 == Account::Sandbox));
    let mut calls: Vec<i64> = r.fake.calls().iter().map(|c| c.2).collect();
    calls.sort();
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
    assert!(why.contains("300 items are being watched"), "{why}");
    // The user's share is still there.
    for _ in 0..150 {
        r.budget
            .try_acquire(Priority::User, "/lapi/v1/checkPayment")
            .unwrap();
    }
    assert!(r.watcher.list().iter().all(|u| u.is_final != u.paused));
}

#[tokio::test(start_paused = true)]
async fn a_transient_failure_on_the_last_check_is_retried_not_ended_as_still_pending() {
    let mut r = Rig::new().await;
    // 34 pending answers, then the last scheduled check (590 s) meets a 503.
    let mut answers: Vec<_> = (0..34).map(|_| Ok(obs(WatchStatus::Pending))).collect();
    answers.push(server_error());
    r.script("LAST", answers.clone());
    // It was paid meanwhile: the retry sees it.
    r.turns("LAST", T0 + 592_000, WatchStatus::Paid);
    // This one keeps failing: three retries with growing back-off, then "still pending".
    answers.extend((0..10).map(|_| server_error()));
    r.script("DOWN", answers);
    let last = r.watch(WatchKind::Payment, "LAST").await;
    r.watch(WatchKind::Payment, "DOWN").await;
    sleep_s(590).await;
    sleep_s(1).await;
    // Right after the failed last check: still watched, next check after the back-off.
    let l = r.listed(last.id);
    assert!(!l.is_final, "{l:?}");
    assert!(l.error.as_ref().unwrap().transient);
    assert_eq!(l.next_check_at, Some(T0 + 595_050));
    sleep_s(200).await;

    let expected: Vec<i64> = documented(20);
    let mut with_retry = expected.clone();
    with_retry.push(595);
    assert_eq!(r.secs("LAST"), with_retry);
    let ups = r.updates();
    let l = ups.iter().rfind(|u| u.tid == tid("LAST")).unwrap();
    assert_eq!((l.status, l.is_final), (WatchStatus::Paid, true));
    assert!(l.error.is_none());
    assert_eq!(l.notification().unwrap().title, "Payment paid");
    // Not a single update said "still pending" on the way.
    assert!(!ups
        .iter()
        .any(|u| u.tid == tid("LAST") && u.status == WatchStatus::StillPending));

    let mut retried = expected;
    retried.extend([595, 605, 625]);
    assert_eq!(r.secs("DOWN"), retried);
    let d = ups.iter().rfind(|u| u.tid == tid("DOWN")).unwrap();
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
    let cfg = WatcherConfig {
        store_path: Some(dir.path().join("watches.json")),
        ..config()
    };
    let r = Rig::start(T0, cfg.clone()).await;
    r.watch(WatchKind::Payment, "LAPSED").await;
    sleep_s(30).await;
    r.watcher.shutdown().await;
    drop(r);
    // Closed for an hour; the one final check meets a timeout, the retry finds it paid.
    let r = Rig::idle(T0 + 3_600_000, cfg);
    let timeout = Error::Timeout {
        message: "timed out".into(),
    };
    r.script("LAPSED", vec![Err(timeout)]);
    r.turns("LAPSED", 0, WatchStatus::Paid);
    r.watcher.set_active(Some(Account::Sandbox)).await.unwrap();
    sleep_s(60).await;
    assert_eq!(r.secs("LAPSED"), vec![3600, 3605]);
    let u = r.watcher.list().pop().unwrap();
    assert_eq!((u.status, u.is_final), (WatchStatus::Paid, true));
    r.watcher.shutdown().await;
}

#[tokio::test(start_paused = true)]
async fn forget_removes_a_watch_from_the_list_and_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watches.json");
    let cfg = WatcherConfig {
        store_path: Some(path.clone()),
        ..config()
    };
    let r = Rig::start(T0, cfg.clone()).await;
    let a = r.watch(WatchKind::Payment, "KEEP").await;
    let b = r.watch(WatchKind::Order, "GONE").await;
    let c = r.watch(WatchKind::Quote, "ACTIVE").await;
    sleep_s(21).await;
    // Stop keeps it listed (as stopped)…
    assert!(r.watcher.stop(b.id).await.unwrap());
    assert_eq!(r.watcher.list().len(), 3);
    // …Dismiss removes it, from the list and from disk at once.
    assert!(r.watcher.forget(b.id).await.unwrap());
    let saved = Store::new(&path).load().unwrap();
    assert!(
        saved.watches.iter().all(|w| w.tid != tid("GONE")),
        "{saved:?}"
    );
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
    let again = r.watch(WatchKind::Order, "GONE").await;
    assert!(again.id > c.id && !again.is_final);
    r.watcher.shutdown().await;
    // Still gone after a restart.
    let r2 = Rig::idle(r.clock.now_ms(), cfg);
    let tids: Vec<Tid> = r2.watcher.list().into_iter().map(|u| u.tid).collect();
    assert_eq!(tids.len(), 2);
    assert!(tids.contains(&tid("KEEP")) && tids.contains(&tid("GONE")));
    assert!(!tids.contains(&tid("ACTIVE")));
    r2.watcher.shutdown().await;
}

#[tokio::test(start_paused = true)]
async fn an_unwritable_store_never_holds_up_the_checks_and_is_written_once_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    let path = blocker.join("watches.json");
    let r = Rig::start(
        T0,
        WatcherConfig {
            store_path: Some(path.clone()),
            ..config()
        },
    )
    .await;
    // The store's directory becomes a file: every write fails from now on.
    std::fs::write(&blocker, b"not a directory").unwrap();
    // Answered even though the save failed.
    let w = r.watch(WatchKind::Payment, "P").await;
    sleep_s(40).await;
    // The schedule went on exactly as documented.
    assert_eq!(r.secs("P"), vec![20, 23, 26, 29, 32, 35, 38]);
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

#[tokio::test(start_paused = true)]
async fn a_watch_request_keeps_its_tid_as_given() {
    let r = Rig::new().await;
    // A prod-host tid (all digits) and an api-host one: checked with exactly that Tid.
    let a = r.watch(WatchKind::Quote, "21066027789").await;
    let b = r.watch(WatchKind::Payment, "19B86602A1399N7").await;
    assert_eq!(a.tid, tid("21066027789"));
    assert_eq!(serde_json::to_value(&b).unwrap()["tid"], "19B86602A1399N7");
    sleep_s(21).await;
    let checked: Vec<String> = r.fake.calls().into_iter().map(|c| c.1).collect();
    assert_eq!(checked, vec!["21066027789", "19B86602A1399N7"]);
    // A request from the UI may carry a prod-host tid as a number: the same Tid.
    let from_ui: WatchRequest =
        serde_json::from_str(r#"{"account":{"mode":"sandbox"},"kind":"quote","tid":21066027789}"#)
            .unwrap();
    assert_eq!(r.watcher.watch(from_ui).await.unwrap().id, a.id);
}
