//! Settings, keys, the current mode and the `ninjapay::Client` for it.
//!
//! Sandbox mode starts `ninjapay-sandbox` in-process on 127.0.0.1 (free ports) and talks to it
//! with the sandbox's own keys; Live mode talks to Ninjapay with the keys in the keychain, at
//! the base URLs of [`crate::settings`]. Sandbox is the default until a live key is saved. The
//! client is built lazily and rebuilt after any change to mode, settings or keys, so switching
//! takes effect without a restart.
//!
//! Every client belongs to an [`Account`] (the sandbox, or the live base URLs): a caller that
//! acts for a record asks [`Session::client_for`] that record's account, and gets an error
//! rather than the other mode's client, so Sandbox and Live never mix.
//!
//! The in-process sandbox keeps its records and clock in `<data dir>/sandbox-state.json`
//! ([`SANDBOX_STATE_FILE`]), so what a merchant made in Sandbox mode is still there after a
//! restart or a crash, and a resumed watch finds its tid.
//!
//! One [`Budget`] counts every request: each client is built with it as its observer, and the
//! watcher checks pending items inside the same budget.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use ninjapay::{Account, ApiKey, Client, Mode};
use ninjapay_watch::{Budget, BudgetConfig, SystemClock};

use crate::error::{AppError, AppResult};
use crate::ipc::{AppStatus, ConnectionTest, SandboxInfo, SettingsView};
use crate::keys::{validate_key, KeyKind, KeyStatus, KeysStatus, SecretStore};
use crate::settings::{Settings, SettingsFile, SettingsPatch};

/// The in-process sandbox's state file in the app data dir.
pub const SANDBOX_STATE_FILE: &str = "sandbox-state.json";

/// Settings, keys, mode, the sandbox, the current client and the request budget: what the
/// commands and the watcher's checks share (behind an `Arc`).
pub struct Session {
    budget: Arc<Budget>,
    secrets: Arc<dyn SecretStore>,
    settings: Mutex<SettingsFile>,
    /// What the keychain last said of the keys (a read costs a D-Bus session, ~0.1 s, and the
    /// page asks on every refresh).
    keys: Mutex<KeysCache>,
    /// One keychain read at a time: a second asker waits for the first one's answer.
    keys_read: tokio::sync::Mutex<()>,
    sandbox: tokio::sync::Mutex<Option<ninjapay_sandbox::Sandbox>>,
    sandbox_state: PathBuf,
    /// The current client and the account it talks to.
    client: tokio::sync::Mutex<Option<(Account, Client)>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("secrets", &self.secrets.describe())
            .finish_non_exhaustive()
    }
}

