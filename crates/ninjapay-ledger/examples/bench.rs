//! Benchmark of the ledger (`make bench-ledger`): fills a temporary database through the real
//! write path (`Ledger::observe`) with 100,000 records — 10,000 voucher batches of 100 codes
//! (1,000,000 codes), Lightning payments, bridge quotes, orders and widget tokens over two years,
//! in three accounts (two Live servers and the sandbox) — then times typical searches, the
//! liability report over everything, redemptions per day over a year, exports of 100,000 rows
//! to CSV and xlsx, and reports the file size. Release build; one table on stdout.
//!
//!   scripts/bench-ledger.sh                 # 100,000 records, 10,000 batches, seed 7
//!   scripts/bench-ledger.sh --records 20000 --batches 2000 --seed 1

use std::time::{Duration, Instant};

use ninjapay::{Account, Mode, Order, Payment, Quote, TokenDetail, Voucher};
use ninjapay_ledger::{
    csv_bytes, xlsx_bytes, Bucket, Kind, Ledger, Origin, RecordQuery, Scope, Seen, Sort, Status,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

const NOW: i64 = 1_735_689_600; // 2025-01-01 00:00 UTC
const YEAR: i64 = 365 * 86_400;
const IST: i32 = 330;

const WORDS: &[&str] = &[
    "Diwali", "Holi", "Eid", "Pongal", "Onam", "Table", "Chai", "Supplier", "Refund", "Invoice",
    "Giveaway", "Salary", "Rent", "Coffee", "Thali", "Biryani", "Order", "Tip", "Workshop",
    "Festival", "Bonus", "Loyalty", "Referral", "Samosa", "Dosa", "Books", "Fuel", "Repair",
];
const NAMES: &[&str] = &[
    "ravi", "asha", "kiran", "meera", "arjun", "priya", "vikram", "neha", "rahul", "anita",
    "suresh", "divya", "manoj", "pooja", "amit", "sneha", "rohan", "kavya", "deepak", "isha",
];
const BANKS: &[&str] = &["okaxis", "oksbi", "okhdfcbank", "ybl", "paytm", "upi"];

fn lapi_tid(rng: &mut StdRng) -> String {
    const A: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let n = rng.gen_range(14..=16);
    (0..n)
        .map(|_| A[rng.gen_range(0..A.len())] as char)
        .collect()
}

fn title(rng: &mut StdRng) -> String {
    let a = WORDS[rng.gen_range(0..WORDS.len())];
    let b = WORDS[rng.gen_range(0..WORDS.len())];
    format!("{a} {b} {}", rng.gen_range(1..500))
}

fn person(rng: &mut StdRng) -> String {
    format!(
        "{}{}",
        NAMES[rng.gen_range(0..NAMES.len())],
        rng.gen_range(1..2000)
    )
}

fn btc(rng: &mut StdRng, min_sats: i64, max_sats: i64) -> String {
    ninjapay_ledger::sats_to_btc(rng.gen_range(min_sats..max_sats)).to_string()
}

fn de<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("a well-formed fake answer")
}

