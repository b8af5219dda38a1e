//! Command tests that need process-wide environment variables: `export_voucher_csv` with
//! `NINJAPAY_DESK_EXPORT_DIR` (which skips the native save dialog), `ui_ready` with
//! `NINJAPAY_DESK_READY_FILE`, and the base-URL overrides. They live in their own test binary,
//! as ONE test, so setting a variable can never race another test reading the environment
//! (`commands.rs` runs its tests on parallel threads).

mod common;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use common::Harness;
use ninjapay_desk_lib::keys::MemoryStore;
use serde_json::json;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const SEEDED_VOUCHER: &str = "210N66027HB789";

#[test]
fn exports_ui_ready_and_url_overrides_with_their_environment() {
    let h = Harness::new(Arc::new(MemoryStore::default()));
    let tmp = tempfile::tempdir().unwrap();
    let exports = tmp.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    std::env::set_var("NINJAPAY_DESK_EXPORT_DIR", &exports);

    // The batch on screen, built into CSV by Rust: a BOM, the header, a row per code, exact
    // amounts, times in UTC and at the user's offset (IST here).
    let v = h.ok("check_voucher", json!({"tid": SEEDED_VOUCHER}));
    let written = h.ok(
        "export_voucher_csv",
        json!({"tid": SEEDED_VOUCHER, "utcOffsetMinutes": 330}),
    );
    let path = exports.join(format!("vouchers-{SEEDED_VOUCHER}.csv"));
    assert_eq!(written, json!(path.display().to_string()));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..3], BOM, "starts with a UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(
        lines[0].starts_with("batch_tid,title,voucher_code,"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len() - 1, v["voucher_urls"].as_array().unwrap().len());
    assert!(lines[1].contains("+05:30"), "{}", lines[1]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "an export holds payment records: {mode:o}");
    }
    // Exporting again replaces the file; a symlink planted at the name is replaced, not
    // followed.
    #[cfg(unix)]
    {
        let victim = tmp.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        h.ok(
            "export_voucher_csv",
            json!({"tid": SEEDED_VOUCHER, "utcOffsetMinutes": 0}),
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(std::fs::read(&path).unwrap().starts_with(BOM));
    }
    // Reports export as CSV and as an Excel workbook (a zip: "PK").
    let day = "2030-01-01";
    for (format, magic) in [("csv", BOM), ("xlsx", &b"PK"[..])] {
        let out = h.ok(
            "export_report",
            json!({"params": {"report": "liability", "asOf": day, "utcOffsetMinutes": 330}, "format": format}),
        );
        let path = std::path::PathBuf::from(out.as_str().expect("a path"));
        assert_eq!(path.extension().unwrap(), format);
        assert!(std::fs::read(&path).unwrap().starts_with(magic), "{format}");
    }
    assert_eq!(
        h.code(
            "export_report",
            json!({"params": {"report": "liability", "asOf": day}, "format": "pdf"})
        ),
        "validation"
    );

    // An export dir that does not exist is an `export` error the UI can show, not a panic.
    std::env::set_var(
        "NINJAPAY_DESK_EXPORT_DIR",
        tmp.path().join("missing/deeper/x"),
    );
    std::fs::write(
        tmp.path().join("missing"),
        "a file where a folder should be",
    )
    .unwrap();
    assert_eq!(
        h.code(
            "export_voucher_csv",
            json!({"tid": SEEDED_VOUCHER, "utcOffsetMinutes": 0})
        ),
        "export"
    );
    std::env::remove_var("NINJAPAY_DESK_EXPORT_DIR");

    // A bad base-URL override in the environment is reported at start, and Live mode refuses
    // to use it (it is not silently dropped).
    std::env::set_var("NINJAPAY_API_URL", "http://evil.example");
    let live = Harness::with_settings(Arc::new(MemoryStore::default()), json!({"mode": "live"}));
    let status = live.ok("app_status", json!({}));
    let warning = status["settingsWarning"].as_str().unwrap_or_default();
    assert!(warning.contains("NINJAPAY_API_URL"), "{status}");
    let s = live.ok("get_settings", json!({}));
    assert_eq!(s["apiUrl"]["source"], "environment");
    live.ok(
        "save_key",
        json!({"kind": "invoice", "key": ninjapay_sandbox::INVOICE_KEY}),
    );
    assert_eq!(live.code("wallet_info", json!({})), "settings");
    std::env::remove_var("NINJAPAY_API_URL");

    // ui_ready: a no-op without NINJAPAY_DESK_READY_FILE …
    assert_eq!(h.ok("ui_ready", json!({})), json!(null));
    // … and with it, the file holds the time it was called (ns since the Unix epoch) and the
    // page's own clock at that moment.
    let ready = tmp.path().join("ready");
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::set_var("NINJAPAY_DESK_READY_FILE", &ready);
    h.ok("ui_ready", json!({"pageMs": 412.5}));
    std::env::remove_var("NINJAPAY_DESK_READY_FILE");
    let after = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let text = std::fs::read_to_string(&ready).unwrap();
    let (stamp, page_ms) = text.trim().split_once(' ').expect("two fields");
    let stamp: u128 = stamp.parse().unwrap();
    assert!(
        before <= stamp && stamp <= after,
        "{before} <= {stamp} <= {after}"
    );
    assert_eq!(page_ms, "412.5");
}
