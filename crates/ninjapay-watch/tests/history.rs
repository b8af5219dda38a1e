//! Transactions batching on tokio's paused clock: one `history` call settles many pending
//! payments; it asks for as many records as there are pending payments, and a payment it
//! does not list is checked on its own.

mod rig;

use ninjapay_watch::*;
use rig::*;

/// Watches `P0`…`P{n-1}`, each paid at `paid_at`; the history call lists them newest first.
async fn payments(r: &Rig, n: usize, paid_at: i64) {
    r.fake
        .lists((0..n).rev().map(|i| format!("P{i}")).collect());
    for i in 0..n {
        r.turns(&format!("P{i}"), paid_at, WatchStatus::Paid);
        r.watch(WatchKind::Payment, &format!("P{i}")).await;
    }
}

#[tokio::test(start_paused = true)]
async fn one_history_call_settles_many_payments() {
    let mut r = Rig::new().await;
    // Newest first; P0 is too old to be listed.
    r.fake
        .lists((1..10).rev().map(|i| format!("P{i}")).collect());
    for i in 0..10 {
        r.turns(&format!("P{i}"), T0 + 30_000, WatchStatus::Paid);
        r.watch(WatchKind::Payment, &format!("P{i}")).await;
    }
    sleep_s(60).await;
    let ups = r.updates();
    assert_eq!(ups.iter().filter(|u| u.is_final).count(), 10);
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
    let h = r.fake.history_calls();
    assert!(h.len() <= 6, "{} history calls", h.len()); // 20, 23, 26, 29, 32 s
    assert_eq!(r.watcher.stats().settled_by_history, 9);
}

#[tokio::test(start_paused = true)]
async fn history_asks_for_every_pending_payment_and_a_short_answer_falls_back_to_single_checks() {
    let r = Rig::new().await;
    // The server lists at most 4 records, whatever is asked.
    r.fake.lists_at_most(4);
    payments(&r, 6, T0 + 40_000).await;
    sleep_s(60).await;
    let limits: Vec<u32> = r.fake.history_calls().iter().map(|h| h.1).collect();
    // First one record per pending payment; then P0 and P1 (not listed) are checked on their
    // own, and the call asks for the 4 it can settle.
    assert_eq!(limits[0], 6, "{limits:?}");
    assert!(limits[1..].iter().all(|&l| l == 4), "{limits:?}");
    // Answered at 20.05 s without them: checked on their own at once, then on schedule.
    for t in ["P0", "P1"] {
        let secs = r.secs(t);
        assert_eq!(&secs[..2], &[20, 23], "{t}: {secs:?}");
    }
    for i in 2..6 {
        assert!(r.fake.times(&format!("P{i}")).is_empty(), "P{i}");
    }
    assert!(r
        .watcher
        .list()
        .iter()
        .all(|u| u.status == WatchStatus::Paid));
    assert_eq!(r.watcher.stats().settled_by_history, 4);
}

#[tokio::test(start_paused = true)]
async fn a_payment_paid_early_does_not_push_older_pending_ones_out_of_the_list() {
    let r = Rig::new().await;
    payments(&r, 4, T0 + 40_000).await;
    // The newest is paid first: it stays in the list (newest first), above the pending ones.
    r.turns("P3", T0 + 21_000, WatchStatus::Paid);
    sleep_s(60).await;
    let limits: Vec<u32> = r.fake.history_calls().iter().map(|h| h.1).collect();
    // Three pending after 23 s, but four records to reach the oldest.
    assert!(
        limits.len() > 3 && limits.iter().all(|&l| l == 4),
        "{limits:?}"
    );
    for i in 0..4 {
        assert!(r.fake.times(&format!("P{i}")).is_empty(), "P{i}");
    }
    assert_eq!(r.watcher.stats().settled_by_history, 4);
}

#[tokio::test(start_paused = true)]
async fn history_asks_for_at_most_history_max_and_at_least_two() {
    let r = Rig::start(
        T0,
        WatcherConfig {
            history_max: 3,
            ..config()
        },
    )
    .await;
    payments(&r, 6, T0 + 25_000).await;
    sleep_s(21).await;
    assert_eq!(r.fake.history_calls()[0].1, 3);
    // The three oldest were not listed: on their own from now on.
    assert_eq!(r.secs("P0"), vec![20]);
    assert!(r.fake.times("P3").is_empty());

    let r = Rig::new().await;
    payments(&r, 2, T0 + 25_000).await;
    sleep_s(21).await;
    assert_eq!(r.fake.history_calls()[0].1, 2);
}

#[tokio::test(start_paused = true)]
async fn a_server_that_refuses_a_long_list_is_asked_for_100() {
    let r = Rig::new().await;
    // As the sandbox does: more than 100 is a 400.
    r.fake.refuses_lists_above(100);
    payments(&r, 150, T0 + 60_000).await;
    sleep_s(30).await;
    let limits: Vec<u32> = r.fake.history_calls().iter().map(|h| h.1).collect();
    assert_eq!(&limits[..2], &[150, 100], "{limits:?}");
    assert!(limits[1..].iter().all(|&l| l == 100), "{limits:?}");
    // The refusal ended no watch; the newest 100 are settled by the list alone.
    assert!(r.watcher.list().iter().all(|u| !u.is_final));
    assert_eq!(r.watcher.stats().errors.get("validation"), Some(&1));
    for i in 50..150 {
        assert!(r.fake.times(&format!("P{i}")).is_empty(), "P{i}");
    }
    assert!(!r.fake.times("P0").is_empty());
}