/// The keys as last read, with a generation that moves on each save or forget, so a slower read
/// started before one cannot overwrite what it did.
#[derive(Default)]
struct KeysCache {
    generation: u64,
    /// Both keys' masked status (None = not read yet, or the last read failed).
    known: Option<KeysStatus>,
    /// The last read failed: the mode stays Sandbox without asking again on every call (the
    /// Settings screen still asks, so it sees the keychain come back).
    unreadable: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    /// Settings from `config_dir`, the sandbox's state in `data_dir`, keys in `secrets`.
    pub fn new(
        config_dir: &std::path::Path,
        data_dir: &std::path::Path,
        secrets: Arc<dyn SecretStore>,
    ) -> Self {
        Session {
            budget: Arc::new(Budget::new(Arc::new(SystemClock), BudgetConfig::default())),
            secrets,
            settings: Mutex::new(SettingsFile::load(config_dir)),
            keys: Mutex::new(KeysCache::default()),
            keys_read: tokio::sync::Mutex::new(()),
            sandbox: tokio::sync::Mutex::new(None),
            sandbox_state: data_dir.join(SANDBOX_STATE_FILE),
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

    fn cached_keys(&self) -> Option<KeysStatus> {
        lock(&self.keys).known.clone()
    }

    /// Both keys' masked status: the cached answer, else one read of the keychain.
    pub async fn key_status(&self) -> AppResult<KeysStatus> {
        if let Some(keys) = self.cached_keys() {
            return Ok(keys);
        }
        let _one_reader = self.keys_read.lock().await;
        if let Some(keys) = self.cached_keys() {
            return Ok(keys); // read by the asker this one waited for
        }
        let generation = lock(&self.keys).generation;
        let read = self
            .with_secrets(|s| Ok((s.load(KeyKind::Invoice)?, s.load(KeyKind::Admin)?)))
            .await
            .map(|(invoice, admin)| KeysStatus {
                invoice: KeyStatus::of(KeyKind::Invoice, invoice.as_ref()),
                admin: KeyStatus::of(KeyKind::Admin, admin.as_ref()),
            });
        // Unless a key was saved or forgotten since the read began (`generation` then moved
        // on, and the older answer would undo it).
        let mut cache = lock(&self.keys);
        if cache.generation == generation {
            cache.known = read.as_ref().ok().cloned();
            cache.unreadable = read.is_err();
        }
        read
    }

    async fn live_key_saved(&self) -> bool {
        {
            let cache = lock(&self.keys);
            if let Some(keys) = &cache.known {
                return keys.any_present();
            }
            if cache.unreadable {
                return false;
            }
        }
        match self.key_status().await {
            Ok(keys) => keys.any_present(),
            Err(e) => {
                log::warn!("keychain not readable, staying in Sandbox mode: {e}");
                false
            }
        }
    }

    /// A key was saved or forgotten: what is known of the other one stays cached.
    fn key_changed(&self, status: KeyStatus) {
        let mut cache = lock(&self.keys);
        cache.generation += 1;
        cache.unreadable = false; // it just answered
        if let Some(keys) = cache.known.as_mut() {
            keys.set(status);
        }
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

    /// The account the current mode talks to (in Live mode, the base URLs in effect, even when
    /// they are refused: the records made there stay apart).
    pub async fn account(&self) -> Account {
        match self.mode().await {
            Mode::Sandbox => Account::Sandbox,
            Mode::Live => {
                let s = self.settings();
                Account::live(&s.api_url().url, &s.prod_url().url)
            }
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

    /// Write the in-process sandbox's state file now (it also saves itself shortly after every
    /// change; this catches the last one on exit).
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
        Ok(self.current().await?.1)
    }

    /// The client for `account`, if that is the current one; a record of the other mode (or
    /// of other base URLs) is never acted on through this mode's client and key.
    pub async fn client_for(&self, account: &Account) -> AppResult<Client> {
        let (current, client) = self.current().await?;
        if &current != account {
            return Err(AppError::OtherAccount(format!(
                "This belongs to {}, and the app is now in {}: switch back to act on it.",
                account.describe(),
                current.describe()
            )));
        }
        Ok(client)
    }

    /// The current account and its client, built on first use.
    pub async fn current(&self) -> AppResult<(Account, Client)> {
        let mut guard = self.client.lock().await;
        if let Some(c) = guard.as_ref() {
            return Ok(c.clone());
        }
        let settings = self.settings();
        let built = match self.mode().await {
            Mode::Sandbox => {
                let sb = self.ensure_sandbox().await?;
                let client = Client::builder()
                    .api_url(sb.api_url)
                    .prod_url(sb.prod_url)
                    .invoice_key(ApiKey::new(ninjapay_sandbox::INVOICE_KEY))
                    .admin_key(ApiKey::new(ninjapay_sandbox::ADMIN_KEY))
                    .timeout(settings.timeout())
                    .observer(self.budget.clone())
                    .build()?;
                (Account::Sandbox, client)
            }
            Mode::Live => {
                let account = settings.live_account()?;
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
                let Account::Live { api_url, prod_url } = &account else {
                    unreachable!("live_account is Live")
                };
                let mut b = Client::builder()
                    .api_url(api_url.as_str())
                    .prod_url(prod_url.as_str())
                    .timeout(settings.timeout())
                    .observer(self.budget.clone());
                if let Some(k) = invoice {
                    b = b.invoice_key(k);
                }
                if let Some(k) = admin {
                    b = b.admin_key(k);
                }
                (account, b.build()?)
            }
        };
        *guard = Some(built.clone());
        Ok(built)
    }

    pub async fn status(&self) -> AppStatus {
        let settings = self.settings();
        AppStatus {
            mode: self.mode().await,
            mode_chosen: settings.mode.is_some(),
            account: self.account().await,
            sandbox: self.sandbox_info().await,
            settings_warning: lock(&self.settings).warning(),
            key_store: self.secrets.describe(),
            version: env!("CARGO_PKG_VERSION"),
            admin_only: ninjapay::endpoints::ALL
                .iter()
                .filter(|e| e.key == KeyKind::Admin)
                .map(|e| e.name)
                .collect(),
        }
    }

    pub async fn settings_view(&self) -> SettingsView {
        let mode = self.mode().await;
        let file = lock(&self.settings);
        let s = file.get();
        SettingsView {
            mode,
            mode_chosen: s.mode.is_some(),
            api_url: s.api_url(),
            prod_url: s.prod_url(),
            timeout_secs: s.timeout().as_secs(),
            language: s.language.clone(),
            close_to_tray: s.close_to_tray(),
            start_at_login: s.start_at_login(),
            path: file.path().display().to_string(),
            warning: file.warning(),
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

    /// Change settings the page does not send (the shell's own notes, such as "the tray notice
    /// was shown" or the login item found changed outside the app).
    pub fn update_settings_by_shell(&self, change: impl FnOnce(&mut Settings)) -> AppResult<()> {
        let mut file = lock(&self.settings);
        let mut next = file.get().clone();
        change(&mut next);
        if &next == file.get() {
            return Ok(());
        }
        file.set(next)
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

    /// Save or replace a key. Returns only its masked status.
    pub async fn save_key(
        &self,
        kind: KeyKind,
        raw: zeroize::Zeroizing<String>,
    ) -> AppResult<KeyStatus> {
        let key = validate_key(kind, &raw)?;
        drop(raw);
        let status = KeyStatus::of(kind, Some(&key));
        self.with_secrets(move |s| s.store(kind, key.expose()))
            .await?;
        self.key_changed(status.clone());
        self.invalidate().await;
        log::info!("{} saved to {}", kind.label(), self.secrets.describe());
        Ok(status)
    }

    /// Forget a key (idempotent).
    pub async fn forget_key(&self, kind: KeyKind) -> AppResult<KeyStatus> {
        self.with_secrets(move |s| s.forget(kind)).await?;
        self.key_changed(KeyStatus::of(kind, None));
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
                    "network" | "timeout" | "sandbox" | "redirect" => "unreachable",
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
