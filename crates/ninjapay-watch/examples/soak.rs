//! Fault soak (`make soak`, `scripts/soak.sh`; not part of `make test`): the client and the
//! watcher against a separately running `ninjapay-sandbox` at high clock speed, for a simulated
//! day, while faults are injected at random (drops before and after processing, 5xx bursts,
//! 429s, malformed and truncated bodies, HTML error pages, latency, redirects, extra fields).
//!
//! It checks what must hold whatever the network does, and exits non-zero if anything fails:
//! - **no write sent twice**: for every path that creates, moves, revokes or redeems value, the
//!   sandbox saw at most as many requests as the client made attempts (it records each one);
//! - **no watch lost**: every watch made is still listed, or ended (a final update was seen)
//!   before the list pruned it;
//! - **no panic** in any task.
//!
//! It prints what happened (attempts, outcomes, faults, checks) and the process's resident memory
//! each simulated hour, so "memory stays flat" can be read off.
//!
//! ```text
//! cargo run --release -p ninjapay-watch --example soak -- --sandbox target/release/ninjapay-sandbox \
//!     [--hours 24] [--speed 240] [--seed 11]
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ninjapay::{
    endpoints, ApiKey, Client, Decimal, QuoteIdRequest, QuoteRequest, ReceiveRequest,
    RedeemRequest, RetryPolicy, SendRequest, TokenRequest, VoucherRequest,
};
use ninjapay_watch::*;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

struct Args {
    sandbox: String,
    hours: f64,
    speed: f64,
    seed: u64,
}

