//! Build script: generates the Tauri context and the permissions for our own commands.
//!
//! Every command listed here gets an `allow-…`/`deny-…` permission and is denied unless a
//! capability in `capabilities/` grants it (the main window's capability does).

/// Our own IPC commands. Keep in sync with `invoke_handler` in `src/lib.rs`.
const COMMANDS: &[&str] = &[
    // app / settings / keys
    "app_status",
    "get_settings",
    "update_settings",
    "set_mode",
    "key_status",
    "save_key",
    "forget_key",
    "test_connection",
    // wallet (BTC / Lightning)
    "wallet_info",
    "receive",
    "check_payment",
    "send",
    "history",
    "decode",
    // vouchers
    "request_voucher",
    "check_voucher",
    "revoke_voucher",
    "redeem_voucher",
    // spot trade
    "asset_balance",
    "check_order",
    "revoke_order",
    // widget
    "request_token",
    "check_token",
    // fiat x web3 bridge
    "request_quote_id",
    "request_quote",
    "check_quote",
    // watching pending items (ninjapay-watch)
    "watch_list",
    "watch_start",
    "watch_check_now",
    "watch_stop",
    "watch_again",
    "watch_forget",
    // interface helpers: QR codes, CSV export through the save dialog
    "qr_svg",
    "export_csv",
    // start-up benchmark: the page says it is interactive (no-op unless NINJAPAY_DESK_READY_FILE)
    "ui_ready",
];

fn main() {
    let attrs = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("failed to run tauri-build");
}
