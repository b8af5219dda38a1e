//! The one error type of the shell. It crosses IPC as `{ "code": "...", "message": "..." }`.
//!
//! `code` is a small stable string the UI branches on: the client's codes (`unauthorized`,
//! `admin_key_required`, `forbidden`, `not_found`, `validation`, `rate_limited`, `server`,
//! `network`, `timeout`, `redirect`, `outcome_unknown`, `decode`) plus the shell's own
//! ([`SHELL_CODES`]). A watch id that does not exist is `not_found`, like a tid Ninjapay does
//! not know. `message` is for humans and never carries a key. `ui/js/errors.js` mirrors the
//! list ([`ALL_CODES`]); a test keeps the two in step.

use serde::ser::SerializeStruct;

/// Advice shown whenever the OS keychain cannot be reached.
pub const KEYCHAIN_ADVICE: &str = "The system keychain (Secret Service) is not available. \
On Linux install and unlock a keyring — e.g. `sudo apt install gnome-keyring` and log in to a \
desktop session, or unlock \"Login\" in Passwords and Keys (seahorse). Sandbox mode keeps working \
without it.";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An error from the Ninjapay client (its `code()` crosses IPC unchanged).
    #[error(transparent)]
    Api(#[from] ninjapay::Error),
    /// The OS keychain is missing, locked or failed.
    #[error("{KEYCHAIN_ADVICE} ({0})")]
    KeychainUnavailable(String),
    /// Input rejected by the shell before any request was sent.
    #[error("{0}")]
    Validation(String),
    /// Live mode needs a key that has not been saved.
    #[error("{0}")]
    KeyMissing(String),
    /// The settings file could not be written.
    #[error("{0}")]
    Settings(String),
    /// The in-process sandbox could not be started.
    #[error("{0}")]
    Sandbox(String),
    /// Something of the shell's own (a watch id) does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An export could not be written where the user asked.
    #[error("{0}")]
    Export(String),
    /// The watcher has stopped (the app is exiting).
    #[error("The watcher has stopped; restart Ninjapay Desk to keep watching.")]
    WatcherStopped,
    /// The record belongs to the other mode (or other base URLs) than the current one.
    #[error("{0}")]
    OtherAccount(String),
    /// A link that is not Ninjapay's own (or not a valid invoice) was not opened.
    #[error("{0}")]
    Link(String),
    /// The records (ledger) could not be read or written.
    #[error("{0}")]
    Ledger(String),
}

/// The client's codes, every one of which can reach the UI.
pub const CLIENT_CODES: &[&str] = &[
    "unauthorized",
    "admin_key_required",
    "forbidden",
    "not_found",
    "validation",
    "rate_limited",
    "server",
    "network",
    "timeout",
    "redirect",
    "outcome_unknown",
    "decode",
];

/// The shell's own codes.
pub const SHELL_CODES: &[&str] = &[
    "keychain_unavailable",
    "key_missing",
    "settings",
    "sandbox",
    "export",
    "watcher_stopped",
    "other_account",
    "link",
    "ledger",
];

/// Every code an error can carry across IPC.
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    CLIENT_CODES.iter().chain(SHELL_CODES).copied()
}

impl AppError {
    /// `field` breaks `rule`: a `validation` error the page says in its language (the same
    /// mechanism as the client's own checks, see [`ninjapay::Rule`]).
    pub fn refused(field: &str, rule: ninjapay::Rule, args: &[(&'static str, &str)]) -> AppError {
        AppError::Api(ninjapay::Error::broke(field, rule, args))
    }

    /// The stable code the UI branches on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Api(e) => e.code(),
            AppError::KeychainUnavailable(_) => "keychain_unavailable",
            AppError::Validation(_) => "validation",
            AppError::KeyMissing(_) => "key_missing",
            AppError::Settings(_) => "settings",
            AppError::Sandbox(_) => "sandbox",
            AppError::NotFound(_) => "not_found",
            AppError::Export(_) => "export",
            AppError::WatcherStopped => "watcher_stopped",
            AppError::OtherAccount(_) => "other_account",
            AppError::Link(_) => "link",
            AppError::Ledger(_) => "ledger",
        }
    }
}

impl serde::Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Every error the page is given passes here: kept (redacted later) for Copy diagnostics.
        crate::desktop::diagnostics::remember(self.code(), &self.to_string());
        // The client's errors carry extra hints (`field`, `retry_after_secs`): pass them on.
        if let AppError::Api(e) = self {
            return e.serialize(serializer);
        }
        let mut s = serializer.serialize_struct("AppError", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

impl From<ninjapay_ledger::Error> for AppError {
    fn from(e: ninjapay_ledger::Error) -> Self {
        match e.code() {
            "validation" => AppError::Validation(e.to_string()),
            "export" => AppError::Export(e.to_string()),
            _ => AppError::Ledger(e.to_string()),
        }
    }
}

impl From<ninjapay_watch::Closed> for AppError {
    fn from(_: ninjapay_watch::Closed) -> Self {
        AppError::WatcherStopped
    }
}

impl From<keyring::Error> for AppError {
    fn from(e: keyring::Error) -> Self {
        // Only describe the failure; never echo stored data (BadEncoding/Ambiguous carry it).
        let detail = match &e {
            keyring::Error::PlatformFailure(inner) => format!("platform failure: {inner}"),
            keyring::Error::NoStorageAccess(inner) => format!("no storage access: {inner}"),
            keyring::Error::NoEntry => "no entry".to_owned(),
            keyring::Error::BadEncoding(_) => "stored value is not UTF-8".to_owned(),
            keyring::Error::TooLong(attr, len) => format!("attribute {attr} longer than {len}"),
            keyring::Error::Invalid(attr, reason) => format!("attribute {attr} invalid: {reason}"),
            keyring::Error::Ambiguous(items) => format!("{} matching entries", items.len()),
            _ => "unknown keychain error".to_owned(),
        };
        AppError::KeychainUnavailable(detail)
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_errors_js_mirrors_every_code() {
        let js = include_str!("../../ui/js/errors.js");
        let start = js
            .find("CODES = Object.freeze([")
            .expect("errors.js has CODES")
            + 23;
        let end = start + js[start..].find("])").expect("CODES ends");
        let mut listed: Vec<&str> = js[start..end]
            .split(',')
            .map(|w| w.trim().trim_matches('\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut codes: Vec<&str> = all_codes().collect();
        listed.sort_unstable();
        codes.sort_unstable();
        assert_eq!(
            listed, codes,
            "ui/js/errors.js CODES must list exactly Rust's codes"
        );
    }

    #[test]
    fn serialises_as_code_and_message() {
        let v = serde_json::to_value(AppError::Validation("tid is empty".into())).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "validation", "message": "tid is empty"})
        );
        let v = serde_json::to_value(AppError::from(keyring::Error::NoStorageAccess(
            "no dbus".into(),
        )))
        .unwrap();
        assert_eq!(v["code"], "keychain_unavailable");
        assert!(v["message"].as_str().unwrap().contains("gnome-keyring"));
    }
}
