// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's accelerated compositing mode costs about 85 MiB across the app's processes
    // (idle PSS 316 → 225–234 MiB, and interactive 0.5 s sooner; scripts/bench-startup.sh) and
    // buys nothing for a forms-and-tables UI with no animations, video or WebGL. Turn it off
    // unless the user set the variable themselves (`WEBKIT_DISABLE_COMPOSITING_MODE=0` brings
    // compositing back, e.g. to compare a rendering problem). Set here, before Tauri starts any
    // thread or the WebKit processes, which read it at start-up and inherit our environment.
    // Under WebDriver, this mode makes a screenshot wait for the next paint: see
    // `repaint_during_screenshots` in tests/e2e/conftest.py.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // No other thread exists yet, so nothing reads the environment while it changes.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        // With compositing off nothing in this process draws with OpenGL, yet at start GTK
        // probes GLX for its visuals and WebKit looks for the GPU's render node and checks the
        // DMA-BUF renderer through EGL: each loads Mesa (swrast, LLVM), about 24 MiB here.
        // Skip all three (each unless the user set it); the web process never uses the node.
        for (name, value) in [
            ("GDK_GL", "disable"),
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
            ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/null"),
        ] {
            if std::env::var_os(name).is_none() {
                std::env::set_var(name, value);
            }
        }
    }
    ninjapay_desk_lib::run();
}
