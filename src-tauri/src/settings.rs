//! Non-secret settings: a small JSON file in the OS app-config directory.
//!
//! Written atomically and readable only by the user (see [`crate::files`]). A missing file means
//! defaults; a corrupt or unreadable one means defaults plus a warning the UI shows, never a
//! crash.
//!
//! **Where keys go.** Live mode sends the keys to two base URLs: Ninjapay's own by default, or
//! overrides from the settings file or the `NINJAPAY_API_URL` / `NINJAPAY_PROD_URL` environment
//! variables (which win). The web view cannot change them: `update_settings` takes only the
//! timeout, the language and the two desktop switches, so nothing running in the page can send
//! a saved key elsewhere. Every override is checked with the client's rule
//! ([`ninjapay::validate::base_url`]: https, or http to this computer only); a bad one is
//! reported (on screen and in the log) and Live mode refuses to start rather than silently use
//! another address.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use ninjapay::Mode;

use crate::error::{AppError, AppResult};
use crate::files;

pub const FILE_NAME: &str = "settings.json";
pub const API_URL_ENV: &str = "NINJAPAY_API_URL";
pub const PROD_URL_ENV: &str = "NINJAPAY_PROD_URL";
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
pub const MAX_TIMEOUT_SECS: u64 = 300;

/// The file's contents. Every field is optional so an old or partial file still loads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Chosen mode; `None` = Sandbox until a live key is saved, then Live.
    pub mode: Option<Mode>,
    /// Override of `https://api.ninjapay.me` (edit the file to set it).
    pub api_url: Option<String>,
    /// Override of `https://prod.ninjapay.me` (edit the file to set it).
    pub prod_url: Option<String>,
    /// Request timeout in seconds.
    pub timeout_secs: Option<u64>,
    /// The language chosen in Settings (one of [`LANGUAGES`]); `None` = the system's.
    pub language: Option<String>,
    /// Closing the window while something is watched hides it to the tray; `None` = on.
    pub close_to_tray: Option<bool>,
    /// Start the app at login (applied through the OS by the shell); `None` = off.
    pub start_at_login: Option<bool>,
    /// The "still watching from the tray" notice was shown once (it is not shown again).
    pub tray_notice_shown: Option<bool>,
}

/// The languages the app speaks (the catalogues in `ui/i18n/`).
pub const LANGUAGES: [&str; 2] = ["en-IN", "hi-IN"];
/// What the page sends to go back to the system's language.
pub const SYSTEM_LANGUAGE: &str = "system";

/// A partial update sent by the UI (`null`/missing = leave unchanged). Base URLs are not in
/// here on purpose: see the module docs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SettingsPatch {
    pub timeout_secs: Option<u64>,
    /// One of [`LANGUAGES`], or [`SYSTEM_LANGUAGE`] to follow the system again.
    pub language: Option<String>,
    pub close_to_tray: Option<bool>,
    /// Applied to the OS by the shell before it is saved (see `crate::desktop::login`).
    pub start_at_login: Option<bool>,
}

/// Where a base URL in effect came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlSource {
    /// Ninjapay's own.
    Default,
    /// The settings file.
    File,
    /// An environment variable.
    Environment,
}

/// One base URL Live mode would use, where it came from, and whether it may be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseUrl {
    pub url: String,
    pub source: UrlSource,
    /// Why it is refused (not https, or not a URL), naming the variable or file it came from.
    pub problem: Option<String>,
}

fn env_value(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|s| !s.trim().is_empty())
}

impl Settings {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS))
    }

    /// Whether closing the window hides it to the tray while something is watched (default on).
    pub fn close_to_tray(&self) -> bool {
        self.close_to_tray.unwrap_or(true)
    }

    /// Whether the app should start at login (default off).
    pub fn start_at_login(&self) -> bool {
        self.start_at_login.unwrap_or(false)
    }

    fn base_url(&self, field: &str, env: &str, file: &Option<String>, default: &str) -> BaseUrl {
        let (raw, source, origin) = match (env_value(env), file) {
            (Some(v), _) => (
                v,
                UrlSource::Environment,
                format!("the environment variable {env}"),
            ),
            (None, Some(v)) => (v.clone(), UrlSource::File, "the settings file".to_owned()),
            (None, None) => (default.to_owned(), UrlSource::Default, String::new()),
        };
        match ninjapay::validate::base_url(field, &raw) {
            Ok(url) => BaseUrl {
                url,
                source,
                problem: None,
            },
            Err(e) => BaseUrl {
                url: raw.trim().to_owned(),
                source,
                problem: Some(format!(
                    "{e} (from {origin}). Live mode will not start until it is fixed."
                )),
            },
        }
    }

    /// The `api` host Live mode uses.
    pub fn api_url(&self) -> BaseUrl {
        self.base_url(
            "api_url",
            API_URL_ENV,
            &self.api_url,
            ninjapay::DEFAULT_API_URL,
        )
    }

    /// The `prod` host Live mode uses.
    pub fn prod_url(&self) -> BaseUrl {
        self.base_url(
            "prod_url",
            PROD_URL_ENV,
            &self.prod_url,
            ninjapay::DEFAULT_PROD_URL,
        )
    }

    /// The Live account (both base URLs), or the first problem with them.
    pub fn live_account(&self) -> AppResult<ninjapay::Account> {
        let (api, prod) = (self.api_url(), self.prod_url());
        match api.problem.or(prod.problem) {
            Some(problem) => Err(AppError::Settings(problem)),
            None => Ok(ninjapay::Account::live(&api.url, &prod.url)),
        }
    }

    /// Problems with the base URLs, to show at start.
    pub fn url_problems(&self) -> Vec<String> {
        [self.api_url().problem, self.prod_url().problem]
            .into_iter()
            .flatten()
            .collect()
    }

    /// Apply a patch, validating it; the settings are unchanged on error.
    pub fn apply(&mut self, patch: SettingsPatch) -> AppResult<()> {
        if let Some(t) = patch.timeout_secs {
            if t == 0 || t > MAX_TIMEOUT_SECS {
                return Err(AppError::refused(
                    "timeout_secs",
                    ninjapay::Rule::TimeoutRange,
                    &[("max", &MAX_TIMEOUT_SECS.to_string())],
                ));
            }
            self.timeout_secs = Some(t);
        }
        if let Some(l) = patch.language {
            self.language = match l.as_str() {
                SYSTEM_LANGUAGE => None,
                l if LANGUAGES.contains(&l) => Some(l.to_owned()),
                _ => {
                    return Err(AppError::Validation(format!(
                        "The app speaks {} (or the system's language), not {l:?}.",
                        LANGUAGES.join(" and ")
                    )))
                }
            };
        }
        if let Some(on) = patch.close_to_tray {
            self.close_to_tray = Some(on);
        }
        if let Some(on) = patch.start_at_login {
            self.start_at_login = Some(on);
        }
        Ok(())
    }
}

