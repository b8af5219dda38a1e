//! The desktop handlers through the real IPC path (mock runtime): the title for each mode, the
//! tray's and menu's texts in each language, the close and quit decisions with watches pending,
//! the two desktop settings (start at login applied through the login item and shown as it
//! really is), the View menu's navigate event, and diagnostics without keys or tids. The native
//! menu bar and tray icon do not exist under the mock runtime: these are the handlers they run.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Harness;
use ninjapay_desk_lib::desktop::login::{LoginItem, LoginStart, MemoryLogin};
use ninjapay_desk_lib::events;
use ninjapay_desk_lib::keys::MemoryStore;
use serde_json::{json, Value};
use tauri::Manager;

fn sandbox() -> Harness {
    Harness::new(Arc::new(MemoryStore::default()))
}

fn status(h: &Harness) -> Value {
    h.ok("desktop_status", json!({}))
}

/// Poll `f` until it holds (the warm-up that activates the account runs in the background).
fn until(what: &str, mut f: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_title_names_the_mode_and_follows_it() {
    let h = sandbox();
    until("the title", || {
        status(&h)["title"] == "Ninjapay Desk — Sandbox"
    });
    h.ok("set_mode", json!({"mode": "live"}));
    assert_eq!(status(&h)["title"], "Ninjapay Desk — Live");
    h.ok("set_mode", json!({"mode": "sandbox"}));
    assert_eq!(status(&h)["title"], "Ninjapay Desk — Sandbox");
}

#[test]
fn tray_and_menu_speak_the_chosen_language() {
    let h = sandbox();
    let s = status(&h);
    h.ok("update_settings", json!({"patch": {"language": "en-IN"}}));
    let s = if s["language"] == "en-IN" {
        s
    } else {
        status(&h)
    };
    assert_eq!(s["tray"]["open"], "Open Ninjapay Desk");
    assert_eq!(s["tray"]["quit"], "Quit Ninjapay Desk");
    assert_eq!(s["tray"]["watching"], "0 payments being watched");
    let menus: Vec<&str> = s["menu"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(menus, ["File", "View", "Help"]);
    let view = &s["menu"][1]["items"];
    assert_eq!(view[0]["id"], "view:home");
    assert_eq!(view[0]["accelerator"], "CmdOrCtrl+1");
    assert_eq!(view[8]["label"], "Settings");
    assert_eq!(view[8]["accelerator"], "CmdOrCtrl+,");

    h.ok("update_settings", json!({"patch": {"language": "hi-IN"}}));
    let s = status(&h);
    assert_eq!(s["language"], "hi-IN");
    assert_eq!(s["tray"]["open"], "Ninjapay Desk खोलें");
    assert_eq!(s["menu"][1]["items"][8]["label"], "सेटिंग्स");
    assert_eq!(s["title"], "Ninjapay Desk — सैंडबॉक्स");
}

#[test]
fn a_pending_watch_is_counted_and_closing_asks_instead_of_quitting() {
    let h = sandbox();
    h.ok("update_settings", json!({"patch": {"language": "en-IN"}}));
    h.ok(
        "watch_start",
        json!({"kind": "order", "tid": "210ORDERDESK1"}),
    );
    until("the watch to count", || status(&h)["pending"] == 1);
    let s = status(&h);
    assert_eq!(s["tray"]["watching"], "1 payment being watched");
    // No tray icon under the mock runtime, so there is nothing to hide to: quitting would stop
    // the watch, so the close button asks (the question needs the dialog plugin, absent here).
    assert_eq!(s["trayIcon"], false);
    assert_eq!(h.ok("desktop_close_window", json!({})), "askToQuit");
    assert_eq!(
        h.ok("desktop_menu_action", json!({"id": "quit"})),
        Value::Null
    );
    assert!(h.app.get_webview_window("main").is_some(), "still running");
}

#[test]
fn close_to_tray_and_start_at_login_are_settings_and_login_is_applied_to_the_os() {
    let h = sandbox();
    let s = h.ok("get_settings", json!({}));
    assert_eq!(s["closeToTray"], true, "on by default");
    assert_eq!(s["startAtLogin"], false, "off by default");
    // Without a login item (a system the autostart plugin does not cover) it is refused.
    assert_eq!(
        h.code("update_settings", json!({"patch": {"startAtLogin": true}})),
        "settings"
    );
    let os = Arc::new(MemoryLogin::default());
    h.app.manage(LoginStart(os.clone() as Arc<dyn LoginItem>));
    let s = h.ok(
        "update_settings",
        json!({"patch": {"startAtLogin": true, "closeToTray": false}}),
    );
    assert_eq!(s["startAtLogin"], true);
    assert_eq!(s["closeToTray"], false);
    assert!(os.is_on().unwrap(), "applied through the login item");
    assert_eq!(status(&h)["closeToTray"], false);
    let saved: Value =
        serde_json::from_slice(&std::fs::read(h.config_dir().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["closeToTray"], false);
    assert_eq!(saved["startAtLogin"], true);
    // Removed outside the app (the user deleted the autostart entry): shown as it really is.
    os.set(false).unwrap();
    assert_eq!(h.ok("get_settings", json!({}))["startAtLogin"], false);
}

#[test]
fn view_menu_items_ask_the_page_to_navigate() {
    let h = sandbox();
    let got = Arc::new(Mutex::new(Vec::<Value>::new()));
    let sink = Arc::clone(&got);
    events::listen(h.app.handle(), events::NAVIGATE, move |p| {
        sink.lock().unwrap().push(p);
    });
    h.ok("desktop_menu_action", json!({"id": "view:records"}));
    h.ok("desktop_menu_action", json!({"id": "view:settings"}));
    until("two navigate events", || got.lock().unwrap().len() == 2);
    let got = got.lock().unwrap().clone();
    assert_eq!(got[0], json!({"view": "records"}));
    assert_eq!(got[1], json!({"view": "settings"}));
    assert_eq!(
        h.code("desktop_menu_action", json!({"id": "view:nowhere"})),
        "validation"
    );
}

#[test]
fn diagnostics_name_version_os_and_mode_but_no_key_and_no_tid() {
    let h = sandbox();
    let tid = "210DIAGSECRET77";
    h.ok("watch_start", json!({"kind": "voucher", "tid": tid}));
    // an error the page was given, naming the tid
    h.code("check_voucher", json!({"tid": "210DIAGNOTFOUND9"}));
    // a key typed into the wrong place comes back in no error message, but try anyway
    let key = "nj_live_k3y5ecretABCDEFGHIJKLMNOPQRSTUV";
    let _ = h.call(
        "save_key",
        json!({"kind": "invoice", "key": format!("{key} with spaces")}),
    );
    let text = h.ok("diagnostics", json!({}));
    let text = text.as_str().unwrap();
    assert!(
        text.contains(&format!("Ninjapay Desk {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains(std::env::consts::OS), "{text}");
    assert!(text.contains("Mode: Sandbox"), "{text}");
    assert!(text.contains("Last errors"), "{text}");
    for secret in [
        tid,
        "210DIAGNOTFOUND9",
        key,
        "k3y5ecret",
        ninjapay_sandbox::INVOICE_KEY,
        ninjapay_sandbox::ADMIN_KEY,
    ] {
        assert!(!text.contains(secret), "{secret} in diagnostics:\n{text}");
    }
}
