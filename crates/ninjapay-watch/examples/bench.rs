//! Benchmark: N concurrent payment watches against an in-process sandbox over a simulated
//! 10 minutes (both clocks sped up together), payments turning paid at random times.
//!
//! ```text
//! cargo run --release -p ninjapay-watch --example bench -- [--watches 500] [--speed 20] [--seed 7]
//! ```
//! (or `scripts/bench-watch.sh`). Loopback only; stops by itself.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ninjapay::{ApiKey, Client};
use ninjapay_sandbox::state::payments::{PayStatus, Payment, ReceiveRequest};
use ninjapay_sandbox::{routes, Config, Host, Shared, INVOICE_KEY};
use ninjapay_watch::*;
use rand::{Rng, SeedableRng};

const START: i64 = 1_800_000_000;
/// Simulated seconds the bench runs at most: until every watch has ended (10-minute schedules;
/// checks delayed by the budget may end a little later), capped at 15 minutes.
const RUN_SECS: i64 = 900;

struct Args {
    watches: usize,
    speed: f64,
    seed: u64,
    paid_fraction: f64,
    user_every_secs: i64,
}

fn args() -> Args {
    let mut a = Args {
        watches: 500,
        speed: 20.0,
        seed: 7,
        paid_fraction: 0.8,
        user_every_secs: 10,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i + 1 < argv.len() {
        let v = &argv[i + 1];
        match argv[i].as_str() {
            "--watches" => a.watches = v.parse().expect("--watches N"),
            "--speed" => a.speed = v.parse().expect("--speed F"),
            "--seed" => a.seed = v.parse().expect("--seed N"),
            "--paid-fraction" => a.paid_fraction = v.parse().expect("--paid-fraction F"),
            "--user-every" => a.user_every_secs = v.parse().expect("--user-every SECS"),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    a.watches = a.watches.clamp(1, 5_000);
    a.speed = a.speed.clamp(1.0, 100.0);
    a
}

/// CPU seconds (user + system) of this process's threads whose name starts with `prefix`.
fn cpu_secs(prefix: &str) -> Option<f64> {
    let mut ticks = 0u64;
    for t in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(t.ok()?.path().join("stat")).ok()?;
        let (open, close) = (stat.find('(')?, stat.rfind(')')?);
        let name = &stat[open + 1..close];
        if !name.starts_with(prefix) {
            continue;
        }
        let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
        // utime and stime are fields 14 and 15 of stat; 12 and 13 after "pid (comm)".
        ticks += fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    }
    Some(ticks as f64 / 100.0) // USER_HZ is 100 on Linux
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn main() {
    let a = args();
    // The sandbox gets its own runtime (threads "sandbox-*") so the watcher's CPU time
    // (threads "watch-*") can be told apart.
    let sandbox_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("sandbox-rt")
        .enable_all()
        .build()
        .expect("runtime");
    let watch_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("watch-rt")
        .enable_all()
        .build()
        .expect("runtime");

    let config = Config {
        speed: a.speed,
        start_time: Some(START),
        seed: a.seed,
        ..Config::default()
    };
    let shared = Arc::new(Shared::new(&config));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (api_url, prod_url) = sandbox_rt.block_on(async {
        let api = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let prod = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let urls = (
            format!("http://{}", api.local_addr().expect("addr")),
            format!("http://{}", prod.local_addr().expect("addr")),
        );
        tokio::spawn(routes::serve(
            api,
            routes::router(shared.clone(), Host::Api),
            stopped.clone(),
        ));
        tokio::spawn(routes::serve(
            prod,
            routes::router(shared.clone(), Host::Prod),
            stopped,
        ));
        urls
    });
    // The watcher's clock runs at the sandbox's speed from the same instant.
    let clock: Arc<dyn Clock> = Arc::new(ScaledClock::new(shared.now() * 1000, a.speed));

    // N pending payments created directly in the sandbox (creating them is not what is
    // measured), each with its own moment of turning paid (or none: still pending).
    let mut rng = rand::rngs::StdRng::seed_from_u64(a.seed);
    let mut paid_at: HashMap<String, i64> = HashMap::new();
    let mut tids = Vec::new();
    {
        let mut w = shared.world();
        let now = shared.now();
        for i in 0..a.watches {
            let tid = w.new_str_tid();
            let mut p = Payment::new_receive(
                tid.clone(),
                format!("lnbc5u1bench{i}"),
                ReceiveRequest {
                    amount: "0.0005".parse().expect("decimal"),
                    description: Some(format!("bench #{i}")),
                    expires_in_min: 60,
                    ..Default::default()
                },
                now,
                &mut rng,
            );
            p.fate = if rng.gen_bool(a.paid_fraction) {
                let at = now + rng.gen_range(5..570);
                paid_at.insert(tid.clone(), at * 1000);
                Some((at, PayStatus::Paid))
            } else {
                None
            };
            w.payments.push(p);
            tids.push(tid);
        }
    }

    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let client = Client::builder()
        .api_url(&api_url)
        .prod_url(&prod_url)
        .invoice_key(ApiKey::new(INVOICE_KEY))
        .observer(budget.clone())
        .build()
        .expect("client");
    let dir = std::env::temp_dir().join(format!("ninjapay-watch-bench-{}", std::process::id()));
    let watch_cpu0 = cpu_secs("watch-rt").unwrap_or(0.0);
    let sandbox_cpu0 = cpu_secs("sandbox-rt").unwrap_or(0.0);
    let real0 = Instant::now();

    let report = watch_rt.block_on(async {
        let watcher = Watcher::start(
            Arc::new(ClientChecker::new(client.clone())),
            budget.clone(),
            WatcherConfig {
                store_path: Some(dir.join("watches.json")),
                ..Default::default()
            },
        )
        .expect("watcher");
        watcher
            .set_active(Some(Account::Sandbox))
            .await
            .expect("watcher");
        let mut rx = watcher.subscribe();
        let t0 = clock.now_ms();
        for tid in &tids {
            let tid = Tid::parse(tid).expect("tid");
            let mut req = WatchRequest::new(Account::Sandbox, WatchKind::Payment, tid);
            req.started_at = Some(t0);
            watcher.watch(req).await.expect("watch");
        }
        // The user keeps using the app: one read every `user_every_secs` simulated seconds.
        let user_client = client.clone();
        let user_clock = clock.clone();
        let every = a.user_every_secs.max(1);
        let counts = Arc::new([AtomicU32::new(0), AtomicU32::new(0), AtomicU32::new(0)]);
        let user_counts = counts.clone();
        let user = tokio::spawn(async move {
            let [ok, held, limited] = &*user_counts;
            let mut next = t0;
            while user_clock.now_ms() < t0 + RUN_SECS * 1000 {
                tokio::time::sleep(user_clock.real_duration(next - user_clock.now_ms())).await;
                next += every * 1000;
                let counter = match user_client.wallet_info().await {
                    Ok(_) => ok,
                    Err(e) if e.to_string().starts_with(budget::LOCAL_HOLD_PREFIX) => held,
                    Err(e) if e.code() == "rate_limited" => limited,
                    Err(_) => continue,
                };
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        let mut delays = Vec::new();
        let mut finals: HashMap<WatchStatus, usize> = HashMap::new();
        let mut delay_notices = 0;
        let deadline = t0 + RUN_SECS * 1000;
        let hard_stop =
            Instant::now() + Duration::from_secs_f64(RUN_SECS as f64 / a.speed * 2.0 + 10.0);
        while finals.values().sum::<usize>() < tids.len()
            && clock.now_ms() < deadline
            && Instant::now() < hard_stop
        {
            let wait = clock.real_duration(deadline - clock.now_ms());
            match tokio::time::timeout(wait, rx.recv()).await {
                Ok(Ok(WatchEvent::Update(u))) if u.is_final => {
                    *finals.entry(u.status).or_default() += 1;
                    if u.status == WatchStatus::Paid {
                        if let Some(at) = paid_at.get(u.tid.as_str()) {
                            delays.push((clock.now_ms() - at) as f64 / 1000.0);
                        }
                    }
                }
                Ok(Ok(WatchEvent::Budget(b))) if b.delayed => delay_notices += 1,
                Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(n))) => {
                    eprintln!("lagged by {n} events");
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        let sim_secs = (clock.now_ms() - t0) as f64 / 1000.0;
        // One probe after the run: a locked-out key would get 429 here.
        let probe = client
            .check_payment(&ninjapay::Tid::parse(&tids[0]).expect("tid"))
            .await;
        let stats = watcher.stats();
        watcher.shutdown().await;
        user.abort();
        let user_result = (
            counts[0].load(Ordering::Relaxed),
            counts[1].load(Ordering::Relaxed),
            counts[2].load(Ordering::Relaxed),
        );
        (
            delays,
            finals,
            delay_notices,
            sim_secs,
            probe.err().map(|e| e.code()),
            stats,
            user_result,
        )
    });
    let real = real0.elapsed().as_secs_f64();
    let watch_cpu = cpu_secs("watch-rt").map(|c| c - watch_cpu0);
    let sandbox_cpu = cpu_secs("sandbox-rt").map(|c| c - sandbox_cpu0);
    let _ = stop.send(true);
    let _ = std::fs::remove_dir_all(&dir);

    let (
        mut delays,
        finals,
        delay_notices,
        sim_secs,
        probe_err,
        stats,
        (user_ok, user_held, user_limited),
    ) = report;
    delays.sort_by(f64::total_cmp);
    // Requests per sliding 10-minute window, as the sandbox recorded them (sandbox seconds).
    let mut at: Vec<i64> = shared.requests().iter().map(|r| r.at).collect();
    at.sort();
    let (mut worst, mut lo) = (0, 0);
    for hi in 0..at.len() {
        while at[hi] - at[lo] >= 600 {
            lo += 1;
        }
        worst = worst.max(hi - lo + 1);
    }
    if std::env::var_os("BENCH_DEBUG").is_some() {
        let h: Vec<i64> = shared
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/history"))
            .map(|r| r.at - START)
            .collect();
        eprintln!("history calls at {h:?}");
    }
    let paid_total = paid_at.len();
    let server_429 = budget.server_limited() + u64::from(user_limited);
    println!(
        "ninjapay-watch benchmark: {} watches, sandbox speed ×{}, seed {}",
        a.watches, a.speed, a.seed
    );
    println!();
    println!("| metric | value |");
    println!("|---|---|");
    println!("| simulated time | {sim_secs:.0} s ({real:.1} s real) |");
    println!("| requests sent (all) | {} |", at.len());
    println!("| max requests in any 10-min window | {worst} (limit 1,000; background cap 800, 20% kept for the user) |");
    println!(
        "| single checks / history calls | {} / {} |",
        stats.checks, stats.history_calls
    );
    println!(
        "| user reads (1 per {} s) ok / held / 429 | {user_ok} / {user_held} / {user_limited} |",
        a.user_every_secs
    );
    println!(
        "| rate-limit lock-outs (429 from the sandbox) | {server_429}{} |",
        match probe_err {
            Some(c) => format!(" (probe after run: {c})"),
            None => " (probe after run: ok)".into(),
        }
    );
    println!(
        "| payments turned paid / seen paid | {paid_total} / {} |",
        delays.len()
    );
    println!(
        "| delay paid → event, median | {:.1} s |",
        percentile(&delays, 0.5)
    );
    println!(
        "| delay paid → event, p95 | {:.1} s |",
        percentile(&delays, 0.95)
    );
    println!(
        "| delay paid → event, max | {:.1} s |",
        delays.last().copied().unwrap_or(f64::NAN)
    );
    println!("| final states | {} |", {
        let mut f: Vec<String> = finals.iter().map(|(k, v)| format!("{k:?} {v}")).collect();
        f.sort();
        f.join(", ")
    });
    println!("| budget-delay notices | {delay_notices} |");
    println!("| errors | {:?} |", stats.errors);
    println!(
        "| CPU time, watcher (client + engine + store) | {} |",
        watch_cpu.map_or("n/a".into(), |c| format!("{c:.2} s"))
    );
    println!(
        "| CPU time, in-process sandbox | {} |",
        sandbox_cpu.map_or("n/a".into(), |c| format!("{c:.2} s"))
    );
    println!("| store writes | {} |", stats.saves);
}
