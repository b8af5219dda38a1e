//! The shapes commands return to the page (camelCase, never a key). Records from Ninjapay keep
//! the API's own field names; what the shell adds beside them is here.

use ninjapay::{Account, Mode};
use serde::Serialize;

use crate::settings::BaseUrl;

/// The URLs of the running in-process sandbox (also the `sandbox://started` payload).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxInfo {
    pub api_url: String,
    pub prod_url: String,
}

/// What `app_status` returns.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub mode: Mode,
    /// `false` while the mode is the default (Sandbox until a live key is saved).
    pub mode_chosen: bool,
    /// Whose records the screens show now: the sandbox, or the live base URLs.
    pub account: Account,
    /// Set once the in-process sandbox runs.
    pub sandbox: Option<SandboxInfo>,
    /// Problems with the settings file or the base URLs to show on screen.
    pub settings_warning: Option<String>,
    /// Where keys are kept (never a key).
    pub key_store: String,
    pub version: &'static str,
    /// The endpoints that need the Admin key (from the client's endpoint table), so forms can
    /// say so before anything is sent.
    pub admin_only: Vec<&'static str>,
}

/// What `get_settings` returns.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub mode: Mode,
    pub mode_chosen: bool,
    /// The base URLs Live mode uses, where each came from, and any problem with it. Read-only
    /// here: they are set in the settings file or the environment.
    pub api_url: BaseUrl,
    pub prod_url: BaseUrl,
    pub timeout_secs: u64,
    /// The chosen language ("en-IN", "hi-IN"); `None` = the system's.
    pub language: Option<String>,
    /// Closing the window while something is watched hides it to the tray.
    pub close_to_tray: bool,
    /// The app starts at login (as the OS has it, where the shell can ask).
    pub start_at_login: bool,
    pub path: String,
    pub warning: Option<String>,
}

/// What `desk_state` returns: what every screen shows, in one call (each call is an IPC
/// request; the page's start made five).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskState {
    pub status: AppStatus,
    pub settings: SettingsView,
    /// Both keys' status, or (in `keys_error`) why the keychain could not be read.
    pub keys: Option<crate::keys::KeysStatus>,
    pub keys_error: Option<crate::error::AppError>,
    /// Every watch, when asked for (at start).
    pub watches: Option<Vec<ninjapay_watch::WatchUpdate>>,
}

/// The answer of "Test connection".
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    /// `ok`, `unauthorized`, `unreachable` or `error`.
    pub status: &'static str,
    pub mode: Mode,
    /// The error code when not ok.
    pub code: Option<&'static str>,
    pub message: String,
}

/// A record with the figures the client derives from it (`figures`), so the page shows totals
/// and states without computing them.
#[derive(Clone, Debug, Serialize)]
pub struct WithFigures<T, F> {
    #[serde(flatten)]
    pub record: T,
    pub figures: F,
}

/// A form checked before it is confirmed: every problem (each `{code, message, field}`) and,
/// for a voucher batch, the total debit.
#[derive(Clone, Debug, Serialize)]
pub struct Review {
    pub problems: Vec<ninjapay::Error>,
    /// Amount × count for a voucher batch, as exact decimal text.
    pub total: Option<String>,
}
