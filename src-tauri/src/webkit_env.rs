// WebKitGTK's environment, set by `main` before Tauri starts any thread or the WebKit processes
// (which read it at start-up and inherit ours). Included (`include!`) by the app's main.rs and
// by the bare app of `make bench` (benches/minimal-tauri), so both always run the same settings.

/// WebKitGTK's accelerated compositing mode costs about 85 MiB across the app's processes
/// (idle PSS 316 → 225–234 MiB, and interactive 0.5 s sooner; scripts/bench-startup.sh) and buys
/// nothing for a forms-and-tables UI with no animations, video or WebGL: turn it off unless the
/// user set the variable themselves (`WEBKIT_DISABLE_COMPOSITING_MODE=0` brings compositing
/// back, e.g. to compare a rendering problem). Under WebDriver, this mode makes a screenshot wait
/// for the next paint: see `repaint_during_screenshots` in tests/e2e/conftest.py.
///
/// With compositing off nothing in the app's process draws with OpenGL, yet at start GTK probes
/// GLX for its visuals and WebKit looks for the GPU's render node and checks the DMA-BUF renderer
/// through EGL: each loads Mesa (swrast, LLVM), about 24 MiB. Skip all three (each unless the
/// user set it); the web process never uses the node.
fn set_webkit_env() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // No other thread exists yet, so nothing reads the environment while it changes.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
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
}