fn args() -> Args {
    let mut a = Args {
        sandbox: "target/release/ninjapay-sandbox".into(),
        hours: 24.0,
        speed: 240.0,
        seed: 11,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let v = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--sandbox" => a.sandbox = v,
            "--hours" => a.hours = v.parse().expect("--hours H"),
            "--speed" => a.speed = v.parse().expect("--speed F"),
            "--seed" => a.seed = v.parse().expect("--seed N"),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// This process's resident memory in MiB.
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The sandbox binary, killed when this is dropped.
struct SandboxProcess {
    child: Child,
    api: String,
    admin: reqwest::Client,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SandboxProcess {
    fn start(path: &str, speed: f64, seed: u64) -> SandboxProcess {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            l.local_addr().expect("addr").port()
        };
        let child = Command::new(path)
            .args([
                "--port",
                &port.to_string(),
                "--prod-port",
                &(port + 1).to_string(),
            ])
            .args(["--speed", &speed.to_string(), "--seed", &seed.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {path}: {e} (build it first)"));
        SandboxProcess {
            child,
            api: format!("http://127.0.0.1:{port}"),
            admin: reqwest::Client::new(),
        }
    }

    fn prod(&self) -> String {
        let port: u16 = self.api.rsplit(':').next().unwrap().parse().unwrap();
        format!("http://127.0.0.1:{}", port + 1)
    }

    async fn admin(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self
            .admin
            .request(method, format!("{}/_sandbox/{path}", self.api));
        if let Some(b) = body {
            req = req.json(&b);
        }
        match req.send().await {
            Ok(r) => r.json().await.unwrap_or(Value::Null),
            Err(_) => Value::Null,
        }
    }

    async fn wait_ready(&self) -> i64 {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let clock = self.admin(reqwest::Method::GET, "clock", None).await;
            if let Some(now) = clock["now"].as_i64() {
                return now;
            }
            assert!(Instant::now() < until, "the sandbox did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// One random fault, as the sandbox's admin route takes it.
fn a_fault(rng: &mut impl Rng, elsewhere: &str) -> (&'static str, Value) {
    let count = rng.gen_range(1..4);
    match rng.gen_range(0..11) {
        0 => (
            "drop before",
            json!({"kind": "drop_connection", "count": count}),
        ),
        1 => ("drop after", json!({"kind": "drop_after", "count": count})),
        2 => (
            "5xx burst",
            json!({"kind": "status", "status": 500 + rng.gen_range(0..4), "count": count + 3}),
        ),
        3 => (
            "429",
            json!({"kind": "status", "status": 429, "count": count}),
        ),
        4 => (
            "malformed",
            json!({"kind": "malformed_json", "count": count}),
        ),
        5 => (
            "truncated",
            json!({"kind": "truncated_json", "count": count}),
        ),
        6 => ("html", json!({"kind": "html_error", "count": count})),
        7 => {
            let status = [301, 302, 303, 307, 308][rng.gen_range(0..5)];
            (
                "redirect",
                json!({"kind": "redirect", "status": status, "location": elsewhere, "count": count}),
            )
        }
        8 => (
            "extra fields",
            json!({"kind": "extra_fields", "count": count * 5}),
        ),
        9 => (
            "latency",
            json!({"kind": "latency", "ms": rng.gen_range(50..400)}),
        ),
        _ => ("clear", Value::Null),
    }
}

#[derive(Default)]
struct Tally {
    attempts: BTreeMap<&'static str, u64>,
    outcomes: BTreeMap<String, u64>,
    faults: BTreeMap<&'static str, u64>,
}

fn main() {
    let a = args();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let panicked = Arc::new(AtomicBool::new(false));
    let flag = panicked.clone();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        flag.store(true, Ordering::SeqCst);
        default_hook(info);
    }));
    let ok = rt.block_on(run(a, panicked.clone()));
    if !ok || panicked.load(Ordering::SeqCst) {
        eprintln!("soak: FAILED");
        std::process::exit(1);
    }
    println!("soak: passed");
}

async fn run(a: Args, panicked: Arc<AtomicBool>) -> bool {
    let sandbox = SandboxProcess::start(&a.sandbox, a.speed, a.seed);
    let start_s = sandbox.wait_ready().await;
    let clock: Arc<dyn Clock> = Arc::new(ScaledClock::new(start_s * 1000, a.speed));
    let budget = Arc::new(Budget::new(clock.clone(), BudgetConfig::default()));
    let client = Client::builder()
        .api_url(&sandbox.api)
        .prod_url(sandbox.prod())
        .invoice_key(ApiKey::new(ninjapay_sandbox::INVOICE_KEY))
        .admin_key(ApiKey::new(ninjapay_sandbox::ADMIN_KEY))
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(200),
            ..RetryPolicy::default()
        })
        .observer(budget.clone())
        .build()
        .expect("client");
    let store = std::env::temp_dir().join(format!("ninjapay-soak-{}", std::process::id()));
    let watcher = Watcher::start(
        Arc::new(ClientChecker::new(client.clone())),
        budget.clone(),
        WatcherConfig {
            store_path: Some(store.join("watches.json")),
            ..Default::default()
        },
    )
    .expect("watcher");
    watcher
        .set_active(Some(Account::Sandbox))
        .await
        .expect("watcher");

    // Every final update, so a watch pruned from the list after ending is not counted as lost.
    let ended: Arc<Mutex<HashSet<u64>>> = Arc::default();
    let mut rx = watcher.subscribe();
    let seen_ended = ended.clone();
    let listener = tokio::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(WatchEvent::Update(u)) if u.is_final => {
                    seen_ended.lock().unwrap().insert(u.id);
                }
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(_) => break,
            }
        }
    });

    let sim_start_ms = clock.now_ms();
    let sim_end_ms = sim_start_ms + (a.hours * 3600.0 * 1000.0) as i64;
    let mut rng = rand::rngs::StdRng::seed_from_u64(a.seed);
    let mut tally = Tally::default();
    let mut made: HashSet<u64> = HashSet::new();
    let mut vouchers: Vec<ninjapay::Voucher> = Vec::new();
    let mut memory = vec![(0.0, rss_mib())];
    let mut next_hour = clock.now_ms() + 3_600_000;
    // A followed redirect would replay the request as a new requestVoucher, which the count of
    // requestVoucher requests below would show.
    let elsewhere = format!("{}{}", sandbox.api, endpoints::REQUEST_VOUCHER.path);
    let real0 = Instant::now();
    let account = Account::Sandbox;
    let amount = |s: &str| s.parse::<Decimal>().expect("decimal");

    while clock.now_ms() < sim_end_ms {
        // About one action every 40 simulated seconds, one fault change every 5 minutes.
        tokio::time::sleep(clock.real_duration(rng.gen_range(10_000..70_000))).await;
        if rng.gen_bool(0.12) {
            let (name, fault) = a_fault(&mut rng, &elsewhere);
            *tally.faults.entry(name).or_default() += 1;
            if fault.is_null() {
                sandbox.admin(reqwest::Method::DELETE, "faults", None).await;
            } else {
                sandbox
                    .admin(reqwest::Method::POST, "faults", Some(fault))
                    .await;
            }
        }
        let (path, result): (&'static str, Result<Option<WatchRequest>, ninjapay::Error>) =
            match rng.gen_range(0..9) {
                0 | 1 => (
                    endpoints::RECEIVE.path,
                    client
                        .receive(&ReceiveRequest {
                            amount: amount("0.0001"),
                            description: Some("soak".into()),
                            ..Default::default()
                        })
                        .await
                        .map(|p| Some(WatchRequest::payment(account.clone(), &p))),
                ),
                2 => (
                    endpoints::REQUEST_VOUCHER.path,
                    client
                        .request_voucher(&VoucherRequest {
                            amount: amount("0.00001"),
                            voucher_count: rng.gen_range(1..4),
                            ..Default::default()
                        })
                        .await
                        .map(|v| {
                            vouchers.push(v.clone());
                            Some(WatchRequest::voucher(account.clone(), &v))
                        }),
                ),
                3 => (
                    endpoints::SEND.path,
                    client
                        .send(&SendRequest {
                            payment_mode: "ninjatag".into(),
                            ninjatag: Some("supplier".into()),
                            amount: Some(amount("0.00001")),
                            ..Default::default()
                        })
                        .await
                        .map(|_| None),
                ),
                4 => (
                    endpoints::REQUEST_TOKEN.path,
                    client
                        .request_token(&TokenRequest {
                            widget_mode: "onramp".into(),
                            amount: amount("0.0001"),
                            ..Default::default()
                        })
                        .await
                        .map(|t| Some(WatchRequest::token(account.clone(), &t))),
                ),
                5 => {
                    let id = client
                        .request_quote_id(&QuoteIdRequest {
                            fiat_amount: amount("500"),
                            payment_mode: "upi".into(),
                            sending_asset: "btc".into(),
                            receiver_upi_id: Some("shop@okaxis".into()),
                            receiver_ninjatag: None,
                            refund_wallet: "lbtc".into(),
                        })
                        .await;
                    *tally
                        .attempts
                        .entry(endpoints::REQUEST_QUOTE_ID.path)
                        .or_default() += 1;
                    match id {
                        Ok(id) => (
                            endpoints::REQUEST_QUOTE.path,
                            client
                                .request_quote(&QuoteRequest {
                                    quote_id: id.quote_id,
                                    callback_url: None,
                                })
                                .await
                                .map(|q| Some(WatchRequest::quote(account.clone(), &q))),
                        ),
                        Err(e) => {
                            *tally
                                .outcomes
                                .entry(format!("requestQuoteID {}", e.code()))
                                .or_default() += 1;
                            continue;
                        }
                    }
                }
                6 if !vouchers.is_empty() => {
                    let v = vouchers.swap_remove(rng.gen_range(0..vouchers.len()));
                    (
                        endpoints::REVOKE_VOUCHER.path,
                        client.revoke_voucher(&v.tid).await.map(|_| None),
                    )
                }
                7 if !vouchers.is_empty() => {
                    let v = &vouchers[rng.gen_range(0..vouchers.len())];
                    let code = v
                        .voucher_urls
                        .first()
                        .map(|c| c.code().to_owned())
                        .unwrap_or_default();
                    (
                        endpoints::REDEEM_VOUCHER.path,
                        client
                            .redeem_voucher(&RedeemRequest {
                                voucher_code: code,
                                redeem_mode: "ninjatag".into(),
                                redeem_to: "@customer".into(),
                            })
                            .await
                            .map(|_| None),
                    )
                }
                _ => {
                    // A read the user makes, retried through faults.
                    let _ = client.history(20).await;
                    continue;
                }
            };
        *tally.attempts.entry(path).or_default() += 1;
        let label = match &result {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.code().to_owned(),
        };
        *tally.outcomes.entry(format!("{path} {label}")).or_default() += 1;
        if let Ok(Some(request)) = result {
            if let Ok(u) = watcher.watch(request).await {
                made.insert(u.id);
            }
        }
        if clock.now_ms() >= next_hour {
            next_hour += 3_600_000;
            let hour = (clock.now_ms() - sim_start_ms) as f64 / 3_600_000.0;
            memory.push((hour, rss_mib()));
        }
    }
    sandbox.admin(reqwest::Method::DELETE, "faults", None).await;
    // The last sample before the sandbox's request log (a large answer) is read.
    memory.push((a.hours, rss_mib()));
    let real = real0.elapsed();
    let listed: HashSet<u64> = watcher.list().iter().map(|u| u.id).collect();
    let stats = watcher.stats();
    watcher.shutdown().await;
    listener.abort();

    // What the sandbox saw, per path.
    let requests = sandbox.admin(reqwest::Method::GET, "requests", None).await;
    let mut seen: HashMap<String, u64> = HashMap::new();
    for r in requests.as_array().into_iter().flatten() {
        *seen
            .entry(r["path"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
    }

    println!(
        "Soak: {:.1} simulated hours in {:.0} s real (×{}), seed {}",
        a.hours,
        real.as_secs_f64(),
        a.speed,
        a.seed
    );
    println!("\nWrites (sent once each: the sandbox saw at most one request per attempt)");
    println!("{:<26} {:>9} {:>13}", "path", "attempts", "sandbox saw");
    let mut ok = true;
    for (path, attempts) in &tally.attempts {
        let saw = seen.get(*path).copied().unwrap_or(0);
        let fine = saw <= *attempts;
        ok &= fine;
        println!(
            "{path:<26} {attempts:>9} {saw:>13}{}",
            if fine { "" } else { "  SENT TWICE" }
        );
    }
    println!("\nOutcomes");
    for (k, n) in &tally.outcomes {
        println!("  {k:<44} {n:>6}");
    }
    println!("\nFaults injected");
    for (k, n) in &tally.faults {
        println!("  {k:<16} {n:>5}");
    }
    let ended = ended.lock().unwrap();
    let lost: Vec<&u64> = made
        .iter()
        .filter(|id| !listed.contains(id) && !ended.contains(id))
        .collect();
    ok &= lost.is_empty();
    println!(
        "\nWatches: {} made, {} listed at the end, {} ended, {} lost{}",
        made.len(),
        listed.len(),
        ended.len(),
        lost.len(),
        if lost.is_empty() { "" } else { "  (LOST)" }
    );
    println!(
        "Watcher: {} checks, {} history calls, {} settled by history, {} budget waits, errors {:?}",
        stats.checks,
        stats.history_calls,
        stats.settled_by_history,
        stats.budget_waits,
        stats.errors
    );
    println!("\nResident memory of the client + watcher process (MiB), by simulated hour:");
    println!(
        "  {}",
        memory
            .iter()
            .map(|(h, m)| format!("{h:.0}h {m:.1}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    let panics = panicked.load(Ordering::SeqCst);
    println!("Panics: {}", if panics { "YES" } else { "none" });
    let _ = std::fs::remove_dir_all(&store);
    ok && !panics
}
