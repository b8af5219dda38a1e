//! A real `kill -9`: a child process watches three items and is killed with SIGKILL mid-way;
//! a new watcher resumes from what it left on disk. Clocks run at ×100 so 10 s of schedule
//! take 0.1 s.

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ninjapay_watch::*;

const SPEED: f64 = 100.0;
const TIDS: [&str; 3] = ["C1", "C2", "C3"];

#[derive(Debug, Default)]
struct Pending {
    clock: Option<Arc<dyn Clock>>,
    calls: Mutex<Vec<(String, i64)>>,
}

impl Checker for Pending {
    fn check(&self, _account: &Account, _kind: WatchKind, tid: &Tid, _now: i64) -> CheckFuture {
        let now = self.clock.as_ref().map_or(0, |c| c.now_ms());
        self.calls.lock().unwrap().push((tid.to_string(), now));
        Box::pin(async {
            Ok(Observation {
                status: WatchStatus::Pending,
                raw_status: "pending".into(),
                is_final: false,
                amount: None,
                fiat: None,
                label: None,
            })
        })
    }
}

fn request(tid: &str) -> WatchRequest {
    WatchRequest::new(Account::Sandbox, WatchKind::Order, Tid::parse(tid).unwrap())
}

fn config(path: &std::path::Path) -> WatcherConfig {
    WatcherConfig {
        store_path: Some(path.to_owned()),
        first_check: Some(Duration::from_secs(20)),
        // 1 s of real time would be 100 s of schedule here.
        save_interval: Duration::from_millis(20),
        ..Default::default()
    }
}

/// Runs only as the child of `kill_9_mid_schedule_then_resume`.
#[tokio::test]
#[ignore = "child process of kill_9_mid_schedule_then_resume"]
async fn crash_child() {
    let (Some(path), Some(start)) = (
        std::env::var_os("WATCH_CRASH_STORE"),
        std::env::var("WATCH_CRASH_START").ok(),
    ) else {
        return;
    };
    let clock: Arc<dyn Clock> = Arc::new(ScaledClock::new(start.parse().unwrap(), SPEED));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let checker = Arc::new(Pending {
        clock: Some(clock),
        ..Default::default()
    });
    let w = Watcher::start(checker, budget, config(path.as_ref())).unwrap();
    w.set_active(Some(Account::Sandbox)).await.unwrap();
    for t in TIDS {
        w.watch(request(t)).await.unwrap();
    }
    // Killed long before this ends.
    tokio::time::sleep(Duration::from_secs(30)).await;
}

#[tokio::test]
async fn kill_9_mid_schedule_then_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watches.json");
    let start_ms: i64 = 1_800_000_000_000;
    let real0 = Instant::now();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash_child", "--exact", "--ignored", "--nocapture"])
        .env("WATCH_CRASH_STORE", &path)
        .env("WATCH_CRASH_START", start_ms.to_string())
        .spawn()
        .unwrap();
    // Let it get about 60 s into the schedule (0.6 s real, plus start-up), then SIGKILL.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let saved = Store::new(&path).load().unwrap();
        if saved.watches.len() == 3 && saved.watches.iter().all(|w| w.attempt >= 5) {
            break;
        }
        assert!(Instant::now() < deadline, "the child never got going");
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let killed_at = start_ms + (real0.elapsed().as_secs_f64() * 1000.0 * SPEED) as i64;

    let saved = Store::new(&path).load().unwrap();
    assert_eq!(saved.watches.len(), 3, "nothing lost");
    // (The child's clock started at `start_ms` when the child did.)
    assert!(saved
        .watches
        .iter()
        .all(|w| !w.ended && w.started_at >= start_ms && w.started_at < start_ms + 60_000));
    let ids: Vec<u64> = saved.watches.iter().map(|w| w.id).collect();
    let started: std::collections::HashMap<String, i64> = saved
        .watches
        .iter()
        .map(|w| (w.tid.to_string(), w.started_at))
        .collect();

    // The app starts again a little later, on the same time line.
    let clock: Arc<dyn Clock> = Arc::new(ScaledClock::new(
        start_ms + (real0.elapsed().as_secs_f64() * 1000.0 * SPEED) as i64,
        SPEED,
    ));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let checker = Arc::new(Pending {
        clock: Some(clock.clone()),
        ..Default::default()
    });
    let w = Watcher::start(checker.clone(), budget, config(&path)).unwrap();
    w.set_active(Some(Account::Sandbox)).await.unwrap();
    for t in TIDS {
        // Watching the same tids again adds nothing.
        let u = w.watch(request(t)).await.unwrap();
        assert!(ids.contains(&u.id));
        assert_eq!(u.started_at, started[t]);
    }
    assert_eq!(w.list().len(), 3);
    // Until each has had a few more checks (about 0.3 s unless the machine is busy).
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let calls = checker.calls.lock().unwrap().clone();
        if TIDS
            .iter()
            .all(|t| calls.iter().filter(|c| c.0 == *t).count() >= 3)
        {
            break;
        }
    }
    w.shutdown().await;

    let schedule: Vec<i64> = ninjapay::schedule::PollSchedule::new(Duration::from_secs(20))
        .check_times()
        .iter()
        .map(|d| d.as_millis() as i64)
        .collect();
    let calls = checker.calls.lock().unwrap().clone();
    for t in TIDS {
        let times: Vec<i64> = calls
            .iter()
            .filter(|c| c.0 == t)
            .map(|c| c.1 - started[t])
            .collect();
        assert!(times.len() >= 3, "{t}: {times:?}");
        assert!(times[0] >= killed_at - started[t] - 1_000, "{t}: {times:?}");
        // After the one catch-up check, each check serves its own slot of the original
        // schedule: never two for one slot, never one before its slot. (Exact times are
        // tested on tokio's paused clock; here a busy machine may make checks late.)
        let mut slots: Vec<i64> = times
            .iter()
            .map(|&x| *schedule.iter().rev().find(|&&s| s <= x).unwrap())
            .collect();
        let n = slots.len();
        slots.dedup();
        assert_eq!(slots.len(), n, "{t}: {times:?}");
    }
}
