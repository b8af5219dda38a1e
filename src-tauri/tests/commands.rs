//! Command tests: every domain through the real IPC path (`tauri::test::mock_builder()`,
//! the app's own capabilities) against the in-process sandbox, plus the error codes the UI
//! branches on.

mod common;

use std::sync::Arc;

use common::{assert_not_under, capture, Harness};
use ninjapay_desk_lib::events;
use ninjapay_desk_lib::keys::MemoryStore;
use serde_json::json;

const SEEDED_VOUCHER: &str = "210N66027HB789";

fn sandbox() -> Harness {
    capture::install();
    Harness::new(Arc::new(MemoryStore::default()))
}

/// A harness in Live mode whose settings file points at a separately started sandbox.
fn live_against_sandbox() -> (Harness, ninjapay_sandbox::Sandbox) {
    capture::install();
    let sb = tauri::async_runtime::block_on(ninjapay_sandbox::start(
        ninjapay_sandbox::Config::default(),
    ))
    .expect("sandbox starts");
    let h = Harness::with_settings(
        Arc::new(MemoryStore::default()),
        json!({"mode": "live", "apiUrl": sb.api_url(), "prodUrl": sb.prod_url()}),
    );
    (h, sb)
}

#[test]
fn starts_in_sandbox_mode_without_keys() {
    let h = sandbox();
    let status = h.ok("app_status", json!({}));
    assert_eq!(status["mode"], "sandbox");
    assert_eq!(status["modeChosen"], false);
    let keys = h.ok("key_status", json!({}));
    assert_eq!(keys["invoice"]["present"], false);
    assert_eq!(keys["admin"]["masked"], serde_json::Value::Null);
    // The same in the page's one read, which brings the watches only when asked.
    let state = h.ok("desk_state", json!({}));
    assert_eq!(state["status"]["mode"], "sandbox");
    assert_eq!(state["status"]["modeChosen"], false);
    assert_eq!(state["settings"], h.ok("get_settings", json!({})));
    assert_eq!(state["keys"], keys);
    assert_eq!(state["keysError"], serde_json::Value::Null);
    assert_eq!(state["watches"], serde_json::Value::Null);
    let state = h.ok("desk_state", json!({"watches": true}));
    assert_eq!(state["watches"], h.ok("watch_list", json!({})));
    let t = h.ok("test_connection", json!({}));
    assert_eq!(t["status"], "ok", "{t}");
}

// ---- vouchers ----------------------------------------------------------------------------

#[test]
fn vouchers_check_the_seeded_batch() {
    let h = sandbox();
    let v = h.ok("check_voucher", json!({"tid": SEEDED_VOUCHER}));
    assert_eq!(v["title"], "Congrats IPL Spinwheel winner");
    assert_eq!(v["from"], "Swiggy");
    assert_eq!(v["tid"], SEEDED_VOUCHER);
}

