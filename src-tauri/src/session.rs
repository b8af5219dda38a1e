//! The app's state: settings, keys, the current mode and the `ninjapay::Client` for it.
//!
//! Sandbox mode starts `ninjapay-sandbox` in-process on 127.0.0.1 (free ports) and talks to it
//! with the sandbox's own keys; Live mode talks to Ninjapay with the keys in the keychain.
//! Sandbox is the default until a live key is saved. The client is built lazily and rebuilt
//! after any change to mode, settings or keys, so switching takes effect without a restart.
//!
//! The in-process sandbox keeps its records and clock in `<data dir>/sandbox-state.json`
//! ([`SANDBOX_STATE_FILE`]; saved within 0.2 s of each change, and on exit), so what a merchant
//! made in Sandbox mode is still there after a restart or a crash, and a resumed watch finds its
//! tid instead of a 404 from a brand-new sandbox. A corrupt file is moved aside and the sandbox
//! starts fresh (seeded), with a warning in the log. Delete the file to reset the sandbox.
//!
//! One [`Budget`] counts every request: each client (Sandbox or Live) is built with it as its
//! observer, and the [`Watcher`] checks pending items inside the same budget, through whatever
//! client is current (see [`crate::watch`]).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use ninjapay::{ApiKey, Client};
use ninjapay_watch::{Budget, BudgetConfig, SystemClock, WatchRequest, WatchUpdate, Watcher};
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::keys::{validate_key, KeyKind, KeyStatus, KeysStatus, SecretStore};
use crate::settings::{Mode, Settings, SettingsFile, SettingsPatch};

/// How to build a [`Desk`].
pub struct DeskOptions {
    /// Directory holding `settings.json`.
    pub config_dir: PathBuf,
    /// Directory holding `watches.json` (the app data dir).
    pub data_dir: PathBuf,
    /// Where keys are kept.
    pub secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for DeskOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeskOptions")
            .field("config_dir", &self.config_dir)
            .field("data_dir", &self.data_dir)
            .field("secrets", &self.secrets.describe())
            .finish()
    }
}

/// The URLs of the running in-process sandbox.
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
    /// Set once the in-process sandbox runs.
    pub sandbox: Option<SandboxInfo>,
    /// A problem with the settings file (corrupt, unreadable) to show on screen.
    pub settings_warning: Option<String>,
    /// Where keys are kept (never a key).
    pub key_store: String,
    pub version: &'static str,
}

/// What `get_settings` returns.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub mode: Mode,
    pub mode_chosen: bool,
    /// The file's overrides (may be shadowed by the environment).
    pub api_url: Option<String>,
    pub prod_url: Option<String>,
    /// Set when `NINJAPAY_API_URL` / `NINJAPAY_PROD_URL` win over the file.
    pub api_url_env: Option<String>,
    pub prod_url_env: Option<String>,
    pub timeout_secs: u64,
    pub path: String,
    pub warning: Option<String>,
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

/// Settings, keys, mode, the sandbox, the current client and the request budget: what the
/// commands and the watcher's checks share (behind an `Arc`, so the watcher can ask it for the
/// current client).
pub struct Session {
    budget: Arc<Budget>,
    secrets: Arc<dyn SecretStore>,
    settings: Mutex<SettingsFile>,
    /// Cached "a live key is saved" (None = not yet asked the keychain).
    live_key_saved: Mutex<Option<bool>>,
    sandbox: tokio::sync::Mutex<Option<ninjapay_sandbox::Sandbox>>,
    /// Where the in-process sandbox keeps its records and clock (`<data dir>/SANDBOX_STATE_FILE`).
    sandbox_state: PathBuf,
    client: tokio::sync::Mutex<Option<Client>>,
}

