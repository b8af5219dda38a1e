//! Watches on disk: one versioned JSON file, replaced atomically (write a temp file in the same
//! directory, fsync, rename), so a crash or `kill -9` leaves either the old or the new file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::kind::{Money, WatchKind, WatchStatus};
use crate::update::WatchError;

/// The file format version this build writes and reads.
pub const STORE_VERSION: u32 = 1;

/// One watch as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredWatch {
    /// Stable id.
    pub id: u64,
    /// What is watched.
    pub kind: WatchKind,
    /// Its tid.
    pub tid: String,
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
            let mut f = fs::File::create(&tmp)?;
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
                id: 2,
                kind: WatchKind::Quote,
                tid: "21066027789".into(),
                started_at: 1_700_000_000_000,
                first_check_ms: 21_500,
                attempt: 4,
                last_checked_at: Some(1_700_000_030_000),
                schedule_pos_ms: 30_500,
                status: WatchStatus::Pending,
                raw_status: Some("pending".into()),
                ended: false,
                error: None,
                amount: None,
                fiat: None,
                label: None,
            }],
        };
        store.save(&file).unwrap();
        assert_eq!(store.load().unwrap(), file);
        // No temp file left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        fs::write(store.path(), b"{not json").unwrap();
        assert_eq!(store.load().unwrap(), StoreFile::default());
        assert!(dir.path().join("sub/watches.json.bad").exists());
    }
}
