//! Every event the shell emits, with its payload, in one place (mirrored by `ui/js/events.js`).
//!
//! Events tell the UI that something changed; the UI reads the current state with a command
//! first and then listens, because events sent before a listener registers are lost.
//! Emit failures are logged, never propagated. No payload ever carries a key.

use serde::Serialize;
use tauri::{Emitter, Runtime};

use crate::keys::KeyStatus;
use crate::settings::Mode;

/// The mode or a setting changed. Payload: [`SettingsChanged`].
pub const SETTINGS_CHANGED: &str = "settings://changed";
/// A key was saved, replaced or forgotten. Payload: [`KeyStatus`] (masked only).
pub const KEYS_CHANGED: &str = "keys://changed";
/// The in-process sandbox started. Payload: [`SandboxStarted`].
pub const SANDBOX_STARTED: &str = "sandbox://started";

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChanged {
    pub mode: Mode,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxStarted {
    pub api_url: String,
    pub prod_url: String,
}

/// Emit to every webview; log (do not propagate) a failure.
pub fn emit<R: Runtime, E: Emitter<R>, P: Serialize + Clone>(emitter: &E, name: &str, payload: P) {
    if let Err(e) = emitter.emit(name, payload) {
        log::warn!("could not emit {name}: {e}");
    }
}

pub fn keys_changed<R: Runtime, E: Emitter<R>>(emitter: &E, status: KeyStatus) {
    emit(emitter, KEYS_CHANGED, status);
}