/// The in-process sandbox's state file in the app data dir: what a merchant made in Sandbox
/// mode is still there after a restart (or a crash), so resumed watches find their tids.
pub const SANDBOX_STATE_FILE: &str = "sandbox-state.json";

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("secrets", &self.secrets.describe())
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    fn new(opts: &DeskOptions) -> Self {
        Session {
            budget: Arc::new(Budget::new(Arc::new(SystemClock), BudgetConfig::default())),
            secrets: Arc::clone(&opts.secrets),
            settings: Mutex::new(SettingsFile::load(&opts.config_dir)),
            live_key_saved: Mutex::new(None),
            sandbox: tokio::sync::Mutex::new(None),
            sandbox_state: opts.data_dir.join(SANDBOX_STATE_FILE),
            client: tokio::sync::Mutex::new(None),
        }
    }

    /// The request budget every client and the watcher share.
    pub fn budget(&self) -> &Arc<Budget> {
        &self.budget
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).get().clone()
    }

    /// Run a keychain call off the async threads (Secret Service calls block on D-Bus).
    async fn with_secrets<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn SecretStore) -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let secrets = Arc::clone(&self.secrets);
        tokio::task::spawn_blocking(move || f(secrets.as_ref()))
            .await
            .map_err(|e| AppError::KeychainUnavailable(format!("keychain task failed: {e}")))?
    }

    async fn live_key_saved(&self) -> bool {
        if let Some(v) = *lock(&self.live_key_saved) {
            return v;
        }
        let found = self
            .with_secrets(|s| {
                for kind in KeyKind::ALL {
                    if s.load(kind)?.is_some() {
                        return Ok(true);
                    }
                }
                Ok(false)
            })
            .await;
        let saved = match found {
            Ok(v) => v,
            Err(e) => {
                log::warn!("keychain not readable, staying in Sandbox mode: {e}");
                false
            }
        };
        *lock(&self.live_key_saved) = Some(saved);
        saved
    }

    /// The mode in effect: the chosen one, else Sandbox until a live key is saved.
    pub async fn mode(&self) -> Mode {
        if let Some(m) = self.settings().mode {
            return m;
        }
        if self.live_key_saved().await {
            Mode::Live
        } else {
            Mode::Sandbox
        }
    }

    /// Forget the current client; the next call builds one for the new mode/settings/keys.
    pub async fn invalidate(&self) {
        *self.client.lock().await = None;
    }

    /// The running sandbox's URLs, starting it if needed.
    pub async fn ensure_sandbox(&self) -> AppResult<SandboxInfo> {
        let mut guard = self.sandbox.lock().await;
        if guard.is_none() {
            let config = ninjapay_sandbox::Config {
                state_file: Some(self.sandbox_state.clone()),
                ..ninjapay_sandbox::Config::default()
            };
            let sb = ninjapay_sandbox::start(config).await.map_err(|e| {
                AppError::Sandbox(format!("The local sandbox could not start: {e}"))
            })?;
            log::info!(
                "sandbox started: api {} prod {}",
                sb.api_url(),
                sb.prod_url()
            );
            *guard = Some(sb);
        }
        let sb = guard.as_ref().expect("sandbox just started");
        Ok(SandboxInfo {
            api_url: sb.api_url().to_string(),
            prod_url: sb.prod_url().to_string(),
        })
    }

    /// Write the in-process sandbox's state file now (it also saves itself shortly after
    /// every change; this catches the last one on exit).
    pub async fn save_sandbox(&self) {
        let guard = self.sandbox.lock().await;
        if let Some(sb) = guard.as_ref() {
            if let Err(e) = sb.save_state_async().await {
                log::warn!("could not save the sandbox state: {e}");
            }
        }
    }

    /// The sandbox's URLs if it runs.
    pub async fn sandbox_info(&self) -> Option<SandboxInfo> {
        self.sandbox.lock().await.as_ref().map(|sb| SandboxInfo {
            api_url: sb.api_url().to_string(),
            prod_url: sb.prod_url().to_string(),
        })
    }

    /// The client for the current mode.
    pub async fn client(&self) -> AppResult<Client> {
        let mut guard = self.client.lock().await;
        if let Some(c) = guard.as_ref() {
            return Ok(c.clone());
        }
        let settings = self.settings();
        let client = match self.mode().await {
            Mode::Sandbox => {
                let sb = self.ensure_sandbox().await?;
                Client::builder()
                    .api_url(sb.api_url)
                    .prod_url(sb.prod_url)
                    .invoice_key(ApiKey::new(ninjapay_sandbox::INVOICE_KEY.to_string()))
                    .admin_key(ApiKey::new(ninjapay_sandbox::ADMIN_KEY.to_string()))
                    .timeout(settings.timeout())
                    .observer(self.budget.clone())
                    .build()?
            }
            Mode::Live => {
                let (invoice, admin) = self
                    .with_secrets(|s| Ok((s.load(KeyKind::Invoice)?, s.load(KeyKind::Admin)?)))
                    .await?;
                if invoice.is_none() && admin.is_none() {
                    return Err(AppError::KeyMissing(
                        "Live mode needs a key: save your Invoice key (and the Admin key for \
                         sending money) in Settings, or switch to Sandbox mode."
                            .into(),
                    ));
                }
                let mut b = Client::builder()
                    .timeout(settings.timeout())
                    .observer(self.budget.clone());
                if let Some(u) = settings.effective_api_url() {
                    b = b.api_url(u);
                }
                if let Some(u) = settings.effective_prod_url() {
                    b = b.prod_url(u);
                }
                if let Some(k) = invoice {
                    b = b.invoice_key(k);
                }
                if let Some(k) = admin {
                    b = b.admin_key(k);
                }
                b.build()?
            }
        };
        *guard = Some(client.clone());
        Ok(client)
    }

    pub async fn status(&self) -> AppStatus {
        let settings = self.settings();
        AppStatus {
            mode: self.mode().await,
            mode_chosen: settings.mode.is_some(),
            sandbox: self.sandbox_info().await,
            settings_warning: lock(&self.settings).warning().map(str::to_owned),
            key_store: self.secrets.describe(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    pub async fn settings_view(&self) -> SettingsView {
        let mode = self.mode().await;
        let file = lock(&self.settings);
        let s = file.get();
        let env = |v: &str| std::env::var(v).ok().filter(|s| !s.trim().is_empty());
        SettingsView {
            mode,
            mode_chosen: s.mode.is_some(),
            api_url: s.api_url.clone(),
            prod_url: s.prod_url.clone(),
            api_url_env: env(crate::settings::API_URL_ENV),
            prod_url_env: env(crate::settings::PROD_URL_ENV),
            timeout_secs: s.timeout().as_secs(),
            path: file.path().display().to_string(),
            warning: file.warning().map(str::to_owned),
        }
    }

    /// Validate and save a settings patch; the client is rebuilt on next use.
    pub async fn update_settings(&self, patch: SettingsPatch) -> AppResult<()> {
        {
            let mut file = lock(&self.settings);
            let mut next = file.get().clone();
            next.apply(patch)?;
            file.set(next)?;
        }
        self.invalidate().await;
        Ok(())
    }

    /// Choose the mode; takes effect on the next call.
    pub async fn set_mode(&self, mode: Mode) -> AppResult<Mode> {
        {
            let mut file = lock(&self.settings);
            let mut next = file.get().clone();
            next.mode = Some(mode);
            file.set(next)?;
        }
        self.invalidate().await;
        if mode == Mode::Sandbox {
            // start it now so the first lookup is quick
            self.ensure_sandbox().await?;
        }
        Ok(mode)
    }

    pub async fn key_status(&self) -> AppResult<KeysStatus> {
        let (invoice, admin) = self
            .with_secrets(|s| Ok((s.load(KeyKind::Invoice)?, s.load(KeyKind::Admin)?)))
            .await?;
        *lock(&self.live_key_saved) = Some(invoice.is_some() || admin.is_some());
        Ok(KeysStatus {
            invoice: KeyStatus::of(KeyKind::Invoice, invoice.as_ref()),
            admin: KeyStatus::of(KeyKind::Admin, admin.as_ref()),
        })
    }

    /// Save or replace a key. Returns only its masked status.
    pub async fn save_key(&self, kind: KeyKind, raw: String) -> AppResult<KeyStatus> {
        let key = validate_key(kind, &raw)?;
        drop(raw);
        let status = KeyStatus::of(kind, Some(&ApiKey::new(key.clone())));
        self.with_secrets(move |s| s.store(kind, &key)).await?;
        *lock(&self.live_key_saved) = Some(true);
        self.invalidate().await;
        log::info!("{} saved to {}", kind.label(), self.secrets.describe());
        Ok(status)
    }

    /// Forget a key (idempotent).
    pub async fn forget_key(&self, kind: KeyKind) -> AppResult<KeyStatus> {
        self.with_secrets(move |s| s.forget(kind)).await?;
        *lock(&self.live_key_saved) = None;
        self.invalidate().await;
        log::info!("{} forgotten", kind.label());
        Ok(KeyStatus::of(kind, None))
    }

    /// One read call (wallet info) that says ok, unauthorized or unreachable.
    pub async fn test_connection(&self) -> ConnectionTest {
        let mode = self.mode().await;
        let result = match self.client().await {
            Ok(c) => c.wallet_info().await.map_err(AppError::from),
            Err(e) => Err(e),
        };
        match result {
            Ok(_) => ConnectionTest {
                status: "ok",
                mode,
                code: None,
                message: match mode {
                    Mode::Sandbox => "Connected to the local sandbox.".into(),
                    Mode::Live => "Connected to Ninjapay; the key was accepted.".into(),
                },
            },
            Err(e) => {
                let code = e.code();
                let status = match code {
                    "unauthorized" | "forbidden" | "admin_key_required" | "key_missing" => {
                        "unauthorized"
                    }
                    "network" | "timeout" | "sandbox" => "unreachable",
                    _ => "error",
                };
                ConnectionTest {
                    status,
                    mode,
                    code: Some(code),
                    message: e.to_string(),
                }
            }
        }
    }
}

/// The shell's state, managed by Tauri: the [`Session`] (reached through `Deref`) and the
/// watcher that checks pending items through it.
pub struct Desk {
    session: Arc<Session>,
    watcher: Watcher,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("session", &self.session)
            .field("watcher", &self.watcher)
            .finish()
    }
}

impl std::ops::Deref for Desk {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

impl Desk {
    /// The session, and the watcher resumed from `data_dir/watches.json`.
    pub fn new(opts: DeskOptions) -> Self {
        let session = Arc::new(Session::new(&opts));
        let watcher = crate::watch::start(
            Arc::clone(&session),
            opts.data_dir.join(crate::watch::STORE_FILE),
        );
        Desk { session, watcher }
    }

    pub fn watcher(&self) -> &Watcher {
        &self.watcher
    }

    /// Every watch, active first (what `watch_list` returns).
    pub fn watches(&self) -> Vec<WatchUpdate> {
        self.watcher.list()
    }

    fn watch_by_id(&self, id: u64) -> AppResult<WatchUpdate> {
        self.watcher
            .list()
            .into_iter()
            .find(|u| u.id == id)
            .ok_or_else(|| AppError::NotFound(format!("No watch with id {id}.")))
    }

    /// Watch something (or get the existing watch of the same kind and tid).
    pub async fn watch(&self, request: WatchRequest) -> AppResult<WatchUpdate> {
        Ok(self.watcher.watch(request).await?)
    }

    /// Watch what a command just created. A failure is logged, not returned: the command
    /// itself succeeded (money may have moved) and the user can still watch it by hand.
    pub async fn auto_watch(&self, request: WatchRequest) {
        let (kind, tid) = (request.kind, request.tid.clone());
        match self.watcher.watch(request).await {
            Ok(u) => log::info!("watching {} {tid} (watch {})", kind.label(), u.id),
            Err(e) => log::warn!("could not watch {} {tid}: {e}", kind.label()),
        }
    }

    /// Check a watch once now (the result arrives as a `watch://update` event).
    pub async fn watch_check_now(&self, id: u64) -> AppResult<WatchUpdate> {
        self.found(id, self.watcher.check_now(id).await?)
    }

    /// Stop a watch (it stays listed as stopped, with Watch again).
    pub async fn watch_stop(&self, id: u64) -> AppResult<WatchUpdate> {
        self.found(id, self.watcher.stop(id).await?)
    }

    /// Start an ended watch's schedule again from now.
    pub async fn watch_again(&self, id: u64) -> AppResult<WatchUpdate> {
        self.found(id, self.watcher.watch_again(id).await?)
    }

    /// Remove a watch from the list and the store (Dismiss). Returns the remaining watches.
    pub async fn watch_forget(&self, id: u64) -> AppResult<Vec<WatchUpdate>> {
        if !self.watcher.forget(id).await? {
            return Err(AppError::NotFound(format!("No watch with id {id}.")));
        }
        Ok(self.watcher.list())
    }

    fn found(&self, id: u64, found: bool) -> AppResult<WatchUpdate> {
        if !found {
            return Err(AppError::NotFound(format!("No watch with id {id}.")));
        }
        self.watch_by_id(id)
    }

    /// Save the watches and stop the watcher (on exit), and save the sandbox's state.
    pub async fn shutdown(&self) {
        self.watcher.shutdown().await;
        self.session.save_sandbox().await;
    }
}
