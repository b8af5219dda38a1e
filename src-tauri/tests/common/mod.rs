//! Shared harness for the command tests: the real command set and capabilities, a mock
//! runtime, a temporary config dir and an in-memory (or given) key store.
#![allow(dead_code, missing_debug_implementations)]

use std::path::Path;
use std::sync::Arc;

use ninjapay_desk_lib::keys::SecretStore;
use ninjapay_desk_lib::{context, run_app_with, DeskOptions};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

pub struct Harness {
    pub app: tauri::App<MockRuntime>,
    pub webview: WebviewWindow<MockRuntime>,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub fn new(secrets: Arc<dyn SecretStore>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Harness::in_dir(secrets, dir)
    }

    pub fn in_dir(secrets: Arc<dyn SecretStore>, dir: tempfile::TempDir) -> Harness {
        let opts = DeskOptions {
            config_dir: dir.path().to_path_buf(),
            data_dir: dir.path().join("data"),
            secrets,
        };
        let app = run_app_with(mock_builder(), opts)
            .build(context())
            .expect("app builds");
        let webview = match app.get_webview_window("main") {
            Some(w) => w,
            None => WebviewWindowBuilder::new(&app, "main", Default::default())
                .build()
                .unwrap(),
        };
        Harness { app, webview, dir }
    }

    /// A harness whose settings file already holds `settings` (as a user would have edited it).
    pub fn with_settings(secrets: Arc<dyn SecretStore>, settings: Value) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("settings.json"),
            serde_json::to_vec(&settings).unwrap(),
        )
        .unwrap();
        Harness::in_dir(secrets, dir)
    }

    pub fn config_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Invoke a command as the main window's page would.
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => v,
            Err(e) => panic!("{cmd} failed: {e}"),
        }
    }

    /// The error code of a call that must fail.
    pub fn code(&self, cmd: &str, args: Value) -> String {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} should have failed, got {v}"),
            Err(e) => e["code"]
                .as_str()
                .unwrap_or_else(|| panic!("{cmd}: error without a code: {e}"))
                .to_owned(),
        }
    }
}

/// Every file under `dir`, with its bytes.
pub fn files_under(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push((p, b));
            }
        }
    }
    out
}

/// Panic if `needle` occurs in any file under `dir`.
pub fn assert_not_under(dir: &Path, needle: &str) {
    for (p, bytes) in files_under(dir) {
        let hay = String::from_utf8_lossy(&bytes);
        assert!(
            !hay.contains(needle),
            "the key was found in {}",
            p.display()
        );
    }
}

/// A logger that records every `log` record (all levels) so a test can grep it.
pub mod capture {
    use std::sync::{Mutex, OnceLock};

    static LINES: OnceLock<Mutex<Vec<String>>> = OnceLock::new();

    struct Capture;

    impl log::Log for Capture {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            true
        }
        fn log(&self, record: &log::Record<'_>) {
            let line = format!("{} {} {}", record.level(), record.target(), record.args());
            LINES
                .get_or_init(Default::default)
                .lock()
                .unwrap()
                .push(line);
        }
        fn flush(&self) {}
    }

    /// Install the capturing logger (once per test binary).
    pub fn install() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let _ = log::set_boxed_logger(Box::new(Capture));
            log::set_max_level(log::LevelFilter::Trace);
        });
    }

    /// Every line logged so far.
    pub fn lines() -> Vec<String> {
        LINES.get_or_init(Default::default).lock().unwrap().clone()
    }
}
