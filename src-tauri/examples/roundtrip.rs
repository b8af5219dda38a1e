//! Round trip of one lookup (`make bench-roundtrip`): the page's `invoke('check_voucher')` →
//! IPC → command → client → in-process sandbox → back, against the same HTTP request made
//! directly with reqwest, for a batch of 100 codes. Prints p50 and p99 of each and the ratio.
//!
//! The app side goes through Tauri's real IPC path with the mock runtime (the command tests'
//! harness: the app's own commands, capabilities and state, in Sandbox mode), so it includes
//! what the app does around the request: parsing the tid, choosing the account, the request
//! budget, decoding the record exactly, filing it in the records (SQLite) and adding its
//! figures. The bare side is one reqwest GET with the same query, body and headers, read to a
//! `serde_json::Value`. In between, the app's `ninjapay::Client` alone, and apart, filing the
//! batch in the records (SQLite), which the command leaves to the records' own thread (the page
//! has its answer before it is done). All share one sandbox and take turns, so machine load hits
//! them alike.
//!
//!   cargo run --release -p ninjapay-desk --example roundtrip [-- ROUNDS]

use std::sync::Arc;
use std::time::{Duration, Instant};

use ninjapay_desk_lib::keys::MemoryStore;
use ninjapay_desk_lib::{context, run_app_with, Desk, DeskOptions};
use ninjapay_ledger::{Origin, Seen};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

fn call(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    match get_ipc_response(webview, request) {
        Ok(body) => body.deserialize::<Value>().expect("json answer"),
        Err(e) => panic!("{cmd} failed: {e}"),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("ROUNDS is a number"))
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("temp dir");
    let opts = DeskOptions {
        config_dir: dir.path().to_path_buf(),
        data_dir: dir.path().join("data"),
        secrets: Arc::new(MemoryStore::default()),
    };
    let app = run_app_with(mock_builder(), opts)
        .build(context())
        .expect("app builds");
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("webview"),
    };

    // A batch of 100 codes (the most one request makes), then the sandbox's URL.
    let created = call(
        &webview,
        "request_voucher",
        json!({"request": {"amount": "0.00001", "voucher_count": 100, "title": "Bench", "from": "Bench shop"}}),
    );
    let tid = created["tid"].as_str().expect("tid").to_owned();
    let status = call(&webview, "app_status", json!({}));
    let api_url = status["sandbox"]["apiUrl"]
        .as_str()
        .expect("the sandbox runs")
        .to_owned();
    let first = call(&webview, "check_voucher", json!({ "tid": tid }));
    let codes = first["figures"]["codes"].as_array().map_or(0, Vec::len);
    assert_eq!(codes, 100, "a batch of 100 codes");

    // The same request the client makes (endpoints.rs: GET /lapi/v1/checkVoucher, Invoice key).
    let http = reqwest::Client::new();
    let url = format!("{api_url}/lapi/v1/checkVoucher");
    let body = serde_json::to_vec(&json!({ "tid": tid })).expect("body");
    let bare = || {
        tauri::async_runtime::block_on(async {
            let answer = http
                .get(&url)
                .query(&[("tid", tid.as_str())])
                .header("x-api-key", ninjapay_sandbox::INVOICE_KEY)
                .header("accept", "application/json")
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .expect("sent");
            assert!(answer.status().is_success(), "{}", answer.status());
            let bytes = answer.bytes().await.expect("read");
            serde_json::from_slice::<Value>(&bytes).expect("json")
        })
    };
    let via_app = || call(&webview, "check_voucher", json!({ "tid": tid }));
    // The middle of the path: the app's client alone (exact decoding, retry policy), no IPC,
    // no command, no records.
    let client = ninjapay::Client::builder()
        .api_url(&api_url)
        .prod_url(status["sandbox"]["prodUrl"].as_str().expect("prod url"))
        .invoice_key(ninjapay::ApiKey::new(ninjapay_sandbox::INVOICE_KEY))
        .build()
        .expect("client");
    let parsed = ninjapay::Tid::parse(&tid).expect("tid");
    let via_client =
        || tauri::async_runtime::block_on(client.check_voucher(&parsed)).expect("check_voucher");
    // Filing that answer in the records as the command does, and waiting until it is written.
    let desk = app.state::<Desk>();
    let (account, _) = tauri::async_runtime::block_on(desk.session().current()).expect("account");
    let voucher = via_client();
    let filing = || {
        let books = desk.books();
        books.file(&account, Origin::LookedUp, &[Seen::Voucher(&voucher)]);
        books.settle();
    };

    let bytes = serde_json::to_vec(&bare()).expect("json").len();
    for _ in 0..20 {
        bare();
        via_client();
        via_app();
        filing();
    }
    let mut times: [Vec<Duration>; 4] = Default::default(); // bare, client, app, filing
    for i in 0..rounds {
        // Rotate which goes first, so none always follows another.
        for k in 0..4 {
            let which = (i + k) % 4;
            let t0 = Instant::now();
            match which {
                0 => drop(std::hint::black_box(bare())),
                1 => drop(std::hint::black_box(via_client())),
                2 => drop(std::hint::black_box(via_app())),
                _ => filing(),
            }
            times[which].push(t0.elapsed());
        }
    }
    for t in &mut times {
        t.sort();
    }
    let [bare_t, client_t, app_t, filing_t] = &times;
    let (a50, a99) = (percentile(app_t, 0.5), percentile(app_t, 0.99));
    let (b50, b99) = (percentile(bare_t, 0.5), percentile(bare_t, 0.99));
    let (c50, c99) = (percentile(client_t, 0.5), percentile(client_t, 0.99));
    println!(
        "check_voucher, 100 codes ({bytes} bytes of JSON), {rounds} rounds each, alternating, {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("                                   p50        p99");
    println!(
        "bare reqwest → sandbox         {:7.2} ms {:7.2} ms",
        ms(b50),
        ms(b99)
    );
    println!(
        "the app's client alone         {:7.2} ms {:7.2} ms",
        ms(c50),
        ms(c99)
    );
    println!(
        "invoke → command → client →    {:7.2} ms {:7.2} ms",
        ms(a50),
        ms(a99)
    );
    println!("  sandbox → back");
    println!(
        "filing in the records (its own  {:7.2} ms {:7.2} ms",
        ms(percentile(filing_t, 0.5)),
        ms(percentile(filing_t, 0.99))
    );
    println!("  thread, after the answer)");
    println!(
        "ratio                          {:7.2}×   {:7.2}×",
        ms(a50) / ms(b50),
        ms(a99) / ms(b99)
    );
    println!();
    println!("For the README:");
    println!(
        "| check_voucher, 100 codes | {:.2} ms / {:.2} ms | {:.2} ms / {:.2} ms | {:.2} ms / {:.2} ms | {:.2}× / {:.2}× |",
        ms(b50),
        ms(b99),
        ms(c50),
        ms(c99),
        ms(a50),
        ms(a99),
        ms(a50) / ms(b50),
        ms(a99) / ms(b99)
    );
}
