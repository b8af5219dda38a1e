//! Sandbox and Live never mix: each watch is checked in its own account only, and pauses
//! while another account is active.

mod rig;

use std::time::Duration;

use ninjapay_watch::*;
use rig::*;

#[tokio::test(start_paused = true)]
async fn a_sandbox_watch_is_never_checked_while_live_is_active_and_resumes_with_one_catch_up() {
    let mut r = Rig::new().await;
    let s = r.watch(WatchKind::Order, "S").await;
    sleep_s(30).await; // checks at 20, 23, 26, 29
    assert_eq!(r.updates().len(), 1 + 4);
    r.watcher.set_active(Some(live())).await.unwrap();
    let l = r.watch_in(live(), WatchKind::Order, "L").await;
    assert!(!l.paused);
    // One update says the Sandbox watch is paused: no next check, nothing to check now.
    let paused: Vec<WatchUpdate> = r.updates().into_iter().filter(|u| u.id == s.id).collect();
    assert_eq!(paused.len(), 1, "{paused:?}");
    let p = &paused[0];
    assert!(p.paused && !p.is_final && p.next_check_at.is_none());
    assert_eq!(p.actions, vec![WatchAction::Stop]);
    assert!(!r.watcher.check_now(s.id).await.unwrap());

    sleep_s(100).await; // to t = 130
    assert_eq!(r.secs("S"), vec![20, 23, 26, 29]);
    assert!(r.secs("L").len() > 10);
    assert!(r.updates().iter().all(|u| u.id != s.id));

    // Sandbox again: the missed check at once, then the schedule from there (140, 150).
    r.watcher.set_active(Some(Account::Sandbox)).await.unwrap();
    sleep_s(25).await;
    assert_eq!(r.secs("S"), vec![20, 23, 26, 29, 130, 140, 150]);
    let s_ups: Vec<WatchUpdate> = r.updates().into_iter().filter(|u| u.id == s.id).collect();
    assert!(!s_ups[0].paused && s_ups[0].attempt == 4, "{:?}", s_ups[0]);
    assert_eq!(s_ups.len(), 1 + 3);
    assert!(s_ups.iter().all(|u| !u.paused && u.delayed.is_none()));
    assert!(r.listed(l.id).paused);
    // Every check went to the watch's own account.
    for (account, tid, _) in r.fake.calls() {
        let own = if tid == "S" { Account::Sandbox } else { live() };
        assert_eq!(account, own, "{tid}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_watch_whose_ten_minutes_ran_out_while_paused_gets_one_final_check() {
    let r = Rig::new().await;
    let w = r.watch(WatchKind::Payment, "P").await;
    sleep_s(30).await;
    r.watcher.set_active(Some(live())).await.unwrap();
    sleep_s(700).await;
    // Paused, not ended.
    let u = r.listed(w.id);
    assert!(u.paused && !u.is_final, "{u:?}");
    r.watcher.set_active(None).await.unwrap();
    sleep_s(10).await;
    assert_eq!(r.secs("P"), vec![20, 23, 26, 29]);
    r.watcher.set_active(Some(Account::Sandbox)).await.unwrap();
    sleep_s(60).await;
    assert_eq!(r.secs("P"), vec![20, 23, 26, 29, 740]);
    let u = r.listed(w.id);
    assert_eq!(
        (u.status, u.is_final, u.paused),
        (WatchStatus::StillPending, true, false)
    );
}

/// What the build before accounts wrote: two pending payments and a paid order.
const OLD_STORE: &str = r#"{"version":1,"nextId":7,"watches":[
  {"id":4,"kind":"payment","tid":"210N1","startedAt":1700000000000,"firstCheckMs":20000,
   "attempt":1,"lastCheckedAt":1700000020050,"schedulePosMs":20000,"status":"pending",
   "rawStatus":"pending","ended":false,"error":null,"amount":null,"fiat":null,"label":null},
  {"id":5,"kind":"order","tid":"O9","startedAt":1700000000000,"firstCheckMs":20000,
   "attempt":1,"lastCheckedAt":1700000020050,"schedulePosMs":20000,"status":"filled",
   "rawStatus":"filled","ended":true,"error":null,"amount":null,"fiat":null,"label":null},
  {"id":6,"kind":"payment","tid":"210N2","startedAt":1700000000000,"firstCheckMs":20000,
   "attempt":1,"lastCheckedAt":1700000020050,"schedulePosMs":20000,"status":"pending",
   "rawStatus":"pending","ended":false,"error":null,"amount":null,"fiat":null,"label":null}
]}"#;