#[test]
fn vouchers_request_then_check_then_revoke() {
    let h = sandbox();
    let moved = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = moved.clone();
    events::listen(h.app.handle(), events::WALLET_CHANGED, move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let created = h.ok(
        "request_voucher",
        json!({"request": {"amount": "0.00001", "voucher_count": 2, "title": "Thanks", "from": "Test shop"}}),
    );
    let tid = created["tid"].as_str().unwrap().to_owned();
    // The figures come with the record: the page computes no money.
    assert_eq!(created["figures"]["total_value"], "0.00002000");
    assert_eq!(created["figures"]["state"], "open");
    let checked = h.ok("check_voucher", json!({ "tid": tid }));
    assert_eq!(checked["title"], "Thanks");
    assert_eq!(checked["figures"]["count"], 2);
    assert_eq!(checked["figures"]["redeemed_count"], 0);
    assert_eq!(checked["figures"]["outstanding_value"], "0.00002000");
    assert_eq!(checked["figures"]["codes"].as_array().unwrap().len(), 2);
    let revoked = h.ok("revoke_voucher", json!({ "tid": tid }));
    assert_eq!(revoked["revoked"], true, "{revoked}");
    let checked = h.ok("check_voucher", json!({ "tid": tid }));
    assert_eq!(checked["figures"]["state"], "revoked");
    assert_eq!(checked["figures"]["outstanding_value"], "0");
    // The balances are read again after each write (create, revoke).
    assert_eq!(moved.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[test]
fn a_form_is_reviewed_by_the_client_rules_before_it_is_confirmed() {
    let h = sandbox();
    let r = h.ok(
        "review",
        json!({"endpoint": "requestVoucher", "request": {"amount": "0.1234567891", "voucher_count": "0"}}),
    );
    let fields: Vec<&str> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["amount", "voucher_count"], "{r}");
    let r = h.ok(
        "review",
        json!({"endpoint": "requestVoucher", "request": {"amount": "0.00025", "voucher_count": "4"}}),
    );
    assert_eq!(r, json!({"problems": [], "total": "0.00100"}));
    let r = h.ok(
        "review",
        json!({"endpoint": "send", "request": {"payment_mode": "ninjatag", "ninjatag": "a b"}}),
    );
    assert_eq!(r["problems"].as_array().unwrap().len(), 2, "{r}");
}

#[test]
fn vouchers_unknown_tid_is_not_found() {
    let h = sandbox();
    assert_eq!(
        h.code("check_voucher", json!({"tid": "NOSUCHVOUCHER1"})),
        "not_found"
    );
}

#[test]
fn vouchers_bad_input_is_validation() {
    let h = sandbox();
    assert_eq!(h.code("check_voucher", json!({"tid": "   "})), "validation");
    assert_eq!(
        h.code(
            "request_voucher",
            json!({"request": {"voucher_count": "many"}})
        ),
        "validation"
    );
}

// ---- wallet ------------------------------------------------------------------------------

#[test]
fn wallet_info_history_receive_and_check() {
    let h = sandbox();
    h.ok("wallet_info", json!({}));
    let p = h.ok(
        "receive",
        json!({"request": {"amount": "0.0001", "description": "test"}}),
    );
    let tid = p["tid"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| p["tid"].to_string());
    h.ok("check_payment", json!({ "tid": tid }));
    let list = h.ok("history", json!({"limit": 5}));
    assert!(list.is_array(), "{list}");
}

// ---- trade -------------------------------------------------------------------------------

#[test]
fn trade_asset_balance() {
    let h = sandbox();
    h.ok("asset_balance", json!({}));
    assert_eq!(
        h.code("check_order", json!({"tid": "NOSUCHORDER123"})),
        "not_found"
    );
}

// ---- widget ------------------------------------------------------------------------------

#[test]
fn widget_token_request_and_check() {
    let h = sandbox();
    let t = h.ok(
        "request_token",
        json!({"request": {"widget_mode": "onramp", "amount": "0.0001"}}),
    );
    let token = t["token"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| t["token"].to_string());
    h.ok("check_token", json!({ "tid": token }));
}

// ---- bridge ------------------------------------------------------------------------------

#[test]
fn bridge_quote_id_then_quote_then_check() {
    let h = sandbox();
    let q = h.ok(
        "request_quote_id",
        json!({"request": {"fiat_amount": "500", "payment_mode": "upi", "sending_asset": "usdt",
                            "receiver_upi_id": "shop@upi", "refund_wallet": "usdt"}}),
    );
    let quote_id = q["quote_id"].as_str().unwrap().to_owned();
    let inv = h.ok("request_quote", json!({"request": {"quote_id": quote_id}}));
    let tid = inv["tid"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| inv["tid"].to_string());
    h.ok("check_quote", json!({ "tid": tid }));
}

// ---- errors the UI branches on -----------------------------------------------------------

#[test]
fn live_mode_with_a_wrong_key_is_unauthorized() {
    let (h, _sb) = live_against_sandbox();
    h.ok(
        "save_key",
        json!({"kind": "invoice", "key": "wrongkey0000000000000000000000000000000"}),
    );
    assert_eq!(
        h.code("check_voucher", json!({"tid": SEEDED_VOUCHER})),
        "unauthorized"
    );
    let t = h.ok("test_connection", json!({}));
    assert_eq!(t["status"], "unauthorized", "{t}");
}

#[test]
fn live_mode_with_only_the_invoice_key_needs_the_admin_key_to_move_money() {
    let (h, _sb) = live_against_sandbox();
    h.ok(
        "save_key",
        json!({"kind": "invoice", "key": ninjapay_sandbox::INVOICE_KEY}),
    );
    // a read works with the invoice key …
    let v = h.ok("check_voucher", json!({"tid": SEEDED_VOUCHER}));
    assert_eq!(v["from"], "Swiggy");
    // … creating vouchers needs the admin key
    assert_eq!(
        h.code(
            "request_voucher",
            json!({"request": {"amount": "0.00001", "voucher_count": 1}})
        ),
        "admin_key_required"
    );
}

#[test]
fn live_mode_without_keys_says_key_missing_and_sandbox_is_one_click_away() {
    let h = sandbox();
    h.ok("set_mode", json!({"mode": "live"}));
    assert_eq!(h.ok("app_status", json!({}))["mode"], "live");
    assert_eq!(h.code("wallet_info", json!({})), "key_missing");
    assert_eq!(h.ok("test_connection", json!({}))["status"], "unauthorized");
    // switching back takes effect at once, without a restart
    h.ok("set_mode", json!({"mode": "sandbox"}));
    h.ok("check_voucher", json!({"tid": SEEDED_VOUCHER}));
}

#[test]
fn live_mode_unreachable_host() {
    // a port nothing listens on
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let h = Harness::with_settings(
        Arc::new(MemoryStore::default()),
        json!({"apiUrl": url, "prodUrl": url, "timeoutSecs": 3}),
    );
    h.ok(
        "save_key",
        json!({"kind": "invoice", "key": ninjapay_sandbox::INVOICE_KEY}),
    );
    h.ok("set_mode", json!({"mode": "live"}));
    assert_eq!(h.ok("test_connection", json!({}))["status"], "unreachable");
    assert_eq!(h.code("wallet_info", json!({})), "network");
}

#[test]
fn keys_never_go_over_plain_http_or_where_the_page_says() {
    let h = Harness::with_settings(
        Arc::new(MemoryStore::default()),
        json!({"mode": "live", "apiUrl": "http://api.example.com"}),
    );
    h.ok(
        "save_key",
        json!({"kind": "invoice", "key": ninjapay_sandbox::INVOICE_KEY}),
    );
    // The bad override is reported, and Live mode refuses to start rather than use it.
    let status = h.ok("app_status", json!({}));
    let warning = status["settingsWarning"].as_str().unwrap();
    assert!(
        warning.contains("https://") && warning.contains("settings file"),
        "{warning}"
    );
    let s = h.ok("get_settings", json!({}));
    assert_eq!(s["apiUrl"]["source"], "file");
    assert!(s["apiUrl"]["problem"].is_string(), "{s}");
    assert_eq!(s["prodUrl"]["url"], "https://prod.ninjapay.me");
    assert_eq!(h.code("wallet_info", json!({})), "settings");
    // The page cannot point the keys elsewhere.
    let err = h
        .call(
            "update_settings",
            json!({"patch": {"apiUrl": "https://evil.example"}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "validation");
    assert!(err["message"].as_str().unwrap().contains("settings file"));
    let s = h.ok("get_settings", json!({}));
    assert_eq!(s["apiUrl"]["url"], "http://api.example.com", "unchanged");
}

#[test]
fn only_ninjapay_pages_and_invoices_are_opened_and_the_page_has_no_opener() {
    let h = sandbox();
    for url in [
        "https://evil.example/#.ninjapay.me",
        "https://ninjapay.me.evil.example/",
        "http://checkout.ninjapay.me/x",
        "file:///etc/passwd",
    ] {
        assert_eq!(
            h.code("open_external", json!({ "url": url })),
            "link",
            "{url}"
        );
    }
    let err = h
        .call(
            "plugin:opener|open_url",
            json!({"url": "https://checkout.ninjapay.me/1"}),
        )
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn no_keychain_is_keychain_unavailable_and_sandbox_still_works() {
    capture::install();
    let store = Arc::new(MemoryStore::unavailable());
    let h = Harness::new(store.clone());
    let err = h
        .call(
            "save_key",
            json!({"kind": "admin", "key": "abcdefghijklmnop1234"}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "keychain_unavailable");
    assert!(err["message"].as_str().unwrap().contains("gnome-keyring"));
    assert_eq!(h.code("key_status", json!({})), "keychain_unavailable");
    // The page's one read says so beside everything else it shows.
    let state = h.ok("desk_state", json!({}));
    assert_eq!(state["keysError"]["code"], "keychain_unavailable");
    assert_eq!(state["keys"], serde_json::Value::Null);
    assert_eq!(state["status"]["mode"], "sandbox");
    assert_eq!(h.ok("app_status", json!({}))["mode"], "sandbox");
    h.ok("check_voucher", json!({"tid": SEEDED_VOUCHER}));
    // The mode does not ask the failing keychain again on every call; the keys' status does
    // (so Settings sees the keychain come back).
    use std::sync::atomic::Ordering::Relaxed;
    let before = store.loads.load(Relaxed);
    for _ in 0..3 {
        assert_eq!(h.ok("app_status", json!({}))["mode"], "sandbox");
    }
    assert_eq!(store.loads.load(Relaxed), before);
    assert_eq!(h.code("key_status", json!({})), "keychain_unavailable");
    assert!(store.loads.load(Relaxed) > before);
}

// ---- keys and settings -------------------------------------------------------------------

#[test]
fn the_keychain_is_read_once_and_a_save_or_forget_is_seen_at_once() {
    use std::sync::atomic::Ordering::Relaxed;
    capture::install();
    let store = Arc::new(MemoryStore::default());
    let h = Harness::new(store.clone());
    // The page asks for the mode and the keys on every refresh; a keychain read is a D-Bus
    // session, so only the first asks it (both keys at once).
    for _ in 0..3 {
        assert_eq!(h.ok("app_status", json!({}))["mode"], "sandbox");
        assert_eq!(h.ok("key_status", json!({}))["admin"]["present"], false);
    }
    assert_eq!(store.loads.load(Relaxed), 2);
    // What the app saves or forgets itself is known without asking again.
    h.ok(
        "save_key",
        json!({"kind": "admin", "key": "liveadminkey000000000000000000000000abcd"}),
    );
    let keys = h.ok("key_status", json!({}));
    assert_eq!(keys["admin"]["masked"], "••••abcd");
    assert_eq!(keys["invoice"]["present"], false);
    assert_eq!(h.ok("app_status", json!({}))["mode"], "live");
    h.ok("forget_key", json!({"kind": "admin"}));
    assert_eq!(h.ok("key_status", json!({}))["admin"]["present"], false);
    assert_eq!(h.ok("app_status", json!({}))["mode"], "sandbox");
    assert_eq!(store.loads.load(Relaxed), 2, "no read after the first");
}

#[test]
fn a_saved_key_only_ever_comes_back_masked_and_is_not_in_config_or_logs() {
    let h = sandbox();
    let key = "liveinvoicekeyZZ0000000000000000000wxyz";
    let saved = h.ok("save_key", json!({"kind": "invoice", "key": key}));
    assert_eq!(
        saved,
        json!({"kind": "invoice", "present": true, "masked": "••••wxyz"})
    );
    // saving a live key makes Live the default mode (no mode was chosen)
    assert_eq!(h.ok("app_status", json!({}))["mode"], "live");
    let status = h.ok("key_status", json!({}));
    assert_eq!(status["invoice"]["masked"], "••••wxyz");
    // replace, then touch every settings command so the config file is written
    let replaced = h.ok(
        "save_key",
        json!({"kind": "invoice", "key": format!("{key}2")}),
    );
    assert_eq!(replaced["masked"], "••••xyz2");
    h.ok("update_settings", json!({"patch": {"timeoutSecs": 10}}));
    h.ok("set_mode", json!({"mode": "sandbox"}));
    for cmd in [
        "app_status",
        "get_settings",
        "key_status",
        "test_connection",
    ] {
        let v = h.ok(cmd, json!({}));
        assert!(!v.to_string().contains(key), "{cmd} returned the key");
    }
    assert!(h.config_dir().join("settings.json").exists());
    assert_not_under(h.config_dir(), key);
    assert_not_under(h.config_dir(), "liveinvoicekeyZZ");
    for line in capture::lines() {
        assert!(!line.contains("liveinvoicekeyZZ"), "logged: {line}");
    }
    // forget is idempotent
    h.ok("forget_key", json!({"kind": "invoice"}));
    let again = h.ok("forget_key", json!({"kind": "invoice"}));
    assert_eq!(again["present"], false);
}

#[test]
fn a_bad_key_is_rejected_without_echoing_it() {
    let h = sandbox();
    let err = h
        .call(
            "save_key",
            json!({"kind": "admin", "key": "has spaces secretpart"}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "validation");
    assert!(!err.to_string().contains("secretpart"));
}

#[test]
fn corrupt_settings_mean_defaults_and_a_visible_warning() {
    capture::install();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.json"), "{\"mode\": 42").unwrap();
    let h = Harness::in_dir(Arc::new(MemoryStore::default()), dir);
    let status = h.ok("app_status", json!({}));
    assert_eq!(status["mode"], "sandbox");
    assert!(status["settingsWarning"]
        .as_str()
        .unwrap()
        .contains("corrupt"));
    let s = h.ok("get_settings", json!({}));
    assert_eq!(s["timeoutSecs"], 30);
    assert_eq!(
        h.code("update_settings", json!({"patch": {"timeoutSecs": 0}})),
        "validation"
    );
}

#[test]
fn the_capability_is_enforced_for_what_is_not_granted() {
    let h = sandbox();
    // core window APIs are not granted to the page: the ACL must refuse them
    let err = h
        .call("plugin:window|close", json!({"label": "main"}))
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

/// Rasterise a `qr_svg` path (runs of `M x y h n v1 h-n z`) into a `size`×`size` bitmap.
fn rasterise_qr(size: u32, path: &str) -> Vec<bool> {
    let mut grid = vec![false; (size * size) as usize];
    for run in path.split('z').filter(|s| !s.is_empty()) {
        let run = run.strip_prefix('M').expect("each run starts with M");
        let (xy, rest) = run.split_once('h').expect("M x y h…");
        let (x, y) = xy.split_once(' ').expect("M x y");
        let (x, y): (u32, u32) = (x.parse().unwrap(), y.parse().unwrap());
        let n: u32 = rest.split_once('v').expect("h n v1").0.parse().unwrap();
        for dx in 0..n {
            grid[(y * size + x + dx) as usize] = true;
        }
    }
    grid
}

/// What a phone's scanner would read from the code the page draws.
fn scan_qr(size: u32, path: &str) -> String {
    let scale = 4;
    let grid = rasterise_qr(size, path);
    let px = (size * scale) as usize;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
        if grid[(y as u32 / scale * size + x as u32 / scale) as usize] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("the code decodes").1
}

#[test]
fn qr_svg_draws_a_code_that_scans_back_to_the_text() {
    let h = sandbox();
    let url = "https://ninjapay.me/voucher/210N66027HB789?code=₹1,23,456.00";
    let qr = h.ok("qr_svg", json!({"text": url}));
    let size = qr["size"].as_u64().expect("size") as u32;
    let path = qr["path"].as_str().expect("path");
    // a QR symbol is 21 + 4k modules wide, plus the 4-module quiet zone on each side
    assert!(
        size >= 29 && (size - 8 - 21).is_multiple_of(4),
        "size {size}"
    );
    // the quiet zone stays white: no dark module in the outer 4 rows/columns
    let grid = rasterise_qr(size, path);
    for i in 0..size {
        for q in 0..4 {
            for (x, y) in [(i, q), (q, i), (i, size - 1 - q), (size - 1 - q, i)] {
                assert!(
                    !grid[(y * size + x) as usize],
                    "dark module in the quiet zone"
                );
            }
        }
    }
    assert_eq!(scan_qr(size, path), url);
    // a longer text needs a bigger symbol, and still scans
    let invoice = format!("lnbc10u1{}", "qpzry9x8gf2tvdw0s3jn54khce6mua7l".repeat(8));
    let big = h.ok("qr_svg", json!({"text": invoice}));
    let big_size = big["size"].as_u64().unwrap() as u32;
    assert!(big_size > size);
    assert_eq!(scan_qr(big_size, big["path"].as_str().unwrap()), invoice);
}

#[test]
fn qr_svg_refuses_empty_and_oversized_text() {
    let h = sandbox();
    assert_eq!(h.code("qr_svg", json!({"text": ""})), "validation");
    // a version-40 code at level M holds 2,331 bytes at most
    assert_eq!(
        h.code("qr_svg", json!({"text": "x".repeat(3000)})),
        "validation"
    );
    // a missing argument is refused by the IPC layer, not a panic
    assert!(h.call("qr_svg", json!({})).is_err());
}