fn voucher(rng: &mut StdRng, created: i64) -> Voucher {
    let tid = lapi_tid(rng);
    let expires = rng.gen_bool(0.5).then(|| created + 30 * 86_400);
    let revoked_at = rng
        .gen_bool(0.05)
        .then(|| created + rng.gen_range(3_600..20 * 86_400));
    let redeemed_share: f64 = rng.gen_range(0.0..1.0);
    let horizon = [expires, revoked_at, Some(NOW)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(NOW)
        .min(created + 60 * 86_400);
    let codes: Vec<Value> = (0..100)
        .map(|i| {
            let code = format!("{:08x}", rng.gen::<u32>() ^ i);
            let url = format!("https://www.ninjapay.me/voucher/redeem/{code}");
            if rng.gen_bool(redeemed_share) && horizon > created + 60 {
                json!({"voucher_url": url, "voucher_code": code,
                       "redeemed_by": person(rng), "redeemed_tid": rng.gen_range(100_000_000_000u64..999_999_999_999),
                       "redeemed_at": rng.gen_range(created + 60..horizon), "callback_status": 200})
            } else {
                json!({"voucher_url": url, "voucher_code": code})
            }
        })
        .collect();
    de(json!({
        "tid": tid, "created_at": created, "expires_at": expires, "voucher_count": 100,
        "amount": btc(rng, 100, 20_000), "from": "Shop", "title": title(rng),
        "receiver_email": null, "email_status": "undefined", "unique_design": false,
        "callback_url": "https://shop.example/hook", "revoked": revoked_at.is_some(),
        "revoked_at": revoked_at, "voucher_static_url": format!("https://www.ninjapay.me/voucher/{tid}"),
        "voucher_urls": codes
    }))
}

fn payment(rng: &mut StdRng, created: i64) -> Payment {
    let out = rng.gen_bool(0.3);
    let amount = btc(rng, 1_000, 5_000_000);
    let status = match rng.gen_range(0..20) {
        0 => "pending",
        1 => "declined",
        2 => "undefined",
        _ => "paid",
    };
    de(json!({
        "tid": lapi_tid(rng), "payment_mode": "lightning", "wallet": "lbtc",
        "amount": if out { format!("-{amount}") } else { amount },
        "receiver_ninjatag": if rng.gen_bool(0.4) { Value::from(person(rng)) } else { Value::Null },
        "description": title(rng), "created_at": created, "status": status,
        "callback_url": null, "callback_status": if status == "paid" { Value::from(200) } else { Value::Null },
        "hosted_checkout_url": "https://checkout.ninjapay.me/198660213997",
        "customer_name": if rng.gen_bool(0.3) { Value::from(person(rng)) } else { Value::Null },
        "order_id": format!("{}", rng.gen_range(1..99_999)),
        "fiat_currency": "INR", "fiat_value": format!("{}.{:02}", rng.gen_range(10..50_000), rng.gen_range(0..100)),
        "uri": "lightning:lnbc1...", "ttl": 10,
        "lightning_invoice": {"lightning_invoice_type": "invoice", "expires_at": created + 600, "payreq": "lnbc1..."},
        "total_fee": {"network_fee": "0.00000061 btc", "service_fee": "0.00000002 btc (0.1%)", "gst_fee": null}
    }))
}

fn quote(rng: &mut StdRng, created: i64) -> Quote {
    let status = [
        "success", "success", "success", "failed", "expired", "refunded", "pending",
    ][rng.gen_range(0..7)];
    let upi = rng.gen_bool(0.7);
    let usdt = rng.gen_bool(0.2);
    de(json!({
        "tid": rng.gen_range(100_000_000_000u64..999_999_999_999), "created_at": created,
        "status": status, "sending_asset": if usdt { "usdt" } else { "btc" },
        "sending_asset_amount": if usdt { format!("{}.{}", rng.gen_range(1..1000), rng.gen_range(0..100)) } else { btc(rng, 1_000, 1_000_000) },
        "fiat_amount": rng.gen_range(100..97_000), "payment_method": "upi",
        "lightning_invoice": "lnbc1...", "expires_at": created + 900,
        "receiver_upi_id": if upi { Value::from(format!("{}@{}", person(rng), BANKS[rng.gen_range(0..BANKS.len())])) } else { Value::Null },
        "receiver_ninjatag": if upi { Value::Null } else { Value::from(person(rng)) },
        "refund_wallet": "lbtc", "transaction_time": null
    }))
}

fn order(rng: &mut StdRng, created: i64) -> Order {
    let filled = [0, 40, 100, 100][rng.gen_range(0..4)];
    de(json!({
        "tid": lapi_tid(rng), "created_at": created, "type": if rng.gen_bool(0.5) { "buy" } else { "sell" },
        "asset": "BTC", "amount": btc(rng, 10_000, 10_000_000), "price": "5400000",
        "filled_percent": filled, "executed_at": if filled == 100 { Value::from(created + 30) } else { Value::Null },
        "note": "Plugin: spot", "receiver_email": format!("{}@example.com", person(rng)),
        "email_status": "success", "revoked": rng.gen_bool(0.05), "revoked_at": null, "extra": []
    }))
}

fn token(rng: &mut StdRng, created: i64) -> TokenDetail {
    let status = ["paid", "pending", "declined"][rng.gen_range(0..3)];
    de(json!({
        "token": rng.gen_range(100_000_000_000u64..999_999_999_999), "widget_mode": "onramp",
        "wallet": "lbtc", "amount": btc(rng, 1_000, 1_000_000), "receiver_ninjatag": person(rng),
        "description": title(rng), "created_at": created,
        "status": status
    }))
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let records = arg(&args, "--records", 100_000);
    let batches = arg(&args, "--batches", 10_000).min(records);
    let seed = arg(&args, "--seed", 7);
    let mut rng = StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir()?;
    // `--out FILE` keeps the database for a look afterwards (it must not exist yet).
    let path = match args.iter().position(|a| a == "--out") {
        Some(i) => std::path::PathBuf::from(args.get(i + 1).ok_or("--out needs a path")?),
        None => dir.path().join("ledger.sqlite3"),
    };
    if path.exists() {
        return Err(format!("{} exists already", path.display()).into());
    }
    let ledger = Ledger::open(&path)?;
    let main = Account::live("https://api.ninjapay.me", "https://prod.ninjapay.me");
    let second = Account::live("https://api.example.test", "https://prod.example.test");
    ledger.set_ninjatag(&main, Some("shop"))?;
    let pick = |rng: &mut StdRng| match rng.gen_range(0..10) {
        0 => Account::Sandbox,
        1 => second.clone(),
        _ => main.clone(),
    };
    let when = |rng: &mut StdRng| NOW - rng.gen_range(0..2 * YEAR);

    eprintln!("bench: filling {records} records ({batches} voucher batches x 100 codes)…");
    let fill = Instant::now();
    for _ in 0..batches {
        let created = when(&mut rng);
        let v = voucher(&mut rng, created);
        let acc = pick(&mut rng);
        let seen = (created + rng.gen_range(60..90 * 86_400)).min(NOW);
        ledger.observe(&acc, seen, Origin::LookedUp, Seen::Voucher(&v))?;
    }
    let voucher_fill = fill.elapsed();
    let others = records - batches;
    let mut done = 0;
    while done < others {
        // A history-sized chunk per account, like the watcher and Transactions lists.
        let chunk = 500.min(others - done);
        let acc = pick(&mut rng);
        let mut payments = Vec::new();
        let mut quotes = Vec::new();
        let mut orders = Vec::new();
        let mut tokens = Vec::new();
        for _ in 0..chunk {
            let created = when(&mut rng);
            match rng.gen_range(0..100) {
                0..=77 => payments.push(payment(&mut rng, created)),
                78..=91 => quotes.push(quote(&mut rng, created)),
                92..=95 => orders.push(order(&mut rng, created)),
                _ => tokens.push(token(&mut rng, created)),
            }
        }
        let seen: Vec<Seen<'_>> = payments
            .iter()
            .map(Seen::Payment)
            .chain(quotes.iter().map(Seen::Quote))
            .chain(orders.iter().map(Seen::Order))
            .chain(tokens.iter().map(Seen::Token))
            .collect();
        ledger.observe_all(&acc, NOW, Origin::LookedUp, seen)?;
        done += chunk;
    }
    let fill_time = fill.elapsed();
    // As after a restart of the app: closing runs `PRAGMA optimize`, opening checks the schema.
    drop(ledger);
    let t = Instant::now();
    let ledger = Ledger::open(&path)?;
    let reopen = t.elapsed();

    let live = Scope::mode(Mode::Live);
    let base = |text: Option<&str>| {
        let mut q = RecordQuery::new(live.clone());
        q.text = text.map(str::to_owned);
        q.utc_offset_minutes = IST;
        q
    };
    // A tid prefix that exists, a title word, a counterparty, and filtered variants.
    let sample = ledger.records(&base(None))?.rows;
    let prefix: String = sample[0].tid.chars().take(4).collect();
    let mut queries: Vec<(&str, RecordQuery)> = vec![
        ("first page, newest first", base(None)),
        ("tid prefix (4 chars)", base(Some(&prefix))),
        ("title word", base(Some("diwali"))),
        ("two title words", base(Some("chai table"))),
        ("counterparty (UPI id)", base(Some("ravi12@ok"))),
        ("counterparty (ninjatag)", base(Some("meera7"))),
    ];
    let mut q = base(Some("refund"));
    q.kinds = vec![Kind::Payment];
    q.statuses = vec![Status::Paid];
    q.from = Some(time::macros::date!(2024 - 10 - 01));
    q.to = Some(time::macros::date!(2024 - 12 - 31));
    queries.push(("word + kind + status + 3 months", q));
    let mut q = base(None);
    q.kinds = vec![Kind::Voucher];
    q.statuses = vec![Status::Open];
    queries.push(("open voucher batches", q));
    let mut q = base(None);
    q.kinds = vec![Kind::Quote];
    q.from = Some(time::macros::date!(2024 - 12 - 01));
    q.to = Some(time::macros::date!(2024 - 12 - 31));
    q.sort = Sort::Amount;
    queries.push(("payouts in a month by amount", q));
    let mut q = base(Some("diwali"));
    q.page = 20;
    queries.push(("title word, page 21", q));
    let mut q = RecordQuery::new(Scope::account(&Account::Sandbox));
    q.text = Some("holi".into());
    queries.push(("sandbox scope, title word", q));

    let mut all = Vec::new();
    let mut per_query = Vec::new();
    for (name, q) in &queries {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..15 {
            let t = Instant::now();
            let page = ledger.records(q)?;
            times.push(t.elapsed());
            total = page.total;
        }
        times.sort();
        all.extend(times.iter().copied());
        per_query.push((name.to_string(), pct(&times, 0.5), total));
    }
    all.sort();

    let as_of = time::macros::date!(2024 - 12 - 31);
    let mut lt = Vec::new();
    let mut liability = None;
    for _ in 0..7 {
        let t = Instant::now();
        liability = Some(ledger.liability(&Scope::BothModes, as_of, IST)?);
        lt.push(t.elapsed());
    }
    lt.sort();
    let liability = liability.expect("ran");
    let mut rt = Vec::new();
    let mut red = None;
    for _ in 0..7 {
        let t = Instant::now();
        red = Some(ledger.redemptions(
            &live,
            time::macros::date!(2024 - 01 - 01),
            as_of,
            Bucket::Day,
            IST,
        )?);
        rt.push(t.elapsed());
    }
    rt.sort();
    let red = red.expect("ran");
    let t = Instant::now();
    let open = ledger.open_batches(&Scope::BothModes)?;
    let open_time = t.elapsed();
    let t = Instant::now();
    let lightning =
        ledger.lightning_per_day(&live, time::macros::date!(2024 - 01 - 01), as_of, IST)?;
    let lightning_time = t.elapsed();

    let mut everything = RecordQuery::new(Scope::BothModes);
    everything.page_size = 0;
    let t = Instant::now();
    let page = ledger.records(&everything)?;
    let query_all = t.elapsed();
    let t = Instant::now();
    let table = page.to_table();
    let to_table = t.elapsed();
    let t = Instant::now();
    let csv = csv_bytes(&table, IST);
    let csv_time = t.elapsed();
    let t = Instant::now();
    let xlsx = xlsx_bytes(&table, IST)?;
    let xlsx_time = t.elapsed();

    ledger.checkpoint()?;
    let size = std::fs::metadata(&path)?.len();
    drop(ledger);

    let mb = |b: usize| format!("{:.1} MB", b as f64 / 1_000_000.0);
    println!(
        "ninjapay-ledger benchmark (release, seed {seed}, {} records, {} codes)",
        records,
        batches * 100
    );
    println!();
    println!("| measurement | result | aim |");
    println!("|---|---|---|");
    println!(
        "| fill: {batches} voucher batches x 100 codes via observe() | {:.1} s | |",
        voucher_fill.as_secs_f64()
    );
    println!(
        "| fill: all {records} records | {:.1} s | |",
        fill_time.as_secs_f64()
    );
    println!("| open the filled file | {} | |", ms(reopen));
    println!(
        "| search p50 / p95 ({} queries x 15 runs, page of 50 + total count) | {} / {} | < 50 ms |",
        queries.len(),
        ms(pct(&all, 0.5)),
        ms(pct(&all, 0.95))
    );
    for (name, p50, total) in &per_query {
        println!(
            "| &nbsp;&nbsp;{name} ({total} matches) | {} p50 | |",
            ms(*p50)
        );
    }
    println!(
        "| liability as of 2024-12-31 over everything ({} batches owing, {} open codes) | {} p50, {} max | < 300 ms |",
        liability.batches.len(),
        liability.open_codes,
        ms(pct(&lt, 0.5)),
        ms(*lt.last().expect("ran"))
    );
    println!(
        "| redemptions per day over 2024, Live ({} codes) | {} p50 | |",
        red.total_count,
        ms(pct(&rt, 0.5))
    );
    println!(
        "| Lightning per day over 2024, Live ({} in) | {} | |",
        lightning.total.count_in,
        ms(lightning_time)
    );
    println!(
        "| open batches to re-check ({}) | {} | |",
        open.len(),
        ms(open_time)
    );
    println!(
        "| export: query {} rows | {} | |",
        page.rows.len(),
        ms(query_all)
    );
    println!("| export: rows to table | {} | |", ms(to_table));
    println!("| export: CSV ({}) | {} | |", mb(csv.len()), ms(csv_time));
    println!(
        "| export: xlsx ({}) | {} | |",
        mb(xlsx.len()),
        ms(xlsx_time)
    );
    println!(
        "| database file (after checkpoint) | {} | |",
        mb(size as usize)
    );
    Ok(())
}
