//! The Invoice and Admin keys, kept in the OS keychain (Secret Service, macOS Keychain,
//! Windows Credential Manager) through `keyring` 3.
//!
//! A key goes in once (`store`) and comes out only as a [`ninjapay::ApiKey`], whose `Debug`
//! is redacted and which cannot be serialised; what the UI sees is [`KeyStatus`]: presence
//! and a masked form such as `••••ab12`.

use std::collections::HashMap;
use std::sync::Mutex;

use ninjapay::{ApiKey, Rule};
use serde::Serialize;

use crate::error::{AppError, AppResult};

/// Keychain service name used unless `NINJAPAY_DESK_KEYRING_SERVICE` says otherwise
/// (tests set it so they never touch a user's real entries).
pub const DEFAULT_SERVICE: &str = "ninjapay-desk";
/// Environment variable that overrides the keychain service name.
pub const SERVICE_ENV: &str = "NINJAPAY_DESK_KEYRING_SERVICE";

pub use ninjapay::KeyKind;

/// The keychain "user" (account) name a key is stored under.
pub fn keychain_user(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Invoice => "invoice-key",
        KeyKind::Admin => "admin-key",
    }
}

/// What the UI may know about a key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyStatus {
    pub kind: KeyKind,
    pub present: bool,
    /// `••••` plus the last four characters, or `None` when absent.
    pub masked: Option<String>,
}

impl KeyStatus {
    pub fn of(kind: KeyKind, key: Option<&ApiKey>) -> Self {
        KeyStatus {
            kind,
            present: key.is_some(),
            masked: key.map(|k| k.masked()),
        }
    }
}

/// Both keys' status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeysStatus {
    pub invoice: KeyStatus,
    pub admin: KeyStatus,
}

impl KeysStatus {
    pub fn any_present(&self) -> bool {
        self.invoice.present || self.admin.present
    }

    /// Put one key's new status in its place.
    pub fn set(&mut self, status: KeyStatus) {
        match status.kind {
            KeyKind::Invoice => self.invoice = status,
            KeyKind::Admin => self.admin = status,
        }
    }
}

/// Where keys are kept. [`Keychain`] in the app; [`MemoryStore`] in tests.
pub trait SecretStore: Send + Sync + 'static {
    /// The key, or `None` when no entry exists.
    fn load(&self, kind: KeyKind) -> AppResult<Option<ApiKey>>;
    /// Save or replace the key.
    fn store(&self, kind: KeyKind, secret: &str) -> AppResult<()>;
    /// Remove the key; removing a missing key is not an error.
    fn forget(&self, kind: KeyKind) -> AppResult<()>;
    /// A short description for logs and the status screen (never a key).
    fn describe(&self) -> String;
}

/// The OS keychain.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Keychain {
    pub fn new(service: impl Into<String>) -> Self {
        Keychain {
            service: service.into(),
        }
    }

    /// Service name from `NINJAPAY_DESK_KEYRING_SERVICE`, else `ninjapay-desk`.
    pub fn from_env() -> Self {
        let service = std::env::var(SERVICE_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_SERVICE.to_owned());
        Keychain::new(service)
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, kind: KeyKind) -> AppResult<keyring::Entry> {
        Ok(keyring::Entry::new(&self.service, keychain_user(kind))?)
    }
}

impl SecretStore for Keychain {
    fn load(&self, kind: KeyKind) -> AppResult<Option<ApiKey>> {
        match self.entry(kind)?.get_password() {
            // Taken over by ApiKey, which wipes it when dropped.
            Ok(s) => Ok(Some(ApiKey::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn store(&self, kind: KeyKind, secret: &str) -> AppResult<()> {
        Ok(self.entry(kind)?.set_password(secret)?)
    }

    fn forget(&self, kind: KeyKind) -> AppResult<()> {
        match self.entry(kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn describe(&self) -> String {
        format!("OS keychain (service \"{}\")", self.service)
    }
}

/// An in-memory store for tests (keeps nothing on disk).
#[derive(Debug, Default)]
pub struct MemoryStore {
    keys: Mutex<HashMap<KeyKind, String>>,
    /// When set, every call fails as an unavailable keychain would.
    pub unavailable: bool,
    /// How many keys were read: the app asks the real keychain as seldom as it can.
    pub loads: std::sync::atomic::AtomicUsize,
}

impl MemoryStore {
    pub fn unavailable() -> Self {
        MemoryStore {
            unavailable: true,
            ..Default::default()
        }
    }

    fn check(&self) -> AppResult<()> {
        if self.unavailable {
            Err(AppError::KeychainUnavailable(
                "test store marked unavailable".into(),
            ))
        } else {
            Ok(())
        }
    }
}

impl SecretStore for MemoryStore {
    fn load(&self, kind: KeyKind) -> AppResult<Option<ApiKey>> {
        self.loads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.check()?;
        let keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        Ok(keys.get(&kind).cloned().map(ApiKey::new))
    }

    fn store(&self, kind: KeyKind, secret: &str) -> AppResult<()> {
        self.check()?;
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.insert(kind, secret.to_owned());
        Ok(())
    }

    fn forget(&self, kind: KeyKind) -> AppResult<()> {
        self.check()?;
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.remove(&kind);
        Ok(())
    }

    fn describe(&self) -> String {
        "in-memory store (tests)".into()
    }
}

/// Check a pasted key before it is saved. The returned error never contains the key.
pub fn validate_key(kind: KeyKind, raw: &str) -> AppResult<ApiKey> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(AppError::refused(kind.label(), Rule::KeyEmpty, &[]));
    }
    if key.len() < 8 || key.len() > 256 {
        return Err(AppError::refused(kind.label(), Rule::KeyLength, &[]));
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
    {
        return Err(AppError::refused(kind.label(), Rule::KeyChars, &[]));
    }
    Ok(ApiKey::new(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trip_and_idempotent_forget() {
        let s = MemoryStore::default();
        assert!(s.load(KeyKind::Admin).unwrap().is_none());
        s.store(KeyKind::Admin, "abcdefgh12345678").unwrap();
        let k = s.load(KeyKind::Admin).unwrap().unwrap();
        assert_eq!(
            KeyStatus::of(KeyKind::Admin, Some(&k)).masked.unwrap(),
            "••••5678"
        );
        assert!(!format!("{k:?}").contains("abcdefgh"));
        s.forget(KeyKind::Admin).unwrap();
        s.forget(KeyKind::Admin).unwrap();
        assert!(s.load(KeyKind::Admin).unwrap().is_none());
    }

    #[test]
    fn validation_never_echoes_the_key() {
        let err = validate_key(KeyKind::Invoice, "sec ret key with spaces").unwrap_err();
        assert_eq!(err.code(), "validation");
        assert!(!err.to_string().contains("sec ret"));
        assert_eq!(
            validate_key(KeyKind::Invoice, "  abcdefgh1234  ")
                .unwrap()
                .expose(),
            "abcdefgh1234"
        );
    }
}
