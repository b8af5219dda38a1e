//! Command tests that need process-wide environment variables: `export_csv` with
//! `NINJAPAY_DESK_EXPORT_DIR` (which skips the native save dialog) and `ui_ready` with
//! `NINJAPAY_DESK_READY_FILE`. They live in their own test binary, as ONE test, so setting a
//! variable can never race another test reading the environment (`commands.rs` runs its
//! tests on parallel threads).

mod common;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use common::Harness;
use ninjapay_desk_lib::keys::MemoryStore;
use serde_json::json;

const BOM: &[u8] = b"\xEF\xBB\xBF";

#[test]
fn export_csv_and_ui_ready_with_their_environment() {
    let h = Harness::new(Arc::new(MemoryStore::default()));
    let tmp = tempfile::tempdir().unwrap();
    let exports = tmp.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    std::env::set_var("NINJAPAY_DESK_EXPORT_DIR", &exports);

    // The file is the contents, byte for byte, after a UTF-8 byte-order mark.
    let csv = "tid,amount,status\r\n210N66027HB789,\"₹1,23,456.00\",paid\r\nTITLE,<img src=x onerror=alert(1)>,\r\n";
    let written = h.ok(
        "export_csv",
        json!({"fileName": "vouchers-210N66027HB789", "contents": csv}),
    );
    let path = exports.join("vouchers-210N66027HB789.csv");
    assert_eq!(written, json!(path.display().to_string()));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..3], BOM, "starts with a UTF-8 BOM");
    assert_eq!(std::str::from_utf8(&bytes[3..]).unwrap(), csv);

    // Exporting again to the same name replaces the file (no stale tail).
    h.ok(
        "export_csv",
        json!({"fileName": "vouchers-210N66027HB789.csv", "contents": "a\n"}),
    );
    assert_eq!(std::fs::read(&path).unwrap(), [BOM, b"a\n"].concat());

    // A name that tries to leave the directory stays inside it, as one plain file.
    for name in ["../x", "../../x.csv", "/tmp/x", "sub/dir/x", "..", ""] {
        let out = h.ok("export_csv", json!({"fileName": name, "contents": "n\n"}));
        let out = std::path::PathBuf::from(out.as_str().expect("a path"));
        assert_eq!(out.parent(), Some(exports.as_path()), "{name:?} → {out:?}");
        assert!(out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv")));
        assert_eq!(std::fs::read(&out).unwrap(), [BOM, b"n\n"].concat());
    }
    // nothing was written next to the export dir or above it
    let beside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["exports"], "only the export dir in its parent");

    // An export dir that does not exist is an `export` error the UI can show, not a panic.
    std::env::set_var("NINJAPAY_DESK_EXPORT_DIR", tmp.path().join("missing"));
    assert_eq!(
        h.code("export_csv", json!({"fileName": "a", "contents": "x"})),
        "export"
    );
    std::env::remove_var("NINJAPAY_DESK_EXPORT_DIR");

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
