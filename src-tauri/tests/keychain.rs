//! Keychain round trip against a real Secret Service. Ignored by default: run it inside a
//! private D-Bus session with an unlocked gnome-keyring, e.g.
//!
//! ```sh
//! dbus-run-session -- sh -c 'printf "%s" test | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!   cargo test -p ninjapay-desk --test keychain -- --ignored'
//! ```
//!
//! It uses its own keychain service name (`NINJAPAY_DESK_KEYRING_SERVICE` if set, else a
//! unique test name), so a user's real entries are never touched.

mod common;

use std::sync::Arc;

use common::{assert_not_under, capture, Harness};
use ninjapay_desk_lib::keys::{KeyKind, Keychain, SecretStore};
use serde_json::json;

fn service() -> String {
    std::env::var("NINJAPAY_DESK_KEYRING_SERVICE")
        .unwrap_or_else(|_| format!("ninjapay-desk-test-{}", std::process::id()))
}

#[test]
#[ignore = "needs a Secret Service: run inside dbus-run-session with gnome-keyring unlocked"]
fn keychain_round_trip_through_the_commands() {
    capture::install();
    let service = service();
    let keychain = Keychain::new(service.clone());
    let h = Harness::new(Arc::new(keychain.clone()));
    let key = format!("roundtripkey{:028}", std::process::id());

    let saved = h.ok("save_key", json!({"kind": "admin", "key": key}));
    assert_eq!(saved["present"], true);
    assert!(saved["masked"].as_str().unwrap().starts_with("••••"));

    // it really is in the Secret Service: a fresh store (new D-Bus connection) reads it back
    let fresh = Keychain::new(service.clone());
    let loaded = fresh
        .load(KeyKind::Admin)
        .unwrap()
        .expect("key in the keychain");
    assert_eq!(loaded.expose(), key);
    // cross-check with libsecret's own tool when installed
    if let Ok(out) = std::process::Command::new("secret-tool")
        .args(["lookup", "service", &service, "username", "admin-key"])
        .output()
    {
        if out.status.success() && !out.stdout.is_empty() {
            assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), key);
        }
    }

    // the key is in no file under the config dir and in no log line
    h.ok("update_settings", json!({"patch": {"timeoutSecs": 12}}));
    assert_not_under(h.config_dir(), &key);
    for line in capture::lines() {
        assert!(!line.contains(&key), "logged: {line}");
    }

    // replace, then forget (twice: idempotent), then it is gone
    h.ok(
        "save_key",
        json!({"kind": "admin", "key": format!("{key}b")}),
    );
    assert_eq!(
        fresh.load(KeyKind::Admin).unwrap().unwrap().expose(),
        format!("{key}b")
    );
    h.ok("forget_key", json!({"kind": "admin"}));
    h.ok("forget_key", json!({"kind": "admin"}));
    assert!(fresh.load(KeyKind::Admin).unwrap().is_none());
    assert_eq!(h.ok("key_status", json!({}))["admin"]["present"], false);
}

#[test]
#[ignore = "run without a D-Bus session (env -u DBUS_SESSION_BUS_ADDRESS) to see the advice"]
fn without_a_secret_service_the_code_is_keychain_unavailable() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        eprintln!("skipped: a D-Bus session is present");
        return;
    }
    let k = Keychain::new(service());
    let err = k.load(KeyKind::Invoice).unwrap_err();
    assert_eq!(err.code(), "keychain_unavailable");
}
