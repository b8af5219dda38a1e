// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's compositing mode costs about 90 MB of memory (313 → 221 MB PSS measured by
    // scripts/bench-startup.sh) and buys nothing for a forms-and-tables app.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    ninjapay_desk_lib::run();
}