#[tokio::test(start_paused = true)]
async fn a_watch_from_an_old_store_file_without_an_account_loads_and_is_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watches.json");
    std::fs::write(&path, OLD_STORE).unwrap();
    let cfg = WatcherConfig {
        store_path: Some(path.clone()),
        ..config()
    };
    let r = Rig::idle(T0 + 40_000, cfg);
    let old = r.listed(4);
    assert_eq!((old.account.as_ref(), old.attempt), (None, 1));
    assert!(old.paused && old.next_check_at.is_none());
    // Nothing is checked before an account is active.
    sleep_s(60).await;
    assert!(r.fake.calls().is_empty());
    // Watching the same tid names its account: that one is adopted by the request.
    let named = r
        .watch_in(Account::Sandbox, WatchKind::Payment, "210N2")
        .await;
    assert_eq!((named.id, named.account), (6, Some(Account::Sandbox)));

    // The first account made active adopts the rest.
    r.watcher.set_active(Some(live())).await.unwrap();
    for id in [4, 5] {
        assert_eq!(r.listed(id).account, Some(live()), "{id}");
    }
    assert!(!r.listed(4).paused && r.listed(6).paused);
    sleep_s(3).await; // t = 103 s: the check missed since 23 s, at once
    let calls = r.fake.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!((&calls[0].0, calls[0].1.as_str()), (&live(), "210N1"));
    assert_eq!(secs_since(T0, &[calls[0].2]), vec![100]);
    assert_eq!(r.listed(4).next_check_at, Some(T0 + 104_000));
    // On disk, every watch now says whose it is.
    r.watcher.shutdown().await;
    let saved = Store::new(&path).load().unwrap();
    let accounts: Vec<Option<Account>> = saved.watches.iter().map(|w| w.account.clone()).collect();
    assert_eq!(
        accounts,
        vec![Some(live()), Some(live()), Some(Account::Sandbox)]
    );
    assert_eq!(saved.next_id, 7);
}

#[tokio::test(start_paused = true)]
async fn two_accounts_watching_the_same_tid_are_two_watches() {
    let r = Rig::new().await;
    let s = r.watch(WatchKind::Payment, "P1").await;
    let l = r.watch_in(live(), WatchKind::Payment, "P1").await;
    assert_ne!(s.id, l.id);
    assert_eq!(r.watch(WatchKind::Payment, "P1").await.id, s.id);
    assert_eq!(r.watch_in(live(), WatchKind::Payment, "P1").await.id, l.id);
    assert_eq!(r.watcher.list().len(), 2);
    // Paid in Live only.
    r.fake.turns(&live(), "P1", T0, WatchStatus::Paid);
    sleep_s(30).await;
    assert!(r.fake.calls().iter().all(|c| c.0 == Account::Sandbox));
    assert_eq!(r.listed(s.id).status, WatchStatus::Pending);
    assert_eq!(r.listed(l.id).attempt, 0);

    r.watcher.set_active(Some(live())).await.unwrap();
    sleep_s(1).await;
    let l = r.listed(l.id);
    assert_eq!((l.status, l.is_final), (WatchStatus::Paid, true));
    let s = r.listed(s.id);
    assert!(s.paused && s.status == WatchStatus::Pending);
    assert_eq!(r.fake.calls().last().unwrap().0, live());
}

#[tokio::test(start_paused = true)]
async fn a_history_answer_settles_only_payments_of_the_account_it_was_asked_in() {
    let r = Rig::new().await;
    r.fake.lists(vec!["P2".into(), "P1".into()]);
    // Paid in Sandbox; the Live payment of the same tid is not.
    r.fake.turns(&Account::Sandbox, "P1", T0, WatchStatus::Paid);
    let s1 = r.watch(WatchKind::Payment, "P1").await;
    r.watch(WatchKind::Payment, "P2").await;
    let l1 = r.watch_in(live(), WatchKind::Payment, "P1").await;
    // Switch to Live while the Sandbox history call (20.000–20.050 s) is in flight.
    tokio::time::sleep(Duration::from_millis(20_010)).await;
    assert_eq!(r.fake.history_calls().len(), 1);
    r.watcher.set_active(Some(live())).await.unwrap();
    sleep_s(1).await;
    // Asked in Sandbox, for Sandbox's two payments (the Live one is not counted).
    let (account, limit, _) = r.fake.history_calls()[0].clone();
    assert_eq!((account, limit), (Account::Sandbox, 2));
    assert_eq!(r.listed(s1.id).status, WatchStatus::Paid);
    let l1 = r.listed(l1.id);
    assert_eq!((l1.status, l1.is_final), (WatchStatus::Pending, false));
    assert_eq!(l1.attempt, 1, "its own check, in Live");
}
