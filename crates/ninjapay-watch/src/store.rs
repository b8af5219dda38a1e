//! Watches on disk: one versioned JSON file, replaced atomically (write a temp file in the same
//! directory, fsync, rename), so a crash or `kill -9` leaves either the old or the new file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ninjapay::{Account, Tid};
use serde::{Deserialize, Serialize};

use crate::kind::{Money, WatchKind, WatchRequest, WatchStatus};
use crate::update::WatchError;

/// The file format version this build writes and reads. (`account` was added without a new
/// version: a file written before it loads with `account: None`.)
pub const STORE_VERSION: u32 = 1;

/// One watch as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredWatch {
    /// Stable id.
    pub id: u64,
    /// The account it is checked in; `None` only for a watch read from a file written before
    /// watches had one (it is adopted by the first account made active).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
    /// What is watched.
    pub kind: WatchKind,
    /// Its tid.
    pub tid: Tid,
    /// When the schedule started (unix ms).
    pub started_at: i64,
    /// The schedule's first check, in ms after the start (20,000–25,000).
    pub first_check_ms: u64,
    /// Checks made.
    pub attempt: u32,
    /// The last check (unix ms).
    pub last_checked_at: Option<i64>,
    /// The last scheduled check point reached, in ms after the start (so a restart knows which
    /// checks were missed).
    pub schedule_pos_ms: u64,
    /// Last status.
    pub status: WatchStatus,
    /// Last raw status.
    pub raw_status: Option<String>,
    /// Ended (final, still pending, error or stopped).
    pub ended: bool,
    /// The last error.
    pub error: Option<WatchError>,
    /// Amount, fiat and label as last seen (for notifications).
    pub amount: Option<Money>,
    /// Fiat side.
    pub fiat: Option<Money>,
    /// Description or title.
    pub label: Option<String>,
}

impl StoredWatch {
    /// A new, unchecked watch of `request` (which starts at `now` unless it says otherwise).
    pub fn new(id: u64, request: WatchRequest, now: i64, first_check_ms: u64) -> StoredWatch {
        StoredWatch {
            id,
            account: Some(request.account),
            kind: request.kind,
            tid: request.tid,
            started_at: request.started_at.unwrap_or(now),
            first_check_ms,
            attempt: 0,
            last_checked_at: None,
            schedule_pos_ms: 0,
            status: WatchStatus::Pending,
            raw_status: None,
            ended: false,
            error: None,
            amount: request.amount,
            fiat: request.fiat,
            label: request.label,
        }
    }
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreFile {
    /// [`STORE_VERSION`].
    pub version: u32,
    /// The next id to hand out.
    pub next_id: u64,
    /// Every watch, active and ended (ended ones are kept for the UI until pruned).
    pub watches: Vec<StoredWatch>,
}

impl Default for StoreFile {
    fn default() -> Self {
        StoreFile {
            version: STORE_VERSION,
            next_id: 1,
            watches: Vec::new(),
        }
    }
}

/// Where watches are kept.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// A store at `path` (e.g. `<app data>/watches.json`).
    pub fn new(path: impl Into<PathBuf>) -> Store {
        Store { path: path.into() }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file; a missing file is an empty store. A file that cannot be read (corrupt,
    /// or from a newer version) is moved aside as `*.bad` and an empty store is returned, so the
    /// app still starts.
    pub fn load(&self) -> io::Result<StoreFile> {
        let text = match fs::read(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(StoreFile::default()),
            Err(e) => return Err(e),
        };
        match serde_json::from_slice::<StoreFile>(&text) {
            Ok(f) if f.version <= STORE_VERSION => Ok(f),
            other => {
                tracing::warn!(path = %self.path.display(), ok = other.is_ok(), "unreadable watch store moved aside");
                let _ = fs::rename(&self.path, self.path.with_extension("json.bad"));
                Ok(StoreFile::default())
            }
        }
    }

    /// Replaces the file atomically.
    pub fn save(&self, file: &StoreFile) -> io::Result<()> {
        let dir = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let tmp = self
            .path
            .with_extension(format!("json.tmp{}", std::process::id()));
        let bytes = serde_json::to_vec_pretty(file).map_err(io::Error::other)?;
        {
            // Readable by the user only: the file lists payments.
            let mut options = fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut f = options.open(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, &self.path)?;
        // Make the rename itself durable where the platform allows it.
        #[cfg(unix)]
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_missing_and_corrupt_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("sub/watches.json"));
        assert_eq!(store.load().unwrap(), StoreFile::default());
        let file = StoreFile {
            version: STORE_VERSION,
            next_id: 3,
            watches: vec![StoredWatch {
                attempt: 4,
                last_checked_at: Some(1_700_000_030_000),
                schedule_pos_ms: 30_500,
                raw_status: Some("pending".into()),
                ..StoredWatch::new(
                    2,
                    WatchRequest::new(
                        Account::live("https://api.example", "https://prod.example"),
                        WatchKind::Quote,
                        Tid::parse("21066027789").unwrap(),
                    ),
                    1_700_000_000_000,
                    21_500,
                )
            }],
        };
        store.save(&file).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(store.path()).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "only the user may read the watches: {mode:o}");
        }
        assert_eq!(store.load().unwrap(), file);
        // No temp file left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // The tid and the account keep their text shape on disk.
        let text: serde_json::Value =
            serde_json::from_slice(&fs::read(store.path()).unwrap()).unwrap();
        assert_eq!(text["watches"][0]["tid"], "21066027789");
        assert_eq!(text["watches"][0]["account"]["mode"], "live");
        fs::write(store.path(), b"{not json").unwrap();
        assert_eq!(store.load().unwrap(), StoreFile::default());
        assert!(dir.path().join("sub/watches.json.bad").exists());
    }

    #[test]
    fn a_file_from_before_accounts_loads_with_no_account() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("watches.json"));
        // Exactly what the previous build wrote (no `account`).
        let old = r#"{"version":1,"nextId":8,"watches":[{"id":7,"kind":"payment","tid":"210N1",
            "startedAt":1700000000000,"firstCheckMs":20000,"attempt":1,
            "lastCheckedAt":1700000020050,"schedulePosMs":20000,"status":"pending",
            "rawStatus":"pending","ended":false,"error":null,"amount":null,"fiat":null,
            "label":"Table 4"}]}"#;
        fs::write(store.path(), old).unwrap();
        let file = store.load().unwrap();
        assert_eq!(file.next_id, 8);
        let w = &file.watches[0];
        assert_eq!((w.id, w.account.as_ref()), (7, None));
        assert_eq!(w.tid, Tid::parse("210N1").unwrap());
        // Saved again unchanged, it keeps the old shape.
        store.save(&file).unwrap();
        let text: serde_json::Value =
            serde_json::from_slice(&fs::read(store.path()).unwrap()).unwrap();
        assert!(text["watches"][0].get("account").is_none(), "{text}");
        assert_eq!(store.load().unwrap(), file);
    }
}
