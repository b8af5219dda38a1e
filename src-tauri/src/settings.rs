//! Non-secret settings: a small JSON file in the OS app-config directory.
//!
//! Written atomically (temp file in the same directory, then rename). A missing file means
//! defaults; a corrupt or unreadable one means defaults plus a warning the UI shows, never a
//! crash. `NINJAPAY_API_URL` and `NINJAPAY_PROD_URL` win over the file's URL overrides.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

pub const FILE_NAME: &str = "settings.json";
pub const API_URL_ENV: &str = "NINJAPAY_API_URL";
pub const PROD_URL_ENV: &str = "NINJAPAY_PROD_URL";
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
pub const MAX_TIMEOUT_SECS: u64 = 300;

/// Sandbox (the in-process fake Ninjapay, no real money) or Live (the real API).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Sandbox,
    Live,
}

/// The file's contents. Every field is optional so an old or partial file still loads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Chosen mode; `None` = Sandbox until a live key is saved, then Live.
    pub mode: Option<Mode>,
    /// Override of `https://api.ninjapay.me`.
    pub api_url: Option<String>,
    /// Override of `https://prod.ninjapay.me`.
    pub prod_url: Option<String>,
    /// Request timeout in seconds.
    pub timeout_secs: Option<u64>,
}

/// A partial update sent by the UI (`null`/missing = leave unchanged, `""` = clear).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsPatch {
    pub api_url: Option<String>,
    pub prod_url: Option<String>,
    pub timeout_secs: Option<u64>,
}

impl Settings {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS))
    }

    /// The API base URL in effect (env var, then file), `None` = the client's default.
    pub fn effective_api_url(&self) -> Option<String> {
        env_url(API_URL_ENV).or_else(|| self.api_url.clone())
    }

    /// The prod base URL in effect (env var, then file), `None` = the client's default.
    pub fn effective_prod_url(&self) -> Option<String> {
        env_url(PROD_URL_ENV).or_else(|| self.prod_url.clone())
    }

    /// Apply a patch, validating it; the settings are unchanged on error.
    pub fn apply(&mut self, patch: SettingsPatch) -> AppResult<()> {
        let mut next = self.clone();
        if let Some(u) = patch.api_url {
            next.api_url = normalise_url("API URL", &u)?;
        }
        if let Some(u) = patch.prod_url {
            next.prod_url = normalise_url("Prod URL", &u)?;
        }
        if let Some(t) = patch.timeout_secs {
            if t == 0 || t > MAX_TIMEOUT_SECS {
                return Err(AppError::Validation(format!(
                    "The timeout must be between 1 and {MAX_TIMEOUT_SECS} seconds."
                )));
            }
            next.timeout_secs = Some(t);
        }
        *self = next;
        Ok(())
    }
}

fn env_url(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|s| !s.trim().is_empty())
}

fn normalise_url(what: &str, raw: &str) -> AppResult<Option<String>> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let url = url::Url::parse(s)
        .map_err(|e| AppError::Validation(format!("The {what} is not a valid URL: {e}.")))?;
    if !matches!(url.scheme(), "https" | "http") || url.host().is_none() {
        return Err(AppError::Validation(format!(
            "The {what} must be an http(s) URL with a host."
        )));
    }
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
        return Err(AppError::Validation(format!(
            "The {what} must not contain credentials or a query string."
        )));
    }
    Ok(Some(s.trim_end_matches('/').to_owned()))
}

/// The settings file and what is loaded from it.
#[derive(Debug)]
pub struct SettingsFile {
    path: PathBuf,
    current: Settings,
    warning: Option<String>,
}

impl SettingsFile {
    /// Load `dir/settings.json`; never fails.
    pub fn load(dir: &Path) -> Self {
        let path = dir.join(FILE_NAME);
        let (current, warning) = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<Settings>(&bytes) {
                Ok(s) => (s, None),
                Err(e) => (
                    Settings::default(),
                    Some(format!(
                        "The settings file {} is corrupt ({e}); using defaults. \
                         It will be replaced the next time you change a setting.",
                        path.display()
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "The settings file {} could not be read ({e}); using defaults.",
                    path.display()
                )),
            ),
        };
        if let Some(w) = &warning {
            log::warn!("{w}");
        }
        SettingsFile {
            path,
            current,
            warning,
        }
    }

    pub fn get(&self) -> &Settings {
        &self.current
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// Replace the settings and write them atomically. On error nothing changes.
    pub fn set(&mut self, next: Settings) -> AppResult<()> {
        write_atomic(&self.path, &next).map_err(|e| {
            AppError::Settings(format!(
                "Could not save settings to {}: {e}",
                self.path.display()
            ))
        })?;
        self.current = next;
        self.warning = None;
        Ok(())
    }
}

fn write_atomic(path: &Path, settings: &Settings) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        let mut body = serde_json::to_vec_pretty(settings)?;
        body.push(b'\n');
        f.write_all(&body)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_defaults_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        let f = SettingsFile::load(dir.path());
        assert_eq!(f.get(), &Settings::default());
        assert!(f.warning().is_none());
    }

    #[test]
    fn corrupt_file_is_defaults_with_warning_and_is_replaced_on_save() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{ not json").unwrap();
        let mut f = SettingsFile::load(dir.path());
        assert_eq!(f.get(), &Settings::default());
        assert!(f.warning().unwrap().contains("corrupt"));
        let next = Settings {
            mode: Some(Mode::Live),
            timeout_secs: Some(12),
            ..Default::default()
        };
        f.set(next.clone()).unwrap();
        assert!(f.warning().is_none());
        let again = SettingsFile::load(dir.path());
        assert_eq!(again.get(), &next);
        // no temp files left behind
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(FILE_NAME)]);
    }

    #[test]
    fn patch_validates_urls_and_timeout() {
        let mut s = Settings::default();
        assert!(s
            .apply(SettingsPatch {
                api_url: Some("ftp://x".into()),
                ..Default::default()
            })
            .is_err());
        assert!(s
            .apply(SettingsPatch {
                timeout_secs: Some(0),
                ..Default::default()
            })
            .is_err());
        s.apply(SettingsPatch {
            api_url: Some(" http://127.0.0.1:9/ ".into()),
            timeout_secs: Some(5),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.api_url.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(s.timeout(), Duration::from_secs(5));
        s.apply(SettingsPatch {
            api_url: Some(String::new()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.api_url, None);
    }
}