/// The settings file and what is loaded from it.
#[derive(Debug)]
pub struct SettingsFile {
    path: PathBuf,
    current: Settings,
    warning: Option<String>,
}

impl SettingsFile {
    /// Load `dir/settings.json`; never fails. Problems with the file or its URL overrides (and
    /// the environment's) are logged and kept as the warning the UI shows.
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
        for w in warning.iter().chain(current.url_problems().iter()) {
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

    /// What the UI shows in its warning banner: a bad file, bad URL overrides.
    pub fn warning(&self) -> Option<String> {
        let all: Vec<String> = self
            .warning
            .iter()
            .cloned()
            .chain(self.current.url_problems())
            .collect();
        (!all.is_empty()).then(|| all.join(" "))
    }

    /// Replace the settings and write them atomically. On error nothing changes.
    pub fn set(&mut self, next: Settings) -> AppResult<()> {
        let mut body = serde_json::to_vec_pretty(&next)
            .map_err(|e| AppError::Settings(format!("Could not encode the settings: {e}")))?;
        body.push(b'\n');
        files::write_private(&self.path, &body).map_err(|e| {
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
    fn the_page_can_change_the_timeout_but_never_where_keys_go() {
        let mut s = Settings::default();
        assert!(s
            .apply(SettingsPatch {
                timeout_secs: Some(0),
                ..Default::default()
            })
            .is_err());
        s.apply(SettingsPatch {
            timeout_secs: Some(5),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.timeout(), Duration::from_secs(5));
        let patch: Result<SettingsPatch, _> =
            serde_json::from_value(serde_json::json!({"apiUrl": "https://evil.example"}));
        assert!(
            patch.is_err(),
            "a base URL is not a field the page may send"
        );
    }

    #[test]
    fn the_language_is_one_the_app_speaks_or_the_systems() {
        let mut s = Settings::default();
        let lang = |l: &str| SettingsPatch {
            language: Some(l.into()),
            ..Default::default()
        };
        s.apply(lang("hi-IN")).unwrap();
        assert_eq!(s.language.as_deref(), Some("hi-IN"));
        assert!(s.apply(lang("fr-FR")).is_err());
        assert_eq!(s.language.as_deref(), Some("hi-IN"), "unchanged on error");
        s.apply(SettingsPatch::default()).unwrap();
        assert_eq!(s.language.as_deref(), Some("hi-IN"), "missing = unchanged");
        s.apply(lang(SYSTEM_LANGUAGE)).unwrap();
        assert_eq!(s.language, None);
    }

    #[test]
    fn close_to_tray_is_on_and_start_at_login_off_until_changed() {
        let mut s = Settings::default();
        assert!(s.close_to_tray());
        assert!(!s.start_at_login());
        let patch: SettingsPatch =
            serde_json::from_value(serde_json::json!({"closeToTray": false, "startAtLogin": true}))
                .unwrap();
        s.apply(patch).unwrap();
        assert!(!s.close_to_tray());
        assert!(s.start_at_login());
        s.apply(SettingsPatch::default()).unwrap();
        assert!(!s.close_to_tray(), "missing = unchanged");
        let old: Settings = serde_json::from_str(r#"{"timeoutSecs": 9}"#).unwrap();
        assert!(old.close_to_tray(), "an older file gets the defaults");
    }

    #[test]
    fn url_overrides_from_the_file_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            br#"{"apiUrl": "http://api.example.com", "prodUrl": "http://127.0.0.1:9/"}"#,
        )
        .unwrap();
        let f = SettingsFile::load(dir.path());
        let s = f.get();
        assert_eq!(s.prod_url().url, "http://127.0.0.1:9");
        assert_eq!(s.prod_url().source, UrlSource::File);
        let api = s.api_url();
        assert!(
            api.problem.as_deref().unwrap().contains("https://"),
            "{api:?}"
        );
        assert!(api.problem.as_deref().unwrap().contains("settings file"));
        assert!(f.warning().unwrap().contains("Live mode will not start"));
        assert_eq!(s.live_account().unwrap_err().code(), "settings");
        let ok = Settings {
            api_url: Some("https://api.example.com/".into()),
            ..Default::default()
        };
        assert_eq!(
            ok.live_account().unwrap(),
            ninjapay::Account::live("https://api.example.com", "https://prod.ninjapay.me")
        );
    }
}
